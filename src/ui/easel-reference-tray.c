/* easel-reference-tray.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reference tray keeps the list of reference images and shows it
 * against the current gateway's rules. It refuses at the door only what
 * the gateway could never take (past its limit, or a form it does not
 * accept), checks files on a worker thread, and when the gateway changes
 * under existing references it marks them instead of dropping anything:
 * the Create panel's validation then says why Generate is blocked.
 * Drops, pastes and drags are in easel-reference-tray-dnd.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-reference-preview.h"
#include "easel-reference-tray-private.h"

G_DEFINE_FINAL_TYPE (EaselReferenceTray, easel_reference_tray, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_N_REFERENCES,
  PROP_MAX_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ALL_FORMS (EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_URLS | \
                   EASEL_REFERENCE_FORM_DATA)
/* Local files, pasted images and data: URLs travel as uploads or as data:
 * URLs, the same rule easel_request_validate() applies. */
#define LOCAL_FORMS (EASEL_REFERENCE_FORM_FILES | EASEL_REFERENCE_FORM_DATA)

static void
entry_free (EaselReferenceEntry *entry)
{
  g_cancellable_cancel (entry->cancellable);
  g_object_unref (entry->cancellable);
  easel_reference_unref (entry->reference);
  g_free (entry);
}

/* Why a gateway taking @forms cannot take @reference, or NULL. */
static const char *
form_problem (EaselReference *reference,
              guint           forms)
{
  if (forms == 0)
    return _("This gateway takes no reference images.");

  if (easel_reference_get_kind (reference) == EASEL_REFERENCE_URL)
    return (forms & EASEL_REFERENCE_FORM_URLS)
           ? NULL
           : _("This gateway takes images as files, not links; download the image and add the "
               "file.");

  return (forms & LOCAL_FORMS)
         ? NULL
         : _("This gateway takes image links (https://) only; upload the image somewhere and "
             "paste its link.");
}

static char *
limit_message (guint max_references)
{
  if (max_references == 0)
    return g_strdup (_("This gateway takes no reference images."));

  return g_strdup_printf (ngettext ("This gateway takes at most %u reference image.",
                                    "This gateway takes at most %u reference images.",
                                    max_references),
                          max_references);
}

void
easel_reference_tray_refuse (EaselRefusals *refusals,
                             const char    *message)
{
  if (refusals->n_refused++ == 0)
    refusals->first_message = g_strdup (message);
}

void
easel_reference_tray_emit_refusals (EaselReferenceTray *self,
                                    EaselRefusals      *refusals)
{
  g_autofree char *message = NULL;
  guint others = refusals->n_refused - 1;

  if (refusals->n_refused == 0)
    return;

  if (others == 0)
    message = g_steal_pointer (&refusals->first_message);
  else
    /* Translators: %s is why the first item was refused, a whole sentence. */
    message = g_strdup_printf (ngettext ("%s %u more item was not added either.",
                                         "%s %u more items were not added either.", others),
                               refusals->first_message, others);

  g_clear_pointer (&refusals->first_message, g_free);
  refusals->n_refused = 0;
  g_signal_emit (self, signals[REFUSED], 0, message);
}

static guint
find_entry (EaselReferenceTray *self,
            gpointer            thumbnail_or_cancellable)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      EaselReferenceEntry *entry = g_ptr_array_index (self->entries, i);

      if ((gpointer) entry->thumbnail == thumbnail_or_cancellable ||
          (gpointer) entry->cancellable == thumbnail_or_cancellable)
        return i;
    }

  return G_MAXUINT;
}

static void
remove_entry (EaselReferenceTray *self,
              guint               position)
{
  EaselReferenceEntry *entry = g_ptr_array_steal_index (self->entries, position);

  g_signal_handlers_disconnect_by_data (entry->thumbnail, self);
  gtk_box_remove (self->items_box, GTK_WIDGET (entry->thumbnail));
  entry_free (entry);
}

/* Shows the list against the limits: the count ("7 of 6" in red when a
 * new gateway takes fewer), each tile's problem, and the empty state. */
static void
update_view (EaselReferenceTray *self)
{
  guint n = self->entries->len;
  gboolean over = n > self->max_references;
  g_autofree char *count = NULL;
  g_autofree char *limit = limit_message (self->max_references);

  /* Translators: how many reference images were added, of how many the
   * gateway takes, e.g. "2 of 16". */
  count = g_strdup_printf (_("%u of %u"), n, self->max_references);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), over ? limit : NULL);
  /* Over the limit the count is in full red, not the dimmed grey. */
  if (over)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }

  for (guint i = 0; i < n; i++)
    {
      EaselReferenceEntry *entry = g_ptr_array_index (self->entries, i);
      const char *problem = form_problem (entry->reference, self->reference_forms);

      easel_reference_thumbnail_set_position (entry->thumbnail, i, n);
      easel_reference_thumbnail_set_problem (entry->thumbnail,
                                             problem ? problem : i >= self->max_references
                                                                 ? limit : NULL);
    }

  if (self->max_references == 0 || self->reference_forms == 0)
    gtk_label_set_label (self->drop_zone_label, _("This gateway takes no reference images"));
  else if (!(self->reference_forms & LOCAL_FORMS))
    gtk_label_set_label (self->drop_zone_label, _("Paste or drop image links (https://)"));
  else
    gtk_label_set_label (self->drop_zone_label, _("Drop images here or paste a link"));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "items" : "empty");

  /* Files make no sense to a gateway that takes links only. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tray.add-files",
                                 self->max_references > 0 && (self->reference_forms & LOCAL_FORMS));
}

void
easel_reference_tray_announce (EaselReferenceTray *self,
                               guint               old_n_references)
{
  update_view (self);
  g_signal_emit (self, signals[CHANGED], 0);
  if (self->entries->len != old_n_references)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFERENCES]);
}

static void
on_preview_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GdkTexture) preview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = easel_reference_preview_load_finish (result, &preview, &error);
  guint position;

  self->n_pending--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The entry is found by its load's cancellable: the same reference may
   * be in the list twice, and the entry may be gone already. */
  position = find_entry (self, g_task_get_cancellable (G_TASK (result)));
  if (position == G_MAXUINT)
    return;

  if (!ok)
    {
      guint old_n = self->entries->len;

      remove_entry (self, position);
      easel_reference_tray_announce (self, old_n);
      g_signal_emit (self, signals[REFUSED], 0, error->message);
      return;
    }

  easel_reference_thumbnail_set_preview (
    ((EaselReferenceEntry *) g_ptr_array_index (self->entries, position))->thumbnail, preview);
}

static void
on_thumbnail_move (EaselReferenceThumbnail *thumbnail,
                   int                      offset,
                   EaselReferenceTray      *self)
{
  guint from = find_entry (self, thumbnail);
  int to = (int) from + offset;

  if (from != G_MAXUINT && to >= 0 && to < (int) self->entries->len)
    easel_reference_tray_move (self, from, to);
}

static void
on_thumbnail_remove (EaselReferenceThumbnail *thumbnail,
                     EaselReferenceTray      *self)
{
  guint position = find_entry (self, thumbnail);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && (focus == GTK_WIDGET (thumbnail) ||
                                         gtk_widget_is_ancestor (focus, GTK_WIDGET (thumbnail)));

  if (position == G_MAXUINT)
    return;

  easel_reference_tray_remove (self, position);

  /* Focus stays in the row, on the tile that took the removed one's
   * place, so Delete can be pressed again. */
  if (had_focus)
    {
      guint n = self->entries->len;

      if (n > 0)
        gtk_widget_grab_focus (GTK_WIDGET (easel_reference_tray_get_thumbnail (
                                 self, MIN (position, n - 1))));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
    }
}

gboolean
easel_reference_tray_insert (EaselReferenceTray  *self,
                             EaselReference      *reference,
                             guint                position,
                             gboolean             check,
                             GError             **error)
{
  EaselReferenceEntry *entry;
  GtkWidget *sibling;

  g_assert (position <= self->entries->len);

  if (check)
    {
      /* A full tray refuses anything, so the limit is the reason given. */
      gboolean full = self->entries->len >= self->max_references;
      const char *problem = full ? NULL : form_problem (reference, self->reference_forms);

      if (full || problem != NULL)
        {
          g_autofree char *name = easel_reference_display_name (reference);
          g_autofree char *limit = limit_message (self->max_references);

          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       /* Translators: %s is a file name or a host, then why, a sentence. */
                       _("“%s” was not added. %s"), name, problem ? problem : limit);
          return FALSE;
        }
    }

  entry = g_new0 (EaselReferenceEntry, 1);
  entry->reference = easel_reference_ref (reference);
  entry->cancellable = g_cancellable_new ();
  entry->thumbnail = EASEL_REFERENCE_THUMBNAIL (easel_reference_thumbnail_new (reference));
  g_signal_connect (entry->thumbnail, "move", G_CALLBACK (on_thumbnail_move), self);
  g_signal_connect (entry->thumbnail, "remove", G_CALLBACK (on_thumbnail_remove), self);
  easel_reference_tray_attach_drag (self, entry->thumbnail);

  sibling = position == 0
            ? NULL
            : GTK_WIDGET (((EaselReferenceEntry *) g_ptr_array_index (self->entries,
                                                                      position - 1))->thumbnail);
  gtk_box_insert_child_after (self->items_box, GTK_WIDGET (entry->thumbnail), sibling);
  g_ptr_array_insert (self->entries, position, entry);

  if (easel_reference_get_kind (reference) != EASEL_REFERENCE_URL)
    {
      self->n_pending++;
      easel_reference_preview_load_async (reference, entry->cancellable, on_preview_loaded,
                                          g_object_ref (self));
    }

  return TRUE;
}

static void
apply_profile (EaselReferenceTray *self)
{
  const EaselProfileLimits *limits = self->profile ? easel_profile_get_limits (self->profile)
                                                   : NULL;
  guint max_references = limits ? MIN (limits->max_references, EASEL_MAX_REFERENCES)
                                 : EASEL_MAX_REFERENCES;

  self->reference_forms = limits ? limits->reference_forms : ALL_FORMS;
  if (self->max_references != max_references)
    {
      self->max_references = max_references;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REFERENCES]);
    }

  update_view (self);
}

/* --- adding files through the file chooser ---------------------------- */

static void
add_chosen_files (EaselReferenceTray *self,
                  GListModel         *files)
{
  g_autoslist(GFile) list = NULL;
  EaselRefusals refusals = { 0 };

  for (guint i = g_list_model_get_n_items (files); i > 0; i--)
    list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));

  easel_reference_tray_add_files (self, list, &refusals);
  easel_reference_tray_emit_refusals (self, &refusals);
}

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* The three formats every gateway takes (DESIGN.md §4). */
  gtk_file_filter_set_name (filter, _("PNG, JPEG and WebP Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EaselReferenceTray) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);
  if (files != NULL)
    add_chosen_files (self, files);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = image_filter ();
  GtkRoot *root = gtk_widget_get_root (widget);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Add Reference Images"));
  gtk_file_dialog_set_accept_label (dialog, _("_Add"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open_multiple (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->cancellable, on_files_chosen, g_object_ref (self));
}
#else
static void
on_chooser_response (GtkNativeDialog    *chooser,
                     int                 response,
                     EaselReferenceTray *self)
{
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_chosen_files (self, files);
    }
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (widget);
  g_autoptr(GtkFileFilter) filter = image_filter ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Add Reference Images"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
#endif

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  easel_reference_tray_paste (EASEL_REFERENCE_TRAY (widget), gtk_widget_get_clipboard (widget));
}

/* --- GObject ----------------------------------------------------------- */

static void
easel_reference_tray_dispose (GObject *object)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  g_cancellable_cancel (self->cancellable);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
#endif
  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_clear_object (&self->profile);
  if (self->entries != NULL)
    g_ptr_array_set_size (self->entries, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), EASEL_TYPE_REFERENCE_TRAY);
  {
    GtkWidget *child;

    /* The tray's own box is not a bound template child, so it is ours to
     * unparent. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (easel_reference_tray_parent_class)->dispose (object);
}

static void
easel_reference_tray_finalize (GObject *object)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (easel_reference_tray_parent_class)->finalize (object);
}

static void
easel_reference_tray_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_N_REFERENCES:
      g_value_set_uint (value, self->entries->len);
      break;
    case PROP_MAX_REFERENCES:
      g_value_set_uint (value, self->max_references);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_reference_tray_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EaselReferenceTray *self = EASEL_REFERENCE_TRAY (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      easel_reference_tray_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_reference_tray_class_init (EaselReferenceTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = easel_reference_tray_dispose;
  object_class->finalize = easel_reference_tray_finalize;
  object_class->get_property = easel_reference_tray_get_property;
  object_class->set_property = easel_reference_tray_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, EASEL_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_REFERENCES] =
    g_param_spec_uint ("n-references", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_MAX_REFERENCES] =
    g_param_spec_uint ("max-references", NULL, NULL, 0, EASEL_MAX_REFERENCES,
                       EASEL_MAX_REFERENCES, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EaselReferenceTray::changed:
   *
   * The references or their order changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EaselReferenceTray::refused:
   * @message: what was not added or was removed, and why; for a toast
   */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "tray.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "tray.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "tray.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK,
                                       "tray.paste", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/easel-reference-tray.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, EaselReferenceTray, name)
  BIND (count_label);
  BIND (add_button);
  BIND (stack);
  BIND (drop_zone_label);
  BIND (scroller);
  BIND (items_box);
#undef BIND

  g_type_ensure (EASEL_TYPE_REFERENCE_THUMBNAIL);
}

static void
easel_reference_tray_init (EaselReferenceTray *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->cancellable = g_cancellable_new ();
  self->max_references = EASEL_MAX_REFERENCES;
  self->reference_forms = ALL_FORMS;

  easel_reference_tray_init_dnd (self);
  update_view (self);
}

/* --- public API -------------------------------------------------------- */

GtkWidget *
easel_reference_tray_new (void)
{
  return g_object_new (EASEL_TYPE_REFERENCE_TRAY, NULL);
}

EaselProfile *
easel_reference_tray_get_profile (EaselReferenceTray *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);
  return self->profile;
}

/**
 * easel_reference_tray_set_profile:
 * @self: a tray
 * @profile: (nullable): the gateway the references are for
 *
 * Shows the references against @profile's limits, and follows later edits
 * of them. References the profile cannot take are kept and marked.
 */
void
easel_reference_tray_set_profile (EaselReferenceTray *self,
                                  EaselProfile       *profile)
{
  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (profile == NULL || EASEL_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_data (self->profile, self);
  g_set_object (&self->profile, profile);
  if (profile != NULL)
    g_signal_connect_swapped (profile, "changed", G_CALLBACK (apply_profile), self);

  apply_profile (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

GPtrArray *
easel_reference_tray_get_references (EaselReferenceTray *self)
{
  GPtrArray *references;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);

  references = g_ptr_array_new_full (self->entries->len, (GDestroyNotify) easel_reference_unref);
  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (references, easel_reference_ref (
                       ((EaselReferenceEntry *) g_ptr_array_index (self->entries, i))->reference));

  return references;
}

/**
 * easel_reference_tray_set_references:
 * @self: a tray
 * @references: (element-type EaselReference) (nullable): the new list
 *
 * Replaces every reference, as Reuse Parameters does. Nothing is refused
 * here: what the gateway cannot take is marked, and files are still
 * checked as they load.
 */
void
easel_reference_tray_set_references (EaselReferenceTray *self,
                                     GPtrArray          *references)
{
  guint old_n;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));

  old_n = self->entries->len;
  while (self->entries->len > 0)
    remove_entry (self, self->entries->len - 1);
  for (guint i = 0; references != NULL && i < references->len; i++)
    easel_reference_tray_insert (self, g_ptr_array_index (references, i), i, FALSE, NULL);

  easel_reference_tray_announce (self, old_n);
}

guint
easel_reference_tray_get_n_references (EaselReferenceTray *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), 0);
  return self->entries->len;
}

gboolean
easel_reference_tray_add (EaselReferenceTray  *self,
                          EaselReference      *reference,
                          gboolean             first,
                          GError             **error)
{
  guint old_n;

  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_n = self->entries->len;
  if (!easel_reference_tray_insert (self, reference, first ? 0 : old_n, TRUE, error))
    return FALSE;

  easel_reference_tray_announce (self, old_n);
  return TRUE;
}

void
easel_reference_tray_remove (EaselReferenceTray *self,
                             guint               position)
{
  guint old_n;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (position < self->entries->len);

  old_n = self->entries->len;
  remove_entry (self, position);
  easel_reference_tray_announce (self, old_n);
}

/**
 * easel_reference_tray_move:
 * @self: a tray
 * @from: a reference's position
 * @to: the position it is to have afterwards
 */
void
easel_reference_tray_move (EaselReferenceTray *self,
                           guint               from,
                           guint               to)
{
  EaselReferenceEntry *entry;
  GtkWidget *sibling;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));
  g_return_if_fail (from < self->entries->len);
  g_return_if_fail (to < self->entries->len);

  if (from == to)
    return;

  entry = g_ptr_array_steal_index (self->entries, from);
  g_ptr_array_insert (self->entries, to, entry);

  /* Reordered in place, not removed and added, so keyboard focus stays on
   * the tile being moved. */
  sibling = to == 0
            ? NULL
            : GTK_WIDGET (((EaselReferenceEntry *) g_ptr_array_index (self->entries,
                                                                      to - 1))->thumbnail);
  gtk_box_reorder_child_after (self->items_box, GTK_WIDGET (entry->thumbnail), sibling);

  easel_reference_tray_announce (self, self->entries->len);
}

void
easel_reference_tray_clear (EaselReferenceTray *self)
{
  guint old_n;

  g_return_if_fail (EASEL_IS_REFERENCE_TRAY (self));

  old_n = self->entries->len;
  if (old_n == 0)
    return;

  while (self->entries->len > 0)
    remove_entry (self, self->entries->len - 1);
  easel_reference_tray_announce (self, old_n);
}

guint
easel_reference_tray_get_n_pending (EaselReferenceTray *self)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), 0);
  return self->n_pending;
}

EaselReferenceThumbnail *
easel_reference_tray_get_thumbnail (EaselReferenceTray *self,
                                    guint               position)
{
  g_return_val_if_fail (EASEL_IS_REFERENCE_TRAY (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return ((EaselReferenceEntry *) g_ptr_array_index (self->entries, position))->thumbnail;
}

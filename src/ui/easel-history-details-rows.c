/* easel-history-details-rows.c: the parameters, usage and file of a generation
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each property is a caption over its value, the way GNOME's properties
 * sidebars lay them out: values wrap in a narrow pane instead of being
 * squeezed beside their names. A value that is not known hides its row,
 * and a group with no row left hides too, so nothing shows a blank. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-history-details-private.h"
#include "easel-pricing.h"

typedef enum
{
  GROUP_GENERATION,
  GROUP_PARAMETERS,
  GROUP_USAGE,
  GROUP_FILE,
} Group;

static const struct
{
  const char *title;
  Group       group;
  gboolean    selectable;
} row_info[EASEL_DETAILS_N_ROWS] = {
  [EASEL_DETAILS_ROW_GATEWAY] = { N_("Gateway"), GROUP_GENERATION, FALSE },
  [EASEL_DETAILS_ROW_MODEL] = { N_("Model"), GROUP_GENERATION, TRUE },
  [EASEL_DETAILS_ROW_STATE] = { N_("State"), GROUP_GENERATION, FALSE },
  [EASEL_DETAILS_ROW_CREATED] = { N_("Created"), GROUP_GENERATION, FALSE },
  [EASEL_DETAILS_ROW_SIZE] = { N_("Size"), GROUP_PARAMETERS, FALSE },
  [EASEL_DETAILS_ROW_QUALITY] = { N_("Quality"), GROUP_PARAMETERS, FALSE },
  [EASEL_DETAILS_ROW_FORMAT] = { N_("Format"), GROUP_PARAMETERS, FALSE },
  [EASEL_DETAILS_ROW_BACKGROUND] = { N_("Background"), GROUP_PARAMETERS, FALSE },
  [EASEL_DETAILS_ROW_MODERATION] = { N_("Moderation"), GROUP_PARAMETERS, FALSE },
  [EASEL_DETAILS_ROW_IMAGES] = { N_("Images"), GROUP_PARAMETERS, FALSE },
  [EASEL_DETAILS_ROW_TOKENS] = { N_("Tokens"), GROUP_USAGE, FALSE },
  [EASEL_DETAILS_ROW_COST] = { N_("Cost"), GROUP_USAGE, FALSE },
  [EASEL_DETAILS_ROW_SUBMITTED] = { N_("Time to Submit"), GROUP_USAGE, FALSE },
  [EASEL_DETAILS_ROW_RECEIVED] = { N_("Time to Receive"), GROUP_USAGE, FALSE },
  [EASEL_DETAILS_ROW_TOTAL_TIME] = { N_("Total Time"), GROUP_USAGE, FALSE },
  [EASEL_DETAILS_ROW_FILE_SIZE] = { N_("File Size"), GROUP_FILE, FALSE },
  [EASEL_DETAILS_ROW_DIMENSIONS] = { N_("Dimensions"), GROUP_FILE, FALSE },
  [EASEL_DETAILS_ROW_LOCATION] = { N_("Location"), GROUP_FILE, TRUE },
};

static AdwPreferencesGroup *
group_widget (EaselHistoryDetails *self,
              Group                group)
{
  switch (group)
    {
    case GROUP_GENERATION: return self->generation_group;
    case GROUP_PARAMETERS: return self->parameters_group;
    case GROUP_USAGE: return self->usage_group;
    case GROUP_FILE: return self->file_group;
    default: g_assert_not_reached ();
    }
}

/* A caption over a content box; the row's accessible name is the caption. */
static GtkWidget *
property_row_new (const char  *title,
                  GtkWidget  **content)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);
  *content = box;
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
value_row_new (const char  *title,
               gboolean     selectable,
               GtkLabel   **value)
{
  GtkWidget *box;
  GtkWidget *row = property_row_new (title, &box);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  label, NULL, -1);
  *value = GTK_LABEL (label);
  return row;
}

void
easel_history_details_rows_init (EaselHistoryDetails *self)
{
  for (guint i = 0; i < EASEL_DETAILS_N_ROWS; i++)
    {
      self->rows[i] = value_row_new (_(row_info[i].title), row_info[i].selectable,
                                     &self->values[i]);
      adw_preferences_group_add (group_widget (self, row_info[i].group), self->rows[i]);

      /* What went wrong sits right under the state that says it did. */
      if (i == EASEL_DETAILS_ROW_STATE)
        {
          self->error_row = value_row_new (_("Error"), TRUE, &self->error_label);
          gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
          adw_preferences_group_add (self->generation_group, self->error_row);
        }
    }

  self->references_row = property_row_new (_("References"), &self->references_box);
  gtk_box_set_spacing (GTK_BOX (self->references_box), 6);
  adw_preferences_group_add (self->sources_group, self->references_row);
  self->mask_row = property_row_new (_("Mask"), &self->mask_box);
  gtk_box_set_spacing (GTK_BOX (self->mask_box), 6);
  adw_preferences_group_add (self->sources_group, self->mask_row);
}

static void
set_row (EaselHistoryDetails *self,
         EaselDetailsRow      row,
         const char          *value)
{
  gboolean known = value != NULL && *value != '\0';

  gtk_label_set_text (self->values[row], known ? value : "");
  gtk_widget_set_visible (self->rows[row], known);
}

static void
update_groups (EaselHistoryDetails *self)
{
  gboolean any[GROUP_FILE + 1] = { FALSE };

  for (guint i = 0; i < EASEL_DETAILS_N_ROWS; i++)
    any[row_info[i].group] |= gtk_widget_get_visible (self->rows[i]);
  for (guint g = 0; g <= GROUP_FILE; g++)
    gtk_widget_set_visible (GTK_WIDGET (group_widget (self, g)), any[g]);
}

const char *
easel_history_details_get_row_value (EaselHistoryDetails *self,
                                     EaselDetailsRow      row)
{
  g_return_val_if_fail (row < EASEL_DETAILS_N_ROWS, NULL);

  if (!gtk_widget_get_visible (self->rows[row]) ||
      !gtk_widget_get_visible (GTK_WIDGET (group_widget (self, row_info[row].group))))
    return NULL;
  return gtk_label_get_text (self->values[row]);
}

const char *
easel_history_details_get_error_text (EaselHistoryDetails *self)
{
  if (!gtk_widget_get_visible (self->error_row))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/* --- formatting ---------------------------------------------------------------- */

static char *
format_size (EaselRequest *request)
{
  const char *size = easel_request_get_size (request);
  int width, height;

  if (easel_size_parse_pixels (size, &width, &height, NULL))
    /* Translators: a size in pixels, width × height. */
    return g_strdup_printf (_("%d × %d"), width, height);
  if (easel_size_is_auto (size))
    return g_strdup (_("Auto"));
  if (easel_size_is_ratio (size))
    /* Translators: a ratio and a resolution tier, e.g. "16:9 at 2k". */
    return g_strdup_printf (_("%s at %s"), size,
                            easel_resolution_to_string (easel_request_get_resolution (request)));
  return g_strdup (size);
}

static const char *
quality_text (EaselQuality quality)
{
  switch (quality)
    {
    case EASEL_QUALITY_LOW: return _("Low");
    case EASEL_QUALITY_MEDIUM: return _("Medium");
    case EASEL_QUALITY_HIGH: return _("High");
    case EASEL_QUALITY_AUTO:
    default: return _("Auto");
    }
}

static char *
format_format (EaselRequest *request)
{
  EaselOutputFormat format = easel_request_get_output_format (request);
  int compression = easel_request_get_output_compression (request);
  const char *name;

  switch (format)
    {
    case EASEL_OUTPUT_FORMAT_JPEG: name = "JPEG"; break;
    case EASEL_OUTPUT_FORMAT_WEBP: name = "WebP"; break;
    case EASEL_OUTPUT_FORMAT_PNG:
    default: name = "PNG"; break;
    }

  /* PNG is lossless: a compression set for another format says nothing. */
  if (compression >= 0 && format != EASEL_OUTPUT_FORMAT_PNG)
    /* Translators: an image format and its compression, e.g. "JPEG, 80 % compression". */
    return g_strdup_printf (_("%s, %d %% compression"), name, compression);
  return g_strdup (name);
}

static const char *
background_text (EaselBackground background)
{
  switch (background)
    {
    case EASEL_BACKGROUND_OPAQUE: return _("Opaque");
    case EASEL_BACKGROUND_TRANSPARENT: return _("Transparent");
    case EASEL_BACKGROUND_AUTO:
    default: return _("Auto");
    }
}

static const char *
state_text (EaselHistoryState state)
{
  switch (state)
    {
    case EASEL_HISTORY_PENDING: return _("Waiting for the gateway");
    case EASEL_HISTORY_FAILED: return _("Failed");
    case EASEL_HISTORY_CANCELLED: return _("Cancelled");
    case EASEL_HISTORY_EXPIRED: return _("Expired");
    case EASEL_HISTORY_STORED:
    default: return _("Completed");
    }
}

static char *
format_images (EaselHistoryDetails *self)
{
  guint received = self->entry->images->len;
  guint asked = self->request != NULL ? easel_request_get_n (self->request) : received;

  if (asked == 0)
    return NULL;
  if (received == asked)
    return g_strdup_printf ("%u", asked);
  /* Translators: images that arrived of those asked for, e.g. "1 of 2 received". */
  return g_strdup_printf (_("%u of %u received"), received, asked);
}

static char *
format_count (gint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  GString *text = g_string_new (NULL);
  gsize length = strlen (digits);

  /* Thin spaces group the digits: readable in every locale, unlike a
   * comma or a full stop that some read as a decimal mark. */
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (text, "\u2009");
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

static char *
format_tokens (EaselHistoryEntry *entry)
{
  GString *text = g_string_new (NULL);
  const struct { gint64 count; const char *format; } parts[] = {
    /* Translators: tokens sent to the model, e.g. "1 024 in". */
    { entry->input_tokens, N_("%s in") },
    /* Translators: tokens the model produced, e.g. "4 160 out". */
    { entry->output_tokens, N_("%s out") },
    /* Translators: all tokens billed, e.g. "5 184 total". */
    { entry->total_tokens, N_("%s total") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *count = NULL;

      if (parts[i].count < 0)
        continue;
      count = format_count (parts[i].count);
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _(parts[i].format), count);
    }
  return g_string_free (text, text->len == 0);
}

static char *
format_duration (gint64 ms)
{
  if (ms < 0)
    return NULL;
  if (ms < 60 * 1000)
    /* Translators: a duration in seconds with one decimal, e.g. "41.8 s". */
    return g_strdup_printf (_("%.1f s"), ms / 1000.0);
  /* Translators: a duration in minutes and seconds, e.g. "3 min 12 s". */
  return g_strdup_printf (_("%u min %u s"), (guint) (ms / 60000), (guint) (ms / 1000 % 60));
}

char *
easel_history_details_format_created (gint64 created_at)
{
  g_autoptr(GDateTime) time = NULL;

  if (created_at <= 0)
    return NULL;
  time = g_date_time_new_from_unix_local (created_at / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;
  /* Translators: when a generation was made, a g_date_time_format()
   * format, e.g. "3 November 2026, 14:05". */
  return g_date_time_format (time, _("%-d %B %Y, %H:%M"));
}

static char *
format_gateway (EaselHistoryEntry *entry)
{
  const char *name = entry->profile_name != NULL ? entry->profile_name : entry->profile_id;

  if (name == NULL)
    return g_strdup (entry->dialect);
  if (entry->dialect == NULL || g_str_equal (entry->dialect, name))
    return g_strdup (name);
  /* Translators: a gateway's name and its protocol, e.g. "OpenAI (openai)". */
  return g_strdup_printf (_("%s (%s)"), name, entry->dialect);
}

/* --- all rows ------------------------------------------------------------------ */

void
easel_history_details_fill_rows (EaselHistoryDetails *self)
{
  EaselHistoryEntry *entry = self->entry;
  EaselRequest *request = self->request;
  g_autofree char *gateway = format_gateway (entry);
  g_autofree char *created = easel_history_details_format_created (entry->created_at);
  g_autofree char *size = request != NULL ? format_size (request) : NULL;
  g_autofree char *format = request != NULL ? format_format (request) : NULL;
  g_autofree char *images = format_images (self);
  g_autofree char *tokens = format_tokens (entry);
  g_autofree char *cost = NULL;
  g_autofree char *submitted = format_duration (entry->started_ms);
  g_autofree char *received = format_duration (entry->received_ms);
  g_autofree char *total = format_duration (entry->finished_ms);
  gboolean failed = entry->state == EASEL_HISTORY_FAILED || entry->state == EASEL_HISTORY_EXPIRED;
  gboolean ended_badly = failed || entry->state == EASEL_HISTORY_CANCELLED;
  gboolean has_error = ended_badly && entry->error != NULL && *entry->error != '\0';

  /* Costs are always shown: "Unknown" is itself worth knowing when the
   * gateway publishes no prices. */
  cost = entry->cost >= 0 ? easel_pricing_format (entry->cost, entry->currency)
                          : g_strdup (_("Unknown"));

  set_row (self, EASEL_DETAILS_ROW_GATEWAY, gateway);
  set_row (self, EASEL_DETAILS_ROW_MODEL, request != NULL ? easel_request_get_model (request)
                                                          : NULL);
  set_row (self, EASEL_DETAILS_ROW_STATE, state_text (entry->state));
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->values[EASEL_DETAILS_ROW_STATE]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->values[EASEL_DETAILS_ROW_STATE]), "error");
  gtk_label_set_text (self->error_label, has_error ? entry->error : "");
  gtk_widget_set_visible (self->error_row, has_error);
  set_row (self, EASEL_DETAILS_ROW_CREATED, created);

  set_row (self, EASEL_DETAILS_ROW_SIZE, size);
  set_row (self, EASEL_DETAILS_ROW_QUALITY,
           request != NULL ? quality_text (easel_request_get_quality (request)) : NULL);
  set_row (self, EASEL_DETAILS_ROW_FORMAT, format);
  set_row (self, EASEL_DETAILS_ROW_BACKGROUND,
           request != NULL ? background_text (easel_request_get_background (request)) : NULL);
  set_row (self, EASEL_DETAILS_ROW_MODERATION,
           request == NULL ? NULL
           : easel_request_get_moderation (request) == EASEL_MODERATION_LOW ? _("Low")
           : _("Auto"));
  set_row (self, EASEL_DETAILS_ROW_IMAGES, images);

  set_row (self, EASEL_DETAILS_ROW_TOKENS, tokens);
  set_row (self, EASEL_DETAILS_ROW_COST, cost);
  set_row (self, EASEL_DETAILS_ROW_SUBMITTED, submitted);
  set_row (self, EASEL_DETAILS_ROW_RECEIVED, received);
  set_row (self, EASEL_DETAILS_ROW_TOTAL_TIME, total);

  easel_history_details_fill_sources (self);
  easel_history_details_fill_file_rows (self);
}

void
easel_history_details_fill_file_rows (EaselHistoryDetails *self)
{
  EaselHistoryImage *image = easel_history_details_current_image (self);
  g_autofree char *file_size = NULL;
  g_autofree char *dimensions = NULL;

  if (self->entry == NULL)
    return;

  if (self->file_size >= 0)
    file_size = g_format_size (self->file_size);
  if (image != NULL && image->width > 0 && image->height > 0)
    /* Translators: an image's size in pixels, width × height. */
    dimensions = g_strdup_printf (_("%d × %d pixels"), image->width, image->height);

  set_row (self, EASEL_DETAILS_ROW_FILE_SIZE, file_size);
  set_row (self, EASEL_DETAILS_ROW_DIMENSIONS, dimensions);
  set_row (self, EASEL_DETAILS_ROW_LOCATION, image != NULL ? image->path : NULL);
  update_groups (self);
}

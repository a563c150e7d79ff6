/* test-history-view.c: the History page against real stores of real images: the grid,
 * search, filters, paging, delete with undo, following the store, the empty
 * states, and screenshots
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "easel-application.h"
#include "easel-history-details.h"
#include "easel-history-tile.h"
#include "easel-history-view-private.h"
#include "easel-test-files.h"
#include "easel-test-utils.h"

static EaselApplication *app;
static int status;

typedef struct
{
  char             *dir;
  EaselHistory     *history;
  GtkWindow        *window;
  AdwToastOverlay  *overlay;
  EaselHistoryView *view;
  GPtrArray        *toasts;     /* (element-type AdwToast) as the view emitted them */
  GArray           *ids;        /* seeded ids, in the order seeded */
  GPtrArray        *entries;    /* (element-type EaselHistoryEntry) as seeded */
  guint             n_seeded;
} Fixture;

/* Waiting */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

#define WAIT_RESULT(res, what) easel_test_wait_until (pointer_set, &(res), what)

static GListModel *
model (Fixture *f)
{
  return G_LIST_MODEL (f->view->model);
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (model (f));
}

static gboolean
view_settled (gpointer data)
{
  Fixture *f = data;

  return !easel_history_view_get_loading (f->view) && easel_history_model_get_loaded (
    f->view->model);
}

static void
wait_settled (Fixture *f)
{
  easel_test_wait_until (view_settled, f, "the history view to finish reading");
}

typedef struct
{
  Fixture *f;
  guint    n;
} Count;

static gboolean
has_n_items (gpointer data)
{
  Count *count = data;

  return view_settled (count->f) && n_items (count->f) == count->n;
}

static void
wait_n_items (Fixture *f,
              guint    n)
{
  Count count = { f, n };

  easel_test_wait_until (has_n_items, &count, "the grid to hold the expected number of tiles");
}

static EaselHistoryEntry *
entry_at (Fixture *f,
          guint    position)
{
  g_autoptr(EaselHistoryItem) item = g_list_model_get_item (model (f), position);

  g_assert_nonnull (item);
  return easel_history_item_get_entry (item);   /* the model keeps it */
}

/* The prompts the grid shows, in order, joined by "|". */
static char *
shown_prompts (Fixture *f)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_items (f); i++)
    {
      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append (text, entry_at (f, i)->prompt);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

static void
collect_tiles (GtkWidget *widget,
               GPtrArray *tiles)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (EASEL_IS_HISTORY_TILE (c))
        {
          if (gtk_widget_get_visible (gtk_widget_get_parent (c))
              && easel_history_tile_get_item (EASEL_HISTORY_TILE (c)) != NULL)
            g_ptr_array_add (tiles, c);
        }
      else
        collect_tiles (c, tiles);
    }
}

static EaselHistoryTile *
tile_for (Fixture *f,
          gint64   id)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();

  collect_tiles (GTK_WIDGET (f->view->grid_view), tiles);
  for (guint i = 0; i < tiles->len; i++)
    if (easel_history_item_get_id (easel_history_tile_get_item (tiles->pdata[i])) == id)
      return tiles->pdata[i];
  return NULL;
}

static gboolean
thumbnails_loaded (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();

  collect_tiles (GTK_WIDGET (f->view->grid_view), tiles);
  if (tiles->len == 0)
    return FALSE;
  for (guint i = 0; i < tiles->len; i++)
    {
      EaselHistoryEntry *entry = easel_history_item_get_entry (
        easel_history_tile_get_item (tiles->pdata[i]));
      GtkWidget *placeholder = child (tiles->pdata[i], EASEL_TYPE_HISTORY_TILE, "placeholder");

      /* Settled: a picture, or a placeholder saying why not. */
      if (entry->images->len > 0 && !easel_history_tile_has_thumbnail (tiles->pdata[i])
          && !gtk_widget_get_visible (placeholder))
        return FALSE;
    }
  return TRUE;
}

static void
wait_thumbnails (Fixture *f)
{
  easel_test_wait_until (thumbnails_loaded, f, "the visible thumbnails to load");
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
}

/* Seeding real files */

static guint32
colour_for (guint n)
{
  static const guint32 palette[] = {
    0x3584e4, 0x33d17a, 0xf6d32d, 0xff7800, 0xe01b24, 0x9141ac, 0x986a44, 0x26a269,
    0x1c71d8, 0xc061cb, 0x62a0ea, 0xe5a50a,
  };

  return palette[n % G_N_ELEMENTS (palette)];
}

/* A picture with a soft diagonal from @rgb to white, so screenshots look
 * like images, and a centre of pure @rgb that tests read back. */
static void
write_png (const char *path,
           int         width,
           int         height,
           guint32     rgb)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double t = (double) (x + y) / (width + height) * 0.6;
        guint8 *p = pixels + y * stride + x * 3;

        if (abs (x - width / 2) < width / 4 && abs (y - height / 2) < height / 4)
          t = 0;
        p[0] = ((rgb >> 16) & 0xff) + (255 - ((rgb >> 16) & 0xff)) * t;
        p[1] = ((rgb >> 8) & 0xff) + (255 - ((rgb >> 8) & 0xff)) * t;
        p[2] = (rgb & 0xff) + (255 - (rgb & 0xff)) * t;
      }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

typedef struct
{
  const char *prompt;
  gint64      age;          /* µs before now */
  guint       n_images;
  const char *profile_id;
  gboolean    favourite;
  int         parent;       /* 1-based index of an earlier seed, or 0 */
  EaselHistoryState state;
  gboolean    no_thumb;     /* the image itself, scaled, makes the tile */
} Seed;

static gint64
record (Fixture           *f,
        EaselHistoryEntry *entry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  easel_history_record_async (f->history, entry, NULL, store_result, &result);
  WAIT_RESULT (result, "a record");
  id = easel_history_record_finish (f->history, result, &error);
  g_assert_no_error (error);
  return id;
}

static EaselHistoryEntry *
make_entry (Fixture    *f,
            const Seed *seed,
            gint64      now)
{
  EaselHistoryEntry *entry = easel_history_entry_new ();
  guint n = f->n_seeded++;

  entry->prompt = g_strdup (seed->prompt);
  entry->created_at = now - seed->age;
  entry->profile_id = g_strdup (seed->profile_id != NULL ? seed->profile_id : "openai");
  entry->state = seed->state;
  g_assert_cmpint (seed->parent, <=, (int) f->ids->len);
  if (seed->parent > 0)
    entry->parent_id = g_array_index (f->ids, gint64, seed->parent - 1);
  for (guint i = 0; i < seed->n_images; i++)
    {
      g_autofree char *name = g_strdup_printf ("images/%u-%u.png", n, i);
      g_autofree char *thumb_name = g_strdup_printf ("thumbs/%u-%u.png", n, i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *thumb = g_build_filename (f->dir, thumb_name, NULL);
      EaselHistoryImage *image;

      /* The thumbnail's colour differs from the image's, so a test can
       * tell which one the tile shows. */
      write_png (path, 96, 96, colour_for (n + 6));
      if (!seed->no_thumb)
        write_png (thumb, 48, 48, colour_for (n));
      easel_history_entry_add_image (entry, path, "image/png", 96, 96,
                                     seed->no_thumb ? NULL : thumb);
      image = g_ptr_array_index (entry->images, i);
      image->favourite = seed->favourite && i == 0;
    }
  return entry;
}

static void
seed (Fixture    *f,
      const Seed *seeds,
      guint       n_seeds)
{
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n_seeds; i++)
    {
      g_autoptr(EaselHistoryEntry) entry = make_entry (f, &seeds[i], now);
      gint64 id = record (f, entry);

      g_array_append_val (f->ids, id);
      g_ptr_array_add (f->entries, easel_history_entry_ref (entry));
    }
}

/* Many at once: the calls queue on the store's worker without waiting
 * for each other. */
typedef struct
{
  guint done;
  guint wanted;
} Batch;

static void
recorded (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (easel_history_record_finish (EASEL_HISTORY (source), result, &error), >, 0);
  g_assert_no_error (error);
  ((Batch *) user_data)->done++;
}

static gboolean
batch_done (gpointer data)
{
  Batch *batch = data;

  return batch->done == batch->wanted;
}

static void
seed_many (Fixture *f,
           guint    n)
{
  g_autofree char *path = g_build_filename (f->dir, "images", "shared.png", NULL);
  gint64 now = g_get_real_time ();
  Batch batch = { 0, n };

  write_png (path, 32, 32, colour_for (0));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();

      entry->prompt = g_strdup_printf ("generation %u", i);
      /* Seconds apart, the last seeded the newest. */
      entry->created_at = now - (gint64) (n - i) * G_USEC_PER_SEC;
      easel_history_entry_add_image (entry, path, "image/png", 32, 32, NULL);
      easel_history_record_async (f->history, entry, NULL, recorded, &batch);
    }
  easel_test_wait_until (batch_done, &batch, "the seeded generations");
}

/* The fixture */

static void
on_add_toast (EaselHistoryView *view,
              AdwToast         *toast,
              Fixture          *f)
{
  g_ptr_array_add (f->toasts, g_object_ref (toast));
  adw_toast_overlay_add_toast (f->overlay, g_object_ref (toast));
}

static void
open_store (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->history = easel_history_new (f->dir);
  easel_history_open_async (f->history, NULL, store_result, &result);
  WAIT_RESULT (result, "the store to open");
  g_assert_true (easel_history_open_finish (f->history, result, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The worker lets go of its tasks from an idle: wait for the history to go. */
static void
close_store (Fixture *f)
{
  gpointer weak = f->history;

  g_object_add_weak_pointer (G_OBJECT (f->history), &weak);
  g_clear_object (&f->history);
  easel_test_wait_until (pointer_is_null, &weak, "the history to be finalized");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("easel-history-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) easel_history_entry_unref);
  open_store (f);
}

static void
open_view (Fixture *f,
           int      width,
           int      height)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);

  f->view = EASEL_HISTORY_VIEW (easel_history_view_new (f->history, store));
  g_signal_connect (f->view, "add-toast", G_CALLBACK (on_add_toast), f);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->view));
  f->window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f->window),
                                      GTK_WIDGET (f->overlay));
  gtk_window_set_default_size (f->window, width, height);
  gtk_window_present (f->window);
  wait_settled (f);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gpointer weak = f->view;

      g_object_add_weak_pointer (G_OBJECT (f->view), &weak);
      gtk_window_destroy (f->window);
      easel_test_wait_until (pointer_is_null, &weak, "the view to be finalized");
    }
  g_ptr_array_unref (f->toasts);
  g_array_unref (f->ids);
  g_ptr_array_unref (f->entries);
  close_store (f);
  easel_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Pixels */

static guint32
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  const guint8 *p;

  gdk_texture_download (texture, data, (gsize) width * 4);
  p = data + ((gsize) y * width + x) * 4;
  /* Cairo's ARGB32 in native order: B, G, R, A on little-endian. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return (p[2] << 16) | (p[1] << 8) | p[0];
#else
  return (p[1] << 16) | (p[2] << 8) | p[3];
#endif
}

static void
assert_colour_near (guint32 got,
                    guint32 want)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (got >> shift) & 0xff, b = (want >> shift) & 0xff;

      if (ABS (a - b) > 6)
        g_error ("Colour #%06x is not #%06x", got, want);
    }
}

static guint32
tile_centre (EaselHistoryTile *tile)
{
  g_autoptr(GdkTexture) texture = easel_test_render_widget (GTK_WIDGET (tile));

  return pixel_at (texture, gdk_texture_get_width (texture) / 2,
                   gdk_texture_get_height (texture) / 2);
}

/* The tests */

static const Seed grid_seeds[] = {
  { "a lighthouse at dusk, oil painting", 50 * G_USEC_PER_SEC, 1 },
  { "three foxes in the snow", 40 * G_USEC_PER_SEC, 3 },
  { "a teapot shaped like a whale", 30 * G_USEC_PER_SEC, 1, NULL, TRUE },
  { "a harbour at dawn, 4K photograph", 20 * G_USEC_PER_SEC, 0, NULL, FALSE, 0,
    EASEL_HISTORY_FAILED },
  { "a paper crane on a desk", 10 * G_USEC_PER_SEC, 1, NULL, FALSE, 0, EASEL_HISTORY_STORED,
    TRUE },
  { "a tram in the rain, watercolour", 5 * G_USEC_PER_SEC, 0, NULL, FALSE, 0,
    EASEL_HISTORY_PENDING },
};

static void
test_grid (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *prompts = NULL;
  g_autofree char *shot = NULL;
  EaselHistoryTile *tile;
  GtkWidget *label;

  seed (f, grid_seeds, G_N_ELEMENTS (grid_seeds));
  open_view (f, 1000, 700);

  /* Every generation, newest first. */
  g_assert_cmpuint (n_items (f), ==, G_N_ELEMENTS (grid_seeds));
  prompts = shown_prompts (f);
  g_assert_cmpstr (prompts, ==,
                   "a tram in the rain, watercolour|a paper crane on a desk|"
                   "a harbour at dawn, 4K photograph|a teapot shaped like a whale|"
                   "three foxes in the snow|a lighthouse at dusk, oil painting");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "grid");
  wait_thumbnails (f);

  /* The thumbnail, not the image, when there is one; the image otherwise. */
  tile = tile_for (f, g_array_index (f->ids, gint64, 0));
  g_assert_true (easel_history_tile_has_thumbnail (tile));
  assert_colour_near (tile_centre (tile), colour_for (0));
  tile = tile_for (f, g_array_index (f->ids, gint64, 4));
  g_assert_true (easel_history_tile_has_thumbnail (tile));
  assert_colour_near (tile_centre (tile), colour_for (4 + 6));
  g_assert_cmpstr (easel_history_tile_get_label (tile), ==, "a paper crane on a desk");
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (tile)));

  /* ×3 on the generation of three images, and on no other. */
  tile = tile_for (f, g_array_index (f->ids, gint64, 1));
  label = child (tile, EASEL_TYPE_HISTORY_TILE, "count_label");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "×3");
  g_assert_false (gtk_widget_get_visible (child (tile, EASEL_TYPE_HISTORY_TILE, "star")));
  tile = tile_for (f, g_array_index (f->ids, gint64, 0));
  g_assert_false (gtk_widget_get_visible (child (tile, EASEL_TYPE_HISTORY_TILE,
                                                 "count_label")));

  /* The favourite's star. */
  tile = tile_for (f, g_array_index (f->ids, gint64, 2));
  g_assert_true (gtk_widget_get_visible (child (tile, EASEL_TYPE_HISTORY_TILE, "star")));

  /* Without images: the state says why. */
  tile = tile_for (f, g_array_index (f->ids, gint64, 3));
  g_assert_false (easel_history_tile_has_thumbnail (tile));
  g_assert_true (gtk_widget_get_visible (child (tile, EASEL_TYPE_HISTORY_TILE, "placeholder")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (tile, EASEL_TYPE_HISTORY_TILE,
                                                         "state_label"))), ==, "Failed");
  tile = tile_for (f, g_array_index (f->ids, gint64, 5));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (tile, EASEL_TYPE_HISTORY_TILE,
                                                         "state_label"))), ==, "Pending");

  /* A selection shows its generation in the details, beside the grid. */
  g_assert_false (adw_leaflet_get_folded (f->view->leaflet));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->view->selection), 3, TRUE);
  g_assert_cmpint (easel_history_details_get_entry (
                     EASEL_HISTORY_DETAILS (f->view->details))->id, ==,
                   g_array_index (f->ids, gint64, 2));
  g_assert_true (gtk_widget_get_mapped (f->view->details));

  /* Activating (a double click, Enter) selects too. */
  g_signal_emit_by_name (f->view->grid_view, "activate", 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->view->selection), ==, 1);
  g_assert_cmpint (easel_history_details_get_entry (
                     EASEL_HISTORY_DETAILS (f->view->details))->id, ==,
                   g_array_index (f->ids, gint64, 4));

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->view->selection), 3, TRUE);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_save_screenshot (GTK_WIDGET (f->window), "history-view");
}

/* Presses Ctrl+@keyval as a key binding would: finds the class's shortcut
 * and activates it. */
static gboolean
press_ctrl_key (GtkWidget *widget,
                guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GArray     *values)
{
  gboolean loading = easel_history_view_get_loading (EASEL_HISTORY_VIEW (object));

  g_array_append_val (values, loading);
}

typedef struct
{
  Fixture    *f;
  const char *prompts;
} Shown;

static gboolean
shows_prompts (gpointer data)
{
  Shown *shown = data;
  g_autofree char *prompts = NULL;

  if (!view_settled (shown->f))
    return FALSE;
  prompts = shown_prompts (shown->f);
  return g_str_equal (prompts, shown->prompts);
}

static void
wait_prompts (Fixture    *f,
              const char *prompts)
{
  Shown shown = { f, prompts };

  easel_test_wait_until (shows_prompts, &shown, prompts);
}

static gboolean
selects_first (gpointer data)
{
  Fixture *f = data;

  return gtk_single_selection_get_selected (f->view->selection) == 0;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const Seed seeds[] = {
    { "red fox", 40 * G_USEC_PER_SEC, 1 },
    { "blue whale", 30 * G_USEC_PER_SEC, 1 },
    { "red panda", 20 * G_USEC_PER_SEC, 2 },
    { "green frog", 10 * G_USEC_PER_SEC, 1 },
  };
  g_autoptr(GArray) loading = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree char *shot = NULL;
  g_autofree char *all = NULL;
  GtkWidget *focus;
  gulong handler;

  seed (f, seeds, G_N_ELEMENTS (seeds));
  open_view (f, 1000, 700);
  all = shown_prompts (f);
  g_assert_cmpstr (all, ==, "green frog|red panda|blue whale|red fox");
  g_assert_false (gtk_search_bar_get_search_mode (f->view->search_bar));

  /* What the details show stays through a search, and is selected again
   * when the answer has it. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->view->selection), 1, TRUE);
  g_assert_cmpstr (easel_history_details_get_entry (
                     EASEL_HISTORY_DETAILS (f->view->details))->prompt, ==, "red panda");

  /* At once, "loading" around the read. */
  handler = g_signal_connect (f->view, "notify::loading", G_CALLBACK (count_notify), loading);
  easel_history_view_set_search_text (f->view, "red");
  g_assert_true (easel_history_view_get_loading (f->view));
  wait_prompts (f, "red panda|red fox");
  g_signal_handler_disconnect (f->view, handler);
  g_assert_cmpuint (loading->len, ==, 2);
  g_assert_true (g_array_index (loading, gboolean, 0));
  g_assert_false (g_array_index (loading, gboolean, 1));
  g_assert_true (gtk_search_bar_get_search_mode (f->view->search_bar));
  g_assert_cmpstr (gtk_editable_get_text (f->view->search_entry), ==, "red");
  easel_test_wait_until (selects_first, f, "the shown generation to be selected again");
  g_assert_cmpstr (easel_history_details_get_entry (
                     EASEL_HISTORY_DETAILS (f->view->details))->prompt, ==, "red panda");
  wait_thumbnails (f);
  shot = easel_test_save_screenshot (GTK_WIDGET (f->window), "history-view-search");

  /* As typed, after the entry's short pause; the last word is a prefix. */
  gtk_editable_set_text (f->view->search_entry, "wha");
  wait_prompts (f, "blue whale");
  g_assert_null (gtk_single_selection_get_selected_item (f->view->selection));
  g_assert_cmpstr (easel_history_details_get_entry (
                     EASEL_HISTORY_DETAILS (f->view->details))->prompt, ==, "red panda");
  gtk_editable_set_text (f->view->search_entry, "green fr");
  wait_prompts (f, "green frog");

  /* Escape closes the bar and shows everything again. */
  g_signal_emit_by_name (f->view->search_entry, "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (f->view->search_bar));
  g_assert_cmpstr (gtk_editable_get_text (f->view->search_entry), ==, "");
  wait_prompts (f, all);

  /* Ctrl+F opens it, focused. */
  g_assert_true (press_ctrl_key (GTK_WIDGET (f->view), GDK_KEY_f));
  g_assert_true (gtk_search_bar_get_search_mode (f->view->search_bar));
  g_assert_true (gtk_toggle_button_get_active (f->view->search_button));
  easel_test_wait_for_frame (GTK_WIDGET (f->view->search_entry));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus,
                                                          GTK_WIDGET (f->view->search_entry)));

  /* Nothing found: say so, and offer the way back. */
  easel_history_view_set_search_text (f->view, "zebra");
  wait_n_items (f, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "no-matches");
  g_assert_cmpstr (adw_status_page_get_title (f->view->no_matches_page), ==, "No Matches");
  g_signal_emit_by_name (adw_status_page_get_child (f->view->no_matches_page), "clicked");
  wait_prompts (f, all);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "grid");
  g_assert_false (gtk_search_bar_get_search_mode (f->view->search_bar));
}

/* Ages and flags of the filter test's generations, newest first. */
static const Seed filter_seeds[] = {
  { "old city", 400 * G_TIME_SPAN_DAY, 1, "yycode" },
  { "orchard", 45 * G_TIME_SPAN_DAY, 1, "openai" },
  { "meadow edit", 20 * G_TIME_SPAN_DAY, 1, "openai", FALSE, 2 },
  { "meadow", 3 * G_TIME_SPAN_DAY, 1, "yycode", TRUE },
  { "harbour", 60 * G_USEC_PER_SEC, 1, "openai" },
};

typedef gboolean (*Keep) (const Seed *seed,
                          gint64      created_at,
                          gpointer    data);

/* The prompts a filter should leave, worked out from the seeds. */
static char *
expected (gint64   now,
          Keep     keep,
          gpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = G_N_ELEMENTS (filter_seeds) - 1; i >= 0; i--)
    {
      if (!keep (&filter_seeds[i], now - filter_seeds[i].age, data))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '|');
      g_string_append (text, filter_seeds[i].prompt);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
keep_profile (const Seed *seed,
              gint64      created_at,
              gpointer    data)
{
  return g_str_equal (seed->profile_id, data);
}

static gboolean
keep_since (const Seed *seed,
            gint64      created_at,
            gpointer    data)
{
  return created_at >= *(gint64 *) data;
}

static gboolean
keep_favourite (const Seed *seed,
                gint64      created_at,
                gpointer    data)
{
  return seed->favourite;
}

static gboolean
keep_edit (const Seed *seed,
           gint64      created_at,
           gpointer    data)
{
  return seed->parent > 0;
}

static gboolean
keep_edit_of (const Seed *seed,
              gint64      created_at,
              gpointer    data)
{
  return seed->parent > 0 && g_str_equal (seed->profile_id, data);
}

static gint64
local_usec (int year,
            int month,
            int day)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static guint
gateway_position (Fixture    *f,
                  const char *id)
{
  for (guint i = 0; i < f->view->gateway_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (f->view->gateway_ids, i), id))
      return i + 1;
  g_error ("No gateway %s in the filter", id);
}

static void
ensure_profile (const char *preset)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  EaselProfile *added;
  g_autoptr(GError) error = NULL;

  if (easel_profile_store_lookup (store, preset) != NULL)
    return;
  /* (transfer none): the store keeps it. */
  added = easel_profile_store_add_preset (store, preset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_profile_get_id (added), ==, preset);
}

static EaselHistoryView *current_view;

static gboolean
details_show (gpointer data)
{
  EaselHistoryEntry *entry = easel_history_details_get_entry (
    EASEL_HISTORY_DETAILS (current_view->details));

  return entry != NULL && entry->id == *(gint64 *) data;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  g_autoptr(GDateTime) now_time = NULL;
  GListModel *names;
  EaselProfile *yycode;
  gint64 now, since;
  guint position;
  char *want;

  ensure_profile ("openai");
  ensure_profile ("yycode");
  seed (f, filter_seeds, G_N_ELEMENTS (filter_seeds));
  now = g_get_real_time ();
  now_time = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  open_view (f, 1000, 700);
  current_view = f->view;
  g_assert_cmpuint (n_items (f), ==, G_N_ELEMENTS (filter_seeds));

  /* "All Gateways", then each profile by name. */
  names = gtk_drop_down_get_model (f->view->gateway_dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==,
                    1 + g_list_model_get_n_items (easel_profile_store_get_profiles (store)));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "All Gateways");
  position = gateway_position (f, "yycode");
  yycode = easel_profile_store_lookup (store, "yycode");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), position), ==,
                   easel_profile_get_name (yycode));

#define CHECK(keep, data) \
  G_STMT_START { \
    want = expected (now, keep, data); \
    wait_prompts (f, want); \
    g_free (want); \
  } G_STMT_END

  gtk_drop_down_set_selected (f->view->gateway_dropdown, position);
  CHECK (keep_profile, "yycode");
  g_assert_true (easel_history_view_filters_active (f->view));

  /* A rename shows at once and keeps the choice, without a new read. */
  easel_profile_set_name (yycode, "Renamed Gateway");
  g_assert_false (easel_history_view_get_loading (f->view));
  g_assert_cmpuint (gtk_drop_down_get_selected (f->view->gateway_dropdown), ==, position);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), position), ==,
                   "Renamed Gateway");
  easel_profile_set_name (easel_profile_store_lookup (store, "yycode"),
                          easel_profile_preset_name ("yycode"));

  gtk_drop_down_set_selected (f->view->gateway_dropdown, gateway_position (f, "openai"));
  CHECK (keep_profile, "openai");
  gtk_drop_down_set_selected (f->view->gateway_dropdown, 0);

  since = local_usec (g_date_time_get_year (now_time), g_date_time_get_month (now_time),
                      g_date_time_get_day_of_month (now_time));
  gtk_drop_down_set_selected (f->view->date_dropdown, EASEL_HISTORY_DATE_TODAY);
  CHECK (keep_since, &since);
  since = now - 7 * G_TIME_SPAN_DAY;
  gtk_drop_down_set_selected (f->view->date_dropdown, EASEL_HISTORY_DATE_WEEK);
  CHECK (keep_since, &since);
  since = now - 30 * G_TIME_SPAN_DAY;
  gtk_drop_down_set_selected (f->view->date_dropdown, EASEL_HISTORY_DATE_MONTH);
  CHECK (keep_since, &since);
  since = local_usec (g_date_time_get_year (now_time), 1, 1);
  gtk_drop_down_set_selected (f->view->date_dropdown, EASEL_HISTORY_DATE_YEAR);
  CHECK (keep_since, &since);
  gtk_drop_down_set_selected (f->view->date_dropdown, EASEL_HISTORY_DATE_ANY);

  gtk_toggle_button_set_active (f->view->favourites_button, TRUE);
  CHECK (keep_favourite, NULL);
  gtk_toggle_button_set_active (f->view->favourites_button, FALSE);
  gtk_toggle_button_set_active (f->view->edits_button, TRUE);
  CHECK (keep_edit, NULL);

  /* Filters combine. */
  gtk_drop_down_set_selected (f->view->gateway_dropdown, gateway_position (f, "yycode"));
  CHECK (keep_edit_of, "yycode");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "no-matches");
  gtk_drop_down_set_selected (f->view->gateway_dropdown, gateway_position (f, "openai"));
  CHECK (keep_edit_of, "openai");
#undef CHECK

  /* Asked for one the filters leave out (a lineage link): its details
   * show, the grid keeps its own. One the store lacks: nothing. */
  easel_history_view_select (f->view, g_array_index (f->ids, gint64, 4));
  easel_test_wait_until (details_show, &g_array_index (f->ids, gint64, 4),
                         "the filtered-out generation's details");
  g_assert_null (gtk_single_selection_get_selected_item (f->view->selection));
  easel_history_view_select (f->view, 99999);
  wait_settled (f);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (details_show (&g_array_index (f->ids, gint64, 4)));

  /* Clearing resets every control, in one read. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "history.clear-filters", NULL);
  g_assert_false (gtk_toggle_button_get_active (f->view->edits_button));
  g_assert_cmpuint (gtk_drop_down_get_selected (f->view->gateway_dropdown), ==, 0);
  g_assert_false (easel_history_view_filters_active (f->view));
  wait_n_items (f, G_N_ELEMENTS (filter_seeds));

  /* The gateway chosen is removed: all gateways again. */
  gtk_drop_down_set_selected (f->view->gateway_dropdown, gateway_position (f, "yycode"));
  wait_n_items (f, 2);
  yycode = g_object_ref (easel_profile_store_lookup (store, "yycode"));
  position = easel_profile_store_remove (store, "yycode");
  g_assert_cmpuint (gtk_drop_down_get_selected (f->view->gateway_dropdown), ==, 0);
  wait_n_items (f, G_N_ELEMENTS (filter_seeds));
  easel_profile_store_restore (store, yycode, position);
  g_object_unref (yycode);
}

static gboolean
has_more_than (gpointer data)
{
  Count *count = data;

  return n_items (count->f) > count->n;
}

static gboolean
is_selected (gpointer data)
{
  Fixture *f = data;
  EaselHistoryItem *item = gtk_single_selection_get_selected_item (f->view->selection);

  return item != NULL && easel_history_item_get_id (item) == g_array_index (f->ids, gint64, 0);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  const guint n = 2 * EASEL_HISTORY_VIEW_PAGE_SIZE + 100;
  GtkAdjustment *adjustment;
  EaselHistoryQuery query = { .limit = 1 };
  guint scrolls = 0;

  seed_many (f, n);
  open_view (f, 1000, 700);
  /* One page to start with. */
  g_assert_cmpuint (n_items (f), ==, EASEL_HISTORY_VIEW_PAGE_SIZE);
  g_assert_false (easel_history_model_get_complete (f->view->model));

  adjustment = gtk_scrolled_window_get_vadjustment (f->view->scroller);
  while (n_items (f) < n)
    {
      Count count = { f, n_items (f) };

      g_assert_cmpuint (++scrolls, <=, n / EASEL_HISTORY_VIEW_PAGE_SIZE + 1);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
      easel_test_wait_until (has_more_than, &count, "the next page");
      wait_settled (f);
      easel_test_wait_for_frame (GTK_WIDGET (f->view));
    }
  g_assert_cmpuint (n_items (f), ==, n);
  g_assert_true (easel_history_model_get_complete (f->view->model));

  /* Every generation once, newest first. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("generation %u", n - 1 - i);

      g_assert_cmpstr (entry_at (f, i)->prompt, ==, prompt);
    }

  /* A new question starts from one page again; selecting the oldest reads
   * pages until it is there. */
  gtk_toggle_button_set_active (f->view->edits_button, TRUE);
  wait_n_items (f, 0);
  gtk_toggle_button_set_active (f->view->edits_button, FALSE);
  wait_n_items (f, EASEL_HISTORY_VIEW_PAGE_SIZE);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) oldest = NULL;

    query.offset = n - 1;
    easel_history_list_async (f->history, &query, NULL, store_result, &result);
    WAIT_RESULT (result, "the oldest generation");
    oldest = easel_history_list_finish (f->history, result, NULL);
    g_array_append_val (f->ids, ((EaselHistoryEntry *) oldest->pdata[0])->id);
  }
  easel_history_view_select (f->view, g_array_index (f->ids, gint64, 0));
  easel_test_wait_until (is_selected, f, "the oldest generation to be selected");
  g_assert_cmpuint (gtk_single_selection_get_selected (f->view->selection), ==, n - 1);
  g_assert_cmpstr (easel_history_details_get_entry (
                     EASEL_HISTORY_DETAILS (f->view->details))->prompt, ==, "generation 0");
}

static gboolean
has_toasts (gpointer data)
{
  Count *count = data;

  return count->f->toasts->len >= count->n;
}

static gboolean
reload_done (gpointer data)
{
  Fixture *f = data;

  return f->view->reload_id == 0 && view_settled (f);
}

static guint
delete_generation (Fixture *f,
                   gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint token;

  easel_history_delete_async (f->history, id, NULL, store_result, &result);
  WAIT_RESULT (result, "the deletion");
  token = easel_history_delete_finish (f->history, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (token, >, 0);
  return token;
}

static gboolean
undo_shown_again (gpointer data)
{
  Fixture *f = data;
  EaselHistoryItem *item = gtk_single_selection_get_selected_item (f->view->selection);

  return view_settled (f) && n_items (f) == 3 && item != NULL
    && easel_history_item_get_id (item) == g_array_index (f->ids, gint64, 1);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  static const Seed seeds[] = {
    { "first", 30 * G_USEC_PER_SEC, 1 },
    { "a very long prompt about a cathedral made entirely of glass, at noon", 20 *
      G_USEC_PER_SEC, 2 },
    { "third", 10 * G_USEC_PER_SEC, 1 },
  };
  gint64 id;
  guint token, position;
  AdwToast *toast;
  EaselHistoryImage *image;
  Count count;

  seed (f, seeds, G_N_ELEMENTS (seeds));
  open_view (f, 1000, 700);
  id = g_array_index (f->ids, gint64, 1);
  g_assert_true (easel_history_model_find (f->view->model, id, &position));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->view->selection), position, TRUE);

  /* The details deleted it: the tile goes at once, the toast offers undo. */
  token = delete_generation (f, id);
  g_signal_emit_by_name (f->view->details, "deleted", id, token);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_false (easel_history_model_find (f->view->model, id, NULL));
  g_assert_null (gtk_single_selection_get_selected_item (f->view->selection));
  g_assert_null (easel_history_details_get_entry (EASEL_HISTORY_DETAILS (f->view->details)));
  g_assert_cmpuint (f->toasts->len, ==, 1);
  toast = g_ptr_array_index (f->toasts, 0);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "“a very long prompt about a cathedral ma…” deleted");

  /* The store's own "changed" follows and finds it gone too. */
  easel_test_wait_until (reload_done, f, "the reload after the deletion");
  g_assert_cmpuint (n_items (f), ==, 2);

  /* Undo: back, with its files, and shown again. */
  g_signal_emit_by_name (toast, "button-clicked");
  easel_test_wait_until (undo_shown_again, f, "the generation to come back");
  image = g_ptr_array_index (easel_history_details_get_entry (
                               EASEL_HISTORY_DETAILS (f->view->details))->images, 1);
  g_assert_true (g_file_test (image->path, G_FILE_TEST_IS_REGULAR));

  /* An undo that fails says so, and the grid reads the store again. */
  easel_test_wait_until (reload_done, f, "the reload after the undo");
  id = g_array_index (f->ids, gint64, 0);
  g_signal_emit_by_name (f->view->details, "deleted", id, 9999);
  g_assert_cmpuint (n_items (f), ==, 2);
  toast = g_ptr_array_index (f->toasts, 1);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“first” deleted");
  g_signal_emit_by_name (toast, "button-clicked");
  count = (Count) { f, 3 };
  easel_test_wait_until (has_toasts, &count, "the undo's error");
  g_assert_true (g_str_has_prefix (adw_toast_get_title (g_ptr_array_index (f->toasts, 2)),
                                   "Could not undo the deletion: "));
  wait_n_items (f, 3);
  g_assert_true (easel_history_model_find (f->view->model, id, NULL));
}

static gboolean
star_shown (gpointer data)
{
  Fixture *f = data;
  EaselHistoryTile *tile = tile_for (f, g_array_index (f->ids, gint64, 0));

  return tile != NULL && gtk_widget_get_visible (child (tile, EASEL_TYPE_HISTORY_TILE, "star"));
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  static const Seed seeds[] = {
    { "older", 30 * G_USEC_PER_SEC, 1 },
    { "newer", 20 * G_USEC_PER_SEC, 1 },
  };
  static const Seed fresh = { "just made", 0, 2 };
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(GAsyncResult) starred = NULL;
  g_autoptr(GError) error = NULL;
  EaselHistoryImage *image;
  EaselHistoryItem *selected;
  guint position;

  seed (f, seeds, G_N_ELEMENTS (seeds));
  open_view (f, 1000, 700);
  wait_prompts (f, "newer|older");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->view->selection), 1, TRUE);
  selected = gtk_single_selection_get_selected_item (f->view->selection);

  /* A new generation appears on top; the selection stays where it was. */
  entry = make_entry (f, &fresh, g_get_real_time ());
  record (f, entry);
  wait_prompts (f, "just made|newer|older");
  g_assert_true (gtk_single_selection_get_selected_item (f->view->selection) == selected);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->view->selection), ==, 2);

  /* A favourite set elsewhere: the star and the details follow. */
  g_assert_true (easel_history_model_find (f->view->model, g_array_index (f->ids, gint64, 0),
                                           &position));
  g_assert_cmpuint (position, ==, 2);
  image = g_ptr_array_index (entry_at (f, 2)->images, 0);
  g_assert_false (star_shown (f));
  easel_history_set_favourite_async (f->history, image->id, TRUE, NULL, store_result, &starred);
  WAIT_RESULT (starred, "the favourite");
  g_assert_true (easel_history_set_favourite_finish (f->history, starred, &error));
  easel_test_wait_until (star_shown, f, "the star on the tile");
  g_assert_true (easel_history_entry_is_favourite (easel_history_details_get_entry (
                   EASEL_HISTORY_DETAILS (f->view->details))));

  /* Deleted elsewhere: gone from the grid. */
  delete_generation (f, g_array_index (f->ids, gint64, 1));
  wait_prompts (f, "just made|older");
}

static void
on_loading (EaselHistoryView *view,
            GParamSpec       *pspec,
            guint            *queries)
{
  if (easel_history_view_get_loading (view))
    (*queries)++;
}

/* Hidden, the view reads nothing as the store changes; shown again, it
 * reads once and has caught up. */
static void
test_hidden_waits (Fixture       *f,
                   gconstpointer  data)
{
  static const Seed seeds[] = { { "before", 10 * G_USEC_PER_SEC, 1 } };
  static const Seed later = { "while hidden", 0, 1 };
  g_autoptr(EaselHistoryEntry) entry = NULL;
  guint queries = 0;

  seed (f, seeds, G_N_ELEMENTS (seeds));
  open_view (f, 1000, 700);
  wait_prompts (f, "before");
  g_signal_connect (f->view, "notify::loading", G_CALLBACK (on_loading), &queries);

  gtk_widget_set_visible (GTK_WIDGET (f->view), FALSE);
  entry = make_entry (f, &later, g_get_real_time ());
  record (f, entry);
  easel_test_wait_for_frame (GTK_WIDGET (f->window));
  /* Longer than the view's own delay before it reloads. */
  {
    gint64 until = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (queries, ==, 0);
  g_assert_cmpuint (n_items (f), ==, 1);

  gtk_widget_set_visible (GTK_WIDGET (f->view), TRUE);
  wait_prompts (f, "while hidden|before");
  g_assert_cmpuint (queries, ==, 1);
  g_signal_handlers_disconnect_by_func (f->view, on_loading, &queries);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  static const Seed first = { "the very first", 0, 1 };
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autofree char *shot = NULL;

  open_view (f, 1000, 700);
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (f->view->empty_page), ==, "No History Yet");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->view->details_page)));
  g_assert_false (gtk_widget_get_visible (f->view->toolbar));
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_save_screenshot (GTK_WIDGET (f->window), "history-view-empty");

  entry = make_entry (f, &first, g_get_real_time ());
  record (f, entry);
  wait_n_items (f, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "grid");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->details_page)));
  g_assert_true (gtk_widget_get_visible (f->view->toolbar));

  /* With a filter on, an empty answer is "No Matches". */
  gtk_toggle_button_set_active (f->view->favourites_button, TRUE);
  wait_n_items (f, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->content_stack), ==, "no-matches");
}

static int
surface_width (GtkWindow *window)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));
}

static void
test_dark_and_narrow (Fixture       *f,
                      gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_autofree char *shot = NULL;
  double light_mean, dark_mean;
  int border;

  seed (f, grid_seeds, G_N_ELEMENTS (grid_seeds));
  open_view (f, 1000, 700);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->view->selection), 2, TRUE);
  wait_thumbnails (f);
  light = easel_test_render_widget (GTK_WIDGET (f->window));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  shot = easel_test_save_screenshot (GTK_WIDGET (f->window), "history-view-dark");
  dark = easel_test_render_widget (GTK_WIDGET (f->window));
  light_mean = easel_test_texture_luminance (light, NULL);
  dark_mean = easel_test_texture_luminance (dark, NULL);
  g_test_message ("luminance light %.1f, dark %.1f", light_mean, dark_mean);
  g_assert_cmpfloat (light_mean, >, dark_mean + 60);
  adw_style_manager_set_color_scheme (style, scheme);

  /* 360 px of content (without a compositor the surface also holds the
   * window's resize border): everything fits, and the details fold over
   * the grid. */
  border = surface_width (f->window) - gtk_widget_get_width (GTK_WIDGET (f->view));
  gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (f->view->selection), 2);
  g_assert_null (easel_history_details_get_entry (EASEL_HISTORY_DETAILS (f->view->details)));
  gtk_window_set_default_size (f->window, 360 + border, 700);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), ==, 360);
  g_assert_cmpint (surface_width (f->window), ==, 360 + border);
  g_assert_true (adw_leaflet_get_folded (f->view->leaflet));
  g_assert_true (gtk_grid_view_get_single_click_activate (f->view->grid_view));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f->view->leaflet), ==, "grid");
  wait_thumbnails (f);
  g_clear_pointer (&shot, g_free);
  shot = easel_test_save_screenshot (GTK_WIDGET (f->window), "history-view-narrow");

  /* The toggles lose their labels, and are still the same filters. */
  g_assert_true (adw_squeezer_get_visible_child (f->view->toggle_squeezer)
                 == f->view->toggles_narrow);
  gtk_toggle_button_set_active (f->view->favourites_compact_button, TRUE);
  g_assert_true (gtk_toggle_button_get_active (f->view->favourites_button));
  wait_prompts (f, "a teapot shaped like a whale");
  gtk_toggle_button_set_active (f->view->favourites_compact_button, FALSE);
  wait_n_items (f, G_N_ELEMENTS (grid_seeds));

  /* A click (activate, when folded) opens the details; Back returns. */
  g_signal_emit_by_name (f->view->grid_view, "activate", 0);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f->view->leaflet), ==, "details");
  g_assert_true (gtk_widget_get_visible (f->view->details_header));
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  g_clear_pointer (&shot, g_free);
  shot = easel_test_save_screenshot (GTK_WIDGET (f->window), "history-view-narrow-details");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "history.back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (f->view->leaflet), ==, "grid");

  /* Wide again: side by side. */
  gtk_window_set_default_size (f->window, 1000, 700);
  easel_test_wait_for_frame (GTK_WIDGET (f->view));
  g_assert_false (adw_leaflet_get_folded (f->view->leaflet));
  g_assert_false (gtk_widget_get_visible (f->view->details_header));
  g_assert_false (adw_squeezer_get_visible_child (f->view->toggle_squeezer)
                  == f->view->toggles_narrow);
}

/* The CRC of PNG chunks. */
static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint32 be = GUINT32_TO_BE (length);
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (body, (const guint8 *) type, 4);
  g_byte_array_append (body, data, length);
  crc = GUINT32_TO_BE (crc32 (body->data, body->len));
  g_byte_array_append (png, body->data, body->len);
  g_byte_array_append (png, (const guint8 *) &crc, 4);
}

/* A well-formed PNG header claiming @side × @side pixels, and no pixels. */
static void
write_bomb (const char *path,
            guint32     side)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 idat[] = { 0x78, 0x9c, 0x01, 0x00, 0x00, 0xff, 0xff };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  guint32 be = GUINT32_TO_BE (side);

  memcpy (ihdr, &be, 4);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* RGB */
  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat, sizeof idat);
  append_chunk (png, "IEND", NULL, 0);
  g_assert_true (g_file_set_contents (path, (const char *) png->data, png->len, NULL));
}

static GdkTexture *
load_thumbnail (EaselThumbnailCache  *cache,
                const char           *path,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_thumbnail_cache_load_async (cache, path, NULL, store_result, &result);
  WAIT_RESULT (result, "a thumbnail");
  return easel_thumbnail_cache_load_finish (cache, result, error);
}

static void
test_thumbnail_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EaselThumbnailCache) cache = easel_thumbnail_cache_new (2, 64);
  g_autofree char *big = g_build_filename (f->dir, "big.png", NULL);
  g_autofree char *bomb = g_build_filename (f->dir, "bomb.png", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.png", NULL);
  g_autofree char *small = g_build_filename (f->dir, "small.png", NULL);
  g_autofree char *third = g_build_filename (f->dir, "third.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  /* Scaled down to the cache's size, keeping its shape. */
  write_png (big, 300, 150, colour_for (1));
  texture = load_thumbnail (cache, big, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 32);
  assert_colour_near (pixel_at (texture, 32, 16), colour_for (1));
  cached = easel_thumbnail_cache_lookup (cache, big);
  g_assert_true (cached == texture);

  /* Smaller ones as they are. */
  write_png (small, 20, 10, colour_for (2));
  again = load_thumbnail (cache, small, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (again), ==, 20);

  /* The least recently used goes first: big was looked up after small
   * was loaded? No: small is newer, so big is the oldest, and goes. */
  g_clear_object (&again);
  write_png (third, 8, 8, colour_for (3));
  again = load_thumbnail (cache, third, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (easel_thumbnail_cache_get_n_cached (cache), ==, 2);
  g_clear_object (&cached);
  cached = easel_thumbnail_cache_lookup (cache, big);
  g_assert_null (cached);
  cached = easel_thumbnail_cache_lookup (cache, small);
  g_assert_nonnull (cached);

  /* Refused: past the caps (from the header alone), not an image, gone. */
  g_clear_object (&again);
  write_bomb (bomb, 20000);
  again = load_thumbnail (cache, bomb, &error);
  g_assert_null (again);
  g_assert_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (junk, "not a picture at all", -1, NULL));
  again = load_thumbnail (cache, junk, &error);
  g_assert_null (again);
  g_assert_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE);
  g_clear_error (&error);
  g_assert_cmpuint (easel_thumbnail_cache_get_n_cached (cache), ==, 2);

  /* Cancelled before a thread takes it. */
  g_cancellable_cancel (cancellable);
  easel_thumbnail_cache_load_async (cache, big, cancellable, store_result, &cancelled);
  WAIT_RESULT (cancelled, "the cancelled load");
  g_assert_null (easel_thumbnail_cache_load_finish (cache, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static const char *
state_label (EaselHistoryTile *tile)
{
  GtkWidget *placeholder = child (tile, EASEL_TYPE_HISTORY_TILE, "placeholder");

  if (!gtk_widget_get_visible (placeholder))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child (tile, EASEL_TYPE_HISTORY_TILE, "state_label")));
}

static void
test_thumbnail_fallbacks (Fixture       *f,
                          gconstpointer  data)
{
  static const Seed seeds[] = {
    { "damaged thumbnail", 40 * G_USEC_PER_SEC, 1 },
    { "damaged image", 30 * G_USEC_PER_SEC, 1, NULL, FALSE, 0, EASEL_HISTORY_STORED, TRUE },
    { "missing image", 20 * G_USEC_PER_SEC, 1 },
    { "too large", 10 * G_USEC_PER_SEC, 1, NULL, FALSE, 0, EASEL_HISTORY_STORED, TRUE },
  };
  EaselHistoryImage *image;
  EaselHistoryTile *tile;

  seed (f, seeds, G_N_ELEMENTS (seeds));
  image = g_ptr_array_index (((EaselHistoryEntry *) f->entries->pdata[0])->images, 0);
  g_assert_true (g_file_set_contents (image->thumb_path, "damaged", -1, NULL));
  image = g_ptr_array_index (((EaselHistoryEntry *) f->entries->pdata[1])->images, 0);
  g_assert_true (g_file_set_contents (image->path, "damaged", -1, NULL));
  image = g_ptr_array_index (((EaselHistoryEntry *) f->entries->pdata[2])->images, 0);
  g_assert_cmpint (g_unlink (image->path), ==, 0);
  image = g_ptr_array_index (((EaselHistoryEntry *) f->entries->pdata[3])->images, 0);
  write_bomb (image->path, 30000);
  /* The next start finds the file gone. */
  close_store (f);
  open_store (f);

  open_view (f, 1000, 700);
  wait_thumbnails (f);

  /* The image, scaled, when the thumbnail is damaged. */
  tile = tile_for (f, g_array_index (f->ids, gint64, 0));
  g_assert_true (easel_history_tile_has_thumbnail (tile));
  assert_colour_near (tile_centre (tile), colour_for (0 + 6));
  tile = tile_for (f, g_array_index (f->ids, gint64, 1));
  g_assert_cmpstr (state_label (tile), ==, "No Preview");
  tile = tile_for (f, g_array_index (f->ids, gint64, 2));
  g_assert_cmpstr (state_label (tile), ==, "File Missing");
  tile = tile_for (f, g_array_index (f->ids, gint64, 3));
  g_assert_cmpstr (state_label (tile), ==, "No Preview");
}

static void
test_read_error (Fixture       *f,
                 gconstpointer  data)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  Count count = { f, 1 };

  /* A store that was never opened refuses every read. */
  close_store (f);
  f->history = easel_history_new (f->dir);
  f->view = EASEL_HISTORY_VIEW (easel_history_view_new (f->history, store));
  g_signal_connect (f->view, "add-toast", G_CALLBACK (on_add_toast), f);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->view));
  f->window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f->window),
                                      GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
  easel_test_wait_until (has_toasts, &count, "the error toast");
  g_assert_true (g_str_has_prefix (adw_toast_get_title (g_ptr_array_index (f->toasts, 0)),
                                   "Could not read the history: "));
  g_assert_false (easel_history_view_get_loading (f->view));
  g_assert_cmpuint (n_items (f), ==, 0);
}

static void
on_activate (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  easel_test_use_desktop_settings ();
  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/history-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("grid", test_grid);
  ADD ("search", test_search);
  ADD ("filters", test_filters);
  ADD ("paging", test_paging);
  ADD ("delete-undo", test_delete_undo);
  ADD ("follows-store", test_follows_store);
  ADD ("hidden-waits", test_hidden_waits);
  ADD ("empty", test_empty);
  ADD ("dark-and-narrow", test_dark_and_narrow);
  ADD ("thumbnail-cache", test_thumbnail_cache);
  ADD ("thumbnail-fallbacks", test_thumbnail_fallbacks);
  ADD ("read-error", test_read_error);
#undef ADD

  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  return status;
}

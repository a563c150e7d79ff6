/* bench-history.c: the History page over 10,000 generations: the first frame, a
 * search, and the memory after scrolling through all of them
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store is seeded once, by a child process, into a folder under the
 * build dir named by SEED_VERSION, and reused by later runs: seeding is
 * not what is measured, and a fresh process measures without it. Prints
 * one JSON line:
 * {"bench":"history","entries":10000,"first_frame_ms":…,"search_ms":…,"rss_mb":…}
 * and fails when a target is missed: first frame ≤ 500 ms, search ≤ 30 ms,
 * RSS ≤ 250 MB. */

#include "config.h"

#include <stdlib.h>

#include "easel-application.h"
#include "easel-history-private.h"
#include "easel-history-tile.h"
#include "easel-history-view-private.h"
#include "easel-test-utils.h"

#define N_ENTRIES 10000
/* Change when the seeding changes, so an old store is not reused. */
#define SEED_VERSION 1
#define THUMB_SIZE 256
#define N_SEARCHES 9

#define TARGET_FIRST_FRAME_MS 500.0
#define TARGET_SEARCH_MS 30.0
#define TARGET_RSS_MB 250.0

static const char *const subjects[] = {
  "lighthouse", "fox", "teapot", "harbour", "cathedral", "orchard", "tram", "meadow",
  "crane", "whale", "violin", "glacier", "market", "robot", "garden", "bridge",
};
static const char *const adjectives[] = {
  "misty", "golden", "tiny", "ancient", "neon", "quiet", "stormy", "paper", "velvet", "frozen",
  "sunlit", "crimson",
};
static const char *const times[] = { "dawn", "noon", "dusk", "midnight", "twilight" };
static const char *const styles[] = {
  "oil painting", "watercolour", "35mm photograph", "pencil sketch", "isometric render",
  "woodcut", "pastel drawing", "cinematic still",
};

static EaselApplication *app;
static char *store_dir;
static int status;

/* Seeding (in a child process) */

/* A distinct picture per generation: a gradient between two hues set by
 * @n, with a block whose place also depends on it. */
static GdkPixbuf *
make_thumbnail (guint n)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, THUMB_SIZE, THUMB_SIZE);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 a[3] = { (n * 37) % 256, (n * 91) % 256, (n * 53) % 256 };
  guint8 b[3] = { 255 - a[1], a[2], 255 - a[0] };
  int bx = (n * 13) % (THUMB_SIZE - 64), by = (n * 29) % (THUMB_SIZE - 64);

  for (int y = 0; y < THUMB_SIZE; y++)
    for (int x = 0; x < THUMB_SIZE; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int t = (x + y) * 255 / (2 * THUMB_SIZE);
        gboolean block = x >= bx && x < bx + 64 && y >= by && y < by + 64;

        for (int c = 0; c < 3; c++)
          p[c] = block ? 255 - a[c] : (a[c] * (255 - t) + b[c] * t) / 255;
      }
  return pixbuf;
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      loop)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_history_open_finish (EASEL_HISTORY (source), result, NULL, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
seed_store (const char *dir)
{
  EaselHistory *history = easel_history_new (dir);
  g_autofree char *db_path = g_build_filename (dir, "history.sqlite", NULL);
  g_autofree char *marker = g_build_filename (dir, "seeded", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autofree char *image_bytes = NULL;
  gsize image_length;
  gint64 now = g_get_real_time ();
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = NULL;

  /* The schema, as Easel makes it. */
  easel_history_open_async (history, NULL, on_opened, loop);
  g_main_loop_run (loop);
  /* The worker lets go of the open call from an idle. */
  g_object_add_weak_pointer (G_OBJECT (history), (gpointer *) &history);
  g_object_unref (history);
  while (history != NULL)
    g_main_context_iteration (NULL, TRUE);

  gdk_pixbuf_fill (image, 0x808080ff);
  gdk_pixbuf_save_to_buffer (image, &image_bytes, &image_length, "png", &error, NULL);
  g_assert_no_error (error);

  /* Straight into the database without a sync per commit: this is setup. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (easel_history_db_exec (db, "PRAGMA synchronous = OFF;", &error));
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_autoptr(EaselHistoryEntry) entry = easel_history_entry_new ();
      g_autoptr(EaselRequest) request = easel_request_new ();
      g_autoptr(GdkPixbuf) thumb = make_thumbnail (i);
      g_autofree char *prompt = g_strdup_printf ("a %s %s at %s, %s", adjectives[i % 12],
                                                 subjects[(i / 12) % 16], times[i % 5],
                                                 styles[i % 8]);
      g_autofree char *image_dir = g_strdup_printf ("%s/images/%02u", dir, i / 1000);
      g_autofree char *thumb_dir = g_strdup_printf ("%s/thumbs/%02u", dir, i / 1000);
      g_autofree char *image_path = g_strdup_printf ("%s/%05u.png", image_dir, i);
      g_autofree char *thumb_path = g_strdup_printf ("%s/%05u.jpg", thumb_dir, i);

      g_mkdir_with_parents (image_dir, 0755);
      g_mkdir_with_parents (thumb_dir, 0755);
      g_assert_true (g_file_set_contents (image_path, image_bytes, image_length, NULL));
      gdk_pixbuf_save (thumb, thumb_path, "jpeg", &error, "quality", "85", NULL);
      g_assert_no_error (error);

      easel_request_set_prompt (request, prompt);
      easel_history_entry_set_request (entry, request);
      entry->profile_id = g_strdup (i % 3 == 0 ? "yycode" : "openai");
      /* A minute apart, the last the newest. */
      entry->created_at = now - (gint64) (N_ENTRIES - i) * 60 * G_USEC_PER_SEC;
      easel_history_entry_add_image (entry, image_path, "image/png", 1024, 1024, thumb_path);
      ((EaselHistoryImage *) entry->images->pdata[0])->favourite = i % 17 == 0;
      g_assert_cmpint (easel_history_db_insert (db, dir, entry, FALSE, &error), >, 0);
      g_assert_no_error (error);
    }
  sqlite3_close (db);
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  g_printerr ("bench-history: seeded %u generations in %.1f s\n", N_ENTRIES,
              (g_get_monotonic_time () - start) / 1e6);
}

static void
ensure_seeded (const char *self_path)
{
  g_autofree char *marker = g_build_filename (store_dir, "seeded", NULL);
  const char *argv[] = { self_path, "--seed", store_dir, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    return;
  /* A half-seeded folder from an interrupted run: start again. */
  if (g_file_test (store_dir, G_FILE_TEST_EXISTS))
    {
      const char *rm[] = { "rm", "-rf", store_dir, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                    NULL);
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
}

/* Measuring */

static double
rss_mb (void)
{
  g_autofree char *status_text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status_text, NULL, NULL));
  line = strstr (status_text, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static void
collect_tiles (GtkWidget *widget,
               GPtrArray *tiles)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (EASEL_IS_HISTORY_TILE (c))
        {
          if (gtk_widget_get_mapped (c) && easel_history_tile_get_item (EASEL_HISTORY_TILE (c)))
            g_ptr_array_add (tiles, c);
        }
      else
        collect_tiles (c, tiles);
    }
}

static guint
n_tiles (EaselHistoryView *view,
         guint            *with_thumbnail)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();

  collect_tiles (GTK_WIDGET (view->grid_view), tiles);
  *with_thumbnail = 0;
  for (guint i = 0; i < tiles->len; i++)
    *with_thumbnail += easel_history_tile_has_thumbnail (tiles->pdata[i]);
  return tiles->len;
}

typedef struct
{
  EaselHistoryView *view;
  gint64            start;
  gint64            first_frame;
  gint64            thumbnails;
} Opening;

static void
on_after_paint (GdkFrameClock *clock,
                Opening       *opening)
{
  guint with_thumbnail;
  guint tiles;

  if (g_list_model_get_n_items (G_LIST_MODEL (opening->view->model)) == 0)
    return;
  tiles = n_tiles (opening->view, &with_thumbnail);
  if (tiles == 0)
    return;
  if (opening->first_frame == 0)
    opening->first_frame = g_get_monotonic_time ();
  if (opening->thumbnails == 0 && with_thumbnail == tiles)
    opening->thumbnails = g_get_monotonic_time ();
}

static gboolean
opened (gpointer data)
{
  Opening *opening = data;

  return opening->first_frame != 0 && opening->thumbnails != 0;
}

static gboolean
settled (gpointer data)
{
  EaselHistoryView *view = data;

  return !easel_history_view_get_loading (view);
}

static gboolean
thumbnails_shown (gpointer data)
{
  guint with_thumbnail;
  guint tiles = n_tiles (data, &with_thumbnail);

  return tiles > 0 && with_thumbnail == tiles;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
run_bench (void)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  Opening opening = { 0 };
  g_autoptr(EaselHistory) history = NULL;
  GtkWidget *window, *overlay;
  EaselHistoryView *view;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  double searches[N_SEARCHES];
  double first_frame_ms, search_ms, rss;
  gulong paint_id;
  guint steps = 0;

  /* From opening the store to a frame with the first page's tiles. */
  opening.start = g_get_monotonic_time ();
  history = easel_history_new (store_dir);
  easel_history_open_async (history, NULL, NULL, NULL);
  view = EASEL_HISTORY_VIEW (easel_history_view_new (history, store));
  opening.view = view;
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));
  window = adw_application_window_new (GTK_APPLICATION (app));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &opening);
  easel_test_wait_until (opened, &opening, "the first page of tiles and their thumbnails");
  g_signal_handler_disconnect (clock, paint_id);
  first_frame_ms = (opening.first_frame - opening.start) / 1000.0;
  g_printerr ("bench-history: first frame %.1f ms, its thumbnails %.1f ms\n", first_frame_ms,
              (opening.thumbnails - opening.start) / 1000.0);

  /* Searches for distinct words, each timed until its answer is in. */
  for (guint i = 0; i < N_SEARCHES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(EaselHistoryItem) first = NULL;

      easel_history_view_set_search_text (view, subjects[i]);
      easel_test_wait_until (settled, view, "a search");
      searches[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->model)), ==,
                        EASEL_HISTORY_VIEW_PAGE_SIZE);
      first = g_list_model_get_item (G_LIST_MODEL (view->model), 0);
      g_assert_nonnull (strstr (easel_history_item_get_entry (first)->prompt, subjects[i]));
      g_printerr ("bench-history: search “%s” %.1f ms\n", subjects[i], searches[i]);
      easel_test_wait_until (thumbnails_shown, view, "the search's thumbnails");
      easel_test_wait_for_frame (GTK_WIDGET (view));
    }
  qsort (searches, N_SEARCHES, sizeof searches[0], compare_doubles);
  search_ms = searches[N_SEARCHES / 2];
  easel_history_view_set_search_text (view, NULL);
  easel_test_wait_until (settled, view, "everything again");

  /* Down through all of them a screen at a time, letting each screen's
   * page and thumbnails load. */
  adjustment = gtk_scrolled_window_get_vadjustment (view->scroller);
  while (!easel_history_model_get_complete (view->model)
         || gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
            < gtk_adjustment_get_upper (adjustment) - 1)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                            + gtk_adjustment_get_page_size (adjustment));
      easel_test_wait_for_frame (GTK_WIDGET (view));
      easel_test_wait_until (settled, view, "a page");
      easel_test_wait_until (thumbnails_shown, view, "a screen of thumbnails");
      steps++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->model)), ==, N_ENTRIES);
  rss = rss_mb ();
  g_printerr ("bench-history: scrolled %u screens; %u thumbnails cached\n", steps,
              easel_thumbnail_cache_get_n_cached (view->thumbnails));

  g_print ("{\"bench\":\"history\",\"entries\":%u,\"first_frame_ms\":%.1f,\"search_ms\":%.1f,"
           "\"rss_mb\":%.1f}\n", N_ENTRIES, first_frame_ms, search_ms, rss);

  gtk_window_destroy (GTK_WINDOW (window));

  if (first_frame_ms > TARGET_FIRST_FRAME_MS || search_ms > TARGET_SEARCH_MS
      || rss > TARGET_RSS_MB)
    {
      g_printerr ("bench-history: a target was missed (first frame ≤ %.0f ms, search ≤ %.0f ms, "
                  "RSS ≤ %.0f MB)\n", TARGET_FIRST_FRAME_MS, TARGET_SEARCH_MS, TARGET_RSS_MB);
      status = 1;
    }
}

static void
on_activate (GApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *w = l->data;

      l = l->next;
      gtk_window_destroy (w);
    }
  easel_test_use_desktop_settings ();
  g_application_hold (application);
  run_bench ();
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *name = g_strdup_printf ("bench-history-v%d", SEED_VERSION);

  if (argc == 3 && g_str_equal (argv[1], "--seed"))
    {
      seed_store (argv[2]);
      return 0;
    }

  store_dir = g_build_filename (build_dir != NULL ? build_dir : g_get_tmp_dir (), name, NULL);
  ensure_seeded (argv[0]);

  gtk_init ();
  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_object_unref (app);
  g_free (store_dir);
  return status;
}

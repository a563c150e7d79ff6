/* test-window-history.c: the window and the history, in a real X display
 * against the mock gateway: a damaged store moved aside at start, a remote
 * job left by the last session resumed, every job recorded, the History
 * page (Ctrl+F, Alt+1/2), Reuse and Edit from it, and closing that leaves
 * remote jobs pending rather than cancelled
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "easel-application.h"
#include "easel-history-view.h"
#include "easel-mock-server.h"
#include "easel-test-utils.h"
#include "easel-window.h"

static EaselApplication *app;
static EaselMockServer *mock;
static EaselProfile *yycode;
static EaselProfile *openai;
static char *data_dir;
static gint64 left_id;
static char *left_remote;
static EaselProfile *keyless;
static gint64 keyless_id;
static int status;

static EaselWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (EASEL_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static GPtrArray *
list_history (const EaselHistoryQuery *query,
              gboolean                 pending)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  if (pending)
    easel_history_list_pending_async (easel_application_get_history (app), NULL, store_result,
                                      &result);
  else
    easel_history_list_async (easel_application_get_history (app), query, NULL, store_result,
                              &result);
  easel_test_wait_until (is_set, &result, "the history to answer");
  entries = easel_history_list_finish (easel_application_get_history (app), result, &error);
  g_assert_no_error (error);
  return entries;
}

static EaselHistoryEntry *
find_entry (gint64 id)
{
  g_autoptr(GPtrArray) entries = list_history (NULL, FALSE);

  for (guint i = 0; i < entries->len; i++)
    if (((EaselHistoryEntry *) entries->pdata[i])->id == id)
      return easel_history_entry_ref (entries->pdata[i]);
  return NULL;
}

static EaselProfile *
add_profile (const char *preset,
             const char *id,
             const char *name)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  EaselProfile *profile = easel_profile_new_from_preset (preset, id);
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_profile_set_base_url (profile,
                                             easel_mock_server_get_base_url (mock, preset),
                                             &error));
  easel_profile_set_name (profile, name);
  g_assert_true (easel_profile_store_add (store, profile, &error));
  g_assert_no_error (error);
  easel_secrets_store_sync (easel_application_get_secrets (app), id, name,
                            easel_mock_server_get_api_key (mock), NULL, &error);
  g_assert_no_error (error);
  return profile;
}

static gboolean
job_has_history (gpointer data)
{
  return easel_job_get_history_id (data) > 0 && easel_job_get_state (data) == EASEL_JOB_POLLING;
}

static gboolean
job_finished (gpointer data)
{
  return easel_job_is_finished (data);
}

/* A remote job of "the last session", left pending the way closing Easel
 * leaves it. */
static EaselJob *
leave_pending (EaselProfile *profile,
               const char   *prompt)
{
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autofree char *dir = NULL;
  EaselJob *job;

  easel_request_set_prompt (request, prompt);
  easel_request_set_size (request, "1024x1024");
  dir = easel_history_image_dir (easel_application_get_history (app), g_get_real_time ());
  job = easel_job_new (easel_application_get_client (app), profile, request,
                       easel_mock_server_get_api_key (mock), dir);
  easel_job_set_history (job, easel_application_get_history (app));
  easel_job_set_poll_interval (job, 20);
  easel_mock_server_set_fault (mock, EASEL_MOCK_STAGE_POLL, EASEL_MOCK_FAULT_NEVER_ENDING_JOB,
                               0, NULL);
  easel_job_start (job);
  easel_test_wait_until (job_has_history, job, "the remote job to be recorded");
  easel_job_abandon (job);
  easel_test_wait_until (job_finished, job, "the job to stop");
  return job;
}

/* Before any window: two remote jobs of the last session, one of them for
 * a gateway whose key has gone from the keyring since. */
static void
on_startup (GApplication *application)
{
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(EaselJob) waiting = NULL;
  g_autoptr(GError) error = NULL;

  easel_test_use_desktop_settings ();
  /* A job ending while the test window is not focused is not news here. */
  easel_settings_set_notify_on_completion (easel_application_get_settings (app), FALSE);
  easel_client_set_delay_scale (easel_application_get_client (app), 0.0);
  mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  yycode = add_profile ("yycode", "mock-yycode", "Job gateway (mock)");
  openai = add_profile ("openai", "mock-openai", "OpenAI (mock)");
  keyless = add_profile ("aizfw", "mock-aizfw", "Task gateway (mock)");

  job = leave_pending (yycode, "left by the last session");
  left_id = easel_job_get_history_id (job);
  left_remote = g_strdup (easel_job_get_remote_id (job));
  waiting = leave_pending (keyless, "waits for its key");
  keyless_id = easel_job_get_history_id (waiting);
  g_assert_true (easel_secrets_clear_sync (easel_application_get_secrets (app), "mock-aizfw",
                                           NULL, &error));
  g_assert_no_error (error);

  /* The gateway finished it meanwhile. */
  easel_mock_server_clear_faults (mock);
  easel_mock_server_release_jobs (mock);
}

/* --- cases ----------------------------------------------------------------- */

static void
test_corrupt_moved_aside (void)
{
  const char *moved_to = NULL;
  const GError *error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (easel_application_get_history_status (app, &moved_to, &error));
  g_assert_null (error);
  g_assert_nonnull (moved_to);
  g_assert_true (g_str_has_prefix (moved_to, data_dir));
  g_assert_true (g_file_get_contents (moved_to, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "this is not a database");
}

static gboolean
entry_stored (gpointer data)
{
  g_autoptr(EaselHistoryEntry) entry = find_entry (GPOINTER_TO_SIZE (data));

  return entry != NULL && entry->state == EASEL_HISTORY_STORED;
}

static void
test_resumed_on_start (void)
{
  EaselJobQueue *queue = easel_window_get_job_queue (main_window ());
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(EaselJob) job = NULL;
  EaselHistoryImage *image;

  easel_test_wait_until (entry_stored, GSIZE_TO_POINTER (left_id), "the resumed job to land");
  entry = find_entry (left_id);
  g_assert_cmpstr (entry->remote_id, ==, left_remote);
  g_assert_cmpstr (entry->prompt, ==, "left by the last session");
  g_assert_cmpuint (entry->images->len, ==, 1);
  image = entry->images->pdata[0];
  g_assert_true (g_file_test (image->path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (image->thumb_path);

  /* It ran as a card of the window, and nothing was sent twice. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  job = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  g_assert_cmpint (easel_job_get_history_id (job), ==, left_id);
  g_assert_nonnull (easel_window_get_card (main_window (), job));
  g_assert_cmpuint (easel_mock_server_count (mock, "yycode", EASEL_MOCK_STAGE_SUBMIT), ==, 1);

  /* Without its key, the other is not asked about (that could only fail
   * it): still pending, no error, for when the key is back. */
  {
    g_autoptr(EaselHistoryEntry) waiting = find_entry (keyless_id);

    g_assert_cmpint (waiting->state, ==, EASEL_HISTORY_PENDING);
    g_assert_null (waiting->error);
  }
}

static EaselJob *
generate (EaselProfile *profile,
          const char   *prompt)
{
  EaselWindow *window = main_window ();
  EaselCreatePanel *panel = easel_window_get_create_panel (window);
  EaselJobQueue *queue = easel_window_get_job_queue (window);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (queue));

  easel_create_panel_set_profile (panel, profile);
  easel_create_panel_set_prompt (panel, prompt);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.generate", NULL));
  while (g_list_model_get_n_items (G_LIST_MODEL (queue)) == before)
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_item (G_LIST_MODEL (queue), 0);
}

static void
test_generate_recorded (void)
{
  g_autoptr(EaselJob) job = generate (openai, "a recorded lighthouse");
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(EaselImage) image = NULL;

  easel_test_wait_until (job_finished, job, "the job to finish");
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  entry = find_entry (easel_job_get_history_id (job));
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, EASEL_HISTORY_STORED);
  g_assert_cmpstr (entry->profile_id, ==, "mock-openai");
  image = g_list_model_get_item (easel_job_get_images (job), 0);
  g_assert_cmpstr (((EaselHistoryImage *) entry->images->pdata[0])->path, ==,
                   easel_image_get_path (image));
  /* In the history's own folder. */
  g_assert_true (g_str_has_prefix (easel_image_get_path (image), data_dir));
}

static const char *
page (void)
{
  GtkWidget *view = easel_window_get_history_view (main_window ());
  GtkWidget *stack = gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK);

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

static gboolean
view_idle (gpointer data)
{
  return !easel_history_view_get_loading (data);
}

static void
test_pages_and_search (void)
{
  EaselWindow *window = main_window ();
  GtkWidget *view = easel_window_get_history_view (window);
  g_autofree char *shot = NULL;
  GtkWidget *focus;

  g_assert_nonnull (view);
  g_assert_cmpstr (page (), ==, "create");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "history"));
  g_assert_cmpstr (page (), ==, "history");
  easel_test_wait_until (view_idle, view, "the history to load");
  easel_test_wait_for_frame (GTK_WIDGET (window));
  shot = easel_test_save_screenshot (GTK_WIDGET (window), "window-history");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "create"));
  g_assert_cmpstr (page (), ==, "create");

  /* Ctrl+F from the Create page: the History page, its search focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-history", NULL));
  g_assert_cmpstr (page (), ==, "history");
  easel_test_wait_for_frame (GTK_WIDGET (window));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, view));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
}

static void
test_reuse_and_edit (void)
{
  EaselWindow *window = main_window ();
  GtkWidget *view = easel_window_get_history_view (window);
  EaselCreatePanel *panel = easel_window_get_create_panel (window);
  EaselReferenceTray *tray = easel_create_panel_get_reference_tray (panel);
  g_autoptr(EaselHistoryEntry) entry = find_entry (left_id);
  g_autoptr(EaselRequest) rebuilt = NULL;
  g_autoptr(GPtrArray) references = NULL;
  EaselReference *reference;

  easel_create_panel_set_profile (panel, openai);
  easel_create_panel_set_prompt (panel, "something else");
  g_signal_emit_by_name (view, "reuse", entry);
  g_assert_cmpstr (page (), ==, "create");
  rebuilt = easel_create_panel_build_request (panel);
  g_assert_cmpstr (easel_request_get_prompt (rebuilt), ==, "left by the last session");
  g_assert_true (easel_create_panel_get_profile (panel) == yycode);

  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK)), "history");
  g_signal_emit_by_name (view, "edit-image", entry, 0u);
  g_assert_cmpstr (page (), ==, "create");
  g_assert_cmpuint (easel_reference_tray_get_n_references (tray), ==, 1);
  references = easel_reference_tray_get_references (tray);
  reference = g_ptr_array_index (references, 0);
  g_assert_cmpstr (easel_reference_get_location (reference), ==,
                   ((EaselHistoryImage *) entry->images->pdata[0])->path);
}

/* Closing the window stops a remote job without cancelling it: it stays
 * pending, for the next start. */
static void
test_close_leaves_pending (void)
{
  g_autoptr(EaselJob) job = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  EaselReferenceTray *tray = easel_create_panel_get_reference_tray (
    easel_window_get_create_panel (main_window ()));

  /* The job gateway takes no references here; start from a clean tray. */
  while (easel_reference_tray_get_n_references (tray) > 0)
    easel_reference_tray_remove (tray, 0);
  easel_mock_server_set_fault (mock, EASEL_MOCK_STAGE_POLL, EASEL_MOCK_FAULT_NEVER_ENDING_JOB, 0,
                               NULL);
  job = generate (yycode, "still running at closing time");
  easel_test_wait_until (job_has_history, job, "the remote job to be recorded");

  gtk_window_destroy (GTK_WINDOW (main_window ()));
  easel_test_wait_until (job_finished, job, "the job to stop");
  /* Pending, oldest first: the one waiting for its key, then this one. */
  pending = list_history (NULL, TRUE);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpint (((EaselHistoryEntry *) pending->pdata[0])->id, ==, keyless_id);
  g_assert_cmpint (((EaselHistoryEntry *) pending->pdata[1])->id, ==,
                   easel_job_get_history_id (job));
  g_assert_cmpint (((EaselHistoryEntry *) pending->pdata[1])->state, ==, EASEL_HISTORY_PENDING);
  easel_mock_server_clear_faults (mock);
}

/* --- set-up -------------------------------------------------------------------- */

static void
on_activate (GApplication *application)
{
  EaselWindow *window = main_window ();

  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  easel_test_wait_for_frame (GTK_WIDGET (window));

  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);

  g_clear_object (&yycode);
  g_clear_object (&openai);
  g_clear_object (&keyless);
  easel_mock_server_free (mock);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };
  g_autofree char *base = NULL;
  g_autofree char *database = NULL;

  g_test_init (&argc, &argv, NULL);
  g_free (easel_test_isolate_data_dir ());
  data_dir = g_build_filename (g_get_user_data_dir (), "easel", NULL);

  /* A damaged store where the history lives: moved aside at startup. */
  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  database = g_build_filename (data_dir, "history.sqlite", NULL);
  g_assert_true (g_file_set_contents (database, "this is not a database", -1, NULL));

  g_test_add_func ("/window-history/corrupt-moved-aside", test_corrupt_moved_aside);
  g_test_add_func ("/window-history/resumed-on-start", test_resumed_on_start);
  g_test_add_func ("/window-history/generate-recorded", test_generate_recorded);
  g_test_add_func ("/window-history/pages-and-search", test_pages_and_search);
  g_test_add_func ("/window-history/reuse-and-edit", test_reuse_and_edit);
  g_test_add_func ("/window-history/close-leaves-pending", test_close_leaves_pending);

  app = easel_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);
  g_free (left_remote);
  g_free (data_dir);

  return status;
}

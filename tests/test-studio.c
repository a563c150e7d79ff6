/* test-studio.c: the main window against the mock gateway: the create panel,
 * jobs as cards, failures and retry, references, save, reuse, the viewer,
 * notifications, and screenshots of each state
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "easel-application.h"
#include "easel-export.h"
#include "easel-job-card.h"
#include "easel-mock-server.h"
#include "easel-test-files.h"
#include "easel-test-job.h"
#include "easel-test-utils.h"
#include "easel-window.h"

static EaselApplication *app;
static EaselWindow *window;
static EaselMockServer *mock;
static EaselProfile *profile;
static char *save_dir;
static int status;

/* What the fake notification server received. */
static GVariant *notification;

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

static EaselCreatePanel *
panel (void)
{
  return easel_window_get_create_panel (window);
}

static GtkWidget *
panel_child (const char *name)
{
  return child (panel (), EASEL_TYPE_CREATE_PANEL, name);
}

static void
select_item (const char *row_name,
             const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (panel_child (row_name));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_strcmp0 (text, label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No “%s” in %s", label, row_name);
}

static EaselJob *
job_at (guint position)
{
  GListModel *jobs = G_LIST_MODEL (easel_window_get_job_queue (window));
  g_autoptr(EaselJob) job = g_list_model_get_item (jobs, position);

  g_assert_nonnull (job);
  return job;   /* the queue keeps it */
}

static guint
n_jobs (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (easel_window_get_job_queue (window)));
}

static gboolean
has_n_jobs (gpointer data)
{
  return n_jobs () == GPOINTER_TO_UINT (data);
}

static void
press_generate (void)
{
  guint before = n_jobs ();

  g_assert_true (easel_create_panel_get_can_generate (panel ()));
  g_signal_emit_by_name (panel_child ("generate_button"), "clicked");
  easel_test_wait_until (has_n_jobs, GUINT_TO_POINTER (before + 1), "the new job's card");
}

static gboolean
job_finished (gpointer data)
{
  return easel_job_is_finished (data);
}

static gboolean
job_sent (gpointer data)
{
  return easel_job_get_sent (data) && easel_job_get_state (data) == EASEL_JOB_SUBMITTING;
}

static gboolean
mock_got (gpointer data)
{
  guint received = easel_mock_server_count (mock, "openai", EASEL_MOCK_STAGE_SUBMIT);

  return received >= GPOINTER_TO_UINT (data);
}

/* The job says sent as the request leaves; the mock has it a moment later. */
static void
wait_received (EaselJob *job,
               guint     before)
{
  easel_test_wait_until (job_sent, job, "the job to be sent");
  easel_test_wait_until (mock_got, GUINT_TO_POINTER (before + 1), "the mock to receive it");
}

static void
wait_finished (EaselJob *job)
{
  easel_test_wait_until (job_finished, job, "the job to finish");
}

static GtkWidget *
card_of (EaselJob *job)
{
  GtkWidget *card = easel_window_get_card (window, job);

  g_assert_nonnull (card);
  return card;
}

static const char *
card_label (GtkWidget  *card,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (card, EASEL_TYPE_JOB_CARD, name)));
}

static void
screenshot (const char *name)
{
  easel_test_wait_for_frame (GTK_WIDGET (window));
  g_free (easel_test_save_screenshot (GTK_WIDGET (window), name));
}

static JsonObject *
last_json_body (const char *dialect)
{
  const EaselMockRequest *request =
    easel_mock_server_get_last_request (mock, dialect, EASEL_MOCK_STAGE_SUBMIT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (request);
  json_parser_load_from_data (parser, g_bytes_get_data (request->body, NULL),
                              g_bytes_get_size (request->body), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* --- tests ------------------------------------------------------------------ */

static void
test_empty (void)
{
  GtkStack *content = GTK_STACK (child (window, EASEL_TYPE_WINDOW, "content_stack"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "empty");
  g_assert_false (easel_create_panel_get_can_generate (panel ()));
  g_assert_cmpstr (easel_create_panel_get_problem (panel ()), ==, "Describe the image to make");
  g_assert_false (gtk_widget_get_sensitive (panel_child ("generate_button")));
  screenshot ("studio-empty");
}

static void
test_generate (void)
{
  g_autoptr(JsonObject) body = NULL;
  EaselJob *job;
  GtkWidget *card;

  easel_create_panel_set_prompt (panel (), "a lighthouse at dusk, oil on canvas");
  select_item ("size_row", "1536 × 1024");
  adw_combo_row_set_selected (ADW_COMBO_ROW (panel_child ("quality_row")), EASEL_QUALITY_HIGH);
  adw_combo_row_set_selected (ADW_COMBO_ROW (panel_child ("format_row")), EASEL_OUTPUT_FORMAT_JPEG);
  g_assert_true (gtk_widget_get_visible (panel_child ("compression_row")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (panel_child ("compression_spin")), 80);

  /* seed 002: 1536×1024 at high quality is $0.165 an image. */
  g_assert_cmpstr (easel_create_panel_get_estimate (panel ()), ==, "≈ $0.165 for 1 image");
  g_assert_null (easel_create_panel_get_problem (panel ()));

  press_generate ();
  job = job_at (0);
  card = card_of (job);
  wait_finished (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);

  body = last_json_body ("openai");
  g_assert_cmpstr (json_object_get_string_member (body, "prompt"), ==,
                   "a lighthouse at dusk, oil on canvas");
  g_assert_cmpstr (json_object_get_string_member (body, "size"), ==, "1536x1024");
  g_assert_cmpstr (json_object_get_string_member (body, "quality"), ==, "high");
  g_assert_cmpstr (json_object_get_string_member (body, "output_format"), ==, "jpeg");
  g_assert_cmpint (json_object_get_int_member (body, "output_compression"), ==, 80);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (card, EASEL_TYPE_JOB_CARD,
                                                                       "preview_stack"))),
                   ==, "images");
  g_assert_true (gtk_widget_get_visible (child (card, EASEL_TYPE_JOB_CARD, "save_button")));
  g_assert_false (gtk_widget_get_visible (child (card, EASEL_TYPE_JOB_CARD, "cancel_button")));
  screenshot ("studio-results");
}

static void
test_cancel (void)
{
  EaselJob *job;
  GtkWidget *card;

  easel_create_panel_set_prompt (panel (), "[fault:stall] a slow one");
  press_generate ();
  job = job_at (0);
  card = card_of (job);
  easel_test_wait_until (job_sent, job, "the stalled job to be sent");
  g_assert_true (gtk_widget_get_visible (child (card, EASEL_TYPE_JOB_CARD, "cancel_button")));

  gtk_widget_activate_action (card, "card.cancel", NULL);
  wait_finished (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_CANCELLED);
  g_assert_cmpstr (card_label (card, "error_title"), ==, "Cancelled");
  g_assert_true (gtk_widget_get_visible (child (card, EASEL_TYPE_JOB_CARD, "retry_button")));
}

static void
test_failure_and_retry (void)
{
  EaselJob *job, *retried;
  GtkWidget *card;
  const char *message;

  easel_create_panel_set_prompt (panel (), "a lighthouse, but the key is refused");
  easel_mock_server_set_fault (mock, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_AUTH, 1, NULL);
  press_generate ();
  job = g_object_ref (job_at (0));
  wait_finished (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);

  card = card_of (job);
  message = gtk_label_get_text (GTK_LABEL (child (card, EASEL_TYPE_JOB_CARD, "error_label")));
  g_assert_cmpstr (message, ==, easel_job_get_error (job)->message);
  g_assert_nonnull (strstr (message, "401"));
  g_assert_cmpstr (card_label (card, "error_title"), ==, "Key refused");
  screenshot ("studio-failure");

  {
    g_autofree char *details = easel_job_card_describe (EASEL_JOB_CARD (card));

    g_assert_nonnull (strstr (details, message));
    g_assert_nonnull (strstr (details, "a lighthouse, but the key is refused"));
  }

  /* Retry replaces the card's job in place, and this time the key works. */
  gtk_widget_activate_action (card, "card.retry", NULL);
  retried = job_at (0);
  g_assert_true (retried != job);
  wait_finished (retried);
  g_assert_cmpint (easel_job_get_state (retried), ==, EASEL_JOB_STORED);
  g_assert_cmpstr (easel_request_get_prompt (easel_job_get_request (retried)), ==,
                   "a lighthouse, but the key is refused");
  g_object_unref (job);
}

static gboolean
has_references (gpointer data)
{
  return easel_reference_tray_get_n_references (easel_create_panel_get_reference_tray (panel ())) ==
         GPOINTER_TO_UINT (data);
}

static guint
count (GBytes     *body,
       const char *needle)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  guint found = 0;

  /* memmem, not g_strstr_len: the body holds PNG bytes, NULs included. */
  for (const char *p = data; p != NULL && (gsize) (p - data) < length; )
    {
      p = memmem (p, length - (p - data), needle, strlen (needle));
      if (p == NULL)
        break;
      found++;
      p += strlen (needle);
    }
  return found;
}

static void
test_references (void)
{
  EaselReferenceTray *tray = easel_create_panel_get_reference_tray (panel ());
  g_autoptr(GBytes) red = easel_test_png (64, 48, FALSE, 0xff0000ff);
  g_autoptr(GBytes) blue = easel_test_png (64, 48, FALSE, 0x0000ffff);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = easel_test_write_temp (blue, "blue.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  GdkFileList *list = gdk_file_list_new_from_list (&files);
  const EaselMockRequest *request;
  GValue value = G_VALUE_INIT;
  EaselJob *job;

  /* Paste: an image on the clipboard goes to the references. */
  texture = gdk_texture_new_from_bytes (red, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (window)), texture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  easel_test_wait_until (has_references, GUINT_TO_POINTER (1), "the pasted reference");

  /* Drop: a file from a file manager. */
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  g_assert_true (easel_reference_tray_drop_value (tray, &value));
  g_value_unset (&value);
  easel_test_wait_until (has_references, GUINT_TO_POINTER (2), "the dropped reference");

  easel_create_panel_set_prompt (panel (), "blend these two into a poster");
  select_item ("size_row", "1024 × 1024");
  adw_combo_row_set_selected (ADW_COMBO_ROW (panel_child ("format_row")), EASEL_OUTPUT_FORMAT_PNG);
  press_generate ();
  job = job_at (0);
  wait_finished (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);

  request = easel_mock_server_get_last_request (mock, "openai", EASEL_MOCK_STAGE_SUBMIT);
  g_assert_true (g_str_has_suffix (request->path, "/v1/images/edits"));
  g_assert_cmpuint (count (request->body, "name=\"image[]\""), ==, 2);
  g_assert_cmpuint (count (request->body, "filename=\"blue.png\""), ==, 1);
}

/* Saved files; the export's temp file (hidden, ".part") is not one. */
static guint
count_saved (gboolean with_hidden)
{
  g_autoptr(GDir) dir = g_dir_open (save_dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (with_hidden || name[0] != '.')
      n++;
  return n;
}

static gboolean
file_count_is (gpointer data)
{
  return count_saved (FALSE) == GPOINTER_TO_UINT (data);
}

static gboolean
no_temp_files (gpointer data)
{
  return count_saved (TRUE) == count_saved (FALSE);
}

static void
test_save (void)
{
  EaselJob *job = job_at (0);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EaselImageMetadata) metadata = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_STORED);
  gtk_widget_activate_action (card_of (job), "card.save", "u", 0);
  easel_test_wait_until (file_count_is, GUINT_TO_POINTER (1), "the saved file");

  easel_test_wait_until (no_temp_files, NULL, "the save to finish");
  dir = g_dir_open (save_dir, 0, NULL);
  path = g_build_filename (save_dir, g_dir_read_name (dir), NULL);
  g_assert_true (g_str_has_suffix (path, ".png"));
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  metadata = easel_image_metadata_read (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (metadata->prompt, ==, "blend these two into a poster");
  g_assert_nonnull (strstr (metadata->parameters, "1024x1024"));

  /* Saving again never replaces the first file. */
  gtk_widget_activate_action (card_of (job), "card.save", "u", 0);
  easel_test_wait_until (file_count_is, GUINT_TO_POINTER (2), "the second saved file");
  easel_test_wait_until (no_temp_files, NULL, "the second save to finish");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static char *
request_json (EaselRequest *request)
{
  g_autoptr(JsonNode) node = easel_request_to_json (request);

  return json_to_string (node, FALSE);
}

static void
test_reuse (void)
{
  /* Newest first: 0 references, 1 retried, 2 failed-then-cancelled… find
   * the first generation by its prompt. */
  EaselJob *with_refs = job_at (0);
  EaselJob *first = NULL;

  for (guint i = 0; i < n_jobs (); i++)
    if (g_str_has_prefix (easel_request_get_prompt (easel_job_get_request (job_at (i))),
                          "a lighthouse at dusk"))
      first = job_at (i);
  g_assert_nonnull (first);

  /* Reuse the JPEG/high/1536 one over the current controls. */
  gtk_widget_activate_action (card_of (first), "card.reuse", NULL);
  {
    g_autoptr(EaselRequest) rebuilt = easel_create_panel_build_request (panel ());
    g_autofree char *expected = request_json (easel_job_get_request (first));
    g_autofree char *actual = request_json (rebuilt);

    g_assert_cmpstr (actual, ==, expected);
  }
  g_assert_cmpint (gtk_widget_get_visible (panel_child ("compression_row")), ==,
                   easel_request_get_output_format (easel_job_get_request (first)) !=
                   EASEL_OUTPUT_FORMAT_PNG);

  /* And the one with two references brings them back too. */
  gtk_widget_activate_action (card_of (with_refs), "card.reuse", NULL);
  {
    g_autoptr(EaselRequest) rebuilt = easel_create_panel_build_request (panel ());
    g_autofree char *expected = request_json (easel_job_get_request (with_refs));
    g_autofree char *actual = request_json (rebuilt);

    g_assert_cmpstr (actual, ==, expected);
    g_assert_cmpuint (easel_request_get_references (rebuilt)->len, ==, 2);
  }
}

static gboolean
viewer_loaded (gpointer data)
{
  return easel_viewer_get_loaded (data);
}

static void
test_viewer (void)
{
  EaselJob *job = job_at (0);
  EaselViewer *viewer = easel_window_get_viewer (window);
  GtkStack *content = GTK_STACK (child (window, EASEL_TYPE_WINDOW, "content_stack"));
  EaselImageView *view;

  gtk_widget_activate_action (card_of (job), "card.view", "u", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "viewer");
  easel_test_wait_until (viewer_loaded, viewer, "the full image and its reference");
  view = easel_viewer_get_image_view (viewer);
  g_assert_true (easel_image_view_get_can_compare (view));
  screenshot ("studio-viewer");

  easel_image_view_set_comparing (view, TRUE);
  screenshot ("studio-viewer-compare");
  easel_image_view_set_comparing (view, FALSE);

  /* Edit This Image: it becomes reference 1. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.edit", NULL);
  {
    g_autoptr(GPtrArray) references =
      easel_reference_tray_get_references (easel_create_panel_get_reference_tray (panel ()));
    g_autoptr(EaselImage) image = g_list_model_get_item (easel_job_get_images (job), 0);

    g_assert_cmpuint (references->len, >=, 1);
    g_assert_cmpstr (easel_reference_get_location (g_ptr_array_index (references, 0)), ==,
                     easel_image_get_path (image));
  }

  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.close", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "results");
  easel_reference_tray_clear (easel_create_panel_get_reference_tray (panel ()));
}

static gboolean
retry_waiting (gpointer data)
{
  return easel_job_get_retry_in_ms (data) > 0;
}

static void
test_running (void)
{
  EaselClient *client = easel_application_get_client (app);
  EaselJob *slow, *throttled, *queued_one;
  guint before;

  adw_combo_row_set_selected (ADW_COMBO_ROW (panel_child ("format_row")), EASEL_OUTPUT_FORMAT_PNG);
  easel_create_panel_set_prompt (panel (), "[fault:stall] a city at night, long exposure");
  before = easel_mock_server_count (mock, "openai", EASEL_MOCK_STAGE_SUBMIT);
  press_generate ();
  slow = job_at (0);
  wait_received (slow, before);

  /* A real wait for this one, so the countdown shows. */
  easel_client_set_delay_scale (client, 1.0);
  easel_mock_server_set_fault (mock, EASEL_MOCK_STAGE_SUBMIT, EASEL_MOCK_FAULT_RATE_LIMIT, 1, "30");
  easel_create_panel_set_prompt (panel (), "a fox in the snow, telephoto");
  press_generate ();
  throttled = job_at (0);
  easel_test_wait_until (retry_waiting, throttled, "the retry countdown");

  easel_create_panel_set_prompt (panel (), "[fault:stall] a bowl of lemons, soft light");
  press_generate ();
  queued_one = job_at (0);
  easel_test_wait_until (job_sent, queued_one, "the third running job");

  g_assert_cmpuint (easel_job_queue_get_n_running (easel_window_get_job_queue (window), NULL),
                    ==, 3);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (child (window, EASEL_TYPE_WINDOW, "results_scroller"))), 0);
  screenshot ("studio-running");

  {
    const char *detail = gtk_label_get_text (GTK_LABEL (child (card_of (throttled),
                                                                EASEL_TYPE_JOB_CARD,
                                                                "detail_label")));

    g_assert_true (g_str_has_prefix (detail, "Retrying in "));
    g_assert_nonnull (strstr (detail, "attempt 2 of 3"));
  }

  easel_job_cancel (slow);
  easel_job_cancel (throttled);
  easel_job_cancel (queued_one);
  wait_finished (queued_one);
  wait_finished (throttled);
  easel_client_set_delay_scale (client, 0.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-finished", NULL);
  g_assert_cmpuint (n_jobs (), ==, 0);
}

static void
test_narrow_and_dark (void)
{
  AdwFlap *flap = ADW_FLAP (child (window, EASEL_TYPE_WINDOW, "flap"));
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* Something to look at in the grid. */
  easel_create_panel_set_prompt (panel (), "a lighthouse at dusk, oil on canvas");
  press_generate ();
  wait_finished (job_at (0));
  easel_create_panel_set_prompt (panel (), "[fault:bad-request] a refused one");
  press_generate ();
  wait_finished (job_at (0));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot ("studio-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  easel_test_wait_for_frame (GTK_WIDGET (window));
  easel_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (adw_flap_get_folded (flap));
  adw_flap_set_reveal_flap (flap, FALSE);
  screenshot ("studio-narrow");
  adw_flap_set_reveal_flap (flap, TRUE);
  screenshot ("studio-narrow-panel");

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  easel_test_wait_for_frame (GTK_WIDGET (window));
  adw_flap_set_reveal_flap (flap, TRUE);
}

/* --- notifications ------------------------------------------------------------ */

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      g_clear_pointer (&notification, g_variant_unref);
      notification = g_variant_ref (parameters);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
notification_arrived (gpointer data)
{
  return notification != NULL;
}

static GDBusConnection *notification_bus;
static guint notification_registration;

/* A stand-in for the shell's org.gtk.Notifications on the test's private
 * bus, from the start: the window may not have the focus under Xvfb, and
 * then every finished job notifies. */
static void
start_notification_server (void)
{
  static const char xml[] =
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='a{sv}' direction='in'/></method>"
    "<method name='RemoveNotification'><arg type='s' direction='in'/>"
    "<arg type='s' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  notification_bus =
    g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  notification_registration =
    g_dbus_connection_register_object (notification_bus, "/org/gtk/Notifications",
                                       info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (notification_bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
stop_notification_server (void)
{
  g_dbus_connection_unregister_object (notification_bus, notification_registration);
  g_dbus_connection_close_sync (notification_bus, NULL, NULL);
  g_clear_object (&notification_bus);
  g_clear_pointer (&notification, g_variant_unref);
}

static void
test_notification (void)
{
  g_autoptr(GVariant) fields = NULL;
  const char *app_id, *title = NULL, *body = NULL;
  g_autoptr(GVariant) icon = NULL;
  EaselJob *job;

  /* The window is in the background: hidden, so certainly not focused. */
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_clear_pointer (&notification, g_variant_unref);
  easel_create_panel_set_prompt (panel (), "a harbour at dawn");
  press_generate ();
  job = job_at (0);
  wait_finished (job);
  easel_test_wait_until (notification_arrived, NULL, "the notification");

  g_variant_get (notification, "(&s&s@a{sv})", &app_id, NULL, &fields);
  g_assert_cmpstr (app_id, ==, APP_ID);
  g_variant_lookup (fields, "title", "&s", &title);
  g_variant_lookup (fields, "body", "&s", &body);
  icon = g_variant_lookup_value (fields, "icon", NULL);
  g_assert_cmpstr (title, ==, "Image ready");
  g_assert_cmpstr (body, ==, "a harbour at dawn");
  g_assert_nonnull (icon);
  {
    g_autoptr(EaselImage) image = g_list_model_get_item (easel_job_get_images (job), 0);
    g_autofree char *printed = g_variant_print (icon, FALSE);

    /* The notification carries the image itself. */
    g_assert_nonnull (strstr (printed, easel_image_get_path (image)));
  }

  gtk_widget_set_visible (GTK_WIDGET (window), TRUE);
}

/* Copy Details, last: its toast would sit in the screenshots above. */
static void
on_text_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_copy_details (void)
{
  g_autofree char *text = NULL;
  EaselJob *job;

  easel_create_panel_set_prompt (panel (), "[fault:moderation] a refused one");
  press_generate ();
  job = job_at (0);
  wait_finished (job);
  g_assert_cmpint (easel_job_get_state (job), ==, EASEL_JOB_FAILED);

  gtk_widget_activate_action (card_of (job), "card.copy-details", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 on_text_read, &text);
  easel_test_wait_until (text_read, &text, "the clipboard text");
  g_assert_nonnull (strstr (text, "[fault:moderation] a refused one"));
  g_assert_nonnull (strstr (text, easel_job_get_error (job)->message));
  g_assert_nonnull (strstr (text, "OpenAI (mock)"));
}

/* --- set-up -------------------------------------------------------------------- */

static void
on_activate (GApplication *application)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  EaselSettings *settings = easel_application_get_settings (app);
  g_autoptr(GError) error = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *w = l->data;

      l = l->next;
      gtk_window_destroy (w);
    }

  easel_test_use_desktop_settings ();
  easel_client_set_delay_scale (easel_application_get_client (app), 0.0);
  start_notification_server ();

  mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  profile = easel_profile_new_from_preset ("openai", "mock-openai");
  g_assert_true (easel_profile_set_base_url (profile,
                                             easel_mock_server_get_base_url (mock, "openai"),
                                             &error));
  g_assert_no_error (error);
  easel_profile_set_name (profile, "OpenAI (mock)");
  easel_profile_set_concurrency (profile, 3);
  g_assert_true (easel_profile_store_add (store, profile, &error));
  g_assert_no_error (error);
  easel_secrets_store_sync (easel_application_get_secrets (app), "mock-openai", "mock",
                            easel_mock_server_get_api_key (mock), NULL, &error);
  g_assert_no_error (error);

  save_dir = g_dir_make_tmp ("easel-save-XXXXXX", &error);
  g_assert_no_error (error);
  easel_settings_set_save_folder (settings, save_dir);
  easel_settings_set_ask_where_to_save (settings, FALSE);

  window = easel_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  easel_test_wait_for_frame (GTK_WIDGET (window));

  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&profile);
  easel_test_remove_tree (save_dir);
  g_free (save_dir);
  easel_mock_server_free (mock);
  stop_notification_server ();
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };

  /* The notification goes to org.gtk.Notifications on the test's bus,
   * where test_notification listens. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_free (easel_test_isolate_data_dir ());
  g_test_add_func ("/studio/empty", test_empty);
  g_test_add_func ("/studio/generate", test_generate);
  g_test_add_func ("/studio/cancel", test_cancel);
  g_test_add_func ("/studio/failure-and-retry", test_failure_and_retry);
  /* The screenshots of a busy window come before anything that shows a
   * toast, so none sits over them. */
  g_test_add_func ("/studio/running", test_running);
  g_test_add_func ("/studio/narrow-and-dark", test_narrow_and_dark);
  g_test_add_func ("/studio/references", test_references);
  g_test_add_func ("/studio/save", test_save);
  g_test_add_func ("/studio/reuse", test_reuse);
  g_test_add_func ("/studio/viewer", test_viewer);
  g_test_add_func ("/studio/notification", test_notification);
  g_test_add_func ("/studio/copy-details", test_copy_details);

  app = easel_application_new ();
  /* Registered on the bus like the real app, so notifications have a
   * sender; the private test bus has no other Easel. */
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  return status;
}

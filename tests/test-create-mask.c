/* test-create-mask.c: the mask of an edit in the main window against the
 * mock gateway: the Mask button per gateway and per reference, the PNG the
 * gateway receives, Generate waiting for it, dropping the mask when the
 * first image changes (and Undo), mask drops and pastes, the history, and
 * screenshots of a masked first reference
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "easel-application.h"
#include "easel-history-view.h"
#include "easel-mask-editor.h"
#include "easel-mock-server.h"
#include "easel-reference-tray-private.h"
#include "easel-test-files.h"
#include "easel-test-job.h"
#include "easel-test-utils.h"
#include "easel-window.h"

static EaselApplication *app;
static EaselWindow *window;
static EaselMockServer *mock;
static EaselProfile *openai;
static EaselProfile *yycode;
static EaselProfile *icodeeasy;
static EaselProfile *aizfw;
static char *tmp_dir;
static int status;

/* The panel's toasts, newest last. */
static GPtrArray *toasts;

/* What the first generation with a mask sent, for the history test. */
static EaselJob *masked_job;
static GBytes *masked_png;
static EaselMask *masked_mask;

/* --- helpers ------------------------------------------------------------- */

static EaselCreatePanel *
panel (void)
{
  return easel_window_get_create_panel (window);
}

static EaselReferenceTray *
tray (void)
{
  return easel_create_panel_get_reference_tray (panel ());
}

static GtkWidget *
mask_button (void)
{
  return easel_reference_thumbnail_get_mask_button (easel_reference_tray_get_thumbnail (tray (),
                                                                                        0));
}

static void
on_add_toast (EaselCreatePanel *panel,
              AdwToast         *toast)
{
  g_ptr_array_add (toasts, g_object_ref (toast));
}

static const char *
last_toast (void)
{
  g_assert_cmpuint (toasts->len, >, 0);
  return adw_toast_get_title (g_ptr_array_index (toasts, toasts->len - 1));
}

static void
undo_last_toast (void)
{
  AdwToast *toast = g_ptr_array_index (toasts, toasts->len - 1);

  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_signal_emit_by_name (toast, "button-clicked");
}

static gboolean
tray_settled (gpointer data)
{
  return easel_reference_tray_get_n_pending (tray ()) == 0;
}

static gboolean
mask_settled (gpointer data)
{
  return !easel_create_panel_get_mask_pending (panel ());
}

static void
settle (void)
{
  easel_test_wait_until (tray_settled, NULL, "the references' previews");
  easel_test_wait_until (mask_settled, NULL, "the mask's PNG");
}

/* A PNG file in the test's folder: @width × @height of @rgba, with an
 * alpha channel when @alpha. */
static char *
write_png (const char *name,
           int         width,
           int         height,
           gboolean    alpha,
           guint32     rgba)
{
  g_autoptr(GBytes) png = easel_test_png (width, height, alpha, rgba);
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                      &error));
  g_assert_no_error (error);
  return path;
}

/* A mask image: transparent (redraw) in the left half, opaque elsewhere. */
static GBytes *
half_mask_png (int width,
               int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 4;

        p[0] = p[1] = p[2] = 0;
        p[3] = x < width / 2 ? 0 : 255;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  return g_bytes_new_take (buffer, length);
}

static char *
write_bytes (const char *name,
             GBytes     *bytes)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return path;
}

/* The tray holds exactly these references (no mask). */
static void
set_references (EaselReference *first,
                ...)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new ();
  va_list args;

  easel_create_panel_set_mask (panel (), NULL);
  va_start (args, first);
  for (EaselReference *r = first; r != NULL; r = va_arg (args, EaselReference *))
    g_ptr_array_add (references, r);
  va_end (args);
  easel_reference_tray_set_references (tray (), references);
  settle ();
}

static void
paint (EaselMask *mask,
       double     x0,
       double     y0,
       double     x1,
       double     y1,
       double     size)
{
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_BRUSH, size, 1.0);
  easel_mask_stroke_to (mask, x0, y0, NULL);
  easel_mask_stroke_to (mask, x1, y1, NULL);
  easel_mask_end_stroke (mask);
}

static guint
n_jobs (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (easel_window_get_job_queue (window)));
}

static EaselJob *
job_at (guint position)
{
  g_autoptr(EaselJob) job = g_list_model_get_item (G_LIST_MODEL (easel_window_get_job_queue (
                                                                    window)), position);

  g_assert_nonnull (job);
  return job;
}

static gboolean
has_n_jobs (gpointer data)
{
  return n_jobs () == GPOINTER_TO_UINT (data);
}

static gboolean
job_finished (gpointer data)
{
  return easel_job_is_finished (data);
}

static gboolean
can_generate (gpointer data)
{
  return easel_create_panel_get_can_generate (panel ());
}

static EaselJob *
generate (void)
{
  guint before = n_jobs ();
  EaselJob *job;

  easel_test_wait_until (can_generate, NULL, "Generate to be possible");
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "panel.generate", NULL);
  easel_test_wait_until (has_n_jobs, GUINT_TO_POINTER (before + 1), "the new job");
  job = job_at (0);
  easel_test_wait_until (job_finished, job, "the job to finish");
  if (easel_job_get_state (job) != EASEL_JOB_STORED)
    g_error ("The job failed: %s (mock: %s)", easel_job_get_error (job)->message,
             easel_mock_server_get_last_rejection (mock));
  return job;
}

/* The part called @name of the multipart body the mock received last for
 * @dialect, or NULL; @filename gets its file name. */
static GBytes *
received_part (const char  *dialect,
               const char  *name,
               char       **filename)
{
  const EaselMockRequest *request =
    easel_mock_server_get_last_request (mock, dialect, EASEL_MOCK_STAGE_SUBMIT);
  SoupMultipart *multipart;
  GBytes *found = NULL;

  g_assert_nonnull (request);
  multipart = soup_multipart_new_from_message (request->headers, request->body);
  g_assert_nonnull (multipart);
  for (int i = 0; i < soup_multipart_get_length (multipart) && found == NULL; i++)
    {
      SoupMessageHeaders *headers;
      GBytes *body;
      g_autoptr(GHashTable) params = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &headers, &body));
      if (soup_message_headers_get_content_disposition (headers, NULL, &params) &&
          g_strcmp0 (g_hash_table_lookup (params, "name"), name) == 0)
        {
          found = g_bytes_ref (body);
          if (filename != NULL)
            *filename = g_strdup (g_hash_table_lookup (params, "filename"));
        }
    }
  soup_multipart_free (multipart);
  return found;
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf;
}

/* The PNG the gateway got says redraw (alpha 0) exactly where the mask
 * was painted (coverage 255) and keep (alpha 255) where it was not. */
static void
assert_mask_png (GBytes    *png,
                 EaselMask *mask)
{
  g_autoptr(GdkPixbuf) pixbuf = decode (png);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint width = easel_mask_get_width (mask);
  guint height = easel_mask_get_height (mask);
  const guint8 *coverage = easel_mask_get_data (mask);
  guint n_redraw = 0, n_keep = 0;

  g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 alpha = pixels[(gsize) y * stride + x * 4 + 3];
        guint8 value = coverage[(gsize) y * width + x];

        if (alpha != 255 - value)
          g_error ("At %u,%u the mask says %u, the PNG's alpha is %u", x, y, value, alpha);
        n_redraw += value == 255;
        n_keep += value == 0;
      }
  g_assert_cmpuint (n_redraw, >, 0);
  g_assert_cmpuint (n_keep, >, 0);
}

static void
assert_same_coverage (EaselMask *a,
                      EaselMask *b)
{
  g_assert_cmpuint (easel_mask_get_width (a), ==, easel_mask_get_width (b));
  g_assert_cmpuint (easel_mask_get_height (a), ==, easel_mask_get_height (b));
  g_assert_cmpmem (easel_mask_get_data (a),
                   (gsize) easel_mask_get_width (a) * easel_mask_get_height (a),
                   easel_mask_get_data (b),
                   (gsize) easel_mask_get_width (b) * easel_mask_get_height (b));
}

/* --- the Mask button ------------------------------------------------------- */

static void
test_sensitivity (void)
{
  g_autofree char *photo = write_png ("photo.png", 64, 48, FALSE, 0x336699ff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(GBytes) png = easel_test_png (64, 48, FALSE, 0x993366ff);
  g_autoptr(EaselReference) bytes = easel_reference_new_for_bytes (png, "image/png",
                                                                   "pasted-image.png");
  g_autoptr(EaselReference) data_url = NULL;
  g_autoptr(EaselReference) link = easel_reference_new_for_url ("https://example.com/cat.png",
                                                                NULL);
  struct {
    EaselProfile *profile;
    const char   *tooltip;   /* NULL: sensitive */
  } gateways[] = {
    { openai, NULL },
    { yycode, NULL },
    { icodeeasy, "This gateway does not take a mask" },
    { aizfw, "This gateway does not take a mask" },
  };

  {
    g_autofree char *base64 = g_base64_encode (g_bytes_get_data (png, NULL),
                                               g_bytes_get_size (png));
    g_autofree char *url = g_strconcat ("data:image/png;base64,", base64, NULL);

    data_url = easel_reference_new_for_url (url, NULL);
    g_assert_nonnull (data_url);
  }

  /* Per gateway, with a local first image. */
  set_references (file, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (gateways); i++)
    {
      easel_create_panel_set_profile (panel (), gateways[i].profile);
      if (gateways[i].tooltip == NULL)
        {
          g_assert_true (gtk_widget_get_sensitive (mask_button ()));
          g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (mask_button ()),
                                           "Paint a mask"));
        }
      else
        {
          g_assert_false (gtk_widget_get_sensitive (mask_button ()));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (mask_button ()), ==,
                           gateways[i].tooltip);
        }
    }

  /* Per kind of first reference, on a gateway that takes masks. */
  easel_create_panel_set_profile (panel (), openai);
  set_references (bytes, NULL);
  g_assert_true (gtk_widget_get_sensitive (mask_button ()));
  set_references (data_url, NULL);
  g_assert_true (gtk_widget_get_sensitive (mask_button ()));
  set_references (link, file, NULL);
  g_assert_false (gtk_widget_get_sensitive (mask_button ()));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (mask_button ()), ==,
                   "A mask needs a local image as the first reference; this one is a link");

  /* A mask already set stays when the gateway changes, and Generate says
   * why it cannot go; Remove Mask is still there. */
  set_references (file, NULL);
  {
    g_autoptr(EaselMask) mask = easel_mask_new (64, 48);

    easel_create_panel_set_prompt (panel (), "a red door");
    paint (mask, 10, 10, 30, 20, 8);
    easel_create_panel_set_mask (panel (), mask);
    settle ();
    g_assert_true (easel_create_panel_get_can_generate (panel ()));
    easel_create_panel_set_profile (panel (), icodeeasy);
    g_assert_false (easel_create_panel_get_can_generate (panel ()));
    g_assert_cmpstr (easel_create_panel_get_problem (panel ()), ==,
                     "This gateway does not take a mask; remove it to send the request.");
    g_assert_true (easel_reference_thumbnail_get_has_mask (
                     easel_reference_tray_get_thumbnail (tray (), 0)));
    gtk_widget_activate_action (GTK_WIDGET (easel_reference_tray_get_thumbnail (tray (), 0)),
                                "reference.remove-mask", NULL);
    g_assert_null (easel_create_panel_get_mask (panel ()));
    g_assert_null (easel_create_panel_get_problem (panel ()));
    g_assert_cmpstr (last_toast (), ==, "Mask removed");
  }
  easel_create_panel_set_profile (panel (), openai);
}

/* --- what the gateway gets ------------------------------------------------- */

static void
test_send_openai_4k (void)
{
  g_autofree char *photo = write_png ("photo-4k.png", 3840, 2160, FALSE, 0x4a6e8cff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(EaselMask) mask = easel_mask_new (3840, 2160);
  g_autoptr(GBytes) received = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *filename = NULL;
  guint before;

  set_references (file, NULL);
  easel_create_panel_set_prompt (panel (), "a red door in the painted area");
  easel_create_panel_set_mask (panel (), mask);
  settle ();
  /* An empty mask counts as none: the button says "Mask", and the
   * request carries none. */
  g_assert_false (easel_create_panel_has_mask (panel ()));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mask_button ())), ==, "Mask");
  {
    g_autoptr(EaselRequest) request = easel_create_panel_build_request (panel ());

    g_assert_null (easel_request_get_mask (request));
  }

  /* Paint, erase a bit, undo the erasing, invert twice. */
  paint (mask, 400, 300, 2400, 1500, 300);
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_ERASER, 200, 1.0);
  easel_mask_stroke_to (mask, 400, 300, NULL);
  easel_mask_end_stroke (mask);
  easel_mask_undo (mask);
  easel_mask_invert (mask);
  easel_mask_invert (mask);

  /* While the PNG is being made, Generate waits and says why. */
  g_assert_true (easel_create_panel_get_mask_pending (panel ()));
  g_assert_false (easel_create_panel_get_can_generate (panel ()));
  g_assert_cmpstr (easel_create_panel_get_problem (panel ()), ==, "Preparing the mask…");
  before = n_jobs ();
  gtk_widget_activate_action (GTK_WIDGET (panel ()), "panel.generate", NULL);
  g_assert_cmpuint (n_jobs (), ==, before);

  /* Then it goes. */
  masked_job = g_object_ref (generate ());
  g_assert_true (easel_create_panel_has_mask (panel ()));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mask_button ())), ==, "Edit Mask");

  received = received_part ("openai", "mask", &filename);
  g_assert_nonnull (received);
  g_assert_cmpstr (filename, ==, "mask.png");
  assert_mask_png (received, mask);
  image = received_part ("openai", "image[]", NULL);
  g_assert_nonnull (image);
  g_assert_true (g_str_has_suffix (easel_mock_server_get_last_request (
                                     mock, "openai", EASEL_MOCK_STAGE_SUBMIT)->path,
                                   "/images/edits"));

  masked_png = g_bytes_ref (received);
  masked_mask = easel_mask_copy (mask);
}

static void
test_send_yycode (void)
{
  g_autoptr(GBytes) png = easel_test_png (160, 96, FALSE, 0x8c6e4aff);
  g_autoptr(EaselReference) pasted = easel_reference_new_for_bytes (png, "image/png",
                                                                    "pasted-image.png");
  g_autoptr(EaselMask) mask = easel_mask_new (160, 96);
  g_autoptr(GBytes) received = NULL;
  g_autoptr(GBytes) image = NULL;

  easel_create_panel_set_profile (panel (), yycode);
  set_references (pasted, NULL);
  easel_create_panel_set_prompt (panel (), "a window where the wall was");
  easel_create_panel_set_mask (panel (), mask);
  paint (mask, 20, 20, 100, 60, 24);
  generate ();

  received = received_part ("yycode", "mask", NULL);
  g_assert_nonnull (received);
  assert_mask_png (received, mask);
  image = received_part ("yycode", "image", NULL);
  g_assert_nonnull (image);
  easel_create_panel_set_profile (panel (), openai);
}

/* --- the history ------------------------------------------------------------- */

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

static EaselHistoryEntry *
history_entry (gint64 id)
{
  EaselHistory *history = easel_application_get_history (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  easel_history_list_async (history, NULL, NULL, store_result, &result);
  easel_test_wait_until (is_set, &result, "the history to answer");
  entries = easel_history_list_finish (history, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (((EaselHistoryEntry *) entries->pdata[i])->id == id)
      return easel_history_entry_ref (entries->pdata[i]);
  g_error ("No generation %" G_GINT64_FORMAT " in the history", id);
}

static gboolean
has_restored_mask (gpointer data)
{
  return easel_create_panel_has_mask (panel ()) &&
         !easel_create_panel_get_mask_pending (panel ());
}

static void
test_history (void)
{
  g_autoptr(EaselHistoryEntry) entry = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  JsonObject *stored_mask;
  const char *path;
  gsize length;

  g_assert_nonnull (masked_job);
  entry = history_entry (easel_job_get_history_id (masked_job));

  /* The stored request names the mask as a file of the history… */
  root = json_from_string (entry->request_json, &error);
  g_assert_no_error (error);
  stored_mask = json_object_get_object_member (json_node_get_object (root), "mask");
  g_assert_nonnull (stored_mask);
  g_assert_cmpstr (json_object_get_string_member (stored_mask, "kind"), ==, "file");
  path = json_object_get_string_member (stored_mask, "location");
  g_assert_true (g_str_has_prefix (path, easel_history_get_base_dir (
                                           easel_application_get_history (app))));

  /* …holding the very bytes the gateway received. */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (masked_png, NULL),
                   g_bytes_get_size (masked_png));

  /* Reuse Parameters from the History page brings the mask back. */
  set_references (NULL, NULL);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  g_signal_emit_by_name (easel_window_get_history_view (window), "reuse", entry);
  easel_test_wait_until (has_restored_mask, NULL, "the restored mask");
  assert_same_coverage (easel_create_panel_get_mask (panel ()), masked_mask);
  settle ();
  {
    g_autoptr(EaselRequest) request = easel_create_panel_build_request (panel ());

    g_assert_nonnull (easel_request_get_mask (request));
    g_assert_true (g_bytes_equal (easel_reference_get_bytes (easel_request_get_mask (request)),
                                  masked_png));
  }

  /* And so does Reuse on the result card (the job's own request, whose
   * mask is in memory). */
  set_references (NULL, NULL);
  easel_window_image_action (window, "reuse", masked_job, 0);
  easel_test_wait_until (has_restored_mask, NULL, "the mask restored from the card");
  assert_same_coverage (easel_create_panel_get_mask (panel ()), masked_mask);
}

/* --- the first image changes --------------------------------------------------- */

static EaselReference *
first_reference (void)
{
  g_autoptr(GPtrArray) references = easel_reference_tray_get_references (tray ());

  return references->len > 0 ? g_ptr_array_index (references, 0) : NULL;
}

static void
test_first_changes (void)
{
  g_autofree char *a_path = write_png ("a.png", 64, 48, FALSE, 0x336699ff);
  g_autofree char *b_path = write_png ("b.png", 64, 48, FALSE, 0x993366ff);
  g_autoptr(EaselReference) a = easel_reference_new_for_path (a_path);
  g_autoptr(EaselReference) b = easel_reference_new_for_path (b_path);
  g_autoptr(EaselMask) mask = easel_mask_new (64, 48);
  g_autoptr(EaselRequest) without_mask = NULL;
  guint n_toasts;

  set_references (a, b, NULL);
  easel_create_panel_set_prompt (panel (), "a door");
  paint (mask, 10, 10, 40, 30, 10);
  easel_create_panel_set_mask (panel (), mask);
  settle ();

  /* Moving another image in front drops the mask… */
  easel_reference_tray_move (tray (), 1, 0);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  g_assert_cmpstr (last_toast (), ==, "Mask removed: the first image changed");
  g_assert_false (easel_reference_thumbnail_get_has_mask (
                    easel_reference_tray_get_thumbnail (tray (), 0)));
  {
    g_autoptr(EaselRequest) request = easel_create_panel_build_request (panel ());

    g_assert_null (easel_request_get_mask (request));
  }
  /* …and Undo brings back both the order and the mask. */
  undo_last_toast ();
  g_assert_true (first_reference () == a);
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);
  settle ();
  g_assert_true (easel_reference_thumbnail_get_has_mask (
                   easel_reference_tray_get_thumbnail (tray (), 0)));

  /* Removing it. */
  easel_reference_tray_remove (tray (), 0);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  g_assert_cmpstr (last_toast (), ==, "Mask removed: the first image changed");
  undo_last_toast ();
  g_assert_cmpuint (easel_reference_tray_get_n_references (tray ()), ==, 2);
  g_assert_true (first_reference () == a);
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);

  /* Edit This Image puts a result in front. */
  g_assert_nonnull (masked_job);
  easel_window_image_action (window, "edit", masked_job, 0);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  {
    gboolean said = FALSE;

    for (guint i = 0; i < toasts->len; i++)
      said |= g_strcmp0 (adw_toast_get_title (toasts->pdata[i]),
                         "Mask removed: the first image changed") == 0;
    g_assert_true (said);
  }
  undo_last_toast ();
  g_assert_cmpuint (easel_reference_tray_get_n_references (tray ()), ==, 2);
  g_assert_true (first_reference () == a);
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);

  /* Reuse Parameters of a request without a mask. */
  without_mask = easel_create_panel_build_request (panel ());
  easel_request_set_mask (without_mask, NULL);
  easel_create_panel_apply_request (panel (), without_mask, NULL);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  g_assert_cmpstr (last_toast (), ==, "Mask removed: the restored parameters have none");
  undo_last_toast ();
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);

  /* Remove Mask, from the tile's menu, and Undo. */
  gtk_widget_activate_action (GTK_WIDGET (easel_reference_tray_get_thumbnail (tray (), 0)),
                              "reference.remove-mask", NULL);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  g_assert_cmpstr (last_toast (), ==, "Mask removed");
  undo_last_toast ();
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);
  settle ();
  g_assert_true (easel_create_panel_has_mask (panel ()));

  /* Removing the second image is no change of the first. */
  n_toasts = toasts->len;
  easel_reference_tray_remove (tray (), 1);
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);
  g_assert_cmpuint (toasts->len, ==, n_toasts);
  easel_reference_tray_add (tray (), b, FALSE, NULL);

  /* An empty mask goes without a toast: there was nothing to lose. */
  easel_mask_clear (mask);
  settle ();
  g_assert_false (easel_create_panel_has_mask (panel ()));
  easel_reference_tray_move (tray (), 1, 0);
  g_assert_null (easel_create_panel_get_mask (panel ()));
  g_assert_cmpuint (toasts->len, ==, n_toasts);
}

/* --- the mask slot ------------------------------------------------------------- */

static gboolean
has_mask (gpointer data)
{
  return easel_create_panel_has_mask (panel ()) && !easel_create_panel_get_mask_pending (panel ());
}

static gboolean
toasts_past (gpointer data)
{
  return toasts->len > GPOINTER_TO_UINT (data);
}

static void
drop_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
  g_assert_true (easel_create_panel_drop_mask (panel (), &value));
}

static void
test_drop (void)
{
  g_autofree char *photo = write_png ("drop-photo.png", 80, 60, FALSE, 0x336699ff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(GBytes) same = half_mask_png (80, 60);
  g_autoptr(GBytes) small = half_mask_png (40, 30);
  g_autofree char *same_path = write_bytes ("same.png", same);
  g_autofree char *small_path = write_bytes ("small.png", small);
  g_autofree char *jpeg_path = g_build_filename (tmp_dir, "photo.jpg", NULL);
  EaselMask *first_mask;
  guint n_toasts;

  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 80, 60);
    g_autoptr(GError) error = NULL;

    gdk_pixbuf_fill (pixbuf, 0x808080ff);
    g_assert_true (gdk_pixbuf_save (pixbuf, jpeg_path, "jpeg", &error, NULL));
    g_assert_no_error (error);
  }

  set_references (file, NULL);

  /* A PNG of the first image's size: its alpha is the mask, as is. */
  n_toasts = toasts->len;
  drop_file (same_path);
  easel_test_wait_until (has_mask, NULL, "the dropped mask");
  first_mask = easel_create_panel_get_mask (panel ());
  g_assert_cmpuint (easel_mask_get_width (first_mask), ==, 80);
  g_assert_cmpuint (easel_mask_get_height (first_mask), ==, 60);
  g_assert_cmpuint (easel_mask_get_value (first_mask, 0, 0), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (first_mask, 39, 59), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (first_mask, 40, 0), ==, 0);
  g_assert_cmpuint (easel_mask_get_value (first_mask, 79, 59), ==, 0);
  g_assert_cmpuint (toasts->len, ==, n_toasts);

  /* A JPEG is refused, saying why, and the mask stays. */
  drop_file (jpeg_path);
  easel_test_wait_until (toasts_past, GUINT_TO_POINTER (n_toasts), "the refusal");
  easel_test_wait_until (mask_settled, NULL, "the drop to end");
  g_assert_true (g_str_has_prefix (last_toast (), "“photo.jpg” was not used as the mask. "));
  g_assert_true (strstr (last_toast (), "PNG") != NULL);
  g_assert_true (easel_create_panel_get_mask (panel ()) == first_mask);

  /* A smaller PNG is scaled to the image, saying so, and replaces the
   * mask with an Undo. */
  n_toasts = toasts->len;
  drop_file (small_path);
  easel_test_wait_until (toasts_past, GUINT_TO_POINTER (n_toasts), "the scaling message");
  easel_test_wait_until (has_mask, NULL, "the scaled mask");
  g_assert_true (easel_create_panel_get_mask (panel ()) != first_mask);
  g_assert_true (strstr (last_toast (), "40") != NULL);
  g_assert_true (strstr (last_toast (), "80") != NULL);
  g_assert_cmpuint (easel_mask_get_width (easel_create_panel_get_mask (panel ())), ==, 80);
  g_assert_cmpuint (easel_mask_get_value (easel_create_panel_get_mask (panel ()), 2, 30), ==, 255);
  g_assert_cmpuint (easel_mask_get_value (easel_create_panel_get_mask (panel ()), 77, 30), ==, 0);
  undo_last_toast ();
  g_assert_true (easel_create_panel_get_mask (panel ()) == first_mask);

  /* Something that is no image at all. */
  {
    g_auto(GValue) value = G_VALUE_INIT;

    n_toasts = toasts->len;
    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "not an image");
    g_assert_false (easel_create_panel_drop_mask (panel (), &value));
    g_assert_cmpuint (toasts->len, ==, n_toasts + 1);
    g_assert_true (g_str_has_prefix (last_toast (), "Only an image can be a mask"));
  }

  /* With a link first there is no slot to drop on. */
  {
    g_autoptr(EaselReference) link = easel_reference_new_for_url ("https://example.com/a.png",
                                                                  NULL);

    set_references (link, NULL);
    n_toasts = toasts->len;
    {
      g_autoptr(GFile) f = g_file_new_for_path (same_path);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_FILE);
      g_value_set_object (&value, f);
      g_assert_false (easel_create_panel_drop_mask (panel (), &value));
    }
    g_assert_cmpstr (last_toast (), ==,
                     "A mask needs a local image as the first reference; this one is a link");
  }
}

/* A PNG whose header claims @side × @side pixels (a decompression bomb's
 * header: the pixels are never there). */
static GBytes *
claiming_png (guint32 side)
{
  g_autoptr(GBytes) real = easel_test_png (1, 1, FALSE, 0xffffffff);
  gsize length;
  guint8 *data = g_memdup2 (g_bytes_get_data (real, &length), g_bytes_get_size (real));
  guint32 crc = 0xffffffff;

  /* IHDR's width and height, then its CRC over type and data. */
  for (int i = 0; i < 2; i++)
    {
      data[16 + i * 4] = side >> 24;
      data[17 + i * 4] = side >> 16;
      data[18 + i * 4] = side >> 8;
      data[19 + i * 4] = side;
    }
  for (gsize i = 12; i < 12 + 4 + 13; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  crc ^= 0xffffffff;
  data[29] = crc >> 24;
  data[30] = crc >> 16;
  data[31] = crc >> 8;
  data[32] = crc;
  return g_bytes_new_take (data, length);
}

static void
drop_and_wait_refusal (const char *path)
{
  guint n_toasts = toasts->len;

  drop_file (path);
  easel_test_wait_until (toasts_past, GUINT_TO_POINTER (n_toasts), "the refusal");
  easel_test_wait_until (mask_settled, NULL, "the drop to end");
}

/* What can go wrong on the way to a mask, and what the user is told. */
static void
test_refusals (void)
{
  g_autofree char *photo = write_png ("refusal-photo.png", 80, 60, FALSE, 0x336699ff);
  g_autofree char *gone_path = write_png ("gone.png", 80, 60, FALSE, 0x336699ff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(EaselReference) gone = easel_reference_new_for_path (gone_path);
  g_autoptr(GBytes) mask_png = half_mask_png (80, 60);
  g_autofree char *mask_path = write_bytes ("refusal-mask.png", mask_png);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.png", NULL);
  g_autofree char *big = g_build_filename (tmp_dir, "big.png", NULL);
  g_autoptr(GBytes) bomb = claiming_png (30000);
  g_autoptr(EaselReference) bomb_reference = easel_reference_new_for_bytes (bomb, "image/png",
                                                                           "huge.png");

  set_references (file, NULL);

  /* A file that is not there. */
  drop_and_wait_refusal (missing);
  g_assert_true (g_str_has_prefix (last_toast (), "“missing.png” was not used as the mask. "));
  g_assert_null (easel_create_panel_get_mask (panel ()));

  /* A file past what a gateway takes, refused before it is read (sparse:
   * it takes no room). */
  {
    int fd = g_open (big, O_CREAT | O_WRONLY | O_TRUNC, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, 60 * 1000 * 1000), ==, 0);
    close (fd);
  }
  drop_and_wait_refusal (big);
  g_assert_cmpstr (last_toast (), ==,
                   "“big.png” was not used as the mask. It is 60.0 MB, over the 50 MB a gateway "
                   "takes per image.");

  /* The first image vanished from the disk since it was added. */
  set_references (gone, NULL);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);
  drop_and_wait_refusal (mask_path);
  g_assert_true (g_str_has_prefix (last_toast (), "“refusal-mask.png” was not used as the mask. "
                                                  "The first reference cannot be read: "));
  g_assert_null (easel_create_panel_get_mask (panel ()));

  /* The first image's header is past the limits: its own message. */
  set_references (bomb_reference, NULL);
  g_assert_null (easel_reference_tray_get_mask_problem (tray ()));
  drop_and_wait_refusal (mask_path);
  g_assert_true (g_str_has_prefix (last_toast (), "“refusal-mask.png” was not used as the mask. "
                                                  "The first image claims to be 30000 × 30000"));

  /* The first image changes while a mask loads: the load is dropped. */
  {
    guint n_toasts;

    set_references (file, NULL);
    n_toasts = toasts->len;
    drop_file (mask_path);
    g_assert_true (easel_create_panel_get_mask_pending (panel ()));
    easel_reference_tray_set_references (tray (), NULL);
    easel_test_wait_until (mask_settled, NULL, "the cancelled load");
    g_assert_null (easel_create_panel_get_mask (panel ()));
    g_assert_cmpuint (toasts->len, ==, n_toasts);
  }

  /* The editor needs a local first image. */
  {
    g_autoptr(EaselReference) link = easel_reference_new_for_url ("https://example.com/a.png",
                                                                  NULL);

    set_references (link, NULL);
    easel_create_panel_edit_mask (panel ());
    g_assert_null (easel_create_panel_get_mask_editor (panel ()));
    g_assert_cmpstr (last_toast (), ==,
                     "A mask needs a local image as the first reference; this one is a link");
  }
}

/* Reuse Parameters with a mask that cannot come back. */
static void
test_reuse_refusals (void)
{
  g_autofree char *photo = write_png ("reuse-photo.png", 80, 60, FALSE, 0x336699ff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(EaselRequest) request = NULL;
  guint n_toasts;

  set_references (file, NULL);
  easel_create_panel_set_prompt (panel (), "a door");
  request = easel_create_panel_build_request (panel ());

  /* A mask without the image it applies to. */
  {
    g_autoptr(EaselRequest) no_image = easel_request_new ();
    g_autoptr(GBytes) png = half_mask_png (80, 60);
    g_autoptr(EaselReference) mask = easel_reference_new_for_bytes (png, "image/png", "m.png");

    easel_request_set_prompt (no_image, "a door");
    easel_request_set_mask (no_image, mask);
    easel_create_panel_apply_request (panel (), no_image, NULL);
    g_assert_cmpstr (last_toast (), ==,
                     "The mask was not restored: the image it applies to is not among the "
                     "references.");
    g_assert_null (easel_create_panel_get_mask (panel ()));
  }

  /* A link. */
  {
    g_autoptr(EaselReference) link = easel_reference_new_for_url ("https://example.com/m.png",
                                                                  NULL);

    easel_request_set_mask (request, link);
    easel_create_panel_apply_request (panel (), request, NULL);
    g_assert_cmpstr (last_toast (), ==,
                     "The mask was not restored: it is a link, and a mask must be a local "
                     "image.");
    g_assert_null (easel_create_panel_get_mask (panel ()));
  }

  /* A pasted mask the history named but could not keep: no bytes. */
  {
    g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
    g_autoptr(EaselReference) empty = easel_reference_new_for_bytes (nothing, "image/png",
                                                                     "mask.png");

    n_toasts = toasts->len;
    easel_request_set_mask (request, empty);
    easel_create_panel_apply_request (panel (), request, NULL);
    easel_test_wait_until (toasts_past, GUINT_TO_POINTER (n_toasts), "the refusal");
    g_assert_true (g_str_has_prefix (last_toast (), "The mask was not restored. "));
    easel_test_wait_until (mask_settled, NULL, "the load to end");
    g_assert_null (easel_create_panel_get_mask (panel ()));
  }

  /* A data: URL is decoded and restored. */
  {
    g_autoptr(GBytes) png = half_mask_png (80, 60);
    g_autofree char *base64 = g_base64_encode (g_bytes_get_data (png, NULL),
                                               g_bytes_get_size (png));
    g_autofree char *url = g_strconcat ("data:image/png;base64,", base64, NULL);
    g_autoptr(EaselReference) data_url = easel_reference_new_for_url (url, NULL);

    easel_request_set_mask (request, data_url);
    easel_create_panel_apply_request (panel (), request, NULL);
    easel_test_wait_until (has_mask, NULL, "the mask from a data: URL");
    g_assert_cmpuint (easel_mask_get_value (easel_create_panel_get_mask (panel ()), 0, 0), ==,
                      255);
  }
}

static void
test_paste (void)
{
  g_autofree char *photo = write_png ("paste-photo.png", 80, 60, FALSE, 0x336699ff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(GBytes) png = half_mask_png (80, 60);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  guint n_toasts;

  set_references (file, NULL);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_texture (clipboard, texture);

  /* Paste as Mask in the tile's menu. */
  gtk_widget_activate_action (GTK_WIDGET (easel_reference_tray_get_thumbnail (tray (), 0)),
                              "reference.paste-mask", NULL);
  easel_test_wait_until (has_mask, NULL, "the pasted mask");
  g_assert_cmpuint (easel_mask_get_value (easel_create_panel_get_mask (panel ()), 10, 10), ==,
                    255);
  g_assert_cmpuint (easel_mask_get_value (easel_create_panel_get_mask (panel ()), 70, 10), ==, 0);
  /* The reference list did not take the image. */
  g_assert_cmpuint (easel_reference_tray_get_n_references (tray ()), ==, 1);

  /* Text is no mask. */
  n_toasts = toasts->len;
  gdk_clipboard_set_text (clipboard, "hello");
  easel_create_panel_paste_mask (panel (), clipboard);
  g_assert_cmpuint (toasts->len, ==, n_toasts + 1);
  g_assert_cmpstr (last_toast (), ==, "The clipboard holds no image to use as the mask.");
}

/* --- the editor ------------------------------------------------------------------ */

static gboolean
editor_ready (gpointer data)
{
  EaselMaskEditor *editor = EASEL_MASK_EDITOR (easel_create_panel_get_mask_editor (panel ()));

  return editor != NULL && !easel_mask_editor_get_loading (editor) &&
         easel_mask_editor_get_mask (editor) != NULL;
}

static gboolean
editor_gone (gpointer data)
{
  return easel_create_panel_get_mask_editor (panel ()) == NULL;
}

static EaselMaskEditor *
open_editor (void)
{
  EaselMaskEditor *editor;

  /* The Mask button, as a click would. */
  g_signal_emit_by_name (mask_button (), "clicked");
  editor = EASEL_MASK_EDITOR (easel_create_panel_get_mask_editor (panel ()));
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  easel_test_wait_until (editor_ready, NULL, "the editor to load the first image");
  return editor;
}

static void
close_editor (EaselMaskEditor *editor)
{
  gtk_window_close (GTK_WINDOW (editor));
  easel_test_wait_until (editor_gone, NULL, "the editor to close");
}

/* The designer's path: a 4K photo, paint, erase, undo, zoom in, invert,
 * Done, Generate; the mock gets the mask that was painted. */
static void
test_editor (void)
{
  g_autofree char *photo = write_png ("editor-4k.png", 3840, 2160, FALSE, 0x6e8c4aff);
  g_autofree char *next_path = write_png ("editor-next.png", 64, 48, FALSE, 0x4a4a8cff);
  g_autoptr(EaselReference) file = easel_reference_new_for_path (photo);
  g_autoptr(EaselReference) next = easel_reference_new_for_path (next_path);
  g_autoptr(GBytes) received = NULL;
  g_autoptr(EaselMask) painted = NULL;
  EaselMaskEditor *editor;
  EaselMaskCanvas *canvas;
  EaselMask *mask;
  double zoom;

  easel_create_panel_set_profile (panel (), openai);
  set_references (file, NULL);
  easel_create_panel_set_prompt (panel (), "a lantern where it is painted");

  editor = open_editor ();
  mask = easel_mask_editor_get_mask (editor);
  /* The mask the editor made is the panel's, painted in place. */
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);
  g_assert_cmpuint (easel_mask_get_width (mask), ==, 3840);
  g_assert_cmpuint (easel_mask_get_height (mask), ==, 2160);

  paint (mask, 600, 400, 3000, 1600, 400);
  easel_mask_begin_stroke (mask, EASEL_MASK_TOOL_ERASER, 300, 1.0);
  easel_mask_stroke_to (mask, 1800, 1000, NULL);
  easel_mask_end_stroke (mask);
  gtk_widget_activate_action (GTK_WIDGET (editor), "mask.undo", NULL);
  g_assert_true (easel_mask_can_redo (mask));
  canvas = easel_mask_editor_get_canvas (editor);
  zoom = easel_mask_canvas_get_zoom (canvas);
  gtk_widget_activate_action (GTK_WIDGET (editor), "mask.zoom-in", NULL);
  g_assert_cmpfloat (easel_mask_canvas_get_zoom (canvas), >, zoom);
  gtk_widget_activate_action (GTK_WIDGET (editor), "mask.zoom-out", NULL);
  easel_test_wait_for_frame (GTK_WIDGET (editor));
  g_free (easel_test_save_screenshot (GTK_WIDGET (editor), "create-mask-editor"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "mask.invert", NULL);
  g_assert_cmpuint (easel_mask_get_value (mask, 0, 0), ==, 255);
  g_assert_true (easel_create_panel_get_mask_pending (panel ()));
  close_editor (editor);

  /* The mask stays after Done, with its badge. */
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);
  painted = easel_mask_copy (mask);
  generate ();
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mask_button ())), ==, "Edit Mask");
  received = received_part ("openai", "mask", NULL);
  g_assert_nonnull (received);
  assert_mask_png (received, painted);

  /* Opened again, it edits the same mask. */
  editor = open_editor ();
  g_assert_true (easel_mask_editor_get_mask (editor) == mask);

  /* Replace Image: the new image is the first reference, the old mask
   * goes (with an Undo) and the editor paints a new one. */
  g_signal_emit_by_name (editor, "replace-source", next);
  g_assert_true (first_reference () == next);
  g_assert_cmpuint (easel_reference_tray_get_n_references (tray ()), ==, 1);
  g_assert_cmpstr (last_toast (), ==, "Mask removed: the first image changed");
  easel_test_wait_until (editor_ready, NULL, "the editor to load the new image");
  g_assert_true (easel_mask_editor_get_source (editor) == next);
  g_assert_true (easel_create_panel_get_mask (panel ()) == easel_mask_editor_get_mask (editor));
  g_assert_cmpuint (easel_mask_get_width (easel_create_panel_get_mask (panel ())), ==, 64);
  close_editor (editor);

  undo_last_toast ();
  g_assert_true (first_reference () == file);
  g_assert_true (easel_create_panel_get_mask (panel ()) == mask);

  /* A replacement the gateway refuses changes nothing. */
  editor = open_editor ();
  {
    g_autoptr(EaselReference) link = easel_reference_new_for_url ("https://example.com/a.png",
                                                                  NULL);
    guint n_toasts = toasts->len;

    g_signal_emit_by_name (editor, "replace-source", link);
    g_assert_cmpuint (toasts->len, ==, n_toasts + 1);
    g_assert_true (first_reference () == file);
    g_assert_true (easel_create_panel_get_mask (panel ()) == mask);
  }
  close_editor (editor);
}

/* --- how it looks --------------------------------------------------------------- */

static void
test_screenshots (void)
{
  g_autoptr(GBytes) png = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *second = write_png ("second.png", 96, 96, FALSE, 0xc8a050ff);
  g_autoptr(EaselReference) file = NULL;
  g_autoptr(EaselReference) other = easel_reference_new_for_path (second);
  g_autoptr(EaselMask) mask = easel_mask_new (128, 96);
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* A photo-like first image: a gradient, so the tint shows over it. */
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 128, 96);
    guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
    int stride = gdk_pixbuf_get_rowstride (pixbuf);
    char *buffer = NULL;
    gsize length = 0;

    for (int y = 0; y < 96; y++)
      for (int x = 0; x < 128; x++)
        {
          pixels[y * stride + x * 3] = 40 + x;
          pixels[y * stride + x * 3 + 1] = 90 + y;
          pixels[y * stride + x * 3 + 2] = 160;
        }
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
    png = g_bytes_new_take (buffer, length);
  }
  photo = write_bytes ("screenshot-photo.png", png);
  file = easel_reference_new_for_path (photo);

  set_references (file, other, NULL);
  easel_create_panel_set_prompt (panel (), "replace the sky with a sunset");
  paint (mask, 20, 20, 100, 40, 30);
  easel_create_panel_set_mask (panel (), mask);
  settle ();
  easel_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (easel_reference_thumbnail_get_mask_picture (
                                           easel_reference_tray_get_thumbnail (tray (), 0))));

  g_free (easel_test_save_screenshot (GTK_WIDGET (window), "create-mask"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  easel_test_wait_for_frame (GTK_WIDGET (window));
  g_free (easel_test_save_screenshot (GTK_WIDGET (window), "create-mask-dark"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* --- set-up ------------------------------------------------------------------- */

static EaselProfile *
add_profile (const char *preset,
             const char *name)
{
  EaselProfileStore *store = easel_application_get_profile_store (app);
  g_autofree char *id = g_strconcat ("mock-", preset, NULL);
  EaselProfile *profile = easel_profile_new_from_preset (preset, id);
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_profile_set_base_url (profile,
                                             easel_mock_server_get_base_url (mock, preset),
                                             &error));
  g_assert_no_error (error);
  easel_profile_set_name (profile, name);
  {
    /* Polls at once: nobody waits for a remote job here. */
    EaselProfileLimits limits = *easel_profile_get_limits (profile);

    limits.poll_interval_ms = 20;
    easel_profile_set_limits (profile, &limits);
  }
  g_assert_true (easel_profile_store_add (store, profile, &error));
  g_assert_no_error (error);
  easel_secrets_store_sync (easel_application_get_secrets (app), id, name,
                            easel_mock_server_get_api_key (mock), NULL, &error);
  g_assert_no_error (error);
  return profile;
}

static void
on_activate (GApplication *application)
{
  g_autoptr(GError) error = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *w = l->data;

      l = l->next;
      gtk_window_destroy (w);
    }

  easel_test_use_desktop_settings ();
  /* The window may not have the focus under Xvfb; no notification service
   * listens here (test-studio tests notifications). */
  easel_settings_set_notify_on_completion (easel_application_get_settings (app), FALSE);
  easel_client_set_delay_scale (easel_application_get_client (app), 0.0);
  mock = easel_mock_server_new (&error);
  g_assert_no_error (error);
  openai = add_profile ("openai", "OpenAI (mock)");
  yycode = add_profile ("yycode", "YYCode (mock)");
  icodeeasy = add_profile ("icodeeasy", "icodeeasy (mock)");
  aizfw = add_profile ("aizfw", "aizfw (mock)");
  tmp_dir = g_dir_make_tmp ("easel-mask-XXXXXX", &error);
  g_assert_no_error (error);
  toasts = g_ptr_array_new_with_free_func (g_object_unref);

  window = easel_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  easel_create_panel_set_profile (panel (), openai);
  g_signal_connect (panel (), "add-toast", G_CALLBACK (on_add_toast), NULL);
  easel_test_wait_for_frame (GTK_WIDGET (window));

  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&masked_job);
  g_clear_object (&masked_mask);
  g_clear_pointer (&masked_png, g_bytes_unref);
  g_clear_pointer (&toasts, g_ptr_array_unref);
  g_clear_object (&openai);
  g_clear_object (&yycode);
  g_clear_object (&icodeeasy);
  g_clear_object (&aizfw);
  easel_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  easel_mock_server_free (mock);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { argv[0], NULL };

  g_test_init (&argc, &argv, NULL);
  g_free (easel_test_isolate_data_dir ());
  /* First, so no toast of the other tests sits over the screenshots. */
  g_test_add_func ("/create-mask/screenshots", test_screenshots);
  g_test_add_func ("/create-mask/sensitivity", test_sensitivity);
  g_test_add_func ("/create-mask/send-openai-4k", test_send_openai_4k);
  g_test_add_func ("/create-mask/history", test_history);
  g_test_add_func ("/create-mask/send-yycode", test_send_yycode);
  g_test_add_func ("/create-mask/first-changes", test_first_changes);
  g_test_add_func ("/create-mask/editor", test_editor);
  g_test_add_func ("/create-mask/drop", test_drop);
  g_test_add_func ("/create-mask/paste", test_paste);
  g_test_add_func ("/create-mask/refusals", test_refusals);
  g_test_add_func ("/create-mask/reuse-refusals", test_reuse_refusals);

  app = easel_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, app_argv), ==, 0);
  g_assert_finalize_object (app);

  return status;
}

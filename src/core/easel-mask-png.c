/* easel-mask-png.c: an EaselMask to and from the PNG the gateways take
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The gateways' rule (seed 002): a mask is a PNG with an alpha channel,
 * the size of the first image, transparent where the picture is to be
 * redrawn. So coverage 255 (painted) is alpha 0, and alpha = 255 − coverage
 * both ways. */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-image-private.h"
#include "easel-mask-private.h"

/* zlib level 1: a 4K mask is mostly long runs, which the fastest level
 * already packs well, at a fraction of the default level's time. */
#define PNG_COMPRESSION "1"

/* --- export ---------------------------------------------------------------- */

static GBytes *
encode_png (const guint8 *coverage,
            guint         width,
            guint         height,
            GError      **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  char *keys[] = { "compression", NULL };
  char *values[] = { PNG_COMPRESSION, NULL };
  char *buffer = NULL;
  gsize length = 0;
  guint8 *pixels;
  int stride;

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  if (pixbuf == NULL)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                   _("There is not enough memory to save a mask of %u × %u pixels. "
                     "Close other windows and try again."), width, height);
      return NULL;
    }

  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  for (guint y = 0; y < height; y++)
    {
      guint8 *out = pixels + (gsize) y * stride;
      const guint8 *in = coverage + (gsize) y * width;

      for (guint x = 0; x < width; x++, out += 4)
        {
          out[0] = out[1] = out[2] = 0;
          out[3] = 255 - in[x];
        }
    }

  if (!gdk_pixbuf_save_to_bufferv (pixbuf, &buffer, &length, "png", keys, values, error))
    return NULL;

  return g_bytes_new_take (buffer, length);
}

GBytes *
easel_mask_export_png (EaselMask  *self,
                       GError    **error)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return encode_png (self->data, self->width, self->height, error);
}

typedef struct
{
  guint8 *coverage;
  guint   width;
  guint   height;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->coverage);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  GError *error = NULL;
  GBytes *png;

  /* Before anything else: a task cancelled before it started already
   * holds its error, which only this call replaces cleanly. */
  if (g_task_return_error_if_cancelled (task))
    return;

  png = encode_png (export->coverage, export->width, export->height, &error);
  if (png == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
}

void
easel_mask_export_png_async (EaselMask           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *export;

  g_return_if_fail (EASEL_IS_MASK (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_mask_export_png_async);
  /* The mask stays on its own thread; the worker gets a copy of the
   * coverage as it is now, so later strokes do not reach the file. */
  export = g_new0 (ExportData, 1);
  export->coverage = g_memdup2 (self->data, (gsize) self->width * self->height);
  export->width = self->width;
  export->height = self->height;
  g_task_set_task_data (task, export, export_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, export_thread);
}

GBytes *
easel_mask_export_png_finish (EaselMask     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (EASEL_IS_MASK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_mask_export_png_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- import ---------------------------------------------------------------- */

static void
set_refused (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST, message);
}

/* Bilinear, pixel centres on pixel centres; weights in 1/256 so the result
 * is the same on every machine. */
static void
scale_bilinear (const guint8 *src,
                guint         src_width,
                guint         src_height,
                guint8       *dst,
                guint         width,
                guint         height)
{
  g_autofree guint *x0 = g_new (guint, width);
  g_autofree guint *x1 = g_new (guint, width);
  g_autofree guint *wx = g_new (guint, width);

  for (guint i = 0; i < width; i++)
    {
      double f = CLAMP ((i + 0.5) * src_width / width - 0.5, 0.0, src_width - 1.0);

      x0[i] = (guint) f;
      x1[i] = MIN (x0[i] + 1, src_width - 1);
      wx[i] = (guint) ((f - x0[i]) * 256 + 0.5);
    }

  for (guint j = 0; j < height; j++)
    {
      double f = CLAMP ((j + 0.5) * src_height / height - 0.5, 0.0, src_height - 1.0);
      guint y0 = (guint) f, y1 = MIN (y0 + 1, src_height - 1);
      guint wy = (guint) ((f - y0) * 256 + 0.5);
      const guint8 *top = src + (gsize) y0 * src_width;
      const guint8 *bottom = src + (gsize) y1 * src_width;
      guint8 *out = dst + (gsize) j * width;

      for (guint i = 0; i < width; i++)
        {
          guint t = top[x0[i]] * (256 - wx[i]) + top[x1[i]] * wx[i];
          guint b = bottom[x0[i]] * (256 - wx[i]) + bottom[x1[i]] * wx[i];

          out[i] = (t * (256 - wy) + b * wy + 32768) >> 16;
        }
    }
}

static EaselMask *
load_png (GBytes        *png,
          guint          width,
          guint          height,
          char         **message,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(EaselMask) mask = NULL;
  g_autofree guint8 *coverage = NULL;
  g_autoptr(GError) local_error = NULL;
  EaselPixbufLoad load;
  const guint8 *data;
  gsize length = 0;
  gint64 png_width, png_height;
  const guint8 *pixels;
  guint src_width, src_height;
  gsize n_pixels, painted = 0;
  int stride;

  data = g_bytes_get_data (png, &length);
  if (data == NULL || g_strcmp0 (easel_image_sniff_mime_type (data, length), "image/png") != 0)
    {
      set_refused (error, _("A mask must be a PNG image with transparency, and this file is not "
                            "a PNG image. Choose a PNG whose transparent pixels mark what to "
                            "redraw, or paint the mask in the editor."));
      return NULL;
    }

  /* The loader allocates the whole image as soon as it reads the header,
   * so the header's size is checked here first. */
  if (!easel_image_read_header_size (data, length, "image/png", &png_width, &png_height) ||
      png_width <= 0 || png_height <= 0)
    {
      set_refused (error, _("This mask PNG is damaged and cannot be read. Choose another file, "
                            "or paint the mask in the editor."));
      return NULL;
    }
  if (png_width > EASEL_MASK_MAX_SIDE || png_height > EASEL_MASK_MAX_SIDE ||
      png_width * png_height > EASEL_MAX_IMAGE_PIXELS)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                   _("This mask PNG claims to be %lld × %lld pixels, past Easel’s limit of %d "
                     "pixels a side and %lld in all, so it was not opened. Use a mask the "
                     "size of the first image."),
                   (long long) png_width, (long long) png_height, EASEL_MASK_MAX_SIDE,
                   (long long) EASEL_MAX_IMAGE_PIXELS);
      return NULL;
    }

  pixbuf = easel_image_load_pixbuf (data, length, "image/png", &load, cancellable, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (pixbuf == NULL || load.cut_short || load.too_large)
    {
      set_refused (error, _("This mask PNG is damaged and cannot be read. Choose another file, "
                            "or paint the mask in the editor."));
      return NULL;
    }

  if (!gdk_pixbuf_get_has_alpha (pixbuf) || gdk_pixbuf_get_n_channels (pixbuf) != 4)
    {
      set_refused (error, _("This PNG has no transparency, so it cannot be a mask: a mask’s "
                            "transparent pixels mark what to redraw. Save it with an alpha "
                            "channel, or paint the mask in the editor."));
      return NULL;
    }

  src_width = gdk_pixbuf_get_width (pixbuf);
  src_height = gdk_pixbuf_get_height (pixbuf);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  n_pixels = (gsize) src_width * src_height;
  coverage = g_malloc (n_pixels);
  for (guint y = 0; y < src_height; y++)
    {
      const guint8 *in = pixels + (gsize) y * stride + 3;
      guint8 *out = coverage + (gsize) y * src_width;

      for (guint x = 0; x < src_width; x++, in += 4)
        {
          out[x] = 255 - *in;
          painted += out[x] != 0;
        }
    }

  if (painted == 0)
    {
      set_refused (error, _("Every pixel of this PNG is opaque, so nothing would be redrawn. "
                            "Make the areas to redraw transparent, or paint the mask in the "
                            "editor."));
      return NULL;
    }

  mask = easel_mask_new (width, height);
  if (src_width == width && src_height == height)
    {
      memcpy (mask->data, coverage, n_pixels);
      mask->nonzero = painted;
    }
  else
    {
      gint64 cross_a = (gint64) src_width * height, cross_b = (gint64) width * src_height;

      scale_bilinear (coverage, src_width, src_height, mask->data, width, height);
      mask->nonzero = 0;
      for (gsize i = 0; i < (gsize) width * height; i++)
        mask->nonzero += mask->data[i] != 0;
      if (mask->nonzero == 0)
        {
          g_set_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST,
                       _("Scaled from %u × %u to %u × %u, the size of the first image, this "
                         "mask has no transparent pixel left, so nothing would be redrawn. Use "
                         "a mask the size of the first image."),
                       src_width, src_height, width, height);
          return NULL;
        }

      if (message != NULL)
        {
          g_autofree char *scaled =
            g_strdup_printf (_("The mask was %u × %u pixels; it was scaled to %u × %u, the size "
                               "of the first image."), src_width, src_height, width, height);

          /* A 1 % difference in aspect ratio is rounding, not another
           * shape. */
          if (ABS (cross_a - cross_b) * 100 > MIN (cross_a, cross_b))
            *message = g_strdup_printf ("%s %s", scaled,
                                        _("Its shape differs from the first image’s, so it "
                                          "was stretched: check it in the editor."));
          else
            *message = g_steal_pointer (&scaled);
        }
    }
  mask->empty = FALSE;

  return g_steal_pointer (&mask);
}

EaselMask *
easel_mask_load_png (GBytes  *png,
                     guint    width,
                     guint    height,
                     char   **message,
                     GError **error)
{
  g_return_val_if_fail (png != NULL, NULL);
  g_return_val_if_fail (width >= 1 && width <= EASEL_MASK_MAX_SIDE, NULL);
  g_return_val_if_fail (height >= 1 && height <= EASEL_MASK_MAX_SIDE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (message != NULL)
    *message = NULL;

  return load_png (png, width, height, message, NULL, error);
}

typedef struct
{
  GBytes *png;
  guint   width;
  guint   height;
} LoadData;

typedef struct
{
  EaselMask *mask;
  char      *message;
} LoadResult;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_bytes_unref (load->png);
  g_free (load);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->mask);
  g_free (result->message);
  g_free (result);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autofree char *message = NULL;
  GError *error = NULL;
  EaselMask *mask;
  LoadResult *result;

  /* Before anything else: a task cancelled before it started already
   * holds its error, which only this call replaces cleanly. */
  if (g_task_return_error_if_cancelled (task))
    return;

  mask = load_png (load->png, load->width, load->height, &message, cancellable, &error);
  if (mask == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = g_new0 (LoadResult, 1);
  result->mask = mask;
  result->message = g_steal_pointer (&message);
  g_task_return_pointer (task, result, load_result_free);
}

void
easel_mask_load_png_async (GBytes              *png,
                           guint                width,
                           guint                height,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (png != NULL);
  g_return_if_fail (width >= 1 && width <= EASEL_MASK_MAX_SIDE);
  g_return_if_fail (height >= 1 && height <= EASEL_MASK_MAX_SIDE);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_mask_load_png_async);
  load = g_new0 (LoadData, 1);
  load->png = g_bytes_ref (png);
  load->width = width;
  load->height = height;
  g_task_set_task_data (task, load, load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

EaselMask *
easel_mask_load_png_finish (GAsyncResult  *result,
                            char         **message,
                            GError       **error)
{
  LoadResult *load;
  EaselMask *mask;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_mask_load_png_async,
                        NULL);

  if (message != NULL)
    *message = NULL;

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  mask = g_steal_pointer (&load->mask);
  if (message != NULL)
    *message = g_steal_pointer (&load->message);
  load_result_free (load);
  return mask;
}

/* --- the size of a reference ------------------------------------------------ */

gboolean
easel_mask_read_image_size (GBytes  *image,
                            guint   *width,
                            guint   *height,
                            GError **error)
{
  const guint8 *data;
  const char *mime_type;
  gsize length = 0;
  gint64 image_width, image_height;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (image, &length);
  mime_type = data != NULL ? easel_image_sniff_mime_type (data, length) : NULL;
  if (mime_type == NULL)
    {
      set_refused (error, _("The first image is not a PNG, JPEG or WebP image, so no mask can "
                            "be made for it. Use one of those formats as the first image."));
      return FALSE;
    }

  if (!easel_image_read_header_size (data, length, mime_type, &image_width, &image_height) ||
      image_width <= 0 || image_height <= 0)
    {
      set_refused (error, _("The first image is damaged and its size cannot be read, so no "
                            "mask can be made for it. Choose another first image."));
      return FALSE;
    }

  /* Such an image could not be opened anyway, and no mask is that large. */
  if (image_width > EASEL_MASK_MAX_SIDE || image_height > EASEL_MASK_MAX_SIDE ||
      image_width * image_height > EASEL_MAX_IMAGE_PIXELS)
    {
      g_set_error (error, EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                   _("The first image claims to be %lld × %lld pixels, past Easel’s limit of "
                     "%d pixels a side and %lld in all, so no mask can be made for it. Use a "
                     "smaller first image."),
                   (long long) image_width, (long long) image_height, EASEL_MASK_MAX_SIDE,
                   (long long) EASEL_MAX_IMAGE_PIXELS);
      return FALSE;
    }

  if (width != NULL)
    *width = image_width;
  if (height != NULL)
    *height = image_height;
  return TRUE;
}

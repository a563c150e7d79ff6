/* easel-image-bytes.c: checking an image's bytes before any decoder sees
 * them (base64, format, completeness, the size the header claims), and
 * decoding them under the pixel caps
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "easel-image-private.h"

const char *
easel_image_sniff_mime_type (const guint8 *data,
                             gsize         length)
{
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";

  return NULL;
}

/* GdkPixbuf draws a cut-off PNG or JPEG with gray where the rest should
 * be, without an error; a result that was cut short must be an error, so
 * look for each format's end marker. */
gboolean
easel_image_is_complete (const guint8 *data,
                         gsize         length,
                         const char   *mime_type)
{
  if (g_str_equal (mime_type, "image/png"))
    {
      gsize from = length > 1024 ? length - 1024 : 0;

      for (gsize i = length >= 8 ? length - 8 : 0; i + 1 > from && i >= 4; i--)
        {
          if (memcmp (data + i, "IEND", 4) == 0)
            return TRUE;
        }
      return FALSE;
    }

  if (g_str_equal (mime_type, "image/jpeg"))
    {
      gsize from = length > 64 ? length - 64 : 0;

      for (gsize i = length - 1; i > from; i--)
        {
          if (data[i - 1] == 0xff && data[i] == 0xd9)
            return TRUE;
        }
      return FALSE;
    }

  if (g_str_equal (mime_type, "image/webp"))
    {
      guint32 riff_size = data[4] | (data[5] << 8) | (data[6] << 16) | ((guint32) data[7] << 24);

      return (guint64) riff_size + 8 <= length;
    }

  return TRUE;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

/* The size an image's header claims, read here rather than by a loader:
 * GdkPixbuf's loaders allocate the whole image as soon as they know its
 * size, before anyone can say no. FALSE when the header cannot be found. */
gboolean
easel_image_read_header_size (const guint8 *data,
                              gsize         length,
                              const char   *mime_type,
                              gint64       *width,
                              gint64       *height)
{
  if (g_str_equal (mime_type, "image/png"))
    {
      if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        return FALSE;
      *width = be32 (data + 16);
      *height = be32 (data + 20);
      return TRUE;
    }

  if (g_str_equal (mime_type, "image/jpeg"))
    {
      gsize i = 2;

      while (i + 9 < length)
        {
          guint8 marker;
          gsize segment;

          if (data[i] != 0xff)
            return FALSE;
          marker = data[i + 1];
          if (marker == 0xff)
            {
              i++;
              continue;
            }
          if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
            {
              i += 2;
              continue;
            }
          segment = (data[i + 2] << 8) | data[i + 3];
          /* Start-of-frame markers hold the size; C4, C8 and CC are not. */
          if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 &&
              marker != 0xcc)
            {
              *height = (data[i + 5] << 8) | data[i + 6];
              *width = (data[i + 7] << 8) | data[i + 8];
              return TRUE;
            }
          i += 2 + segment;
        }
      return FALSE;
    }

  if (g_str_equal (mime_type, "image/webp"))
    {
      if (length >= 30 && memcmp (data + 12, "VP8X", 4) == 0)
        {
          *width = 1 + (data[24] | (data[25] << 8) | (data[26] << 16));
          *height = 1 + (data[27] | (data[28] << 8) | (data[29] << 16));
          return TRUE;
        }
      if (length >= 25 && memcmp (data + 12, "VP8L", 4) == 0)
        {
          guint32 bits = data[21] | (data[22] << 8) | (data[23] << 16) | ((guint32) data[24] << 24);

          *width = 1 + (bits & 0x3fff);
          *height = 1 + ((bits >> 14) & 0x3fff);
          return TRUE;
        }
      if (length >= 30 && memcmp (data + 12, "VP8 ", 4) == 0)
        {
          *width = (data[26] | (data[27] << 8)) & 0x3fff;
          *height = (data[28] | (data[29] << 8)) & 0x3fff;
          return TRUE;
        }
      return FALSE;
    }

  return FALSE;
}

/* g_base64_decode() skips what it does not understand; a gateway's broken
 * base64 must be an error, not a silently different image. One pass checks
 * and decodes: a 4K PNG is 22 MB of it, and every pass over it shows. */
enum { B64_BAD = 0x40, B64_SPACE = 0x41, B64_PAD = 0x42 };

static guint8 b64_table[256];

static void
init_b64_table (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  memset (b64_table, B64_BAD, sizeof b64_table);
  for (guint i = 0; i < 64; i++)
    b64_table[(guint8) alphabet[i]] = i;
  b64_table['\n'] = b64_table['\r'] = b64_table[' '] = b64_table['\t'] = B64_SPACE;
  b64_table['='] = B64_PAD;
}

/* Decodes @length characters into @out. Whitespace is skipped, "=" ends
 * the symbols; anything else is an error. Returns FALSE on a bad byte. */
static gboolean
decode_range (const guint8 *in,
              gsize         length,
              guint8       *out,
              gsize        *written,
              gsize        *symbols,
              gsize        *padding)
{
  guint32 accumulator = 0;
  guint bits = 0;
  gsize n_out = 0, n_symbols = 0, n_padding = 0;

  for (gsize i = 0; i < length; i++)
    {
      guint8 value = b64_table[in[i]];

      if (G_LIKELY (value < 64))
        {
          if (G_UNLIKELY (n_padding > 0))
            return FALSE;
          accumulator = (accumulator << 6) | value;
          bits += 6;
          n_symbols++;
          if (bits >= 8)
            {
              bits -= 8;
              out[n_out++] = (guint8) (accumulator >> bits);
            }
          continue;
        }
      if (value == B64_SPACE)
        continue;
      if (value == B64_PAD)
        {
          n_padding++;
          continue;
        }
      return FALSE;
    }

  *written = n_out;
  *symbols = n_symbols;
  *padding = n_padding;
  return TRUE;
}

typedef struct
{
  const guint8 *in;
  gsize         length;
  guint8       *out;
  gsize         written, symbols, padding;
  gboolean      ok;
} Half;

static gpointer
decode_half (gpointer data)
{
  Half *half = data;

  half->ok = decode_range (half->in, half->length, half->out, &half->written, &half->symbols,
                           &half->padding);
  return NULL;
}

/* Past a few megabytes the second half decodes on another thread. That
 * needs the first half to be plain symbols (no line breaks), so its output
 * length is known up front; otherwise it is decoded again in one pass. */
#define B64_SPLIT_THRESHOLD (4 * 1024 * 1024)

guint8 *
easel_image_decode_base64 (const char *text,
                           gsize       length,
                           gsize      *decoded_length)
{
  static gsize initialized = 0;
  g_autofree guint8 *out = NULL;
  const guint8 *in = (const guint8 *) text;
  gsize written = 0, symbols = 0, padding = 0;

  if (g_once_init_enter (&initialized))
    {
      init_b64_table ();
      g_once_init_leave (&initialized, 1);
    }

  out = g_malloc (length / 4 * 3 + 3);

  if (length >= B64_SPLIT_THRESHOLD)
    {
      gsize half_length = length / 2 / 4 * 4;
      Half first = { in, half_length, out, 0, 0, 0, FALSE };
      Half second = { in + half_length, length - half_length, out + half_length / 4 * 3,
                      0, 0, 0, FALSE };
      GThread *thread = g_thread_new ("easel-base64", decode_half, &second);

      decode_half (&first);
      g_thread_join (thread);

      if (first.ok && second.ok && first.symbols == half_length && first.padding == 0)
        {
          symbols = first.symbols + second.symbols;
          padding = second.padding;
          if (symbols == 0 || padding > 2 || (symbols + padding) % 4 != 0)
            return NULL;
          *decoded_length = first.written + second.written;
          return g_steal_pointer (&out);
        }
      if (!first.ok || !second.ok)
        return NULL;
    }

  if (!decode_range (in, length, out, &written, &symbols, &padding))
    return NULL;
  if (symbols == 0 || padding > 2 || (symbols + padding) % 4 != 0)
    return NULL;

  *decoded_length = written;
  return g_steal_pointer (&out);
}


/* --- decoding under the caps -------------------------------------------- */

/* Small pieces until the header has told the size, so an image past the
 * caps is stopped before the loader sees any pixel data; then large ones,
 * checking for cancellation between them. */
#define HEADER_PIECE 64
#define BODY_PIECE   (1024 * 1024)

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  EaselPixbufLoad *load)
{
  load->width = width;
  load->height = height;
  if (width > EASEL_MAX_IMAGE_SIDE || height > EASEL_MAX_IMAGE_SIDE ||
      (gint64) width * height > EASEL_MAX_IMAGE_PIXELS)
    {
      load->too_large = TRUE;
      /* Loaders that scale while decoding (JPEG) then allocate next to
       * nothing; PNG's allocates regardless, which is why callers read the
       * header's size first where they can. */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

/* GdkPixbuf fills the rest of a cut-off image with grey and reports no
 * error; its updates say how far the picture really got. */
static void
on_area_updated (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 EaselPixbufLoad *load)
{
  load->rows_done = MAX (load->rows_done, y + height);
}

/**
 * easel_image_load_pixbuf:
 * @data: encoded image bytes
 * @length: their length
 * @mime_type: (nullable): their type, or %NULL to let GdkPixbuf tell
 * @load: (out caller-allocates): what was learnt besides the pixels
 * @cancellable: (nullable): a #GCancellable
 * @error: the loader's own error (its domain and code), or
 *   %G_IO_ERROR_CANCELLED
 *
 * Decodes on the calling thread (a worker's), refusing an image past
 * %EASEL_MAX_IMAGE_SIDE and %EASEL_MAX_IMAGE_PIXELS before its pixels are
 * allocated: then %NULL is returned with @load->too_large and no error.
 * Without a loader for @mime_type, %NULL with @load->no_loader and no
 * error. @load->cut_short says the picture stopped before its last row.
 *
 * Returns: (transfer full) (nullable): the pixels
 */
GdkPixbuf *
easel_image_load_pixbuf (const guint8     *data,
                         gsize             length,
                         const char       *mime_type,
                         EaselPixbufLoad  *load,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (load != NULL, NULL);

  memset (load, 0, sizeof *load);
  loader = mime_type != NULL ? gdk_pixbuf_loader_new_with_mime_type (mime_type, NULL)
                             : gdk_pixbuf_loader_new ();
  if (loader == NULL)
    {
      load->no_loader = TRUE;
      return NULL;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), load);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), load);

  for (gsize offset = 0, piece; offset < length && !load->too_large; offset += piece)
    {
      piece = MIN (load->width > 0 ? BODY_PIECE : HEADER_PIECE, length - offset);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }

      if (!gdk_pixbuf_loader_write (loader, data + offset, piece, &local_error))
        break;
    }

  /* A small file may only reach the decoder when the loader is closed. */
  if (local_error == NULL && !load->too_large)
    gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (load->too_large)
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (local_error != NULL || pixbuf == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                             _("there is no picture in it"));
      return NULL;
    }

  load->cut_short = load->rows_done < gdk_pixbuf_get_height (pixbuf);
  return g_object_ref (pixbuf);
}

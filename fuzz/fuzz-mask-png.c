/* fuzz-mask-png.c: a mask imported from a PNG file
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A mask may come from any PNG the user picks (or drops, or pastes), and a
 * reference's size is read from the header of any image. The input is such
 * a file, loaded as the mask editor loads it: refused with a message, or a
 * mask of exactly the size asked for, with something to redraw. What loads
 * must survive export and import unchanged (alpha = 255 − coverage both
 * ways, and PNG is lossless).
 *
 * Input: two parameter bytes, then the file.
 *   byte 0  bits 0–5: the first image's width, 1–64 (a scale is cheap to
 *           check at that size); bit 6: CRCs as they are, instead of
 *           written right (libpng refuses a critical chunk whose CRC is
 *           wrong, so most mutations would only test that)
 *   byte 1  bits 0–5: the first image's height, 1–64 */

#include "config.h"

#include <string.h>

#include "easel-error.h"
#include "easel-mask.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(EaselMask) mask = NULL;
  g_autoptr(GBytes) png = NULL;

  fuzz_init (argc, argv);

  /* GdkPixbuf reads its loader list once; do it before the first input,
   * so that it is not taken for that input's leak. */
  mask = easel_mask_new (2, 2);
  easel_mask_fill (mask);
  png = easel_mask_export_png (mask, NULL);
  g_clear_object (&mask);
  mask = easel_mask_load_png (png, 2, 2, NULL, NULL);
  g_assert (mask != NULL);

  return 0;
}

static guint32 crc_table[256];

static void
crc_table_init (void)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 c = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    c = crc_table[(c ^ data[i]) & 0xff] ^ (c >> 8);

  return c ^ 0xffffffffu;
}

/* Writes each chunk's CRC over its type and data, as an encoder would. */
static void
fix_crcs (guint8 *data,
          gsize   length)
{
  gsize at = 8;

  if (crc_table[1] == 0)
    crc_table_init ();

  while (at <= length && length - at >= 12)
    {
      guint32 chunk = (guint32) data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 |
                      data[at + 3];
      guint32 crc;

      if (chunk > length - at - 12)
        break;
      crc = crc32_of (data + at + 4, 4 + (gsize) chunk);
      data[at + 8 + chunk] = crc >> 24;
      data[at + 9 + chunk] = crc >> 16;
      data[at + 10 + chunk] = crc >> 8;
      data[at + 11 + chunk] = crc;
      at += 12 + (gsize) chunk;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselMask) mask = NULL;
  g_autofree char *message = NULL;
  guint8 *file;
  guint width;
  guint height;
  guint header_width = 0;
  guint header_height = 0;
  gboolean header_read;

  if (size < 2)
    return 0;

  width = 1 + (data[0] & 63);
  height = 1 + (data[1] & 63);
  file = g_memdup2 (data + 2, size - 2);
  if (!(data[0] & 64) && size - 2 >= 8)
    fix_crcs (file, size - 2);
  png = g_bytes_new_take (file, size - 2);

  /* A reference's size, read from its header. */
  header_read = easel_mask_read_image_size (png, &header_width, &header_height, &error);
  if (header_read)
    {
      fuzz_check (header_width >= 1 && header_width <= EASEL_MASK_MAX_SIDE, NULL);
      fuzz_check (header_height >= 1 && header_height <= EASEL_MASK_MAX_SIDE, NULL);
    }
  else
    {
      fuzz_check_error (error);
    }
  g_clear_error (&error);

  mask = easel_mask_load_png (png, width, height, &message, &error);
  if (mask == NULL)
    {
      fuzz_check (message == NULL, message);
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check (error == NULL, NULL);
  fuzz_check (easel_mask_get_width (mask) == width && easel_mask_get_height (mask) == height,
              NULL);
  /* A mask that would redraw nothing is refused. */
  fuzz_check (!easel_mask_is_empty (mask), NULL);
  fuzz_check (!easel_mask_can_undo (mask) && !easel_mask_can_redo (mask), NULL);
  /* Loaded, its header was readable; scaled exactly when it was another
   * size, and then the message says so. */
  fuzz_check (header_read, NULL);
  if (header_width == width && header_height == height)
    fuzz_check (message == NULL, message);
  else
    fuzz_check (message != NULL, NULL);
  if (message != NULL)
    fuzz_check_text (message);

  /* Export, import: the same coverage, byte for byte. */
  {
    g_autoptr(GBytes) exported = easel_mask_export_png (mask, &error);
    g_autoptr(EaselMask) again = NULL;
    g_autofree char *again_message = NULL;

    if (exported == NULL)
      fuzz_fail ("a loaded mask must export", error ? error->message : NULL);
    again = easel_mask_load_png (exported, width, height, &again_message, &error);
    if (again == NULL)
      fuzz_fail ("an exported mask must load", error ? error->message : NULL);
    fuzz_check (again_message == NULL, again_message);
    fuzz_check (memcmp (easel_mask_get_data (again), easel_mask_get_data (mask),
                        (gsize) width * height) == 0, NULL);
  }

  return 0;
}

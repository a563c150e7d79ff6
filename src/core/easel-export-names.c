/* easel-export-names.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* File names for exported images, made from the prompt and safe on every
 * file system a user might save to: ext4, NTFS, FAT on a USB stick. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-export-private.h"

#define NAME_WORDS 8
#define NAME_MAX_CHARS 60

const char *
easel_export_format_extension (EaselOutputFormat format)
{
  switch (format)
    {
    case EASEL_OUTPUT_FORMAT_JPEG: return "jpg";
    case EASEL_OUTPUT_FORMAT_WEBP: return "webp";
    case EASEL_OUTPUT_FORMAT_PNG:
    default: return "png";
    }
}

/* What no file system takes in a name (FAT and NTFS are the strictest),
 * and whitespace: both end a word. */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
         (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL);
}

/* Invisible format characters, such as a right-to-left override that
 * could make "gnp.exe" look like "exe.png"; the zero-width joiner stays,
 * emoji sequences need it. */
static gboolean
is_dropped (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_FORMAT && c != 0x200d;
}

/* Windows refuses these as a name before the first dot, whatever follows. */
static void
avoid_reserved_names (GString *stem)
{
  static const char * const reserved[] = { "CON", "PRN", "AUX", "NUL" };
  gsize first = strcspn (stem->str, ".");
  g_autofree char *head = g_strndup (stem->str, first);
  gboolean is_reserved = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    is_reserved |= g_ascii_strcasecmp (head, reserved[i]) == 0;
  if (first == 4 && g_ascii_isdigit (head[3]) && head[3] != '0' &&
      (g_ascii_strncasecmp (head, "COM", 3) == 0 || g_ascii_strncasecmp (head, "LPT", 3) == 0))
    is_reserved = TRUE;

  if (is_reserved)
    g_string_insert_c (stem, first, '_');
}

static void
trim_dots_and_spaces (GString *stem)
{
  gsize start = strspn (stem->str, ". ");

  g_string_erase (stem, 0, start);
  while (stem->len > 0 && (stem->str[stem->len - 1] == '.' || stem->str[stem->len - 1] == ' '))
    g_string_truncate (stem, stem->len - 1);
}

/**
 * easel_export_suggest_name:
 * @metadata: (nullable): the image's metadata
 * @format: the format it is saved in
 *
 * Returns: (transfer full): "<first words of the prompt>.<ext>"
 */
char *
easel_export_suggest_name (const EaselImageMetadata *metadata,
                           EaselOutputFormat         format)
{
  g_autoptr(GString) stem = g_string_new (NULL);
  g_autofree char *prompt = NULL;
  gboolean pending_space = FALSE, cut = FALSE;
  guint words = 0, chars = 0;

  if (metadata != NULL && metadata->prompt != NULL)
    prompt = g_utf8_make_valid (metadata->prompt, -1);

  for (const char *p = prompt; p != NULL && *p != '\0' && words < NAME_WORDS;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_separator (c))
        {
          if (stem->len > 0 && !pending_space)
            {
              pending_space = TRUE;
              words++;
            }
          continue;
        }
      if (is_dropped (c))
        continue;

      if (chars + (pending_space ? 2 : 1) > NAME_MAX_CHARS)
        {
          /* Between two words, the name already ends on a whole one. */
          cut = !pending_space;
          break;
        }
      if (pending_space)
        {
          g_string_append_c (stem, ' ');
          chars++;
          pending_space = FALSE;
        }
      g_string_append_unichar (stem, c);
      chars++;
    }

  /* A word cut in half reads worse than one left out, unless that would
   * leave little of the name. */
  if (cut)
    {
      const char *space = strrchr (stem->str, ' ');

      if (space != NULL && g_utf8_strlen (stem->str, space - stem->str) >= NAME_MAX_CHARS / 2)
        g_string_truncate (stem, space - stem->str);
    }

  trim_dots_and_spaces (stem);
  if (stem->len == 0)
    g_string_assign (stem, _("Easel image"));
  avoid_reserved_names (stem);

  return g_strdup_printf ("%s.%s", stem->str, easel_export_format_extension (format));
}

/* easel-dialect-json.c: JSON with huge string literals, parsed fast
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A 3840x2160 PNG arrives as ~22 MB of base64 inside a JSON string, and
 * json-glib reads strings one byte at a time into a GString: ~85 ms for
 * one answer. Here every string literal of LIFT_MIN_BYTES or more is lifted
 * out of the text with memchr, each replaced by a short placeholder; json-
 * glib parses the small remainder, and the lifted strings are unescaped and
 * put back where their placeholders landed.
 *
 * The result must be exactly what json-glib alone gives, for any input.
 * So this path only takes what it fully understands: a lifted literal must
 * be valid UTF-8 without raw control characters, using only RFC 8259
 * escapes (\u0000 and lone surrogates excluded, which json-glib versions
 * treat in their own ways), and every placeholder must come back from
 * json-glib as a string value, once. Anything else, including any error in
 * the remainder, returns NULL, and the caller parses the whole text with
 * json-glib, which then says what is wrong in its own words. */

#include "config.h"

#include <string.h>

#include "easel-dialect-private.h"

/* Smaller literals cost json-glib little; below this nothing is lifted. */
#define LIFT_MIN_BYTES ((gsize) 64 * 1024)

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

typedef struct
{
  const char *start;     /* the first byte after the opening quote */
  gsize       length;    /* bytes up to the closing quote */
} Literal;

/* The closing quote of the literal whose content starts at @start: the
 * first quote not escaped, that is not preceded by an odd run of
 * backslashes. NULL when the text ends first. */
static const char *
find_closing_quote (const char *start,
                    const char *end)
{
  const char *from = start;

  for (;;)
    {
      const char *quote = memchr (from, '"', end - from);
      const char *run;

      if (quote == NULL)
        return NULL;

      run = quote;
      while (run > start && run[-1] == '\\')
        run--;
      if (((quote - run) & 1) == 0)
        return quote;

      from = quote + 1;
    }
}

/* Whether @text has no raw control character (which RFC 8259 forbids in a
 * string) and is valid UTF-8. Eight bytes at a time: base64 is ASCII, so
 * the UTF-8 check rarely runs. */
static gboolean
literal_is_clean (const char *text,
                  gsize       length)
{
  guint64 controls = 0;
  guint64 highs = 0;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, sizeof word);
      /* A byte below 0x20 sets its high bit here (the classic "has less
       * than" test: exact about whether any byte is, if not which). */
      controls |= (word - ONES * 0x20) & ~word;
      highs |= word;
    }
  for (; i < length; i++)
    {
      guchar byte = (guchar) text[i];

      controls |= byte < 0x20 ? HIGHS : 0;
      highs |= byte;
    }

  if ((controls & HIGHS) != 0)
    return FALSE;
  if ((highs & HIGHS) != 0 && !g_utf8_validate_len (text, length, NULL))
    return FALSE;

  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u" at @p (which has at least @left bytes), or
 * -1. */
static int
read_hex4 (const char *p,
           gsize       left)
{
  int value = 0;

  if (left < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* The string a literal's content stands for, or NULL when it holds
 * anything beyond the plain RFC 8259 forms (see the top of the file). The
 * result is never longer than the literal: every escape shrinks. */
static char *
unescape_literal (const char *text,
                  gsize       length)
{
  const char *end = text + length;
  const char *p = text;
  char *result;
  char *out;

  if (!literal_is_clean (text, length))
    return NULL;

  if (memchr (text, '\\', length) == NULL)
    return g_strndup (text, length);

  result = out = g_malloc (length + 1);

  while (p < end)
    {
      const char *backslash = memchr (p, '\\', end - p);
      gunichar c;
      int unit;

      if (backslash == NULL)
        backslash = end;
      memcpy (out, p, backslash - p);
      out += backslash - p;
      p = backslash;
      if (p == end)
        break;

      /* The closing quote is not part of the content, so a backslash
       * here is always followed by another byte. */
      g_assert (p + 1 < end);

      switch (p[1])
        {
        case '"':  *out++ = '"';  p += 2; continue;
        case '\\': *out++ = '\\'; p += 2; continue;
        case '/':  *out++ = '/';  p += 2; continue;
        case 'b':  *out++ = '\b'; p += 2; continue;
        case 'f':  *out++ = '\f'; p += 2; continue;
        case 'n':  *out++ = '\n'; p += 2; continue;
        case 'r':  *out++ = '\r'; p += 2; continue;
        case 't':  *out++ = '\t'; p += 2; continue;
        case 'u':  break;
        default:
          g_free (result);
          return NULL;
        }

      unit = read_hex4 (p + 2, end - (p + 2));
      if (unit <= 0 || (unit >= 0xdc00 && unit <= 0xdfff))
        {
          g_free (result);
          return NULL;
        }
      p += 6;
      c = unit;

      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          int low = -1;

          if (end - p >= 6 && p[0] == '\\' && p[1] == 'u')
            low = read_hex4 (p + 2, end - (p + 2));
          if (low < 0xdc00 || low > 0xdfff)
            {
              g_free (result);
              return NULL;
            }
          p += 6;
          c = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
        }

      out += g_unichar_to_utf8 (c, out);
    }

  *out = '\0';
  return result;
}

typedef struct
{
  GArray     *literals;   /* (element-type Literal) */
  char       *prefix;     /* what every placeholder starts with */
  gsize       prefix_length;
  guint       restored;
  gboolean   *done;       /* one per literal */
  gboolean    failed;
} Restore;

/* The index a placeholder names, or -1 when @text is none of ours. */
static int
placeholder_index (Restore    *restore,
                   const char *text)
{
  guint64 index;
  char *end;

  if (strncmp (text, restore->prefix, restore->prefix_length) != 0)
    return -1;

  text += restore->prefix_length;
  if (!g_ascii_isdigit (*text))
    return -1;
  index = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || index >= restore->literals->len)
    return -1;

  return (int) index;
}

static void
restore_value (Restore  *restore,
               JsonNode *node)
{
  const char *text;
  const Literal *literal;
  char *value;
  int index;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  text = json_node_get_string (node);
  if (text == NULL || (index = placeholder_index (restore, text)) < 0)
    return;

  if (restore->done[index])
    {
      restore->failed = TRUE;
      return;
    }

  literal = &g_array_index (restore->literals, Literal, index);
  value = unescape_literal (literal->start, literal->length);
  if (value == NULL)
    {
      restore->failed = TRUE;
      return;
    }

  json_node_set_string (node, value);
  g_free (value);
  restore->done[index] = TRUE;
  restore->restored++;
}

/* Walks the tree without recursion (a worker thread's stack is not the
 * place for a gateway's nesting), putting every literal back. */
static gboolean
restore_tree (Restore  *restore,
              JsonNode *root)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);

  while (stack->len > 0 && !restore->failed && restore->restored < restore->literals->len)
    {
      JsonNode *node = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      switch (JSON_NODE_TYPE (node))
        {
        case JSON_NODE_OBJECT:
          {
            JsonObjectIter iter;
            JsonNode *member;

            json_object_iter_init (&iter, json_node_get_object (node));
            while (json_object_iter_next (&iter, NULL, &member))
              g_ptr_array_add (stack, member);
          }
          break;

        case JSON_NODE_ARRAY:
          {
            JsonArray *array = json_node_get_array (node);
            guint length = json_array_get_length (array);

            for (guint i = 0; i < length; i++)
              g_ptr_array_add (stack, json_array_get_element (array, i));
          }
          break;

        case JSON_NODE_VALUE:
          restore_value (restore, node);
          break;

        case JSON_NODE_NULL:
        default:
          break;
        }
    }

  /* A placeholder that json-glib took for a member name, or dropped as a
   * duplicate member, is missing here: the caller then parses it all. */
  return !restore->failed && restore->restored == restore->literals->len;
}

/* --- What json-glib 1.6 leaks on -------------------------------------- */

/* Whitespace and C comments, which json-glib skips between tokens. An
 * unterminated comment is left for json-glib to report. */
static const char *
skip_space (const char *p,
            const char *end)
{
  for (;;)
    {
      while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;

      if (end - p >= 2 && p[0] == '/' && p[1] == '*')
        {
          const char *close = g_strstr_len (p + 2, end - (p + 2), "*/");

          /* g_strstr_len stops at a NUL: then the comment has no end. */
          if (close == NULL)
            return p;
          p = close + 2;
          continue;
        }

      return p;
    }
}

/* Escapes json-glib 1.6 reads its own way, walked as escape pairs as its
 * strings are (outside strings a backslash is an error anyway):
 *
 * - \0 to \7 start octal escapes, its own extension, which make any byte
 *   and so strings that are not UTF-8;
 * - \u takes up to four hex digits, stopping after (and swallowing) the
 *   first byte that is not one, even a closing quote, so its strings may
 *   end later than they seem to;
 * - when the digits give a surrogate, a following \u escape is taken as
 *   the other half, and when the two are not a high and a low surrogate it
 *   fails with "malformed surrogate pair", leaking the string it was
 *   building.
 *
 * No gateway's JSON holds any of them, and without them the strings
 * json-glib reads are the ones find_closing_quote() finds. */
static gboolean
text_has_bad_escape (const char *p,
                     const char *end)
{
  while ((p = memchr (p, '\\', end - p)) != NULL)
    {
      gunichar unit = 0;
      guint digits = 0;
      int low;

      if (end - p < 2)
        break;

      if (p[1] >= '0' && p[1] <= '7')
        return TRUE;

      if (p[1] != 'u' || end - p < 3 || hex_value (p[2]) < 0)
        {
          p += 2;
          continue;
        }

      while (digits < 4 && p + 2 + digits < end && hex_value (p[2 + digits]) >= 0)
        {
          unit += (gunichar) hex_value (p[2 + digits]) << ((3 - digits) * 4);
          digits++;
        }

      if (digits < 4)
        return TRUE;

      if (unit < 0xd800 || unit > 0xdfff)
        {
          p += 6;
          continue;
        }

      if (unit > 0xdbff || end - (p + 6) < 6 || p[6] != '\\' || p[7] != 'u')
        return TRUE;
      low = read_hex4 (p + 8, end - (p + 8));
      if (low < 0xdc00 || low > 0xdfff)
        return TRUE;

      p += 12;
    }

  return FALSE;
}

/* RFC 8259 text is UTF-8; json-glib 1.6 does not check, and hands on
 * strings that are not. Eight bytes at a time: answers are mostly base64,
 * which is ASCII. */
static gboolean
text_is_utf8 (const char *text,
              gsize       length)
{
  guint64 highs = 0;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, sizeof word);
      highs |= word;
    }
  for (; i < length; i++)
    highs |= (guchar) text[i];

  if ((highs & HIGHS) == 0 && memchr (text, '\0', length) == NULL)
    return TRUE;

  return g_utf8_validate_len (text, length, NULL);
}

/* Where the string literal opening at @p ends (after its closing quote),
 * or NULL when the text ends first. */
static const char *
literal_end (const char *p,
             const char *end)
{
  const char *close = find_closing_quote (p + 1, end);

  return close != NULL ? close + 1 : NULL;
}

/* Where the container opening at @p ends, strings and comments skipped;
 * NULL when the text ends first, or when it nests deeper than json-glib
 * may recurse (*@too_deep). */
static const char *
container_end (const char *p,
               const char *end,
               gboolean   *too_deep)
{
  gsize depth = 0;

  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = literal_end (p, end);
          if (p == NULL)
            return NULL;
          continue;

        case '/':
          if (end - p >= 2 && p[1] == '*')
            {
              const char *after = skip_space (p, end);

              if (after == p)
                return NULL;
              p = after;
              continue;
            }
          break;

        case '{':
        case '[':
          if (++depth > EASEL_JSON_MAX_DEPTH)
            {
              *too_deep = TRUE;
              return NULL;
            }
          break;

        case '}':
        case ']':
          if (--depth == 0)
            return p + 1;
          break;

        default:
          break;
        }
      p++;
    }

  return NULL;
}

/**
 * easel_dialect_json_hazard:
 * @data: JSON text
 * @length: its length in bytes
 *
 * json-glib 1.6 leaks memory on two kinds of text that RFC 8259 does not
 * allow anyway, for every answer that holds them: several values in one
 * text ("{…} {…}", of which it keeps the last), and \u escapes of
 * surrogates that are not a well-formed pair (see text_has_bad_escape()).
 * It reads nested arrays and objects by recursion, so some 100 KB of "["
 * overflow the stack of the thread that parses them and end Easel. And it
 * takes text that is not UTF-8, and octal escapes, and hands on strings
 * that are not UTF-8, which Easel would show and store. This finds all of
 * them without parsing. Text that is not JSON at all otherwise passes, and
 * json-glib then says what is wrong with it.
 *
 * Returns: what json-glib must not be given, or %EASEL_JSON_HAZARD_NONE
 */
EaselJsonHazard
easel_dialect_json_hazard (const char *data,
                           gsize       length)
{
  const char *end = data + length;
  const char *p = data;
  gboolean too_deep = FALSE;

  if (data == NULL)
    return EASEL_JSON_HAZARD_NONE;

  /* json-glib skips a byte order mark. */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  p = skip_space (p, end);
  if (p == end)
    return EASEL_JSON_HAZARD_NONE;

  if (*p == '{' || *p == '[')
    {
      p = container_end (p, end, &too_deep);
    }
  else if (*p == '"')
    {
      p = literal_end (p, end);
    }
  else
    {
      /* true, false, null or a number. */
      while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == '+' || *p == '.'))
        p++;
    }

  if (!text_is_utf8 (data, length))
    return EASEL_JSON_HAZARD_NOT_UTF8;
  if (text_has_bad_escape (data, end))
    return EASEL_JSON_HAZARD_BAD_ESCAPE;
  if (too_deep)
    return EASEL_JSON_HAZARD_TOO_DEEP;
  if (p != NULL && skip_space (p, end) != end)
    return EASEL_JSON_HAZARD_SEVERAL_VALUES;

  return EASEL_JSON_HAZARD_NONE;
}

/**
 * easel_dialect_json_parse_lifting:
 * @data: JSON text
 * @length: its length in bytes
 *
 * Parses @data with its long string literals lifted out first.
 *
 * Returns: (transfer full) (nullable): the root node, exactly as json-glib
 *   would give it; or NULL when this path does not apply (no long literal,
 *   or something it leaves to json-glib), never with an error
 */
JsonNode *
easel_dialect_json_parse_lifting (const char *data,
                                  gsize       length)
{
  g_autoptr(GArray) literals = NULL;
  g_autoptr(GString) rest = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *prefix = NULL;
  g_autofree gboolean *done = NULL;
  const char *end = data + length;
  const char *copied = data;
  const char *from = data;
  Restore restore = { 0 };

  if (data == NULL || length < LIFT_MIN_BYTES)
    return NULL;

  for (;;)
    {
      const char *open = memchr (from, '"', end - from);
      const char *close;
      Literal literal;

      if (open == NULL)
        break;

      close = find_closing_quote (open + 1, end);
      /* Unterminated: json-glib says so. */
      if (close == NULL)
        return NULL;

      from = close + 1;
      if ((gsize) (close - (open + 1)) < LIFT_MIN_BYTES)
        continue;

      if (literals == NULL)
        {
          literals = g_array_new (FALSE, FALSE, sizeof (Literal));
          rest = g_string_sized_new (64 * 1024);
          /* Random per parse: no gateway's text can name a placeholder. */
          prefix = g_strdup_printf ("easel-lifted-%08x%08x-", g_random_int (), g_random_int ());
        }

      literal.start = open + 1;
      literal.length = close - (open + 1);
      g_string_append_len (rest, copied, open - copied);
      g_string_append_printf (rest, "\"%s%u\"", prefix, literals->len);
      g_array_append_val (literals, literal);
      copied = close + 1;
    }

  if (literals == NULL)
    return NULL;

  g_string_append_len (rest, copied, end - copied);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, rest->str, rest->len, NULL))
    return NULL;

  root = json_parser_steal_root (parser);
  if (root == NULL)
    return NULL;

  done = g_new0 (gboolean, literals->len);
  restore.literals = literals;
  restore.prefix = prefix;
  restore.prefix_length = strlen (prefix);
  restore.done = done;
  if (!restore_tree (&restore, root))
    return NULL;

  return g_steal_pointer (&root);
}

/**
 * easel_dialect_json_depth_ok:
 * @data: (nullable): JSON text
 * @length: its length in bytes
 *
 * json-glib reads nesting by recursion, and frees it the same way: a
 * gateway's 100,000 nested arrays overflow the stack of the thread reading
 * them before any error can be reported. This counts the nesting without
 * parsing, strings skipped; text that is not JSON passes, and json-glib
 * then says what is wrong with it.
 *
 * Returns: %FALSE when something nests deeper than %EASEL_JSON_MAX_DEPTH
 */
gboolean
easel_dialect_json_depth_ok (const char *data,
                             gsize       length)
{
  const char *end = data + length;
  const char *p = data;
  guint depth = 0;

  if (data == NULL)
    return TRUE;

  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = find_closing_quote (p + 1, end);
          if (p == NULL)
            return TRUE;
          break;

        case '[':
        case '{':
          if (++depth > EASEL_JSON_MAX_DEPTH)
            return FALSE;
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
      p++;
    }

  return TRUE;
}

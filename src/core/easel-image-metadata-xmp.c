/* easel-image-metadata-xmp.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The XMP packet that carries the prompt in JPEG and WebP files: written
 * with the standard properties (dc:description, xmp:CreatorTool) and one of
 * Easel's own, and read back with GMarkup. */

#include "config.h"

#include "easel-image-metadata-private.h"

/* Appends @text escaped for XML element content while @out stays within
 * @limit bytes; FALSE when some of it did not fit. XML 1.0 cannot hold the
 * C0 controls other than tab and newline at all, so they are dropped; a
 * carriage return is a reference, or parsers would turn it into "\n". */
static gboolean
append_escaped (GString    *out,
                const char *text,
                gsize       limit)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *escaped;
      gsize length;

      switch (*p)
        {
        case '&': escaped = "&amp;"; length = 5; break;
        case '<': escaped = "&lt;"; length = 4; break;
        case '>': escaped = "&gt;"; length = 4; break;
        case '\r': escaped = "&#13;"; length = 5; break;
        default:
          escaped = p;
          length = g_utf8_next_char (p) - p;
          if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n')
            length = 0;
          break;
        }

      if (out->len + length > limit)
        return FALSE;
      g_string_append_len (out, escaped, length);
    }

  return TRUE;
}

static const char xmp_head[] =
  "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
  "  <rdf:Description rdf:about=\"\"\n"
  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
  "    xmlns:easel=\"https://easelapp.github.io/ns/1.0/\">\n";
static const char xmp_prompt_head[] =
  "   <dc:description>\n"
  "    <rdf:Alt>\n"
  "     <rdf:li xml:lang=\"x-default\">";
static const char xmp_prompt_tail[] =
  "</rdf:li>\n"
  "    </rdf:Alt>\n"
  "   </dc:description>\n";
static const char xmp_tail[] =
  "  </rdf:Description>\n"
  " </rdf:RDF>\n"
  "</x:xmpmeta>\n"
  "<?xpacket end=\"w\"?>";

GString *
easel_xmp_build (const EaselImageMetadata *metadata,
                 gsize                     limit)
{
  GString *packet = g_string_new (xmp_head);
  gsize reserve;

  if (metadata->software != NULL)
    {
      g_string_append (packet, "   <xmp:CreatorTool>");
      append_escaped (packet, metadata->software, G_MAXSIZE);
      g_string_append (packet, "</xmp:CreatorTool>\n");
    }
  if (metadata->parameters != NULL)
    {
      g_string_append (packet, "   <easel:parameters>");
      append_escaped (packet, metadata->parameters, G_MAXSIZE);
      g_string_append (packet, "</easel:parameters>\n");
    }

  /* What has to follow the prompt, so it can be cut to leave room. */
  reserve = strlen (xmp_prompt_tail) + strlen (xmp_tail) + strlen (EASEL_ELLIPSIS);
  g_assert (packet->len + strlen (xmp_prompt_head) + reserve <= limit);

  if (metadata->prompt != NULL)
    {
      g_string_append (packet, xmp_prompt_head);
      if (!append_escaped (packet, metadata->prompt, limit - reserve))
        g_string_append (packet, EASEL_ELLIPSIS);
      g_string_append (packet, xmp_prompt_tail);
    }
  g_string_append (packet, xmp_tail);

  return packet;
}

typedef enum
{
  XMP_NONE,
  XMP_PROMPT,
  XMP_PARAMETERS,
  XMP_SOFTWARE,
} XmpField;

typedef struct
{
  EaselImageMetadata *into;
  GString            *text;
  XmpField            field;
  gboolean            in_description;
} XmpParser;

static char **
xmp_field_slot (XmpParser *parser,
                XmpField   field)
{
  switch (field)
    {
    case XMP_PROMPT: return &parser->into->prompt;
    case XMP_PARAMETERS: return &parser->into->parameters;
    case XMP_SOFTWARE: return &parser->into->software;
    case XMP_NONE:
    default: break;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
xmp_store (XmpParser  *parser,
           XmpField    field,
           const char *value)
{
  char **slot = xmp_field_slot (parser, field);

  /* Layout between elements is not a value. */
  if (*slot == NULL && value != NULL && value[strspn (value, " \t\r\n")] != '\0')
    *slot = g_strdup (value);
}

static void
xmp_start_element (GMarkupParseContext  *context,
                   const char           *name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  XmpParser *parser = user_data;

  /* Simple properties may also be attributes of the description. */
  if (g_str_equal (name, "rdf:Description"))
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        {
          if (g_str_equal (attribute_names[i], "xmp:CreatorTool"))
            xmp_store (parser, XMP_SOFTWARE, attribute_values[i]);
          else if (g_str_equal (attribute_names[i], "easel:parameters"))
            xmp_store (parser, XMP_PARAMETERS, attribute_values[i]);
        }
      return;
    }

  if (g_str_equal (name, "dc:description"))
    parser->in_description = TRUE;

  if (g_str_equal (name, "dc:description") || (parser->in_description &&
                                               g_str_equal (name, "rdf:li")))
    parser->field = XMP_PROMPT;
  else if (g_str_equal (name, "easel:parameters"))
    parser->field = XMP_PARAMETERS;
  else if (g_str_equal (name, "xmp:CreatorTool"))
    parser->field = XMP_SOFTWARE;
  else if (!parser->in_description)
    parser->field = XMP_NONE;

  g_string_truncate (parser->text, 0);
}

static void
xmp_end_element (GMarkupParseContext  *context,
                 const char           *name,
                 gpointer              user_data,
                 GError              **error)
{
  XmpParser *parser = user_data;

  if (g_str_equal (name, "dc:description"))
    {
      /* A bare description without the language alternative of the
       * standard: its text, when it has more than layout. */
      if (parser->field == XMP_PROMPT)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (parser->text->str));

          xmp_store (parser, XMP_PROMPT, stripped);
        }
      parser->in_description = FALSE;
    }
  else if (parser->field != XMP_NONE)
    {
      xmp_store (parser, parser->field, parser->text->str);
    }

  parser->field = XMP_NONE;
  g_string_truncate (parser->text, 0);
}

static void
xmp_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  XmpParser *parser = user_data;

  if (parser->field != XMP_NONE)
    g_string_append_len (parser->text, text, length);
}

gboolean
easel_xmp_parse (const char         *text,
                 gsize               length,
                 EaselImageMetadata *into)
{
  static const GMarkupParser callbacks = {
    xmp_start_element, xmp_end_element, xmp_text, NULL, NULL,
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) collected = g_string_new (NULL);
  XmpParser parser = { into, collected, XMP_NONE, FALSE };
  const char *start, *end;

  /* Writers pad packets with spaces or NULs, and some put a byte-order
   * mark first: the XML is from the first '<' to the last '>'. */
  start = memchr (text, '<', length);
  end = start != NULL ? g_strrstr_len (start, length - (start - text), ">") : NULL;
  if (start == NULL || end == NULL)
    return FALSE;

  context = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
  return g_markup_parse_context_parse (context, start, end + 1 - start, NULL) &&
         g_markup_parse_context_end_parse (context, NULL);
}

/* easel-sse.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* text/event-stream as the HTML Living Standard's "event stream
 * interpretation" describes it, fed in whatever pieces the network hands
 * over. A streamed partial image is one data line of tens of megabytes, so
 * the parser never rescans what it has kept, bounds what it keeps, and
 * hands the data on without another copy. */

#include "config.h"

#include <glib/gi18n.h>

#include "easel-error.h"
#include "easel-sse.h"

/* Room for a field name and its colon and space on top of an event's data,
 * so that a line holding exactly max_event_bytes of data still fits. */
#define LINE_OVERHEAD 64

/* Buffers that grew past this for one big event are given back after it. */
#define KEEP_BYTES (64 * 1024)

static const guchar bom[] = { 0xef, 0xbb, 0xbf };

struct _EaselSseParser
{
  gsize              max_event_bytes;
  EaselSseEventFunc  func;
  gpointer           user_data;

  GString           *line;        /* the line being read, without its end */
  GString           *data;        /* the event's data lines, each ended by LF */
  GString           *event;       /* the event type; empty means "message" */
  gboolean           has_event;   /* an event field was seen since the last dispatch */
  gboolean           skip_lf;     /* the last line ended in CR: an LF next is part of it */
  gboolean           at_start;    /* still looking for a byte order mark */
  guint              bom_matched; /* how many of its bytes have been seen */
  gboolean           stopped;     /* the callback asked to stop */
  gboolean           dispatching; /* inside the callback */
  GError            *failure;     /* why feeding failed; every later feed fails too */
};

/**
 * easel_sse_parser_new:
 * @max_event_bytes: the most data one event may carry
 * @func: called for each complete event
 * @user_data: data for @func
 *
 * Returns: (transfer full): a parser at the start of a stream
 */
EaselSseParser *
easel_sse_parser_new (gsize              max_event_bytes,
                      EaselSseEventFunc  func,
                      gpointer           user_data)
{
  EaselSseParser *self;

  g_return_val_if_fail (max_event_bytes > 0, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (EaselSseParser, 1);
  self->max_event_bytes = max_event_bytes;
  self->func = func;
  self->user_data = user_data;
  self->line = g_string_new (NULL);
  self->data = g_string_new (NULL);
  self->event = g_string_new (NULL);
  self->at_start = TRUE;

  return self;
}

void
easel_sse_parser_free (EaselSseParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_string_free (self->event, TRUE);
  g_clear_error (&self->failure);
  g_free (self);
}

static void
release_if_big (GString **buffer)
{
  if ((*buffer)->allocated_len > KEEP_BYTES)
    {
      g_string_free (*buffer, TRUE);
      *buffer = g_string_new (NULL);
    }
  else
    {
      g_string_truncate (*buffer, 0);
    }
}

static void
reset_event (EaselSseParser *self)
{
  release_if_big (&self->data);
  g_string_truncate (self->event, 0);
  self->has_event = FALSE;
}

static gboolean
fail_too_large (EaselSseParser  *self,
                GError         **error)
{
  g_autofree char *limit = g_format_size (self->max_event_bytes);

  self->failure = g_error_new (EASEL_ERROR, EASEL_ERROR_TOO_LARGE,
                               /* Translators: %s is a size such as 64.0 MB. */
                               _("A streamed event from the gateway is larger than %s, more "
                                 "than Easel accepts."), limit);
  g_propagate_error (error, g_error_copy (self->failure));
  return FALSE;
}

/* A blank line: hand the event over, unless it carried no data, which the
 * standard says to drop. */
static gboolean
dispatch (EaselSseParser *self)
{
  gboolean keep_going;

  if (self->data->len == 0)
    {
      reset_event (self);
      return TRUE;
    }

  /* The last data line's LF is not part of the data. */
  g_string_truncate (self->data, self->data->len - 1);
  self->dispatching = TRUE;
  keep_going = self->func (self->event->len > 0 ? self->event->str : "message",
                           self->data->str, self->user_data);
  self->dispatching = FALSE;
  reset_event (self);

  if (!keep_going)
    self->stopped = TRUE;

  return keep_going;
}

static gboolean
process_line (EaselSseParser  *self,
              GError         **error)
{
  const char *line = self->line->str;
  const char *colon;
  const char *value;
  gsize field_length;
  gsize value_length;

  if (self->line->len == 0)
    return dispatch (self);

  if (line[0] == ':')
    {
      g_string_truncate (self->line, 0);
      return TRUE;
    }

  colon = memchr (line, ':', self->line->len);
  if (colon != NULL)
    {
      field_length = colon - line;
      value = colon + 1;
      if (*value == ' ')
        value++;
    }
  else
    {
      field_length = self->line->len;
      value = line + self->line->len;
    }
  value_length = self->line->len - (value - line);

  if (field_length == 4 && memcmp (line, "data", 4) == 0)
    {
      /* The joined data would be what is kept plus this value. */
      if (self->data->len + value_length > self->max_event_bytes)
        return fail_too_large (self, error);

      if (self->data->len == 0)
        {
          /* The first data line is usually the only one, and the big one:
           * take the line's buffer instead of copying the value out. */
          GString *taken = self->line;

          g_string_erase (taken, 0, value - line);
          self->line = self->data;
          self->data = taken;
        }
      else
        {
          g_string_append_len (self->data, value, value_length);
        }
      g_string_append_c (self->data, '\n');
    }
  else if (field_length == 5 && memcmp (line, "event", 5) == 0)
    {
      g_string_truncate (self->event, 0);
      g_string_append_len (self->event, value, value_length);
      self->has_event = TRUE;
    }
  /* id and retry steer reconnection, which Easel does not do: an image
   * request is not resumable. Other fields are ignored, as the standard
   * says. */

  g_string_truncate (self->line, 0);
  return TRUE;
}

static gboolean
feed_bytes (EaselSseParser  *self,
            const char      *data,
            gsize            length,
            GError         **error)
{
  gsize limit = self->max_event_bytes + LINE_OVERHEAD;
  gsize i = 0;

  while (i < length)
    {
      gsize end;

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (data[i] == '\n')
            {
              i++;
              continue;
            }
        }

      for (end = i; end < length; end++)
        {
          if (data[end] == '\n' || data[end] == '\r')
            break;
        }

      if (self->line->len + (end - i) > limit)
        return fail_too_large (self, error);
      g_string_append_len (self->line, data + i, end - i);

      if (end == length)
        break;

      self->skip_lf = data[end] == '\r';
      i = end + 1;

      if (!process_line (self, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * easel_sse_parser_feed:
 * @self: a parser
 * @data: (array length=length): the next bytes of the stream
 * @length: how many
 * @error: return location for an %EASEL_ERROR_TOO_LARGE
 *
 * Returns: %FALSE if an event was too large (with @error set) or the
 *   callback asked to stop (without)
 */
gboolean
easel_sse_parser_feed (EaselSseParser  *self,
                       const char      *data,
                       gsize            length,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  if (self->stopped)
    return FALSE;

  /* A UTF-8 byte order mark may open the stream, even split across
   * feeds; bytes that only began to look like one are data after all. */
  while (self->at_start && length > 0)
    {
      if ((guchar) data[0] == bom[self->bom_matched])
        {
          data++;
          length--;
          if (++self->bom_matched == G_N_ELEMENTS (bom))
            self->at_start = FALSE;
          continue;
        }

      self->at_start = FALSE;
      if (self->bom_matched > 0 &&
          !feed_bytes (self, (const char *) bom, self->bom_matched, error))
        return FALSE;
    }

  return feed_bytes (self, data, length, error);
}

/**
 * easel_sse_parser_steal_data:
 * @self: a parser, inside its event callback
 *
 * Takes the event's data, so that tens of megabytes of base64 can go on
 * to a worker thread without a copy on the main thread. The @data the
 * callback was given is no longer valid afterwards.
 *
 * Returns: (transfer full): the same text as the callback's @data
 */
char *
easel_sse_parser_steal_data (EaselSseParser *self)
{
  char *data;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->dispatching, NULL);

  data = g_string_free (self->data, FALSE);
  self->data = g_string_new (NULL);

  return data;
}

/**
 * easel_sse_parser_finish:
 * @self: a parser
 *
 * Ends the stream. An event that no blank line ended is dropped.
 *
 * Returns: %FALSE if such an event was pending: the stream was cut off
 */
gboolean
easel_sse_parser_finish (EaselSseParser *self)
{
  gboolean pending;

  g_return_val_if_fail (self != NULL, FALSE);

  /* A stream that was nothing but the start of a byte order mark. */
  if (self->at_start && self->bom_matched > 0)
    {
      self->at_start = FALSE;
      g_string_append_len (self->line, (const char *) bom, self->bom_matched);
    }

  pending = self->data->len > 0 || self->has_event ||
            (self->line->len > 0 && self->line->str[0] != ':');

  release_if_big (&self->line);
  reset_event (self);
  self->skip_lf = FALSE;

  return !pending;
}

/* easel-test-job.h: running EaselJob against the mock gateway in tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-job.h"
#include "easel-mock-server.h"

G_BEGIN_DECLS

typedef struct
{
  EaselMockServer *mock;
  EaselClient     *client;
  char            *output_dir;
  guint            partials;     /* partial images seen by the last run */
} EaselTestGateway;

void          easel_test_gateway_init     (EaselTestGateway *gateway);
void          easel_test_gateway_clear    (EaselTestGateway *gateway);
/* A profile from @preset pointed at the mock's base URL for its dialect. */
EaselProfile *easel_test_gateway_profile  (EaselTestGateway *gateway,
                                           const char       *preset);
/* Runs a job to its end (bounded in time) and returns it. */
EaselJob     *easel_test_gateway_run      (EaselTestGateway *gateway,
                                           EaselProfile     *profile,
                                           EaselRequest     *request);
/* Files in the output dir whose name starts with @prefix. */
guint         easel_test_gateway_count_files (EaselTestGateway *gateway,
                                              const char       *prefix);
void          easel_test_gateway_empty_output (EaselTestGateway *gateway);
/* An in-memory PNG, with alpha when @alpha; filled with @rgba. */
GBytes       *easel_test_png              (int               width,
                                           int               height,
                                           gboolean          alpha,
                                           guint32           rgba);
/* Writes @bytes to a file in a fresh temp dir and returns its path. */
char         *easel_test_write_temp       (GBytes           *bytes,
                                           const char       *name);

G_END_DECLS

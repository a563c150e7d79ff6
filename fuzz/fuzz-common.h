/* fuzz-common.h: what every libFuzzer target shares
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points, declared here so -Wmissing-prototypes holds. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* Call first in LLVMFuzzerInitialize: makes the run reproducible and every
 * GLib warning or critical a crash (see fuzz-common.c). */
void fuzz_init              (int            *argc,
                             char         ***argv);

/* Aborts with @what and the offending text when an invariant breaks, so
 * libFuzzer keeps the input as a crash. */
G_NORETURN
void fuzz_fail              (const char     *what,
                             const char     *detail);
#define fuzz_check(condition, detail) \
  G_STMT_START { \
    if (G_UNLIKELY (!(condition))) \
      fuzz_fail (G_STRLOC ": " #condition, (detail)); \
  } G_STMT_END

/* An error for input the user gave (a size, a stored request): in
 * EASEL_ERROR, with a message a person can be shown: non-empty, valid
 * UTF-8. */
void fuzz_check_error       (const GError   *error);
/* The same for any text meant for a person. */
void fuzz_check_text        (const char     *text);
/* An error about what a gateway sent: also no control characters but
 * newlines and tabs (easel-cli prints it to a terminal), and short, since
 * a gateway's own words are cut at 500 characters. */
void fuzz_check_gateway_error (const GError *error);
void fuzz_check_gateway_text  (const char   *text);

/* A deterministic stream of numbers drawn from the input itself, for
 * choices (chunk sizes, limits) the fuzzer should also explore. */
typedef struct
{
  guint64 state;
} FuzzRandom;

void    fuzz_random_init    (FuzzRandom     *random,
                             guint64         seed);
guint32 fuzz_random_next    (FuzzRandom     *random);

G_END_DECLS

/* test-request.c: requests, their validation against each gateway,
 * references and JSON
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "easel-error.h"
#include "easel-request.h"

/* What DESIGN.md §4.5 says each preset takes; the tests below derive their
 * expectations from this table, not from the profile under test. */
typedef struct
{
  const char *id;
  guint       max_n;
  guint       max_references;
  gboolean    files;          /* local files and pasted images */
  gboolean    urls;           /* https:// URLs */
  gboolean    data_urls;      /* data: URLs */
  gboolean    mask;
  gboolean    stream;
  gboolean    async;          /* the flag is accepted (optional or moot) */
  gboolean    ratio_form;
} Gateway;

static const Gateway gateways[] = {
  { "openai",    10, 16, TRUE,  FALSE, TRUE,  TRUE,  TRUE,  FALSE, FALSE },
  { "apiyi",     1,  16, TRUE,  FALSE, TRUE,  TRUE,  FALSE, FALSE, FALSE },
  { "yycode",    10, 16, TRUE,  FALSE, TRUE,  TRUE,  FALSE, TRUE,  FALSE },
  { "icodeeasy", 10, 16, TRUE,  TRUE,  TRUE,  FALSE, FALSE, TRUE,  TRUE  },
  { "aizfw",     1,  6,  FALSE, TRUE,  FALSE, FALSE, FALSE, TRUE,  TRUE  },
  { "aizfw-r",   1,  16, FALSE, TRUE,  FALSE, FALSE, FALSE, TRUE,  TRUE  },
};

static EaselProfile *
profile_for (const Gateway *gateway)
{
  EaselProfile *profile = easel_profile_new_from_preset (gateway->id, "test");

  g_assert_nonnull (profile);
  return profile;
}

static EaselRequest *
valid_request (void)
{
  EaselRequest *request = easel_request_new ();

  easel_request_set_prompt (request, "A lighthouse at dusk, watercolour");
  return request;
}

static void
assert_valid (EaselProfile *profile,
              EaselRequest *request)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = easel_request_validate (request, profile, &error);

  if (error != NULL)
    g_test_message ("%s: %s", easel_profile_get_id (profile), error->message);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Fails with exactly @message, or when @message is NULL with any message. */
static void
assert_invalid (EaselProfile *profile,
                EaselRequest *request,
                const char   *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (easel_request_validate (request, profile, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_invalid_contains (EaselProfile *profile,
                         EaselRequest *request,
                         const char   *part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (easel_request_validate (request, profile, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
}

/* --- Validation -------------------------------------------------------- */

static void
test_defaults (void)
{
  g_autoptr(EaselRequest) request = easel_request_new ();

  g_assert_cmpstr (easel_request_get_prompt (request), ==, "");
  g_assert_null (easel_request_get_model (request));
  g_assert_cmpstr (easel_request_get_size (request), ==, "auto");
  g_assert_cmpint (easel_request_get_resolution (request), ==, EASEL_RESOLUTION_1K);
  g_assert_cmpint (easel_request_get_quality (request), ==, EASEL_QUALITY_AUTO);
  g_assert_cmpint (easel_request_get_output_format (request), ==, EASEL_OUTPUT_FORMAT_PNG);
  g_assert_cmpint (easel_request_get_output_compression (request), ==, -1);
  g_assert_cmpuint (easel_request_get_n (request), ==, 1);
  g_assert_false (easel_request_get_stream (request));
  g_assert_false (easel_request_get_async (request));

  /* With a prompt, the defaults suit every gateway. */
  easel_request_set_prompt (request, "a cat");
  for (guint i = 0; i < G_N_ELEMENTS (gateways); i++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[i]);

      assert_valid (profile, request);
    }
}

static void
test_prompt (void)
{
  static const char *const blank[] = { "", " ", " \t\n\r ", "\u3000", "\u00a0\u2003 ", NULL };
  g_autoptr(GString) long_ascii = g_string_new (NULL);
  g_autoptr(GString) long_cjk = g_string_new (NULL);

  for (guint i = 0; i < 32000; i++)
    {
      g_string_append_c (long_ascii, 'a');
      g_string_append (long_cjk, "画");
    }

  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();

      for (guint i = 0; blank[i] != NULL; i++)
        {
          easel_request_set_prompt (request, blank[i]);
          assert_invalid (profile, request, "The prompt is empty; describe the image to make.");
        }

      easel_request_set_prompt (request, NULL);
      assert_invalid (profile, request, "The prompt is empty; describe the image to make.");

      /* A single character is a prompt. */
      easel_request_set_prompt (request, " 猫 ");
      assert_valid (profile, request);

      /* 32,000 characters, whatever their bytes. */
      easel_request_set_prompt (request, long_ascii->str);
      assert_valid (profile, request);
      easel_request_set_prompt (request, long_cjk->str);
      g_assert_cmpuint (strlen (long_cjk->str), ==, 96000);
      assert_valid (profile, request);

      g_string_append (long_cjk, "画");
      easel_request_set_prompt (request, long_cjk->str);
      assert_invalid (profile, request,
                      "The prompt has 32001 characters; this gateway takes at most 32000.");
      g_string_truncate (long_cjk, long_cjk->len - strlen ("画"));

      g_string_append_c (long_ascii, 'b');
      easel_request_set_prompt (request, long_ascii->str);
      assert_invalid (profile, request,
                      "The prompt has 32001 characters; this gateway takes at most 32000.");
      g_string_truncate (long_ascii, 32000);

      easel_request_set_prompt (request, "caf\xc3");
      assert_invalid (profile, request, "The prompt is not valid UTF-8 text.");
    }

  /* A profile's own limit. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
    g_autoptr(EaselRequest) request = valid_request ();
    EaselProfileLimits limits = *easel_profile_get_limits (profile);

    limits.max_prompt_chars = 10;
    easel_profile_set_limits (profile, &limits);
    easel_request_set_prompt (request, "ten chars!");
    assert_valid (profile, request);
    easel_request_set_prompt (request, "eleven chrs");
    assert_invalid (profile, request,
                    "The prompt has 11 characters; this gateway takes at most 10.");
  }
}

static void
test_n (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();
      guint max_n = gateways[g].max_n;
      g_autofree char *message = NULL;

      easel_request_set_n (request, 1);
      assert_valid (profile, request);
      easel_request_set_n (request, max_n);
      assert_valid (profile, request);

      easel_request_set_n (request, max_n + 1);
      if (max_n == 1)
        message = g_strdup ("This gateway makes 1 image per request; 2 were asked.");
      else
        message = g_strdup_printf ("This gateway makes at most %u images per request; %u were "
                                   "asked.", max_n, max_n + 1);
      assert_invalid (profile, request, message);

      easel_request_set_n (request, 0);
      assert_invalid (profile, request, "Ask for at least 1 image; 0 were asked.");
    }

  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("apiyi", "p");
    g_autoptr(EaselRequest) request = valid_request ();

    easel_request_set_n (request, 4);
    assert_invalid (profile, request, "This gateway makes 1 image per request; 4 were asked.");
  }
}

static void
test_size_pixels (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();
      const char * const *presets = easel_size_presets ();
      gboolean yycode = g_str_equal (gateways[g].id, "yycode");

      /* Every gateway takes the §4.6 presets, in either form. */
      for (guint i = 0; presets[i] != NULL; i++)
        {
          easel_request_set_size (request, presets[i]);
          assert_valid (profile, request);
        }

      /* The resolution is moot for a pixel size. */
      easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
      easel_request_set_size (request, "2048x1152");
      assert_valid (profile, request);
      easel_request_set_resolution (request, EASEL_RESOLUTION_1K);

      easel_request_set_size (request, "1000x1024");
      assert_invalid (profile, request, "Width 1000 is not a multiple of 16; try 1008.");
      easel_request_set_size (request, "3856x2160");
      assert_invalid (profile, request,
                      "Width 3856 is more than 3840 pixels, the longest edge allowed.");
      easel_request_set_size (request, "512x512");
      assert_invalid (profile, request,
                      "512x512 has 262,144 pixels; gpt-image-2 needs at least 655,360.");
      easel_request_set_size (request, "1024x640");
      assert_valid (profile, request);

      /* yycode's own rules: its two presets, no shape rule. */
      easel_request_set_size (request, "1920x1080");
      if (yycode)
        assert_valid (profile, request);
      else
        assert_invalid (profile, request, "Height 1080 is not a multiple of 16; try 1088.");

      easel_request_set_size (request, "3840x800");
      if (yycode)
        assert_valid (profile, request);
      else
        assert_invalid (profile, request,
                        "3840x800 is wider than 3:1, the widest shape gpt-image-2 makes.");

      easel_request_set_size (request, "3840x2176");
      assert_invalid (profile, request,
                      yycode ? "3840x2176 has 8,355,840 pixels; this gateway makes at most "
                               "3840×2160 (8,294,400)."
                             : "3840x2176 has 8,355,840 pixels; gpt-image-2 makes at most "
                               "8,294,400.");

      if (yycode)
        {
          const char * const *own = easel_size_yycode_presets ();

          for (guint i = 0; own[i] != NULL; i++)
            {
              easel_request_set_size (request, own[i]);
              assert_valid (profile, request);
            }
        }
    }
}

static void
test_size_pixel_form (void)
{
  static const char *const pixel_gateways[] = { "openai", "apiyi", "yycode", NULL };

  for (guint g = 0; pixel_gateways[g] != NULL; g++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (pixel_gateways[g], "p");
      g_autoptr(EaselRequest) request = valid_request ();

      easel_request_set_size (request, "16:9");
      assert_invalid (profile, request, "This gateway takes sizes in pixels, such as 1536x1024, "
                                        "not the ratio “16:9”.");
      easel_request_set_size (request, "1:1");
      assert_invalid_contains (profile, request, "“1:1”");
      easel_request_set_size (request, "big");
      assert_invalid (profile, request, "“big” is not a size in pixels; write it as "
                                        "WIDTHxHEIGHT, such as 1536x1024.");
    }
}

static void
test_size_ratio_form (void)
{
  static const char *const ratio_gateways[] = { "icodeeasy", "aizfw", "aizfw-r", NULL };
  const char * const *ratios = easel_size_ratios ();

  for (guint g = 0; ratio_gateways[g] != NULL; g++)
    {
      g_autoptr(EaselProfile) profile = easel_profile_new_from_preset (ratio_gateways[g], "p");
      g_autoptr(EaselRequest) request = valid_request ();

      /* Every ratio and auto at 1k. */
      for (guint i = 0; ratios[i] != NULL; i++)
        {
          easel_request_set_size (request, ratios[i]);
          assert_valid (profile, request);
        }
      easel_request_set_size (request, "auto");
      assert_valid (profile, request);

      easel_request_set_size (request, "7:5");
      assert_invalid (profile, request,
                      "“7:5” is not one of the ratios the gateways take: 1:1, 3:2, 2:3, 4:3, 3:4, "
                      "5:4, 4:5, 16:9, 9:16, 2:1, 1:2, 21:9, 9:21.");
      easel_request_set_size (request, "huge");
      assert_invalid (profile, request, "“huge” is not a size this gateway takes; use auto, a "
                                        "ratio such as 16:9, or pixels such as 1536x1024.");

      /* Pixels win over ratio and resolution, by the model's rules. */
      easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
      easel_request_set_size (request, "1536x1024");
      assert_valid (profile, request);
      easel_request_set_size (request, "3840x2160");
      assert_valid (profile, request);
      easel_request_set_size (request, "1000x1024");
      assert_invalid (profile, request, "Width 1000 is not a multiple of 16; try 1008.");
      easel_request_set_size (request, "3840x1088");
      assert_invalid (profile, request,
                      "3840x1088 is wider than 3:1, the widest shape gpt-image-2 makes.");
      easel_request_set_size (request, "1920x1080");
      assert_invalid (profile, request, "Height 1080 is not a multiple of 16; try 1088.");
      easel_request_set_size (request, "1024×1024");
      assert_valid (profile, request);
    }

  /* icodeeasy: 1k and 2k for every ratio, no 4k. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("icodeeasy", "p");
    g_autoptr(EaselRequest) request = valid_request ();

    easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
    for (guint i = 0; ratios[i] != NULL; i++)
      {
        easel_request_set_size (request, ratios[i]);
        assert_valid (profile, request);
      }
    easel_request_set_size (request, "auto");
    assert_valid (profile, request);

    easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
    easel_request_set_size (request, "16:9");
    assert_invalid (profile, request,
                    "This gateway does not offer the 4k resolution; it offers 1k, 2k.");
  }

  /* aizfw gpt-image-2: 4k for the six wide ratios only. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("aizfw", "p");
    g_autoptr(EaselRequest) request = valid_request ();

    easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
    for (guint i = 0; ratios[i] != NULL; i++)
      {
        easel_request_set_size (request, ratios[i]);
        assert_valid (profile, request);
      }

    easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
    for (guint i = 0; ratios[i] != NULL; i++)
      {
        easel_request_set_size (request, ratios[i]);
        if (easel_size_ratio_allows_4k (ratios[i]))
          {
            assert_valid (profile, request);
          }
        else
          {
            g_autofree char *message =
              g_strdup_printf ("At 4k this gateway takes only the ratios 16:9, 9:16, 2:1, 1:2, "
                               "21:9 and 9:21; “%s” is not one of them.", ratios[i]);

            assert_invalid (profile, request, message);
          }
      }

    easel_request_set_size (request, "auto");
    assert_invalid (profile, request, "At 4k this gateway takes only the ratios 16:9, 9:16, 2:1, "
                                      "1:2, 21:9 and 9:21; “auto” is not one of them.");
    easel_request_set_size (request, "21:9");
    assert_valid (profile, request);
  }

  /* aizfw gpt-image-2-r: 1k only. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("aizfw-r", "p");
    g_autoptr(EaselRequest) request = valid_request ();

    easel_request_set_size (request, "16:9");
    easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
    assert_invalid (profile, request,
                    "This gateway does not offer the 2k resolution; it offers 1k.");
    easel_request_set_resolution (request, EASEL_RESOLUTION_4K);
    assert_invalid (profile, request,
                    "This gateway does not offer the 4k resolution; it offers 1k.");
    easel_request_set_size (request, "auto");
    assert_invalid_contains (profile, request, "4k resolution");
    easel_request_set_resolution (request, EASEL_RESOLUTION_1K);
    assert_valid (profile, request);
  }
}

static void
test_compression (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();

      for (EaselOutputFormat f = EASEL_OUTPUT_FORMAT_PNG; f <= EASEL_OUTPUT_FORMAT_WEBP; f++)
        {
          easel_request_set_output_format (request, f);
          easel_request_set_output_compression (request, -1);
          assert_valid (profile, request);
        }

      easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
      easel_request_set_output_compression (request, 0);
      assert_valid (profile, request);
      easel_request_set_output_compression (request, 100);
      assert_valid (profile, request);
      easel_request_set_output_compression (request, 101);
      assert_invalid (profile, request, "Compression 101 is outside 0–100.");
      easel_request_set_output_compression (request, -2);
      assert_invalid (profile, request, "Compression -2 is outside 0–100.");

      easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_WEBP);
      easel_request_set_output_compression (request, 85);
      assert_valid (profile, request);

      easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_PNG);
      assert_invalid (profile, request, "Compression applies only to JPEG and WebP output; the "
                                        "format is PNG. Choose JPEG or WebP, or leave "
                                        "compression unset.");
      easel_request_set_output_compression (request, 0);
      assert_invalid_contains (profile, request, "only to JPEG and WebP");
    }
}

static void
test_background (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();
      g_autofree char *message = NULL;

      easel_request_set_background (request, EASEL_BACKGROUND_AUTO);
      assert_valid (profile, request);
      easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
      assert_valid (profile, request);

      easel_request_set_background (request, EASEL_BACKGROUND_TRANSPARENT);
      message = g_strdup_printf ("%s cannot make a transparent background; the gateway refuses "
                                 "it with HTTP 400. Choose auto or opaque, and remove the "
                                 "background afterwards.", easel_profile_get_model (profile));
      assert_invalid (profile, request, message);
    }

  /* Another model on a custom setup may well take it. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
    g_autoptr(EaselRequest) request = valid_request ();

    easel_request_set_background (request, EASEL_BACKGROUND_TRANSPARENT);
    easel_request_set_model (request, "gpt-image-1.5");
    assert_valid (profile, request);

    easel_request_set_model (request, NULL);
    easel_profile_set_model (profile, "gpt-image-1");
    assert_valid (profile, request);

    /* The request's model wins over the profile's. */
    easel_request_set_model (request, "gpt-image-2");
    assert_invalid_contains (profile, request, "gpt-image-2 cannot make a transparent");
  }
}

static void
test_quality (void)
{
  /* Every gateway takes the four tiers; gpt-image-2-r ignores them, which
   * is no reason to refuse a request. */
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();

      for (EaselQuality q = EASEL_QUALITY_AUTO; q <= EASEL_QUALITY_HIGH; q++)
        {
          easel_request_set_quality (request, q);
          assert_valid (profile, request);
        }
    }
}

static void
test_moderation (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();

      easel_request_set_moderation (request, EASEL_MODERATION_LOW);
      assert_valid (profile, request);
    }
}

/* A reference of each kind, with the name each message shows. */
typedef enum
{
  KIND_FILE,
  KIND_URL,
  KIND_DATA_URL,
  KIND_BYTES,
  N_KINDS
} Kind;

static EaselReference *
make_reference (Kind kind)
{
  switch (kind)
    {
    case KIND_FILE:
      return easel_reference_new_for_path ("/home/ada/Pictures/photo.png");

    case KIND_URL:
      return easel_reference_new_for_url ("https://cdn.example.com/refs/photo.png?sig=abc", NULL);

    case KIND_DATA_URL:
      return easel_reference_new_for_url ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==",
                                          NULL);

    case KIND_BYTES:
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);

        return easel_reference_new_for_bytes (bytes, "image/png", "pasted.png");
      }

    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
gateway_takes (const Gateway *gateway,
               Kind           kind)
{
  switch (kind)
    {
    case KIND_FILE:
    case KIND_BYTES:
      return gateway->files;
    case KIND_URL:
      return gateway->urls;
    case KIND_DATA_URL:
      return gateway->data_urls;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
refusal (const Gateway *gateway,
         Kind           kind)
{
  switch (kind)
    {
    case KIND_FILE:
      return "This gateway takes reference images only as https:// URLs; “photo.png” is a "
             "local file.";
    case KIND_BYTES:
      return "This gateway takes reference images only as https:// URLs; “pasted.png” is a "
             "pasted image.";
    case KIND_DATA_URL:
      return "This gateway takes reference images only as https:// URLs; “image” is a data: "
             "URL.";
    case KIND_URL:
      return "This gateway takes reference images only as files, not URLs; “photo.png” is a "
             "URL. Download the image and add the file.";
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
test_reference_kinds (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);

      for (Kind kind = KIND_FILE; kind < N_KINDS; kind++)
        {
          g_autoptr(EaselRequest) request = valid_request ();
          g_autoptr(EaselReference) reference = make_reference (kind);

          g_assert_nonnull (reference);
          easel_request_add_reference (request, reference);

          if (gateway_takes (&gateways[g], kind))
            assert_valid (profile, request);
          else
            assert_invalid (profile, request, refusal (&gateways[g], kind));
        }
    }

  /* A refused kind anywhere in the list is found, and the URL itself (a
   * credential, perhaps) is not in the message. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
    g_autoptr(EaselRequest) request = valid_request ();
    g_autoptr(EaselReference) file = make_reference (KIND_FILE);
    g_autoptr(EaselReference) url = make_reference (KIND_URL);
    g_autoptr(GError) error = NULL;

    easel_request_add_reference (request, file);
    easel_request_add_reference (request, file);
    easel_request_add_reference (request, url);
    g_assert_false (easel_request_validate (request, profile, &error));
    g_assert_null (strstr (error->message, "sig=abc"));
    g_assert_null (strstr (error->message, "cdn.example.com"));
  }
}

static void
test_reference_count (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();
      g_autoptr(EaselReference) reference =
        make_reference (gateways[g].files ? KIND_FILE : KIND_URL);
      g_autofree char *message = NULL;

      assert_valid (profile, request);
      for (guint i = 0; i < gateways[g].max_references; i++)
        easel_request_add_reference (request, reference);
      assert_valid (profile, request);

      easel_request_add_reference (request, reference);
      message = g_strdup_printf ("This gateway takes at most %u reference images; %u were added.",
                                 gateways[g].max_references, gateways[g].max_references + 1);
      assert_invalid (profile, request, message);

      easel_request_clear_references (request);
      assert_valid (profile, request);
    }

  /* The example of easel-request.h. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("aizfw", "p");
    g_autoptr(EaselRequest) request = valid_request ();
    g_autoptr(EaselReference) reference = make_reference (KIND_URL);

    for (guint i = 0; i < 7; i++)
      easel_request_add_reference (request, reference);
    assert_invalid (profile, request,
                    "This gateway takes at most 6 reference images; 7 were added.");
  }

  /* Never more than 16 (DESIGN.md §5), whatever a profile says. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("icodeeasy", "p");
    g_autoptr(EaselRequest) request = valid_request ();
    g_autoptr(EaselReference) reference = make_reference (KIND_URL);
    EaselProfileLimits limits = *easel_profile_get_limits (profile);

    limits.max_references = 40;
    easel_profile_set_limits (profile, &limits);
    for (guint i = 0; i < 16; i++)
      easel_request_add_reference (request, reference);
    assert_valid (profile, request);
    easel_request_add_reference (request, reference);
    assert_invalid (profile, request,
                    "This gateway takes at most 16 reference images; 17 were added.");

    limits.max_references = 0;
    easel_profile_set_limits (profile, &limits);
    assert_invalid (profile, request, "This gateway takes no reference images; remove them.");
  }
}

static void
test_mask (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();
      Kind kind = gateways[g].files ? KIND_FILE : KIND_URL;
      g_autoptr(EaselReference) reference = make_reference (kind);
      g_autoptr(EaselReference) mask = make_reference (kind);

      easel_request_add_reference (request, reference);
      assert_valid (profile, request);

      easel_request_set_mask (request, mask);
      if (gateways[g].mask)
        assert_valid (profile, request);
      else
        assert_invalid (profile, request,
                        "This gateway does not take a mask; remove it to send the request.");

      easel_request_clear_references (request);
      if (gateways[g].mask)
        assert_invalid (profile, request, "A mask needs the image it applies to; add that image "
                                          "as the first reference.");
      else
        assert_invalid_contains (profile, request, "does not take a mask");

      easel_request_set_mask (request, NULL);
      assert_valid (profile, request);
    }

  /* The mask must travel like the references: not as a URL to OpenAI. */
  {
    g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("openai", "p");
    g_autoptr(EaselRequest) request = valid_request ();
    g_autoptr(EaselReference) reference = make_reference (KIND_FILE);
    g_autoptr(EaselReference) mask = make_reference (KIND_URL);

    easel_request_add_reference (request, reference);
    easel_request_set_mask (request, mask);
    assert_invalid (profile, request, refusal (&gateways[0], KIND_URL));
  }
}

static void
test_stream (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();

      /* Partial images mean nothing without streaming. */
      easel_request_set_partial_images (request, 7);
      assert_valid (profile, request);

      easel_request_set_stream (request, TRUE);
      if (!gateways[g].stream)
        {
          easel_request_set_partial_images (request, 0);
          assert_invalid (profile, request,
                          "This gateway does not stream partial images; turn streaming off.");
          continue;
        }

      for (guint p = 0; p <= 3; p++)
        {
          easel_request_set_partial_images (request, p);
          assert_valid (profile, request);
        }
      easel_request_set_partial_images (request, 4);
      assert_invalid (profile, request, "Streaming shows 0 to 3 partial images; 4 were asked.");
    }
}

static void
test_async (void)
{
  for (guint g = 0; g < G_N_ELEMENTS (gateways); g++)
    {
      g_autoptr(EaselProfile) profile = profile_for (&gateways[g]);
      g_autoptr(EaselRequest) request = valid_request ();

      easel_request_set_async (request, TRUE);
      if (gateways[g].async)
        assert_valid (profile, request);
      else
        assert_invalid (profile, request, "This gateway has no asynchronous mode; turn it off.");
    }
}

static void
test_first_rule_wins (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("apiyi", "p");
  g_autoptr(EaselRequest) request = easel_request_new ();
  g_autoptr(EaselReference) url = make_reference (KIND_URL);

  /* Everything wrong at once: the prompt is named first, then each field
   * in the order of the Create panel as it is fixed. */
  easel_request_set_n (request, 3);
  easel_request_set_size (request, "1000x1000");
  easel_request_set_output_compression (request, 50);
  easel_request_set_background (request, EASEL_BACKGROUND_TRANSPARENT);
  easel_request_add_reference (request, url);
  easel_request_set_stream (request, TRUE);
  easel_request_set_async (request, TRUE);

  assert_invalid_contains (profile, request, "The prompt is empty");
  easel_request_set_prompt (request, "a cat");
  assert_invalid_contains (profile, request, "1 image per request");
  easel_request_set_n (request, 1);
  assert_invalid_contains (profile, request, "Width 1000");
  easel_request_set_size (request, "1024x1024");
  assert_invalid_contains (profile, request, "Compression applies only");
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_JPEG);
  assert_invalid_contains (profile, request, "transparent");
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  assert_invalid_contains (profile, request, "not URLs");
  easel_request_clear_references (request);
  assert_invalid_contains (profile, request, "stream");
  easel_request_set_stream (request, FALSE);
  assert_invalid_contains (profile, request, "asynchronous");
  easel_request_set_async (request, FALSE);
  assert_valid (profile, request);
}

static void
test_model (void)
{
  g_autoptr(EaselProfile) profile = easel_profile_new_from_preset ("aizfw-r", "p");
  g_autoptr(EaselRequest) request = valid_request ();
  g_autoptr(EaselRequest) copy = NULL;
  g_autoptr(EaselReference) reference = make_reference (KIND_URL);

  g_assert_cmpstr (easel_request_get_effective_model (request, profile), ==, "gpt-image-2-r");
  easel_request_set_model (request, "gpt-image-2");
  g_assert_cmpstr (easel_request_get_effective_model (request, profile), ==, "gpt-image-2");
  easel_request_set_model (request, "");
  g_assert_null (easel_request_get_model (request));

  easel_request_add_reference (request, reference);
  easel_request_set_size (request, "16:9");
  copy = easel_request_copy (request);
  g_assert_cmpstr (easel_request_get_size (copy), ==, "16:9");
  g_assert_cmpuint (easel_request_get_references (copy)->len, ==, 1);
  g_assert_true (g_ptr_array_index (easel_request_get_references (copy), 0) == reference);
  easel_request_set_size (copy, "1:1");
  g_assert_cmpstr (easel_request_get_size (request), ==, "16:9");

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&request));
}

/* --- References on real files ----------------------------------------- */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("easel-test-request-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

/* A real image, the way a designer's file would be. */
static char *
write_image (Fixture    *fixture,
             const char *name,
             const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  if (g_str_equal (type, "jpeg"))
    {
      /* JPEG has no alpha channel. */
      g_autoptr(GdkPixbuf) rgb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);

      gdk_pixbuf_fill (rgb, 0x3366cc00);
      gdk_pixbuf_save (rgb, path, "jpeg", &error, "quality", "90", NULL);
    }
  else
    {
      gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
    }
  g_assert_no_error (error);

  return path;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

/* A file of @size bytes that takes no disk: @head, then a hole. */
static char *
write_sparse (Fixture    *fixture,
              const char *name,
              const char *head,
              gsize       head_length,
              goffset     size)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (stream), head, head_length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), size, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_load_png (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = write_image (fixture, "photo.png", "png");
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *data_url = NULL;
  gsize length;
  GBytes *bytes;

  g_assert_cmpint (easel_reference_get_kind (reference), ==, EASEL_REFERENCE_FILE);
  g_assert_cmpstr (easel_reference_get_location (reference), ==, path);
  g_assert_cmpstr (easel_reference_get_filename (reference), ==, "photo.png");
  g_assert_null (easel_reference_get_bytes (reference));
  g_assert_null (easel_reference_to_data_url (reference));

  g_assert_true (easel_reference_load (reference, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_reference_get_mime_type (reference), ==, "image/png");

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = easel_reference_get_bytes (reference);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);

  data_url = easel_reference_to_data_url (reference);
  g_assert_true (g_str_has_prefix (data_url, "data:image/png;base64,iVBORw0KGgo"));

  /* Loading twice is harmless. */
  g_assert_true (easel_reference_load (reference, NULL, NULL));
  g_assert_true (easel_reference_get_bytes (reference) == bytes);
}

static void
test_load_jpeg_webp (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *jpeg = write_image (fixture, "photo.jpg", "jpeg");
  /* GdkPixbuf may have no WebP saver: the magic bytes are what is sniffed. */
  g_autofree char *webp = write_file (fixture, "photo.webp",
                                      "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11"
                                      "\x11\x88\x88\xfe\x07\0", 34);
  g_autoptr(EaselReference) jpeg_ref = easel_reference_new_for_path (jpeg);
  g_autoptr(EaselReference) webp_ref = easel_reference_new_for_path (webp);
  g_autoptr(GError) error = NULL;

  g_assert_true (easel_reference_load (jpeg_ref, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_reference_get_mime_type (jpeg_ref), ==, "image/jpeg");

  g_assert_true (easel_reference_load (webp_ref, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_reference_get_mime_type (webp_ref), ==, "image/webp");
}

static void
test_load_not_an_image (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "notes.txt", "a lighthouse at dusk\n", -1);
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strdup_printf ("The reference “%s” is not a PNG, JPEG or WebP "
                                              "image.", path);

  g_assert_false (easel_reference_load (reference, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, message);

  /* A PNG's name does not make it one. */
  {
    g_autofree char *fake = write_file (fixture, "fake.png", "GIF89a", -1);
    g_autoptr(EaselReference) fake_ref = easel_reference_new_for_path (fake);
    g_autoptr(GError) fake_error = NULL;

    g_assert_false (easel_reference_load (fake_ref, NULL, &fake_error));
    g_assert_error (fake_error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
    g_assert_nonnull (strstr (fake_error->message, "is not a PNG, JPEG or WebP image"));
  }

  /* An empty file. */
  {
    g_autofree char *empty = write_file (fixture, "empty.png", "", 0);
    g_autoptr(EaselReference) empty_ref = easel_reference_new_for_path (empty);

    g_assert_false (easel_reference_load (empty_ref, NULL, NULL));
  }
}

static void
test_load_too_large (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char png_magic[] = "\x89PNG\r\n\x1a\n";
  g_autofree char *big = write_sparse (fixture, "huge.png", png_magic, 8,
                                       EASEL_MAX_REFERENCE_BYTES + 1);
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (big);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strdup_printf ("The reference image “%s” is 50.0 MB; gateways take "
                                              "at most 50 MB per image.", big);

  g_assert_false (easel_reference_load (reference, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, message);
  /* Refused before reading. */
  g_assert_null (easel_reference_get_bytes (reference));

  /* 50 MB exactly is allowed. */
  {
    g_autofree char *limit = write_sparse (fixture, "limit.png", png_magic, 8,
                                           EASEL_MAX_REFERENCE_BYTES);
    g_autoptr(EaselReference) limit_ref = easel_reference_new_for_path (limit);
    g_autoptr(GError) limit_error = NULL;

    g_assert_true (easel_reference_load (limit_ref, NULL, &limit_error));
    g_assert_no_error (limit_error);
    g_assert_cmpuint (g_bytes_get_size (easel_reference_get_bytes (limit_ref)), ==,
                      EASEL_MAX_REFERENCE_BYTES);
  }
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.png", NULL);
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (easel_reference_load (reference, NULL, &error));
  g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "cannot be read"));
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_load_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_image (fixture, "photo.png", "png");
  g_autoptr(EaselReference) reference = easel_reference_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (easel_reference_load (reference, cancellable, &error));
  g_assert_nonnull (error);
  g_assert_null (easel_reference_get_bytes (reference));
}

static void
test_data_url (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = write_image (fixture, "photo.png", "png");
  g_autofree char *contents = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *url = NULL;
  g_autofree char *again = NULL;
  g_autoptr(EaselReference) reference = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GBytes *bytes;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  b64 = g_base64_encode ((const guchar *) contents, length);
  url = g_strconcat ("data:image/png;base64,", b64, NULL);

  reference = easel_reference_new_for_url (url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (easel_reference_get_kind (reference), ==, EASEL_REFERENCE_DATA_URL);
  g_assert_cmpstr (easel_reference_get_location (reference), ==, url);
  g_assert_cmpstr (easel_reference_get_mime_type (reference), ==, "image/png");

  g_assert_true (easel_reference_load (reference, NULL, &error));
  g_assert_no_error (error);
  bytes = easel_reference_get_bytes (reference);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);

  /* Sent as given. */
  again = easel_reference_to_data_url (reference);
  g_assert_cmpstr (again, ==, url);

  /* The header says PNG, the bytes are text. */
  {
    g_autoptr(EaselReference) text = easel_reference_new_for_url ("data:image/png;base64,"
                                                                  "aGVsbG8gd29ybGQ=", NULL);
    g_autoptr(GError) text_error = NULL;

    g_assert_nonnull (text);
    g_assert_false (easel_reference_load (text, NULL, &text_error));
    g_assert_error (text_error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
    g_assert_cmpstr (text_error->message, ==,
                     "The reference “image” is not a PNG, JPEG or WebP image.");
  }
}

static void
test_urls (void)
{
  static const struct
  {
    const char *url;
    const char *message;
  } bad[] = {
    { "data:text/plain;base64,aGk=", "A data URL reference must have the form "
                                     "data:image/TYPE;base64,DATA." },
    { "data:image/png,rawdata", "A data URL reference must have the form "
                                "data:image/TYPE;base64,DATA." },
    { "data:image/png;base64", "A data URL reference must have the form "
                               "data:image/TYPE;base64,DATA." },
    { "http://example.com/photo.png", "The reference URL “http://example.com/photo.png” uses "
                                      "http://; gateways accept only https:// reference URLs." },
    { "ftp://example.com/photo.png", "The reference “ftp://example.com/photo.png” is neither an "
                                     "https:// URL nor a data:image URL." },
    { "/home/ada/photo.png", NULL },
    { "https://", NULL },
  };
  g_autoptr(EaselReference) https = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (easel_reference_new_for_url (bad[i].url, &error));
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  https = easel_reference_new_for_url ("https://example.com/refs/photo.png", NULL);
  g_assert_nonnull (https);
  g_assert_cmpint (easel_reference_get_kind (https), ==, EASEL_REFERENCE_URL);
  g_assert_cmpstr (easel_reference_get_filename (https), ==, "photo.png");
  /* Nothing to load: the gateway fetches it. */
  g_assert_true (easel_reference_load (https, NULL, NULL));
  g_assert_null (easel_reference_get_bytes (https));
  g_assert_null (easel_reference_to_data_url (https));
}

static void
test_bytes (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EaselReference) reference = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *url = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0xff000000);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL));
  bytes = g_bytes_new (buffer, length);

  reference = easel_reference_new_for_bytes (bytes, NULL, NULL);
  g_assert_cmpint (easel_reference_get_kind (reference), ==, EASEL_REFERENCE_BYTES);
  g_assert_null (easel_reference_get_location (reference));
  g_assert_cmpstr (easel_reference_get_filename (reference), ==, "image");
  g_assert_true (easel_reference_load (reference, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (easel_reference_get_mime_type (reference), ==, "image/png");
  url = easel_reference_to_data_url (reference);
  g_assert_true (g_str_has_prefix (url, "data:image/png;base64,iVBORw0KGgo"));
}

/* --- JSON -------------------------------------------------------------- */

static char *
to_string (EaselRequest *request)
{
  g_autoptr(JsonNode) node = easel_request_to_json (request);

  return json_to_string (node, FALSE);
}

static EaselRequest *
from_string (const char  *text,
             GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return easel_request_new_from_json (node, error);
}

static EaselRequest *
full_request (void)
{
  EaselRequest *request = easel_request_new ();
  g_autoptr(EaselReference) file = easel_reference_new_for_path ("/home/ada/Pictures/photo.png");
  g_autoptr(EaselReference) url = easel_reference_new_for_url ("https://cdn.example.com/a.jpg",
                                                               NULL);
  g_autoptr(EaselReference) data_url = easel_reference_new_for_url ("data:image/webp;base64,"
                                                                    "UklGRg==", NULL);
  g_autoptr(EaselReference) mask = easel_reference_new_for_path ("/tmp/mask.png");

  easel_request_set_prompt (request, "A “lighthouse” at dusk\n\twith 画 and \\ slashes");
  easel_request_set_model (request, "gpt-image-2-r");
  easel_request_set_size (request, "16:9");
  easel_request_set_resolution (request, EASEL_RESOLUTION_2K);
  easel_request_set_quality (request, EASEL_QUALITY_HIGH);
  easel_request_set_output_format (request, EASEL_OUTPUT_FORMAT_WEBP);
  easel_request_set_output_compression (request, 85);
  easel_request_set_background (request, EASEL_BACKGROUND_OPAQUE);
  easel_request_set_moderation (request, EASEL_MODERATION_LOW);
  easel_request_set_n (request, 3);
  easel_request_add_reference (request, file);
  easel_request_add_reference (request, url);
  easel_request_add_reference (request, data_url);
  easel_request_set_mask (request, mask);
  easel_request_set_stream (request, TRUE);
  easel_request_set_partial_images (request, 2);
  easel_request_set_async (request, TRUE);

  return request;
}

static void
test_json_round_trip (void)
{
  g_autoptr(EaselRequest) request = full_request ();
  g_autoptr(EaselRequest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = to_string (request);
  g_autofree char *second = NULL;
  GPtrArray *references;

  back = from_string (first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  g_assert_cmpstr (easel_request_get_prompt (back), ==, easel_request_get_prompt (request));
  g_assert_cmpstr (easel_request_get_model (back), ==, "gpt-image-2-r");
  g_assert_cmpstr (easel_request_get_size (back), ==, "16:9");
  g_assert_cmpint (easel_request_get_resolution (back), ==, EASEL_RESOLUTION_2K);
  g_assert_cmpint (easel_request_get_quality (back), ==, EASEL_QUALITY_HIGH);
  g_assert_cmpint (easel_request_get_output_format (back), ==, EASEL_OUTPUT_FORMAT_WEBP);
  g_assert_cmpint (easel_request_get_output_compression (back), ==, 85);
  g_assert_cmpint (easel_request_get_background (back), ==, EASEL_BACKGROUND_OPAQUE);
  g_assert_cmpint (easel_request_get_moderation (back), ==, EASEL_MODERATION_LOW);
  g_assert_cmpuint (easel_request_get_n (back), ==, 3);
  g_assert_true (easel_request_get_stream (back));
  g_assert_cmpuint (easel_request_get_partial_images (back), ==, 2);
  g_assert_true (easel_request_get_async (back));

  references = easel_request_get_references (back);
  g_assert_cmpuint (references->len, ==, 3);
  g_assert_cmpint (easel_reference_get_kind (g_ptr_array_index (references, 0)), ==,
                   EASEL_REFERENCE_FILE);
  g_assert_cmpstr (easel_reference_get_location (g_ptr_array_index (references, 0)), ==,
                   "/home/ada/Pictures/photo.png");
  g_assert_cmpint (easel_reference_get_kind (g_ptr_array_index (references, 1)), ==,
                   EASEL_REFERENCE_URL);
  g_assert_cmpstr (easel_reference_get_location (g_ptr_array_index (references, 1)), ==,
                   "https://cdn.example.com/a.jpg");
  g_assert_cmpint (easel_reference_get_kind (g_ptr_array_index (references, 2)), ==,
                   EASEL_REFERENCE_DATA_URL);
  g_assert_cmpstr (easel_reference_get_location (g_ptr_array_index (references, 2)), ==,
                   "data:image/webp;base64,UklGRg==");
  g_assert_cmpstr (easel_reference_get_mime_type (g_ptr_array_index (references, 2)), ==,
                   "image/webp");
  g_assert_cmpstr (easel_reference_get_location (easel_request_get_mask (back)), ==,
                   "/tmp/mask.png");

  /* Exact: the same JSON again. */
  second = to_string (back);
  g_assert_cmpstr (second, ==, first);
}

static void
test_json_members (void)
{
  g_autoptr(EaselRequest) request = full_request ();
  g_autoptr(JsonNode) node = easel_request_to_json (request);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) names = json_object_get_members (object);
  static const char *const expected[] = {
    "prompt", "model", "size", "resolution", "quality", "output_format", "output_compression",
    "background", "moderation", "n", "references", "mask", "stream", "partial_images", "async",
  };
  JsonObject *reference;

  /* Exactly these: nothing else (no key) can slip in. */
  g_assert_cmpuint (g_list_length (names), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (json_object_has_member (object, expected[i]));

  g_assert_cmpstr (json_object_get_string_member (object, "size"), ==, "16:9");
  g_assert_cmpstr (json_object_get_string_member (object, "resolution"), ==, "2k");
  g_assert_cmpstr (json_object_get_string_member (object, "quality"), ==, "high");
  g_assert_cmpstr (json_object_get_string_member (object, "output_format"), ==, "webp");
  g_assert_cmpint (json_object_get_int_member (object, "output_compression"), ==, 85);
  g_assert_cmpstr (json_object_get_string_member (object, "background"), ==, "opaque");
  g_assert_cmpstr (json_object_get_string_member (object, "moderation"), ==, "low");
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, 3);
  g_assert_true (json_object_get_boolean_member (object, "stream"));
  g_assert_cmpint (json_object_get_int_member (object, "partial_images"), ==, 2);
  g_assert_true (json_object_get_boolean_member (object, "async"));

  reference = json_array_get_object_element (json_object_get_array_member (object, "references"),
                                             0);
  g_assert_cmpstr (json_object_get_string_member (reference, "kind"), ==, "file");
  g_assert_cmpstr (json_object_get_string_member (reference, "location"), ==,
                   "/home/ada/Pictures/photo.png");
  g_assert_cmpstr (json_object_get_string_member (reference, "filename"), ==, "photo.png");
  g_assert_true (json_object_get_null_member (reference, "mime_type"));

  reference = json_array_get_object_element (json_object_get_array_member (object, "references"),
                                             1);
  g_assert_cmpstr (json_object_get_string_member (reference, "kind"), ==, "url");
  reference = json_array_get_object_element (json_object_get_array_member (object, "references"),
                                             2);
  g_assert_cmpstr (json_object_get_string_member (reference, "kind"), ==, "data-url");
  g_assert_cmpstr (json_object_get_string_member (reference, "mime_type"), ==, "image/webp");

  reference = json_object_get_object_member (object, "mask");
  g_assert_cmpstr (json_object_get_string_member (reference, "kind"), ==, "file");
  g_assert_cmpstr (json_object_get_string_member (reference, "filename"), ==, "mask.png");

  /* Defaults: the model is null, not the profile's. */
  {
    g_autoptr(EaselRequest) plain = easel_request_new ();
    g_autoptr(JsonNode) plain_node = easel_request_to_json (plain);
    JsonObject *plain_object = json_node_get_object (plain_node);

    g_assert_true (json_object_get_null_member (plain_object, "model"));
    g_assert_true (json_object_get_null_member (plain_object, "mask"));
    g_assert_cmpstr (json_object_get_string_member (plain_object, "size"), ==, "auto");
    g_assert_cmpstr (json_object_get_string_member (plain_object, "quality"), ==, "auto");
    g_assert_cmpint (json_object_get_int_member (plain_object, "output_compression"), ==, -1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plain_object,
                                                                           "references")), ==, 0);
  }
}

static void
test_json_loaded_references (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = write_image (fixture, "photo.jpg", "jpeg");
  g_autoptr(EaselReference) file = easel_reference_new_for_path (path);
  g_autoptr(EaselReference) pasted = NULL;
  g_autoptr(EaselRequest) request = valid_request ();
  g_autoptr(EaselRequest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *b64 = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *bytes_object;
  EaselReference *restored;
  GBytes *bytes;

  g_assert_true (easel_reference_load (file, NULL, &error));
  g_assert_no_error (error);
  bytes = easel_reference_get_bytes (file);
  pasted = easel_reference_new_for_bytes (bytes, NULL, "pasted.jpg");
  g_assert_true (easel_reference_load (pasted, NULL, &error));

  easel_request_add_reference (request, file);
  easel_request_add_reference (request, pasted);

  /* Pasted bytes are named and sized, never copied into the JSON. */
  node = easel_request_to_json (request);
  bytes_object = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (node), "references"), 1);
  g_assert_cmpstr (json_object_get_string_member (bytes_object, "kind"), ==, "bytes");
  g_assert_true (json_object_get_null_member (bytes_object, "location"));
  g_assert_cmpstr (json_object_get_string_member (bytes_object, "filename"), ==, "pasted.jpg");
  g_assert_cmpstr (json_object_get_string_member (bytes_object, "mime_type"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (bytes_object, "byte_size"), ==,
                   g_bytes_get_size (bytes));

  first = json_to_string (node, FALSE);
  b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), 24);
  g_assert_null (strstr (first, b64));

  back = from_string (first, &error);
  g_assert_no_error (error);

  /* The sniffed type survives; the file is read again before sending. */
  restored = g_ptr_array_index (easel_request_get_references (back), 0);
  g_assert_cmpstr (easel_reference_get_mime_type (restored), ==, "image/jpeg");
  g_assert_null (easel_reference_get_bytes (restored));

  restored = g_ptr_array_index (easel_request_get_references (back), 1);
  g_assert_cmpint (easel_reference_get_kind (restored), ==, EASEL_REFERENCE_BYTES);
  g_assert_cmpstr (easel_reference_get_filename (restored), ==, "pasted.jpg");
  g_assert_cmpstr (easel_reference_get_mime_type (restored), ==, "image/jpeg");
  g_assert_cmpuint (g_bytes_get_size (easel_reference_get_bytes (restored)), ==, 0);
  /* Without its bytes it cannot be sent, and says so. */
  g_assert_false (easel_reference_load (restored, NULL, NULL));

  /* Everything but the bytes is as it was. */
  second = to_string (back);
  {
    g_autofree char *size = g_strdup_printf ("\"byte_size\":%" G_GSIZE_FORMAT,
                                             g_bytes_get_size (bytes));
    g_auto(GStrv) parts = g_strsplit (first, size, 2);
    g_autofree char *expected = g_strjoinv ("\"byte_size\":0", parts);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    g_assert_cmpstr (second, ==, expected);
  }
}

static void
test_json_defaults_and_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EaselRequest) empty = from_string ("{}", &error);
  g_autoptr(EaselRequest) future = NULL;
  g_autoptr(EaselRequest) fresh = easel_request_new ();
  g_autofree char *empty_json = NULL;
  g_autofree char *fresh_json = to_string (fresh);

  g_assert_no_error (error);
  empty_json = to_string (empty);
  g_assert_cmpstr (empty_json, ==, fresh_json);

  future = from_string ("{\"prompt\":\"a cat\",\"n\":2,\"thinking\":\"high\","
                        "\"style\":{\"preset\":[1,2]},\"model\":null,\"mask\":null,"
                        "\"references\":null,\"size\":\"\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (easel_request_get_prompt (future), ==, "a cat");
  g_assert_cmpuint (easel_request_get_n (future), ==, 2);
  g_assert_null (easel_request_get_model (future));
  g_assert_cmpstr (easel_request_get_size (future), ==, "auto");
}

static void
test_json_errors (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "The saved request is not a JSON object." },
    { "\"prompt\"", "The saved request is not a JSON object." },
    { "{\"prompt\":5}", "The saved request’s “prompt” must be a string." },
    { "{\"prompt\":null}", "The saved request’s “prompt” must be a string." },
    { "{\"model\":7}", "The saved request’s “model” must be a string or null." },
    { "{\"size\":[1024,1024]}", "The saved request’s “size” must be a string." },
    { "{\"resolution\":\"8k\"}", "The saved request’s “resolution” has the unknown value “8k”." },
    { "{\"quality\":\"ultra\"}", "The saved request’s “quality” has the unknown value “ultra”." },
    { "{\"quality\":2}", "The saved request’s “quality” must be a string." },
    { "{\"output_format\":\"gif\"}",
      "The saved request’s “output_format” has the unknown value “gif”." },
    { "{\"output_compression\":\"85\"}",
      "The saved request’s “output_compression” must be a whole number." },
    { "{\"output_compression\":99999999999}",
      "The saved request’s “output_compression” is out of range: 99999999999." },
    { "{\"background\":\"transparent-ish\"}",
      "The saved request’s “background” has the unknown value “transparent-ish”." },
    { "{\"moderation\":\"none\"}",
      "The saved request’s “moderation” has the unknown value “none”." },
    { "{\"n\":\"3\"}", "The saved request’s “n” must be a whole number." },
    { "{\"n\":1.5}", "The saved request’s “n” must be a whole number." },
    { "{\"n\":-1}", "The saved request’s “n” is out of range: -1." },
    { "{\"stream\":\"yes\"}", "The saved request’s “stream” must be true or false." },
    { "{\"async\":1}", "The saved request’s “async” must be true or false." },
    { "{\"partial_images\":-3}", "The saved request’s “partial_images” is out of range: -3." },
    { "{\"references\":{}}", "The saved request’s “references” must be a list." },
    { "{\"references\":[5]}", "The saved request’s “references[0]” must be an object." },
    { "{\"references\":[{\"kind\":\"file\",\"location\":\"/a.png\"},{\"location\":\"/b.png\"}]}",
      "The saved request’s “references[1].kind” has the unknown value “”." },
    { "{\"references\":[{\"kind\":\"pigeon\",\"location\":\"/a.png\"}]}",
      "The saved request’s “references[0].kind” has the unknown value “pigeon”." },
    { "{\"references\":[{\"kind\":\"file\"}]}",
      "The saved request’s “references[0].location” must be a file path or URL." },
    { "{\"references\":[{\"kind\":\"file\",\"location\":3}]}",
      "The saved request’s “references[0].location” must be a string or null." },
    { "{\"references\":[{\"kind\":\"url\",\"location\":\"data:image/png;base64,AAAA\"}]}",
      "The saved request’s “references[0].kind” has the unknown value “url”." },
    { "{\"references\":[{\"kind\":\"url\",\"location\":\"http://example.com/a.png\"}]}",
      "The reference URL “http://example.com/a.png” uses http://; gateways accept only "
      "https:// reference URLs." },
    { "{\"references\":[{\"kind\":\"file\",\"location\":\"/a.png\",\"mime_type\":false}]}",
      "The saved request’s “references[0].mime_type” must be a string or null." },
    { "{\"mask\":\"/tmp/mask.png\"}", "The saved request’s “mask” must be an object." },
    { "{\"mask\":{\"kind\":\"file\",\"filename\":7,\"location\":\"/m.png\"}}",
      "The saved request’s “mask.filename” must be a string or null." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EaselRequest) request = from_string (cases[i].json, &error);

      g_assert_null (request);
      g_assert_error (error, EASEL_ERROR, EASEL_ERROR_INVALID_REQUEST);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Save As: the extension typed picks the format, whatever its case; no
 * known one keeps the image's own. */
static void
test_format_for_file_name (void)
{
  g_assert_cmpint (easel_output_format_for_file_name ("a.PNG", "image/jpeg"), ==,
                   EASEL_OUTPUT_FORMAT_PNG);
  g_assert_cmpint (easel_output_format_for_file_name ("a.jpg", "image/png"), ==,
                   EASEL_OUTPUT_FORMAT_JPEG);
  g_assert_cmpint (easel_output_format_for_file_name ("b.Jpeg", "image/png"), ==,
                   EASEL_OUTPUT_FORMAT_JPEG);
  g_assert_cmpint (easel_output_format_for_file_name ("c.webp", "image/png"), ==,
                   EASEL_OUTPUT_FORMAT_WEBP);
  g_assert_cmpint (easel_output_format_for_file_name ("d.tiff", "image/webp"), ==,
                   EASEL_OUTPUT_FORMAT_WEBP);
  g_assert_cmpint (easel_output_format_for_file_name ("no-extension", "image/jpeg"), ==,
                   EASEL_OUTPUT_FORMAT_JPEG);
  g_assert_cmpint (easel_output_format_for_file_name ("e.png.bak", NULL), ==,
                   EASEL_OUTPUT_FORMAT_PNG);
  g_assert_cmpint (easel_output_format_for_mime_type (NULL), ==, EASEL_OUTPUT_FORMAT_PNG);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/defaults", test_defaults);
  g_test_add_func ("/request/format-for-file-name", test_format_for_file_name);
  g_test_add_func ("/request/validate/prompt", test_prompt);
  g_test_add_func ("/request/validate/n", test_n);
  g_test_add_func ("/request/validate/size/pixels", test_size_pixels);
  g_test_add_func ("/request/validate/size/pixel-form", test_size_pixel_form);
  g_test_add_func ("/request/validate/size/ratio-form", test_size_ratio_form);
  g_test_add_func ("/request/validate/compression", test_compression);
  g_test_add_func ("/request/validate/background", test_background);
  g_test_add_func ("/request/validate/quality", test_quality);
  g_test_add_func ("/request/validate/moderation", test_moderation);
  g_test_add_func ("/request/validate/reference-kinds", test_reference_kinds);
  g_test_add_func ("/request/validate/reference-count", test_reference_count);
  g_test_add_func ("/request/validate/mask", test_mask);
  g_test_add_func ("/request/validate/stream", test_stream);
  g_test_add_func ("/request/validate/async", test_async);
  g_test_add_func ("/request/validate/first-rule-wins", test_first_rule_wins);
  g_test_add_func ("/request/model-and-copy", test_model);

  g_test_add ("/reference/load/png", Fixture, NULL,
              fixture_set_up, test_load_png, fixture_tear_down);
  g_test_add ("/reference/load/jpeg-webp", Fixture, NULL,
              fixture_set_up, test_load_jpeg_webp, fixture_tear_down);
  g_test_add ("/reference/load/not-an-image", Fixture, NULL,
              fixture_set_up, test_load_not_an_image, fixture_tear_down);
  g_test_add ("/reference/load/too-large", Fixture, NULL,
              fixture_set_up, test_load_too_large, fixture_tear_down);
  g_test_add ("/reference/load/missing", Fixture, NULL,
              fixture_set_up, test_load_missing, fixture_tear_down);
  g_test_add ("/reference/load/cancelled", Fixture, NULL,
              fixture_set_up, test_load_cancelled, fixture_tear_down);
  g_test_add ("/reference/data-url", Fixture, NULL,
              fixture_set_up, test_data_url, fixture_tear_down);
  g_test_add_func ("/reference/urls", test_urls);
  g_test_add_func ("/reference/bytes", test_bytes);

  g_test_add_func ("/request/json/round-trip", test_json_round_trip);
  g_test_add_func ("/request/json/members", test_json_members);
  g_test_add ("/request/json/loaded-references", Fixture, NULL,
              fixture_set_up, test_json_loaded_references, fixture_tear_down);
  g_test_add_func ("/request/json/defaults-and-unknown", test_json_defaults_and_unknown);
  g_test_add_func ("/request/json/errors", test_json_errors);

  return g_test_run ();
}

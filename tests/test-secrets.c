/* test-secrets.c: API keys in the Secret Service, or in memory without one
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `build-aux/dev test` runs this with a private session bus and an
 * unlocked gnome-keyring, where the keys make a real round trip. Without a
 * session bus the in-memory failover is what there is to test, so that is
 * what runs; it also always runs in a child process pointed at a bus that
 * does not exist. */

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <unistd.h>

#include "easel-secrets.h"

#define SENTINEL "sk-sentinel-secrets-7d41a9"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
store (EaselSecrets  *secrets,
       const char    *id,
       const char    *key,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_secrets_store_async (secrets, id, "Easel test key", key, NULL, on_done, &result);
  return easel_secrets_store_finish (secrets, wait_for (&result), error);
}

static char *
lookup (EaselSecrets  *secrets,
        const char    *id,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_secrets_lookup_async (secrets, id, NULL, on_done, &result);
  return easel_secrets_lookup_finish (secrets, wait_for (&result), error);
}

static gboolean
clear (EaselSecrets  *secrets,
       const char    *id,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  easel_secrets_clear_async (secrets, id, NULL, on_done, &result);
  return easel_secrets_clear_finish (secrets, wait_for (&result), error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The unique id keeps runs apart in a keyring that outlives one. */
static char *
make_id (const char *what)
{
  return g_strdup_printf ("test-%s-%d-%u", what, (int) getpid (), g_random_int ());
}

static void
assert_memory_failover (void)
{
  g_autoptr(EaselSecrets) secrets = easel_secrets_new ();
  g_autoptr(EaselSecrets) other = easel_secrets_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_id ("memory");
  g_autofree char *key = NULL;
  guint notified = 0;

  g_signal_connect (secrets, "notify::persistent", G_CALLBACK (count_notify), &notified);
  /* Nothing has failed yet. */
  g_assert_true (easel_secrets_get_persistent (secrets));

  g_assert_true (store (secrets, id, SENTINEL, &error));
  g_assert_no_error (error);
  g_assert_false (easel_secrets_get_persistent (secrets));
  g_assert_cmpuint (notified, ==, 1);

  key = lookup (secrets, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, SENTINEL);
  g_clear_pointer (&key, g_free);

  key = easel_secrets_lookup_sync (secrets, "test-unknown", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  /* Memory is this object's own, for this run only. */
  key = easel_secrets_lookup_sync (other, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_false (easel_secrets_get_persistent (other));

  g_assert_true (easel_secrets_store_sync (secrets, "test-sync", "Easel test key", "sk-second",
                                           NULL, &error));
  g_assert_no_error (error);
  key = easel_secrets_lookup_sync (secrets, "test-sync", NULL, &error);
  g_assert_cmpstr (key, ==, "sk-second");
  g_clear_pointer (&key, g_free);

  g_assert_true (clear (secrets, id, &error));
  g_assert_no_error (error);
  key = lookup (secrets, id, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_true (easel_secrets_clear_sync (secrets, "test-sync", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (easel_secrets_clear_sync (secrets, "test-sync", NULL, &error));
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_failover (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("easel-no-bus-XXXXXX", NULL);
      g_autofree char *address = g_strdup_printf ("unix:path=%s/bus", dir);

      /* A bus that is not there: the same as none, without autolaunching one. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_memory_failover ();
      secret_service_disconnect ();
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_keyring (void)
{
  g_autoptr(EaselSecrets) secrets = easel_secrets_new ();
  g_autoptr(EaselSecrets) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_id ("keyring");
  g_autofree char *key = NULL;
  guint notified = 0;

  g_signal_connect (secrets, "notify::persistent", G_CALLBACK (count_notify), &notified);

  g_assert_true (store (secrets, id, SENTINEL, &error));
  g_assert_no_error (error);
  g_assert_true (easel_secrets_get_persistent (secrets));

  key = lookup (secrets, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, SENTINEL);
  g_clear_pointer (&key, g_free);

  /* In the keyring, not in this object: a second one finds it. */
  other = easel_secrets_new ();
  key = easel_secrets_lookup_sync (other, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, SENTINEL);
  g_clear_pointer (&key, g_free);

  /* Storing again replaces the key rather than adding a second item. */
  g_assert_true (easel_secrets_store_sync (other, id, "Easel test key", SENTINEL "-2", NULL,
                                           &error));
  g_assert_no_error (error);
  key = lookup (secrets, id, &error);
  g_assert_cmpstr (key, ==, SENTINEL "-2");
  g_clear_pointer (&key, g_free);

  key = lookup (secrets, "test-unknown-profile", &error);
  g_assert_no_error (error);
  g_assert_null (key);

  g_assert_true (clear (secrets, id, &error));
  g_assert_no_error (error);
  key = easel_secrets_lookup_sync (other, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  /* Clearing what is not there is not an error. */
  g_assert_true (easel_secrets_clear_sync (other, id, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (easel_secrets_get_persistent (secrets));
  g_assert_true (easel_secrets_get_persistent (other));
  g_assert_cmpuint (notified, ==, 0);
}

static void
test_no_bus (void)
{
  /* No session bus in this run: the failover is the behaviour users get. */
  assert_memory_failover ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *no_bus_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/failover", test_failover);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    {
      g_test_add_func ("/secrets/keyring", test_keyring);
    }
  else
    {
      g_autofree char *address = NULL;

      /* Unset means "none" here: GDBus would otherwise look for a bus in
       * XDG_RUNTIME_DIR or autolaunch one. */
      no_bus_dir = g_dir_make_tmp ("easel-no-bus-XXXXXX", NULL);
      address = g_strdup_printf ("unix:path=%s/bus", no_bus_dir);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      g_test_add_func ("/secrets/no-bus", test_no_bus);
    }

  status = g_test_run ();
  secret_service_disconnect ();
  if (no_bus_dir != NULL)
    g_rmdir (no_bus_dir);

  return status;
}

/* easel-secrets.c
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* API keys go to the Secret Service through libsecret, one item per
 * profile id. A desktop without a Secret Service (a bare window manager, a
 * container) must still work: the first call that finds nobody answering
 * switches this object to a table in memory for the rest of the run and
 * says so through "persistent", rather than writing a key anywhere else.
 * Keys are never logged, and every copy this file owns is zeroed before
 * it is freed. */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "easel-secrets.h"

struct _EaselSecrets
{
  GObject     parent_instance;

  GHashTable *memory;              /* profile id → key; NULL while the keyring answers */
};

G_DEFINE_FINAL_TYPE (EaselSecrets, easel_secrets, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSISTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema api_key_schema = {
  "io.github.easelapp.Easel.ApiKey", SECRET_SCHEMA_NONE,
  {
    { "profile-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} OpKind;

typedef struct
{
  OpKind      kind;
  char       *profile_id;
  char       *label;
  char       *key;
  GHashTable *attributes;
} Op;

static void
key_free (char *key)
{
  if (key == NULL)
    return;

  memset (key, 0, strlen (key));
  g_free (key);
}

static void
op_free (Op *op)
{
  g_free (op->profile_id);
  g_free (op->label);
  key_free (op->key);
  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_free (op);
}

/* The errors that mean "no Secret Service here", as opposed to one that
 * answered and refused. */
static gboolean
is_unavailable (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR);
}

static void
fail_over (EaselSecrets *self)
{
  if (self->memory != NULL)
    return;

  g_debug ("No Secret Service answers; API keys are kept in memory until Easel quits");
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) key_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
}

static void
memory_store (EaselSecrets *self,
              const char   *profile_id,
              const char   *key)
{
  g_hash_table_insert (self->memory, g_strdup (profile_id), g_strdup (key));
}

static char *
memory_lookup (EaselSecrets *self,
               const char   *profile_id)
{
  return g_strdup (g_hash_table_lookup (self->memory, profile_id));
}

static void
memory_clear (EaselSecrets *self,
              const char   *profile_id)
{
  g_hash_table_remove (self->memory, profile_id);
}

static char *
value_to_key (SecretValue *value)
{
  const char *bytes;
  gsize length = 0;

  if (value == NULL)
    return NULL;

  bytes = secret_value_get (value, &length);
  return g_strndup (bytes, length);
}

static void
easel_secrets_finalize (GObject *object)
{
  EaselSecrets *self = EASEL_SECRETS (object);

  g_clear_pointer (&self->memory, g_hash_table_unref);

  G_OBJECT_CLASS (easel_secrets_parent_class)->finalize (object);
}

static void
easel_secrets_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EaselSecrets *self = EASEL_SECRETS (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      g_value_set_boolean (value, easel_secrets_get_persistent (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
easel_secrets_class_init (EaselSecretsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = easel_secrets_finalize;
  object_class->get_property = easel_secrets_get_property;

  /**
   * EaselSecrets:persistent:
   *
   * Whether keys reach the Secret Service; %FALSE once none answered and
   * keys are only kept until Easel quits.
   */
  properties[PROP_PERSISTENT] =
    g_param_spec_boolean ("persistent", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
easel_secrets_init (EaselSecrets *self)
{
}

EaselSecrets *
easel_secrets_new (void)
{
  return g_object_new (EASEL_TYPE_SECRETS, NULL);
}

gboolean
easel_secrets_get_persistent (EaselSecrets *self)
{
  g_return_val_if_fail (EASEL_IS_SECRETS (self), FALSE);

  return self->memory == NULL;
}

/* The asynchronous forms share one path: get the service, run the
 * operation, and complete from memory when nobody answers. */

static void
complete_from_memory (GTask *task)
{
  EaselSecrets *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  switch (op->kind)
    {
    case OP_STORE:
      memory_store (self, op->profile_id, op->key);
      g_task_return_boolean (task, TRUE);
      break;
    case OP_LOOKUP:
      g_task_return_pointer (task, memory_lookup (self, op->profile_id),
                             (GDestroyNotify) key_free);
      break;
    case OP_CLEAR:
      memory_clear (self, op->profile_id);
      g_task_return_boolean (task, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_operation_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecretService *service = SECRET_SERVICE (source);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  switch (op->kind)
    {
    case OP_STORE:
      if (secret_service_store_finish (service, result, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    case OP_LOOKUP:
      value = secret_service_lookup_finish (service, result, &error);
      if (error == NULL)
        {
          g_task_return_pointer (task, value_to_key (value), (GDestroyNotify) key_free);
          g_clear_pointer (&value, secret_value_unref);
          return;
        }
      break;
    case OP_CLEAR:
      /* FALSE without an error: there was nothing to clear. */
      secret_service_clear_finish (service, result, &error);
      if (error == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (is_unavailable (error))
    {
      fail_over (g_task_get_source_object (task));
      complete_from_memory (task);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_service (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  Op *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* No session bus at all, or no way to reach the service on it. */
      fail_over (g_task_get_source_object (task));
      complete_from_memory (task);
      return;
    }

  switch (op->kind)
    {
    case OP_STORE:
      {
        g_autoptr(SecretValue) value = secret_value_new (op->key, -1, "text/plain");

        secret_service_store (service, &api_key_schema, op->attributes, SECRET_COLLECTION_DEFAULT,
                              op->label, value, cancellable, on_operation_done,
                              g_steal_pointer (&task));
      }
      break;
    case OP_LOOKUP:
      secret_service_lookup (service, &api_key_schema, op->attributes, cancellable,
                             on_operation_done, g_steal_pointer (&task));
      break;
    case OP_CLEAR:
      secret_service_clear (service, &api_key_schema, op->attributes, cancellable,
                            on_operation_done, g_steal_pointer (&task));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
start (EaselSecrets *self,
       GTask        *task,
       Op           *op)
{
  op->attributes = secret_attributes_build (&api_key_schema, "profile-id", op->profile_id, NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (self->memory != NULL)
    {
      complete_from_memory (task);
      g_object_unref (task);
      return;
    }

  secret_service_get (SECRET_SERVICE_NONE, g_task_get_cancellable (task), on_service, task);
}

void
easel_secrets_store_async (EaselSecrets        *self,
                           const char          *profile_id,
                           const char          *label,
                           const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (EASEL_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_secrets_store_async);

  op = g_new0 (Op, 1);
  op->kind = OP_STORE;
  op->profile_id = g_strdup (profile_id);
  op->label = g_strdup (label);
  op->key = g_strdup (key);
  start (self, task, op);
}

gboolean
easel_secrets_store_finish (EaselSecrets  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (EASEL_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
easel_secrets_lookup_async (EaselSecrets        *self,
                            const char          *profile_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (EASEL_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_secrets_lookup_async);

  op = g_new0 (Op, 1);
  op->kind = OP_LOOKUP;
  op->profile_id = g_strdup (profile_id);
  start (self, task, op);
}

/**
 * easel_secrets_lookup_finish:
 * @self: a #EaselSecrets
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key; zero it before freeing it
 */
char *
easel_secrets_lookup_finish (EaselSecrets  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (EASEL_IS_SECRETS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_secrets_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
easel_secrets_clear_async (EaselSecrets        *self,
                           const char          *profile_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (EASEL_IS_SECRETS (self));
  g_return_if_fail (profile_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, easel_secrets_clear_async);

  op = g_new0 (Op, 1);
  op->kind = OP_CLEAR;
  op->profile_id = g_strdup (profile_id);
  start (self, task, op);
}

/**
 * easel_secrets_clear_finish:
 * @self: a #EaselSecrets
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE when no key is stored for the profile any more, whether
 *   or not there was one
 */
gboolean
easel_secrets_clear_finish (EaselSecrets  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (EASEL_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == easel_secrets_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The blocking forms follow the same rules as the asynchronous ones. A
 * NULL service means the caller goes to memory. */
static SecretService *
get_service_sync (EaselSecrets  *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  SecretService *service;

  if (self->memory != NULL)
    return NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error);
  if (service == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        fail_over (self);
    }

  return service;
}

/* Returns whether @local_error was dealt with by failing over. */
static gboolean
handle_error_sync (EaselSecrets  *self,
                   GError        *local_error,
                   GError       **error)
{
  if (is_unavailable (local_error))
    {
      g_error_free (local_error);
      fail_over (self);
      return TRUE;
    }

  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
easel_secrets_store_sync (EaselSecrets  *self,
                          const char    *profile_id,
                          const char    *label,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (EASEL_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  service = get_service_sync (self, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (service != NULL)
    {
      g_autoptr(GHashTable) attributes =
        secret_attributes_build (&api_key_schema, "profile-id", profile_id, NULL);
      g_autoptr(SecretValue) value = secret_value_new (key, -1, "text/plain");

      if (secret_service_store_sync (service, &api_key_schema, attributes,
                                     SECRET_COLLECTION_DEFAULT, label, value, cancellable,
                                     &local_error))
        return TRUE;
      if (!handle_error_sync (self, local_error, error))
        return FALSE;
    }

  memory_store (self, profile_id, key);
  return TRUE;
}

/**
 * easel_secrets_lookup_sync:
 * @self: a #EaselSecrets
 * @profile_id: a profile id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key, or %NULL without an error
 *   when none is stored; zero it before freeing it
 */
char *
easel_secrets_lookup_sync (EaselSecrets  *self,
                           const char    *profile_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (EASEL_IS_SECRETS (self), NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  service = get_service_sync (self, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (service != NULL)
    {
      g_autoptr(GHashTable) attributes =
        secret_attributes_build (&api_key_schema, "profile-id", profile_id, NULL);
      g_autoptr(SecretValue) value = NULL;

      value = secret_service_lookup_sync (service, &api_key_schema, attributes, cancellable,
                                          &local_error);
      if (local_error == NULL)
        return value_to_key (value);
      if (!handle_error_sync (self, local_error, error))
        return NULL;
    }

  return memory_lookup (self, profile_id);
}

gboolean
easel_secrets_clear_sync (EaselSecrets  *self,
                          const char    *profile_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (EASEL_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (profile_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  service = get_service_sync (self, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (service != NULL)
    {
      g_autoptr(GHashTable) attributes =
        secret_attributes_build (&api_key_schema, "profile-id", profile_id, NULL);

      /* FALSE without an error: there was nothing to clear. */
      secret_service_clear_sync (service, &api_key_schema, attributes, cancellable, &local_error);
      if (local_error == NULL)
        return TRUE;
      if (!handle_error_sync (self, local_error, error))
        return FALSE;
    }

  memory_clear (self, profile_id);
  return TRUE;
}

/* easel-history-details-private.h: what the files of EaselHistoryDetails share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-export.h"
#include "easel-history-details.h"

G_BEGIN_DECLS

/* The property rows, each a caption over its value. */
typedef enum
{
  EASEL_DETAILS_ROW_GATEWAY,
  EASEL_DETAILS_ROW_MODEL,
  EASEL_DETAILS_ROW_STATE,
  EASEL_DETAILS_ROW_CREATED,
  EASEL_DETAILS_ROW_SIZE,
  EASEL_DETAILS_ROW_QUALITY,
  EASEL_DETAILS_ROW_FORMAT,
  EASEL_DETAILS_ROW_BACKGROUND,
  EASEL_DETAILS_ROW_MODERATION,
  EASEL_DETAILS_ROW_IMAGES,
  EASEL_DETAILS_ROW_TOKENS,
  EASEL_DETAILS_ROW_COST,
  EASEL_DETAILS_ROW_SUBMITTED,
  EASEL_DETAILS_ROW_RECEIVED,
  EASEL_DETAILS_ROW_TOTAL_TIME,
  EASEL_DETAILS_ROW_FILE_SIZE,
  EASEL_DETAILS_ROW_DIMENSIONS,
  EASEL_DETAILS_ROW_LOCATION,
  EASEL_DETAILS_N_ROWS
} EaselDetailsRow;

struct _EaselHistoryDetails
{
  GtkWidget            parent_instance;

  EaselHistory        *history;
  EaselHistoryEntry   *entry;
  EaselRequest        *request;         /* parsed from the entry, or NULL */
  guint                index;
  GArray              *favourites;      /* (element-type gboolean) per image, as last known */
  gboolean             favourite;       /* of the image shown */
  gboolean             deleting;
  gboolean             image_ready;     /* the picture shows the current image */
  gboolean             image_gone;      /* its file was not there when read */
  gint64               file_size;       /* of the image shown, -1 until known */

  /* Loads for the entry shown (thumbnails, lineage) and for the image
   * shown: cancelled when either changes. The store writes and exports
   * the user asked for use the widget's own and finish even when another
   * generation is selected meanwhile: a favourite or a save is not
   * silently dropped, and a deletion's undo token is never lost. */
  GCancellable        *entry_cancellable;
  GCancellable        *image_cancellable;
  GCancellable        *cancellable;

  /* Template widgets */
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkStack            *image_stack;
  GtkPicture          *picture;
  GtkSpinner          *spinner;
  AdwStatusPage       *missing_page;
  AdwStatusPage       *error_page;
  AdwStatusPage       *none_page;
  GtkWidget           *strip_scroller;
  GtkBox              *strip;
  GtkLabel            *prompt_label;
  AdwPreferencesGroup *generation_group;
  AdwPreferencesGroup *parameters_group;
  AdwPreferencesGroup *usage_group;
  AdwPreferencesGroup *file_group;
  AdwPreferencesGroup *sources_group;
  AdwPreferencesGroup *parent_group;
  AdwPreferencesGroup *children_group;
  GtkToggleButton     *favourite_button;

  /* Built in code: a caption and a value each. */
  GtkWidget           *rows[EASEL_DETAILS_N_ROWS];
  GtkLabel            *values[EASEL_DETAILS_N_ROWS];
  GtkWidget           *error_row;
  GtkLabel            *error_label;
  GtkWidget           *references_row;
  GtkWidget           *references_box;
  GtkWidget           *mask_row;
  GtkWidget           *mask_box;
  GPtrArray           *lineage_rows;    /* the parent and children rows shown */
};

/* What an action needs after its asynchronous steps: the widget, the
 * generation and image it was asked for (the pane may show another by
 * then) and their files. */
typedef struct
{
  EaselHistoryDetails *self;
  EaselHistoryEntry   *entry;
  guint                index;
  gboolean             favourite;
  GFile               *source;        /* the image's file */
  GFile               *destination;   /* Save As */
  GtkWindow           *window;
  EaselImageMetadata  *metadata;
  EaselOutputFormat    format;
} EaselDetailsCall;


EaselDetailsCall   *easel_details_call_new                 (EaselHistoryDetails *self);
void                easel_details_call_free                (EaselDetailsCall    *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselDetailsCall, easel_details_call_free)

/* easel-history-details.c */
void                easel_history_details_toast            (EaselHistoryDetails *self,
                                                            const char          *message);
/* The image shown, or NULL (a generation without images). */
EaselHistoryImage  *easel_history_details_current_image    (EaselHistoryDetails *self);
/* Its file can be read: not flagged missing, not found gone. */
gboolean            easel_history_details_image_available  (EaselHistoryDetails *self);
void                easel_history_details_update_actions   (EaselHistoryDetails *self);
/* Sets the "favourite" property and the star without asking the store. */
void                easel_history_details_show_favourite   (EaselHistoryDetails *self,
                                                            gboolean             favourite);
/* easel-history-details-image.c */
void                easel_history_details_show_image       (EaselHistoryDetails *self);
void                easel_history_details_build_strip      (EaselHistoryDetails *self);
void                easel_history_details_clear_strip      (EaselHistoryDetails *self);
/* A square thumbnail tile of @size logical pixels, rounded by CSS. */
GtkWidget          *easel_history_details_tile_new         (int                  size);
/* Fills @tile with @thumb_path's picture (@path's when that fails),
 * cropped square and scaled on a worker thread; cancelled with the entry. */
void                easel_history_details_load_thumbnail   (EaselHistoryDetails *self,
                                                            const char          *path,
                                                            const char          *thumb_path,
                                                            GtkImage            *tile);

/* easel-history-details-rows.c */
void                easel_history_details_rows_init        (EaselHistoryDetails *self);
void                easel_history_details_fill_rows        (EaselHistoryDetails *self);
/* The rows that follow the image shown: file size, dimensions, location. */
void                easel_history_details_fill_file_rows   (EaselHistoryDetails *self);
/* "3 November 2026, 14:05", or NULL for 0. */
char               *easel_history_details_format_created   (gint64               created_at);

/* easel-history-details-sources.c */
void                easel_history_details_fill_sources     (EaselHistoryDetails *self);

/* easel-history-details-lineage.c */
void                easel_history_details_load_lineage     (EaselHistoryDetails *self);
void                easel_history_details_clear_lineage    (EaselHistoryDetails *self);

/* easel-history-details-actions.c */
void                easel_history_details_class_init_actions (GtkWidgetClass    *widget_class);
void                easel_history_details_request_favourite (EaselHistoryDetails *self,
                                                            gboolean             favourite);
/* "What failed: why", as a toast. */
void                easel_history_details_toast_error      (EaselHistoryDetails *self,
                                                            const char          *what,
                                                            const GError        *error);

/* easel-history-details-files.c */
void                easel_history_details_class_init_file_actions (GtkWidgetClass *widget_class);
void                easel_history_details_init_drag        (EaselHistoryDetails *self);

/* easel-history-details-load.c: an image file read on a worker thread,
 * decoded within Easel's pixel caps, cropped to its middle square when
 * @square, and scaled to fit @max_size (never enlarged), with its size on
 * disk. NOT_FOUND when the file is gone. */
typedef struct
{
  GdkTexture *texture;
  gint64      file_size;
  int         width;      /* of the file's picture, before scaling */
  int         height;
} EaselDetailsPicture;

void                 easel_details_picture_free            (EaselDetailsPicture *picture);
void                 easel_details_picture_load_async      (const char          *path,
                                                            int                  max_size,
                                                            gboolean             square,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
EaselDetailsPicture *easel_details_picture_load_finish     (GAsyncResult        *result,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EaselDetailsPicture, easel_details_picture_free)

/* For tests: the value a row shows, or NULL when the row is hidden. */
const char         *easel_history_details_get_row_value    (EaselHistoryDetails *self,
                                                            EaselDetailsRow      row);
/* For tests: the error text shown, or NULL when hidden. */
const char         *easel_history_details_get_error_text   (EaselHistoryDetails *self);
/* For tests: Save As without the file chooser. */
void                easel_history_details_save_to          (EaselHistoryDetails *self,
                                                            GFile               *file);
/* For tests: whether the picture shows the current image (loaded). */
gboolean            easel_history_details_get_image_ready  (EaselHistoryDetails *self);

G_END_DECLS

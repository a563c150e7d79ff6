/* easel-window-private.h: what the files of EaselWindow share
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "easel-history-view.h"
#include "easel-window.h"

G_BEGIN_DECLS

struct _EaselWindow
{
  AdwApplicationWindow  parent_instance;

  EaselSettings        *settings;
  EaselProfileStore    *store;
  EaselHistory         *history;
  EaselJobQueue        *queue;
  gboolean              told_history_error;
  EaselCreatePanel     *create_panel;
  GCancellable         *cancellable;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkToggleButton      *panel_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkButton            *open_preferences_button;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  EaselHistoryView     *history_view;
  AdwFlap              *flap;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  GtkScrolledWindow    *results_scroller;
  GtkFlowBox           *results_box;
  EaselViewer          *viewer;
};

/* easel-window-actions.c */
void  easel_window_toast            (EaselWindow *self,
                                     const char  *message);
void  easel_window_generate         (EaselWindow *self);
void  easel_window_notify_finished  (EaselWindow *self,
                                     EaselJob    *job);
/* The image Ctrl+S and Ctrl+C act on: the viewer's, else the selected
 * card's first, else the newest result's first. FALSE when there is none. */
gboolean easel_window_current_image (EaselWindow *self,
                                     EaselJob   **job,
                                     guint       *index);
void  easel_window_class_init_actions (GtkWidgetClass *widget_class);

/* easel-window-history.c */
void  easel_window_check_history    (EaselWindow *self,
                                     EaselJob    *job);
/* Adds the History page (when the window has a history). */
void  easel_window_add_history_page (EaselWindow *self);
/* Makes the file at @path reference 1 and shows the create panel. */
void  easel_window_edit_path        (EaselWindow *self,
                                     const char  *path);
void  easel_window_class_init_history (GtkWidgetClass *widget_class);

/* easel-window-save.c */
void  easel_window_save             (EaselWindow *self,
                                     EaselJob    *job,
                                     EaselImage  *image);
void  easel_window_copy_image       (EaselWindow *self,
                                     EaselImage  *image);
void  easel_window_open_with        (EaselWindow *self,
                                     EaselImage  *image);

G_END_DECLS

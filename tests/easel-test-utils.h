/* easel-test-utils.h: helpers shared by Easel's UI tests
 *
 * Copyright 2026 The Easel developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char       *easel_test_isolate_data_dir    (void);
void        easel_test_use_desktop_settings    (void);
void        easel_test_wait_for_frame      (GtkWidget  *widget);
void        easel_test_wait_until          (gboolean  (*condition) (gpointer data),
                                            gpointer    data,
                                            const char *what);
GdkTexture *easel_test_render_widget       (GtkWidget  *widget);
char       *easel_test_save_screenshot     (GtkWidget  *widget,
                                            const char *name);
double      easel_test_texture_luminance   (GdkTexture *texture,
                                            double     *stddev);
GtkWindow  *easel_test_find_window         (GType       type);

G_END_DECLS

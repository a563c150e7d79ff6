#!/bin/sh
# check-layering.sh: libeasel-core must build without GTK (DESIGN.md §3).
#
# Copyright 2026 The Easel developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The core's meson dependency list already makes a GTK include fail to
# compile; this keeps the rule visible in the test log, and also catches a
# dependency added to the core's list.
set -eu
top=${1:?usage: check-layering.sh SOURCE_ROOT}
status=0

if grep -n 'gtk' "$top/src/core/meson.build"; then
  echo "src/core/meson.build mentions gtk: the core must not depend on GTK" >&2
  status=1
fi
if grep -rnE '#[[:space:]]*include[[:space:]]*([<"](gtk|gdk|gsk)/|[<"]adwaita\.h)' "$top/src/core"; then
  echo "a file in src/core includes a GTK, GDK, GSK or libadwaita header" >&2
  status=1
fi
if grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita)[/.]' "$top/src/cli"; then
  echo "a file in src/cli includes a GTK or libadwaita header: easel-cli is headless" >&2
  status=1
fi

[ "$status" = 0 ] && echo "core and cli are free of GTK"
exit "$status"

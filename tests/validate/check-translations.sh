#!/bin/sh
# check-translations.sh: every translatable string of Easel is translated in
# every language listed in po/LINGUAS, with nothing fuzzy or stale.
#
# Copyright 2026 The Easel developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The template is made afresh from po/POTFILES.in with the same keywords as
# meson's glib gettext preset, so a new string that nobody translated fails
# here rather than reaching users in English.
set -eu
top=${1:?usage: check-translations.sh SOURCE_ROOT LANG...}
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$work/files"
while read -r f; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist" >&2; exit 1; }
done < "$work/files"

# Every source file with a marked string must be listed in POTFILES.in.
for f in $(grep -rlE '_\("|N_\("|C_\("|translatable="yes"' src data 2>/dev/null | sort); do
  grep -qx "$f" "$work/files" || { echo "$f has translatable strings but is not in po/POTFILES.in" >&2; exit 1; }
done

xgettext --package-name=easel --from-code=UTF-8 --add-comments --sort-output \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from="$work/files" --output="$work/easel.pot"

status=0
for lang in "$@"; do
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "po/$lang.po" "$work/easel.pot"
  stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$lang: untranslated or fuzzy strings:" >&2
      msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid' | tail -n +2 >&2 || true
      status=1
      ;;
  esac
done
exit "$status"

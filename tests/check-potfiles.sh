#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable strings is listed in po/POTFILES.in (TAP output for meson).
cd "${1:?source root}" || exit 1
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.c' 'data/*.ui' 'data/*.in' 'data/*.xml' 2>/dev/null \
  | grep -v '^src/sandbox/' | xargs grep -l -E '\b_\(|N_\(|translatable="yes"|C_\(' 2>/dev/null)
n=0
echo "1..${#files[@]}"
for f in "${files[@]}"; do
  n=$((n + 1))
  if grep -qx "$f" po/POTFILES.in; then
    echo "ok $n $f"
  else
    echo "not ok $n $f has translatable strings but is missing from po/POTFILES.in"
  fi
done

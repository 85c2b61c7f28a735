#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable strings is listed in po/POTFILES.in (TAP output for meson).
cd "${1:?source root}" || exit 1
# A checkout without git (a tarball) is listed with find instead.
list_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -co --exclude-standard -- "$@"
  else
    local pattern args=()
    for pattern in "$@"; do args+=(-o -path "./$pattern"); done
    find . -path './_build*' -prune -o \( -false "${args[@]}" \) -type f -print | sed 's|^\./||' | sort
  fi
}
mapfile -t files < <(list_files 'src/*.c' 'data/*.ui' 'data/*.in' 'data/*.xml' 2>/dev/null \
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

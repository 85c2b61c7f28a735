#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file carries its licence line (TAP output for meson).
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
mapfile -t files < <(list_files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' \
  'tests/*.sh' 'tools/*' 'sql/*.sql' 'data/*.ui' 'data/*.xml' 'meson.build' '*/meson.build')
n=0
echo "1..${#files[@]}"
for f in "${files[@]}"; do
  n=$((n + 1))
  if head -n 5 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later'; then
    echo "ok $n $f"
  else
    echo "not ok $n $f has no SPDX-License-Identifier line in its first lines"
  fi
done

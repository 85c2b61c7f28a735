#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file carries its licence line (TAP output for meson).
cd "${1:?source root}" || exit 1
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' \
  'tests/*.sh' 'tools/*' 'sql/*.sql' 'data/*.ui' 'data/*.xml' 'meson.build' '*/meson.build' 2>/dev/null)
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

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "N passed, N failed" from meson's testlog.json.

TAP programs count one per test case ("ok" / "not ok" lines); a program that crashed or timed out
after its last reported case adds one failure; other tests count one each by meson's verdict.
Exits non-zero when anything failed or nothing ran.
"""
import json
import re
import sys

OK_RESULTS = {"OK", "EXPECTEDFAIL"}
SKIP_RESULTS = {"SKIP"}

def main(path):
    passed = failed = skipped = 0
    try:
        with open(path, encoding="utf-8") as f:
            lines = [l for l in f if l.strip()]
    except OSError as e:
        print(f"no test results ({e.strerror})", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1

    for line in lines:
        entry = json.loads(line)
        result = entry.get("result", "ERROR")
        out = entry.get("stdout") or ""
        ok = len(re.findall(r"^ok\b(?!.*# SKIP)", out, re.M))
        skip = len(re.findall(r"^ok\b.*# SKIP", out, re.M))
        not_ok = len(re.findall(r"^not ok\b", out, re.M))
        if ok or not_ok or skip:
            passed += ok
            skipped += skip
            failed += not_ok
            if result not in OK_RESULTS and result not in SKIP_RESULTS and not_ok == 0:
                failed += 1
        elif result in OK_RESULTS:
            passed += 1
        elif result in SKIP_RESULTS:
            skipped += 1
        else:
            failed += 1

    if passed + failed == 0:
        failed = 1
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "_build-test/meson-logs/testlog.json"))

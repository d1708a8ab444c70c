#!/usr/bin/env python3
"""Print gcovr's JSON summary as one table (lines and branches per file of
site-gen/) and check the targets of docs/testing.md: the totals at least
90% of lines and 75% of branches, and no file under 75% of its lines.
Exits 1 when a target is missed, so make coverage says so."""
import json
import sys

LINES_TOTAL, BRANCHES_TOTAL, LINES_FILE = 90.0, 75.0, 75.0


def pct(covered, total):
    return 100.0 * covered / total if total else 100.0


def main(path):
    with open(path, encoding="utf-8") as f:
        summary = json.load(f)
    rows = sorted(summary["files"], key=lambda r: r["filename"])
    print(f"{'file':<34}{'lines':>16}{'branches':>18}")
    low = []
    for r in rows:
        lp = pct(r["line_covered"], r["line_total"])
        bp = pct(r["branch_covered"], r["branch_total"])
        mark = "  < target" if lp < LINES_FILE else ""
        if mark:
            low.append(r["filename"])
        print(f"{r['filename']:<34}{r['line_covered']:>6}/{r['line_total']:<5}"
              f"{lp:5.1f}%{r['branch_covered']:>7}/{r['branch_total']:<5}"
              f"{bp:5.1f}%{mark}")
    lp = pct(summary["line_covered"], summary["line_total"])
    bp = pct(summary["branch_covered"], summary["branch_total"])
    print(f"{'TOTAL':<34}{summary['line_covered']:>6}/{summary['line_total']:<5}"
          f"{lp:5.1f}%{summary['branch_covered']:>7}/{summary['branch_total']:<5}"
          f"{bp:5.1f}%")
    missed = []
    if lp < LINES_TOTAL:
        missed.append(f"lines {lp:.1f}% < {LINES_TOTAL:.0f}%")
    if bp < BRANCHES_TOTAL:
        missed.append(f"branches {bp:.1f}% < {BRANCHES_TOTAL:.0f}%")
    if low:
        missed.append(f"files under {LINES_FILE:.0f}% of lines: {' '.join(low)}")
    for m in missed:
        print(f"coverage: target missed: {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

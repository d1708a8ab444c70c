#!/usr/bin/env python3
"""check_dashboard.py SITE CONTENT: the home page's table of parts (en)
gives, under each status's column, the number of the part's tasks in that
status, counted here from the content files (tasks.csv, sections.csv and
the front matter of progress/*.zh.md). Columns are found by their status
class (st-…), not by position. Prints the differences; exit 1 if any."""
import csv
import glob
import os
import re
import sys
from html.parser import HTMLParser

import yaml


class Tables(HTMLParser):
    """Every table as rows of cells; a cell is [text, classes inside it,
    the href of a link in it]."""
    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "") or ""
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = ["", set(), None]
            self.tables[-1][-1].append(self.cell)
        elif self.cell is not None:
            self.cell[1].update(cls.split())
            if tag == "a":
                self.cell[2] = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def expected(content):
    parent = {s["id"]: s["parent"] or s["id"] for s in rows(f"{content}/sections.csv")}
    status = {}
    for p in glob.glob(f"{content}/progress/*.zh.md"):
        text = open(p, encoding="utf-8-sig").read()
        fm = yaml.safe_load(re.match(r"---\r?\n(.*?)\r?\n---", text, re.S).group(1))
        status[os.path.basename(p)[: -len(".zh.md")]] = fm["status"]
    counts = {}
    for t in rows(f"{content}/tasks.csv"):
        part = parent[t["section"]]
        st = status.get(t["id"], "not_reported")
        counts.setdefault(part, {}).setdefault(st, 0)
        counts[part][st] += 1
    return counts


def main(site, content):
    p = Tables()
    p.feed(open(f"{site}/en/index.html", encoding="utf-8").read())
    table = next(t for t in p.tables if t and t[0] and t[0][0][0].strip() == "Part")
    columns = {}
    for k, (_, classes, _) in enumerate(table[0]):
        for c in classes:
            if c.startswith("st-"):
                columns[c[3:]] = k
    want, problems = expected(content), []
    for row in table[1:]:
        label = row[0][0].strip()
        m = re.search(r"sections/([^/]+)/", row[0][2] or "")
        part = m and m.group(1)
        if not part:
            problems.append(f"row {label!r}: no part in the content")
            continue
        for st, k in sorted(columns.items()):
            got, n = row[k][0].strip(), want.get(part, {}).get(st, 0)
            if got != str(n):
                problems.append(f"{label} / {st}: {got}, want {n}")
    print("\n".join(problems) or f"{len(table) - 1} parts, {len(columns)} statuses")
    return 1 if problems or len(columns) < 7 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

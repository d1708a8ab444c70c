#!/usr/bin/env python3
"""docs/content-format.md against the schema (site-gen/content/schema.c): the
column table of each CSV file must list exactly the columns the loader
accepts, in its order, and say "yes" for exactly the required ones.

What the loader accepts is asked of the program itself: each CSV of a
copy of tests/fixtures/site-basic is replaced by one with a single unknown
column, and `site-gen check` then names every column of the file ("columns
are: …") and every required one it misses. The program is $SITE_GEN, else
build/site-gen."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tap import Tap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILES = ["units.csv", "sections.csv", "tasks.csv", "metrics.csv", "glossary.csv"]


def program_columns(binary):
    """{file: (columns in order, required columns)} as `check` reports them."""
    with tempfile.TemporaryDirectory() as tmp:
        content = os.path.join(tmp, "content")
        shutil.copytree(os.path.join(ROOT, "tests/fixtures/site-basic/content"), content)
        for f in FILES:
            with open(os.path.join(content, f), "w", encoding="utf-8") as out:
                out.write("zzz_unknown\n")
        run = subprocess.run([binary, "check", "--content", content],
                             capture_output=True, text=True)
    found = {f: ([], set()) for f in FILES}
    for line in run.stderr.splitlines() + run.stdout.splitlines():
        m = re.search(r"/(\w+\.csv):1:\d+: error: unknown column 'zzz_unknown' "
                      r"\(columns are: (.*)\)$", line)
        if m:
            found[m.group(1)][0].extend(m.group(2).split(", "))
        m = re.search(r"/(\w+\.csv):1:1: error: missing required column '(\w+)'", line)
        if m:
            found[m.group(1)][1].add(m.group(2))
    return found


def package_required(binary):
    """{file: columns the built Data Package marks required}, for the
    fields that are content columns."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([binary, "build", "--quiet", "--content",
                        os.path.join(ROOT, "tests/fixtures/site-basic/content"),
                        "--out", out], capture_output=True, check=True)
        with open(os.path.join(out, "data/datapackage.json"), encoding="utf-8") as f:
            package = json.load(f)
    return {r["name"] + ".csv": {f["name"] for f in r["schema"]["fields"]
                                 if f.get("constraints", {}).get("required")}
            for r in package["resources"]}


def docs_columns():
    """{file: (columns in order, columns marked required)} from the docs."""
    text = open(os.path.join(ROOT, "docs/content-format.md"), encoding="utf-8").read()
    found = {}
    for f in FILES:
        m = re.search(r"^## `%s`\n(.*?)(?=^## )" % re.escape(f), text, re.S | re.M)
        rows = re.findall(r"^\| `(\w+)` \| ([^|]*) \|", m.group(1), re.M) if m else []
        found[f] = ([r[0] for r in rows], {r[0] for r in rows if r[1].strip() == "yes"})
    return found


def main():
    binary = os.environ.get("SITE_GEN") or os.path.join(ROOT, "build/site-gen")
    program, docs = program_columns(binary), docs_columns()
    package = package_required(binary)
    tap = Tap()
    for f in FILES:
        (pc, preq), (dc, dreq) = program[f], docs[f]
        tap.check("schema: %s has its columns (%d) in the program" % (f, len(pc)),
                  [] if pc else ["check named no columns for " + f])
        tap.check("docs: the columns of %s, in order, are the schema's" % f,
                  [] if pc == dc else ["docs: %s" % dc, "schema: %s" % pc])
        tap.check("docs: the required columns of %s are the schema's" % f,
                  [] if preq == dreq else ["docs: %s" % sorted(dreq),
                                           "schema: %s" % sorted(preq)])
        marked = package.get(f, set()) & set(pc)
        tap.check("datapackage.json: the required columns of %s are the schema's" % f,
                  [] if marked == preq else ["package: %s" % sorted(marked),
                                             "schema: %s" % sorted(preq)])
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())

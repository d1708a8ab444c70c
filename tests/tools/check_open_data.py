#!/usr/bin/env python3
"""check_open_data.py - check the open data of a built site against its
content with tools independent of site-gen (Python's csv and json).

Usage: check_open_data.py OUT_DIR CONTENT_DIR LABEL FIRST_TEST_NUMBER
Prints TAP lines ("ok N - ..." / "not ok N - ...") numbered from
FIRST_TEST_NUMBER, then "# next N" (the next free number). Exit status 1
when a check failed.

The rules checked are those of docs/open-data.md:
- each <t>.csv is UTF-8 without BOM, CRLF, and <t>-excel.csv is the same
  bytes after a BOM;
- read back with the csv module, it equals <t>.json once the formula rule
  is undone for text cells (numbers compared numerically, "|" lists as
  JSON arrays, empty cells as null), and the rule was applied to exactly
  the cells it names;
- primary keys are unique and every foreign key resolves;
- row counts equal the content's (all tables but history, which comes
  from git; evidence counts the items of the reports' lists), and every cell of a column the content file has equals the
  content's value;
- CSVW metadata names the CSV's columns with matching datatypes;
- records carry url_zh / url_en under site.base_url (and, once the site
  renders them, those pages exist).
"""
import csv
import glob
import json
import os
import re
import sys

import yaml

BOM = b"\xef\xbb\xbf"
TRIGGER = re.compile(r"^'*[=+\-@\t\r]")
ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
CSVW_TYPES = {"string": "string", "number": "decimal", "integer": "integer",
              "date": "date"}


class Tap:
    def __init__(self, first):
        self.n = first
        self.failed = False

    def check(self, ok, name, details=()):
        print(f"{'' if ok else 'not '}ok {self.n} - {name}")
        if not ok:
            self.failed = True
            for d in list(details)[:10]:
                print(f"#   {d}")
        self.n += 1

    def skip(self, name, reason):
        print(f"ok {self.n} - {name} # SKIP {reason}")
        self.n += 1


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def undo_formula_rule(text):
    return text[1:] if ESCAPED.match(text) else text


def crlf_only(raw):
    """Every record ends in CRLF: no bare LF outside quoted cells."""
    quoted = False
    for i, b in enumerate(raw):
        if b == 0x22:
            quoted = not quoted
        elif b == 0x0A and not quoted and (i == 0 or raw[i - 1] != 0x0D):
            return False
    return raw.endswith(b"\r\n")


def field_problems(field, cell, value):
    """Why CSV cell `cell` does not match JSON value `value`, or None."""
    t = field["type"]
    if cell == "" and value not in (None, []):
        return f"an empty cell but JSON {value!r}, not null (or [] for a list)"
    if t == "string" and isinstance(value, list):
        value = "|".join(value)
    if value is None:
        return None if cell == "" else f"{cell!r} but JSON null"
    if t in ("number", "integer"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"JSON {value!r} is not a number"
        return None if cell != "" and float(cell) == value else \
            f"{cell!r} != {value!r}"
    if t == "date":
        return None if cell == value else f"{cell!r} != {value!r}"
    want = "'" + value if TRIGGER.match(value) else value
    if cell != want:
        return f"{cell!r}, expected {want!r} (raw {value!r})"
    return None if undo_formula_rule(cell) == value else "rule not reversible"


def compare_twins(res, rows, records):
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    problems = []
    if rows[0] != names:
        problems.append(f"header {rows[0]} != schema {names}")
    if len(rows) - 1 != len(records):
        problems.append(f"{len(rows) - 1} CSV rows, {len(records)} JSON")
    for i, (row, rec) in enumerate(zip(rows[1:], records), start=2):
        if list(rec) != names + ["url_zh", "url_en"]:
            problems.append(f"line {i}: JSON keys {list(rec)}")
            continue
        for f, cell in zip(fields, row):
            why = field_problems(f, cell, rec[f["name"]])
            if why:
                problems.append(f"line {i} {f['name']}: {why}")
    return problems


def check_files(tap, data, res, label):
    name = res["name"]
    raw = open(os.path.join(data, name + ".csv"), "rb").read()
    excel = open(os.path.join(data, name + "-excel.csv"), "rb").read()
    tap.check(not raw.startswith(BOM) and crlf_only(raw) and
              excel == BOM + raw,
              f"{label} {name}: UTF-8 CSV with CRLF; -excel.csv = BOM + CSV")
    rows = read_rows(os.path.join(data, name + ".csv"))
    records = json.load(open(os.path.join(data, name + ".json"),
                             encoding="utf-8"))
    problems = compare_twins(res, rows, records)
    tap.check(not problems, f"{label} {name}: CSV equals its JSON twin "
              f"({len(records)} rows)", problems)
    return rows, records


def check_enums(tap, label, pkg, tables):
    """Every non-empty cell of a column with an enum is one of its values
    (what a Data Package validator checks of the data)."""
    problems = []
    for res in pkg["resources"]:
        rows = tables[res["name"]][0]
        for k, f in enumerate(res["schema"]["fields"]):
            allowed = f.get("constraints", {}).get("enum")
            if allowed is None:
                continue
            bad = sorted({r[k] for r in rows[1:] if r[k] and r[k] not in allowed})
            if bad:
                problems.append(f"{res['name']}.{f['name']}: {bad} not in {allowed}")
    tap.check(not problems, f"{label}: every cell is in its column's enum",
              problems)


def check_keys(tap, label, pkg, tables):
    problems = []
    by_name = {r["name"]: r for r in pkg["resources"]}
    for name, res in by_name.items():
        header, body = tables[name][0][0], tables[name][0][1:]
        schema = res["schema"]
        key = [header.index(k) for k in schema.get("primaryKey", [])]
        keys = [tuple(r[k] for k in key) for r in body]
        if key and len(set(keys)) != len(keys):
            problems.append(f"{name}: duplicate primary key")
        for fk in schema.get("foreignKeys", []):
            ref = by_name[fk["reference"].get("resource", name)]
            rh, rb = tables[ref["name"]][0][0], tables[ref["name"]][0][1:]
            col = fk["reference"]["fields"][0]
            known = {r[rh.index(col)] for r in rb}
            field = fk["fields"][0]
            for r in body:
                v = r[header.index(field)]
                if v and v not in known:
                    problems.append(f"{name}.{field} = {v!r} not in "
                                    f"{ref['name']}.{col}")
    tap.check(not problems, f"{label}: primary keys unique, every foreign "
              "key resolves", problems)


def count_actuals(path):
    """Metric entries in the front matter of a progress report."""
    text = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
    m = re.match(r"---\n(.*?)\n---", text, re.S)
    if not m:
        return 0
    lines = m.group(1).split("\n")
    n, inside = 0, False
    for line in lines:
        if re.match(r"metrics:\s*$", line):
            inside = True
        elif inside and re.match(r"\s+\S+:\s*\S", line):
            n += 1
        elif inside and line and not line[0].isspace():
            inside = False
    return n


def count_evidence(path):
    """Items of the evidence list in the front matter of a progress report."""
    text = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
    m = re.match(r"---\n(.*?)\n---", text, re.S)
    front = yaml.safe_load(m.group(1)) if m else None
    return len((front or {}).get("evidence") or [])


CONTENT_TABLES = ("units", "sections", "tasks", "metrics", "glossary")


def read_content(folder, name):
    """The records of folder/name.csv (content or data: a BOM is allowed)."""
    with open(os.path.join(folder, name + ".csv"), newline="",
              encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def content_counts(content):
    reports = sorted(glob.glob(os.path.join(content, "progress", "*.zh.md")))
    counts = {name: len(read_content(content, name)) for name in CONTENT_TABLES}
    counts.update(progress=len(reports),
                  actuals=sum(count_actuals(p) for p in reports),
                  evidence=sum(count_evidence(p) for p in reports))
    return counts


def check_counts(tap, label, tables, content):
    want = content_counts(content)
    # history comes from git, not from the content files: not counted here.
    got = {name: len(t[1]) for name, t in tables.items() if name in want}
    tap.check(got == want, f"{label}: row counts equal the content's "
              f"({want['tasks']} tasks, {want['metrics']} metrics)",
              [f"got {got}", f"want {want}"])


def check_number_text(tap, label, data, content):
    """Targets are written with the same text as in the content."""
    def targets(folder):
        return {r["id"]: (r["target"], r["target_max"])
                for r in read_content(folder, "metrics")}
    got, want = targets(data), targets(content)
    diff = [f"{k}: {got.get(k)} != {v}" for k, v in want.items()
            if got.get(k) != v]
    tap.check(not diff, f"{label}: metric targets keep the content's number "
              "text", diff)


# Comparators are codes in the downloads; metrics.csv may still write the
# symbols it was first written with (docs/content-format.md).
COMPARATOR_CODES = {'>=': 'ge', '>': 'gt', '=': 'eq', '<': 'lt', '<=': 'le'}


def content_value(table, col, value):
    """A content cell as the downloads hold it."""
    if table == 'metrics' and col == 'comparator':
        return COMPARATOR_CODES.get(value, value)
    return value


def check_against_content(tap, label, tables, content):
    """Every exported cell of a column the content file also has holds the
    content's value (once the formula rule is undone), record by record:
    a mistake the CSV and JSON writers share shows here, not in the twins."""
    for name in CONTENT_TABLES:
        if name not in tables:
            continue
        want = {r["id"]: r for r in read_content(content, name)}
        rows = tables[name][0]
        header, problems, cells = rows[0], [], 0
        shared = [c for c in header if c in next(iter(want.values()), {})]
        for line, row in enumerate(rows[1:], start=2):
            rec = dict(zip(header, row))
            src = want.get(rec.get("id"))
            if src is None:
                problems.append(f"line {line}: id {rec.get('id')!r} not in "
                                f"{name}.csv")
                continue
            for col in shared:
                cells += 1
                got = undo_formula_rule(rec[col])
                if got != content_value(name, col, src[col]):
                    problems.append(f"{rec['id']}.{col}: {got!r}, content "
                                    f"{src[col]!r}")
        tap.check(not problems and cells > 0,
                  f"{label} {name}: every cell equals the content's "
                  f"({cells} cells in {len(shared)} columns)", problems)


def check_csvw(tap, label, data, pkg, tables):
    problems = []
    for res in pkg["resources"]:
        name = res["name"]
        meta = json.load(open(os.path.join(data, name + ".csv-metadata.json"),
                              encoding="utf-8"))
        cols = meta["tableSchema"]["columns"]
        header = read_rows(os.path.join(data, name + ".csv"))[0]
        langs = {t.get("@language") for t in meta.get("dc:title", [])}
        if meta.get("@context") != "http://www.w3.org/ns/csvw":
            problems.append(f"{name}: @context")
        if meta.get("url") != name + ".csv" or langs != {"zh", "en"}:
            problems.append(f"{name}: url or dc:title languages")
        if [c["titles"] for c in cols] != header:
            problems.append(f"{name}: column titles != CSV header")
        records = tables[name][1]
        for c, f in zip(cols, res["schema"]["fields"]):
            if c["datatype"] != CSVW_TYPES[f["type"]]:
                problems.append(f"{name}.{c['name']}: {c['datatype']}")
            listed = any(isinstance(r[f["name"]], list) for r in records)
            if listed != (c.get("separator") == "|"):
                problems.append(f"{name}.{c['name']}: separator "
                                f"{c.get('separator')!r}, JSON lists: {listed}")
    tap.check(not problems, f"{label}: CSVW metadata matches every CSV",
              problems)


def check_urls(tap, label, out, base, tables):
    problems, pages = [], set()
    for name, (_, records) in tables.items():
        for rec in records:
            for lang in ("zh", "en"):
                url = rec[f"url_{lang}"]
                if url is None:
                    continue
                if not url.startswith(f"{base}{lang}/"):
                    problems.append(f"{name}: {url}")
                pages.add(url[len(base):].split("#")[0])
    tap.check(not problems, f"{label}: every record has url_zh/url_en under "
              "base_url", problems)
    if not os.path.isdir(os.path.join(out, "zh", "tasks")):
        tap.skip(f"{label}: record URLs lead to pages",
                 "the site renders no record pages yet")
        return
    missing = [p for p in sorted(pages)
               if not os.path.exists(os.path.join(out, p, "index.html"))
               and not os.path.exists(os.path.join(out, p))]
    tap.check(not missing, f"{label}: record URLs lead to pages", missing)


def find_dataset_ld(out):
    """The schema.org Dataset embedded in a downloads page, or None."""
    for page in ("data/index.html", "zh/data/index.html", "en/data/index.html"):
        path = os.path.join(out, page)
        if not os.path.exists(path):
            continue
        html = open(path, encoding="utf-8").read()
        for m in re.finditer(r'<script type="application/ld\+json">(.*?)'
                             r'</script>', html, re.S):
            ld = json.loads(m.group(1))
            if ld.get("@type") == "Dataset":
                return page, ld
    return None, None


def check_jsonld(tap, label, out, base):
    page, ld = find_dataset_ld(out)
    if ld is None:
        tap.skip(f"{label}: downloads page JSON-LD names every file",
                 "no page embeds the Dataset yet (unit test covers it)")
        return
    urls = {d.get("contentUrl") for d in ld.get("distribution", [])
            if d.get("@type") == "DataDownload"}
    files = sorted(os.listdir(os.path.join(out, "data")))
    missing = [f for f in files if f.endswith((".csv", ".json"))
               and f"{base}data/{f}" not in urls]
    tap.check(not missing, f"{label}: {page} JSON-LD names every file",
              missing)


def check_metadata(tap, label, out, pkg, content):
    """The package's title and the JSON-LD's source document are those of
    site.yaml (a title without English falls back to the Chinese)."""
    site = yaml.safe_load(open(os.path.join(content, "site.yaml"),
                               encoding="utf-8"))
    title = site["title"].get("en") or site["title"]["zh"]
    tap.check(pkg.get("title") == title, f"{label}: datapackage title is "
              f"site.yaml's ({title})", [f"got {pkg.get('title')!r}"])
    _, ld = find_dataset_ld(out)
    if ld is None:
        tap.skip(f"{label}: JSON-LD names the plan by its document number",
                 "no page embeds the Dataset")
        return
    doc = site["plan"]["doc_number"]
    got = ld.get("isBasedOn", {}).get("identifier")
    tap.check(got == doc, f"{label}: JSON-LD names the plan by its document "
              f"number ({doc})", [f"got {got!r}"])


def main():
    out, content, label, first = sys.argv[1:5]
    tap = Tap(int(first))
    data = os.path.join(out, "data")
    pkg = json.load(open(os.path.join(data, "datapackage.json"),
                         encoding="utf-8"))
    tables = {r["name"]: check_files(tap, data, r, label)
              for r in pkg["resources"]}
    check_keys(tap, label, pkg, tables)
    check_enums(tap, label, pkg, tables)
    check_counts(tap, label, tables, content)
    check_against_content(tap, label, tables, content)
    check_number_text(tap, label, data, content)
    check_csvw(tap, label, data, pkg, tables)
    check_urls(tap, label, out, pkg["homepage"], tables)
    check_jsonld(tap, label, out, pkg["homepage"])
    check_metadata(tap, label, out, pkg, content)
    print(f"# next {tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())

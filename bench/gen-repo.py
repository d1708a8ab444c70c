#!/usr/bin/env python3
"""gen-repo.py - a synthetic content repository for benchmarks.

usage: bench/gen-repo.py DIR [--tasks N] [--commits C] [--seed S]

Writes a new git repository in DIR (which must not exist) whose content/
folder looks like the real plan's, scaled: N tasks spread over the plan's
parts and over groups (the plan's 31, more for large N), lead units from
content/units.csv, about one metric per task, and C commits: the plan as
issued, then progress reports by several authors in two time zones, with
occasional target revisions, added tasks and withdrawn tasks. Task and
metric text is reused from content/tasks.csv and metrics.csv, so lengths
and scripts are realistic.

Everything (texts, dates, authors) comes from the seed: the same parameters
give the same commits, byte for byte. Commits go through one
`git fast-import` stream, so 5,000 commits take seconds, not minutes.
"""
import argparse
import csv
import io
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")

AUTHORS = [  # name, e-mail, UTC offset in minutes
    ("Zhang Wei", "zhang.wei@agri.example.gov.cn", 480),
    ("Li Na", "li.na@jianghai.example.gov.cn", 480),
    ("Wang Fang", "wang.fang@finance.example.gov.cn", 480),
    ("Liu Yang", "liu.yang@dev.example.gov.cn", 480),
    ("Chen Ming", "chen.ming@consultant.example.com", -300),
]
START = 1684202400            # 2023-05-16 10:00 +08:00
SPAN = 365 * 86400            # commits spread over one year
STATUSES = ["on_track"] * 6 + ["at_risk", "delayed", "not_started"]
CN_NUM = "一二三四五六七八九十"


def read_csv(name):
    with open(os.path.join(CONTENT, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def csv_line(header, row):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row.get(c, "") for c in header])
    return out.getvalue().encode()


def csv_text(header, rows):
    return csv_line(header, {c: c for c in header}) + \
        b"".join(csv_line(header, r) for r in rows)


class Table:
    """A CSV file kept as one encoded line per record, in order, so that
    rewriting a 20,000-row file for one changed record costs a join."""

    def __init__(self, header):
        self.header, self.lines = header, {}

    def put(self, row):
        self.lines[row["id"]] = csv_line(self.header, row)

    def drop(self, rid):
        del self.lines[rid]

    def text(self):
        return csv_line(self.header, {c: c for c in self.header}) + \
            b"".join(self.lines.values())


def number(x):
    return ("%.2f" % x).rstrip("0").rstrip(".")


class Plan:
    """The content as of the current commit."""

    TASK_COLS = ["id", "section", "text_zh", "text_en", "lead", "due"]

    def __init__(self, rng, n_tasks):
        self.rng = rng
        self.corpus = [(t["text_zh"], t["text_en"]) for t in read_csv("tasks.csv")]
        self.metric_corpus = read_csv("metrics.csv")
        self.units = [u["id"] for u in read_csv("units.csv")]
        self.sections = read_csv("sections.csv")
        self.groups = [s["id"] for s in self.sections if s["parent"]]
        parts = [s["id"] for s in self.sections if not s["parent"]]
        real = [s for s in self.sections if s["parent"]]
        for i in range(len(self.groups), max(len(self.groups), n_tasks // 100)):
            like = real[i % len(real)]
            gid = "g%03d" % (i + 1)
            self.sections.append(dict(
                id=gid, parent=parts[i % len(parts)],
                label_zh="(%s)" % CN_NUM[i % 10],
                title_zh=like["title_zh"], title_en=like["title_en"],
                co_units=like["co_units"]))
            self.groups.append(gid)
        self.tasks = Table(self.TASK_COLS)
        self.metrics = Table(list(self.metric_corpus[0].keys()))
        self.metric_rows = {}     # metric id -> row
        self.metrics_of = {}      # task id -> [metric row]
        self.live = []            # task ids in file order
        self.next_task = 1
        self.progress = set()     # tasks with a report
        for _ in range(n_tasks):
            self.add_task()

    def add_task(self):
        rng = self.rng
        tid = "t%05d" % self.next_task
        self.next_task += 1
        # One to three sentences of the real plan: lengths vary as there.
        picks = [rng.choice(self.corpus) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        self.tasks.put(dict(
            id=tid, section=rng.choice(self.groups),
            text_zh="".join(p[0] for p in picks),
            text_en=" ".join(p[1] for p in picks),
            lead=rng.choice(self.units),
            due="2023-%02d-%02d" % (rng.randint(6, 12), rng.randint(1, 28))
            if rng.random() < 0.2 else ""))
        self.live.append(tid)
        self.metrics_of[tid] = []
        for k in range(rng.choice((0, 1, 1, 1, 2))):
            m = dict(rng.choice(self.metric_corpus))
            m["id"], m["task"] = "%s-m%d" % (tid, k + 1), tid
            self.metrics.put(m)
            self.metric_rows[m["id"]] = m
            self.metrics_of[tid].append(m)
        return tid

    def revise(self):
        m = self.metric_rows[self.rng.choice(sorted(self.metric_rows))]
        m["target"] = number(float(m["target"]) * self.rng.choice((0.9, 1.1, 1.2)))
        self.metrics.put(m)
        return m["id"]

    def withdraw(self, tid):
        """Remove a task, its metrics and its report; the paths removed."""
        self.tasks.drop(tid)
        self.live.remove(tid)
        for m in self.metrics_of.pop(tid):
            self.metrics.drop(m["id"])
            del self.metric_rows[m["id"]]
        if tid not in self.progress:
            return []
        self.progress.discard(tid)
        return ["content/progress/%s.%s.md" % (tid, l) for l in ("zh", "en")]

    def report(self, tid, as_of):
        """The two report files of a new progress report."""
        rng = self.rng
        status = rng.choice(STATUSES + ["completed"] * 2)
        pct = 100 if status == "completed" else rng.randrange(0, 100)
        lines = ["---", "status: " + status, "as_of: " + as_of,
                 "progress: %d" % pct]
        if self.metrics_of[tid]:
            lines.append("metrics:")
            lines += ["  %s: %s" % (m["id"], number(float(m["target"]) * pct / 100))
                      for m in self.metrics_of[tid]]
        zh, en = rng.choice(self.corpus)
        lines += ["---", "截至%s,%s" % (as_of, zh), ""]
        self.progress.add(tid)
        path = "content/progress/%s.%%s.md" % tid
        return [(path % "zh", "\n".join(lines).encode()),
                (path % "en", ("As of %s: %s\n" % (as_of, en)).encode())]

    def tables(self):
        return [("content/tasks.csv", self.tasks.text()),
                ("content/metrics.csv", self.metrics.text())]


class Stream:
    """A git fast-import stream written to the process as it is made."""

    def __init__(self, repo):
        self.proc = subprocess.Popen(
            ["git", "-C", repo, "fast-import", "--quiet", "--done"],
            stdin=subprocess.PIPE)
        self.out = self.proc.stdin
        self.mark = 0

    def blob(self, data):
        self.mark += 1
        self.out.write(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)))
        self.out.write(data + b"\n")
        return self.mark

    def commit(self, when, author, message, files, deleted=()):
        marks = [(path, self.blob(data)) for path, data in files]
        name, mail, tz = author
        stamp = "%d %s%02d%02d" % (when, "+" if tz >= 0 else "-",
                                   abs(tz) // 60, abs(tz) % 60)
        msg = message.encode()
        self.out.write(b"commit refs/heads/main\n")
        for role in (b"author", b"committer"):
            self.out.write(b"%s %s <%s> %s\n" % (role, name.encode(),
                                                 mail.encode(), stamp.encode()))
        self.out.write(b"data %d\n%s\n" % (len(msg), msg))
        for path in deleted:
            self.out.write(b"D %s\n" % path.encode())
        for path, mark in marks:
            self.out.write(b"M 100644 :%d %s\n" % (mark, path.encode()))
        self.out.write(b"\n")

    def done(self):
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            sys.exit("gen-repo: git fast-import failed")


def static_files():
    """Files taken unchanged from the real content (plan text, settings)."""
    files = []
    for rel in ["site.yaml", "glossary.csv", "units.csv", "NOTES.md", "NOTES.zh.md"]:
        with open(os.path.join(CONTENT, rel), "rb") as f:
            files.append(("content/" + rel, f.read()))
    for name in sorted(os.listdir(os.path.join(CONTENT, "plan"))):
        with open(os.path.join(CONTENT, "plan", name), "rb") as f:
            files.append(("content/plan/" + name, f.read()))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--commits", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if os.path.exists(a.dir):
        sys.exit("gen-repo: %s exists" % a.dir)
    rng = random.Random(a.seed)
    plan = Plan(rng, a.tasks)
    sections = csv_text(list(read_csv("sections.csv")[0].keys()), plan.sections)
    os.makedirs(a.dir)
    subprocess.run(["git", "init", "-q", "-b", "main", a.dir], check=True)
    s = Stream(a.dir)
    s.commit(START, AUTHORS[0], "Plan as issued (江海农办〔2023〕93号)",
             static_files() + plan.tables() + [("content/sections.csv", sections)])
    step = SPAN // max(1, a.commits - 1)
    for c in range(1, a.commits):
        when = START + c * step
        author = AUTHORS[c % len(AUTHORS)]
        day = time.strftime("%Y-%m-%d", time.gmtime(when + 8 * 3600))
        r = rng.random()
        # Rewriting the big tables is what costs git (and site-gen) most:
        # keep it occasional, as in a real plan year.
        if r < 0.01:
            mid = plan.revise()
            s.commit(when, author, "Revise the target of %s" % mid, plan.tables())
        elif r < 0.015:
            tid = plan.add_task()
            s.commit(when, author, "Add task %s" % tid, plan.tables())
        elif r < 0.0175 and len(plan.live) > 1:
            tid = rng.choice(plan.live)
            gone = plan.withdraw(tid)
            s.commit(when, author, "Withdraw task %s" % tid, plan.tables(), gone)
        else:
            batch = sorted(rng.sample(plan.live, min(len(plan.live), rng.randint(1, 12))))
            files = [f for tid in batch for f in plan.report(tid, day)]
            s.commit(when, author, "Progress reports as of %s" % day, files)
    s.done()
    subprocess.run(["git", "-C", a.dir, "reset", "-q", "--hard", "main"], check=True)


if __name__ == "__main__":
    sys.exit(main())

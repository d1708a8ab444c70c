#!/usr/bin/env python3
"""make-demo.py - a throwaway git repository with a scripted year of sample
progress, built into a site: `make demo`.

Copies content/ into build/demo/repo/, commits it as issued, then commits
quarterly reports for the tasks (status, progress, actuals) by several
authors in two time zones, revises two targets (one with a Reason: trailer,
one without), gives one task a sample deadline, withdraws (removes) one
task and tags two reporting periods. The last report of t001 lists
evidence: a link and a one-page PDF. At the end every schedule light shows:
done, withdrawn, unreported (a task never reported), overdue (past the
sample deadline), green, yellow, and red (a task whose only report, in Q2,
is also stale). In Q3 one department's reports come back in its ledger
(site-gen ledger export, filled in, ledger import). Everything is fixed or
seeded, so two runs give the same commits and the same site. Only the
sample data is made here; site-gen reads it like any other repository.
"""
import csv
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "build", "demo")
REPO = os.path.join(DEMO, "repo")
CONTENT = os.path.join(REPO, "content")
BANNER = "示例数据,非官方 / Sample data, not official"

AUTHORS = [  # name, e-mail (never published), UTC offset of their clock
    ("Zhang Wei", "zhang.wei@agri.example.gov.cn", "+08:00"),
    ("Li Na", "li.na@jianghai.example.gov.cn", "+08:00"),
    ("Chen Ming", "chen.ming@consultant.example.com", "-05:00"),
]
QUARTERS = [  # as_of, commit day, share of the target reached
    ("2023-06-30", "2023-07-0%d", 0.45),
    ("2023-09-30", "2023-10-0%d", 0.75),
    ("2023-12-20", "2023-12-2%d", 1.0),
]
REVISED = ("t001-m1", "1800")      # metric, new target (was 1900)
REASON = "受台风影响,调减播种任务(示例)"  # its commit's Reason: trailer
UNEXPLAINED = ("t002-m1", "97")    # revised without a reason (was 98)
WITHDRAWN = "t120"                 # removed from tasks.csv in Q3
UNREPORTED = "t119"                # never reported
STALE = "t118"                     # reported in Q2 only
LEDGER_UNIT = "agri-water"        # reports Q3 through its ledger
LABELS = {"on_track": "按计划推进", "at_risk": "存在风险", "delayed": "滞后",
          "completed": "已完成"}
DEADLINE = ("t005", "2023-11-30")  # a sample due date, passed by Q4
LAST = {"t005": ("on_track", 85),  # Q4's status and progress: overdue,
        "t003": ("on_track", 75)}  # behind (yellow)
EVIDENCE = "t001"                  # Q4's report lists evidence
EVIDENCE_YAML = """evidence:
  - url: https://www.jianghai.gov.cn/
    caption_zh: 江海区人民政府网站(示例)
    caption_en: Jianghai District government website (sample)
  - file: acceptance.pdf
    caption_zh: 验收报告(示例)
    caption_en: Acceptance report (sample)"""


def git(*args, date=None, author=None):
    env = dict(os.environ)
    if date:
        name, mail, tz = author
        stamp = "%sT10:00:00%s" % (date, tz)
        env.update(GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=mail,
                   GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=mail,
                   GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    subprocess.run(["git", "-C", REPO, "-c", "commit.gpgsign=false",
                    "-c", "tag.gpgsign=false"] + list(args), check=True,
                   env=env, stdout=subprocess.DEVNULL)


def commit(message, date, author):
    git("add", "-A")
    git("commit", "-q", "-m", message, date=date, author=author)


def read_csv(name):
    with open(os.path.join(CONTENT, name), encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(name, rows):
    with open(os.path.join(CONTENT, name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def metrics_by_task():
    rows = read_csv("metrics.csv")
    col = {c: i for i, c in enumerate(rows[0])}
    out = {}
    for r in rows[1:]:
        out.setdefault(r[col["task"]], []).append((r[col["id"]], float(r[col["target"]])))
    return out


def number(x):
    return ("%.2f" % x).rstrip("0").rstrip(".")


def sample_pdf(path):
    """A one-page PDF with its cross-reference table (a sample file)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % x for x in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(out)


def report(task, as_of, share, rng, metrics):
    """A task's sample report: status, progress, actuals, narratives."""
    status = "completed" if share >= 1 and rng.random() < 0.8 else \
        rng.choice(["on_track"] * 6 + ["at_risk", "delayed"])
    pct = 100 if status == "completed" else int(share * 100) - rng.randrange(0, 15)
    if share >= 1 and task in LAST:
        status, pct = LAST[task]
    actuals = [(m, number(t * share)) for m, t in metrics.get(task, [])]
    return dict(task=task, status=status, as_of=as_of, pct=pct, actuals=actuals,
                evidence=task == EVIDENCE and share >= 1,
                zh="截至%s,任务进度约%d%%(示例数据)。" % (as_of, pct),
                en="About %d%% done as of %s (sample data)." % (pct, as_of))


def write_report(r):
    lines = ["---", "status: " + r["status"], "as_of: " + r["as_of"],
             "progress: %d" % r["pct"]]
    if r["actuals"]:
        lines.append("metrics:")
        lines += ["  %s: %s" % a for a in r["actuals"]]
    if r["evidence"]:
        sample_pdf(os.path.join(CONTENT, "progress", r["task"], "acceptance.pdf"))
        lines.append(EVIDENCE_YAML)
    lines += ["---", r["zh"], ""]
    path = os.path.join(CONTENT, "progress", r["task"])
    with open(path + ".zh.md", "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    with open(path + ".en.md", "w", encoding="utf-8") as f:
        f.write(r["en"] + "\n")


def ledger_round(site_gen, reports):
    """The unit's reports through its ledger, as a department returns it:
    exported as CSV, filled in (status by its Chinese label), imported."""
    sheet = os.path.join(DEMO, "ledger-%s.csv" % LEDGER_UNIT)
    theme = os.path.join(ROOT, "themes", "default")
    subprocess.run([site_gen, "ledger", "export", "--content", CONTENT, "--theme",
                    theme, "--unit", LEDGER_UNIT, "--as-of", reports[0]["as_of"],
                    "--out", sheet], check=True)
    with open(sheet, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    col = {h.rsplit("(", 1)[1].rstrip(")"): i for i, h in enumerate(rows[0])}
    by_task = {r["task"]: r for r in reports}
    actual = {m: v for r in reports for m, v in r["actuals"]}
    for row in rows[1:]:
        r = by_task.get(row[col["id"]])
        if r:
            row[col["status"]] = LABELS[r["status"]]
            row[col["progress"]] = str(r["pct"])
            row[col["narrative_zh"]] = r["zh"]
            row[col["narrative_en"]] = r["en"]
        elif row[col["id"]] in actual:
            row[col["actual"]] = actual[row[col["id"]]]
    with open(sheet, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    subprocess.run([site_gen, "ledger", "import", sheet, "--content", CONTENT,
                    "--theme", theme], check=True, stdout=subprocess.DEVNULL)


def revise_target(metric, target):
    rows = read_csv("metrics.csv")
    col = rows[0].index("target")
    for r in rows[1:]:
        if r[0] == metric:
            r[col] = target
    write_csv("metrics.csv", rows)


def set_deadline():
    rows = read_csv("tasks.csv")
    col = rows[0].index("due")
    for r in rows[1:]:
        if r[0] == DEADLINE[0]:
            r[col] = DEADLINE[1]
    write_csv("tasks.csv", rows)


def withdraw_task():
    write_csv("tasks.csv", [r for r in read_csv("tasks.csv") if r[0] != WITHDRAWN])
    rows = read_csv("metrics.csv")
    tcol = rows[0].index("task")
    write_csv("metrics.csv", [r for i, r in enumerate(rows) if i == 0 or r[tcol] != WITHDRAWN])
    for lang in ("zh", "en"):
        path = os.path.join(CONTENT, "progress", "%s.%s.md" % (WITHDRAWN, lang))
        if os.path.exists(path):
            os.remove(path)


def main():
    shutil.rmtree(DEMO, ignore_errors=True)
    os.makedirs(REPO)
    shutil.copytree(os.path.join(ROOT, "content"), CONTENT)
    os.makedirs(os.path.join(CONTENT, "progress"), exist_ok=True)
    git("init", "-q", "-b", "main")
    commit("Plan as issued (江海农办〔2023〕93号)", "2023-05-16", AUTHORS[0])
    rng = random.Random(2023)
    metrics = metrics_by_task()
    tasks = [r[0] for r in read_csv("tasks.csv")[1:]]
    rows = read_csv("tasks.csv")
    lead = {r[0]: r[rows[0].index("lead")] for r in rows[1:]}
    site_gen = os.environ.get("SITE_GEN") or os.path.join(ROOT, "build", "site-gen")
    tasks.remove(UNREPORTED)
    set_deadline()
    commit("Sample deadline for %s: %s" % DEADLINE, "2023-05-17", AUTHORS[1])
    for q, (as_of, day, share) in enumerate(QUARTERS):
        if q == 1:
            revise_target(*REVISED)
            commit("Revise grain sown area target to 1800 mu\n\nReason: " + REASON,
                   day % 1, AUTHORS[1])
            revise_target(*UNEXPLAINED)
            commit("Revise rice seed coverage target to 97%", day % 1, AUTHORS[2])
            withdraw_task()
            commit("Withdraw task %s" % WITHDRAWN, day % 2, AUTHORS[0])
            tasks.remove(WITHDRAWN)
            tasks.remove(STALE)
            metrics = metrics_by_task()
        # Three batches per quarter, one per author; in Q3 one unit's
        # reports come back in its ledger instead.
        through_ledger = []
        for b in range(3):
            for t in tasks[b::3]:
                r = report(t, as_of, share, rng, metrics)
                if q == 1 and lead[t] == LEDGER_UNIT:
                    through_ledger.append(r)
                else:
                    write_report(r)
            commit("Progress reports as of %s (batch %d)" % (as_of, b + 1),
                   day % (3 + b), AUTHORS[b])
        if through_ledger:
            through_ledger.sort(key=lambda r: r["task"])
            ledger_round(site_gen, through_ledger)
            commit("区农业农村和水利局报送进展(截至 %s)\n\n由 site-gen ledger import "
                   "从 ledger-%s.csv 导入(示例)。" % (as_of, LEDGER_UNIT),
                   day % 6, AUTHORS[1])
        if q in (0, 2):
            git("tag", "report-2023-q%d" % (2 if q == 0 else 4))
    out = os.path.join(DEMO, "public")
    subprocess.run([site_gen, "build", "--content", CONTENT, "--theme",
                    os.path.join(ROOT, "themes", "default"), "--out", out,
                    "--cache", os.path.join(DEMO, "cache"), "--banner", BANNER,
                    "--quiet"], check=True)
    print("Demo site (sample data): %s/index.html" % out)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""make mutate: plant each mutant of tests/mutants/ in a copy of the checkout,
rebuild, run the suites it names, and count the mutants the tests kill.

A mutant is a small patch (git diff format) of site-gen/ after a header:
    # export: the formula guard is skipped for list cells
    # suites: 40-data
    # equivalent: why no test can tell (only for a mutant that must survive)
A mutant is killed when a suite fails (or times out) with it planted, and
survives when every suite passes. The copy lives in build/mutate/tree, is
its own git repository (site-gen reads history from the repository around
the content), and is built incrementally: only the mutated file recompiles.
Before the first mutant the named suites run on the unmutated copy: a suite
that fails there would kill every mutant and prove nothing.

Usage: tests/tools/mutate.py [MUTANT.patch ...]   (default: all of them)
Exit status 0 when the kill rate (equivalent mutants left out) is at least
95%, 1 when it is lower, 2 when a mutant is malformed, does not apply or
does not build, or the unmutated suites fail."""
import os
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TREE = os.path.join(ROOT, "build", "mutate", "tree")
TARGET_RATE = 95.0
SUITE_TIMEOUT = 120  # the slowest suite a mutant names takes 16 s
# Unit-test suites need their programs rebuilt; every other suite uses the
# program. ASan builds are left out (slow to rebuild): suites that run the
# sanitizer build get the mutated plain program instead.
UNIT_SUITES = {"10-unit": "build/tests/", "11-unit-asan": "build/tests/"}


class Mutant:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[: -len(".patch")]
        self.description = self.suites = self.equivalent = None
        self.errors = []
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        for no, line in enumerate(self.text.splitlines(), 1):
            if not line.startswith("#"):
                break
            key, _, value = line[1:].strip().partition(":")
            if key == "suites":
                self.suites = value.split()
            elif key == "equivalent":
                self.equivalent = value.strip()
            elif self.description is None:
                self.description = line[1:].strip()
            else:
                self.errors.append(f"{path}:{no}:1: error: unknown header line")
        if not self.description:
            self.errors.append(f"{path}:1:1: error: no '# module: description' line")
        if not self.suites:
            self.errors.append(f"{path}:1:1: error: no '# suites: NAME…' line")
        if "\n--- a/site-gen/" not in self.text:
            self.errors.append(f"{path}:1:1: error: the patch changes nothing in site-gen/")


def run(cmd, cwd=TREE, timeout=None, env=None):
    """Run cmd in its own process group: on a timeout the whole group is
    killed (a mutant's endless loop runs in a grandchild)."""
    with subprocess.Popen(cmd, cwd=cwd, env=env, text=True, start_new_session=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as p:
        try:
            out, _ = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            raise
    return subprocess.CompletedProcess(cmd, p.returncode, out)


def checkout_files():
    """The checkout's files as they are now, committed or not."""
    out = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
              cwd=ROOT)
    def wanted(path):   # files and links (a link to a folder too)
        return os.path.islink(path) or os.path.isfile(path)
    return [p for p in out.stdout.split("\0") if p and wanted(os.path.join(ROOT, p))]


def remove_stale(keep):
    """Delete the copy's source files that the checkout no longer has (a
    moved file would otherwise be built twice)."""
    for top in ("site-gen", "tests", "themes"):
        for folder, dirs, names in os.walk(os.path.join(TREE, top)):
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
            for name in names:
                path = os.path.join(folder, name)
                if os.path.relpath(path, TREE) not in keep:
                    os.remove(path)


def sync_tree():
    """Copy the checkout into TREE, leaving unchanged files (and their
    timestamps, so make rebuilds only what changed) alone."""
    os.makedirs(TREE, exist_ok=True)
    files = checkout_files()
    remove_stale(set(files))
    for rel in files:
        src, dst = os.path.join(ROOT, rel), os.path.join(TREE, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(src):   # fixtures hold links, some dangling
            if os.path.lexists(dst):
                os.remove(dst)
            os.symlink(os.readlink(src), dst)
        elif not (os.path.exists(dst) and same_file(src, dst)):
            shutil.copy2(src, dst)
    for link, target in (("tests/node_modules", os.path.join(ROOT, "tests/node_modules")),
                         ("../shared", os.path.join(ROOT, "../shared"))):
        path = os.path.join(TREE, link)
        if os.path.isdir(target) and not os.path.lexists(path):
            os.symlink(os.path.realpath(target), path)
    if not os.path.isdir(os.path.join(TREE, ".git")):
        env = dict(os.environ, GIT_AUTHOR_NAME="mutate", GIT_AUTHOR_EMAIL="mutate@invalid",
                   GIT_COMMITTER_NAME="mutate", GIT_COMMITTER_EMAIL="mutate@invalid")
        run(["git", "init", "-q", "."])
        run(["git", "add", "-A"])
        run(["git", "commit", "-q", "-m", "make mutate: the unmutated checkout"], env=env)


def same_file(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def build_targets(suites):
    targets = ["build/site-gen"]
    if any(s in UNIT_SUITES for s in suites):
        targets += ["build/tests/" + os.path.basename(p)[:-2]
                    for p in sorted(os.listdir(os.path.join(TREE, "tests/unit")))
                    if p.startswith("test_") and p.endswith(".c")]
    return targets


def build(suites):
    # A planted bug often leaves a parameter or a function unused: warnings
    # are shown to no one here, so they do not stop the build.
    return run(["make", "-s", "-j2", "WERROR="] + build_targets(suites))


def suite_env():
    tree_bin = os.path.join(TREE, "build/site-gen")
    return dict(os.environ, SITE_GEN=tree_bin, SITE_GEN_ASAN=tree_bin,
                UNIT_TESTS=os.path.join(TREE, "build/tests"),
                UNIT_TESTS_ASAN=os.path.join(TREE, "build/tests"),
                # The fuzz replays (70-robust) are the checkout's, unmutated:
                # the rest of that suite runs the mutated program.
                FUZZ_REPLAY=os.path.join(ROOT, "build/asan/fuzz"))


def run_suites(suites):
    """The first failing suite and its first failing line, or None."""
    for suite in suites:
        try:
            out = run(["tests/run", suite], timeout=SUITE_TIMEOUT, env=suite_env())
        except subprocess.TimeoutExpired:
            return suite, f"timed out after {SUITE_TIMEOUT} s"
        if out.returncode != 0:
            bad = [l for l in out.stdout.splitlines() if l.startswith("not ok")]
            return suite, (bad[0] if bad else out.stdout.strip().splitlines()[-1])
    return None


def plant(mutant, reverse=False):
    cmd = ["git", "apply"] + (["-R"] if reverse else []) + [os.path.abspath(mutant.path)]
    return run(cmd)


def main(paths):
    mutants = [Mutant(p) for p in sorted(paths)]
    errors = [e for m in mutants for e in m.errors]
    if not mutants:
        errors.append("tests/mutants: error: no mutants")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    started = time.monotonic()
    sync_tree()
    suites = sorted({s for m in mutants for s in m.suites})
    out = build(suites)
    if out.returncode != 0:
        print(out.stdout + "make mutate: error: the unmutated copy does not build", file=sys.stderr)
        return 2
    failed = run_suites(suites)
    if failed:
        print(f"make mutate: error: suite {failed[0]} fails without a mutant: {failed[1]}",
              file=sys.stderr)
        return 2
    print(f"# unmutated: suites {' '.join(suites)} pass")
    results, broken = {"killed": 0, "survived": 0, "equivalent": 0}, 0
    for m in mutants:
        verdict, why = try_mutant(m)
        if verdict == "error":
            broken += 1
        else:
            results[verdict] += 1
        print(f"{verdict:<10} {m.name}  {m.description}" + (f"\n           {why}" if why else ""),
              flush=True)
    build([])
    counted = results["killed"] + results["survived"]
    rate = 100.0 * results["killed"] / counted if counted else 0.0
    minutes = (time.monotonic() - started) / 60
    print(f"{len(mutants)} mutants: {results['killed']} killed, {results['survived']} survived, "
          f"{results['equivalent']} equivalent, {broken} broken; "
          f"kill rate {rate:.1f}% in {minutes:.1f} min")
    if broken:
        return 2
    return 0 if rate >= TARGET_RATE else 1


def try_mutant(m):
    """Plant, build, test and unplant one mutant: (verdict, evidence)."""
    out = plant(m)
    if out.returncode != 0:
        return "error", f"{m.path}: error: does not apply: {out.stdout.strip()}"
    try:
        out = build(m.suites)
        if out.returncode != 0:
            return "error", f"{m.path}: error: does not build: {out.stdout.strip()[-400:]}"
        failed = run_suites(m.suites)
    finally:
        plant(m, reverse=True)
    if failed:
        if m.equivalent:
            return "error", f"{m.path}: error: marked equivalent but killed by {failed[0]}: {failed[1]}"
        return "killed", f"{failed[0]}: {failed[1]}"
    if m.equivalent:
        return "equivalent", m.equivalent
    return "survived", f"suites {' '.join(m.suites)} all pass"


if __name__ == "__main__":
    default = [os.path.join(ROOT, "tests/mutants", f)
               for f in os.listdir(os.path.join(ROOT, "tests/mutants")) if f.endswith(".patch")]
    sys.exit(main(sys.argv[1:] or default))

#!/bin/bash
# run.sh - time site-gen on one content repository (bench/gen-repo.py).
#
# usage: bench/run.sh REPO [RUNS] [JSON-FILE]
#
# Every figure is the median of RUNS runs (default 5):
#   full       build from scratch: no output folder, no cache
#   nochange   rebuild with nothing changed (and how many files it rewrote:
#              files newer than a mark set just before; must be 0)
#   commit     rebuild after one new commit (one progress report), in
#              steady use: the run before it also rebuilt after a commit,
#              so the previous output tree is kept (publish.h)
#   first      the first such rebuild after the full build (no kept tree
#              yet), one run
#   history    the history stage of the full build (--verbose timing)
# beside baselines measured in the same run on the same disk:
#   git log    git log --raw --no-renames --first-parent -- content/
#   cp -r      copying the produced output tree to a fresh folder
# plus the peak RSS of the full build (/usr/bin/time -v), output size and
# file count. The commits made for "commit" are removed at the end (the
# repository is reset to the head it had). WORK=DIR puts the output, the
# cache and the copy elsewhere (e.g. /dev/shm, to leave the disk out).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SG=${SG:-$ROOT/build/site-gen}
THEME=${THEME:-$ROOT/themes/default}
REPO=$(cd "${1:?usage: bench/run.sh REPO [RUNS] [JSON-FILE]}" && pwd)
RUNS=${2:-5}
JSON=${3:-}
WORK=${WORK:-$REPO.bench} # beside the repository: the same disk
OUT=$WORK/public CACHE=$WORK/cache
HEAD0=$(git -C "$REPO" rev-parse HEAD)
rm -rf "$WORK" && mkdir -p "$WORK"
trap 'git -C "$REPO" reset -q --hard "$HEAD0"; rm -rf "$WORK"' EXIT

now() { echo "${EPOCHREALTIME/./}"; }            # microseconds
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ms() { awk -v us="$1" 'BEGIN {printf "%.1f", us / 1000}'; }

# build [extra options]: one timed build; sets T (µs) and leaves the
# --verbose log and /usr/bin/time report in $WORK/log.
build() {
	local t0
	t0=$(now)
	/usr/bin/time -v -o "$WORK/time" "$SG" build --content "$REPO/content" \
		--theme "$THEME" --out "$OUT" --cache "$CACHE" --verbose "$@" \
		2>"$WORK/log"
	T=$(( $(now) - t0 ))
}
stage() { awk -v s="$1" '$2 == "time:" && $3 == s {print int($4 * 1000)}' "$WORK/log"; }
rss() { awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time"; }

full=() hist=() rss_kb=() nochange=() rewritten=() commit=() gitlog=() cp=()
declare -A stages
for ((r = 0; r < RUNS; r++)); do
	rm -rf "$OUT" "$CACHE"
	build
	full+=("$T") hist+=("$(stage history)") rss_kb+=("$(rss)")
	for s in load check history export render publish; do
		stages[$s]+="$(stage "$s") "
	done
done
for ((r = 0; r < RUNS; r++)); do
	touch "$WORK/mark"
	build
	nochange+=("$T")
	rewritten+=("$(find "$OUT" -type f -newer "$WORK/mark" | wc -l)")
done
files=$(find "$OUT" -type f | wc -l)
bytes=$(du -sb "$OUT" | cut -f1)
for ((r = 0; r < RUNS; r++)); do
	rm -rf "$WORK/copy"
	t0=$(now)
	cp -r "$OUT" "$WORK/copy"
	cp+=("$(( $(now) - t0 ))")
done
rm -rf "$WORK/copy"
for ((r = 0; r < RUNS; r++)); do
	t0=$(now)
	git -C "$REPO" log --raw --no-renames --first-parent -- content/ >/dev/null
	gitlog+=("$(( $(now) - t0 ))")
done
# One new commit per run: a new progress report for the first task. The
# first of them (r = 0) is timed on its own as "first".
task=$(awk -F, 'NR == 2 {print $1; exit}' "$REPO/content/tasks.csv")
for ((r = 0; r <= RUNS; r++)); do
	printf -- '---\nstatus: on_track\nas_of: 2024-06-%02d\nprogress: %d\n---\n基准测试 %d。\n' \
		$((r + 1)) $((r + 10)) "$r" >"$REPO/content/progress/$task.zh.md"
	printf 'Benchmark report %d.\n' "$r" >"$REPO/content/progress/$task.en.md"
	git -C "$REPO" add -A content
	GIT_AUTHOR_DATE="2024-06-$((r + 1))T10:00:00+08:00" \
	GIT_COMMITTER_DATE="2024-06-$((r + 1))T10:00:00+08:00" \
	git -C "$REPO" -c user.name=Bench -c user.email=bench@example.org \
		-c commit.gpgsign=false commit -q -m "Benchmark report $r"
	build
	if ((r == 0)); then FIRST=$T; else commit+=("$T"); fi
done

m() { printf '%s\n' "$@" | median; }
FULL=$(m "${full[@]}") HIST=$(m "${hist[@]}") RSS=$(m "${rss_kb[@]}")
NOCHANGE=$(m "${nochange[@]}") REWRITTEN=$(m "${rewritten[@]}")
COMMIT=$(m "${commit[@]}") GITLOG=$(m "${gitlog[@]}") CP=$(m "${cp[@]}")

tasks=$(($(wc -l <"$REPO/content/tasks.csv") - 1))
commits=$(git -C "$REPO" rev-list --count "$HEAD0")
echo "site-gen benchmark: $tasks tasks, $commits commits, $RUNS runs (medians)"
echo "output: $files files, $((bytes / 1048576)) MiB; peak RSS of the full build: $((RSS / 1024)) MiB"
printf '%-26s %10s  %s\n' measure ms note
printf '%-26s %10s  %s\n' "full build (no cache)" "$(ms "$FULL")" \
	"$(awk -v a="$FULL" -v b="$CP" 'BEGIN {printf "%.2fx cp -r", a / b}')"
for s in load check history export render publish; do
	printf '%-26s %10s\n' "  $s" "$(ms "$(printf '%s\n' ${stages[$s]} | median)")"
done
printf '%-26s %10s  %s\n' "no-change rebuild" "$(ms "$NOCHANGE")" "$REWRITTEN files rewritten"
printf '%-26s %10s  %s\n' "rebuild after 1 commit" "$(ms "$COMMIT")" \
	"$(awk -v a="$COMMIT" -v b="$FULL" 'BEGIN {printf "%.1f%% of full", 100 * a / b}')"
printf '%-26s %10s  %s\n' "  first after a full build" "$(ms "$FIRST")" \
	"$(awk -v a="$FIRST" -v b="$FULL" 'BEGIN {printf "%.1f%% of full (no kept tree yet)", 100 * a / b}')"
printf '%-26s %10s  %s\n' "history step (no cache)" "$(ms "$HIST")" \
	"$(awk -v a="$HIST" -v b="$GITLOG" 'BEGIN {printf "%.2fx git log", a / b}')"
printf '%-26s %10s\n' "baseline: git log" "$(ms "$GITLOG")"
printf '%-26s %10s\n' "baseline: cp -r output" "$(ms "$CP")"
if [ -n "$JSON" ]; then
	cat >"$JSON" <<EOF
{"tasks": $tasks, "commits": $commits, "runs": $RUNS, "files": $files,
 "bytes": $bytes, "peak_rss_kib": $RSS, "full_ms": $(ms "$FULL"),
 "nochange_ms": $(ms "$NOCHANGE"), "nochange_rewritten": $REWRITTEN,
 "commit_ms": $(ms "$COMMIT"), "commit_first_ms": $(ms "$FIRST"),
 "history_ms": $(ms "$HIST"),
 "git_log_ms": $(ms "$GITLOG"), "cp_ms": $(ms "$CP")}
EOF
fi

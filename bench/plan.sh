#!/bin/bash
# plan.sh - time the full build of the real plan (content/, with its git
# history), as a user's first build: no output folder, no cache.
#
# usage: bench/plan.sh [RUNS] [DIR]
#
# Prints the median wall time of RUNS builds (default 11) into DIR
# (default build/bench/plan: the work disk), and the median user and
# system CPU time. DIR=/dev/shm/… shows the same build without the disk.
# KEEP_CACHE=1: the cache folder (history, conversions) is kept between
# runs, so each run is a full render with what the cache holds: a rebuild
# after an edit, without the rebuild's skipping of unchanged inputs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SG=${SG:-$ROOT/build/site-gen}
RUNS=${1:-11}
DIR=${2:-$ROOT/build/bench/plan}
mkdir -p "$DIR"
trap 'rm -rf "$DIR/out" "$DIR/cache"' EXIT

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
wall=() user=() sys=()
for ((r = 0; r < RUNS; r++)); do
	rm -rf "$DIR/out"
	[ -n "${KEEP_CACHE:-}" ] || rm -rf "$DIR/cache"
	t0=${EPOCHREALTIME/./}
	/usr/bin/time -f '%U %S' -o "$DIR/time" "$SG" build --content "$ROOT/content" \
		--theme "$ROOT/themes/default" --out "$DIR/out" --cache "$DIR/cache" 2>/dev/null
	wall+=($(( ${EPOCHREALTIME/./} - t0 )))
	read -r u s <"$DIR/time"
	user+=("$u") sys+=("$s")
done
files=$(find "$DIR/out" -type f | wc -l)
printf 'real plan: full build incl. history%s, %d runs into %s (%d files)\n' \
	"${KEEP_CACHE:+ (cache kept)}" "$RUNS" "$DIR" "$files"
printf '  wall %s ms (median), user %s s, system %s s\n' \
	"$(printf '%s\n' "${wall[@]}" | median | awk '{printf "%.1f", $1 / 1000}')" \
	"$(printf '%s\n' "${user[@]}" | median)" "$(printf '%s\n' "${sys[@]}" | median)"

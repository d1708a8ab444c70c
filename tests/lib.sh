# tests/lib.sh - the shell suites' one library, sourced first by each suite
# in tests/suites/ (the way git's test-lib.sh works):
#   . "$(dirname "$0")/../lib.sh"
# It moves to the checkout's top, names the programs, makes a temporary
# folder, and prints TAP: "ok N - …", "not ok N - …" with the evidence
# indented under it, "ok N - … # SKIP why". `finish` ends the suite.
#
# Settings (environment):
#   SITE_GEN       the program under test (default build/site-gen)
#   SITE_GEN_ASAN  its sanitizer build (default build/asan/site-gen)
#   KEEP=1         keep the temporary folder; its path is printed at the end
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
bin=${SITE_GEN:-$root/build/site-gen}
asan_bin=${SITE_GEN_ASAN:-$root/build/asan/site-gen}
case $bin in /*) ;; *) bin=$root/$bin ;; esac
case $asan_bin in /*) ;; *) asan_bin=$root/$asan_bin ;; esac
theme=$root/themes/default
tmp=$(mktemp -d)
n=0
failures=0
# Commands the suite adds with `at_exit CMD` run before the folder goes.
lib_exit_cmds=()
at_exit() { lib_exit_cmds+=("$1"); }
lib_cleanup() {
	local c
	for c in "${lib_exit_cmds[@]}"; do eval "$c"; done
	if [ -n "${KEEP:-}" ]; then
		echo "# KEEP: $tmp"
	else
		chmod -R u+w "$tmp" 2>/dev/null
		rm -rf "$tmp"
	fi
}
trap lib_cleanup EXIT

# show [FILE|TEXT]: evidence under a failing line, indented, at most 30 lines.
show() {
	[ -n "${1:-}" ] || return 0
	if [ -f "$1" ]; then sed 's/^/#   /' "$1" | head -n 30
	else printf '%s\n' "$1" | sed 's/^/#   /' | head -n 30; fi
}
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; show "${2:-}"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# result NAME STATUS [EVIDENCE]: passes when STATUS is 0.
result() { if [ "$2" = 0 ]; then pass "$1"; else fail "$1" "${3:-}"; fi; }
# check NAME COMMAND...: passes when COMMAND succeeds; shows its output if not.
check() {
	local name=$1
	shift
	"$@" >"$tmp/.check.log" 2>&1
	result "$name" $? "$tmp/.check.log"
}
# same NAME EXPECTED-FILE ACTUAL-FILE: passes when the files are equal;
# shows the difference if not.
same() {
	if diff -u "$2" "$3" >"$tmp/.same.diff" 2>&1; then pass "$1"
	else fail "$1" "$tmp/.same.diff"; fi
}
# has PATH TEXT / lacks PATH TEXT: for use inside check; PATH is a file or
# a folder (every file below it); says what was wrong. A missing PATH
# fails both: it lacks nothing.
has() { grep -rqF -- "$2" "$1" || { echo "$1 lacks: $2"; return 1; }; }
lacks() {
	[ -e "$1" ] || { echo "$1: no such file or folder"; return 1; }
	! grep -rqF -- "$2" "$1" || { echo "$1 has: $2"; grep -rlF -- "$2" "$1" | head -n 5; return 1; }
}
# tree_sum DIR: every file below DIR with its checksum, in a fixed order.
tree_sum() { (cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort); }

# commit DIR DATE NAME EMAIL MESSAGE: commit everything in the git repository
# DIR as that author at that date (fixed, so commit ids are stable). The
# message is in the encoding $ENC (default UTF-8; git turns bytes that are
# not UTF-8 into it, unless told they are another encoding).
commit() {
	git -C "$1" add -A
	GIT_AUTHOR_DATE=$2 GIT_COMMITTER_DATE=$2 GIT_AUTHOR_NAME=$3 \
	GIT_AUTHOR_EMAIL=$4 GIT_COMMITTER_NAME=$3 GIT_COMMITTER_EMAIL=$4 \
		git -C "$1" -c commit.gpgsign=false -c i18n.commitEncoding="${ENC:-UTF-8}" \
		commit -q --allow-empty -m "$5"
}

# History cases (the 5x suites): small repositories of the history fixture.
# new_repo DIR: a repository holding tests/fixtures/history/content, its
# first commit "Plan as issued".
new_repo() {
	mkdir -p "$1" && git -C "$1" init -q -b main
	cp -r "$root/tests/fixtures/history/content" "$1/content"
	commit "$1" 2023-05-16T10:00:00+08:00 "Zhang Wei" zhang.wei@agri.example.gov.cn \
		"Plan as issued"
}
# write_report DIR TASK STATUS AS_OF PROGRESS NARRATIVE [METRICS-YAML]: the
# task's progress report in both languages (English: NARRATIVE " (en)").
write_report() {
	mkdir -p "$1/content/progress"
	printf -- '---\nstatus: %s\nas_of: %s\nprogress: %s\n%s---\n%s\n' "$3" "$4" \
		"$5" "${7:-}" "$6" >"$1/content/progress/$2.zh.md"
	printf '%s (en)\n' "$6" >"$1/content/progress/$2.en.md"
}
# build_site CONTENT OUT CACHE [more options]: build with the default
# theme; stderr in OUT.err.
build_site() {
	local c=$1 o=$2 k=$3
	shift 3
	"$bin" build --content "$c" --theme "$theme" --out "$o" --cache "$k" "$@" 2>"$o.err"
}

# finish: the TAP plan, and the suite's exit status.
finish() {
	echo "1..$n"
	[ "$failures" -eq 0 ]
	exit
}

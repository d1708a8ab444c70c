#!/bin/sh
# pre-commit - stop a commit whose content would not pass `site-gen check`.
#
# Installed as .git/hooks/pre-commit by `make hooks`. It checks what is
# staged (the index: exactly what the commit will hold), not the working
# tree, so a fix that was saved but not `git add`ed does not count.
#
# Settings (environment): SITE_GEN, the program (default: build/site-gen
# in the repository, else site-gen on the PATH); SITE_GEN_CONTENT, the
# content folder in the repository (default: content).
# Skip the check once, when you must: git commit --no-verify
set -u
top=$(git rev-parse --show-toplevel) || exit 1
content=${SITE_GEN_CONTENT:-content}
bin=${SITE_GEN:-}
if [ -z "$bin" ] && [ -x "$top/build/site-gen" ]; then
	bin=$top/build/site-gen
fi
bin=${bin:-site-gen}
if ! command -v "$bin" >/dev/null 2>&1; then
	echo "pre-commit: cannot find site-gen to check the content." >&2
	echo "  Build it with 'make build/site-gen', or set SITE_GEN." >&2
	exit 1
fi

# Nothing staged under the content folder: nothing to check.
if git diff --cached --quiet -- "$content"; then
	exit 0
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
git ls-files -z -- "$content" |
	git checkout-index -z --stdin --prefix="$tmp/" || exit 1

# Run inside the copy so the messages name the files as in the repository:
# content/progress/t001.zh.md:2:9: error: …
if (cd "$tmp" && "$bin" check --content "$content"); then
	exit 0
fi
echo >&2
echo "pre-commit: the staged content has errors (listed above), so nothing" >&2
echo "was committed. Fix the files, 'git add' them again, and commit." >&2
exit 1

#!/usr/bin/env python3
"""Check the include graph of site-gen/: modules (a .c file with its .h;
the files of each family in FAMILIES, <prefix>.h, <prefix>_int.h and
<prefix>_*.c, as one module) must form no cycle, and live in the stage
folders site-gen/<stage>/ that the Makefile's STAGES lists in order; a
module includes only modules of its own stage or earlier ones. So data
flows one way (docs/architecture.md). Prints TAP.

Usage: module_graph.py SRC-DIR [MODULE:INCLUDED ...]
Extra MODULE:INCLUDED pairs are added to the graph, so that the checks can
be shown to fail (the suite adds a cycle and an upward include on
purpose)."""
import os
import re
import sys


# Modules made of several files: <prefix>.h is the public face, the rest
# (<prefix>_*.c, <prefix>_int.h) is inside.
FAMILIES = ('export', 'hist', 'ledger', 'load', 'publish', 'repo', 'tmpl', 'view')


def module(name):
    return next((p for p in FAMILIES if name == p or name.startswith(p + '_')), name)


def stages(src):
    """The stage folders in order, from the Makefile beside SRC-DIR."""
    with open(os.path.join(src, '..', 'Makefile'), encoding='utf-8') as fh:
        return re.search(r'^STAGES := (.*)$', fh.read(), re.M).group(1).split()


def graph(src):
    """The include edges between modules, and each module's stage folders
    (a source file outside every stage folder is in stage None)."""
    deps, where = {}, {}
    for folder, _, files in sorted(os.walk(src)):
        stage = os.path.relpath(folder, src)
        for f in sorted(files):
            if not f.endswith(('.c', '.h')):
                continue
            m = module(f.rsplit('.', 1)[0])
            deps.setdefault(m, set())
            where.setdefault(m, set()).add(None if stage == '.' else stage)
            with open(os.path.join(folder, f), encoding='utf-8') as fh:
                for inc in re.findall(r'^#include "([a-z0-9_]+)\.h"', fh.read(), re.M):
                    if module(inc) != m:
                        deps[m].add(module(inc))
    return deps, where


def misplaced(where, order):
    """Modules not in exactly one known stage folder."""
    return sorted('%s: in %s' % (m, ', '.join(sorted(str(s) for s in w)))
                  for m, w in where.items() if len(w) != 1 or not w <= set(order))


def upward(deps, where, order):
    """Includes of a module of a later stage: 'view (site) -> build (cmd)'."""
    rank = {m: order.index(next(iter(w))) for m, w in where.items()
            if len(w) == 1 and w <= set(order)}
    return sorted('%s (%s) -> %s (%s)' % (a, order[rank[a]], b, order[rank[b]])
                  for a in deps for b in deps[a]
                  if a in rank and b in rank and rank[b] > rank[a])


def cycles(deps):
    """Every module that lies on a cycle, with one cycle through it."""
    found, state, stack = [], {}, []

    def visit(u):
        state[u] = 1
        stack.append(u)
        for v in sorted(deps.get(u, ())):
            if state.get(v) == 1:
                found.append(stack[stack.index(v):] + [v])
            elif not state.get(v):
                visit(v)
        stack.pop()
        state[u] = 2

    for m in sorted(deps):
        if not state.get(m):
            visit(m)
    return found


def main():
    order = stages(sys.argv[1])
    deps, where = graph(sys.argv[1])
    for pair in sys.argv[2:]:
        a, b = pair.split(':')
        deps.setdefault(a, set()).add(b)
    found = cycles(deps)
    edges = sum(len(v) for v in deps.values())
    bad = 0
    if found:
        print('not ok 1 - the modules include each other in a cycle')
        for c in found:
            print('#   ' + ' -> '.join(c))
    else:
        print('ok 1 - %d modules, %d include edges, no cycle' % (len(deps), edges))
    for n, (name, problems) in enumerate((
            ('every module is in one stage folder (%s)' % ' '.join(order),
             misplaced(where, order)),
            ('no module includes one of a later stage', upward(deps, where, order))), 2):
        print('%s %d - %s' % ('not ok' if problems else 'ok', n, name))
        for p in problems:
            print('#   ' + p)
        bad |= bool(problems)
    print('1..3')
    return 1 if found or bad else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Check the include graph of site-gen/: modules (a .c file with its .h;
the files of each family in FAMILIES, <prefix>.h, <prefix>_int.h and
<prefix>_*.c, as one module) must form no cycle,
so that data flows one way (docs/architecture.md). Prints TAP.

Usage: module_graph.py SRC-DIR [MODULE:INCLUDED ...]
Extra MODULE:INCLUDED pairs are added to the graph, so that the check can
be shown to fail (the suite adds a cycle on purpose)."""
import os
import re
import sys


# Modules made of several files: <prefix>.h is the public face, the rest
# (<prefix>_*.c, <prefix>_int.h) is inside.
FAMILIES = ('export', 'hist', 'load', 'publish', 'repo', 'tmpl', 'view')


def module(name):
    return next((p for p in FAMILIES if name == p or name.startswith(p + '_')), name)


def graph(src):
    deps = {}
    for f in sorted(os.listdir(src)):
        if not f.endswith(('.c', '.h')):
            continue
        m = module(f.rsplit('.', 1)[0])
        deps.setdefault(m, set())
        with open(os.path.join(src, f), encoding='utf-8') as fh:
            for inc in re.findall(r'^#include "([a-z0-9_]+)\.h"', fh.read(), re.M):
                if module(inc) != m:
                    deps[m].add(module(inc))
    return deps


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
    deps = graph(sys.argv[1])
    for pair in sys.argv[2:]:
        a, b = pair.split(':')
        deps.setdefault(a, set()).add(b)
    found = cycles(deps)
    edges = sum(len(v) for v in deps.values())
    if found:
        print('not ok 1 - the modules include each other in a cycle')
        for c in found:
            print('#   ' + ' -> '.join(c))
    else:
        print('ok 1 - %d modules, %d include edges, no cycle' % (len(deps), edges))
    print('1..1')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())

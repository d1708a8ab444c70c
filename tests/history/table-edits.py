#!/usr/bin/env python3
"""Write version N of a tasks.csv whose successive versions stress the
history walk's re-reading of only the changed rows of a table (hist.c,
"re-reading only the changed rows"): edits at the start, the middle and
the end, multi-line quoted cells, a quote that swallows the next row, a
row's first byte, two rows joined, bad versions, CRLF, no final line end,
a header change, duplicate and empty ids, a row re-read in two successive
versions.  usage: table-edits.py FILE N   (N from 0; prints the number of
versions when N is "count")"""
import sys

HEAD = "id,section,text_zh,text_en,lead,due"


def q(cell):
    """Quote a cell as RFC 4180 asks; cells starting with '"' are left
    as written (the deliberately malformed ones)."""
    if cell.startswith('"') or not any(c in cell for c in ',"\n\r'):
        return cell
    return '"' + cell.replace('"', '""') + '"'


def row(i, zh=None, en=None):
    return f"t{i:03d},g01,{q(zh or f'任务{i}。')},{q(en or f'Task {i}.')},agri-water,"


def rows(n=12):
    return [row(i) for i in range(1, n + 1)]


def lf(lines, end="\n"):
    return "\n".join(lines) + end


def versions():
    base = [HEAD] + rows()
    yield lf(base)
    a = list(base); a[6] = row(6, "任务六,已改。")            # middle cell
    yield lf(a)
    b = a + [row(13)]                                          # append
    yield lf(b)
    c = [b[0]] + b[2:]                                         # first row gone
    yield lf(c)
    d = c[:-1]                                                 # last row gone
    yield lf(d)
    e = list(d); e[4] = row(6, "第一行\n第二行")              # multi-line cell
    yield lf(e)
    f = list(e); f[4] = row(6, "第一行\n第二行,改")
    yield lf(f)
    g = list(f); g[6] = row(8, '"未闭合')                       # bad: open quote
    yield lf(g)
    h = list(f); h[6] = row(8, "任务八。")                       # fixed
    yield lf(h)
    yield "\r\n".join(h) + "\r\n"                              # CRLF
    i = list(h); i[3] = row(5, "任务五,CRLF。")
    yield "\r\n".join(i) + "\r\n"
    yield lf(h, "")                                            # no final EOL
    j = h + [row(20)]
    yield lf(j, "")
    k = [HEAD + ",note"] + [r + "," for r in j[1:]]            # header change
    yield lf(k)
    m = list(k); m.insert(5, row(3, "重复的编号。") + ",")       # duplicate id
    yield lf(m)
    n = list(m); n[7] = n[7] + ",extra"                        # bad: width
    yield lf(n)
    o = list(m); o.insert(8, ",g01,空编号,Empty id,agri-water,,")  # empty id
    yield lf(o)
    p = list(o); p[9] = p[9].replace("任务", '"任务', 1)         # quote opens...
    p[10] = p[10].replace(",agri-water", '",x,agri-water', 1)  # ...closes next row
    yield lf(p)
    yield lf(o)                                                # and back
    q = list(o); q[2] = row(2, "开头改。") + ","; q[-2] = row(11, "结尾改。") + ","
    yield lf(q)                                                # two far edits
    r = list(q); r[5] = "u" + r[5][1:]                         # a row's first byte
    yield lf(r)
    yield lf(r[:6]) + lf(r[6:]).replace("\n", "", 1)           # bad: rows joined
    # Re-read rows keep their offsets in the file: a row re-read in one
    # version (t009, now as long as the header line) and edited again in
    # the next is found where it is, not at the end of the header.
    s = [HEAD] + [x[:-1] for x in r[1:]]                       # header back
    yield lf(s)
    i9 = next(i for i, x in enumerate(s) if x.startswith("t009,"))
    t = list(s); t[i9] = row(9, "改一。", "One.")              # 36 bytes
    yield lf(t)
    u = list(t); u[i9] = row(9, "改二。", "Two.")              # and again
    yield lf(u)


V = list(versions())
if sys.argv[2] == "count":
    print(len(V))
else:
    with open(sys.argv[1], "w", encoding="utf-8", newline="") as out:
        out.write(V[int(sys.argv[2])])

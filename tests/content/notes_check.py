#!/usr/bin/env python3
"""Check that NOTES.md and NOTES.zh.md explain the anomalies of the source
that the content keeps; print TAP.

Usage: python3 tests/content/notes_check.py [content_dir] [seed_file]

Defaults as in seed_compare.py. Each anomaly is found in the content (or in
the seed, for the checks that need it; those are skipped without it), never
listed here, and each must be explained in both notes files, within one item
(a list item or a paragraph):

- a task whose lead is not in its group's 责任单位 cell is named with its lead
  (name_zh) and its group;
- the number of task lines whose lead is not the first unit of the cell is
  given as "N of T" (NOTES.md) and "T行中有N行" (NOTES.zh.md);
- a group title that differs from the title of its first linked key task
  (sections.plan) is quoted with the key task's title;
- a number that the body and the annex print in quotes in different
  spellings (“6.30” and “630”) is quoted in both spellings;
- the county and town terms (乡镇, 县镇村, 县域, 县级) that task lines and
  group titles use, in a district of sub-districts only, are named together
  with 街道 (its only township-level divisions).

Exit status 1 if any line is "not ok". Standard library only.
"""
import re
import sys
from pathlib import Path

from tap import Tap
import seed_compare

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / '..' / 'shared' / 'seed' / '000_23ddc4cb0853e4e8.txt'
NOTES = ('NOTES.md', 'NOTES.zh.md')
COUNTY_TERMS = ('乡镇', '县镇村', '县域', '县级')
# "1.筑牢粮食安全屏障。" or "(一)强化责任落实。": a key task's own title.
KEY_TITLE_RE = re.compile(r'^(?:#+ )?(?:\d+\.|[((][一二三四五六七八九十]+[))])([^。]+)。', re.M)
QUOTED_NUMBER_RE = re.compile(r'“([\d.]+)”')
FRONT_MATTER_RE = re.compile(r'\A\ufeff?---\r?\n.*?\r?\n---\r?\n', re.S)


def read_notes(content):
    out = {}
    for name in NOTES:
        path = content / name
        out[name] = path.read_text(encoding='utf-8-sig') if path.is_file() else ''
    return out


ITEM_SPLIT_RE = re.compile(r'\n(?=[ \t]*(?:[-*] |#|\n))')


def missing(notes, *needles):
    """'NOTES.zh.md has no item with …' for every notes file none of whose
    items (list items, paragraphs, headings) holds all the needles."""
    out = []
    for name, text in notes.items():
        if not any(all(n in item for n in needles) for item in ITEM_SPLIT_RE.split(text)):
            out.append('%s has no item that mentions %s' % (name, ' and '.join(needles)))
    return out


def check_leads(tap, notes, tasks, groups, units):
    cells = {g['id']: seed_compare.split_list(g.get('co_units')) for g in groups}
    names = {u.get('id'): u.get('name_zh', '') for u in units}
    outside = [t for t in tasks if t.get('lead') not in cells.get(t.get('section'), [])]
    probs = []
    for t in outside:
        probs.extend(missing(notes, t['id'], names.get(t['lead'], t['lead']), t['section']))
    tap.check('every lead that is not in its group\'s 责任单位 cell is named in the notes', probs)

    n = sum(1 for t in tasks if cells.get(t.get('section'), [None])[:1] != [t.get('lead')])
    total = len(tasks)
    probs = ['NOTES.md does not say "%d of the %d task lines"' % (n, total)] \
        if '%d of the %d task lines' % (n, total) not in notes['NOTES.md'] else []
    if '%d行中有%d行' % (total, n) not in notes['NOTES.zh.md']:
        probs.append('NOTES.zh.md does not say "%d行中有%d行"' % (total, n))
    tap.check('the notes give the number of leads that are not first in their cell', probs)


def check_titles(tap, notes, content, groups):
    probs = []
    for g in groups:
        kts = [p for p in seed_compare.split_list(g.get('plan')) if p.startswith(('kt-', 'lead-'))]
        path = content / 'plan' / ('%s.zh.md' % kts[0]) if kts else None
        if not path or not path.is_file():
            continue
        m = KEY_TITLE_RE.search(FRONT_MATTER_RE.sub('', path.read_text(encoding='utf-8-sig')))
        if m and m.group(1) != g.get('title_zh'):
            probs.extend(missing(notes, g['title_zh'], m.group(1)))
    tap.check('every group title that differs from its key task\'s title is in the notes', probs)


def check_numbers(tap, notes, seed):
    name = 'a number quoted differently in the body and the annex is in the notes'
    if not seed.is_file():
        tap.skip(name, '../shared/seed not present')
        return
    text = seed.read_text(encoding='utf-8-sig')
    body = seed_compare.parse_seed(text)[0]
    body_text = '\n'.join(body)
    annex_text = text[len(body_text):]
    in_body = set(QUOTED_NUMBER_RE.findall(body_text))
    in_annex = set(QUOTED_NUMBER_RE.findall(annex_text))
    probs = []
    for b in sorted(in_body):
        for a in sorted(in_annex):
            if a != b and a.replace('.', '') == b.replace('.', ''):
                probs.extend(missing(notes, '“%s”' % b, '“%s”' % a))
    tap.check(name, probs)


def check_county_terms(tap, notes, tasks, groups):
    texts = [t.get('text_zh', '') for t in tasks] + [g.get('title_zh', '') for g in groups]
    used = [w for w in COUNTY_TERMS if any(w in x for x in texts)]
    tap.check('county and town terms used for a district of sub-districts are explained in the notes',
              missing(notes, '街道', *used) if used else [])


def main(argv):
    content = Path(argv[1]).resolve() if len(argv) > 1 else REPO / 'content'
    seed = Path(argv[2]) if len(argv) > 2 else SEED
    tap = Tap()
    notes = read_notes(content)
    tap.check('NOTES.md and NOTES.zh.md exist', ['missing %s' % n for n, t in notes.items() if not t])
    tables, probs = {}, []
    for name in ('tasks.csv', 'sections.csv', 'units.csv'):
        rows, more = seed_compare.read_csv(content / name)
        tables[name], probs = rows or [], probs + more
    tap.check('tasks.csv, sections.csv and units.csv exist', probs)
    tasks = tables['tasks.csv']
    groups = [s for s in tables['sections.csv'] if s.get('parent')]
    check_leads(tap, notes, tasks, groups, tables['units.csv'])
    check_titles(tap, notes, content, groups)
    check_numbers(tap, notes, seed)
    check_county_terms(tap, notes, tasks, groups)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main(sys.argv))

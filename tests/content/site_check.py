#!/usr/bin/env python3
"""Build the content and check what the pages show of it; print TAP.

Usage: python3 tests/content/site_check.py [content_dir] [seed_file]

Builds content_dir (default <repo>/content) with $SITE_GEN (default
<repo>/build/site-gen) and the theme $SITE_THEME (default
<repo>/themes/default) into a temporary folder, then checks, in both
languages:

- the annex's closing note (plan/annex-note, and the seed's 注 line when the
  seed is present) is on the task list page;
- a task's co-responsible departments are the other units of its group's
  责任单位 cell: all of them, but not its lead;
- English pages give the document number's romanised form (the glossary's
  English for it) beside the Chinese, and Chinese pages only the Chinese;
- targets are said the way a reader says them: no comparator symbol before
  the words, no negative number, and every number of a target whose value
  the line prints is written as in the task's text (English text_en:
  "25,000 tonnes", "25 million yuan"; Chinese text_zh: "2.5万吨").

Exit status 1 if any line is "not ok". Standard library only.
"""
import html
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tap import Tap
import seed_compare

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / '..' / 'shared' / 'seed' / '000_23ddc4cb0853e4e8.txt'
META_RE = re.compile(r'<dl class="meta">(.*?)</dl>', re.S)
CO_LIST_RE = re.compile(r'<ul class="inline-list">(.*?)</ul>', re.S)
UNIT_HREF_RE = re.compile(r'/units/([a-z0-9-]+)/index\.html')
METRIC_ROW_RE = re.compile(r'<tr id="metric-[^"]+"><th scope="row">.*?</th><td>(.*?)</td>', re.S)
# The document number in partials/plan-meta: the Chinese, then anything
# after it in the same <dd> (the original theme put lang on the <dd>).
DOC_NUMBER_RE = re.compile(r'<dt>[^<]*</dt>\s*<dd(?: lang="zh-Hans")?>(?:<span lang="zh-Hans">)?'
                           r'([^<]*?\d+号)(?:</span>)?([^<]*)</dd>')
SYMBOLS = '≥≤<>=↔'
# A number as a target cell writes it: "25,000", "90.21 million", "-10".
CELL_NUMBER_RE = re.compile(r'-?\d[\d,]*(?:\.\d+)?(?: million)?')


def plain(fragment):
    return html.unescape(re.sub(r'<[^>]+>', '', fragment)).strip()


def markdown_body(path):
    text = path.read_text(encoding='utf-8-sig') if path.is_file() else ''
    return re.sub(r'\A\ufeff?---\r?\n.*?\r?\n---\r?\n', '', text, flags=re.S).strip()


def build(content, out):
    site_gen = os.environ.get('SITE_GEN', str(REPO / 'build' / 'site-gen'))
    theme = os.environ.get('SITE_THEME', str(REPO / 'themes' / 'default'))
    r = subprocess.run([site_gen, 'build', '--content', str(content), '--theme', theme,
                        '--out', str(out), '--quiet'], capture_output=True, text=True)
    return [] if r.returncode == 0 else ['%s build exited %d: %s' % (site_gen, r.returncode, r.stderr[-500:])]


def page(out, lang, path):
    f = out / lang / path / 'index.html'
    return f.read_text(encoding='utf-8') if f.is_file() else ''


def check_annex_note(tap, out, content, seed):
    probs = []
    wanted = {'zh': [markdown_body(content / 'plan' / 'annex-note.zh.md')],
              'en': [markdown_body(content / 'plan' / 'annex-note.en.md')]}
    if seed.is_file():
        wanted['zh'] += [l.strip() for l in seed.read_text(encoding='utf-8-sig').split('\n')
                         if seed_compare.NOTE_RE.match(l.strip())]
    for lang, texts in wanted.items():
        shown = plain(page(out, lang, 'tasks'))
        for t in texts:
            if not t:
                probs.append('plan/annex-note.%s.md is missing or empty' % lang)
            elif t not in shown:
                probs.append('%s/tasks/ does not show %r' % (lang, t[:40] + '…'))
    tap.check('the annex\'s closing note is on the task list page in both languages', probs)


def check_co_units(tap, out, tasks, groups):
    cells = {g['id']: seed_compare.split_list(g.get('co_units')) for g in groups}
    probs = []
    for lang in ('zh', 'en'):
        for t in tasks:
            meta = META_RE.search(page(out, lang, 'tasks/' + t['id']))
            co = CO_LIST_RE.search(meta.group(1)) if meta else None
            shown = UNIT_HREF_RE.findall(co.group(1)) if co else []
            want = [u for u in cells.get(t.get('section'), []) if u != t.get('lead')]
            if shown != want:
                probs.append('%s/tasks/%s: co-responsible %s, expected %s (lead %s)'
                             % (lang, t['id'], shown, want, t.get('lead')))
    tap.check('a task\'s co-responsible departments are the other units of its cell, not its lead', probs)


def shown_doc_number(out, lang, path):
    m = DOC_NUMBER_RE.search(page(out, lang, path))
    return (m.group(1), plain(m.group(2))) if m else None


def check_doc_number(tap, out, glossary):
    """Against the Chinese dashboard's number (site.yaml's doc_number)."""
    doc_number = (shown_doc_number(out, 'zh', '') or ('',))[0]
    roman = next((g['term_en'] for g in glossary if g.get('term_zh') == doc_number), '')
    probs = [] if roman else ['the glossary has no row for the document number %r' % doc_number]
    for lang in ('zh', 'en'):
        for path in ('', 'plan', 'about'):
            shown = shown_doc_number(out, lang, path)
            want = (doc_number, '(%s)' % roman if lang == 'en' and roman else '')
            if shown != want:
                probs.append('%s/%s: document number shown as %s, expected %s' % (lang, path, shown, want))
    tap.check('English pages give the document number\'s romanised form beside the Chinese', probs)


def check_targets(tap, out, tasks, metrics):
    by_task = {}
    for m in metrics:
        by_task.setdefault(m.get('task'), []).append(m)
    probs = []
    for lang, col in (('zh', 'text_zh'), ('en', 'text_en')):
        for t in tasks:
            ms = by_task.get(t['id'], [])
            cells = [plain(c) for c in METRIC_ROW_RE.findall(page(out, lang, 'tasks/' + t['id']))]
            if len(cells) != len(ms):
                probs.append('%s/tasks/%s: %d target cells for %d metrics' % (lang, t['id'], len(cells), len(ms)))
                continue
            printed = seed_compare.numbers_in(t.get('text_zh', ''))
            text = t.get(col, '')
            for m, cell in zip(ms, cells):
                where = '%s/tasks/%s %s %r' % (lang, t['id'], m['id'], cell)
                if cell[:1] in SYMBOLS:
                    probs.append('%s: starts with a comparator symbol' % where)
                numbers = CELL_NUMBER_RE.findall(cell)
                if any(n.startswith('-') for n in numbers):
                    probs.append('%s: a negative number' % where)
                if abs(float(m.get('target') or 0)) not in printed:
                    continue   # a target fixed by words: nothing to compare
                for n in numbers:
                    if not re.search(r'(?<![\d.])(?<!\d,)' + re.escape(n.lstrip('-')) + r'(?![\d])', text):
                        probs.append('%s: %s is not written so in %s' % (where, n, col))
    tap.check('targets are shown the way a reader says them, as the task text writes the numbers', probs)


def main(argv):
    content = Path(argv[1]).resolve() if len(argv) > 1 else REPO / 'content'
    seed = Path(argv[2]) if len(argv) > 2 else SEED
    tap = Tap()
    tables = {}
    for name in ('tasks.csv', 'sections.csv', 'metrics.csv', 'glossary.csv'):
        tables[name] = seed_compare.read_csv(content / name)[0] or []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / 'site'
        probs = build(content, out)
        tap.check('the content builds', probs)
        if probs:
            return tap.done()
        tasks = tables['tasks.csv']
        groups = [s for s in tables['sections.csv'] if s.get('parent')]
        check_annex_note(tap, out, content, seed)
        check_co_units(tap, out, tasks, groups)
        check_doc_number(tap, out, tables['glossary.csv'])
        check_targets(tap, out, tasks, tables['metrics.csv'])
    return tap.done()


if __name__ == '__main__':
    sys.exit(main(sys.argv))

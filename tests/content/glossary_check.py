#!/usr/bin/env python3
"""Check that the English content uses the glossary's terms; print TAP.

Usage: python3 tests/content/glossary_check.py [content_dir]

content_dir defaults to <repo>/content, the repository root being found from
this file's path. Standard library only.

For every glossary row (id, term_zh, term_en) and every bilingual pair of the
content -- tasks.csv text_zh/text_en, sections.csv title_zh/title_en and
co_units_note_zh/co_units_note_en, metrics.csv name_zh/name_en, units.csv
name_zh/name_en, and each plan/<id>.zh.md with its plan/<id>.en.md -- if the
Chinese contains term_zh, the English must contain term_en.

Matching rules:
- case-insensitive;
- the quote characters " “ ” ' ‘ ’ are removed, hyphens and dashes (- ‐ ‑ –
  —) count as spaces, runs of whitespace count as one space; Markdown
  emphasis (*) and backslash escapes are removed from plan files;
- every word of term_en may take a simple plural (-s, -es, -y -> -ies), so
  "farmers' market" accepts "farmers' markets";
- the match must start and end on word boundaries;
- longer terms win: an occurrence of term_zh lying inside an occurrence of a
  longer glossary term_zh (永久基本农田 around 基本农田) is not checked
  against the shorter term. A pair is only checked for a term if the Chinese
  has at least one occurrence of it not covered that way.

One TAP line per glossary term, plus lines for the glossary itself (ids,
term_zh unique, term_en non-empty). Exit status 1 if any line is "not ok".
"""
import csv
import re
import sys
from pathlib import Path

from tap import Tap

REPO = Path(__file__).resolve().parents[2]
ID_RE = re.compile(r'^[a-z0-9][a-z0-9-]{0,63}$')
FRONT_MATTER_RE = re.compile(r'\A\ufeff?---\r?\n.*?\r?\n---\r?\n', re.S)
QUOTES_RE = re.compile('["\u201c\u201d\'\u2018\u2019]')
DASHES_RE = re.compile('[-\u2010\u2011\u2013\u2014]')
SPACE_RE = re.compile(r'\s+')
WORD_RE = re.compile(r'[a-z]+')


def normalize(text):
    text = text.replace('\u00a0', ' ').lower()
    text = QUOTES_RE.sub('', text)
    text = DASHES_RE.sub(' ', text)
    return SPACE_RE.sub(' ', text).strip()


def term_pattern(term_en):
    """Regex for a normalised term_en that accepts simple plurals of each word."""
    norm = normalize(term_en)
    out = []
    pos = 0
    for m in WORD_RE.finditer(norm):
        out.append(re.escape(norm[pos:m.start()]))
        word = m.group()
        if len(word) > 1 and word.endswith('y') and word[-2] not in 'aeiou':
            out.append(re.escape(word[:-1]) + '(?:y|ies)')
        else:
            out.append(re.escape(word) + '(?:s|es)?')
        pos = m.end()
    out.append(re.escape(norm[pos:]))
    return re.compile(r'(?<![a-z0-9])' + ''.join(out) + r'(?![a-z0-9])')


def clean_markdown(text):
    text = FRONT_MATTER_RE.sub('', text)
    text = text.replace('*', '')
    return re.sub(r'\\(.)', r'\1', text)


def read_csv(path, problems):
    if not path.is_file():
        problems.append('missing file %s' % path)
        return []
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def collect_pairs(content, problems):
    """Return [(label, zh, en)] for every bilingual text in the content."""
    pairs = []
    specs = [
        ('tasks.csv', [('text_zh', 'text_en')]),
        ('sections.csv', [('title_zh', 'title_en'), ('co_units_note_zh', 'co_units_note_en')]),
        ('metrics.csv', [('name_zh', 'name_en')]),
        ('units.csv', [('name_zh', 'name_en')]),
    ]
    for fname, cols in specs:
        for row in read_csv(content / fname, problems):
            for zh_col, en_col in cols:
                zh = row.get(zh_col) or ''
                if zh.strip():
                    pairs.append(('%s %s %s' % (fname, row.get('id', '?'), en_col),
                                  zh, row.get(en_col) or ''))
    plan = content / 'plan'
    for zh_path in sorted(plan.glob('*.zh.md')) if plan.is_dir() else []:
        en_path = zh_path.with_name(zh_path.name[:-len('.zh.md')] + '.en.md')
        zh = clean_markdown(zh_path.read_text(encoding='utf-8-sig'))
        if not en_path.is_file():
            problems.append('missing %s' % en_path.relative_to(content))
            en = ''
        else:
            en = clean_markdown(en_path.read_text(encoding='utf-8-sig'))
        pairs.append(('plan/%s' % en_path.name, zh, en))
    return pairs


def occurrences(text, needle):
    spans = []
    start = text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def main():
    content = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO / 'content'
    tap = Tap()
    io_problems = []
    glossary = read_csv(content / 'glossary.csv', io_problems)
    pairs = collect_pairs(content, io_problems)
    tap.check('content files are present', io_problems)

    probs, seen = [], set()
    for i, g in enumerate(glossary, 2):
        gid = g.get('id') or ''
        if not ID_RE.match(gid):
            probs.append('line %d: bad id %r' % (i, gid))
        elif gid in seen:
            probs.append('line %d: duplicate id %r' % (i, gid))
        seen.add(gid)
    tap.check('glossary ids are valid and unique', probs)

    probs, seen = [], {}
    for g in glossary:
        zh = (g.get('term_zh') or '').strip()
        if not zh:
            probs.append('%s: empty term_zh' % g.get('id'))
        elif zh in seen:
            probs.append('%s: term_zh %s already used by %s' % (g.get('id'), zh, seen[zh]))
        else:
            seen[zh] = g.get('id')
    tap.check('glossary term_zh is unique and non-empty', probs)

    tap.check('glossary term_en is non-empty',
              ['%s: empty term_en' % g.get('id') for g in glossary
               if not (g.get('term_en') or '').strip()])

    terms = [(g.get('id') or '', (g.get('term_zh') or '').strip(), (g.get('term_en') or '').strip())
             for g in glossary]
    terms = [t for t in terms if t[1] and t[2]]
    norm_en = {pair[0]: normalize(pair[2]) for pair in pairs}
    for gid, zh_term, en_term in terms:
        longer = [t[1] for t in terms if len(t[1]) > len(zh_term) and zh_term in t[1]]
        pattern = term_pattern(en_term)
        probs = []
        for label, zh, en in pairs:
            spans = occurrences(zh, zh_term)
            if not spans:
                continue
            covered = []
            for lt in longer:
                covered.extend(occurrences(zh, lt))
            free = [s for s in spans
                    if not any(c[0] <= s[0] and s[1] <= c[1] for c in covered)]
            if not free:
                continue
            if not pattern.search(norm_en[label]):
                probs.append('%s: %s (%d×) but no "%s"' % (label, zh_term, len(free), en_term))
        tap.check('term %s: %s -> %s' % (gid, zh_term, en_term), probs)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())

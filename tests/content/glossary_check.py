#!/usr/bin/env python3
"""Check that the English content uses the glossary's terms; print TAP.

Usage: python3 tests/content/glossary_check.py [content_dir]

content_dir defaults to <repo>/content, the repository root being found from
this file's path. Standard library only.

For every glossary row (id, term_zh, term_en) and every bilingual pair of the
content -- tasks.csv text_zh/text_en, sections.csv title_zh/title_en and
co_units_note_zh/co_units_note_en, metrics.csv name_zh/name_en, units.csv
name_zh/name_en, each plan/<id>.zh.md with its plan/<id>.en.md, and the
zh/en settings of site.yaml (title, plan.title, plan.issuer, plan.area; read
with PyYAML, skipped when it is not installed) -- if the Chinese contains
term_zh, the English must contain term_en.

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
term_zh unique, term_en non-empty) and for the renderings the glossary fixes:

- a unit whose name_zh is a glossary term_zh has that term_en as name_en;
- the English names of departments follow one pattern: the Jianghai branch
  of a city bureau (市…局江海分局) is "Jianghai Branch of the Jiangmen
  Municipal …", or "Jianghai Sub-bureau of the …" for public security (公安);
  a company's branch names the company last ("… of Guangdong Power Grid Co.,
  Ltd.");
- every document title in 《》 has a glossary row, and its English is written
  in plain title case: not inside quotes or Markdown emphasis;
- the notes of the terms in DEFINITIONS use the words the source fixes;
- renderings that a review replaced (SUPERSEDED) are gone from the English
  of every pair whose Chinese has the phrase, and the wrong place name
  "Jianghua" is nowhere in the content or the theme.

Exit status 1 if any line is "not ok".
"""
import csv
import re
import sys
from pathlib import Path

from tap import Tap

REPO = Path(__file__).resolve().parents[2]
THEME = REPO / 'themes' / 'default'
# (Chinese phrase, English that a review replaced, why): the English of a
# pair whose Chinese has the phrase must not contain the old wording.
SUPERSEDED = [
    ('碧道', 'greenway', '碧道 are green waterways (Bidao); greenways are 绿道'),
    ('三品一标', 'One Label', 'the 2021 sense: varieties, quality, brands, standardised production'),
    ('宜居宜业', 'business-friendly', 'official rendering: desirable to live and work in'),
    ('和美乡村', 'harmonious and beautiful', 'official rendering: beautiful and harmonious'),
    ('邑企圆梦', 'Yi Enterprises', 'a rendering English readers understand'),
    ('区委农办', 'Rural Work Office', 'one English name for the issuing office'),
    ('关于做好2023年全面推进乡村振兴重点工作的实施方案', 'Comprehensively Advancing Key Rural Revitalization Work',
     'one translation of the plan\'s title'),
    ('区委实施乡村振兴战略领导小组', 'District Party Committee Leading Group', 'one word order for the leading group'),
    ('健康示范镇试点', 'advocate pilot', 'ungrammatical (t056)'),
    ('1个健康村试点', 'pilot 1 healthy village', 'ungrammatical (t056)'),
    ('农村供水提质增效、水质提升工程', 'quality-and-efficiency and water quality improvement projects to benefit',
     'unclear (t047)'),
    ('其中豇豆', 'of these, annual', 'the rapid tests are not part of the quantitative tests (t028)'),
]
# (term_zh, words its note_en must use): definitions the source fixes. kt-07
# gives 三品一标's four parts (做精品种、做好品质、做强品牌、完善标准); Jianghai's
# sub-districts are 外海, 礼乐 and 江南.
DEFINITIONS = [
    ('三品一标', ('varieties', 'quality', 'brands', 'standardised production')),
    ('街道', ('Waihai', 'Lile', 'Jiangnan')),
]
WRONG_PLACE_NAMES = ('Jianghua',)   # Jianghai's third sub-district is 江南, Jiangnan
DOC_TITLE_RE = re.compile('《([^》]+)》')
BRANCH_RE = re.compile('^市(.+)江海分局$')
COMPANY_BRANCH_RE = re.compile('^(广东电网有限责任公司)(.+)$')
COMPANY_EN = {'广东电网有限责任公司': 'Guangdong Power Grid Co., Ltd.'}
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


def site_pairs(content, problems):
    """[(label, zh, en)] of site.yaml's bilingual settings, or None without
    PyYAML."""
    try:
        import yaml
    except ImportError:
        return None
    path = content / 'site.yaml'
    if not path.is_file():
        problems.append('missing file %s' % path)
        return []
    doc = yaml.safe_load(path.read_text(encoding='utf-8-sig')) or {}
    plan = doc.get('plan') or {}
    out = []
    for label, value in (('title', doc.get('title')), ('plan.title', plan.get('title')),
                         ('plan.issuer', plan.get('issuer')), ('plan.area', plan.get('area'))):
        if isinstance(value, dict) and value.get('zh'):
            out.append(('site.yaml %s' % label, str(value['zh']), str(value.get('en') or '')))
    return out


def collect_pairs(content, problems):
    """Return [(label, zh, en)] for every bilingual text in the content, and
    {label: English as written} for the plan files (Markdown kept)."""
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
    raw = {label: en for label, _, en in pairs}
    plan = content / 'plan'
    for zh_path in sorted(plan.glob('*.zh.md')) if plan.is_dir() else []:
        en_path = zh_path.with_name(zh_path.name[:-len('.zh.md')] + '.en.md')
        zh = clean_markdown(zh_path.read_text(encoding='utf-8-sig'))
        if not en_path.is_file():
            problems.append('missing %s' % en_path.relative_to(content))
            en = ''
        else:
            en = en_path.read_text(encoding='utf-8-sig')
        label = 'plan/%s' % en_path.name
        raw[label] = FRONT_MATTER_RE.sub('', en)
        pairs.append((label, zh, clean_markdown(en)))
    return pairs, raw


def occurrences(text, needle):
    spans = []
    start = text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def check_units(tap, content, glossary):
    units = read_csv(content / 'units.csv', [])
    en_of = {(g.get('term_zh') or '').strip(): (g.get('term_en') or '').strip() for g in glossary}
    tap.check('a unit named by a glossary term has the glossary\'s English name',
              ['%s: name_en %r, glossary %r' % (u.get('id'), u.get('name_en'), en_of[u.get('name_zh')])
               for u in units if en_of.get(u.get('name_zh')) and u.get('name_en') != en_of[u.get('name_zh')]])
    probs = []
    for u in units:
        zh, en = u.get('name_zh') or '', u.get('name_en') or ''
        m = BRANCH_RE.match(zh)
        if m:
            kind = 'Sub-bureau' if '公安' in m.group(1) else 'Branch'
            if not en.startswith('Jianghai %s of the Jiangmen Municipal ' % kind):
                probs.append('%s: %r should read "Jianghai %s of the Jiangmen Municipal …"' % (u.get('id'), en, kind))
        m = COMPANY_BRANCH_RE.match(zh)
        if m and not en.endswith(' of ' + COMPANY_EN[m.group(1)]):
            probs.append('%s: %r should end "of %s"' % (u.get('id'), en, COMPANY_EN[m.group(1)]))
    tap.check('English department names follow one pattern (branches, sub-bureaus, company branches)', probs)


def check_titles(tap, pairs, raw, glossary):
    """Document titles in 《》: one glossary row each, plain title case in English."""
    en_of = {(g.get('term_zh') or '').strip(): (g.get('term_en') or '').strip() for g in glossary}
    probs = []
    for label, zh, _ in pairs:
        for title in DOC_TITLE_RE.findall(zh):
            term = en_of.get(title)
            if not term:
                probs.append('%s: 《%s》 has no glossary row' % (label, title))
                continue
            if QUOTES_RE.match(term[:1]) or QUOTES_RE.match(term[-1:]) or '*' in term:
                probs.append('glossary: %r is quoted or emphasized' % term)
            styled = re.compile('[*_"\u201c\u2018\']\\s*' + re.escape(term) + '|'
                                + re.escape(term) + '\\s*[*_"\u201d\u2019\']')
            if styled.search(raw.get(label, '')):
                probs.append('%s: %r is quoted or emphasized; titles are plain title case' % (label, term))
    tap.check('document titles in 《》 have one English rendering, in plain title case', probs)


def check_definitions(tap, glossary):
    probs = []
    for zh, words in DEFINITIONS:
        row = next((g for g in glossary if (g.get('term_zh') or '').strip() == zh), None)
        note = (row or {}).get('note_en') or ''
        probs.extend('%s: note_en lacks %r' % (zh, w) for w in words if w.lower() not in note.lower())
    tap.check('glossary notes define %s as the source does' % ', '.join(zh for zh, _ in DEFINITIONS), probs)


def check_superseded(tap, content, pairs):
    probs = []
    for label, zh, en in pairs:
        for phrase, old, why in SUPERSEDED:
            if phrase in zh and old.lower() in en.lower():
                probs.append('%s: %r for %s (%s)' % (label, old, phrase, why))
    tap.check('renderings replaced by the review are gone', probs)
    probs = []
    for root in (content, THEME):
        for path in sorted(root.rglob('*')) if root.is_dir() else []:
            if path.is_file():
                text = path.read_bytes().decode('utf-8', 'replace')
                probs.extend('%s: %s' % (path, name) for name in WRONG_PLACE_NAMES if name in text)
    tap.check('no wrong place name (%s) in the content or the theme' % ', '.join(WRONG_PLACE_NAMES), probs)


def main():
    content = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO / 'content'
    tap = Tap()
    io_problems = []
    glossary = read_csv(content / 'glossary.csv', io_problems)
    pairs, raw = collect_pairs(content, io_problems)
    tap.check('content files are present', io_problems)
    site = site_pairs(content, io_problems)
    if site is None:
        tap.skip('site.yaml settings are checked too', 'PyYAML not installed')
    else:
        pairs += site
        tap.check('site.yaml settings are checked too', [] if site else ['no bilingual settings in site.yaml'])

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

    check_units(tap, content, glossary)
    check_titles(tap, pairs, raw, glossary)
    check_definitions(tap, glossary)
    check_superseded(tap, content, pairs)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())

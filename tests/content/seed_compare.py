#!/usr/bin/env python3
"""Compare the content files with the seed (source) document; print TAP.

Usage: python3 tests/content/seed_compare.py [content_dir] [seed_file]

Defaults (relative to the repository root, found from this file's path):
content_dir = content, seed_file = ../shared/seed/000_23ddc4cb0853e4e8.txt

Checks that need the seed are reported as "ok N - name # SKIP ..." when the
seed file is absent. Expected counts are derived from the seed with regexes,
never hard-coded. Exit status: 1 if any check is "not ok", else 0.
Standard library only.
"""
import csv
import re
import sys
from pathlib import Path

from tap import Tap

REPO = Path(__file__).resolve().parents[2]
ID_RE = re.compile(r'^[a-z0-9][a-z0-9-]{0,63}$')
DATE_RE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
NUM_RE = re.compile(r'^-?\d+(\.\d+)?$')

# Source structure (the 附件 table).
ANNEX_START_RE = re.compile(r'^附件[::]$')            # the line "附件:" alone
PART_RE = re.compile(r'^([一二三四五六七八九十]+、)(.+)$')
GROUP_RE = re.compile(r'^([((][一二三四五六七八九十]+[))])(.+)$')
LEAD_RE = re.compile(r'[((]([^()()]+?)牵头落实[))]')
TASK_RE = re.compile(r'^(.*?)[((]([^()()]+?)牵头落实[))]$')
NOTE_RE = re.compile(r'^注[::]')
CELL_SPLIT_RE = re.compile(r'[、,,]')
CHROME_RE = re.compile(r'^(文章来源|字体大小|【打印本页】|保护视力色)')

COLUMNS = {
    'units.csv': ['id', 'name_zh', 'name_en', 'aliases'],
    'sections.csv': ['id', 'parent', 'label_zh', 'title_zh', 'title_en', 'co_units',
                     'co_units_note_zh', 'co_units_note_en', 'plan'],
    'tasks.csv': ['id', 'section', 'text_zh', 'text_en', 'lead', 'due'],
    'metrics.csv': ['id', 'task', 'name_zh', 'name_en', 'comparator', 'target',
                    'target_max', 'unit_zh', 'unit_en', 'baseline',
                    'revision_note_zh', 'revision_note_en'],
    'glossary.csv': ['id', 'term_zh', 'term_en', 'note_en'],
}
COMPARATORS = {'>=', '>', '=', '<', '<=', 'between'}
# Targets stated in words (docs/content-format.md, metrics.csv): each fixes a
# comparator, a value and a baseline. A line with one of them has a metric
# with exactly that target, and a metric whose number is not printed in its
# line must be one of them.
WORD_TARGETS = [
    (re.compile(r'全覆盖|全员|全部纳入'), '=', 100.0, ''),
    (re.compile(r'零拖欠|不发生'), '=', 0.0, ''),
    (re.compile(r'每月[^,,。;;]*一场'), '>=', 1.0, ''),
    (re.compile(r'正增长|平稳增加'), '>', 0.0, 'previous_year'),
    (re.compile(r'同比下降'), '<', 0.0, 'previous_year'),
]
# A line that compares with an earlier year or states growth: only such a
# line has metrics with baseline previous_year.
PREVIOUS_YEAR_RE = re.compile(r'较上年|同比|较\d{4}年|增长')
# "不少于3000户或实现应改尽改": a printed target with an alternative.
ALTERNATIVE_RE = re.compile(r'(\d+(?:\.\d+)?)[^\d,,。;;、]{0,3}或([^,,。;;]+)')
# "180多名": a head count, never a target.
HEAD_COUNT_RE = re.compile(r'(\d+)多[名人个户]')
# A quantity in the body ("0.83万亩", "4户"), not preceded by another digit.
BODY_QUANTITY_RE = re.compile(r'(?<![\d.])(\d+(?:\.\d+)?)(万亩|万吨|万元|万人|亿元|亩|吨|元|个|户|人|名|项|家|所|场|次|%)')
KEY_TASK_RE = re.compile(r'^(\d+)\.')


def read_csv(path):
    if not path.is_file():
        return None, ['missing file %s' % path]
    with open(path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0].keys()) if rows else []
    return rows, []


def split_list(cell):
    return [x for x in (cell or '').split('|') if x]


def numbers_in(text):
    out = set()
    for m in re.finditer(r'\d+(?:\.\d+)?', text):
        out.add(float(m.group(0)))
    return out


def word_target(m, text):
    """The WORD_TARGETS entry of `text` that metric row `m` is, or None."""
    try:
        x = float(m.get('target') or '')
    except ValueError:
        return None
    for word_re, comparator, value, baseline in WORD_TARGETS:
        if word_re.search(text) and (m.get('comparator'), x, m.get('baseline') or '') == \
                (comparator, value, baseline):
            return word_re
    return None


def metric_rule_checks(tap, tasks, metrics):
    """The rule of docs/content-format.md on which targets are metrics."""
    by_task = {}
    for m in metrics:
        by_task.setdefault(m.get('task'), []).append(m)

    def same(m, comparator, value, baseline):
        try:
            return (m.get('comparator'), float(m.get('target')), m.get('baseline') or '') == \
                (comparator, value, baseline)
        except (TypeError, ValueError):
            return False

    probs = []
    for t in tasks:
        text, ms = t.get('text_zh', ''), by_task.get(t.get('id'), [])
        for word_re, comparator, value, baseline in WORD_TARGETS:
            words = word_re.findall(text)
            have = sum(1 for m in ms if same(m, comparator, value, baseline))
            if len(words) > have:
                probs.append('%s: %s needs %d metric(s) %s %g%s, has %d'
                             % (t['id'], '/'.join(words), len(words), comparator, value,
                                ' ' + baseline if baseline else '', have))
    tap.check('every target stated in words has its metric', probs)

    text_of = {t.get('id'): t.get('text_zh', '') for t in tasks}
    tap.check('baseline previous_year only where the line compares with an earlier year or states growth',
              ['%s: previous_year, but %s says neither' % (m['id'], m.get('task'))
               for m in metrics if m.get('baseline') == 'previous_year'
               and not PREVIOUS_YEAR_RE.search(text_of.get(m.get('task'), ''))])

    probs = []
    for t in tasks:
        for num, alternative in ALTERNATIVE_RE.findall(t.get('text_zh', '')):
            for m in by_task.get(t.get('id'), []):
                if m.get('target') == num and alternative not in (m.get('name_zh') or ''):
                    probs.append('%s: target %s has the alternative 或%s, not in its name_zh'
                                 % (m['id'], num, alternative))
    tap.check('an alternative to a printed target is part of its metric\'s name', probs)

    probs = []
    for t in tasks:
        for count in HEAD_COUNT_RE.findall(t.get('text_zh', '')):
            probs.extend('%s: target %s is the head count %s多 of %s' % (m['id'], m.get('target'), count, t['id'])
                         for m in by_task.get(t.get('id'), []) if m.get('target') == count)
    tap.check('no metric takes a head count (N多) as its target', probs)


def body_quantities(body, plan_links):
    """[(key task id, quantity)] of the body's key tasks that no task line
    of the groups linked to that key task prints. plan_links maps a key task
    id (kt-01) to the text of those task lines."""
    out = []
    for line in body:
        line = line.strip()
        m = KEY_TASK_RE.match(line)
        if not m:
            continue
        kt = 'kt-%02d' % int(m.group(1))
        lines = plan_links.get(kt, '')
        for q in BODY_QUANTITY_RE.finditer(line):
            if not re.search(r'(?<![\d.])' + re.escape(q.group(0)), lines) \
                    and (kt, q.group(0)) not in out:
                out.append((kt, q.group(0)))
    return out


def parse_seed(text):
    """Return body lines and the appendix structure, derived by regexes."""
    lines = text.split('\n')
    start = next((i for i, l in enumerate(lines) if ANNEX_START_RE.match(l.strip())), None)
    if start is None:
        raise ValueError('no line "附件:" found in the seed')
    body = lines[:start]
    annex = [l.strip() for l in lines[start:] if l.strip()]
    first_part = next(i for i, l in enumerate(annex) if PART_RE.match(l))
    parts, groups, tasks, cells = [], [], [], []
    lead_count = 0
    for l in annex[first_part:]:
        lead_count += len(LEAD_RE.findall(l))
        m = PART_RE.match(l)
        if m:
            parts.append((m.group(1), m.group(2)))
            continue
        m = GROUP_RE.match(l)
        if m:
            groups.append({'label': m.group(1), 'title': m.group(2), 'cells': []})
            continue
        m = TASK_RE.match(l)
        if m:
            tasks.append({'text': m.group(1), 'lead': m.group(2), 'group': len(groups)})
            continue
        if NOTE_RE.match(l):
            continue
        if groups:
            groups[-1]['cells'].append(l)
    return body, parts, groups, tasks, lead_count


def main(argv):
    content = Path(argv[1]) if len(argv) > 1 else REPO / 'content'
    seed = Path(argv[2]) if len(argv) > 2 else REPO / '..' / 'shared' / 'seed' / '000_23ddc4cb0853e4e8.txt'
    if not content.is_absolute():
        content = (Path.cwd() / content) if (Path.cwd() / content).exists() else REPO / content
    tap = Tap()

    data = {}
    for fn, cols in COLUMNS.items():
        rows, probs = read_csv(content / fn)
        if rows is not None:
            with open(content / fn, encoding='utf-8-sig', newline='') as f:
                header = next(csv.reader(f), [])
            extra = [c for c in header if c not in cols]
            missing = [c for c in cols if c not in header]
            if extra:
                probs.append('unknown columns: %s' % extra)
            if missing:
                probs.append('missing columns: %s' % missing)
        tap.check('%s exists and has the right columns' % fn, probs)
        data[fn] = rows or []
    units, sections = data['units.csv'], data['sections.csv']
    tasks, metrics, glossary = data['tasks.csv'], data['metrics.csv'], data['glossary.csv']

    # Unit name resolution table.
    name_to_units = {}
    for u in units:
        for n in [u.get('name_zh', '')] + split_list(u.get('aliases')):
            if n:
                name_to_units.setdefault(n, set()).add(u['id'])

    plan_dir = content / 'plan'
    plan_zh = sorted(plan_dir.glob('*.zh.md')) if plan_dir.is_dir() else []

    # ---------------- checks that need the seed ----------------
    seed_checks = [
        'part count equals the source',
        'group heading count equals the source',
        'task line count equals the source',
        'lead annotation count equals the source',
        'every text_zh occurs verbatim in the source',
        'tasks are in source order and in the right group',
        'every lead spelling resolves to exactly one unit and matches tasks.lead',
        'every unit name in the 责任单位 cells resolves to exactly one unit and matches co_units',
        'every part heading (label+title) occurs in the source',
        'every group heading (label+title) occurs in the source',
        'every body prose paragraph occurs in some plan/*.zh.md',
        'the annex\'s closing 注 is published verbatim in plan/annex-note.zh.md',
        'every quantity of the body\'s key tasks is in a task line of its groups or listed in NOTES',
    ]
    if not seed.is_file():
        for name in seed_checks:
            tap.skip(name, '../shared/seed not present')
    else:
        text = seed.read_text(encoding='utf-8-sig')
        body, s_parts, s_groups, s_tasks, lead_count = parse_seed(text)
        c_parts = [s for s in sections if not s.get('parent')]
        c_groups = [s for s in sections if s.get('parent')]

        def count_check(name, expected, actual):
            tap.check(name, [] if expected == actual else
                      ['source has %d, content has %d' % (expected, actual)])

        count_check(seed_checks[0], len(s_parts), len(c_parts))
        count_check(seed_checks[1], len(s_groups), len(c_groups))
        count_check(seed_checks[2], len(s_tasks), len(tasks))
        count_check(seed_checks[3], lead_count, sum(1 for t in tasks if t.get('lead')))

        tap.check(seed_checks[4], ['%s: text_zh not found in source: %r' % (t['id'], t['text_zh'])
                                   for t in tasks if not t.get('text_zh') or t['text_zh'] not in text])

        probs = []
        group_ids = [g['id'] for g in c_groups]
        for i, (st, ct) in enumerate(zip(s_tasks, tasks)):
            if st['text'] != ct.get('text_zh'):
                probs.append('%s: source line %d is %r' % (ct['id'], i + 1, st['text']))
            gi = st['group'] - 1
            if 0 <= gi < len(group_ids) and ct.get('section') != group_ids[gi]:
                probs.append('%s: section %s, source group is %s' % (ct['id'], ct.get('section'), group_ids[gi]))
        tap.check(seed_checks[5], probs)

        probs = []
        for i, st in enumerate(s_tasks):
            ids = name_to_units.get(st['lead'], set())
            if len(ids) != 1:
                probs.append('lead %r (task line %d) resolves to %s' % (st['lead'], i + 1, sorted(ids) or 'nothing'))
            elif i < len(tasks) and tasks[i].get('lead') not in ids:
                probs.append('%s: lead %s, source says %r' % (tasks[i]['id'], tasks[i].get('lead'), st['lead']))
        tap.check(seed_checks[6], probs)

        probs = []
        for gi, sg in enumerate(s_groups):
            cg = c_groups[gi] if gi < len(c_groups) else {}
            note = cg.get('co_units_note_zh', '')
            resolved = []
            if not sg['cells']:
                probs.append('group %d %s has no 责任单位 cell' % (gi + 1, sg['label']))
            for cell in sg['cells']:
                if note and cell.endswith(note):
                    cell = cell[:-len(note)]
                for n in CELL_SPLIT_RE.split(cell):
                    n = n.strip()
                    if not n:
                        continue
                    ids = name_to_units.get(n, set())
                    if len(ids) != 1:
                        probs.append('group %d %s: %r resolves to %s' % (gi + 1, sg['label'], n, sorted(ids) or 'nothing'))
                    else:
                        resolved.append(next(iter(ids)))
            if cg and resolved != split_list(cg.get('co_units')):
                probs.append('%s: co_units %s, source cell gives %s' % (cg['id'], cg.get('co_units'), '|'.join(resolved)))
        tap.check(seed_checks[7], probs)

        annex_lines = set(l.strip() for l in text.split('\n'))
        tap.check(seed_checks[8], ['%s: %r not in source' % (s['id'], s.get('label_zh', '') + s.get('title_zh', ''))
                                   for s in c_parts
                                   if (s.get('label_zh', '') + s.get('title_zh', '')) not in annex_lines])
        tap.check(seed_checks[9], ['%s: %r not in source' % (s['id'], s.get('label_zh', '') + s.get('title_zh', ''))
                                   for s in c_groups
                                   if (s.get('label_zh', '') + s.get('title_zh', '')) not in annex_lines])

        paras = [l.strip() for l in body if l.strip() and not CHROME_RE.match(l.strip())]
        if not plan_zh:
            tap.check(seed_checks[10], ['no plan/*.zh.md files in %s' % plan_dir])
        else:
            plan_text = [p.read_text(encoding='utf-8-sig') for p in plan_zh]
            tap.check(seed_checks[10], ['paragraph not found: %r' % (p[:60] + ('…' if len(p) > 60 else ''))
                                        for p in paras if not any(p in t for t in plan_text)])

        note_path = plan_dir / 'annex-note.zh.md'
        note = note_path.read_text(encoding='utf-8-sig') if note_path.is_file() else ''
        notes_in_seed = [l.strip() for l in text.split('\n') if NOTE_RE.match(l.strip())]
        tap.check(seed_checks[11], ['no 注 line in the seed'] if not notes_in_seed else
                  ['%s does not hold %r' % (note_path.relative_to(content), n[:40] + '…')
                   for n in notes_in_seed if n not in note])

        links = {}
        for t in tasks:
            sec = next((s for s in c_groups if s['id'] == t.get('section')), {})
            for p in split_list(sec.get('plan')):
                links[p] = links.get(p, '') + t.get('text_zh', '') + '\n'
        notes = {}
        for name in ('NOTES.md', 'NOTES.zh.md'):
            path = content / name
            notes[name] = path.read_text(encoding='utf-8-sig').split('\n') if path.is_file() else []
        probs = []
        for kt, q in body_quantities(body, links):
            for name, lines in notes.items():
                if not any(kt in l and q in l for l in lines):
                    probs.append('%s: %s is not in a task line of its groups, and no line of %s lists it'
                                 % (kt, q, name))
        tap.check(seed_checks[12], probs)

    # ---------------- checks that always run ----------------
    def nonempty(rows, col, fname):
        return ['%s: %s has empty %s' % (fname, r.get('id'), col) for r in rows if not (r.get(col) or '').strip()]

    tap.check('units.name_en is non-empty', nonempty(units, 'name_en', 'units.csv'))
    tap.check('sections.title_en is non-empty', nonempty(sections, 'title_en', 'sections.csv'))
    tap.check('tasks.text_en is non-empty', nonempty(tasks, 'text_en', 'tasks.csv'))
    tap.check('metrics.name_en is non-empty', nonempty(metrics, 'name_en', 'metrics.csv'))
    tap.check('glossary.term_en is non-empty', nonempty(glossary, 'term_en', 'glossary.csv'))
    tap.check('co_units_note_en is given wherever co_units_note_zh is',
              ['%s: co_units_note_en empty' % s['id'] for s in sections
               if (s.get('co_units_note_zh') or '').strip() and not (s.get('co_units_note_en') or '').strip()])
    probs = []
    for p in plan_zh:
        en = p.with_name(p.name[:-len('.zh.md')] + '.en.md')
        if not en.is_file() or not en.read_text(encoding='utf-8-sig').strip():
            probs.append('%s has no (non-empty) %s' % (p.name, en.name))
    tap.check('plan/*.en.md exists for every plan/*.zh.md', probs)

    # Metric numbers.
    task_text = {t.get('id'): t.get('text_zh', '') for t in tasks}
    probs = []
    for m in metrics:
        txt = task_text.get(m.get('task'))
        if txt is None:
            continue  # reported by the reference check
        nums = numbers_in(txt)
        for col in ('target', 'target_max'):
            v = (m.get(col) or '').strip()
            if not v:
                continue
            if not NUM_RE.match(v):
                probs.append('%s: %s %r is not a plain number' % (m['id'], col, v))
                continue
            x = abs(float(v))
            if x in nums or (col == 'target' and word_target(m, txt)):
                continue
            probs.append('%s: %s %s is neither printed in %s text_zh nor fixed by its words'
                         % (m['id'], col, v, m.get('task')))
    tap.check('every metric target is printed in its task text_zh or fixed by its words', probs)
    metric_rule_checks(tap, tasks, metrics)

    probs = []
    for m in metrics:
        c = m.get('comparator')
        if c not in COMPARATORS:
            probs.append('%s: bad comparator %r' % (m.get('id'), c))
        has_max = bool((m.get('target_max') or '').strip())
        if (c == 'between') != has_max:
            probs.append('%s: target_max must be given exactly when comparator is between' % m.get('id'))
        if c == 'between' and has_max and NUM_RE.match(m['target_max']) and NUM_RE.match(m.get('target') or '') \
                and float(m['target_max']) < float(m['target']):
            probs.append('%s: target_max < target' % m.get('id'))
        if m.get('baseline') not in ('', None, 'previous_year'):
            probs.append('%s: bad baseline %r' % (m.get('id'), m.get('baseline')))
        if not (m.get('id') or '').startswith((m.get('task') or '') + '-m'):
            probs.append('%s: id does not start with its task id + "-m"' % m.get('id'))
    tap.check('metrics: comparators, ranges and baselines are valid', probs)

    probs = []
    for t in tasks:
        d = (t.get('due') or '').strip()
        if d:
            try:
                y, mo, da = map(int, d.split('-'))
                import datetime
                datetime.date(y, mo, da)
                if not DATE_RE.match(d):
                    raise ValueError
            except ValueError:
                probs.append('%s: bad due date %r' % (t['id'], d))
    tap.check('tasks.due are valid YYYY-MM-DD dates', probs)

    # Ids.
    for fn in COLUMNS:
        rows = data[fn]
        probs = ['%s: bad id %r' % (fn, r.get('id')) for r in rows if not ID_RE.match(r.get('id') or '')]
        seen = set()
        for r in rows:
            if r.get('id') in seen:
                probs.append('%s: duplicate id %r' % (fn, r.get('id')))
            seen.add(r.get('id'))
        tap.check('%s ids match the id regex and are unique' % fn, probs)

    tap.check('unit names and aliases belong to one unit each',
              ['%r belongs to %s' % (n, sorted(ids)) for n, ids in name_to_units.items() if len(ids) > 1])
    seen, probs = set(), []
    for g in glossary:
        if g.get('term_zh') in seen:
            probs.append('duplicate term_zh %r' % g.get('term_zh'))
        seen.add(g.get('term_zh'))
    tap.check('glossary term_zh is unique', probs)

    # References.
    unit_ids = {u['id'] for u in units}
    part_ids = {s['id'] for s in sections if not s.get('parent')}
    group_ids = {s['id'] for s in sections if s.get('parent')}
    task_ids = {t['id'] for t in tasks}
    tap.check('sections.parent refers to a part',
              ['%s: parent %r is not a part' % (s['id'], s['parent']) for s in sections
               if s.get('parent') and s['parent'] not in part_ids])
    tap.check('tasks.section refers to a group',
              ['%s: section %r is not a group' % (t['id'], t.get('section')) for t in tasks
               if t.get('section') not in group_ids])
    tap.check('tasks.lead refers to a unit',
              ['%s: lead %r unknown' % (t['id'], t.get('lead')) for t in tasks if t.get('lead') not in unit_ids])
    tap.check('sections.co_units refer to units',
              ['%s: co_unit %r unknown' % (s['id'], u) for s in sections for u in split_list(s.get('co_units'))
               if u not in unit_ids])
    tap.check('metrics.task refers to a task',
              ['%s: task %r unknown' % (m['id'], m.get('task')) for m in metrics if m.get('task') not in task_ids])
    if not plan_zh:
        tap.skip('sections.plan refers to plan files', 'content/plan has no *.zh.md files yet')
    else:
        plan_ids = {p.name[:-len('.zh.md')] for p in plan_zh}
        tap.check('sections.plan refers to plan files',
                  ['%s: plan %r has no plan/%s.zh.md' % (s['id'], p, p) for s in sections
                   for p in split_list(s.get('plan')) if p not in plan_ids])

    return tap.done()


if __name__ == '__main__':
    sys.exit(main(sys.argv))

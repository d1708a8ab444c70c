#!/usr/bin/env python3
"""Check a published site's data/plan.sqlite with Python's sqlite3 module
(SQLite itself, no code shared with site-gen): PRAGMA integrity_check and
foreign_key_check; every resource of datapackage.json is a table with the
same columns in order, declared INTEGER / REAL / TEXT by the field's type,
its primary key, and foreign keys for its references; and every row equals
the JSON file's record, value by value and by type (lists are the CSV's
'|'-joined text, an empty value is NULL). Prints TAP from test number N.

Usage: check_sqlite.py DATA-DIR LABEL N"""
import json
import os
import sqlite3
import sys

TYPES = {'integer': 'INTEGER', 'number': 'REAL'}


def sql_value(v):
    if isinstance(v, list):
        return '|'.join(v) if v else None
    if v == '':
        return None
    return v


def main(data, label, n):
    def check(ok, name, why):
        nonlocal n
        print('%s %d - %s: %s' % ('ok' if ok else 'not ok', n, label, name))
        for line in why[:20]:
            print('#   ' + line)
        n += 1
    db = sqlite3.connect('file:%s?mode=ro' % os.path.join(data, 'plan.sqlite'), uri=True)
    check(db.execute('PRAGMA integrity_check').fetchall() == [('ok',)],
          'plan.sqlite passes PRAGMA integrity_check', [])
    bad = db.execute('PRAGMA foreign_key_check').fetchall()
    check(not bad, 'plan.sqlite passes PRAGMA foreign_key_check', [repr(r) for r in bad])
    pkg = json.load(open(os.path.join(data, 'datapackage.json'), encoding='utf-8'))
    schema, values, rows = [], [], 0
    for res in pkg['resources']:
        t, fields = res['name'], res['schema']['fields']
        cols = db.execute('PRAGMA table_info("%s")' % t).fetchall()
        want = [(f['name'], TYPES.get(f['type'], 'TEXT')) for f in fields]
        if [(c[1], c[2]) for c in cols] != want:
            schema.append('%s: columns %s, want %s' % (t, [(c[1], c[2]) for c in cols], want))
        pk = [c[1] for c in sorted(cols, key=lambda c: c[5]) if c[5]]
        if pk != res['schema'].get('primaryKey', []):
            schema.append('%s: primary key %s' % (t, pk))
        fks = {(r[3], r[2]) for r in db.execute('PRAGMA foreign_key_list("%s")' % t)}
        for fk in res['schema'].get('foreignKeys', []):
            for f in fk['fields'] if isinstance(fk['fields'], list) else [fk['fields']]:
                ref = fk['reference'].get('resource') or t
                if (f, ref) not in fks and res['schema']['fields'][[x['name'] for x in fields].index(f)]['type'] != 'list':
                    schema.append('%s: no foreign key %s → %s' % (t, f, ref))
        records = json.load(open(os.path.join(data, t + '.json'), encoding='utf-8'))
        got = db.execute('SELECT * FROM "%s"' % t).fetchall()
        if len(got) != len(records):
            values.append('%s: %d rows, the JSON has %d' % (t, len(got), len(records)))
        for rec, row in zip(records, got):
            rows += 1
            for (name, _), v in zip(want, row):
                w = sql_value(rec.get(name))
                if w != v or type(w) is not type(v) and not (isinstance(w, int) and isinstance(v, float)):
                    values.append('%s %s.%s: %r, the JSON %r' % (t, rec.get('id', '?'), name, v, w))
    check(not schema, 'every resource is a table with its typed columns, primary and foreign keys', schema)
    check(not values and rows > 0, 'every row equals the JSON record, by value and type (%d rows)' % rows, values)
    print('# next %d' % n)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))

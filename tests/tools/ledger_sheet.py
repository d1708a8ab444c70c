#!/usr/bin/env python3
"""Fill in, spoil and describe ledgers (site-gen ledger) with openpyxl, as
a department's other program would, for tests/suites/58-ledger.

  ledger_sheet.py fill IN OUT [SHEET!KEY@ID=TYPE:VALUE ...]
      set cells by the row's id and the column's key, e.g.
      '任务!status@t001=str:已完成', '任务!as_of@t001=date:2023-09-30',
      '指标!actual@t001-m1=num:1950', '任务!progress@t002=str:六十',
      '任务!as_of@t003=none:' (empties the cell), '任务!text@t003=str: ' (blank)
  ledger_sheet.py fill-csv IN OUT [KEY@ID=VALUE ...]   the same in a CSV file
  ledger_sheet.py merge IN OUT SHEET RANGE             merge cells ('H2:I2')
  ledger_sheet.py header IN OUT SHEET KEY TEXT         rewrite a header cell
  ledger_sheet.py empty OUT                            a workbook, one empty sheet
  ledger_sheet.py dump IN SHEET                        rows as KEY=VALUE lines
  ledger_sheet.py meta IN SHEET                        freeze, protection, checks
"""
import csv
import datetime
import sys

import openpyxl


def key_of(header):
    text = str(header or '')
    return text.rsplit('(', 1)[1].rstrip(') ') if text.endswith(')') else text


def columns(ws):
    return {key_of(c.value): c.column for c in ws[1]}


def row_of(ws, ident):
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == ident:
            return r
    sys.exit('no row %s' % ident)


def typed(spec):
    kind, _, value = spec.partition(':')
    if kind == 'num':
        return float(value) if '.' in value else int(value)
    if kind == 'date':
        return datetime.date.fromisoformat(value)
    if kind == 'none':
        return None
    return value


def fill(src, out, specs):
    wb = openpyxl.load_workbook(src)
    for spec in specs:
        where, _, value = spec.partition('=')
        sheet, _, rest = where.partition('!')
        key, _, ident = rest.partition('@')
        ws = wb[sheet]
        cell = ws.cell(row_of(ws, ident), columns(ws)[key])
        cell.value = typed(value)
        if isinstance(cell.value, datetime.date):
            cell.number_format = 'yyyy-mm-dd'
        elif value.startswith('num:'):
            cell.number_format = 'General'
    wb.save(out)


def fill_csv(src, out, specs):
    with open(src, encoding='utf-8-sig', newline='') as fh:
        rows = list(csv.reader(fh))
    keys = [key_of(h) for h in rows[0]]
    for spec in specs:
        where, _, value = spec.partition('=')
        key, _, ident = where.partition('@')
        row = next(r for r in rows[1:] if r[0] == ident)
        row[keys.index(key)] = value
    with open(out, 'w', encoding='utf-8-sig', newline='') as fh:
        csv.writer(fh, lineterminator='\r\n').writerows(rows)


def main(argv):
    cmd = argv[0]
    if cmd == 'fill':
        fill(argv[1], argv[2], argv[3:])
    elif cmd == 'fill-csv':
        fill_csv(argv[1], argv[2], argv[3:])
    elif cmd == 'merge':
        wb = openpyxl.load_workbook(argv[1])
        wb[argv[3]].merge_cells(argv[4])
        wb.save(argv[2])
    elif cmd == 'header':
        wb = openpyxl.load_workbook(argv[1])
        ws = wb[argv[3]]
        ws.cell(1, columns(ws)[argv[4]]).value = argv[5]
        wb.save(argv[2])
    elif cmd == 'empty':
        wb = openpyxl.Workbook()
        wb.active.title = '任务'
        wb.save(argv[1])
    elif cmd == 'dump':
        ws = openpyxl.load_workbook(argv[1])[argv[2]]
        keys = [key_of(c.value) for c in ws[1]]
        for r in ws.iter_rows(min_row=2, values_only=True):
            print(' '.join('%s=%s' % (k, v.date() if isinstance(v, datetime.datetime) else v)
                           for k, v in zip(keys, r) if v is not None))
    elif cmd == 'meta':
        ws = openpyxl.load_workbook(argv[1])[argv[2]]
        keys = {c.column_letter: key_of(c.value) for c in ws[1]}
        print('freeze', ws.freeze_panes)
        print('protected', ws.protection.sheet)
        for c in ws[2]:
            print('locked', keys[c.column_letter], c.protection.locked)
        for dv in ws.data_validations.dataValidation:
            first = str(dv.sqref).split(':')[0].rstrip('0123456789')
            print('check', keys[first], dv.type, dv.formula1, dv.formula2, dv.sqref)


if __name__ == '__main__':
    main(sys.argv[1:])

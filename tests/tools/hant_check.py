#!/usr/bin/env python3
"""Check that the pages of a converted edition hold no character that
OpenCC's Traditional output would have converted: every text node (and
title/alt/aria-label value) whose language is LANG (the nearest lang
attribute) is searched for characters that OpenCC's character dictionary
(STCharacters, read with opencc_dict) always replaces, never keeping them
(乡 → 鄉; not 里, which it may keep: 鄰里). Each text with one is printed as
"page: character: text". Kept terms (the text column of
convert-exceptions.csv, given with --keep FILE) are removed first.

Usage: hant_check.py [--keep FILE] [--dict STCharacters.ocd2] [--config s2hk.json]
                    LANG FILE.html...
Exit status: 0 clean, 1 characters found (listed), 2 usage or opencc error."""
import csv
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr'}
ATTRS = ('title', 'alt', 'aria-label', 'content', 'placeholder')


class Texts(HTMLParser):
    """Text nodes and reader-facing attribute values, with their language."""

    def __init__(self, lang):
        super().__init__(convert_charrefs=True)
        self.want, self.stack, self.out = lang, [], []
        self.skip = 0

    def lang(self):
        return self.stack[-1] if self.stack else ''

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get('lang', a.get('xml:lang', self.lang()))
        if lang == self.want:
            self.out += [a[k] for k in ATTRS if a.get(k) and
                         not (tag == 'meta' and k == 'content' and
                              a.get('name') != 'description')]
        if tag not in VOID:
            self.stack.append(lang)
            self.skip += tag in ('script', 'style')

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()
            self.skip -= tag in ('script', 'style')

    def handle_data(self, data):
        if not self.skip and self.lang() == self.want and data.strip():
            self.out.append(data)


def always_converted(ocd2, config):
    """The characters the dictionary maps only to other characters, and
    that the configuration's whole chain never gives back (s2hk turns 脫
    into the Hong Kong form 脱, which is Simplified too)."""
    with tempfile.TemporaryDirectory() as tmp:
        txt = os.path.join(tmp, 'st.txt')
        run = subprocess.run(['opencc_dict', '-i', ocd2, '-o', txt, '-f',
                              'ocd2', '-t', 'text'], capture_output=True)
        if run.returncode:
            raise OSError('opencc_dict failed: ' + run.stderr.decode())
        with open(txt, encoding='utf-8') as fh:
            pairs = [line.rstrip('\n').split('\t') for line in fh]
    keys = [p[0] for p in pairs if len(p) == 2]
    run = subprocess.run(['opencc', '-c', config], capture_output=True,
                         input='\n'.join(keys).encode())
    if run.returncode:
        raise OSError('opencc failed: ' + run.stderr.decode())
    given = set(run.stdout.decode())
    return {k for k, v in (p for p in pairs if len(p) == 2)
            if k not in v.split(' ') and k not in given}


def main(argv):
    keep, ocd2, config = [], '/usr/share/opencc/STCharacters.ocd2', 's2hk.json'
    while argv and argv[0].startswith('--'):
        if argv[0] == '--keep':
            with open(argv[1], encoding='utf-8') as fh:
                keep = [r['text'] for r in csv.DictReader(fh) if r['text']]
        elif argv[0] == '--dict':
            ocd2 = argv[1]
        elif argv[0] == '--config':
            config = argv[1]
        else:
            print(__doc__, file=sys.stderr)
            return 2
        argv = argv[2:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    lang, pages = argv[0], argv[1:]
    try:
        simplified = always_converted(ocd2, config)
    except OSError as e:
        print(e, file=sys.stderr)
        return 2
    found, checked = 0, 0
    for page in pages:
        p = Texts(lang)
        with open(page, encoding='utf-8') as fh:
            p.feed(fh.read())
        for t in p.out:
            for k in sorted(keep, key=len, reverse=True):
                t = t.replace(k, ' ')
            checked += 1
            bad = sorted({ch for ch in t if ch in simplified})
            if bad:
                found += 1
                print('%s: %s: %s' % (page, ''.join(bad), ' '.join(t.split())))
    print('%d texts of %d pages checked (%d characters OpenCC always converts),'
          ' %d with one' % (checked, len(pages), len(simplified), found),
          file=sys.stderr)
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

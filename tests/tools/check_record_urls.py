#!/usr/bin/env python3
"""Follow every record URL of a published site's open data: each url_<tag>
value of every data/*.json record that starts with BASE must name a page
of the site (SITE/<path>/index.html) and, with a #fragment, an element of
that page with that id. Prints one line per URL that leads nowhere, then
a summary; exit status 1 when any does.

Usage: check_record_urls.py SITE-DIR BASE-URL"""
import glob
import json
import os
import re
import sys


def main(site, base):
    ids, bad, n = {}, [], 0
    for path in sorted(glob.glob(os.path.join(site, 'data', '*.json'))):
        with open(path, encoding='utf-8') as fh:
            rows = json.load(fh)
        if not isinstance(rows, list):
            continue
        for row in rows:
            for key, url in row.items():
                if not key.startswith('url_') or not isinstance(url, str):
                    continue
                n += 1
                page, _, anchor = url[len(base):].partition('#') if url.startswith(base) else (None, '', '')
                file = os.path.join(site, page or '', 'index.html')
                if page is None or not os.path.isfile(file):
                    bad.append('%s: %s: no such page' % (os.path.basename(path), url))
                    continue
                if anchor:
                    if file not in ids:
                        with open(file, encoding='utf-8') as fh:
                            ids[file] = set(re.findall(r'\bid="([^"]+)"', fh.read()))
                    if anchor not in ids[file]:
                        bad.append('%s: %s: no element id="%s" on the page' % (os.path.basename(path), url, anchor))
    for line in bad:
        print(line)
    print('%d record URLs followed, %d lead nowhere' % (n, len(bad)), file=sys.stderr)
    return 1 if bad or not n else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

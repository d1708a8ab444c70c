#!/usr/bin/env python3
"""check_site.py OUT - check a built site for injected active content.

Prints one "path: problem" line per finding and exits 1 if there is any.
HTML pages (every *.html, however many the site has) must have:
  - no <script> except external ones (src=) and JSON-LD blocks;
  - no event-handler attribute (on…=), no <iframe>/<object>/<embed>/<style>
    from content, no javascript:/vbscript:/data: URL in a link attribute;
  - the Content-Security-Policy <meta> tag;
  - every hostile payload that reached the page (there must be some) intact: the text after the
    payload's markup still holds "{{title}}", so it was not evaluated as a
    template (the payload ends with it, see tests/hostile/xss).
Feeds and SVG (*.xml, *.svg) must be well-formed XML whose text passes the
same payload check (and HTML inside type="html" elements, all the checks);
*.json must parse;
CSV cells (data/*.csv) must not start with = + - @ unless they are
numbers, so a spreadsheet never runs them as formulas.
"""
import csv
import html.parser
import json
import pathlib
import re
import sys
import xml.dom.minidom

URL_ATTRS = {'href', 'src', 'action', 'formaction', 'xlink:href', 'poster',
             'srcset', 'background', 'data'}
BAD_SCHEME = re.compile(r'^\s*(javascript|vbscript|data)\s*:', re.I)
BANNED_TAGS = {'iframe', 'object', 'embed', 'style', 'base'}
MARK = 'onerror=alert(1)>'          # the payload, as text once unescaped
AFTER = "'><svg onload=alert(1)>{{title}}"


class Page(html.parser.HTMLParser):
    def __init__(self, path, problems):
        super().__init__(convert_charrefs=True)
        self.path, self.problems = path, problems
        self.csp = False
        self.in_script = None

    def bad(self, msg):
        self.problems.append(f'{self.path}: {msg}')

    def handle_starttag(self, tag, attrs):
        a = {k: v or '' for k, v in attrs}
        if tag == 'script':
            ld = a.get('type', '').lower() == 'application/ld+json'
            if not ld and not a.get('src'):
                self.bad('inline <script>')
            self.in_script = 'ld' if ld else 'ext'
        if tag in BANNED_TAGS:
            self.bad(f'<{tag}> element')
        if (tag == 'meta' and
                a.get('http-equiv', '').lower() == 'content-security-policy'
                and a.get('content')):
            self.csp = True
        for k, v in a.items():
            if k.startswith('on'):
                self.bad(f'event handler attribute {k}= on <{tag}>')
            if k in URL_ATTRS and BAD_SCHEME.match(v):
                self.bad(f'{k}="{v[:40]}" on <{tag}>')
            self.check_text(v)

    def handle_endtag(self, tag):
        if tag == 'script':
            self.in_script = None

    def handle_data(self, data):
        if self.in_script == 'ld':
            try:
                self.check_json(json.loads(data))
            except ValueError as e:
                self.bad(f'JSON-LD block does not parse: {e}')
        elif self.in_script == 'ext':
            self.bad('external <script> with content')
        else:
            self.check_text(data)

    def check_json(self, value):
        """JSON-LD escapes '<' as \\u003c: check its strings once decoded."""
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            for v in value:
                self.check_json(v)
        elif isinstance(value, str):
            self.check_text(value)

    def check_text(self, text):
        global payloads
        for m in re.finditer(re.escape(MARK), text):
            payloads += 1
            if not text.startswith(AFTER, m.end()):
                self.bad('payload text altered after the markup (template '
                         f'syntax evaluated?): {text[m.start():m.end()+60]!r}')


def check_html(path, rel, problems):
    p = Page(rel, problems)
    p.feed(path.read_text(encoding='utf-8'))
    p.close()
    if not p.csp:
        problems.append(f'{rel}: no Content-Security-Policy <meta>')


payloads = 0   # hostile payloads seen as text or attribute values
def check_xml(path, rel, problems):
    """Well-formed; text stays text; HTML carried in a feed is safe too."""
    page = Page(rel, problems)
    def walk(node, html):
        if node.nodeType == node.TEXT_NODE:
            if html:
                page.feed(node.data)
            else:
                page.check_text(node.data)
        for child in node.childNodes:
            walk(child, html or (child.nodeType == child.ELEMENT_NODE and
                                 child.getAttribute('type') in ('html', 'xhtml')))
        if node.nodeType == node.ELEMENT_NODE:
            for value in node.attributes.values():
                page.check_text(value.value)
    walk(xml.dom.minidom.parse(str(path)), False)
    page.close()


NUMBER = re.compile(r'^-?[0-9]+(\.[0-9]+)?$')


def check_csv(path, rel, problems):
    text = path.read_text(encoding='utf-8-sig')
    for n, row in enumerate(csv.reader(text.splitlines(True)), 1):
        for cell in row:
            if cell[:1] in ('=', '+', '-', '@', '\t', '\r') and \
                    not NUMBER.match(cell):
                problems.append(f'{rel}:{n}: formula-like cell {cell[:30]!r}')


def main():
    out = pathlib.Path(sys.argv[1])
    problems = []
    pages = 0
    for path in sorted(out.rglob('*')):
        rel = str(path.relative_to(out))
        if path.is_symlink() or not path.is_file():
            continue
        try:
            if path.suffix == '.html':
                pages += 1
                check_html(path, rel, problems)
            elif path.suffix in ('.xml', '.svg'):
                check_xml(path, rel, problems)
            elif path.suffix in ('.json', '.jsonld'):
                json.loads(path.read_text(encoding='utf-8'))
            elif path.suffix == '.csv':
                check_csv(path, rel, problems)
        except Exception as e:  # a file that does not even parse
            problems.append(f'{rel}: does not parse: {e}')
    if pages == 0:
        problems.append('no HTML page at all')
    elif payloads == 0:
        problems.append('no hostile payload found on any page: nothing tested')
    for p in problems:
        print(p)
    print(f'# {pages} pages, {payloads} payloads checked')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

"""TAP output for the Python test scripts: one `ok`/`not ok` line per
check, with up to 25 problems as `#` diagnostics under a failing one."""


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0
        self.lines = []

    def check(self, name, problems):
        self.n += 1
        if problems:
            self.failed += 1
            self.lines.append('not ok %d - %s' % (self.n, name))
            for p in problems[:25]:
                self.lines.append('# ' + str(p))
            if len(problems) > 25:
                self.lines.append('# ... and %d more' % (len(problems) - 25))
        else:
            self.lines.append('ok %d - %s' % (self.n, name))

    def skip(self, name, why):
        self.n += 1
        self.lines.append('ok %d - %s # SKIP %s' % (self.n, name, why))

    def done(self):
        print('1..%d' % self.n)
        for line in self.lines:
            print(line)
        return 1 if self.failed else 0

# SPDX-License-Identifier: GPL-2.0
"""
The one reader of refguard's test expectations, and the three engines
that must meet them.  testsuite/rules/run-tests (the per-rule corpus,
every engine), testsuite/plugin/run-tests (the plugin's own tests) and
testsuite/sparse/run-tests (the sparse engine's) all parse with Case
below; a new directive or mark is added here once.

Expectations are written GCC-testsuite style, in a comment on the line
they are about:

  /* { dg-warning "REGEX" [LINE] } */   a finding on LINE whose message
                                        (with its " [refguard-<id>]" tail)
                                        matches REGEX (Python re, searched)
  /* { dg-error "REGEX" [LINE] } */     the same for an error
  /* { dg-note "REGEX" [LINE] } */      the same for a note
  /* { dg-fixit "TEXT" [LINE] } */      a rewrite starting on LINE that
                                        replaces its range with exactly
                                        TEXT (Coccinelle's may be TEXT or
                                        start with "TEXT(": the plugin may
                                        rewrite only the callee); a
                                        "// { dg-fixit ... }" comment holds
                                        a TEXT containing a C comment
  /* { dg-options "OPTS" } */           gcc's options instead of
                                        "-O2 -S -o /dev/null"
                                        ("-fsyntax-only": the syntactic
                                        rules only)
  /* { dg-additional-options "OPTS" } */  appended to them
  /* { dg-unchecked "REGEX" } */        the plugin's record lists a
                                        function matching REGEX unchecked
  /* { dg-require-gcc "RANGE" "WHY" } */  the plugin needs a gcc major in
                                        RANGE ("13-", "11-15", "-15")
  /* { dg-do ... } */                   ignored (GCC compatibility)

LINE is "." (the default), ".+N", ".-N", a number, or 0 for a diagnostic
with no line.  GCC's long form { dg-warning "RE" "comment" { target
*-*-* } LINE } is accepted.  Directives in a header the file includes
with #include "..." count too, at that header's lines.

Every engine must make exactly the expected findings, notes and
rewrites and no other, except where a line says it knows better:

  /* known-miss: ENGINE[,ENGINE...]: why */
        the directives written on this line are not met by ENGINE (it
        misses the finding, the note or the rewrite)
  /* known-extra: ENGINE[,ENGINE...]: why */
        ENGINE reports a finding or a rewrite on this line that is not
        expected

  /* known-fail: ENGINE[,ENGINE...]: why */
        (anywhere in the file) ENGINE cannot check this file: its run ends
        in an error.  The file then runs on its own, so it takes no other
        file down with it, and its other expectations are not checked for
        ENGINE; it fails when ENGINE does check it.

ENGINE is "plugin", "sparse" or "cocci" (rules/engines.def), optionally
with a version condition, the mark then holding only for those versions:
"cocci>=1.3", "cocci<1.3" (spatch's version), "plugin>=14" (gcc's
major).  A mark that no longer holds (a known miss now found, a known
extra gone) fails, so a fixed gap is seen and its mark removed.  A
directive or a "known-..." mark that is not one of the above, an engine
that is no engine, a malformed mark, or a "dg-..." outside "{ }" is an
error: nothing is silently ignored.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REFGUARD = os.environ.get("REFGUARD", os.path.join(TOP, "refguard"))
PLUGIN = os.environ.get("REFGUARD_PLUGIN", os.path.join(TOP, "plugin", "refguard.so"))
CC = os.environ.get("CC", "gcc")
SPATCH = os.environ.get("REFGUARD_SPATCH", "spatch")
DEFAULT_OPTIONS = "-O2 -S -o /dev/null"
ENGINE_NAMES = ("plugin", "sparse", "cocci")
VERBOSE = False


class Failure(Exception):
    """A test file that cannot be read as one (exit 2 material)."""


class Skip(Exception):
    pass


# ------------------------------------------------------------------ versions

_versions = {}


def version(engine):
    """ENGINE's version as a tuple: gcc's for the plugin, spatch's for
    cocci; None when it cannot be told."""
    if engine not in _versions:
        v = None
        try:
            if engine == "plugin":
                out = subprocess.run([CC, "-dumpversion"], capture_output=True,
                                     text=True).stdout
                m = re.match(r"(\d+)", out.strip())
                v = (int(m.group(1)),) if m else None
            elif engine == "cocci":
                out = subprocess.run([SPATCH, "--version"], capture_output=True,
                                     text=True).stdout
                m = re.search(r"spatch version (\d+(?:\.\d+)*)", out)
                v = tuple(int(x) for x in m.group(1).split(".")) if m else None
        except OSError:
            v = None
        _versions[engine] = v
    return _versions[engine]


def gcc_major():
    v = version("plugin")
    if v is None:
        raise Failure("%s -dumpversion printed no version" % CC)
    return v[0]


_gcc_include = None


def gcc_include():
    global _gcc_include
    if _gcc_include is None:
        _gcc_include = subprocess.run([CC, "-print-file-name=include"], capture_output=True,
                                      text=True, check=True).stdout.strip()
    return _gcc_include


# --------------------------------------------------------------------- marks

MARK_ANY = re.compile(r"\bknown-([\w-]*)")
MARK = re.compile(r"\bknown-(miss|extra|fail):\s*([^:]*?):(?=\s*\S)")
SPEC = re.compile(r"(plugin|sparse|cocci)(?:(>=|<=|<|>|==)(\d+(?:\.\d+)*))?$")


class Mark:
    """One engine of a known-miss/known-extra mark, with its condition."""

    def __init__(self, spec, where):
        m = SPEC.fullmatch(spec)
        if not m:
            raise Failure("%s: no such engine in a mark: %r (plugin, sparse, cocci, "
                          "with an optional >=, <=, <, >, == version)" % (where, spec))
        self.engine, self.op = m.group(1), m.group(2)
        self.want = tuple(int(x) for x in m.group(3).split(".")) if m.group(3) else None
        if self.op and self.engine == "sparse":
            raise Failure("%s: %r: the sparse engine has no version to compare" % (where, spec))
        self.spec = spec

    def holds(self, engine):
        """Whether the mark speaks of ENGINE as it runs here."""
        if engine != self.engine:
            return False
        if not self.op:
            return True
        have = version(engine)
        if have is None:
            raise Failure("mark %r: cannot tell %s's version" % (self.spec, engine))
        n = max(len(have), len(self.want))
        a, b = have + (0,) * (n - len(have)), self.want + (0,) * (n - len(self.want))
        return {">=": a >= b, "<=": a <= b, "<": a < b, ">": a > b, "==": a == b}[self.op]


def any_holds(marks, engine):
    return any(m.holds(engine) for m in marks)


# ---------------------------------------------------------------- directives

def tokenize(text, i):
    """Tokens of a { dg-... } group starting after its '{'; returns (tokens, end)."""
    tokens = []
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "}":
            return tokens, i + 1
        elif c == "{":
            sub, i = tokenize(text, i + 1)
            tokens.append(sub)
        elif c == '"':
            j, out = i + 1, []
            while j < len(text) and text[j] != '"':
                if text[j] == "\\" and j + 1 < len(text) and text[j + 1] == '"':
                    j += 1
                out.append(text[j])
                j += 1
            tokens.append(("str", "".join(out)))
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "{}":
                j += 1
            tokens.append(text[i:j])
            i = j
    raise Failure("unterminated directive")


def line_spec(tokens, here, where):
    for t in reversed(tokens):
        if isinstance(t, str):
            if t == ".":
                return here
            m = re.fullmatch(r"\.([+-]\d+)", t)
            if m:
                return here + int(m.group(1))
            if re.fullmatch(r"\d+", t):
                return int(t) or None
            raise Failure("%s: bad line spec %r" % (where, t))
    return here


class Case:
    """One test file (and the headers it includes) and what it expects.

    expect: [kind, regex, file, line, matched, misses]
    fixits: [file, line, text, matched, misses]
    extras: {(file, line): [Mark]}
    (files relative to TOP; misses: the Marks of known-miss on the line
    the directive is written on)."""

    def __init__(self, path):
        self.path = os.path.normpath(path)      # relative to TOP
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.options = DEFAULT_OPTIONS
        self.extra = []
        self.expect = []
        self.fixits = []
        self.extras = {}
        self.fails = []                 # known-fail: [Mark]
        self.unchecked = []             # [regex, matched]
        self.requires = None            # (min, max, why): dg-require-gcc
        self.files = []
        self.parse(self.path)

    def parse(self, path):
        if path in self.files:
            return
        self.files.append(path)
        with open(os.path.join(TOP, path), encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        for n, text in enumerate(lines, 1):
            where = "%s:%d" % (path, n)
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', text)
            if m:
                inc = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
                if os.path.exists(os.path.join(TOP, inc)):
                    self.parse(inc)
            marks = {"miss": [], "extra": [], "fail": []}
            for m in MARK_ANY.finditer(text):
                if m.group(1) not in ("miss", "extra", "fail"):
                    raise Failure("%s: unknown mark known-%s (known-miss, known-extra, "
                                  "known-fail)"
                                  % (where, m.group(1)))
                full = MARK.match(text, m.start())
                if not full:
                    raise Failure("%s: a mark is \"known-%s: ENGINE[,ENGINE]: why\""
                                  % (where, m.group(1)))
                for spec in re.split(r"[,\s]+", full.group(2).strip()):
                    marks[full.group(1)].append(Mark(spec, where))
            self.fails += marks["fail"]
            if marks["extra"]:
                self.extras.setdefault((path, n), []).extend(marks["extra"])
            for m in re.finditer(r"(?<![\w-])dg-[a-z]", text):
                if not re.search(r"\{\s*$", text[:m.start()]):
                    raise Failure("%s: a directive outside { }: %s" % (where, text.strip()))
            found = len(self.expect) + len(self.fixits)
            for m in re.finditer(r"\{\s*dg-", text):
                tokens, _ = tokenize(text, m.start() + 1)
                self.directive(path, n, tokens, marks["miss"])
            if marks["miss"] and len(self.expect) + len(self.fixits) == found:
                raise Failure("%s: known-miss on a line with no expectation" % where)

    def directive(self, path, n, tokens, misses):
        where = "%s:%d" % (path, n)
        what = tokens[0]
        args = tokens[1:]
        strs = [t[1] for t in args if isinstance(t, tuple)]
        bare = [t for t in args if isinstance(t, str)]
        if what in ("dg-warning", "dg-error", "dg-note"):
            if not strs:
                raise Failure("%s: %s needs a regex" % (where, what))
            try:
                re.compile(strs[0])
            except re.error as e:
                raise Failure("%s: %s: %s" % (where, what, e))
            self.expect.append([what[3:], strs[0], path, line_spec(bare, n, where), False,
                                list(misses)])
        elif what == "dg-fixit":
            if len(strs) != 1:
                raise Failure("%s: dg-fixit needs one string" % where)
            self.fixits.append([path, line_spec(bare, n, where), strs[0], False, list(misses)])
        elif what == "dg-options":
            self.options = strs[0] if strs else ""
        elif what == "dg-additional-options":
            self.extra += strs
        elif what == "dg-unchecked":
            if len(strs) != 1:
                raise Failure("%s: dg-unchecked needs one string" % where)
            re.compile(strs[0])
            self.unchecked.append([strs[0], False])
        elif what == "dg-require-gcc":
            m = re.fullmatch(r"(\d*)-(\d*)", strs[0] if strs else "")
            if not m or len(strs) != 2:
                raise Failure("%s: dg-require-gcc needs \"MIN-MAX\" \"WHY\"" % where)
            self.requires = (int(m.group(1) or 0), int(m.group(2) or 999), strs[1])
        elif what == "dg-do":
            pass
        else:
            raise Failure("%s: unknown directive %s" % (where, what))

    def all_options(self):
        return shlex.split(self.options) + [o for e in self.extra for o in shlex.split(e)]

    @property
    def syntax_only(self):
        return "-fsyntax-only" in self.all_options()

    def fails_for(self, engine):
        return any_holds(self.fails, engine)

    def extra_marked(self, file, line, engine):
        return any_holds(self.extras.get((file, line), ()), engine)


# ------------------------------------------------------------------ results

DIAG = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|error|note): (?P<msg>.*)$")
FIXIT = re.compile(r'^fix-it:"(?P<file>(?:[^"\\]|\\.)*)":\{(?P<line>\d+):\d+-\d+:\d+\}:'
                   r'"(?P<text>(?:[^"\\]|\\.)*)"$')
MACRO_NOTE = re.compile(r"in (expansion|definition) of macro|expanded from macro")


class Result:
    """What one engine said about one case."""

    def __init__(self):
        self.diags = []         # (kind, file, line, message, rule)
        self.fixits = []        # (file, line, text)
        self.patches = []       # [file, old lines, old text, new text] of a patch mode
        self.error = None       # the engine could not check the case


def rule_of(msg):
    m = re.search(r"\[refguard-([a-z-]+)\]", msg)
    return m.group(1) if m else None


def unescape(s):
    """Undo GCC's escaping in parseable fix-its (octal and \\\\, \\")."""
    return re.sub(rb"\\([0-7]{3}|.)",
                  lambda m: bytes([int(m.group(1), 8)]) if len(m.group(1)) == 3
                  else m.group(1), s.encode()).decode(errors="replace")


def run(argv, cwd=TOP, timeout=1200):
    if VERBOSE:
        print("+ " + " ".join(shlex.quote(a) for a in argv))
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                          errors="replace", timeout=timeout,
                          env=dict(os.environ, LC_ALL="C"))


# ------------------------------------------------------------------ engines

def engine_plugin(cases):
    """gcc -fplugin=$REFGUARD_PLUGIN with the case's options."""
    if not os.path.exists(PLUGIN):
        return "no plugin at %s (make)" % PLUGIN
    out = {}
    for c in cases:
        r = out[c.path] = Result()
        if c.requires and not c.requires[0] <= gcc_major() <= c.requires[1]:
            r.error = Skip("gcc %d: %s" % (gcc_major(), c.requires[2]))
            continue
        p = run([CC, "-fplugin=" + PLUGIN, "-nostdinc", "-isystem", gcc_include(),
                 "-I" + os.path.join(TOP, "testsuite", "include"),
                 "-fdiagnostics-plain-output", "-fdiagnostics-parseable-fixits",
                 "-Wno-error"] + c.all_options() + [c.path])
        owner = None
        for text in p.stderr.split("\n"):
            m = DIAG.match(text)
            f = FIXIT.match(text)
            if m:
                file = os.path.normpath(m["file"])
                if m["kind"] != "note":
                    owner = rule_of(m["msg"])
                rule = rule_of(m["msg"]) or (owner if m["kind"] == "note" else None)
                if m["kind"] == "error":
                    r.error = text
                elif file in c.files and rule and not MACRO_NOTE.search(m["msg"]):
                    r.diags.append((m["kind"], file, int(m["line"]), m["msg"], rule))
            elif f and owner:
                file = os.path.normpath(unescape(f["file"]))
                if file in c.files:
                    r.fixits.append((file, int(f["line"]), unescape(f["text"])))
        if p.returncode and not r.error:
            r.error = "gcc exited with %d: %s" % (p.returncode, p.stderr.strip()[-300:])
    return out


def sparse_check(path, extra=()):
    """refguard check --format=json on PATH (relative to TOP)."""
    return run([REFGUARD, "check", "--format=json"] + list(extra) + [
        "-nostdinc", "-isystem", gcc_include(),
        "-I" + os.path.join(TOP, "testsuite", "include"), "-D__KERNEL__", path], timeout=120)


def sparse_findings(p):
    text = p.stderr
    return json.loads(text[text.index("{"):])["findings"] if "{" in text else None


def sparse_result(p, case):
    """A Result from `refguard check --format=json`'s output."""
    r = Result()
    if p.returncode not in (0, 1):
        r.error = "refguard check exited with %d:\n%s" % (p.returncode, p.stderr.strip()[-600:])
        return r
    try:
        findings = sparse_findings(p)
    except ValueError as e:
        findings, r.error = None, "refguard check --format=json: %s" % e
    if findings is None:
        r.error = r.error or "refguard check printed no JSON:\n" + p.stderr.strip()[-300:]
        return r
    norm = os.path.normpath
    for f in findings:
        msg = "%s [refguard-%s]" % (f["message"], f["rule"])
        if norm(f["file"]) in case.files:
            r.diags.append((f["severity"], norm(f["file"]), f["line"], msg, f["rule"]))
        if f.get("fix") is not None and f.get("fix_range"):
            file = norm(f["file"])
            if file in case.files:
                r.fixits.append((file, f["fix_range"]["line"], f["fix"]))
        for n in f.get("notes", []):
            if norm(n["file"]) in case.files:
                r.diags.append(("note", norm(n["file"]), n["line"], n["message"], f["rule"]))
    return r


def engine_sparse(cases):
    """refguard check (the sparse engine), and again with --sparse: a
    function calling the API is then linearized twice
    (sparse/flow-copy.c), and the findings must not change."""
    if not os.access(REFGUARD, os.X_OK):
        return "no %s (make)" % REFGUARD
    out = {}
    for c in cases:
        p = sparse_check(c.path)
        r = out[c.path] = sparse_result(p, c)
        if r.error:
            continue
        q = sparse_check(c.path, ("--sparse",))
        if q.returncode != 0 and "error:" in q.stderr:
            continue        # sparse's own errors on the case: no comparison
        try:
            same = sparse_findings(q) == sparse_findings(p)
        except ValueError:
            same = False
        if not same:
            r.error = "--sparse changes the findings:\n" + q.stderr.strip()[-600:]
    return out


def engine_cocci(cases):
    """refguard report (text: findings and notes; json: rewrites) and
    refguard fix on a scratch kernel tree: testsuite/include + the cases;
    a case that is known to fail under this spatch on a tree of its own."""
    if not shutil.which(SPATCH):
        return "no spatch (Debian: coccinelle)"
    out = cocci_tree([c for c in cases if not c.fails_for("cocci")])
    for c in cases:
        if c.fails_for("cocci"):
            out.update(cocci_tree([c]))
    return out


def cocci_tree(cases):
    out = {c.path: Result() for c in cases}
    if not cases:
        return out
    with tempfile.TemporaryDirectory(prefix="rg-corpus-") as tree:
        shutil.copytree(os.path.join(TOP, "testsuite", "include"), os.path.join(tree, "include"))
        where = {}
        for c in cases:
            for f in c.files:
                dst = os.path.join(tree, "t", f)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copy(os.path.join(TOP, f), dst)
                where[os.path.join("t", f)] = (c.path, f)
        p = run([REFGUARD, "report", "--kernel", tree, "t"], cwd=tree)
        if p.returncode not in (0, 1):
            for c in cases:
                out[c.path].error = "refguard report exited %d: %s" % (p.returncode,
                                                                       p.stderr.strip()[-600:])
            return out
        for text in p.stdout.split("\n"):
            m = DIAG.match(text)
            if m and m["file"] in where:
                case, file = where[m["file"]]
                rule = rule_of(m["msg"]) or "frozen-arith"    # its notes only
                out[case].diags.append((m["kind"], file, int(m["line"]), m["msg"], rule))
        p = run([REFGUARD, "report", "--kernel", tree, "--format", "json", "t"], cwd=tree)
        try:
            for f in json.loads(p.stdout)["findings"]:
                if f["file"] in where and f.get("fix"):
                    case, file = where[f["file"]]
                    out[case].fixits.append((file, f["line"], f["fix"]))
        except (ValueError, KeyError) as e:
            for c in cases:
                out[c.path].error = "refguard report --format json: %s" % e
        # Patch mode: what fix changes must be exactly the expected rewrites.
        p = run([REFGUARD, "fix", "--kernel", tree], cwd=tree)
        if p.returncode not in (0, 1):
            for c in cases:
                out[c.path].error = "refguard fix exited %d: %s" % (p.returncode,
                                                                    p.stderr.strip()[-600:])
            return out
        target, block = None, None
        for text in p.stdout.split("\n"):
            if text.startswith("+++ b/"):
                target = where.get(text[6:].strip())
            elif text.startswith("@@"):
                old = int(re.match(r"@@ -(\d+)", text).group(1))
                block = None
            elif text.startswith("-") and not text.startswith("---"):
                if not block or block[3]:
                    block = [target[1] if target else None, [], [], []]
                    if target:
                        out[target[0]].patches.append(block)
                block[1].append(old)
                block[2].append(text[1:])
                old += 1
            elif text.startswith("+") and not text.startswith("+++") and block:
                block[3].append(text[1:])
            elif text.startswith(" "):
                old += 1
                block = None
    return out


# The engines in the order they run.
ENGINES = {"plugin": engine_plugin, "sparse": engine_sparse, "cocci": engine_cocci}

_served = {}


def served_by(engine):
    """The rules the catalogue gives ENGINE (rules/engines.def)."""
    if engine not in _served:
        p = run([REFGUARD, "rules", "--served-by", engine])
        _served[engine] = set(p.stdout.split()) if p.returncode == 0 else None
    return _served[engine]


# ------------------------------------------------------------------ checking

def fix_matches(engine, text, got):
    if engine == "cocci":
        # Its report spaces the tokens out; refguard fix keeps the text.
        got, text = re.sub(r"\s+", "", got), re.sub(r"\s+", "", text)
        return got == text or got.startswith(text + "(")
    return got == text


def check(case, engine, res, served):
    """The problems of one engine on one case: every expectation met
    (or marked missed, and then not met), nothing else reported (or
    marked extra, and then reported)."""
    if isinstance(res.error, Skip):
        raise res.error
    if case.fails_for(engine):
        return [] if res.error else ["%s checks it: remove its known-fail mark" % engine]
    if res.error:
        return ["could not check: %s" % res.error]
    problems, used, used_fix = [], set(), set()
    diags = [d for d in res.diags if d[4] in served]
    if engine == "sparse" and case.syntax_only:
        # The plugin runs only its syntactic rules under -fsyntax-only;
        # the sparse engine always runs all four.
        diags = [d for d in diags if d[4] not in ("frozen-arith", "unfreeze-unfrozen")]
    for e in case.expect:
        kind, what, file, line, _, misses = e
        if kind == "error":
            continue        # gcc's errors: the plugin suite's own business
        missed = any_holds(misses, engine)
        hit = [i for i, d in enumerate(diags) if i not in used and d[0] == kind
               and d[1] == file and d[2] == line and re.search(what, d[3])]
        if hit:
            used.add(hit[0])
            if missed:
                problems.append("%s:%d: %s %r is found: remove its known-miss mark"
                                % (file, line, kind, what))
        elif not missed:
            problems.append("%s:%d: missing %s %r" % (file, line, kind, what))
    for file, line, text, _, misses in case.fixits:
        missed = any_holds(misses, engine)
        hit = [i for i, f in enumerate(res.fixits) if i not in used_fix
               and f[0] == file and f[1] == line and fix_matches(engine, text, f[2])]
        if engine == "cocci" and hit and not missed and not any(
                p[0] == file and line in p[1] and text in "".join(p[3]) for p in res.patches):
            problems.append("%s:%d: refguard fix does not rewrite to %r" % (file, line, text))
            continue
        if hit:
            used_fix.add(hit[0])
            if missed:
                problems.append("%s:%d: rewrite %r is made: remove its known-miss mark"
                                % (file, line, text))
        elif not missed:
            problems.append("%s:%d: missing rewrite %r" % (file, line, text))
    for i, d in enumerate(diags):
        if i in used or case.extra_marked(d[1], d[2], engine):
            continue
        if engine == "sparse" and case.syntax_only and d[4] == "raw-set-count" and any(
                e[0] == "warning" and e[2] == d[1] and e[3] == d[2] and "raw" in e[1]
                for e in case.expect):
            continue    # the flow's report of a raw setter the syntactic pass reported
        problems.append("%s:%d: unexpected %s: %s" % (d[1], d[2], d[0], d[3]))
    # A rewrite other than the one a known miss expects on its line is
    # that miss, seen.
    missed_fix = {(f[0], f[1]) for f in case.fixits if any_holds(f[4], engine)}
    for i, f in enumerate(res.fixits):
        if i not in used_fix and not case.extra_marked(f[0], f[1], engine) \
                and (f[0], f[1]) not in missed_fix:
            problems.append("%s:%d: unexpected rewrite %r" % f)
    fix_lines = {(f[0], f[1]) for f in case.fixits}
    for p in res.patches:
        if not any((p[0], n) in fix_lines for n in p[1]) and not any(
                case.extra_marked(p[0], n, engine) for n in p[1]):
            problems.append("%s:%d: refguard fix changes %r" % (p[0], p[1][0], p[2][0].strip()))
    for (file, line), marks in case.extras.items():
        if any_holds(marks, engine) and not any(d[1] == file and d[2] == line for d in diags) \
                and not any(f[0] == file and f[1] == line for f in res.fixits):
            problems.append("%s:%d: nothing reported: remove its known-extra mark"
                            % (file, line))
    return problems


def run_engines(cases, only=(), label="corpus"):
    """{engine: ({path: Result} or why it is skipped, served rules)};
    prints each engine's version and time."""
    results = {}
    for engine, fn in ENGINES.items():
        served = served_by(engine)
        if only and engine not in only:
            results[engine] = ("not selected (REFGUARD_RULES_ENGINES=%s)" % " ".join(only), served)
        elif not served:
            results[engine] = ("the catalogue lists no rule for it", served)
        else:
            start = time.time()
            results[engine] = (fn(cases), served)
            v = version(engine) if not isinstance(results[engine][0], str) else None
            print("%s: %s%s: %d cases, %.0f s" % (label, engine,
                                                 " " + ".".join(map(str, v)) if v else "",
                                                 len(cases), time.time() - start))
    return results


def report(name, problems):
    """One PASS:/FAIL: line (testsuite/run's protocol)."""
    if problems:
        print("FAIL: %s: %s" % (name, problems[0]))
        for p in problems[1:]:
            print("    " + p)
    else:
        print("PASS: " + name)

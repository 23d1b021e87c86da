// SPDX-License-Identifier: GPL-2.0
/// Reference arithmetic (inc/dec/add/sub and their _return/_and_test
/// forms, get/put) on a page that is frozen on some path to the call,
/// within one function, wherever the call sits.  A frozen page has no
/// owner: arithmetic on it is a use after free in waiting, and with a
/// dedicated frozen bit it corrupts the encoding.  Frozen comes from
/// set_page_count_as_frozen(), a successful *_ref_freeze(), a true
/// *_sub_and_test()/*_dec_and_test()/*_testzero() and the frozen
/// allocator; it ends at an unfreeze, an init, a consumer of frozen
/// pages, a speculative get, a raw set, a put or a reassignment.  Tests
/// may combine the freeze with !, ==/!= a constant, likely() and
/// && / ||, or store its result; a page, its folio, casts and copies are
/// one page.  Paths
/// go out of the branch that holds the frozen page, by goto, break and
/// continue, round loops and out of retry loops.  The freeze site is
/// given as a note.  No rewrite.  Rule ids, messages and function lists
/// come from refguard's rules/*.def.
//
// Confidence: Moderate
// Copyright: (C) 2026 The refguard authors.
// Options: --no-includes --include-headers
// Keywords: frozen page, page_ref_freeze, put_page_testzero, page refcount
// Generated from cocci/templates/frozen-arith.cocci.in and rules/*.def
// by `refguard rules --cocci frozen-arith`: do not edit.

virtual context
virtual org
virtual report

@initialize:python@
@@
# --- common part, from cocci/templates/common.py ---
# No apostrophes in comments or docstrings here: the spatch lexer takes
# them for quotes and can lose the end of the Python part.  Nor a line
# that starts with a hash and the name of the spatch command: spatch reads
# it as command-line options (testsuite/cocci13 checks).
import os

RG_RULE = "frozen-arith"
RG_HELPER_FILES = ("include/linux/page_ref.h", "include/linux/mm_types.h",)
RG_RECORDS = os.environ.get("REFGUARD_RECORDS") == "1"
# The helpers the rewrites call (rules/rewrite.def, direct.def, api.def):
# a function of that name is the own definition of a helper, wherever it is.
RG_HELPER_FUNCS = frozenset((
	"folio_ref_add", "folio_ref_add_unless", "folio_ref_count",
	"folio_ref_dec", "folio_ref_dec_and_test", "folio_ref_dec_return",
	"folio_ref_inc", "folio_ref_inc_return", "folio_ref_sub",
	"folio_ref_sub_and_test", "folio_ref_sub_return", "folio_ref_unfreeze",
	"init_folio_count", "init_page_count", "page_ref_add",
	"page_ref_add_unless", "page_ref_count", "page_ref_dec",
	"page_ref_dec_and_test", "page_ref_dec_return", "page_ref_inc",
	"page_ref_inc_return", "page_ref_sub", "page_ref_sub_and_test",
	"page_ref_unfreeze", "set_page_count_as_frozen",
	"set_page_count_frozen", "set_page_count_init",
))

# The tree spells some helpers otherwise than the rewrite tables do
# (rules/spellings.def: v4 says set_page_count_frozen): refguard passes
# those names as REFGUARD_NAMES, "table=tree" pairs separated by commas.
RG_NAMES = dict(kv.split("=", 1) for kv in
		os.environ.get("REFGUARD_NAMES", "").split(",") if "=" in kv)

def rg_name(h):
	"""A helper of the rewrite tables as the tree spells it."""
	return RG_NAMES.get(h, h)

def rg_exempt(p):
	"""The definitions of the helpers themselves are never matched."""
	f = p[0].file
	if p[0].current_element in RG_HELPER_FUNCS:
		return True
	return any(f == h or f.endswith("/" + h) for h in RG_HELPER_FILES)

def rg_column(p):
	"""1-based display column with tabs to 8, as GCC prints it."""
	col = int(p.column)
	try:
		with open(p.file, errors="replace") as fh:
			for i, line in enumerate(fh, 1):
				if i == int(p.line):
					return len(line[:col].expandtabs(8)) + 1
	except OSError:
		pass
	return col + 1

def rg_key(p):
	"""A position as a key: (file, line, column), the numbers as ints."""
	return (p[0].file, int(p[0].line), int(p[0].column))

# Positions already reported: several rules, or one rule on several
# paths, can find one call, and it is reported once.
rg_reported = set()

def rg_emit(p, msg, fields):
	"""A record for refguard (cocci/engine/cocci-records.c parses it: RG,
	rule, file, line, column, function, then FIELDS: argument, helper, fix
	and for a note its line and column, separated by \\x1f), or the
	project diagnostic line; once per position."""
	key = (p.file, int(p.line), int(p.column))
	if key in rg_reported:
		return
	rg_reported.add(key)
	if RG_RECORDS:
		print("\x1f".join(["RG", RG_RULE, p.file, p.line, p.column,
				   p.current_element] + fields))
	else:
		print("%s:%s:%d: warning: %s [refguard-%s]" %
		      (p.file, p.line, rg_column(p), msg, RG_RULE))

def rg_org(p, msg):
	"""An org-mode entry; once per position, as rg_emit()."""
	if rg_key(p) in rg_reported:
		return
	rg_reported.add(rg_key(p))
	cocci.print_main(msg + " [refguard-%s]" % RG_RULE, p)
# --- end of common part ---

# rules/rules.def: FROZEN_ARITH message, note
RG_MESSAGE = "'%s' on a page that is frozen on some path to this call"
RG_NOTE = "the page was frozen here"

# --- the frozen-arith part, from cocci/templates/frozen-arith.py ---
# The SmPL rules find freeze sites and register, per site, where a path
# with the page frozen starts; this part decides what SmPL cannot say
# compactly: which branch of a test holds a frozen page (a parser of the
# source text of the condition), which expressions name the same page, and
# whether a branch can fall out with the page still frozen.
import re

rg_names = lambda s: set(s.replace(",", " ").split())
RG_CONVERT = rg_names("""page_folio, _compound_head, compound_head, folio_page""")
# A call to one of these may end the frozen state.
RG_ENDISH = rg_names("""set_page_count, folio_set_count, init_page_count,
	set_page_count_init, init_folio_count, set_page_refcounted,
	page_ref_unfreeze, folio_ref_unfreeze, page_ref_sub, folio_ref_sub,
	page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return,
	page_ref_dec_return, folio_ref_dec_return, put_page, folio_put,
	folio_put_refs, page_ref_add_unless, folio_ref_add_unless,
	page_ref_add_unless_zero, page_ref_add_unless_locked,
	page_ref_add_unless_frozen, folio_ref_add_unless_zero,
	folio_ref_add_unless_locked, folio_ref_add_unless_frozen,
	folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page,
	free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put,
	free_compound_page""")
RG_SET_FROZEN = rg_names("""set_page_count_as_frozen, set_page_count_frozen""")
RG_TESTED = rg_names("""page_ref_freeze, folio_ref_freeze,
	page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test,
	folio_ref_dec_and_test, put_page_testzero, folio_put_testzero""")
rg_files, rg_copies, rg_page, rg_starts, rg_stored = {}, {}, {}, {}, {}

def rg_safe(f):
	"""Source text of a shape this part does not expect must not stop
	spatch (an exception in a constraint ends the whole run): the site
	gives no finding, and stderr says so."""
	def g(*a):
		try:
			return f(*a)
		except (IndexError, ValueError, TypeError, KeyError, RecursionError) as e:
			import sys
			sys.stderr.write("refguard: frozen-arith: %s: %s\n" % (f.__name__, e))
			return None
	return g

def rg_text(f):
	"""(text with comments blanked, line start offsets) of a file."""
	if f not in rg_files:
		try:
			with open(f, errors="replace") as fh:
				t = fh.read()
		except OSError:
			t = ""
		t = re.sub(r"/\*.*?\*/|//[^\n]*",
			   lambda m: re.sub(r"[^\n]", " ", m.group(0)), t, flags=re.S)
		rg_files[f] = (t, [0] + [m.end() for m in re.finditer("\n", t)])
	return rg_files[f]

def rg_off(p):
	return rg_text(p.file)[1][int(p.line) - 1] + int(p.column)

def rg_close(t, i):
	"""The offset just past the bracketed group that opens at t[i]."""
	depth = 0
	for j in range(i, len(t)):
		depth += t[j] in "([{"
		depth -= t[j] in ")]}"
		if depth == 0:
			return j + 1
	return len(t)

def rg_base(e):
	"""The page an expression names: page_folio(X), compound_head(X),
	&X->page, folio_page(X, 0), casts, parentheses and c ? X : NULL all
	name X."""
	e = re.sub(r"\s+", "", e)
	while True:
		m = re.match(r"\((?:const)?(?:struct\w+|void)\*+\)(.+)$|&(.+)->page$"
			     r"|folio_page\((.+),0\)$|[^?]+\?(.+):(?:NULL|0)$", e)
		c = re.match(r"(\w+)\(([^,]*)\)$", e)
		if m:
			e = [g for g in m.groups() if g][0]
		elif c and c.group(1) in RG_CONVERT:
			e = c.group(2)
		elif e.startswith("(") and rg_close(e, 0) == len(e):
			e = e[1:-1]
		else:
			return e

def rg_frozen_at(p1, fz, page, ps):
	"""A freeze site: the page it freezes, and where it is frozen after a
	statement (set_page_count_as_frozen(), P = alloc_frozen_pages())."""
	if page:
		rg_page[rg_key(p1)] = rg_base(page)
	if fz in RG_SET_FROZEN:
		rg_start(p1, "after", rg_key(p1))
	if ps:
		rg_start(p1, "after", rg_key(ps))
		rg_start(p1, "decl", (ps[0].file, int(ps[0].line)))

def rg_copy(p, f, x):
	"""F = X: F names the page of X while every assignment to F copies that
	page; X computed by a call may be another page each time."""
	b = rg_base(x)
	if not re.match(r"[\w>.\-+\[\]]+$", b):
		b = "?" + b
	rg_copies.setdefault((p[0].file, p[0].current_element), {}) \
		.setdefault(f, set()).add(b)

def rg_resolve(p, b):
	copies = rg_copies.get((p[0].file, p[0].current_element), {})
	for _ in range(4):
		s = copies.get(b, ())
		if len(s) != 1:
			break
		b = next(iter(s))
	return b

def rg_same(q, p1):
	"""Does q name the page frozen at p1?"""
	b = rg_page.get(rg_key(p1))
	return b is not None and rg_resolve(p1, rg_base(q)) == rg_resolve(p1, b)

def rg_is_page(q, p1):
	"""q is the variable that holds the page: assigning it ends the page."""
	b = rg_page.get(rg_key(p1))
	return b is not None and rg_base(q) in (b, rg_resolve(p1, b))

def rg_parse(t, lo, hi, key):
	"""The condition t[lo:hi] as ("and"|"or", a, b), ("not", a), ("key",)
	and ("atom", n) nodes, and the number of atoms.  The key is the
	operand starting at offset key; a comparison of an operand with a
	constant, on either side, is read (see rg_compare()); other
	comparisons, arithmetic and bit operations make opaque atoms, and
	None when one hides the key."""
	toks = [(m.group(1), m.start(1)) for m in re.compile(
		r"\s*(->|&&|\|\||==|!=|<=|>=|<<|>>|\w+|\S)").finditer(t, lo, hi)]
	pos, atoms, end = [0], [0], (None, ")", "&&", "||")
	peek = lambda k=0: toks[pos[0] + k][0] if pos[0] + k < len(toks) else None

	def opaque(start):
		depth = 0
		while peek() is not None and (depth or peek() not in end):
			depth += peek() in ("(", "[")
			depth -= peek() in (")", "]")
			pos[0] += 1
		atoms[0] += 1
		hidden = any(o == key for _, o in toks[start:pos[0]])
		return None if hidden else ("atom", atoms[0])

	def binary(op, sub):
		a = sub()
		while a and peek() == op:
			pos[0] += 1
			b = sub()
			a = b and (op, a, b)
		return a

	def fresh():
		atoms[0] += 1
		return ("atom", atoms[0])

	def unary():
		if peek() == "!":
			pos[0] += 1
			a = unary()
			return a and ("not", a)
		start = pos[0]
		if rg_constant(peek()) is not None and peek(1) in ("==", "!="):
			# "1 == freeze(P)": the constant first.
			c, op = rg_constant(peek()), peek(1)
			pos[0] += 2
			a = unary()
			return a and rg_compare(a, op, c, fresh)
		if peek() in ("likely", "unlikely") and peek(1) == "(":
			pos[0] += 1
		if peek() == "(":
			pos[0] += 1
			a = binary("||", lambda: binary("&&", unary))
			pos[0] += peek() == ")"
		elif start < len(toks) and toks[start][1] == key:
			kend = re.compile(r"\w+\s*").match(t, key).end()
			if t[kend:kend + 1] == "(":
				kend = rg_close(t, kend)
			while peek() is not None and toks[pos[0]][1] < kend:
				pos[0] += 1
			a = ("key",)
		else:
			return opaque(start)
		if peek() in ("==", "!=") and rg_constant(peek(1)) is not None \
		   and peek(2) in end:
			c, op = rg_constant(peek(1)), peek()
			pos[0] += 2
			return a and rg_compare(a, op, c, fresh)
		return a if peek() in end else opaque(start)

	tree = binary("||", lambda: binary("&&", unary))
	return (tree if peek() is None else None), atoms[0]

def rg_constant(tok):
	"""A constant operand of a comparison: False for zero, True for any
	other integer; None if tok is none."""
	if tok in ("0", "NULL", "false"):
		return False
	if tok == "true" or (tok and re.match(r"([1-9]\d*|0[xX][\da-fA-F]*[1-9a-fA-F][\da-fA-F]*)[uUlL]*$", tok)):
		return True
	return None

def rg_compare(a, op, nonzero, fresh):
	"""a == C or a != C.  With C zero it is a test of a (negated for ==).
	With C non-zero, "a == C" is true only if a is, but a true a need not
	be C: the result of a freeze is an int, and the other engines take
	only a truth value (a _Bool) to be 0 or 1 (plugin/flow-transfer.c),
	so "== 1" is "a and something unknown", "!= 1" its negation."""
	if not nonzero:
		return ("not", a) if op == "==" else a
	n = ("and", a, fresh())
	return n if op == "==" else ("not", n)

def rg_eval(n, env, v):
	"""(value, whether the key was evaluated) of node n, with the && and || of C."""
	if n[0] in ("key", "atom"):
		return (v, True) if n[0] == "key" else (env[n[1] - 1], False)
	a, ea = rg_eval(n[1], env, v)
	if n[0] == "not" or (n[0] == "and") != a:
		return (not a if n[0] == "not" else a), ea
	b, eb = rg_eval(n[2], env, v)
	return b, ea or eb

def rg_polarity(t, lo, hi, key, values, call):
	"""(can the test be true with the page frozen, can it be false).
	call: the key is the freeze call (frozen when it ran and was true);
	else a stored result, frozen when it has one of the values."""
	tree, n = rg_parse(t, lo, hi, key)
	res = set()
	for bits in range(1 << n if tree and n <= 8 else 0):
		for v in values:
			val, ran = rg_eval(tree, [bool(bits >> k & 1) for k in range(n)], v)
			if not call or (ran and v):
				res.add(val)
	return (True in res, False in res)

def rg_stmt(t, i):
	"""(start, end) of the C statement at offset i."""
	i = re.compile(r"\s*").match(t, i).end()
	m = re.compile(r"(if|while|for|switch)\b\s*").match(t, i)
	if m:
		hi = rg_stmt(t, rg_close(t, m.end()))[1]
		e = re.compile(r"\s*else\b").match(t, hi)
		return (i, rg_stmt(t, e.end())[1] if m.group(1) == "if" and e else hi)
	hi = i
	while hi < len(t) and t[hi] not in ";{":
		hi = rg_close(t, hi) if t[hi] in "([" else hi + 1
	return (i, rg_close(t, hi) if t[hi:hi + 1] == "{" else hi + 1)

def rg_falls_through(t, lo, hi):
	"""Can a path leave this branch at its end with the page frozen?  Not
	if it calls something that may end the frozen state, or leaves."""
	if set(re.findall(r"\w+", t[lo:hi])) & RG_ENDISH:
		return False
	return not re.search(r"\b(return|goto|break|continue)\b[^;]*;[\s}]*$", t[lo:hi])

def rg_start(p1, kind, key):
	"""A path with the page frozen at p1 starts at key: after the
	statement or declaration there, or in the then or else branch."""
	rg_starts.setdefault(rg_key(p1), set()).add((kind, key))

def rg_started(p, p1, kind):
	key = (p[0].file, int(p[0].line)) if kind == "decl" else rg_key(p)
	return (kind, key) in rg_starts.get(rg_key(p1), ())

def rg_test(p1, pk, pi, values, call):
	"""The starts a test at pi (if or while) of the key at pk (the freeze
	call p1 or its stored result) gives: its then or else branch, the
	code after it (after_failed_test, retry loops) and the fall out of a
	branch (in_success_branch)."""
	t = rg_text(pi[0].file)[0]
	kw = rg_off(pi[0])
	lo = t.find("(", kw)
	hi = rg_close(t, lo)
	then_f, else_f = rg_polarity(t, lo + 1, hi - 1, rg_off(pk[0]), values, call)
	a0, a1 = rg_stmt(t, hi)
	loop = t.startswith("while", kw)
	e = None if loop else re.compile(r"\s*else\b").match(t, a1)
	if then_f and not loop:
		rg_start(p1, "then", rg_key(pi))
		if rg_falls_through(t, a0, a1):
			rg_start(p1, "after", rg_key(pi))
	if else_f and e:
		rg_start(p1, "else", rg_key(pi))
		if rg_falls_through(t, *rg_stmt(t, e.end())):
			rg_start(p1, "after", rg_key(pi))
	elif else_f:
		rg_start(p1, "after", rg_key(pi))

def rg_store(p1, pr, r):
	"""R = E, the freeze call p1 in E: the values of R that mean frozen;
	the page is frozen after the store if there are any."""
	t = rg_text(pr[0].file)[0]
	lo = t.find("=", rg_off(pr[0]) + len(r)) + 1
	hi = lo
	while hi < len(t) and t[hi] not in ";,":
		hi = rg_close(t, hi) if t[hi] in "([" else hi + 1
	q = rg_ternary(t, lo, hi)
	then_f, else_f = rg_polarity(t, lo, q[0] if q else hi, rg_off(p1[0]),
				     (True, False), True)
	if q:
		# R = C ? A : B with constant A and B: R is true as they are.
		then_f, else_f = [any(f and v in rg_truth(t[a:b]) for f, (a, b) in
				      ((then_f, q[1]), (else_f, q[2]))) for v in (True, False)]
	rg_stored[rg_key(p1)] = (r, [v for v, ok in ((True, then_f), (False, else_f)) if ok])
	if then_f or else_f:
		rg_start(p1, "after", rg_key(pr))
		rg_start(p1, "decl", (pr[0].file, int(pr[0].line)))

def rg_ternary(t, lo, hi):
	"""C ? A : B in t[lo:hi]: (end of C, span of A, span of B), or None."""
	m = re.compile(r"[^?]*(\?)([^:?]*):", re.S).match(t, lo, hi)
	return m and (m.start(1), m.span(2), (m.end(), hi))

def rg_truth(e):
	"""The truth values a constant operand can have."""
	if re.match(r"\s*(0|NULL|false)\s*$", e):
		return (False,)
	return (True,) if re.match(r"\s*(-?\s*[A-Z]\w*|-?\s*[1-9]\d*|true)\s*$", e) \
		else (True, False)

def rg_stored_var(r, p1):
	return rg_stored.get(rg_key(p1), ("",))[0] == r.strip()

def rg_tail(p1):
	"""The key of the "do" of a do-while whose tail, "} while (...);" on
	its own line, holds p1 and leaves the loop with the page frozen."""
	t, starts = rg_text(p1[0].file)
	lo = starts[int(p1[0].line) - 1]
	m = re.compile(r"[ \t]*\}\s*while\s*(\()[^\n]*;[ \t]*$", re.M).match(t, lo)
	if not m or not rg_polarity(t, m.start(1) + 1, rg_close(t, m.start(1)) - 1,
				    rg_off(p1[0]), (True, False), True)[1]:
		return None
	j, depth = t.find("}", lo), 0
	while j > 0 and (depth := depth + (t[j] == "}") - (t[j] == "{")):
		j -= 1
	d = re.search(r"\bdo\s*$", t[:j])
	k = d and len([x for x in starts if x <= d.start()])
	return d and (p1[0].file, k, d.start() - starts[k - 1])

def rg_found(ar, p1, p2):
	rg_emit(p2[0], RG_MESSAGE % ar, [ar, "", "", p1[0].line, p1[0].column])
# What SmPL calls (no decorators: a line starting with "@" is SmPL).
for _f in ("rg_frozen_at", "rg_copy", "rg_same", "rg_is_page", "rg_test",
	   "rg_store", "rg_stored_var", "rg_tail"):
	globals()[_f] = rg_safe(globals()[_f])
# --- end of the frozen-arith part ---

// Where a page becomes frozen: the freeze site p1 keys everything below.
// set_page_count_as_frozen() and a frozen allocation are frozen after
// their statement.
@frozen_at@
identifier fz = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof,
	__alloc_frozen_pages, __alloc_frozen_pages_noprof,
	alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof};
expression X, P;
position p1, ps;
@@

\( fz@p1(X, ...) \| P@ps = al@p1(...) \)

@script:python@
p1 << frozen_at.p1;
fz << frozen_at.fz = "";
X << frozen_at.X = "";
P << frozen_at.P = "";
ps << frozen_at.ps = [];
@@
rg_frozen_at(p1, fz, X or P, ps)

// alias_copy: F = X, before or after the freeze; F names X's page while
// every assignment to F copies it (rg_resolve()).
@alias_copy@
identifier F;
expression X;
position pa;
@@

F@pa = X

@script:python@
F << alias_copy.F;
X << alias_copy.X;
pa << alias_copy.pa;
@@
rg_copy(pa, F, X)

// A test of the freeze: after_failed_test (the code after it, when the
// test can fail with the page frozen: "if (!freeze(P)) return;",
// "if (x && !freeze(P)) ...", a "while (!freeze(P))" retry loop),
// in_success_branch (its then or else branch), and the fall out of
// a branch that makes no call that could end the frozen state.
@tested@
identifier fz : script:python() { fz in RG_TESTED };
position p1, pi;
statement S1, S2;
@@

(
if@pi (<+... fz@p1(...) ...+>) S1 else S2
|
if@pi (<+... fz@p1(...) ...+>) S1
|
while@pi (<+... fz@p1(...) ...+>) S1
)

@script:python@
p1 << tested.p1;
pi << tested.pi;
@@
rg_test(p1, p1, pi, (True, False), True)

// retry_loop: "do S while (!freeze(P));", recognised by its source line
// (spatch cannot match the parts of a do-while): frozen after the loop.
@retry_loop@
identifier fz : script:python() { fz in RG_TESTED };
position p1 : script:python() { rg_tail(p1) is not None };
@@

fz@p1(...)

@script:python@
p1 << retry_loop.p1;
@@
rg_start(p1, "after", rg_tail(p1))

// stored_result: R = ...freeze(P)...; frozen until R is tested (then its
// tests say where), for the values of R that mean frozen.
@stored_result@
identifier fz : script:python() { fz in RG_TESTED };
identifier R;
position p1, pr;
@@

R@pr = <+... fz@p1(...) ...+>

@script:python@
p1 << stored_result.p1;
pr << stored_result.pr;
R << stored_result.R;
@@
rg_store(p1, pr, R)

// The first test of a stored result on each path from the store.
@stored_test exists@
position frozen_at.p1;
position ps : script:python(p1) { rg_started(ps, p1, "after") };
position pd : script:python(p1) { rg_started(pd, p1, "decl") };
idexpression Rt : script:python(p1) { rg_stored_var(Rt, p1) };
position pi, pk;
statement S, S2;
declaration D;
identifier end : script:python() { end in RG_ENDISH };
expression Q : script:python(p1) { rg_same(Q, p1) };
expression Qb : script:python(p1) { rg_is_page(Qb, p1) };
idexpression R : script:python(p1) { rg_stored_var(R, p1) };
expression E; iterator I; statement S1;
@@

\( S@ps \| D@pd \)
... when != \( end(Q, ...) \| R \| Qb = E \| Qb++ \| Qb-- \| ++Qb \| --Qb \| Qb += E \| Qb -= E \)
    when != I(..., Qb, ...) S1
\( if@pi (<+... Rt@pk ...+>) S1 else S2 \| if@pi (<+... Rt@pk ...+>) S1 \)

@script:python@
p1 << frozen_at.p1;
pi << stored_test.pi;
pk << stored_test.pk;
@@
rg_test(p1, pk, pi, rg_stored[rg_key(p1)][1], False)

// jump_out: a goto, break or continue out of the branch that holds the
// frozen page; the path goes on from it (to its label, after or round
// its loop).
@jump_out exists@
position frozen_at.p1;
position pt : script:python(p1) { rg_started(pt, p1, "then") };
position pj;
identifier L;
expression C;
statement S2;
identifier end : script:python() { end in RG_ENDISH };
expression Q : script:python(p1) { rg_same(Q, p1) };
expression Qb : script:python(p1) { rg_is_page(Qb, p1) };
idexpression R : script:python(p1) { rg_stored_var(R, p1) };
expression E; iterator I; statement S1;
@@

if@pt (C) {
... when != \( end(Q, ...) \| R \| Qb = E \| Qb++ \| Qb-- \| ++Qb \| --Qb \| Qb += E \| Qb -= E \)
    when != I(..., Qb, ...) S1
\( goto@pj L; \| break@pj; \| continue@pj; \)
} else S2

@script:python@
p1 << frozen_at.p1;
pj << jump_out.pj;
@@
rg_start(p1, "after", rg_key(pj))

// The one check: from each start of the freeze site p1, a path on which
// the page stays frozen to a reference operation on it, in any
// expression.
@check exists@
position frozen_at.p1;
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc,
	page_ref_inc_return, folio_ref_inc_return, get_page, folio_get,
	folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec,
	folio_ref_dec, page_ref_sub_return, folio_ref_sub_return,
	page_ref_dec_return, folio_ref_dec_return, put_page, folio_put,
	folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test,
	page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero,
	folio_put_testzero};
expression A : script:python(p1) { rg_same(A, p1) };
position p2 : script:python() { not rg_exempt(p2) };
position ps : script:python(p1) { rg_started(ps, p1, "after") };
position pd : script:python(p1) { rg_started(pd, p1, "decl") };
position pt : script:python(p1) { rg_started(pt, p1, "then") };
position pe : script:python(p1) { rg_started(pe, p1, "else") };
statement S, S2;
declaration D;
expression C;
identifier end : script:python() { end in RG_ENDISH };
expression Q : script:python(p1) { rg_same(Q, p1) };
expression Qb : script:python(p1) { rg_is_page(Qb, p1) };
idexpression R : script:python(p1) { rg_stored_var(R, p1) };
expression E; iterator I; statement S1;
@@

(
\( S@ps \| D@pd \)
... when != \( end(Q, ...) \| R \| Qb = E \| Qb++ \| Qb-- \| ++Qb \| --Qb \| Qb += E \| Qb -= E \)
    when != I(..., Qb, ...) S1
    when any
ar@p2(A, ...)
|
if@pt (C) {
... when != \( end(Q, ...) \| R \| Qb = E \| Qb++ \| Qb-- \| ++Qb \| --Qb \| Qb += E \| Qb -= E \)
    when != I(..., Qb, ...) S1
    when any
ar@p2(A, ...)
... when any
} else S2
|
if@pe (C) S2 else {
... when != \( end(Q, ...) \| R \| Qb = E \| Qb++ \| Qb-- \| ++Qb \| --Qb \| Qb += E \| Qb -= E \)
    when != I(..., Qb, ...) S1
    when any
ar@p2(A, ...)
... when any
}
)

// The one emitter.
@depends on context@
identifier check.ar;
position check.p2;
@@

* ar@p2(...)

@script:python depends on report@
p1 << frozen_at.p1;
p2 << check.p2;
ar << check.ar;
@@
rg_found(ar, p1, p2)

@script:python depends on org@
p2 << check.p2;
ar << check.ar;
@@
rg_org(p2, RG_MESSAGE % ar)

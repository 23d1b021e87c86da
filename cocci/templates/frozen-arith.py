# --- the frozen-arith part, from cocci/templates/frozen-arith.py ---
# The SmPL rules find freeze sites and register, per site, where a path
# with the page frozen starts; this part decides what SmPL cannot say
# compactly: which branch of a test holds a frozen page (a parser of the
# source text of the condition), which expressions name the same page, and
# whether a branch can fall out with the page still frozen.
import re

rg_names = lambda s: set(s.replace(",", " ").split())
RG_CONVERT = rg_names("""$(api convert)""")
# A call to one of these may end the frozen state.
RG_ENDISH = rg_names("""$(api init unfreeze consume-frozen try-get set put)""")
RG_SET_FROZEN = rg_names("""$(api set-frozen)""")
RG_TESTED = rg_names("""$(api freeze test-zero)""")
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
			with rg_open(f) as fh:
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

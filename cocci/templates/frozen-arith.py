# --- frozen-arith's Python, from cocci/templates/frozen-arith.py ---
# The rules of frozen-arith.cocci find where a page becomes frozen and
# where a frozen path starts; this part decides what SmPL cannot say
# compactly: which branch of a test holds a frozen page (a small parser
# of the condition's source text), which expressions name the same page
# (conversions, casts and copies), and which loop or branch a path may
# fall out of.  Everything is keyed by the freeze site's position.
import re

RG_CONVERT = set("""$(api convert)""".replace(",", " ").split())
# A call to any of these may end the frozen state: a branch that makes
# one is not taken to fall through with the page still frozen.
RG_ENDISH = set("""$(api init unfreeze consume-frozen try-get set)""".replace(",", " ").split())

rg_files = {}

def rg_text(f):
	if f not in rg_files:
		try:
			with open(f, errors="replace") as fh:
				t = fh.read()
		except OSError:
			t = ""
		starts = [0] + [m.end() for m in re.finditer("\n", t)]
		# Comments become blanks: offsets stay, the parser never sees them.
		t = re.sub(r"/\*.*?\*/|//[^\n]*",
			   lambda m: re.sub(r"[^\n]", " ", m.group(0)), t, flags=re.S)
		rg_files[f] = (t, starts)
	return rg_files[f]

def rg_off(p, end=False):
	"""Offset in the file of a position's start (or end)."""
	t, starts = rg_text(p.file)
	line = int(p.line_end if end else p.line)
	col = int(p.column_end if end else p.column)
	return starts[line - 1] + col if 0 < line <= len(starts) else -1

def rg_close(t, i):
	"""The offset just past the parenthesis group opening at t[i]."""
	depth = 0
	for j in range(i, len(t)):
		if t[j] in "([":
			depth += 1
		elif t[j] in ")]":
			depth -= 1
			if depth == 0:
				return j + 1
	return len(t)

# ---------------------------------------------------------- page identity

def rg_base(e):
	"""The page an expression names: page_folio(X), compound_head(X),
	&X->page, folio_page(X, 0), casts, parentheses and "c ? X : NULL"
	all name X."""
	e = re.sub(r"\s+", "", e)
	for _ in range(8):
		m = re.match(r"^\((?:const)?(?:struct\w+|void|unsignedlong)\**\)(.+)$", e)
		if m:
			e = m.group(1)
			continue
		if e.startswith("(") and rg_close(e, 0) == len(e):
			e = e[1:-1]
			continue
		m = re.match(r"^(\w+)\((.*)\)$", e)
		if m and m.group(1) in RG_CONVERT and "," not in m.group(2):
			e = m.group(2)
			continue
		m = re.match(r"^folio_page\((.*),0\)$", e)
		if m:
			e = m.group(1)
			continue
		m = re.match(r"^&(.+)->page$", e)
		if m:
			e = m.group(1)
			continue
		m = re.match(r"^[^?]+\?(.+):(NULL|0)$", e)
		if m:
			e = m.group(1)
			continue
		break
	return e

# (file, function) -> {variable: set of the bases assigned to it}
rg_copies = {}

def rg_copy(p, f, x):
	"""F = X: a copy if X names a page without computing one (a call
	could return another page each time)."""
	if not re.match(r"^[\w>.\-+\[\]]+$", rg_base(x)):
		x = "?%s" % x
	rg_copies.setdefault((p[0].file, p[0].current_element), {}) \
		.setdefault(f, set()).add(rg_base(x))

def rg_resolve(p, b):
	"""Follow copies: a variable every assignment of which copies one
	page is that page (one assigned anything else is not followed)."""
	copies = rg_copies.get((p[0].file, p[0].current_element), {})
	for _ in range(4):
		s = copies.get(b)
		if not s or len(s) != 1:
			break
		b = next(iter(s))
	return b

# freeze site key -> the base of its page
rg_page = {}

def rg_same(q, p1):
	"""Does expression q name the page frozen at p1?"""
	b = rg_page.get(rg_key(p1))
	return b is not None and rg_resolve(p1, rg_base(q)) == rg_resolve(p1, b)

def rg_is_page(q, p1):
	"""q is the page variable itself (its reassignment ends the page)."""
	b = rg_page.get(rg_key(p1))
	return b is not None and rg_base(q) in (b, rg_resolve(p1, b))

# ---------------------------------------------------- tests and branches

RG_TOK = re.compile(r"\s*(->|&&|\|\||==|!=|<=|>=|<<|>>|\w+|\S)")

def rg_tokens(t, lo, hi):
	out, i = [], lo
	while i < hi:
		m = RG_TOK.match(t, i, hi)
		if not m:
			break
		out.append((m.group(1), m.start(1)))
		i = m.end()
	return out

class RgParse:
	"""A condition as && / || / ! over atoms; an atom that starts at
	the key offset is the key (the freeze call or the stored result).
	Anything else (comparisons, arithmetic, bit operations) is an
	opaque atom; one that hides the key makes the test unknown."""
	def __init__(self, toks, key):
		self.t, self.i, self.key, self.atoms = toks, 0, key, 0
		self.hidden = False

	def peek(self, k=0):
		j = self.i + k
		return self.t[j][0] if j < len(self.t) else None

	def parse_or(self):
		a = self.parse_and()
		while self.peek() == "||":
			self.i += 1
			a = ("or", a, self.parse_and())
		return a

	def parse_and(self):
		a = self.parse_not()
		while self.peek() == "&&":
			self.i += 1
			a = ("and", a, self.parse_not())
		return a

	def parse_not(self):
		if self.peek() == "!":
			self.i += 1
			return ("not", self.parse_not())
		start = self.i
		a = self.parse_prim()
		op = self.peek()
		if op in ("==", "!=") and self.peek(1) in ("0", "NULL", "false") \
		   and self.peek(2) in (None, ")", "&&", "||"):
			self.i += 2
			return ("not", a) if op == "==" else a
		if op not in (None, ")", "&&", "||"):
			return self.opaque(start)
		return a

	def opaque(self, start):
		depth = 0
		while self.peek() is not None:
			c = self.peek()
			if depth == 0 and c in (")", "&&", "||"):
				break
			depth += c in ("(", "[")
			depth -= c in (")", "]")
			self.i += 1
		if any(o == self.key for _, o in self.t[start:self.i]):
			self.hidden = True
		self.atoms += 1
		return ("atom", self.atoms)

	def parse_prim(self):
		c = self.peek()
		if c in ("likely", "unlikely") and self.peek(1) == "(":
			self.i += 1
			c = "("
		if c == "(":
			self.i += 1
			a = self.parse_or()
			if self.peek() == ")":
				self.i += 1
			return a
		start = self.i
		if start < len(self.t) and self.t[start][1] == self.key:
			self.skip_operand()
			return ("key",)
		return self.opaque(start)

	def skip_operand(self):
		"""The key: a name, then calls, subscripts and members."""
		self.i += 1
		while self.peek() in ("(", "[", "->", "."):
			if self.peek() in ("->", "."):
				self.i += 2
				continue
			depth = 0
			while self.peek() is not None:
				c = self.peek()
				depth += c in ("(", "[")
				depth -= c in (")", "]")
				self.i += 1
				if depth == 0:
					break

def rg_eval(n, env, v):
	"""(value, whether the key was evaluated) of node n."""
	if n[0] == "key":
		return v, True
	if n[0] == "atom":
		return env[n[1] - 1], False
	if n[0] == "not":
		a, e = rg_eval(n[1], env, v)
		return not a, e
	a, ea = rg_eval(n[1], env, v)
	if (n[0] == "and") != a:
		return a, ea
	b, eb = rg_eval(n[2], env, v)
	return b, ea or eb

def rg_polarity(t, lo, hi, key, values, call):
	"""(can the test be true with the page frozen, can it be false).
	call: the key is the freeze call (frozen if evaluated and true);
	otherwise a stored result, frozen for the values given."""
	p = RgParse(rg_tokens(t, lo, hi), key)
	tree = p.parse_or()
	if p.hidden or p.peek() is not None or p.atoms > 8:
		return (False, False)
	res = set()
	for bits in range(1 << p.atoms):
		env = [bool(bits >> k & 1) for k in range(p.atoms)]
		for v in values:
			val, ev = rg_eval(tree, env, v)
			if not call or (ev and v):
				res.add(val)
	return (True in res, False in res)

def rg_falls_through(t, lo, hi):
	"""Can a path leave this branch at its end with the page still
	frozen?  Not if it makes any call that may end the frozen state, or
	its last statement leaves."""
	body = t[lo:hi]
	if any(w in RG_ENDISH for w in re.findall(r"\w+", body)):
		return False
	return not re.search(r"\b(return|goto|break|continue)\b[^;]*;[\s}]*$", body)

# freeze site key -> {(kind, start key)}: where the frozen paths start.
rg_starts = {}
# freeze site key -> values of its stored result that mean frozen
rg_stored = {}

def rg_start(p1, kind, key):
	rg_starts.setdefault(rg_key(p1), set()).add((kind, key))

def rg_started(p, p1, kind):
	return (kind, rg_key(p)) in rg_starts.get(rg_key(p1), ())

def rg_decl_started(p, p1):
	return ("decl", (p[0].file, int(p[0].line))) in rg_starts.get(rg_key(p1), ())

def rg_stmt(t, i):
	"""(start, end) of the statement at or after offset i."""
	i = re.compile(r"\s*").match(t, i).end()
	m = re.compile(r"(if|while|for|switch)\b\s*").match(t, i)
	if m:
		lo, hi = rg_stmt(t, rg_close(t, m.end()))
		if m.group(1) == "if" and re.compile(r"\s*else\b").match(t, hi):
			hi = rg_stmt(t, re.compile(r"\s*else\b").match(t, hi).end())[1]
		return (i, hi)
	hi, depth = i, 0
	while hi < len(t):
		depth += t[hi] in "({["
		depth -= t[hi] in ")}]"
		hi += 1
		if depth == 0 and t[hi - 1] in ";}":
			break
	return (i, hi)

def rg_test(p1, pk, pi, values, call):
	"""Register the starts of a test at pi (if/while) of the key at pk
	(the freeze call p1, or its stored result)."""
	t, _ = rg_text(pi[0].file)
	kw = rg_off(pi[0])
	lo = t.find("(", kw)
	hi = rg_close(t, lo)
	then_f, else_f = rg_polarity(t, lo + 1, hi - 1, rg_off(pk[0]), values, call)
	a0, a1 = rg_stmt(t, hi)
	loop = t.startswith("while", kw)
	m = None if loop else re.compile(r"\s*else\b").match(t, a1)
	if then_f:
		rg_start(p1, "loop" if loop else "then", rg_key(pi))
		if not loop and rg_falls_through(t, a0, a1):
			rg_start(p1, "after", rg_key(pi))
	if else_f and m:
		rg_start(p1, "else", rg_key(pi))
		if rg_falls_through(t, *rg_stmt(t, m.end())):
			rg_start(p1, "after", rg_key(pi))
	elif else_f:
		rg_start(p1, "after", rg_key(pi))

# freeze site key -> the variable its result is stored in
rg_stored_name = {}

def rg_store(p1, pr, r):
	"""R = E with the freeze call p1 inside E: which values of R mean a
	frozen page; the store starts a frozen path if any does."""
	t, _ = rg_text(pr[0].file)
	lo = t.find("=", rg_off(pr[0]) + len(r)) + 1
	hi, depth = lo, 0
	while hi < len(t) and (depth or t[hi] not in ";,"):
		depth += t[hi] in "(["
		depth -= t[hi] in ")]"
		hi += 1
	then_f, else_f = rg_polarity(t, lo, hi, rg_off(p1[0]), (True, False), True)
	values = [v for v, ok in ((True, then_f), (False, else_f)) if ok]
	rg_stored[rg_key(p1)] = values
	rg_stored_name[rg_key(p1)] = r
	if values:
		rg_start(p1, "after", rg_key(pr))
		rg_start(p1, "decl", (pr[0].file, int(pr[0].line)))

def rg_stored_var(r, p1):
	return rg_stored_name.get(rg_key(p1)) == r.strip()

# jump position key -> "break" or "continue"
rg_jumps = {}

def rg_jump(p1, pj):
	t, _ = rg_text(pj[0].file)
	kind = re.match(r"\w+", t[rg_off(pj[0]):]).group(0)
	if kind == "goto":
		rg_start(p1, "after", rg_key(pj))
	else:
		rg_jumps[rg_key(pj)] = kind

def rg_jump_loop(p1, pj, pl):
	"""A break goes on after its loop; a continue at the top of the loop
	and after it, unless the loop steps the page."""
	kind = rg_jumps.get(rg_key(pj))
	if kind == "break":
		rg_start(p1, "after", rg_key(pl))
	elif kind == "continue" and rg_loop_free(pl, p1):
		rg_start(p1, "loop", rg_key(pl))
		rg_start(p1, "after", rg_key(pl))

def rg_tail(p1):
	"""p1 is in the condition of a do-while tail, "} while (...);" alone
	on its line, and the loop is left with the page frozen."""
	t, starts = rg_text(p1[0].file)
	line = int(p1[0].line)
	src = t[starts[line - 1]:starts[line] if line < len(starts) else len(t)]
	m = re.match(r"\s*(\}\s*)?while\s*\(.*\)\s*;\s*$", src)
	if not m:
		return False
	lo = starts[line - 1] + src.index("(")
	return rg_polarity(t, lo + 1, rg_close(t, lo) - 1, rg_off(p1[0]),
			   (True, False), True)[1]

def rg_loop_free(pl, p1):
	"""A loop whose header does not step or reassign the page."""
	t, _ = rg_text(pl[0].file)
	lo = t.find("(", rg_off(pl[0]))
	head = t[lo:rg_close(t, lo)]
	names = re.findall(r"\w+", rg_page.get(rg_key(p1), ""))
	return not (names and re.search(r"\b%s\b" % re.escape(names[0]), head))

def rg_arith_at(p2, p1):
	"""Arithmetic after a do-while tail counts only past the tail: the
	path back into the body is the failed freeze."""
	if rg_exempt(p2):
		return False
	return ("tail", rg_key(p1)) not in rg_starts.get(rg_key(p1), ()) or \
		rg_key(p2) > rg_key(p1)

def rg_found(ar, p1, p2):
	rg_emit(p2[0], RG_MESSAGE % ar, [ar, "", "", p1[0].line, p1[0].column])
# --- end of frozen-arith's Python ---

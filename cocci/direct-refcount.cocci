// SPDX-License-Identifier: GPL-2.0
/// Direct value accesses to page->_refcount / folio->_refcount outside
/// the page refcount helpers (any atomic_*() on &X->_refcount, .counter,
/// assignment).  The stored value is an encoding (a frozen bit plus a
/// count), not a number of references: only include/linux/page_ref.h
/// may read or change it.  atomic_read(&P->_refcount) becomes
/// page_ref_count(P) or folio_ref_count(F) by the pointer's type, the
/// other atomics their helper; an access with no helper, or on an object
/// whose type spatch cannot work out, is reported without a rewrite.
/// Taking only the address (wake_up_var(&folio->_refcount),
/// prefetch(&page->_refcount)) is not a value access and is never
/// flagged.  Only struct page and struct folio count: a _refcount of any
/// other type spatch knows (a kref-like struct, a pool entry) is not the
/// page's and is never flagged, nor is one in a file that defines its own
/// struct page/folio.  A plain read, copy, assignment or .counter of the
/// field, a cast address and &folio->page._refcount are reported without
/// a rewrite.
///
/// Rule ids, messages and the op -> helper table come from refguard's
/// rules/*.def.
//
// Confidence: High
// Copyright: (C) 2026 The refguard authors.
// Options: --include-headers
// Keywords: _refcount, atomic_read, page_ref_count, page refcount
// Generated from cocci/templates/direct-refcount.cocci.in and rules/*.def
// by `refguard rules --cocci direct-refcount`: do not edit.

virtual patch
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

RG_RULE = "direct-refcount"
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

# rules/rules.def: DIRECT_REFCOUNT message, message_with_rewrite
RG_MESSAGE = "direct access to '%s' outside the page refcount helpers"
RG_MESSAGE_FIX = "direct access to '%s' outside the page refcount helpers; use '%s'"
# rules/direct.def: op -> (page helper, folio helper, argument layout)
RG_DIRECT = {
	"atomic_read": ("page_ref_count", "folio_ref_count", "V"),
	"atomic_set": ("set_page_count", "folio_set_count", "V_N"),
	"atomic_inc": ("page_ref_inc", "folio_ref_inc", "V"),
	"atomic_dec": ("page_ref_dec", "folio_ref_dec", "V"),
	"atomic_add": ("page_ref_add", "folio_ref_add", "N_V"),
	"atomic_sub": ("page_ref_sub", "folio_ref_sub", "N_V"),
	"atomic_inc_return": ("page_ref_inc_return", "folio_ref_inc_return", "V"),
	"atomic_dec_return": ("page_ref_dec_return", "folio_ref_dec_return", "V"),
	"atomic_sub_return": ("", "folio_ref_sub_return", "N_V"),
	"atomic_dec_and_test": ("page_ref_dec_and_test", "folio_ref_dec_and_test", "V"),
	"atomic_sub_and_test": ("page_ref_sub_and_test", "folio_ref_sub_and_test", "N_V"),
	"atomic_add_unless": ("page_ref_add_unless", "folio_ref_add_unless", "V_N_U"),
}
# rules/rewrite.def: atomic_set maps to the raw setter, then this applies
RG_SET_REWRITES = {
	("set_page_count", "0"): "set_page_count_as_frozen",
	("set_page_count", "1"): "init_page_count",
	("folio_set_count", "1"): "init_folio_count",
}

# _refcount expression position -> "page", "folio" or "other" (a known
# type that is neither: another subsystem's _refcount, never reported).
# A position missing here has a type spatch could not work out.
import re

RG_TYPE = {}
# positions of _refcount expressions whose address is taken
RG_ADDR = set()
RG_OWN_DEFS = {}

def rg_own_defs(f):
	"""Does the file define a struct page/folio of its own?  Then that
	name is not the kernel's (only mm_types.h defines it) and its
	_refcount is some other counter."""
	if f not in RG_OWN_DEFS:
		try:
			with open(f, errors="replace") as fh:
				RG_OWN_DEFS[f] = bool(re.search(
					r"\bstruct\s+(page|folio)\s*\{", fh.read()))
		except OSError:
			RG_OWN_DEFS[f] = False
	return RG_OWN_DEFS[f]

def rg_class(t, arrow, f):
	t = t.strip()
	if arrow:
		if not t.endswith("*"):
			return "other"
		t = t[:-1].strip()
	c = {"struct page": "page", "struct folio": "folio"}.get(t, "other")
	return "other" if c != "other" and rg_own_defs(f) else c

# Which calls are atomics.  Coccinelle compiles an "=~" regex with the
# library it was built with, PCRE for 1.1.1 as Debian 12 builds it, OCaml
# Str for 1.3 as Debian 13 does (there "(a|b)?" is literal text, and no
# atomic would match): the rules keep only a literal regex, "atomic_",
# the same search under both, which leaves out most calls cheaply, and
# the constraint on the position of the call decides here, from the name
# at that position (a constraint cannot take the name itself: the rules
# bind it in a disjunction).
RG_ATOMIC = re.compile(r"(raw_|arch_)?atomic_\w*$")
RG_NAME = re.compile(r"\w+")
RG_LINES = ["", []]     # the last file read: its name, its lines

def rg_atomic_at(p):
	f, line, col = p[0].file, int(p[0].line), int(p[0].column)
	if RG_LINES[0] != f:
		try:
			with open(f, errors="replace") as fh:
				RG_LINES[:] = [f, fh.read().split("\n")]
		except OSError:
			RG_LINES[:] = [f, []]
	lines = RG_LINES[1]
	m = RG_NAME.match(lines[line - 1], col) if 0 < line <= len(lines) else None
	return m is not None and RG_ATOMIC.match(m.group(0)) is not None

def rg_foreign(q):
	return RG_TYPE.get(rg_key(q)) == "other"

def rg_text(e):
	"""An expression as the kernel would write it."""
	return e.replace(" -> ", "->").replace(" . ", ".").replace(" [ ", "[").replace(" ]", "]")

def rg_fix(op, q, e, a, n, b):
	"""(helper, replacement text) for one access; ("", "") if none."""
	ent = RG_DIRECT.get(op)
	obj = RG_TYPE.get(rg_key(q))
	if not ent or obj not in ("page", "folio"):
		return ("", "")
	h = rg_name(ent[0] if obj == "page" else ent[1])
	e = rg_text(e)
	if not h:
		return ("", "")
	if ent[2] == "V" and not (a or n or b):
		return (h, "%s(%s)" % (h, e))
	if ent[2] == "N_V" and n and not (a or b):
		return (h, "%s(%s, %s)" % (h, e, n))
	if ent[2] == "V_N_U" and a and b:
		return (h, "%s(%s, %s, %s)" % (h, e, a, b))
	if ent[2] == "V_N" and a and not b:
		h = rg_name(RG_SET_REWRITES.get((h, a.strip()), ""))
		return (h, "%s(%s)" % (h, e) if h else "")
	return ("", "")

// The type of the object decides: struct page and struct folio are
// reported (and rewritten with their helpers), any other known type
// (struct kref_like, a page_pool entry, ...) is another _refcount and is
// not; with no type known the access is reported without a rewrite.
@ta@
type T;
T E;
position q;
@@

E->_refcount@q

@script:python@
T << ta.T;
q << ta.q;
@@
RG_TYPE.setdefault(rg_key(q), rg_class(T, True, q[0].file))

@tb@
type T;
T E;
position q;
@@

E._refcount@q

@script:python@
T << tb.T;
q << tb.q;
@@
RG_TYPE.setdefault(rg_key(q), rg_class(T, False, q[0].file))

@addr@
expression E;
position q;
@@

\(&E->_refcount@q\|&E._refcount@q\)

@script:python@
q << addr.q;
@@
RG_ADDR.add(rg_key(q))

// Every atomic operation on a _refcount outside the helpers.  Any other
// use of its address (a wait key, a prefetch hint) is not an access.
// Where the other operands sit decides the rewrite (rules/direct.def).
// Not through the E->f => E[i].f isomorphism: &pages[i]._refcount is not
// &pages->_refcount, and is reported by dy without a rewrite.
@d disable ptr_to_array@
identifier op =~ "atomic_";
expression E, A, N, B;
position p : script:python() { rg_atomic_at(p) and not rg_exempt(p) };
position q : script:python() { not rg_foreign(q) };
@@

(
op@p(&E->_refcount@q)
|
op@p(&E->_refcount@q, A)
|
op@p(N, &E->_refcount@q)
|
op@p(&E->_refcount@q, A, B)
|
op@p(..., &E->_refcount@q, ...)
)

// A cast address or a page inside a folio (&folio->page._refcount), an
// array element: reported without a rewrite.
@dx disable ptr_to_array@
identifier op =~ "atomic_";
expression E;
type T;
position p : script:python() { rg_atomic_at(p) and not rg_exempt(p) };
position q : script:python() { not rg_foreign(q) };
@@

op@p(..., (T)&E->_refcount@q, ...)

@dy@
identifier op =~ "atomic_";
expression E;
type T;
position p : script:python() { rg_atomic_at(p) and not rg_exempt(p) };
position q : script:python() { not rg_foreign(q) };
@@

\(op@p(..., &E._refcount@q, ...)\|op@p(..., (T)&E._refcount@q, ...)\)

// Any other use of the field's value (.counter, assignment, a copy):
// always report only.
@c disable ptr_to_array@
expression E;
position p : script:python() { not rg_exempt(p) and not rg_foreign(p) and rg_key(p) not in RG_ADDR };
@@

E->_refcount@p

@cd@
expression E;
position p : script:python() { not rg_exempt(p) and not rg_foreign(p) and rg_key(p) not in RG_ADDR };
@@

E._refcount@p

@depends on context@
identifier d.op;
position d.p;
@@

* op@p(...)

@depends on context@
identifier dx.op;
position dx.p;
@@

* op@p(...)

@depends on context@
identifier dy.op;
position dy.p;
@@

* op@p(...)

@depends on context@
expression c.E;
position c.p;
@@

* E->_refcount@p

@depends on context@
expression cd.E;
position cd.p;
@@

* E._refcount@p

@script:python depends on report@
op << d.op;
E << d.E;
A << d.A = "";
N << d.N = "";
B << d.B = "";
p << d.p;
q << d.q;
@@
h, fix = rg_fix(op, q, E, A, N, B)
what = rg_text(E) + "->_refcount"
rg_emit(p[0], RG_MESSAGE_FIX % (what, h) if h else RG_MESSAGE % what,
	[what, h, fix])

@script:python depends on report@
E << dx.E;
p << dx.p;
@@
what = rg_text(E) + "->_refcount"
rg_emit(p[0], RG_MESSAGE % what, [what, "", ""])

@script:python depends on report@
E << dy.E;
p << dy.p;
@@
what = rg_text(E) + "._refcount"
rg_emit(p[0], RG_MESSAGE % what, [what, "", ""])

@script:python depends on report@
E << c.E;
p << c.p;
@@
what = rg_text(E) + "->_refcount"
rg_emit(p[0], RG_MESSAGE % what, [what, "", ""])

@script:python depends on report@
E << cd.E;
p << cd.p;
@@
what = rg_text(E) + "._refcount"
rg_emit(p[0], RG_MESSAGE % what, [what, "", ""])

@script:python depends on org@
E << d.E;
p << d.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "->_refcount"))

@script:python depends on org@
E << dx.E;
p << dx.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "->_refcount"))

@script:python depends on org@
E << dy.E;
p << dy.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "._refcount"))

@script:python depends on org@
E << c.E;
p << c.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "->_refcount"))

@script:python depends on org@
E << cd.E;
p << cd.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "._refcount"))

// Last: drops the accesses that have no rewrite.
@script:python rw@
op << d.op;
E << d.E;
A << d.A = "";
N << d.N = "";
B << d.B = "";
q << d.q;
e;
@@
h, fix = rg_fix(op, q, E, A, N, B)
if fix:
	coccinelle.e = cocci.make_expr(fix)
else:
	cocci.include_match(False)

@depends on patch@
identifier d.op;
expression rw.e;
position d.p;
@@

- op@p(...)
+ e

// SPDX-License-Identifier: GPL-2.0
/// Direct value accesses to page->_refcount / folio->_refcount outside
/// the page refcount helpers (any atomic_*() on &X->_refcount, .counter,
/// assignment).  The stored value is an encoding (a frozen bit plus a
/// count), not a number of references: only include/linux/page_ref.h
/// may read or change it.  atomic_read(&P->_refcount) becomes
/// page_ref_count(P) or folio_ref_count(F) by the pointer's type, the
/// other atomics their helper; an access with no helper, or on a pointer
/// whose type is unknown, is reported without a rewrite.  Taking only the
/// address (wake_up_var(&folio->_refcount), prefetch(&page->_refcount))
/// is not a value access and is never flagged.
///
/// Rule ids, messages and the op -> helper table come from refguard's
/// rules/*.def; testsuite/cocci/run-tests checks that they agree.
//
// Confidence: High
// Copyright: (C) 2026 The refguard authors.
// Options: --include-headers
// Keywords: _refcount, atomic_read, page_ref_count, page refcount

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os

RG_RULE = "direct-refcount"
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

# --- common part, identical in every cocci/*.cocci (checked by a test) ---
RG_HELPER_FILES = ("include/linux/page_ref.h", "include/linux/mm_types.h")
RG_RECORDS = os.environ.get("REFGUARD_RECORDS") == "1"
# The helpers the rewrites call (rules/rewrite.def, direct.def, api.def):
# a function of that name is the helper's own definition, wherever it is.
RG_HELPER_FUNCS = frozenset((
	"folio_ref_add",
	"folio_ref_add_unless",
	"folio_ref_count",
	"folio_ref_dec",
	"folio_ref_dec_and_test",
	"folio_ref_dec_return",
	"folio_ref_inc",
	"folio_ref_inc_return",
	"folio_ref_sub",
	"folio_ref_sub_and_test",
	"folio_ref_sub_return",
	"folio_ref_unfreeze",
	"init_folio_count",
	"init_page_count",
	"page_ref_add",
	"page_ref_add_unless",
	"page_ref_count",
	"page_ref_dec",
	"page_ref_dec_and_test",
	"page_ref_dec_return",
	"page_ref_inc",
	"page_ref_inc_return",
	"page_ref_sub",
	"page_ref_sub_and_test",
	"page_ref_unfreeze",
	"set_page_count_as_frozen",
))

def rg_exempt(p):
	"""The helpers' own definitions are never matched."""
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

def rg_emit(p, msg, fields):
	"""A record for refguard, or the project's diagnostic line."""
	if RG_RECORDS:
		print("\x1f".join(["RG", RG_RULE, p.file, p.line, p.column,
				   p.current_element] + fields))
	else:
		print("%s:%s:%d: warning: %s [refguard-%s]" %
		      (p.file, p.line, rg_column(p), msg, RG_RULE))

def rg_org(p, msg):
	cocci.print_main(msg + " [refguard-%s]" % RG_RULE, p)
# --- end of common part ---

RG_TYPE = {}

def rg_key(p):
	return (p[0].file, p[0].line, p[0].column)

def rg_text(e):
	"""An expression as the kernel would write it."""
	return e.replace(" -> ", "->").replace(" . ", ".")

def rg_fix(op, p, e, a, n, b):
	"""(helper, replacement text) for one access; ("", "") if none."""
	ent = RG_DIRECT.get(op)
	obj = RG_TYPE.get(rg_key(p))
	if not ent or not obj:
		return ("", "")
	h = ent[0] if obj == "page" else ent[1]
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
		h = RG_SET_REWRITES.get((h, a.strip()), "")
		return (h, "%s(%s)" % (h, e) if h else "")
	return ("", "")

// The type of the pointer decides between the page and folio helpers;
// with no type known the access is reported without a rewrite.
@tpage@
identifier op =~ "^(raw_|arch_)?atomic_";
struct page *P;
position p;
@@

op@p(..., &P->_refcount, ...)

@script:python@
p << tpage.p;
@@
RG_TYPE[rg_key(p)] = "page"

@tfolio@
identifier op =~ "^(raw_|arch_)?atomic_";
struct folio *F;
position p;
@@

op@p(..., &F->_refcount, ...)

@script:python@
p << tfolio.p;
@@
RG_TYPE[rg_key(p)] = "folio"

// Every atomic operation on a _refcount outside the helpers.  Any other
// use of its address (a wait key, a prefetch hint) is not an access.
// Where the other operands sit decides the rewrite (rules/direct.def).
@d@
identifier op =~ "^(raw_|arch_)?atomic_";
expression E, A, N, B;
position p : script:python() { not rg_exempt(p) };
@@

(
op@p(&E->_refcount)
|
op@p(&E->_refcount, A)
|
op@p(N, &E->_refcount)
|
op@p(&E->_refcount, A, B)
|
op@p(..., &E->_refcount, ...)
)

// .counter and plain assignment: always report only.
@c@
expression E, A;
position p : script:python() { not rg_exempt(p) };
@@

(
E->_refcount@p.counter
|
E->_refcount@p = A
)

@depends on context@
identifier d.op;
position d.p;
@@

* op@p(...)

@depends on context@
expression c.E;
position c.p;
@@

* E->_refcount@p

@script:python depends on report@
op << d.op;
E << d.E;
A << d.A = "";
N << d.N = "";
B << d.B = "";
p << d.p;
@@
h, fix = rg_fix(op, p, E, A, N, B)
what = rg_text(E) + "->_refcount"
rg_emit(p[0], RG_MESSAGE_FIX % (what, h) if h else RG_MESSAGE % what,
	[what, h, fix])

@script:python depends on report@
E << c.E;
p << c.p;
@@
what = rg_text(E) + "->_refcount"
rg_emit(p[0], RG_MESSAGE % what, [what, "", ""])

@script:python depends on org@
E << d.E;
p << d.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "->_refcount"))

@script:python depends on org@
E << c.E;
p << c.p;
@@
rg_org(p, RG_MESSAGE % (rg_text(E) + "->_refcount"))

// Last: drops the accesses that have no rewrite.
@script:python rw@
op << d.op;
E << d.E;
A << d.A = "";
N << d.N = "";
B << d.B = "";
p << d.p;
e;
@@
h, fix = rg_fix(op, p, E, A, N, B)
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

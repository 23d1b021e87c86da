// SPDX-License-Identifier: GPL-2.0
/// Raw set_page_count()/folio_set_count() calls bypass the page refcount
/// API: once a frozen page is marked by a dedicated bit, storing 0 no
/// longer freezes it and storing N over a frozen count unfreezes it
/// behind the API's back.  Say what is meant: set_page_count_as_frozen()
/// for 0, init_page_count()/init_folio_count() for 1, and, for any count
/// but 0 (1 included), page_ref_unfreeze()/folio_ref_unfreeze() where the
/// page is frozen on every path to the call (a true *_sub_and_test()/
/// *_dec_and_test()/*_testzero(), a successful *_ref_freeze(),
/// set_page_count_as_frozen()).
/// A 0 stored on a page the function holds a reference to on every path
/// (after an init, a raw store of a positive count, a get or a successful
/// try-get, with no put since)
/// drops that reference, it does not freeze the page (the p2pdma case
/// of the v2 review): it is reported with page_ref_dec()/folio_ref_dec()
/// and never rewritten.  Other calls are reported without a rewrite.  The helpers' own
/// definitions (include/linux/page_ref.h, include/linux/mm_types.h) are
/// never matched.
///
/// Rule ids, messages and function lists come from refguard's
/// rules/*.def.
//
// Confidence: High
// Copyright: (C) 2026 The refguard authors.
// Options: --no-includes --include-headers
// Keywords: set_page_count, folio_set_count, page refcount, frozen page
// Generated from cocci/templates/raw-set-count.cocci.in and rules/*.def
// by `refguard rules --cocci raw-set-count`: do not edit.

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

RG_RULE = "raw-set-count"
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

# rules/rules.def: RAW_SET_COUNT message, message_with_rewrite
RG_MESSAGE = "raw '%s' call bypasses the page refcount API"
RG_MESSAGE_FIX = "raw '%s' call bypasses the page refcount API; use '%s'"
# rules/rewrite.def
RG_SET_REWRITES = {
	("set_page_count", "0"): "set_page_count_as_frozen",
	("set_page_count", "1"): "init_page_count",
	("folio_set_count", "1"): "init_folio_count",
}
# rules/rewrite.def, LIVE_SET: a store on a page held on every path
RG_LIVE_SETS = {
	("set_page_count", "0"): "page_ref_dec",
	("folio_set_count", "0"): "folio_ref_dec",
}
# rules/api.def: unfreeze_with of the RG_SET entries
RG_UNFREEZE_WITH = {
	"set_page_count": "page_ref_unfreeze",
	"folio_set_count": "folio_ref_unfreeze",
}

RG_FROZEN = set()
RG_HELD = set()
RG_UNHELD = set()

def rg_held(p):
	return rg_key(p) in RG_HELD and rg_key(p) not in RG_UNHELD

def rg_unfreezes(p, n):
	"""The page's state decides first: any count but 0 stored on a page
	frozen on every path is an unfreeze, 1 included (its release ordering
	publishes what was done while the page was frozen; init_page_count()
	is a plain store).  A 0 there stays a freeze."""
	return rg_key(p) in RG_FROZEN and rg_count(n) != "0"
RG_ALLOC = set("""alloc_frozen_pages, alloc_frozen_pages_noprof,
	__alloc_frozen_pages, __alloc_frozen_pages_noprof,
	alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof""".replace(",", " ").split())

def rg_count(n):
	"""A count as the rewrite table spells it: 0x0 and 0U are 0."""
	try:
		return str(int(n.strip().rstrip("uUlL"), 0))
	except ValueError:
		return n.strip()

def rg_positive(c):
	"""Is the constant c a count above 0 (a raw store that inits)?"""
	try:
		return int(rg_count(c), 0) > 0
	except ValueError:
		return False

def rg_alloc(e):
	return e.split("(")[0].strip() in RG_ALLOC

// Every raw setter call outside the helpers.
@s@
identifier fn = {set_page_count, folio_set_count};
expression P, N;
position p : script:python() { not rg_exempt(p) };
@@

fn@p(P, N)

// A path from the function's entry that passes no freeze of P: live.
@live exists@
identifier s.fn, f;
expression s.P, s.N;
position p;
identifier fz = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof,
	__alloc_frozen_pages, __alloc_frozen_pages_noprof,
	alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof};
@@

f(...) {
... when != fz(P, ...)
    when != P = al(...)
fn@p(P, N);
... when any
}

// A path from a false freeze test, an unfreeze or a reassignment: live.
@live2 exists@
identifier s.fn;
expression s.P, s.N;
expression E : script:python() { not rg_alloc(E) };
position p;
statement S;
identifier fz = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier un = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze};
@@

(
if (tz(P, ...)) S
|
un(P, ...);
|
P = E;
)
... when != fz(P, ...)
fn@p(P, N);

@live3 exists@
identifier s.fn;
expression s.P, s.N;
position p;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
@@

if (!tz(P, ...)) { <+... fn@p(P, N); ...+> }

// Frozen on every path: reached from a recognised freeze, never live.
@frz exists@
identifier s.fn;
expression s.P, s.N;
position p != {live.p, live2.p, live3.p};
statement S, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier sf = {set_page_count_as_frozen, set_page_count_frozen};
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof,
	__alloc_frozen_pages, __alloc_frozen_pages_noprof,
	alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof};
@@

(
if (!tz(P, ...)) S
...
fn@p(P, N);
|
sf(P);
...
fn@p(P, N);
|
P = al(...);
...
fn@p(P, N);
|
if (tz(P, ...)) { <+... fn@p(P, N); ...+> } else S2
)

@script:python@
p << frz.p;
@@
RG_FROZEN.add(rg_key(p))

// Held: a zero store after an init (a raw store of a positive constant
// is one: p2pdma's set_page_count(page, 1)), a get or a try-get with no
// drop since (held), and on no path from the entry without one
// (unheld*).  Calls between them that take the page (vm_insert_page())
// and the store sitting in an error branch do not matter.  A call this
// cannot place (inside a declaration, a comma operand) is not held: the
// frozen setter stays, as before these rules.
@held exists@
identifier s.fn;
expression s.P, s.N;
expression E;
position p;
statement S1, S2;
identifier g = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_add, folio_ref_add, page_ref_inc,
	folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page,
	folio_get, folio_ref_add_return, page_ref_add_unless,
	folio_ref_add_unless, page_ref_add_unless_zero,
	page_ref_add_unless_locked, page_ref_add_unless_frozen,
	folio_ref_add_unless_zero, folio_ref_add_unless_locked,
	folio_ref_add_unless_frozen, folio_try_get, folio_ref_try_add,
	get_page_unless_zero, try_get_page};
identifier st = {set_page_count, folio_set_count};
constant C : script:python() { rg_positive(C) };
identifier dr = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub, folio_ref_sub,
	page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return,
	page_ref_dec_return, folio_ref_dec_return, put_page, folio_put,
	folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test,
	page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero,
	folio_put_testzero, free_frozen_pages, free_unref_page,
	__free_pages_ok, __folio_put, free_compound_page};
@@

(
g(P, ...);
|
st(P, C);
|
if (<+... g(P, ...) ...+>) S1 else S2
|
if (<+... g(P, ...) ...+>) S1
)
... when != dr(P, ...)
    when != P = E
fn@p(P, N);

@script:python@
p << held.p;
@@
RG_HELD.add(rg_key(p))

@unheld exists@
identifier s.fn, f;
expression s.P, s.N;
position p;
identifier g = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_add, folio_ref_add, page_ref_inc,
	folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page,
	folio_get, folio_ref_add_return, page_ref_add_unless,
	folio_ref_add_unless, page_ref_add_unless_zero,
	page_ref_add_unless_locked, page_ref_add_unless_frozen,
	folio_ref_add_unless_zero, folio_ref_add_unless_locked,
	folio_ref_add_unless_frozen, folio_try_get, folio_ref_try_add,
	get_page_unless_zero, try_get_page};
identifier st = {set_page_count, folio_set_count};
constant C : script:python() { rg_positive(C) };
@@

f(...) {
... when != g(P, ...)
    when != st(P, C)
fn@p(P, N);
... when any
}

@unheld2 exists@
identifier s.fn;
expression s.P, s.N;
expression E;
position p;
identifier g = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_add, folio_ref_add, page_ref_inc,
	folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page,
	folio_get, folio_ref_add_return, page_ref_add_unless,
	folio_ref_add_unless, page_ref_add_unless_zero,
	page_ref_add_unless_locked, page_ref_add_unless_frozen,
	folio_ref_add_unless_zero, folio_ref_add_unless_locked,
	folio_ref_add_unless_frozen, folio_try_get, folio_ref_try_add,
	get_page_unless_zero, try_get_page};
identifier st = {set_page_count, folio_set_count};
constant C : script:python() { rg_positive(C) };
identifier dr = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub, folio_ref_sub,
	page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return,
	page_ref_dec_return, folio_ref_dec_return, put_page, folio_put,
	folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test,
	page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero,
	folio_put_testzero, free_frozen_pages, free_unref_page,
	__free_pages_ok, __folio_put, free_compound_page};
@@

(
dr(P, ...);
|
if (<+... dr(P, ...) ...+>) { ... }
|
P = E;
)
... when != g(P, ...)
    when != st(P, C)
fn@p(P, N);

@unheld3 exists@
identifier s.fn;
expression s.P, s.N;
position p;
identifier tg = {page_ref_add_unless, folio_ref_add_unless,
	page_ref_add_unless_zero, page_ref_add_unless_locked,
	page_ref_add_unless_frozen, folio_ref_add_unless_zero,
	folio_ref_add_unless_locked, folio_ref_add_unless_frozen,
	folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page};
@@

if (!tg(P, ...)) { <+... fn@p(P, N); ...+> }

@script:python@
p << unheld.p;
@@
RG_UNHELD.add(rg_key(p))

@script:python@
p << unheld2.p;
@@
RG_UNHELD.add(rg_key(p))

@script:python@
p << unheld3.p;
@@
RG_UNHELD.add(rg_key(p))

@depends on context@
identifier s.fn;
expression s.P, s.N;
position s.p;
@@

* fn@p(P, N)

@script:python depends on report@
fn << s.fn;
P << s.P;
N << s.N;
p << s.p;
@@
key = (fn, rg_count(N))
if key in RG_LIVE_SETS and rg_held(p):
	h = RG_LIVE_SETS[key]
	fix = ""
elif rg_unfreezes(p, N):
	h = RG_UNFREEZE_WITH[fn]
	fix = "%s(%s, %s)" % (h, P, N)
elif key in RG_SET_REWRITES:
	h = rg_name(RG_SET_REWRITES[key])
	fix = "%s(%s)" % (h, P)
else:
	h = fix = ""
rg_emit(p[0], RG_MESSAGE_FIX % (fn, h) if h else RG_MESSAGE % fn,
	[fn, h, fix])

@script:python depends on org@
fn << s.fn;
p << s.p;
@@
rg_org(p, RG_MESSAGE % fn)

// The replacement for this call, if there is one.
@script:python rw@
fn << s.fn;
P << s.P;
N << s.N;
p << s.p;
e;
@@
key = (fn, rg_count(N))
if key in RG_LIVE_SETS and rg_held(p):
	cocci.include_match(False)
elif rg_unfreezes(p, N):
	coccinelle.e = cocci.make_expr("%s(%s, %s)" % (RG_UNFREEZE_WITH[fn], P, N))
elif key in RG_SET_REWRITES:
	coccinelle.e = cocci.make_expr("%s(%s)" % (rg_name(RG_SET_REWRITES[key]), P))
else:
	cocci.include_match(False)

@depends on patch@
identifier s.fn;
expression s.P, s.N, rw.e;
position s.p;
@@

- fn@p(P, N)
+ e

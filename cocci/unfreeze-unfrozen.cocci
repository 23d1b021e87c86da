// SPDX-License-Identifier: GPL-2.0
/// page_ref_unfreeze()/folio_ref_unfreeze() on a page that is definitely
/// not frozen: on every path to the call, within one function, the page
/// was last made live (init_page_count(), set_page_refcounted(), an
/// unfreeze, or a reference taken with get_page()/page_ref_inc() and
/// friends, which require a live page, or a failed freeze or false
/// *_dec_and_test(), which leave it live) with no freeze since.  Unfreezing
/// overwrites the count and throws away every reference other users hold.
/// A page that reaches the call unchanged from the function's entry may
/// have been frozen by the caller, and is not reported; nor is one that
/// reaches it past a put (put_page(), page_ref_dec(), ...), after which
/// the caller may no longer own it and its state is unknown.  Report and
/// context modes only: there is no rewrite.
///
/// Rule ids, messages and function lists come from refguard's
/// rules/*.def.
//
// Confidence: Moderate
// Copyright: (C) 2026 The refguard authors.
// Options: --no-includes --include-headers
// Keywords: page_ref_unfreeze, folio_ref_unfreeze, frozen page, page refcount
// Generated from cocci/templates/unfreeze-unfrozen.cocci.in and rules/*.def
// by `refguard rules --cocci unfreeze-unfrozen`: do not edit.

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

RG_RULE = "unfreeze-unfrozen"
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

# rules/rules.def: UNFREEZE_UNFROZEN message
RG_MESSAGE = "'%s' on a page that is not frozen"

@u@
identifier uf = {page_ref_unfreeze, folio_ref_unfreeze};
expression P;
position p : script:python() { not rg_exempt(p) };
@@

uf@p(P, ...)

// Maybe frozen: reached from the entry (the caller's page, unknown), a
// freeze or a put with no live-making call on the way.  A get makes an
// unknown page live, but a frozen one stays frozen (the get is itself
// frozen-arith): only an init or unfreeze ends a freeze.
@maybe exists@
identifier u.uf, f;
expression u.P;
position p;
identifier live = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze,
	page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc,
	page_ref_inc_return, folio_ref_inc_return, get_page, folio_get,
	folio_ref_add_return};
@@

f(...) {
... when != live(P, ...)
uf@p(P, ...);
... when any
}

// A freeze on the way: only an init or an unfreeze makes it live again.
@maybe2 exists@
identifier u.uf;
expression u.P;
position p;
identifier fz = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof,
	__alloc_frozen_pages, __alloc_frozen_pages_noprof,
	alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof};
identifier init = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze};
@@

(
fz(P, ...)
|
P = al(...)
)
... when != init(P, ...)
uf@p(P, ...);

// A put or a reassignment: unknown, and a get after it makes it live.
@maybe3 exists@
identifier u.uf;
expression u.P, E;
position p;
identifier live = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze,
	page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc,
	page_ref_inc_return, folio_ref_inc_return, get_page, folio_get,
	folio_ref_add_return};
identifier pu = {page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec,
	page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return,
	folio_ref_dec_return, put_page, folio_put, folio_put_refs};
@@

(
pu(P, ...)
|
P = E
)
... when != live(P, ...)
uf@p(P, ...);

// A failed freeze or a false test-to-zero leaves the page live (the count
// was not what the caller expected, or is still above zero): an unfreeze
// in that branch, with no freeze, put or reassignment on the way, is
// reported unless P may be frozen when it reaches the test (a frozen page
// stays frozen when a freeze fails on it).  The failure branch is the then
// branch of "if (!freeze(P))", the else branch of "if (freeze(P))", or
// the code after "if (freeze(P))" when that branch always leaves.
@fail exists@
identifier u.uf;
expression u.P;
position p, ph;
statement S, S2;
identifier L;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
@@

(
if (\( !tz@ph(P, ...) \| tz@ph(P, ...) == 0 \)) {
<+... uf@p(P, ...) ...+>
} else S2
|
if (tz@ph(P, ...)) S else {
<+... uf@p(P, ...) ...+>
}
|
if (tz@ph(P, ...)) \( return ...; \| goto L; \| {
... when any
\( return ...; \| goto L; \)
} \)
... when any
uf@p(P, ...);
)

// ... unless a path in the branch freezes, puts or reassigns P first, or
// P may be frozen when it reaches the test (a failed freeze of a frozen
// page leaves it frozen).
@failmaybe exists@
identifier u.uf;
expression u.P, E;
position fail.p, fail.ph;
position pm;
statement S, S2;
identifier L;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier fz = {set_page_count_as_frozen, set_page_count_frozen,
	page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof,
	__alloc_frozen_pages, __alloc_frozen_pages_noprof,
	alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof};
identifier init = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze};
identifier live = {init_page_count, set_page_count_init, init_folio_count,
	set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze,
	page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc,
	page_ref_inc_return, folio_ref_inc_return, get_page, folio_get,
	folio_ref_add_return};
identifier pu = {page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec,
	page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return,
	folio_ref_dec_return, put_page, folio_put, folio_put_refs};
@@

(
if (\( !tz(P, ...) \| tz(P, ...) == 0 \)) {
... when any
\( fz(P, ...) \| pu(P, ...) \| P = al(...) \| P = E \)
... when != live(P, ...)
uf@p@pm(P, ...);
... when any
} else S2
|
if (tz(P, ...)) S else {
... when any
\( fz(P, ...) \| pu(P, ...) \| P = al(...) \| P = E \)
... when != live(P, ...)
uf@p@pm(P, ...);
... when any
}
|
if (tz(P, ...)) \( return ...; \| goto L; \| {
... when any
\( return ...; \| goto L; \)
} \)
... when any
\( fz(P, ...) \| pu(P, ...) \| P = al(...) \| P = E \)
... when != live(P, ...)
uf@p@pm(P, ...);
|
(
fz(P, ...)
|
P = al(...)
)
... when != init(P, ...)
    when != pu(P, ...)
    when != P = E
tz@ph(P, ...)
... when != init(P, ...)
    when != pu(P, ...)
    when != P = E
uf@p@pm(P, ...);
)

// ... or a path from the function's entry reaches it without that test
// (a label on the way in, for one).
@failentry exists@
identifier u.uf, f;
expression u.P;
position fail.p, fail.ph;
position pe;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test,
	folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test,
	put_page_testzero, folio_put_testzero};
@@

f(...) {
... when != tz@ph(P, ...)
uf@p@pe(P, ...);
... when any
}

@badfail@
identifier u.uf;
expression u.P;
position fail.p;
position p1 != {failmaybe.pm, failentry.pe};
@@

uf@p@p1(P, ...)

@bad@
identifier u.uf;
expression u.P;
position p != {maybe.p, maybe2.p, maybe3.p};
@@

uf@p(P, ...)

@depends on context@
identifier u.uf;
position bad.p;
@@

* uf@p(...)

@depends on context@
identifier u.uf;
position badfail.p1;
@@

* uf@p1(...)

@script:python depends on report@
uf << u.uf;
p << bad.p;
@@
rg_emit(p[0], RG_MESSAGE % uf, [uf, "", ""])

@script:python depends on report@
uf << u.uf;
p << badfail.p1;
@@
rg_emit(p[0], RG_MESSAGE % uf, [uf, "", ""])

@script:python depends on org@
uf << u.uf;
p << bad.p;
@@
rg_org(p, RG_MESSAGE % uf)

@script:python depends on org@
uf << u.uf;
p << badfail.p1;
@@
rg_org(p, RG_MESSAGE % uf)

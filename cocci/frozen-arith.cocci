// SPDX-License-Identifier: GPL-2.0
/// Reference arithmetic (inc/dec/add/sub and their _return/_and_test
/// forms, get_page/put_page/folio_get/folio_put) on a page that is
/// frozen on some path to the call, within one function.  A frozen page
/// has no owner: arithmetic on it is a use after free in waiting, and
/// with a dedicated frozen bit it corrupts the encoding.  Frozen comes
/// from set_page_count_as_frozen(), a successful *_ref_freeze(), a true
/// *_sub_and_test()/*_dec_and_test()/*_testzero() and the
/// alloc_frozen_pages() family; it ends at an unfreeze, init_page_count(),
/// set_page_refcounted(), a reassignment or a call that consumes the
/// frozen page (free_frozen_pages() and friends), a speculative get
/// (page_ref_add_unless(), folio_try_get(), ...: they fail on a frozen
/// page, so the paths past them are treated as live) or a raw
/// set_page_count()/folio_set_count() (itself raw-set-count).  A freeze
/// result may be tested directly (also in likely(), compared with 0, or
/// joined by && / ||) or stored in a variable and tested later; a page and
/// its folio alias (page_folio(P), &F->page, folio_page(F, 0), in the call
/// or in a variable), and so do copies (F = P, F = (void *)P,
/// F = c ? P : NULL).  Paths are followed out of the success branch by
/// goto, break and continue, around loop back edges and out of
/// "while (!freeze(P))" and "do ... while (!freeze(P));" retry loops; a
/// loop iterator or increment that steps P, or an assignment to P (also
/// its declaration in a loop body), makes it another page.
/// The freeze site is given as a note.  Report and context modes only:
/// there is no rewrite.
///
/// Rule ids, messages and function lists come from refguard's
/// rules/*.def; testsuite/cocci/run-tests checks that they agree.
//
// Confidence: Moderate
// Copyright: (C) 2026 The refguard authors.
// Options: --no-includes --include-headers
// Keywords: frozen page, page_ref_freeze, put_page_testzero, page refcount

virtual context
virtual org
virtual report

@initialize:python@
@@
import os
import re

RG_RULE = "frozen-arith"
# rules/rules.def: FROZEN_ARITH message, note
RG_MESSAGE = "'%s' on a page that is frozen on some path to this call"
RG_NOTE = "the page was frozen here"

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

def rg_key(p):
	"""A position as a key: (file, line, column), the numbers as ints."""
	return (p[0].file, int(p[0].line), int(p[0].column))

# Positions already reported: several rules, or one rule on several
# paths, can find one call, and it is reported once.
rg_reported = set()

def rg_emit(p, msg, fields):
	"""A record for refguard, or the project's diagnostic line; once per
	position."""
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

def rg_plain(e):
	"""P is not itself page_folio(X), &X->page or folio_page(X, 0): those
	are matched as aliases of X, so that a freeze and an unfreeze of one
	page under two spellings agree."""
	e = e.replace(" ", "")
	if e.startswith("page_folio("):
		return False
	if e.startswith("folio_page(") and e.endswith(",0)"):
		return False
	return not (e.startswith("&") and e.endswith("->page"))

def rg_alias(a, p):
	"""a is p, or p's page/folio written as a conversion."""
	a = a.replace(" ", "")
	p = p.replace(" ", "")
	return a in (p, "page_folio(%s)" % p, "&%s->page" % p, "folio_page(%s,0)" % p)

def rg_copy(a, f):
	"""a is the variable f, or f cast: "(struct page *)f"."""
	a = a.replace(" ", "")
	return a == f or (a.startswith("(") and a.endswith(")" + f))

def rg_loop_tail(p1):
	"""p1 is in the condition of a do-while tail or a body-less while:
	the whole source line is "[}] while (...);", maybe with a comment."""
	try:
		with open(p1[0].file, errors="replace") as fh:
			line = fh.readlines()[int(p1[0].line) - 1]
	except (OSError, IndexError):
		return False
	return re.match(r"\s*(\}\s*)?while\s*\(.*\)\s*;\s*(/\*.*\*/\s*|//.*)?$", line) is not None

# Calls that passed a rule's final check (see the <rule>ok rules), with
# the freeze to name in the note.
rg_ok = {}

def rg_passed(p2, p1):
	rg_ok.setdefault(rg_key(p2), p1)

def rg_found(ar, p1, p2):
	rg_emit(p2[0], RG_MESSAGE % ar, [ar, "", "", p1[0].line, p1[0].column])

// Frozen on the fall-through of a failed "not frozen" test, after an
// unconditional freeze or allocation of a frozen page.
@fa exists@
expression P : script:python() { rg_plain(P) };
expression E, Er, E1, N;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier sf = {set_page_count_as_frozen}; // api: RG_SET_FROZEN
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof, __alloc_frozen_pages, __alloc_frozen_pages_noprof, alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof}; // api: RG_ALLOC_FROZEN
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

(
if (\( !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) == 0 \| !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| E1 && !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \)) S
|
sf@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \));
|
P = al@p1(...);
)
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)


// Frozen inside the branch of a test that can succeed with P frozen.
@fb exists@
expression P : script:python() { rg_plain(P) };
expression E, Er, E1, N;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

if (\( tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| likely(tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...)) \| E1 && tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) && E1 \| !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| E1 || tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \)) {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
} else S2

// Frozen from a declaration's initializer: a page from the frozen
// allocator.
@fc exists@
identifier P;
type T;
expression E, Er, N;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof, __alloc_frozen_pages, __alloc_frozen_pages_noprof, alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof}; // api: RG_ALLOC_FROZEN
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

T P = al@p1(...);
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)


// A freeze result stored in a variable R: frozen before R is tested at
// all, inside "if (R)" and past "if (!R) S" (where R is not tested again:
// a second test of R correlates with the first, which is not followed).
@fd exists@
identifier R;
type T;
expression P : script:python() { rg_plain(P) };
expression E, Er, E1, N;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@
(
T R = \( tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| E1 && tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) && E1 \);
|
R = \( tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| E1 && tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) && E1 \);
)
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != R
(
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
|
if (R) {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
} else S2
|
if (!R) S
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != R
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
)

// The same for a stored negated result, R = !freeze.
@fe exists@
identifier R;
type T;
expression P : script:python() { rg_plain(P) };
expression E, Er, N;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@
(
T R = \( !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \);
|
R = \( !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \);
)
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != R
(
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
|
if (!R) {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
} else S2
|
if (R) S
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != R
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
)

// A page and its folio in two variables, F = page_folio(P), F = &P->page
// or F = folio_page(P, 0): a freeze of one and arithmetic on the other.
@ff exists@
identifier F;
type T;
expression P : script:python() { rg_plain(P) };
expression E, Er, E1, N;
position p1, p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@
(
T F = \( page_folio(P) \| &P->page \| folio_page(P, 0) \);
|
F = \( page_folio(P) \| &P->page \| folio_page(P, 0) \);
)
... when != F = E
    when != P = E
    when != I(..., P, ...) S1
    when != I(..., F, ...) S1
(
if (\( tz@p1(P, ...) \| likely(tz@p1(P, ...)) \| E1 && tz@p1(P, ...) \| tz@p1(P, ...) && E1 \)) {
... when != end(\( P \| F \), ...)
    when != P = E
    when != tg(P, ...)
    when != I(..., P, ...) S1
    when != rs(P, N)
    when != F = E
(
ar@p2(F, ...);
|
if (<+... ar@p2(F, ...) ...+>) S
|
Er = ar@p2(F, ...);
|
return ar@p2(F, ...);
)
... when any
} else S2
|
if (\( !tz@p1(P, ...) \| tz@p1(P, ...) == 0 \| !tz@p1(P, ...) || E1 \| E1 && !tz@p1(P, ...) \)) S
... when != end(\( P \| F \), ...)
    when != P = E
    when != tg(P, ...)
    when != I(..., P, ...) S1
    when != rs(P, N)
    when != F = E
(
ar@p2(F, ...);
|
if (<+... ar@p2(F, ...) ...+>) S
|
Er = ar@p2(F, ...);
|
return ar@p2(F, ...);
)
|
if (\( tz@p1(F, ...) \| likely(tz@p1(F, ...)) \| E1 && tz@p1(F, ...) \| tz@p1(F, ...) && E1 \)) {
... when != end(\( F \| P \), ...)
    when != F = E
    when != tg(F, ...)
    when != I(..., F, ...) S1
    when != rs(F, N)
    when != P = E
(
ar@p2(P, ...);
|
if (<+... ar@p2(P, ...) ...+>) S
|
Er = ar@p2(P, ...);
|
return ar@p2(P, ...);
)
... when any
} else S2
|
if (\( !tz@p1(F, ...) \| tz@p1(F, ...) == 0 \| !tz@p1(F, ...) || E1 \| E1 && !tz@p1(F, ...) \)) S
... when != end(\( F \| P \), ...)
    when != F = E
    when != tg(F, ...)
    when != I(..., F, ...) S1
    when != rs(F, N)
    when != P = E
(
ar@p2(P, ...);
|
if (<+... ar@p2(P, ...) ...+>) S
|
Er = ar@p2(P, ...);
|
return ar@p2(P, ...);
)
)


// A copy of P in another variable F, also through a cast or a
// "C ? P : NULL": a freeze of P and arithmetic on F, or on F cast back.
@fk exists@
identifier F;
type T, T2;
expression P : script:python() { rg_plain(P) };
expression E, Er, E1, N, C;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier sf = {set_page_count_as_frozen}; // api: RG_SET_FROZEN
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

(
T F = \( P \| (T2)P \| C ? P : NULL \);
|
F = \( P \| (T2)P \| C ? P : NULL \);
)
... when != F = E
    when != P = E
(
sf@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \));
... when != end(\( F \| (T2)F \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != F = E
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
|
if (\( tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| likely(tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...)) \| E1 && tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) && E1 \| !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| E1 || tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \)) {
... when != end(\( F \| (T2)F \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != F = E
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
} else S2
|
if (\( !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) == 0 \| !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| E1 && !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \)) S
... when != end(\( F \| (T2)F \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
    when != F = E
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
)

// Frozen where a goto, break or continue leaves the branch of a test
// that can succeed with P frozen.  Coccinelle does not follow a path on
// from a break or a continue, so those two go to their loop: a break to
// the code after it, a continue to the top of its body and after it.
@fj exists@
expression P : script:python() { rg_plain(P) };
expression E, E1, N;
position p1, pg, pb, pc;
identifier L;
iterator I;
statement S1, S2;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

if (\( tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| likely(tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...)) \| E1 && tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) && E1 \| !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| E1 || tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \)) \( goto@pg L; \| break@pb; \| continue@pc; \| {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
\( goto@pg L; \| break@pb; \| continue@pc; \)
} \) else S2

@fjg exists@
expression fj.P;
position fj.pg;
identifier L;
expression E, Er, N;
expression A;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

goto@pg L;
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)


// The loop a break or continue leaves: Coccinelle's nest does not look
// into inner loops or switches, so this is the innermost loop, and a
// break out of a switch has none.
@fjlb exists@
position fj.pb;
position pl;
expression C;
iterator I;
@@
(
while@pl (C) { <+... break@pb; ...+> }
|
for@pl (...;...;...) { <+... break@pb; ...+> }
|
I@pl(...) { <+... break@pb; ...+> }
)

// Loops that step P to another page on a continue: no longer the page
// that was frozen.
@fjx@
expression fj.P, C;
position pl;
iterator I;
statement S;
@@
(
for@pl (...;...; <+... P ...+>) S
|
while@pl (<+... P = C ...+>) S
|
I@pl(..., P, ...) S
)

@fjlc exists@
position fj.pc;
position pl != fjx.pl;
expression C;
iterator I;
@@
(
while@pl (C) { <+... continue@pc; ...+> }
|
for@pl (...;...;...) { <+... continue@pc; ...+> }
|
I@pl(...) { <+... continue@pc; ...+> }
)

@fjb exists@
expression fj.P;
position fjlb.pl;
expression E, Er, C, N;
expression A;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

(
while@pl (C) S
|
for@pl (...;...;...) S
|
I@pl(...) S
)
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)

// A continue: P is frozen from the top of the body and after the loop.
@fjc exists@
expression fj.P;
position fjlc.pl;
expression E, Er, C, N;
expression A;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

(
while@pl (C) {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
}
|
for@pl (...;...;...) {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
}
|
I@pl(...) {
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
... when any
}
|
while@pl (C) S
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
|
for@pl (...;...;...) S
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
|
I@pl(...) S
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)
)

// A retry loop: "while (!freeze(P)) S" leaves, but for a break, frozen.
@fw exists@
expression P : script:python() { rg_plain(P) };
expression E, Er, E1, N;
expression A;
position p1;
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

while (\( !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) == 0 \| !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) || E1 \| E1 && !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \)) S
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)


// The same for "do S while (!freeze(P));".  spatch 1.1.1 cannot match a
// do-while ("not supported"), so the path starts at the condition itself,
// recognised in the source line by rg_loop_tail(), and only arithmetic
// after it counts: the path back into the body is the failed freeze.
@fdw exists@
expression P : script:python() { rg_plain(P) };
expression E, Er, N;
expression A;
position p1 : script:python() { rg_loop_tail(p1) };
position p2 : script:python() { not rg_exempt(p2) };
iterator I;
statement S, S1;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

\( !tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) \| tz@p1(\( page_folio(P) \| &P->page \| folio_page(P, 0) \| P \), ...) == 0 \)
... when != end(\( P \| page_folio(P) \| &P->page \| folio_page(P, 0) \), ...)
    when != P = E
    when != \( P++ \| P-- \| ++P \| --P \| P += E \| P -= E \)
    when != I(..., P, ...) S1
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(A, ...);
|
if (<+... ar@p2(A, ...) ...+>) S
|
Er = ar@p2(A, ...);
|
return ar@p2(A, ...);
)


// The arithmetic is on P itself or on P's page/folio (page_folio(P),
// &P->page, folio_page(P, 0)); for fk on the copy F, or F cast back; for
// fdw after the condition (the path back into the body is the failed
// freeze).  Checked on the one call each finding names, not in the rules
// above, to keep them cheap; the script only records (include_match(False)
// would also drop the other rules' findings of the same run), and the
// <rule>ok rule keeps the calls it passed.

@script:python@
A << fa.A;
P << fa.P;
p1 << fa.p1;
p2 << fa.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@faok@
identifier fa.ar;
position fa.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fb.A;
P << fb.P;
p1 << fb.p1;
p2 << fb.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fbok@
identifier fb.ar;
position fb.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fc.A;
P << fc.P;
p1 << fc.p1;
p2 << fc.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fcok@
identifier fc.ar;
position fc.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fd.A;
P << fd.P;
p1 << fd.p1;
p2 << fd.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fdok@
identifier fd.ar;
position fd.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fe.A;
P << fe.P;
p1 << fe.p1;
p2 << fe.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@feok@
identifier fe.ar;
position fe.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fk.A;
F << fk.F;
p1 << fk.p1;
p2 << fk.p2;
@@
if rg_copy(A, F):
	rg_passed(p2, p1)

@fkok@
identifier fk.ar;
position fk.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fw.A;
P << fw.P;
p1 << fw.p1;
p2 << fw.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fwok@
identifier fw.ar;
position fw.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fdw.A;
P << fdw.P;
p1 << fdw.p1;
p2 << fdw.p2;
@@
if rg_alias(A, P) and rg_key(p2) > rg_key(p1):
	rg_passed(p2, p1)

@fdwok@
identifier fdw.ar;
position fdw.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fjg.A;
P << fj.P;
p1 << fj.p1;
p2 << fjg.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fjgok@
identifier fjg.ar;
position fjg.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fjb.A;
P << fj.P;
p1 << fj.p1;
p2 << fjb.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fjbok@
identifier fjb.ar;
position fjb.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@script:python@
A << fjc.A;
P << fj.P;
p1 << fj.p1;
p2 << fjc.p2;
@@
if rg_alias(A, P):
	rg_passed(p2, p1)

@fjcok@
identifier fjc.ar;
position fjc.p2;
position q : script:python() { rg_key(q) in rg_ok };
@@

ar@p2@q(...)

@depends on context@
identifier fa.ar;
position faok.q;
@@

* ar@q(...)

@depends on context@
identifier fb.ar;
position fbok.q;
@@

* ar@q(...)

@depends on context@
identifier fc.ar;
position fcok.q;
@@

* ar@q(...)

@depends on context@
identifier fd.ar;
position fdok.q;
@@

* ar@q(...)

@depends on context@
identifier fe.ar;
position feok.q;
@@

* ar@q(...)

@depends on context@
identifier fk.ar;
position fkok.q;
@@

* ar@q(...)

@depends on context@
identifier fw.ar;
position fwok.q;
@@

* ar@q(...)

@depends on context@
identifier fdw.ar;
position fdwok.q;
@@

* ar@q(...)

@depends on context@
identifier ff.ar;
position ff.p2;
@@

* ar@p2(...)

@depends on context@
identifier fjg.ar;
position fjgok.q;
@@

* ar@q(...)

@depends on context@
identifier fjb.ar;
position fjbok.q;
@@

* ar@q(...)

@depends on context@
identifier fjc.ar;
position fjcok.q;
@@

* ar@q(...)

@script:python depends on report@
ar << fa.ar;
p2 << faok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fb.ar;
p2 << fbok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fc.ar;
p2 << fcok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fd.ar;
p2 << fdok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fe.ar;
p2 << feok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fk.ar;
p2 << fkok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fw.ar;
p2 << fwok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fdw.ar;
p2 << fdwok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << ff.ar;
p1 << ff.p1;
p2 << ff.p2;
@@
rg_found(ar, p1, p2)

@script:python depends on report@
ar << fjg.ar;
p2 << fjgok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fjb.ar;
p2 << fjbok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on report@
ar << fjc.ar;
p2 << fjcok.q;
@@
rg_found(ar, rg_ok[rg_key(p2)], p2)

@script:python depends on org@
ar << fa.ar;
p2 << faok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fb.ar;
p2 << fbok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fc.ar;
p2 << fcok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fd.ar;
p2 << fdok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fe.ar;
p2 << feok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fk.ar;
p2 << fkok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fw.ar;
p2 << fwok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fdw.ar;
p2 << fdwok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << ff.ar;
p2 << ff.p2;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fjg.ar;
p2 << fjgok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fjb.ar;
p2 << fjbok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fjc.ar;
p2 << fjcok.q;
@@
rg_org(p2, RG_MESSAGE % ar)

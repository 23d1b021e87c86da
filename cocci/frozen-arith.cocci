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
/// set_page_count()/folio_set_count() (itself raw-set-count).  The freeze site is
/// given as a note.  Report and context modes only: there is no rewrite.
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

def rg_key(p):
	return (p[0].file, p[0].line, p[0].column)

// Frozen on the fall-through of a failed "not frozen" test, after an
// unconditional freeze or allocation of a frozen page.
@fa exists@
expression P, E, N;
position p1, p2 : script:python() { not rg_exempt(p2) };
statement S;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier sf = {set_page_count_as_frozen}; // api: RG_SET_FROZEN
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof, __alloc_frozen_pages, __alloc_frozen_pages_noprof, alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof}; // api: RG_ALLOC_FROZEN
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

(
if (!tz@p1(P, ...)) S
|
sf@p1(P);
|
P = al@p1(...);
)
... when != end(P, ...)
    when != P = E
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(P, ...);
|
if (<+... ar@p2(P, ...) ...+>) S
|
E = ar@p2(P, ...);
|
return ar@p2(P, ...);
)

// Frozen inside the branch of a successful freeze test.
@fb exists@
expression P, E, N;
position p1, p2 : script:python() { not rg_exempt(p2) };
statement S;
identifier tz = {page_ref_freeze, folio_ref_freeze, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_FREEZE RG_TEST_ZERO
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

if (tz@p1(P, ...)) {
... when != end(P, ...)
    when != P = E
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(P, ...);
|
if (<+... ar@p2(P, ...) ...+>) S
|
E = ar@p2(P, ...);
|
return ar@p2(P, ...);
)
... when any
}

// Frozen from a declaration's initializer: a page from the frozen
// allocator.
@fc exists@
identifier P;
type T;
expression E, N;
position p1, p2 : script:python() { not rg_exempt(p2) };
statement S;
identifier al = {alloc_frozen_pages, alloc_frozen_pages_noprof, __alloc_frozen_pages, __alloc_frozen_pages_noprof, alloc_frozen_pages_nolock, alloc_frozen_pages_nolock_noprof}; // api: RG_ALLOC_FROZEN
identifier end = {init_page_count, init_folio_count, set_page_refcounted, page_ref_unfreeze, folio_ref_unfreeze, free_frozen_pages, free_unref_page, __free_pages_ok, __folio_put, free_compound_page}; // api: RG_INIT RG_UNFREEZE RG_CONSUME_FROZEN
identifier ar = {page_ref_add, folio_ref_add, page_ref_inc, folio_ref_inc, page_ref_inc_return, folio_ref_inc_return, get_page, folio_get, folio_ref_add_return, page_ref_sub, folio_ref_sub, page_ref_dec, folio_ref_dec, page_ref_sub_return, folio_ref_sub_return, page_ref_dec_return, folio_ref_dec_return, put_page, folio_put, folio_put_refs, page_ref_sub_and_test, folio_ref_sub_and_test, page_ref_dec_and_test, folio_ref_dec_and_test, put_page_testzero, folio_put_testzero}; // api: RG_GET RG_PUT RG_TEST_ZERO
identifier tg = {page_ref_add_unless, folio_ref_add_unless, page_ref_add_unless_zero, page_ref_add_unless_locked, folio_try_get, folio_ref_try_add, get_page_unless_zero, try_get_page}; // api: RG_TRY_GET
identifier rs = {set_page_count, folio_set_count}; // api: RG_SET
@@

T P = al@p1(...);
... when != end(P, ...)
    when != P = E
    when != tg(P, ...)
    when != rs(P, N)
(
ar@p2(P, ...);
|
if (<+... ar@p2(P, ...) ...+>) S
|
E = ar@p2(P, ...);
|
return ar@p2(P, ...);
)

@depends on context@
identifier fa.ar;
position fa.p2;
@@

* ar@p2(...)

@depends on context@
identifier fb.ar;
position fb.p2;
@@

* ar@p2(...)

@depends on context@
identifier fc.ar;
position fc.p2;
@@

* ar@p2(...)

@script:python depends on report@
ar << fa.ar;
p1 << fa.p1;
p2 << fa.p2;
@@
# p2 == p1: a loop whose iterator (a macro) hides the reassignment
# brings the freeze test back to itself; that is not arithmetic.
if rg_key(p1) != rg_key(p2):
	rg_emit(p2[0], RG_MESSAGE % ar, [ar, "", "", p1[0].line, p1[0].column])

@script:python depends on report@
ar << fb.ar;
p1 << fb.p1;
p2 << fb.p2;
@@
# p2 == p1: a loop whose iterator (a macro) hides the reassignment
# brings the freeze test back to itself; that is not arithmetic.
if rg_key(p1) != rg_key(p2):
	rg_emit(p2[0], RG_MESSAGE % ar, [ar, "", "", p1[0].line, p1[0].column])

@script:python depends on report@
ar << fc.ar;
p1 << fc.p1;
p2 << fc.p2;
@@
rg_emit(p2[0], RG_MESSAGE % ar, [ar, "", "", p1[0].line, p1[0].column])

@script:python depends on org@
ar << fa.ar;
p2 << fa.p2;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fb.ar;
p2 << fb.p2;
@@
rg_org(p2, RG_MESSAGE % ar)

@script:python depends on org@
ar << fc.ar;
p2 << fc.p2;
@@
rg_org(p2, RG_MESSAGE % ar)

// SPDX-License-Identifier: GPL-2.0
/*
 * Held-out frozen-arith cases, mm/migrate.c and mm/huge_memory.c style:
 * freezing a folio to split or move it, and the error paths around it.
 * Written apart from the rules' development; "hd_" functions stand for
 * the surrounding mm code.
 */
#include <linux/mm.h>

#define EAGAIN	11
#define EBUSY	16

struct address_space;
int hd_split_prepare(struct folio *folio);
void hd_split_finish(struct folio *folio);
void hd_account(struct folio *folio);
void hd_count_failure(void);
bool hd_folio_test_lru(struct folio *folio);
void hd_isolate(struct folio *folio);

/* The split fails after the freeze: the error label puts a frozen folio. */
int hd_split_folio(struct folio *folio, int extra)
{
	int ret = 0;

	if (!folio_ref_freeze(folio, 1 + extra)) /* { dg-note "the page was frozen here" } */
		return -EAGAIN;
	if (hd_split_prepare(folio)) {
		ret = -EBUSY;
		goto fail;
	}
	hd_split_finish(folio);
	folio_ref_unfreeze(folio, 1 + extra);
	return 0;
fail:
	folio_put(folio); /* { dg-warning "'folio_put' on a page that is frozen" } */
	return ret;
}

/* Clean: the same split, unfrozen before the error label's put. */
int hd_split_folio_ok(struct folio *folio, int extra)
{
	int ret = 0;

	if (!folio_ref_freeze(folio, 1 + extra))
		return -EAGAIN;
	if (hd_split_prepare(folio))
		ret = -EBUSY;
	else
		hd_split_finish(folio);
	folio_ref_unfreeze(folio, 1 + extra);
	if (ret)
		folio_put(folio);
	return ret;
}

/* A batch drop inside the success branch, used as a condition. */
void hd_batch_drop(struct folio *folio, int nr)
{
	if (folio_ref_freeze(folio, nr)) { /* { dg-note "the page was frozen here" } */
		if (folio_ref_sub_return(folio, nr)) /* { dg-warning "'folio_ref_sub_return' on a page that is frozen" } */
			hd_account(folio);
	}
}

/* The freeze only runs when the folio is locked: unlocked ones go on live. */
int hd_isolate_locked(struct folio *folio, bool locked)
{
	if (locked && !folio_ref_freeze(folio, 2)) /* { dg-note "the page was frozen here" } */
		return -EBUSY;
	folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
	return 0;
}

/* A failed freeze or a missing mapping is only counted, and the code goes on. */
void hd_or_goes_on(struct folio *folio, struct address_space *mapping)
{
	if (!folio_ref_freeze(folio, 2) || !mapping) /* { dg-note "the page was frozen here" } */
		hd_count_failure();
	folio_put(folio); /* { dg-warning "'folio_put' on a page that is frozen" } */
}

/* Clean: both ways out of the test leave, the frozen one unfrozen. */
int hd_or_returns(struct folio *folio, struct address_space *mapping)
{
	if (!folio_ref_freeze(folio, 2) || !mapping)
		return -EAGAIN;
	hd_split_finish(folio);
	folio_ref_unfreeze(folio, 2);
	folio_get(folio);
	return 0;
}

/* The last reference dropped by a test-to-zero in a joint condition. */
void hd_lru_release(struct folio *folio)
{
	if (hd_folio_test_lru(folio) && folio_put_testzero(folio)) { /* { dg-note "the page was frozen here" } */
		hd_isolate(folio);
		folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
	}
}

/* Retrying the freeze until it works, then taking a reference anyway. */
void hd_retry_freeze(struct folio *folio)
{
	do {
		hd_account(folio);
	} while (!folio_ref_freeze(folio, 1)); /* { dg-note "the page was frozen here" } */
	folio_ref_inc(folio); /* { dg-warning "'folio_ref_inc' on a page that is frozen" } */
}

/* Clean: a retry loop whose frozen folio is unfrozen before the get. */
void hd_retry_unfreeze(struct folio *folio)
{
	while (!folio_ref_freeze(folio, 1))
		hd_count_failure();
	folio_ref_unfreeze(folio, 2);
	folio_get(folio);
}

/* Clean: reading the count of a frozen folio is allowed. */
int hd_frozen_count(struct folio *folio)
{
	int n;

	if (!folio_ref_freeze(folio, 3))
		return -EAGAIN;
	n = folio_ref_count(folio);
	folio_ref_unfreeze(folio, 3);
	return n;
}

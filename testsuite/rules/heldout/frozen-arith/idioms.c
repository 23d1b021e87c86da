// SPDX-License-Identifier: GPL-2.0
/*
 * Held-out frozen-arith cases in idioms found across mm/: a result mapped
 * to an error code, a shared unlock label, a reference taken through a
 * local macro, a page handed to a helper.
 */
#include <linux/mm.h>

#define EAGAIN	11

struct hd_lock { int locked; };
void hd_spin_lock(struct hd_lock *lock);
void hd_spin_unlock(struct hd_lock *lock);
void hd_clear_mapping(struct folio *folio);
void hd_touch(struct page *page);

#define hd_grab(p)	get_page(p) /* { dg-warning "'get_page' on a page that is frozen" } */ /* known-miss: cocci: spatch does not expand the macro at its use */

/* The freeze result mapped to an error code, then tested. */
int hd_errno(struct page *page)
{
	int ret = page_ref_freeze(page, 1) ? 0 : -EAGAIN; /* { dg-note "the page was frozen here" } */

	if (ret)
		return ret;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	return 0;
}

/* Both ways reach the unlock label; the put after it may see a frozen folio. */
void hd_unlock_label(struct folio *folio, struct hd_lock *lock)
{
	hd_spin_lock(lock);
	if (!folio_ref_freeze(folio, 1)) /* { dg-note "the page was frozen here" } */
		goto unlock;
	hd_clear_mapping(folio);
unlock:
	hd_spin_unlock(lock);
	folio_put(folio); /* { dg-warning "'folio_put' on a page that is frozen" } */
}

/* Clean: the shared label is reached unfrozen both ways. */
void hd_unlock_label_ok(struct folio *folio, struct hd_lock *lock)
{
	hd_spin_lock(lock);
	if (!folio_ref_freeze(folio, 1))
		goto unlock;
	hd_clear_mapping(folio);
	folio_ref_unfreeze(folio, 1);
unlock:
	hd_spin_unlock(lock);
	folio_put(folio);
}

/* A reference taken through a local wrapper macro. */
void hd_macro_get(struct page *page)
{
	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */ /* known-miss: cocci: as below */
		return;
	hd_grab(page); /* the plugin reports it in the macro body, as GCC does */
}

/* Clean: handed to a helper still frozen, which frees it. */
void hd_hand_over(unsigned int order)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, order);

	if (!page)
		return;
	hd_touch(page);
	free_frozen_pages(page, order);
}

/* Clean: unlikely() failure branch takes the reference, success unfreezes. */
int hd_unlikely_fail(struct folio *folio)
{
	if (unlikely(!folio_ref_freeze(folio, 2))) {
		folio_get(folio);
		return -EAGAIN;
	}
	folio_ref_unfreeze(folio, 2);
	return 0;
}

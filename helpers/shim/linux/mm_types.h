/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/mm_types.h: just enough of struct page and
 * struct folio for page_ref.h.  As in the kernel, a folio overlays its
 * head page, so folio->_refcount and folio->page._refcount are the same
 * atomic_t; the static asserts below hold the harness to that.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <assert.h>
#include <linux/types.h>

struct page {
	unsigned long flags;
	unsigned long compound_head;	/* bit 0 set: tail page */
	void *mapping;
	unsigned long private;
	atomic_t _mapcount;
	atomic_t _refcount;
};

struct folio {
	union {
		struct {
			unsigned long flags;
			unsigned long _unused_lru;
			void *mapping;
			unsigned long private;
			atomic_t _mapcount;
			atomic_t _refcount;
		};
		struct page page;
	};
};

#define RG_FOLIO_MATCH(pg, fl)						\
	static_assert(offsetof(struct page, pg) == offsetof(struct folio, fl), \
		      "struct folio must overlay struct page: " #fl)
RG_FOLIO_MATCH(flags, flags);
RG_FOLIO_MATCH(compound_head, _unused_lru);
RG_FOLIO_MATCH(_refcount, _refcount);
#undef RG_FOLIO_MATCH
static_assert(sizeof(struct folio) == sizeof(struct page),
	      "a folio is its head page here");

#endif

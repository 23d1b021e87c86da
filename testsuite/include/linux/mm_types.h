/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/mm_types.h: struct page and struct folio
 * with the kernel's layout where it matters to refguard: the folio's
 * _refcount sits in an anonymous struct inside a union, overlaying the
 * head page's.  Functions defined here are exempt, as in the kernel.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/atomic.h>

struct address_space;

struct page {
	unsigned long flags;
	struct address_space *mapping;
	unsigned long index;
	unsigned long private;
	atomic_t _mapcount;
	/* Usage count. *DO NOT USE DIRECTLY*. See page_ref.h */
	atomic_t _refcount;
	unsigned long memcg_data;
};

struct folio {
	union {
		struct {
			unsigned long flags;
			struct address_space *mapping;
			unsigned long index;
			unsigned long private;
			atomic_t _mapcount;
			atomic_t _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
	unsigned long _flags_1;
	unsigned long _head_1;
};

#endif /* _LINUX_MM_TYPES_H */

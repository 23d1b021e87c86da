// SPDX-License-Identifier: GPL-2.0
/*
 * Taking only the address of _refcount is not a value access: a
 * wait_var_event() key, a wake_up_var() argument, a prefetch() hint, a
 * pointer kept for later comparison.  Only the atomic_read() inside the
 * wait condition is one.  Shapes from fs/ext4/inode.c, mm/memremap.c and
 * drivers/net/ethernet/cavium/thunder/nicvf_queues.c.
 */
/* { dg-options "-fsyntax-only" } */
#include <linux/mm.h>

struct wait_queue_head;
struct wait_queue_head *__var_waitqueue(void *p);
void wake_up_var(void *var);
void schedule(void);

#define prefetch(x) __builtin_prefetch(x)

#define ___wait_var_event(var, condition)				\
do {									\
	struct wait_queue_head *__wq_head = __var_waitqueue(var);	\
	(void)__wq_head;						\
	while (!(condition))						\
		schedule();						\
} while (0)

#define wait_var_event(var, condition)					\
do {									\
	if (condition)							\
		break;							\
	___wait_var_event(var, condition);				\
} while (0)

void ext4_break_layouts(struct page *page)
{
	___wait_var_event(&page->_refcount, atomic_read(&page->_refcount) == 1); /* { dg-warning "use 'page_ref_count'" } */
										 /* { dg-fixit "page_ref_count(page)" .-1 } */
}

/* The condition is expanded twice: one finding, one fix-it. */
void wait_twice(struct page *page)
{
	wait_var_event(&page->_refcount, !atomic_read(&page->_refcount)); /* { dg-warning "use 'page_ref_count'" } */
									  /* { dg-fixit "page_ref_count(page)" .-1 } */
}

void free_zone_device_folio(struct folio *folio)
{
	wake_up_var(&folio->_refcount);
}

void nicvf_alloc_page(struct page *page)
{
	prefetch(&page->_refcount);
	__builtin_prefetch(&page[1]._refcount, 1, 3);
}

bool same_counter(struct page *a, const atomic_t *v)
{
	const atomic_t *mine = &a->_refcount;

	return mine == v || &a->_refcount == v;
}

void *key_of(struct folio *folio)
{
	return &folio->_refcount;
}

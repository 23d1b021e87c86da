/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for the kernel's include/linux/types.h in refguard's engine
 * tests: just enough for kernel-style test code to compile stand-alone.
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>

typedef unsigned int gfp_t;
typedef struct { int counter; } atomic_t;

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __always_inline	inline __attribute__((__always_inline__))

#define GFP_KERNEL	0x0cc0u

#endif /* _LINUX_TYPES_H */

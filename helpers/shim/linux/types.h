/* SPDX-License-Identifier: GPL-2.0 */
/* Stands in for include/linux/types.h: atomic_t and the basic kernel types. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

/* Same layout as the kernel's: the counter is a plain int. */
typedef struct {
	int counter;
} atomic_t;

#endif

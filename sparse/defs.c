// SPDX-License-Identifier: GPL-2.0
/*
 * Every function definition sparse's parser saw in the unit, and whether
 * the engine accounted for it (internal.h, docs/design.md "Contracts").
 *
 * The engine reaches function bodies by several roads: the unit's list
 * of definitions, the inline functions of the file and global scopes,
 * the GNU C nested functions of either.  A body no road reaches would be
 * silently skipped: a nested function inside a statement expression, or
 * one under typeof(), or a road not thought of.  So the definitions are
 * counted where the parser makes them, independently of those roads:
 * refguard is linked with --wrap=check_declaration, which sparse's parser
 * calls for every declaration, a definition right after its body is
 * parsed (parse_function_body()).  At the end of the unit, each one must
 * have been analysed, recorded unchecked, screened (its own body was
 * walked and calls no API function: the flow rules have nothing to
 * follow, and the syntactic rules saw it) or be exempt; any other is
 * recorded unchecked (engine.c).
 *
 * The marks are a set of symbol pointers, open addressing: a kernel unit
 * defines a few thousand functions, most of them inlines in headers.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void __real_check_declaration(struct symbol *sym);
void __wrap_check_declaration(struct symbol *sym);

static bool collecting;
static struct symbol_list *parsed;

static struct symbol **marks;
static unsigned int nr_marks, cap_marks;

void __wrap_check_declaration(struct symbol *sym)
{
	struct symbol *base = sym ? sym->ctype.base_type : NULL;

	__real_check_declaration(sym);
	if (collecting && base && base->type == SYM_FN &&
	    (base->stmt || base->inline_stmt))
		add_symbol(&parsed, sym);
}

void rg_defs_collect(bool on)
{
	collecting = on;
}

struct symbol_list *rg_defs_parsed(void)
{
	return parsed;
}

/* Fibonacci hashing: the product's high bits mix all of the pointer's. */
static unsigned int slot(const struct symbol *sym, unsigned int cap)
{
	return ((unsigned long long)(unsigned long)sym * 0x9e3779b97f4a7c15ull >> 32) % cap;
}

static bool grow(void)
{
	unsigned int cap = cap_marks ? 2 * cap_marks : 1024, i, s;
	struct symbol **n = calloc(cap, sizeof(*n));

	if (!n)
		return false;
	for (i = 0; i < cap_marks; i++) {
		if (!marks[i])
			continue;
		for (s = slot(marks[i], cap); n[s]; s = (s + 1) % cap)
			;
		n[s] = marks[i];
	}
	free(marks);
	marks = n;
	cap_marks = cap;
	return true;
}

bool rg_defs_accounted(const struct symbol *sym)
{
	unsigned int s;

	if (!cap_marks)
		return false;
	for (s = slot(sym, cap_marks); marks[s]; s = (s + 1) % cap_marks)
		if (marks[s] == sym)
			return true;
	return false;
}

/*
 * SYM's body was analysed, recorded unchecked or screened.  Should the
 * set not grow, the mark is lost and SYM is recorded unchecked at the
 * end: failing closed.
 */
void rg_defs_account(struct symbol *sym)
{
	unsigned int s;

	if (!sym || rg_defs_accounted(sym))
		return;
	if (2 * (nr_marks + 1) > cap_marks && !grow())
		return;
	for (s = slot(sym, cap_marks); marks[s]; s = (s + 1) % cap_marks)
		;
	marks[s] = sym;
	nr_marks++;
}

void rg_defs_reset(void)
{
	free_ptr_list(&parsed);
	free(marks);
	marks = NULL;
	nr_marks = cap_marks = 0;
}

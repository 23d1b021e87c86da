/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fix-it hints for the syntactic rules, built from the spelled source of
 * a call rather than from its trees.
 *
 * At PLUGIN_PRE_GENERICIZE the C front end has dropped the argument
 * locations it had while parsing (constants and plain variables carry no
 * location at all), so a rewrite cannot be assembled from the argument
 * trees.  What survives is the call's own range, callee name to closing
 * parenthesis.  fixit.c reads that source line back, splits the argument
 * list at top-level commas and checks the text against the call tree
 * (callee name, argument count); a rewrite is then made of the original
 * argument text.  Whenever the check fails (call spread over lines,
 * callee and parenthesis spelled in different macro contexts, argument
 * count changed by a macro, ...) no fix-it is given: one that does not
 * apply is worse than none.
 */
#ifndef REFGUARD_FIXIT_H
#define REFGUARD_FIXIT_H

#include "refguard.h"

#define RG_CALL_MAX_ARGS 4

/* A call as spelled on one source line; offsets index LINE. */
struct rg_call_text {
	char *line;		/* copy of the source line, NUL-terminated */
	location_t base;	/* ordinary location of the callee name */
	int name;		/* offset of the callee name */
	int name_len;
	int open, close;	/* offsets of '(' and the matching ')' */
	int nargs;
	int arg_begin[RG_CALL_MAX_ARGS];	/* trimmed [begin, end) */
	int arg_end[RG_CALL_MAX_ARGS];
};

/*
 * Read back the spelled text of CALL (a CALL_EXPR to a function named
 * NAME).  Returns false, leaving nothing to free, when the text cannot be
 * trusted to be this call.
 */
bool rg_call_text_get(tree call, const char *name, struct rg_call_text *ct);
void rg_call_text_free(struct rg_call_text *ct);

/* Argument I's text as a fresh string (free it with free()). */
char *rg_call_text_arg(const struct rg_call_text *ct, int i);

/* Is argument I an integer literal whose value is VALUE? */
bool rg_call_text_arg_is_int(const struct rg_call_text *ct, int i, long value);

/*
 * The pointer to the page or folio whose _refcount argument I takes the
 * address of: "P" for "&P->_refcount", "&S" for "&S._refcount".  NULL
 * when the text is anything else (a macro, parentheses, ...).
 */
char *rg_call_text_refcount_owner(const struct rg_call_text *ct, int i);

/*
 * Add to RICHLOC the fix-its that turn the call into NEW_NAME(NEW_ARGS).
 * Returns false (and RICHLOC has no fix-its) if GCC refused them.
 */
bool rg_fixit_rewrite_call(rich_location *richloc,
			   const struct rg_call_text *ct,
			   const char *new_name, const char *new_args);

/*
 * Add to RICHLOC the fix-it renaming the callee NAME of the call at LOC
 * (GCC's C front end puts a call's location on its callee name) to
 * REPLACEMENT: set_page_count(P, N) -> page_ref_unfreeze(P, N).  Only
 * where NAME is spelled there, in the main source and not in a macro
 * body; otherwise RICHLOC gets no fix-it.
 */
void rg_fixit_rename_callee(rich_location *richloc, location_t loc,
			    const char *name, const char *replacement);

/*
 * Does CALL pass as many arguments as FNDECL's prototype takes?  After a
 * "too many arguments" error the call tree still stands, and rewriting it
 * from the catalogue's argument positions would be wrong.
 */
bool rg_args_match_prototype(tree call, tree fndecl);

/* FIRST, then CT's arguments in the order ORDER (-1 ends it), ", "-joined. */
char *rg_join_args(const struct rg_call_text *ct, const int *order,
		   const char *first);

#endif /* REFGUARD_FIXIT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helper roles read from their definitions (issue 18, item 4).
 *
 * rules/spellings.def names every spelling the series has posted, but
 * the authors keep renaming (folio_init_count() after v4) and adding
 * helpers (page_is_frozen()): a table of names always trails the
 * series.  A `static inline` of the tree's page_ref.h or mm.h that no
 * table lists is classified here by its body, from its source text:
 *
 *   stores a constant 1 to _refcount (set_page_count(), folio_set_count(),
 *   atomic_set() on _refcount, or a known init)	-> init of its object
 *   stores the frozen bit (0 where the tree has none), or calls a known
 *   frozen setter					-> frozen setter
 *   returns a test of the frozen bit, or a known predicate	-> frozen predicate
 *   a conditional add failing on a frozen count, or a call of a known
 *   speculative get					-> speculative get
 *
 * One classifier over text, so that every engine reaches the same answer
 * from the same definition: the plugin and the sparse engine hand it the
 * file and line of a definition their front end made (so a helper under
 * #if 0 is never learned there), the driver (fix, report, fix --series,
 * helpers) the tree's headers.  What is learned joins the spelling table
 * for the rest of the process (rg_role_spellings(), rg_spelling_role())
 * with the origin "its definition", and is an API function of the
 * role's kind for the flow rules (rg_learned_api()).
 */
#ifndef REFGUARD_HELPER_ROLES_H
#define REFGUARD_HELPER_ROLES_H

#include <stdbool.h>

#include "catalogue.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rg_role_guess {
	enum rg_name_role role;
	enum rg_object object;
	int arity;
};

/* The origin a learned spelling carries (struct rg_spelling's origin). */
#define RG_LEARNED_ORIGIN "its definition"

/*
 * Classify the definition of NAME that begins on line LINE (1-based; 0:
 * anywhere) of TEXT, a header's whole text.  Returns 0 with *G filled,
 * or -1 when it is not a static inline of a role.
 */
int rg_role_classify(const char *text, unsigned int line, const char *name,
		     struct rg_role_guess *g);

/*
 * The number of parameters of NAME as TEXT (a header) defines it: a
 * function definition, else a function-like #define; -1 when neither
 * (an object-like macro, or no definition), *LINE its line (0: none).
 */
int rg_definition_arity(const char *text, const char *name, unsigned int *line);

/*
 * Classify NAME's definition at FILE:LINE of TEXT and, when it has a
 * role and no table knows NAME, learn it.  Returns the learned
 * spelling, or NULL.
 */
const struct rg_spelling *rg_role_learn_at(const char *text, const char *file,
					   unsigned int line, const char *name);
/* The same for every function definition of TEXT; how many were learned. */
unsigned int rg_role_learn_header(const char *text, const char *file);
/*
 * A copy of TEXT with comments blanked (string and character literals'
 * contents too with BLANK_LITERALS), newlines kept; NULL without memory.
 */
char *rg_text_strip(const char *text, bool blank_literals);

/*
 * The registry of what was learned (rules/catalogue.c): add NAME, NULL
 * if it is there already or the registry is full; find it.
 */
const struct rg_spelling *rg_learned_add(const char *name, enum rg_name_role role,
					 enum rg_object object, int arity,
					 enum rg_api_kind kind, const char *where);
const struct rg_spelling *rg_learned_find(const char *name);

/* The spellings learned so far, in the order learned. */
unsigned int rg_learned_count(void);
const struct rg_spelling *rg_learned_spelling(unsigned int i);
/* Where NAME was learned from, "file:line", or NULL if it was not. */
const char *rg_learned_where(const char *name);
/* NAME as an API function of its role's kind, or NULL if not learned. */
const struct rg_api *rg_learned_api(const char *name);
/*
 * Say on stderr, once per process, that NAME's role comes from its
 * definition: "refguard: folio_init_count(): folio init, from its
 * definition (FILE:LINE)".  Nothing for a name the table knows.
 */
void rg_learned_say(const char *name);
/*
 * While DEFER (stderr is held elsewhere: `refguard check` holds sparse's
 * errors), rg_learned_say() only notes; rg_learned_flush() says what
 * was noted.
 */
void rg_learned_defer(bool defer);
void rg_learned_flush(void);

#ifdef __cplusplus
}
#endif

#endif

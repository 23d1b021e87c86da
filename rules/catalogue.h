/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rule catalogue as C data, shared by the GCC plugin (built as C++)
 * and the driver (C).  The facts live in the .def files next to this
 * header; this file only gives them types.
 */
#ifndef REFGUARD_CATALOGUE_H
#define REFGUARD_CATALOGUE_H

#ifdef __cplusplus
extern "C" {
#endif

enum rg_rule {
#define RULE(id, name, sev, msg, msg_fix, note, why) RG_RULE_##id,
#include "rules.def"
#undef RULE
	RG_NR_RULES
};

struct rg_rule_info {
	const char *name;		/* "raw-set-count" */
	const char *severity;		/* "warning" */
	const char *message;		/* GCC format, %qs only */
	const char *message_with_rewrite;
	const char *note;
	const char *rationale;
};

/* What a call does to the refcount state of the page it names. */
enum rg_api_kind {
	RG_SET,			/* raw store of a count */
	RG_INIT,		/* makes the page live */
	RG_SET_FROZEN,		/* makes the page frozen */
	RG_FREEZE,		/* frozen when it returns non-zero */
	RG_UNFREEZE,		/* needs frozen, makes live */
	RG_GET,			/* needs live, stays live */
	RG_PUT,			/* needs live, ownership may end */
	RG_TEST_ZERO,		/* needs live, frozen when it returns non-zero */
	RG_TRY_GET,		/* legal when frozen, live when it returns non-zero */
	RG_READ,		/* legal in every state */
	RG_ALLOC_FROZEN,	/* returns a frozen page */
	RG_CONSUME_FROZEN,	/* takes a frozen page, ends ownership */
	RG_CONVERT,		/* returns the same refcount (page <-> folio) */
};

enum rg_object { RG_OBJ_PAGE, RG_OBJ_FOLIO };

struct rg_api {
	const char *name;
	enum rg_api_kind kind;
	enum rg_object object;
	int page_arg;		/* -1: the return value */
	int value_arg;		/* -1: none */
	const char *unfreeze_with;
};

struct rg_set_rewrite {
	const char *setter;
	int value;
	const char *replacement;
};

enum rg_direct_args { RG_ARGS_V, RG_ARGS_V_N, RG_ARGS_N_V, RG_ARGS_V_N_U };

struct rg_direct {
	const char *atomic_op;
	const char *page_helper;	/* "" when there is none */
	const char *folio_helper;
	enum rg_direct_args args;
};

extern const struct rg_rule_info rg_rules[RG_NR_RULES];
extern const struct rg_api rg_api_table[];
extern const unsigned int rg_api_count;
extern const struct rg_set_rewrite rg_set_rewrites[];
extern const unsigned int rg_set_rewrite_count;
extern const struct rg_direct rg_direct_table[];
extern const unsigned int rg_direct_count;

/*
 * Files whose function definitions are the helpers themselves and are
 * exempt from every rule, matched as path suffixes.
 */
extern const char *const rg_helper_files[];
extern const unsigned int rg_helper_file_count;

const char *rg_api_kind_name(enum rg_api_kind kind);

/* Linear lookups for cold paths; hot paths build their own index. */
const struct rg_api *rg_api_find(const char *name);
int rg_rule_find(const char *name);	/* enum rg_rule or -1 */
const char *rg_set_rewrite_find(const char *setter, long value);
const struct rg_direct *rg_direct_find(const char *atomic_op);

#ifdef __cplusplus
}
#endif

#endif /* REFGUARD_CATALOGUE_H */

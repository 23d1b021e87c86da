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
#define KIND(id, name, summary, check, effect) RG_##id,
#include "kinds.def"
#undef KIND
};

/* Counted apart, so that a switch over enum rg_api_kind stays complete. */
enum {
#define KIND(id, name, summary, check, effect) RG_KIND_INDEX_##id,
#include "kinds.def"
#undef KIND
	RG_NR_KINDS
};

/* A set of kinds, as engines.def's select_kinds: RG_K(FREEZE) | ... */
#define RG_K(id) (1u << RG_##id)

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

/*
 * rewrite.def's LIVE_SET: what a raw store of VALUE means on a page the
 * function holds a reference to on every path (a drop, not a freeze).
 */
struct rg_live_set {
	const char *setter;
	int value;
	const char *suggestion;	/* named in the message, never a fix-it */
	const char *reason;	/* the finding's note */
};

enum rg_direct_args { RG_ARGS_V, RG_ARGS_V_N, RG_ARGS_N_V, RG_ARGS_V_N_U };

struct rg_direct {
	const char *atomic_op;
	const char *page_helper;	/* "" when there is none */
	const char *folio_helper;
	enum rg_direct_args args;
};

/*
 * rules/spellings.def: the roles the series renamed and their spellings.
 * (enum rg_name_role, not rg_role: `refguard helpers` has its own.)
 */
enum rg_name_role {
#define ROLE(id, label, required) RG_NAME_ROLE_##id,
#define SPELLING(role, name, object, arity, origin)
#define DEFAULT(role, names, name)
#include "spellings.def"
#undef ROLE
#undef SPELLING
#undef DEFAULT
	RG_NR_NAME_ROLES
};

struct rg_name_role_info {
	const char *id;			/* "SET_FROZEN" */
	const char *label;		/* "frozen setter" */
	int required;			/* spellings.def: true/false */
};

struct rg_spelling {
	enum rg_name_role role;
	const char *name;
	enum rg_object object;
	int arity;			/* -1: an object-like macro */
	const char *origin;		/* "v4" */
};

struct rg_name_default {
	enum rg_name_role role;
	const char *names;		/* the --names set: "design", "v4" */
	const char *name;
};

extern const struct rg_name_role_info rg_name_roles[RG_NR_NAME_ROLES];
extern const struct rg_spelling rg_spellings[];
extern const unsigned int rg_spelling_count;
extern const struct rg_name_default rg_name_defaults[];
extern const unsigned int rg_name_default_count;

/* The role NAME spells, or -1 when no renamed role has that name. */
int rg_spelling_role(const char *name);
/*
 * The spellings of ROLE, oldest first: fills OUT with up to MAX of them
 * and returns how many there are.
 */
unsigned int rg_role_spellings(enum rg_name_role role,
			       const struct rg_spelling **out, unsigned int max);
/* What an engine's front end says about a declaration of a spelling. */
struct rg_decl {
	int used;		/* the unit's code uses it */
	int arity;		/* its number of parameters; -1: unknown */
	char where[256];	/* "file:line" of the declaration, or "" */
};

/*
 * The unit's own spelling of the helper NAME: of its role's spellings of
 * NAME's arity, the one the unit declares, or of several the one its code
 * uses, else the newest, saying why in *why (malloc'd; NULL when there
 * was no choice).  NAME when the unit declares none: the tree adds it.
 * declared() is the engine's front end answering whether the unit
 * declares SPELLING as a function, and filling *D.  A spelling declared
 * with another number of arguments than the table's is not a spelling of
 * the role there (issue 20, item 8): the choice skips it and says so in
 * *why; when NAME itself is declared so, there is no name to rewrite to
 * and the result is NULL (the caller reports without a rewrite, or
 * refuses), *why naming the declaration.
 */
const char *rg_unit_spelling_of(const char *name,
				int (*declared)(const char *spelling, struct rg_decl *d),
				char **why);
/* Is NAMES a --names set of spellings.def's DEFAULT entries? */
int rg_names_set_known(const char *names);
/* The name set NAMES gives ROLE, or NULL when it adds none. */
const char *rg_role_default(enum rg_name_role role, const char *names);

extern const struct rg_rule_info rg_rules[RG_NR_RULES];
extern const struct rg_api rg_api_table[];
extern const unsigned int rg_api_count;
extern const struct rg_set_rewrite rg_set_rewrites[];
extern const unsigned int rg_set_rewrite_count;
extern const struct rg_live_set rg_live_sets[];
extern const unsigned int rg_live_set_count;
extern const struct rg_direct rg_direct_table[];
extern const unsigned int rg_direct_count;

/*
 * Files whose function definitions are the helpers themselves and are
 * exempt from every rule, matched as path suffixes.
 */
extern const char *const rg_helper_files[];
extern const unsigned int rg_helper_file_count;

/* rules/engines.def: who serves which rule. */
enum rg_engine {
#define ENGINE(id, name, summary) RG_ENGINE_##id,
#define PASS(id, engine, name, summary)
#define SERVE(rule, pass, modes, kinds, token)
#define COVER(rule, pass)
#include "engines.def"
#undef ENGINE
#undef PASS
#undef SERVE
#undef COVER
	RG_NR_ENGINES
};

enum rg_pass {
#define ENGINE(id, name, summary)
#define PASS(id, engine, name, summary) RG_PASS_##id,
#define SERVE(rule, pass, modes, kinds, token)
#define COVER(rule, pass)
#include "engines.def"
#undef ENGINE
#undef PASS
#undef SERVE
#undef COVER
	RG_NR_PASSES
};

#define RG_MODE_REPORT	1u	/* finds the rule's findings */
#define RG_MODE_FIX	2u	/* and rewrites them where a rewrite exists */

struct rg_engine_info {
	const char *name;		/* "plugin", "cocci", "sparse" */
	const char *summary;
};

struct rg_pass_info {
	enum rg_engine engine;
	const char *name;		/* "syntactic", "flow", "cocci" */
	const char *summary;
};

struct rg_serve {
	enum rg_rule rule;
	enum rg_pass pass;
	unsigned int modes;		/* RG_MODE_* */
	unsigned int select_kinds;	/* RG_K() set: names that select a file */
	const char *select_token;	/* another selecting word, "" if none */
};

extern const struct rg_engine_info rg_engines[RG_NR_ENGINES];
extern const struct rg_pass_info rg_passes[RG_NR_PASSES];
extern const struct rg_serve rg_serves[];
extern const unsigned int rg_serve_count;

struct rg_kind_info {
	const char *name;		/* "freeze", as in rules/kinds.def */
	const char *summary;
};
extern const struct rg_kind_info rg_kinds[RG_NR_KINDS];

const char *rg_api_kind_name(enum rg_api_kind kind);
int rg_api_kind_find(const char *name);	/* enum rg_api_kind or -1 */
int rg_engine_find(const char *name);	/* enum rg_engine or -1 */
/* The pass of ENGINE called NAME, enum rg_pass, or -1. */
int rg_pass_find(enum rg_engine engine, const char *name);

/* Rule sets, as bits 1u << enum rg_rule. */
#define RG_RULE_BIT(rule)	(1u << (rule))
#define RG_ALL_RULES		((1u << RG_NR_RULES) - 1)

/*
 * The rules PASS may say it checked a function for: those it serves and
 * those it covers (engines.def).  Every coverage claim goes through it.
 */
unsigned int rg_pass_rules(enum rg_pass pass);
/* The rules ENGINE serves: what its passes together must cover. */
unsigned int rg_engine_rules(enum rg_engine engine);

/*
 * The entry of engines.def by which ENGINE serves RULE with MODE, or
 * NULL.  With several passes, the first one listed.
 */
const struct rg_serve *rg_served_by(enum rg_rule rule, enum rg_engine engine,
				    unsigned int mode);
/* Does the file text TEXT name something SERVE selects files by? */
int rg_serve_selects(const struct rg_serve *serve, const char *text);

/* Linear lookups for cold paths; hot paths build their own index. */
const struct rg_api *rg_api_find(const char *name);
int rg_rule_find(const char *name);	/* enum rg_rule or -1 */
const char *rg_set_rewrite_find(const char *setter, long value);
const struct rg_live_set *rg_live_set_find(const char *setter, long value);
const struct rg_direct *rg_direct_find(const char *atomic_op);

#ifdef __cplusplus
}
#endif

#endif /* REFGUARD_CATALOGUE_H */

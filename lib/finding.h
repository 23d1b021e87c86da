/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one in-memory finding type, and the one module that collects,
 * deduplicates, sorts, matches against a baseline and prints findings.
 *
 * Every engine (the GCC plugin's record file, the Coccinelle runner, the
 * sparse engine) hands its results over as struct rg_finding values plus
 * an explicit account of what it checked and what it could not: a file or
 * function counts as checked only on positive evidence from the engine
 * that checked it (rg_results_checked_by()); silence is never "clean".
 * `report`, `gate` and `check` print through rg_results_print(), so the
 * text, JSON and SARIF forms are the same whichever engine found what.
 */
#ifndef REFGUARD_FINDING_H
#define REFGUARD_FINDING_H

#include <stdbool.h>
#include <stdio.h>

#include "catalogue.h"

/*
 * A replacement of the source text [line:column, end_line:end_column):
 * 1-based lines and columns counted in bytes, end exclusive, as GCC's
 * parseable fix-its give them.  An insertion has end == start.  line 0:
 * the engine knows the replacement but not its extent; such a fix is
 * printed in text and JSON but left out of SARIF, where a region without
 * an end would delete to the end of the line.
 */
struct rg_fix {
	int line, column, end_line, end_column;
	char *replacement;
};

/*
 * A secondary location ("the page was frozen here").  Columns of findings
 * and notes are those GCC prints (its default -fdiagnostics-column-unit=
 * display: a tab advances to the next multiple of 8), so every engine's
 * text output reads the same as the compiler's; fix ranges are in bytes.
 */
struct rg_note {
	char *file;
	int line, column;
	char *message;
};

struct rg_finding {
	enum rg_rule rule;
	bool error;			/* plugin's -error, otherwise a warning */
	char *file;			/* relative to the tree when it is in one */
	int line, column;		/* 1-based; column as GCC prints it */
	char *function;			/* enclosing function, "" if none */
	char *arg;			/* the message's first %qs: the call or access */
	char *rewrite;			/* its second %qs, or NULL: no known rewrite */
	struct rg_fix *fix;		/* NULL: none */
	struct rg_note *notes;
	int nr_notes;
	enum rg_engine engine;		/* RG_NR_ENGINES: see rg_engine_name() */
};

/* Something an engine was asked to check and could not, and why. */
struct rg_unchecked {
	char *file;
	char *function;			/* "" for the whole file */
	char *reason;
	enum rg_engine engine;
};

/* What a pass of an engine positively says it analysed. */
struct rg_checked {
	char *file;
	char *function;			/* "" for the whole unit */
	unsigned int rules;		/* RG_RULE_BITs it was checked for */
	enum rg_pass pass;
};

struct rg_results {
	struct rg_finding *findings;
	int nr_findings, cap_findings;
	struct rg_unchecked *unchecked;
	int nr_unchecked, cap_unchecked;
	struct rg_checked *checked;
	int nr_checked, cap_checked;
};

/* Deep copies of everything passed in; the caller keeps its own. */
void rg_results_add(struct rg_results *r, const struct rg_finding *f);
void rg_results_unchecked(struct rg_results *r, const char *file,
			  const char *function, const char *reason,
			  enum rg_engine engine);
/*
 * PASS analysed file/function (function "": every function of the unit)
 * for RULES.  The one way coverage is claimed: RULES counts only where the
 * catalogue says PASS serves or covers a rule (rg_pass_rules()), so a pass
 * can never vouch for a rule it does not implement.
 */
void rg_results_checked_by(struct rg_results *r, const char *file,
			   const char *function, enum rg_pass pass,
			   unsigned int rules);
/*
 * The rules some pass positively said it checked function of file for
 * (a whole-unit entry, function "", counts for every function).
 */
unsigned int rg_results_checked_for(const struct rg_results *r, const char *file,
				    const char *function);
/*
 * Every function ENGINE's passes said they saw must be covered, by those
 * passes together, for every rule ENGINE serves (rg_engine_rules()); a
 * function that is not (a flow pass that never ran: -fsyntax-only, a
 * function GCC dropped) is added unchecked, naming the rules missing.
 * Returns how many were added.
 */
int rg_results_require(struct rg_results *r, enum rg_engine engine);

/*
 * "plugin", "sparse", "cocci"; "refguard" for RG_NR_ENGINES: refguard
 * itself (the gate's own checks) or an engine a baseline does not name.
 */
const char *rg_engine_name(enum rg_engine engine);

/* Keep only the findings keep() says yes to. */
void rg_results_filter(struct rg_results *r,
		       bool (*keep)(const struct rg_finding *f, void *data), void *data);

/* Move everything of src into dst (src is left empty). */
void rg_results_merge(struct rg_results *dst, struct rg_results *src);
void rg_results_free(struct rg_results *r);

/*
 * Sort by file, line, column, rule and drop exact duplicates (same rule
 * at the same place: a header finding reported by every unit that
 * includes it, or by two engines); one engine's findings at one place
 * that say different things (callee, rewrite) are all kept.
 */
void rg_results_finish(struct rg_results *r);

/*
 * Drop the findings a baseline already has, matching by file, function,
 * rule and rendered message with multiplicity: a baseline entry hides one
 * finding, not every identical one.
 */
void rg_results_subtract(struct rg_results *r, const struct rg_results *baseline);

/* The message as GCC would print it, '...' for %qs, without the tag. */
char *rg_finding_message(const struct rg_finding *f);
/* "error" for the plugin's -error, else the rule's catalogue severity. */
const char *rg_finding_severity(const struct rg_finding *f);

enum rg_format { RG_FORMAT_TEXT, RG_FORMAT_JSON, RG_FORMAT_SARIF };

/* "text", "json", "sarif" -> 0 and *fmt, or -1. */
int rg_format_parse(const char *name, enum rg_format *fmt);

/*
 * Print everything: findings with their notes, then what went unchecked.
 * Text is `file:line:col: warning: message [refguard-id]` lines.
 */
void rg_results_print(const struct rg_results *r, enum rg_format fmt, FILE *out);
void rg_results_print_json(const struct rg_results *r, FILE *out);	/* finding-json.c */
void rg_results_print_sarif(const struct rg_results *r, FILE *out);	/* finding-sarif.c */

/* A tree-relative path as a percent-encoded URI reference (malloc'd). */
char *rg_uri_encode(const char *path);

/*
 * Read findings back from rg_results_print()'s JSON (baseline files).
 * Returns 0, or -1 after printing why to stderr.
 */
int rg_results_read_json(struct rg_results *r, const char *text, const char *what);

/* RG_EXIT_TROUBLE if anything is unchecked, else FINDINGS or CLEAN. */
int rg_results_exit_code(const struct rg_results *r);

#endif

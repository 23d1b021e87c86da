// SPDX-License-Identifier: GPL-2.0
/*
 * The single reporting point: every finding of every engine goes through
 * rg_report(), to GCC's diagnostics (so -Werror, JSON output with
 * -fdiagnostics-format=json and fix-its with -fdiagnostics-generate-patch
 * and -fdiagnostics-parseable-fixits all work on them) and to the -record
 * side channel (record.c).
 *
 * A finding is reported once per (rule, spelling location, message)
 * per translation unit: a raw call inside a macro body or a static
 * inline in a header is one finding at the line where it is spelled,
 * however many times it is expanded or inlined.  Calls that are spelled
 * at one place but are not the same finding stay apart: a macro
 * expanded twice whose raw setter stores 0 on a page held in one place
 * (a dropped reference) and on another page in the other (a freeze), or
 * stores a count on a frozen page (an unfreeze) and on a live one.  GCC
 * itself adds the "in expansion of macro" notes when the location is
 * virtual.
 *
 * -fplugin-arg-refguard-error: once an error is counted, GCC skips every
 * pass after the front end (seen_error() stops symbol_table::compile
 * before the IPA passes), so a syntactic finding reported as an error
 * would silently cost the unit all its flow findings.  refguard's own
 * errors are therefore printed at once but counted as GCC counts a
 * warning turned into an error by -Werror (DK_WERROR): that count fails
 * the compilation in the end but does not stop the pipeline.  Errors of
 * the code itself are counted as usual and still stop it.
 */
#include "refguard.h"

/* The diagnostic format strings: catalogue message + " [refguard-<id>]". */
static char *formats[RG_NR_RULES][2];

static hash_set<int_hash<unsigned int, 0, UINT_MAX> > *reported;

static const char *format_for(enum rg_rule rule, bool with_rewrite)
{
	char *&fmt = formats[rule][with_rewrite];

	if (!fmt)
		fmt = xasprintf("%s [refguard-%s]",
				with_rewrite ? rg_rules[rule].message_with_rewrite
					     : rg_rules[rule].message,
				rg_rules[rule].name);
	return fmt;
}

/*
 * A key for (rule, spelling location, message): line and column of the
 * spelling point hashed with the file name pointer, the rule and the
 * message's arguments (the callee or field, the rewrite).  Collisions
 * only merge two reports, never crash; they are astronomically unlikely.
 */
static unsigned int finding_key(enum rg_rule rule, location_t loc,
				const char *subject, const char *rewrite)
{
	location_t spelling = linemap_resolve_location(line_table, loc,
						       LRK_SPELLING_LOCATION, NULL);
	expanded_location xloc = expand_location(spelling);
	inchash::hash h;

	h.add_ptr(xloc.file);
	h.add_int(xloc.line);
	h.add_int(xloc.column);
	h.add_int(rule);
	h.add_int(rewrite != NULL);
	if (subject)
		h.add(subject, strlen(subject));
	if (rewrite)
		h.add(rewrite, strlen(rewrite));
	/* 0 and UINT_MAX are the empty and deleted markers. */
	return h.end() % (UINT_MAX - 1) + 1;
}

static bool emit_error(rich_location *richloc, const char *fmt,
		       const char *subject, const char *rewrite)
{
	int before = errorcount;

	error_at(richloc, fmt, subject, rewrite);
	if (errorcount == before)
		return false;
	werrorcount += errorcount - before;
	errorcount = before;
	return true;
}

bool rg_report_note(enum rg_rule rule, rich_location *richloc,
		    const char *subject, const char *rewrite,
		    location_t note_loc, const char *note)
{
	const char *fmt = format_for(rule, rewrite != NULL);
	location_t loc = richloc->get_loc();
	bool shown;

	if (!rg_rule_enabled(rule))
		return false;
	if (!reported)
		reported = new hash_set<int_hash<unsigned int, 0, UINT_MAX> >;
	if (reported->add(finding_key(rule, loc, subject, rewrite)))
		return false;

	/* Recorded whether or not GCC shows it (-w, system headers). */
	if (!note || !*note)
		note_loc = UNKNOWN_LOCATION;
	rg_record_finding(rule, rg_options.errors, richloc, subject, rewrite,
			  note_loc, note);
	if (rg_options.errors)
		shown = emit_error(richloc, fmt, subject, rewrite);
	else
		shown = warning_at(richloc, 0, fmt, subject, rewrite);
	if (shown && note_loc != UNKNOWN_LOCATION)
		inform(note_loc, "%s", note);
	return true;
}

bool rg_report(enum rg_rule rule, rich_location *richloc,
	       const char *subject, const char *rewrite, location_t note_loc)
{
	return rg_report_note(rule, richloc, subject, rewrite, note_loc,
			      rg_rules[rule].note);
}

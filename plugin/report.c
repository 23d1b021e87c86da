// SPDX-License-Identifier: GPL-2.0
/*
 * Reporting findings through GCC's diagnostics, so -Werror, JSON output
 * (-fdiagnostics-format=json) and fix-its (-fdiagnostics-generate-patch,
 * -fdiagnostics-parseable-fixits) all work on them.
 *
 * A finding is reported once per (rule, spelling location) per
 * translation unit: a raw call inside a macro body or a static inline in
 * a header is one finding at the line where it is spelled, however many
 * times it is expanded or inlined.  GCC itself adds the "in expansion of
 * macro" notes when the location is virtual.
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
 * A key for (rule, spelling location): line and column of the spelling
 * point hashed with the file name pointer and rule.  Collisions only
 * merge two reports, never crash; they are astronomically unlikely.
 */
static unsigned int finding_key(enum rg_rule rule, location_t loc)
{
	location_t spelling = linemap_resolve_location(line_table, loc,
						       LRK_SPELLING_LOCATION, NULL);
	expanded_location xloc = expand_location(spelling);
	inchash::hash h;

	h.add_ptr(xloc.file);
	h.add_int(xloc.line);
	h.add_int(xloc.column);
	h.add_int(rule);
	/* 0 and UINT_MAX are the empty and deleted markers. */
	return h.end() % (UINT_MAX - 1) + 1;
}

bool rg_report(enum rg_rule rule, rich_location *richloc,
	       const char *subject, const char *rewrite)
{
	const char *fmt = format_for(rule, rewrite != NULL);
	location_t loc = richloc->get_loc();

	if (!rg_rule_enabled(rule))
		return false;
	if (!reported)
		reported = new hash_set<int_hash<unsigned int, 0, UINT_MAX> >;
	if (reported->add(finding_key(rule, loc)))
		return false;

	if (rg_findings_are_errors) {
		error_at(richloc, fmt, subject, rewrite);
		return true;
	}
	return warning_at(richloc, 0, fmt, subject, rewrite);
}

void rg_note(enum rg_rule rule, location_t loc)
{
	if (*rg_rules[rule].note)
		inform(loc, "%s", rg_rules[rule].note);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count from the flow pass: setter calls whose count has no
 * constant rewrite in rules/rewrite.def.  When the page is frozen on every
 * path to the call, the raw store is really an unfreeze and the finding
 * carries the API table's unfreeze_with as a fix-it replacing the callee
 * name: set_page_count(page, N) -> page_ref_unfreeze(page, N).  The
 * arguments stay as they are, so the fix-it is only the name.  On a page
 * held on every path, a count with a LIVE_SET entry in rules/rewrite.def
 * (folio_set_count(folio, 0)) drops a reference: that suggestion, with
 * its reason as the note, and no fix-it.
 *
 * Who reports which setter call is agreed with syntactic.c through
 * raw-set-owner.c (the rule is in refguard.h).
 */
#include "flow.h"

/*
 * Add the fix-it replacing the callee NAME at LOC (the call's location:
 * GCC's C front end puts it on the callee name) with REPLACEMENT.  The
 * name must be spelled there, in the main source and not in a macro
 * body; otherwise the finding goes without a fix-it.
 */
static void add_callee_fixit(rich_location *richloc, location_t loc,
			     const char *name, const char *replacement)
{
	size_t len = strlen(name);
	location_t start, finish;
	expanded_location xloc;
	const char *line;
	size_t line_len;

	if (linemap_location_from_macro_expansion_p(line_table, loc))
		return;
	start = get_start(loc);
	xloc = expand_location(start);
	if (!xloc.file || xloc.line <= 0 || xloc.column <= 0)
		return;
	line = rg_source_line(xloc.file, xloc.line, &line_len);
	if (!line || (size_t)xloc.column - 1 + len > line_len)
		return;
	if (strncmp(line + xloc.column - 1, name, len) ||
	    ((size_t)xloc.column - 1 + len < line_len &&
	     ISIDNUM(line[xloc.column - 1 + len])))
		return;
	finish = linemap_position_for_loc_and_offset(line_table, start, len - 1);
	if (finish == start && len > 1)
		return;
	richloc->add_fixit_replace(source_range::from_locations(start, finish),
				   replacement);
}

void rg_flow_report_raw_set(gcall *call, const struct rg_api *api, tree value,
			    unsigned char bits)
{
	location_t loc = gimple_location(call);
	const struct rg_live_set *live = NULL;
	const char *rewrite = NULL;
	HOST_WIDE_INT n;

	if (loc == UNKNOWN_LOCATION)
		return;
	gcc_rich_location richloc(loc);
	/* A drop of a held reference (folio_set_count(F, 0)): no fix-it. */
	if ((bits & RG_ALL_LIVE) && rg_flow_const_value(value, &n))
		live = rg_live_set_find(api->name, n);
	if (live) {
		rg_report_note(RG_RULE_RAW_SET_COUNT, &richloc, api->name,
			       live->suggestion, loc, live->reason);
		return;
	}
	if ((bits & RG_ALL_FROZEN) && *api->unfreeze_with) {
		rewrite = api->unfreeze_with;
		add_callee_fixit(&richloc, loc, api->name, rewrite);
	}
	rg_report(RG_RULE_RAW_SET_COUNT, &richloc, api->name, rewrite,
		  UNKNOWN_LOCATION);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The finding module on its own (lib/finding*.c): deduplication,
 * baselines with multiplicity, JSON written and read back, SARIF URIs,
 * SARIF's character columns from the source lines and how they degrade
 * when a line cannot be read (columns.c).  Built and run by run-tests
 * with a scratch directory for the sources and a file to write the last
 * SARIF into (which run-tests validates); prints PASS/FAIL lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "columns.h"
#include "finding-print.h"
#include "finding.h"
#include "util.h"

static int failed;

#define CHECK(name, cond) do {							\
	if (cond)								\
		printf("PASS: finding-%s\n", name);				\
	else {									\
		printf("FAIL: finding-%s: %s:%d: %s\n", name, __FILE__,	\
		       __LINE__, #cond);					\
		failed = 1;							\
	}									\
} while (0)

static struct rg_note note = { "mm/a b.c", 3, 6, "the page was frozen here" };
static struct rg_fix fix = { 5, 2, 5, 20, "init_page_count(page)" };

static void add(struct rg_results *r, enum rg_rule rule, int line, const char *fn,
		const char *arg, const char *rewrite, bool with_note, bool with_fix)
{
	struct rg_finding f = {
		.rule = rule, .file = "mm/a b.c", .line = line, .column = 2,
		.function = (char *)fn, .arg = (char *)arg, .rewrite = (char *)rewrite,
		.fix = with_fix ? &fix : NULL, .notes = with_note ? &note : NULL,
		.nr_notes = with_note, .engine = RG_ENGINE_COCCI,
	};

	rg_results_add(r, &f);
}

static const char *root;		/* where the findings' files are */

/* rg_results_print_in() into a string */
static char *print(const struct rg_results *r, enum rg_format fmt)
{
	char *buf = NULL;
	size_t len;
	FILE *out = open_memstream(&buf, &len);

	rg_results_print_in(r, fmt, root, out);
	fclose(out);
	return buf;
}

static void write_source(const char *rel, const char *text)
{
	char *path = rg_strdup_printf("%s/%s", root, rel);
	FILE *f;

	*strrchr(path, '/') = '\0';
	mkdir(path, 0777);
	path[strlen(path)] = '/';
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
	free(path);
}

/* A finding at display column col of file:line, with a fix [fix_col, fix_end) in bytes. */
static void add_at(struct rg_results *r, const char *file, int line, int col,
		   int fix_col, int fix_end, const struct rg_note *n)
{
	struct rg_fix x = { line, fix_col, line, fix_end, "init_page_count(page)" };
	struct rg_finding f = {
		.rule = RG_RULE_RAW_SET_COUNT, .file = (char *)file, .line = line,
		.column = col, .function = "f", .arg = "set_page_count",
		.rewrite = "init_page_count", .fix = fix_col ? &x : NULL,
		.notes = (struct rg_note *)n, .nr_notes = n != NULL, .engine = RG_ENGINE_COCCI,
	};

	rg_results_add(r, &f);
}

/* Conversions on one line: tabs, UTF-8 (e-acute), a wide and a combining character. */
static void columns(void)
{
	const char *tabs = "\t\t\t\tset_page_count(page, 1);";
	const char *utf8 = "\t/* \303\251 */ set_page_count(page, 0);";
	const char *wide = "\t\t/* \344\270\255 */\tpage_ref_inc(page);";
	const char *comb = "\t/* e\314\201 */\tx;";
	size_t len;

	CHECK("columns-display-tabs", rg_display_column(tabs, strlen(tabs), 5) == 33);
	CHECK("columns-display-utf8", rg_display_column(utf8, strlen(utf8), 11) == 17);
	CHECK("columns-display-wide", rg_display_column(wide, strlen(wide), 13) == 33);
	CHECK("columns-display-combining", rg_display_column(comb, strlen(comb), 12) == 17);
	CHECK("columns-char-tabs", rg_char_column(tabs, strlen(tabs), 33) == 5);
	CHECK("columns-char-utf8", rg_char_column(utf8, strlen(utf8), 17) == 10);
	CHECK("columns-char-wide", rg_char_column(wide, strlen(wide), 33) == 11);
	CHECK("columns-char-combining", rg_char_column(comb, strlen(comb), 17) == 11);
	/* inside a tab: the tab; past the end: none; the end itself: one past */
	CHECK("columns-char-in-tab", rg_char_column(tabs, strlen(tabs), 30) == 4);
	CHECK("columns-char-past-end", rg_char_column(tabs, strlen(tabs), 80) == 0);
	CHECK("columns-char-end", rg_char_column(tabs, strlen(tabs), 57) == 29);
	CHECK("columns-byte-utf8", rg_char_column_of_byte(utf8, strlen(utf8), 11) == 10 &&
	      rg_char_column_of_byte(utf8, strlen(utf8), 34) == 33);
	CHECK("columns-byte-mid-char", rg_char_column_of_byte(utf8, strlen(utf8), 6) == 0);
	CHECK("columns-line", rg_source_line("a\nbc\n", 2, &len) && len == 2 &&
	      !rg_source_line("a\nbc\n", 3, &len));
}

int main(int argc, char **argv)
{
	struct rg_results r = { 0 }, base = { 0 }, back = { 0 }, u = { 0 };
	struct rg_note unote = { "mm/u.c", 1, 33, "the page was frozen here" };
	char *json, *again, *text, *sarif, *msg;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: finding-test SCRATCH-DIR SARIF-OUT\n");
		return 2;
	}
	root = argv[1];
	write_source("mm/a b.c", "// SPDX-License-Identifier: GPL-2.0\n\n     x\n\n"
		     " set_page_count(page, 1);\n\n set_page_count(page, 1);\n"
		     " set_page_count(page, 1);\n set_page_count(page, 1);\n");
	columns();

	/* the same site from two engines is one finding, the richer copy */
	add(&r, RG_RULE_RAW_SET_COUNT, 5, "a", "set_page_count", NULL, false, false);
	add(&r, RG_RULE_RAW_SET_COUNT, 5, "a", "set_page_count", "init_page_count", false, true);
	add(&r, RG_RULE_FROZEN_ARITH, 9, "a", "page_ref_inc", NULL, true, false);
	add(&r, RG_RULE_FROZEN_ARITH, 7, "a", "page_ref_inc", NULL, true, false);
	add(&r, RG_RULE_FROZEN_ARITH, 8, "a", "page_ref_inc", NULL, true, false);
	rg_results_finish(&r);
	CHECK("dedup", r.nr_findings == 4 && r.findings[0].fix && r.findings[0].rewrite);
	CHECK("sorted", r.findings[1].line == 7 && r.findings[3].line == 9);

	msg = rg_finding_message(&r.findings[0]);
	CHECK("message", !strcmp(msg, "raw 'set_page_count' call bypasses the page "
				 "refcount API; use 'init_page_count'"));
	free(msg);

	text = print(&r, RG_FORMAT_TEXT);
	CHECK("text-note", strstr(text, "mm/a b.c:7:2: warning: 'page_ref_inc' on a page "
				  "that is frozen on some path to this call "
				  "[refguard-frozen-arith]\nmm/a b.c:3:6: note: the page "
				  "was frozen here\n") != NULL);

	/* JSON read back prints the same; notes stay inside their finding */
	json = print(&r, RG_FORMAT_JSON);
	CHECK("json-read", !rg_results_read_json(&back, json, "json"));
	again = print(&back, RG_FORMAT_JSON);
	/* nothing changes on the way back, the engine included */
	CHECK("json-roundtrip", back.nr_findings == 4 && back.findings[2].nr_notes == 1 &&
	      !strcmp(again, json));

	/* one accepted finding hides one identical finding, not three */
	CHECK("read-old-baseline", !rg_results_read_json(&base,
		"{\"findings\":[{\"file\":\"mm/a b.c\",\"line\":1,\"rule\":\"frozen-arith\","
		"\"function\":\"a\",\"message\":\"'page_ref_inc' on a page that is frozen "
		"on some path to this call\"}]}", "old"));
	rg_results_subtract(&r, &base);
	CHECK("multiplicity", r.nr_findings == 3 && rg_results_exit_code(&r) == RG_EXIT_FINDINGS);
	CHECK("bad-baseline", rg_results_read_json(&base,
		"{\"findings\":[{\"rule\":\"no-such-rule\"}]}", "bad") == -1);

	sarif = print(&r, RG_FORMAT_SARIF);
	CHECK("sarif-uri", strstr(sarif, "\"uri\": \"mm/a%20b.c\"") && !strstr(sarif, "a b.c\""));
	CHECK("sarif-region", strstr(sarif, "\"deletedRegion\": {\"startLine\": 5, "
				     "\"startColumn\": 2, \"endLine\": 5, \"endColumn\": 20}"));
	CHECK("sarif-column-kind", strstr(sarif, "\"columnKind\": \"unicodeCodePoints\""));
	CHECK("sarif-readable-no-warning", !strstr(sarif, "toolExecutionNotifications"));

	/*
	 * Display columns become characters, byte ranges too; a file that
	 * cannot be read, a column past its line's end and a fix starting
	 * inside a character keep only their line, lose the fix, and name
	 * the file in a warning.
	 */
	write_source("mm/u.c", "\t\t\t\tset_page_count(page, 1);\n"
		     "\t/* \303\251 */ set_page_count(page, 0);\n"
		     "\t\t/* \344\270\255 */\tpage_ref_inc(page);\n");
	add_at(&u, "mm/u.c", 1, 33, 5, 28, NULL);
	add_at(&u, "mm/u.c", 2, 17, 11, 34, NULL);
	add_at(&u, "mm/u.c", 3, 33, 0, 0, &unote);
	sarif = print(&u, RG_FORMAT_SARIF);
	CHECK("sarif-chars-tabs", strstr(sarif, "\"region\": {\"startLine\": 1, \"startColumn\": 5}") &&
	      strstr(sarif, "{\"startLine\": 1, \"startColumn\": 5, \"endLine\": 1, \"endColumn\": 28}"));
	CHECK("sarif-chars-utf8", strstr(sarif, "\"region\": {\"startLine\": 2, \"startColumn\": 10}") &&
	      strstr(sarif, "{\"startLine\": 2, \"startColumn\": 10, \"endLine\": 2, \"endColumn\": 33}"));
	CHECK("sarif-chars-wide-note", strstr(sarif, "\"region\": {\"startLine\": 3, \"startColumn\": 11}") &&
	      strstr(sarif, "\"relatedLocations\": [{\"id\": 1, \"physicalLocation\": "
		     "{\"artifactLocation\": {\"uri\": \"mm/u.c\", \"uriBaseId\": \"%SRCROOT%\"}, "
		     "\"region\": {\"startLine\": 1, \"startColumn\": 5}}"));
	CHECK("sarif-chars-no-warning", !strstr(sarif, "toolExecutionNotifications"));
	free(sarif);

	add_at(&u, "mm/missing.c", 4, 3, 3, 9, NULL);
	add_at(&u, "mm/u.c", 2, 200, 6, 10, NULL);
	sarif = print(&u, RG_FORMAT_SARIF);
	CHECK("sarif-degrade-unreadable",
	      strstr(sarif, "\"uri\": \"mm/missing.c\", \"uriBaseId\": \"%SRCROOT%\"}, "
		     "\"region\": {\"startLine\": 4}}") &&
	      !strstr(sarif, "\"startLine\": 4, \"startColumn\""));
	CHECK("sarif-degrade-past-end", strstr(sarif, "\"region\": {\"startLine\": 2}}") &&
	      !strstr(sarif, "\"endColumn\": 9}") && !strstr(sarif, "\"endColumn\": 10}"));
	CHECK("sarif-degrade-warned",
	      strstr(sarif, "\"executionSuccessful\": true, \"toolExecutionNotifications\": "
		     "[{\"level\": \"warning\", \"message\": {\"text\": \"a column could not be "
		     "placed (") &&
	      strstr(sarif, "{\"text\": \"a column could not be placed (cannot read ") &&
	      strstr(sarif, "(line 2 has no display column 200)"));
	CHECK("sarif-kept-the-rest", strstr(sarif, "\"region\": {\"startLine\": 1, \"startColumn\": 5}"));
	f = fopen(argv[2], "w");
	if (!f || fputs(sarif, f) < 0 || fclose(f))
		perror(argv[2]);
	free(sarif);

	rg_results_unchecked(&r, "mm/x.c", "f", "spatch timed out", RG_ENGINE_COCCI);
	CHECK("exit-unchecked", rg_results_exit_code(&r) == RG_EXIT_TROUBLE);
	return failed;
}

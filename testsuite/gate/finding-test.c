// SPDX-License-Identifier: GPL-2.0
/*
 * The finding module on its own (driver/finding*.c): deduplication,
 * baselines with multiplicity, JSON written and read back, SARIF URIs.
 * Built and run by run-tests; prints PASS/FAIL lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "finding.h"

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

/* rg_results_print() into a string */
static char *print(const struct rg_results *r, enum rg_format fmt)
{
	char *buf = NULL;
	size_t len;
	FILE *out = open_memstream(&buf, &len);

	rg_results_print(r, fmt, out);
	fclose(out);
	return buf;
}

int main(void)
{
	struct rg_results r = { 0 }, base = { 0 }, back = { 0 };
	char *json, *again, *text, *sarif, *msg;

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

	rg_results_unchecked(&r, "mm/x.c", "f", "spatch timed out", RG_ENGINE_COCCI);
	CHECK("exit-unchecked", rg_results_exit_code(&r) == RG_EXIT_TROUBLE);
	return failed;
}

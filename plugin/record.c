// SPDX-License-Identifier: GPL-2.0
/*
 * -fplugin-arg-refguard-record=<file>: the side channel through which the
 * driver learns what the plugin found and what it analysed, without
 * scraping GCC's printed diagnostics (which -w, -fdiagnostics-format=json
 * or -fmessage-length change, and which say nothing about what was
 * checked).  JSON lines, one object each, in the format of
 * lib/plugin-record.h, which reads them back.
 *
 * Positive evidence only: a function is "checked" when a pass actually
 * walked it; a function the flow pass was expected to analyse and did not
 * (GCC dropped it, -fsyntax-only, the analysis gave up) is "unchecked";
 * "end" is written at PLUGIN_FINISH only when GCC got through the unit
 * without an error of its own, so a record cut short by an error, a crash
 * or a killed compiler has no "end" and the whole unit is unchecked.
 *
 * Functions are named by the file and line of their definition as GCC
 * presumes them and their name; findings by their file, line and column
 * as GCC prints them.  Relative paths are relative to "directory".
 */
#include "refguard.h"
#include "cgraph.h"
#include "version.h"

static FILE *record;
static const char *record_path;
static unsigned int nr_functions;

/* A function some pass must analyse: by DECL_UID, never reused. */
struct expectation {
	char *file, *function;
	enum rg_pass pass;
	bool met;
};
static auto_vec<struct expectation> expectations;
static hash_map<int_hash<unsigned int, 0, UINT_MAX>, unsigned int> *expected;

static void put_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		fputs("null", record);
		return;
	}
	fputc('"', record);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(record, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(record, "\\u%04x", *p);
		else
			fputc(*p, record);
	}
	fputc('"', record);
}

/*
 * "file":F,"line":L,"column":C of X.  Where GCC prints a diagnostic is
 * its location resolved to the spelling point (a call in a macro body:
 * the #define), not what expand_location() says (the expansion).
 */
static void put_where(expanded_location x)
{
	fputs("\"file\":", record);
	put_string(x.file ? x.file : "");
	fprintf(record, ",\"line\":%d,\"column\":%d", x.line, x.column);
}

static const char *function_name(tree fndecl)
{
	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_NAME(fndecl))
		return "";
	return IDENTIFIER_POINTER(DECL_NAME(fndecl));
}

/* Where a function is defined: for a macro-made one, the expansion. */
static const char *function_file(tree fndecl)
{
	location_t loc = linemap_resolve_location(line_table,
						  DECL_SOURCE_LOCATION(fndecl),
						  LRK_MACRO_EXPANSION_POINT, NULL);
	const char *file = LOCATION_FILE(loc);

	return file ? file : "";
}

static void put_function(const char *kind, tree fndecl, const char *key,
			 const char *value, unsigned int rules)
{
	unsigned int i;
	bool first = true;

	fprintf(record, "{\"%s\":{\"file\":", kind);
	put_string(function_file(fndecl));
	fputs(",\"function\":", record);
	put_string(function_name(fndecl));
	fprintf(record, ",\"%s\":", key);
	put_string(value);
	if (!strcmp(kind, "checked")) {
		fputs(",\"rules\":[", record);
		for (i = 0; i < RG_NR_RULES; i++) {
			if (!(rules & (1u << i)) || !rg_rule_enabled((enum rg_rule)i))
				continue;
			fputs(first ? "" : ",", record);
			put_string(rg_rules[i].name);
			first = false;
		}
		fputc(']', record);
	}
	fputs("}}\n", record);
}

/* The one fix-it of a finding, as [start, end) lines and columns. */
static void put_fix(rich_location *richloc)
{
	const fixit_hint *hint;
	expanded_location s, e;

	/* refguard's rewrites are one replacement; anything else is none. */
	if (richloc->get_num_fixit_hints() != 1) {
		fputs("null", record);
		return;
	}
	hint = richloc->get_fixit_hint(0);
	s = expand_location(hint->get_start_loc());
	e = expand_location(hint->get_next_loc());
	fprintf(record, "{\"line\":%d,\"column\":%d,\"end_line\":%d,"
		"\"end_column\":%d,\"replacement\":", s.line, s.column, e.line,
		e.column);
	put_string(hint->get_string());
	fputc('}', record);
}

void rg_record_finding(enum rg_rule rule, bool error, rich_location *richloc,
		       const char *subject, const char *rewrite,
		       location_t note_loc, const char *note)
{
	if (!record)
		return;
	fputs("{\"finding\":{\"rule\":", record);
	put_string(rg_rules[rule].name);
	fprintf(record, ",\"error\":%s,", error ? "true" : "false");
	put_where(richloc->get_expanded_location(0));
	fputs(",\"function\":", record);
	put_string(function_name(current_function_decl));
	fputs(",\"arg\":", record);
	put_string(subject);
	fputs(",\"rewrite\":", record);
	put_string(rewrite);
	fputs(",\"fix\":", record);
	put_fix(richloc);
	fputs(",\"notes\":[", record);
	if (note_loc != UNKNOWN_LOCATION) {
		fputc('{', record);
		put_where(expand_location_to_spelling_point(note_loc));
		fputs(",\"message\":", record);
		put_string(note);
		fputc('}', record);
	}
	fputs("]}}\n", record);
}

static void meet(tree fndecl, enum rg_pass pass)
{
	unsigned int *i = expected ? expected->get(DECL_UID(fndecl)) : NULL;

	if (i && expectations[*i].pass == pass)
		expectations[*i].met = true;
}

void rg_record_checked(tree fndecl, enum rg_pass pass)
{
	if (!record)
		return;
	if (pass != RG_PASS_PLUGIN_FLOW)
		nr_functions++;
	put_function("checked", fndecl, "pass", rg_passes[pass].name,
		     rg_pass_rules(pass));
	meet(fndecl, pass);
}

void rg_record_unchecked(tree fndecl, const char *reason)
{
	if (!record)
		return;
	put_function("unchecked", fndecl, "reason", reason, 0);
	meet(fndecl, RG_PASS_PLUGIN_FLOW);
}

/*
 * The expectation keeps its own copy of the names: by the end of the
 * unit GCC may have freed the declaration of a function it dropped.
 */
void rg_record_expect(tree fndecl, enum rg_pass pass)
{
	struct expectation e;

	if (!record)
		return;
	if (!expected)
		expected = new hash_map<int_hash<unsigned int, 0, UINT_MAX>,
					unsigned int>;
	if (expected->get(DECL_UID(fndecl)))
		return;
	e.file = xstrdup(function_file(fndecl));
	e.function = xstrdup(function_name(fndecl));
	e.pass = pass;
	e.met = false;
	expected->put(DECL_UID(fndecl), expectations.length());
	expectations.safe_push(e);
}

static void start_unit(void *gcc_data, void *user_data)
{
	char *cwd = getpwd() ? xstrdup(getpwd()) : xstrdup("");

	fputs("{\"unit\":", record);
	put_string(main_input_filename);
	fputs(",\"directory\":", record);
	put_string(cwd);
	fputs(",\"gcc\":", record);
	put_string(version_string);
	fputs(",\"plugin\":", record);
	put_string(RG_PLUGIN_VERSION);
	fputs("}\n", record);
	free(cwd);
}

static void finish(void *gcc_data, void *user_data)
{
	struct expectation *e;
	unsigned int i;

	FOR_EACH_VEC_ELT(expectations, i, e) {
		if (e->met)
			continue;
		fprintf(record, "{\"unchecked\":{\"file\":");
		put_string(e->file);
		fputs(",\"function\":", record);
		put_string(e->function);
		fputs(",\"reason\":", record);
		put_string(flag_syntax_only ?
			   "-fsyntax-only: no flow pass ran" :
			   "GCC dropped the function before the flow pass");
		fputs("}}\n", record);
	}
	/* refguard's own -error findings are not in errorcount (report.c). */
	if (!seen_error())
		fprintf(record, "{\"end\":{\"functions\":%u}}\n", nr_functions);
	if (ferror(record) | fclose(record))
		error("refguard: could not write the record %qs: %m", record_path);
	record = NULL;
}

void rg_record_register(const char *plugin_name)
{
	if (!rg_options.record_file)
		return;
	record_path = rg_options.record_file;
	record = fopen(record_path, "w");
	if (!record) {
		error("refguard: cannot open the record %qs: %m", record_path);
		return;
	}
	register_callback(plugin_name, PLUGIN_START_UNIT, start_unit, NULL);
	register_callback(plugin_name, PLUGIN_FINISH, finish, NULL);
}

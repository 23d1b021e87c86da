// SPDX-License-Identifier: GPL-2.0
/*
 * Which function a line of C belongs to, read from the source text: the
 * gate needs it to hold an added line against the plugin's list of the
 * functions it analysed.
 *
 * This is a brace counter that knows comments, strings, character
 * constants and preprocessor lines, not a parser.  A function is a
 * top-level "name(...) [attributes] {"; a name it gets wrong (a function
 * defined by a macro, SYSCALL_DEFINE2(...)) never matches the plugin's, so
 * the gate has Coccinelle check that code instead: every mistake here
 * costs time, none costs a missed finding.  Braces that do not balance
 * (an #ifdef opening a block in each branch) make the whole file unknown.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"

struct scan {
	const char *p;
	int line;
};

/* Past a comment, string, char constant or directive at s->p, if any. */
static bool skip_noise(struct scan *s, bool line_start)
{
	const char *p = s->p;

	if (p[0] == '/' && p[1] == '*') {
		for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
			s->line += *p == '\n';
		s->p = *p ? p + 2 : p;
		return true;
	}
	if ((p[0] == '/' && p[1] == '/') || (line_start && p[0] == '#')) {
		/* to the end of the line, through backslash continuations */
		for (; *p && *p != '\n'; p++)
			if (p[0] == '\\' && p[1] == '\n') {
				p++;
				s->line++;
			}
		s->p = p;
		return true;
	}
	if (p[0] == '"' || p[0] == '\'') {
		char quote = *p++;

		for (; *p && *p != quote && *p != '\n'; p++)
			if (p[0] == '\\' && p[1])
				s->line += *++p == '\n';
		s->p = *p == quote ? p + 1 : p;
		return true;
	}
	return false;
}

static void add_function(struct gate_function **fns, int *nr, const char *name,
			 int len, int first, int last)
{
	*fns = realloc(*fns, (*nr + 1) * sizeof(**fns));
	(*fns)[*nr].name = strndup(name, len);
	(*fns)[*nr].first = first;
	(*fns)[*nr].last = last;
	(*nr)++;
}

int gate_functions(const char *text, struct gate_function **fns, int *nr)
{
	struct scan s = { text, 1 };
	const char *ident = NULL, *cand = NULL;
	int ident_len = 0, cand_len = 0, cand_line = 0, ident_line = 0;
	int braces = 0, parens = 0, body_line = 0;
	bool line_start = true, after_params = false, last_ident = false;

	*fns = NULL;
	*nr = 0;
	while (*s.p) {
		char c = *s.p;

		if (skip_noise(&s, line_start))
			continue;
		if (c == '\n') {
			s.line++;
			s.p++;
			line_start = true;
			continue;
		}
		if (isspace((unsigned char)c)) {
			s.p++;
			continue;
		}
		line_start = false;
		if (isalpha((unsigned char)c) || c == '_') {
			const char *start = s.p;

			while (isalnum((unsigned char)*s.p) || *s.p == '_')
				s.p++;
			ident = start;
			ident_len = s.p - start;
			ident_line = s.line;
			last_ident = true;
			continue;
		}
		s.p++;
		if (braces == 0 && c == '(' && parens++ == 0) {
			/* name(: a declarator, or an attribute after one */
			bool attribute = after_params && ident_len > 2 &&
					 last_ident && !strncmp(ident, "__", 2);

			if (!attribute) {
				cand = last_ident ? ident : NULL;
				cand_len = ident_len;
				cand_line = ident_line;
				after_params = false;
			}
		} else if (braces == 0 && c == ')' && parens > 0) {
			if (--parens == 0 && cand)
				after_params = true;
		} else if (braces == 0 && parens == 0 && (c == ';' || c == '=' || c == ',')) {
			cand = NULL;
			after_params = false;
		} else if (c == '{') {
			if (braces++ == 0)
				body_line = cand && after_params && parens == 0 ? cand_line : 0;
		} else if (c == '}') {
			if (--braces < 0)
				return -1;
			if (braces == 0 && body_line)
				add_function(fns, nr, cand, cand_len, body_line, s.line);
			if (braces == 0) {
				cand = NULL;
				after_params = false;
				body_line = 0;
			}
		}
		last_ident = false;
	}
	return braces || parens ? -1 : 0;
}

const struct gate_function *gate_function_at(const struct gate_function *fns,
					     int nr, int line)
{
	int i;

	for (i = 0; i < nr; i++)
		if (line >= fns[i].first && line <= fns[i].last)
			return &fns[i];
	return NULL;
}

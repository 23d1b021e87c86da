// SPDX-License-Identifier: GPL-2.0
/*
 * gate_functions() (driver/gate-scope.c) on the shapes kernel C has:
 * braces in comments, strings and character constants, attributes after
 * the parameters, initialisers and prototypes (not functions), and
 * #ifdef branches that each open a block (the file is then unknown).
 */
#include <stdio.h>
#include <string.h>

#include "gate.h"

static int failed;

static void expect(const char *what, const char *text, const char *want)
{
	struct gate_function *fns;
	char got[512] = "";
	int nr, i;

	if (gate_functions(text, &fns, &nr)) {
		strcpy(got, "unbalanced");
	} else {
		for (i = 0; i < nr; i++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s:%d-%d",
				 i ? " " : "", fns[i].name, fns[i].first, fns[i].last);
	}
	if (strcmp(got, want)) {
		printf("FAIL: scope-%s: got \"%s\", want \"%s\"\n", what, got, want);
		failed = 1;
	} else {
		printf("PASS: scope-%s\n", what);
	}
}

int main(void)
{
	expect("basic",
	       "static int a;\n"
	       "static void f(struct page *page)\n"
	       "{\n"
	       "\tif (x) {\n"
	       "\t}\n"
	       "}\n", "f:2-6");
	expect("noise",
	       "/* } */ // {\n"
	       "#define X {\n"
	       "void g(void) __must_hold(&l) __acquires(m)\n"
	       "{\n"
	       "\tputs(\"}\"); c = '{';\n"
	       "}\n", "g:3-6");
	expect("not-functions",
	       "struct s { int a; };\n"
	       "static const struct ops o = { .f = f, };\n"
	       "int proto(int x);\n"
	       "static int (*fp)(int) = NULL;\n"
	       "static inline void\n"
	       "h(int x) { }\n", "h:6-6");
	expect("ifdef-blocks",
	       "void k(void)\n"
	       "{\n"
	       "#ifdef A\n"
	       "\tif (a) {\n"
	       "#else\n"
	       "\tif (b) {\n"
	       "#endif\n"
	       "\t}\n"
	       "}\n", "unbalanced");
	return failed;
}

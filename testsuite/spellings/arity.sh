# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run-tests: a tree defining a known spelling with another
# number of arguments (issue 20, item 8).  No rewriting engine may write
# a one-argument call to it: `fix`, `fix --series`, `check` with both
# engines and the plugin's fix-it either use a name the tree does not
# define (and `fix` adds it) or, when the only name is the tree's
# two-argument one, refuse (`fix`: exit 2 naming the definition) or
# report without a rewrite, with a note naming it.

# arity_tree DIR NAME: page_ref.h defining NAME(struct page *, int), and
# mm/a.c storing 0 on a fresh page.
arity_tree() {
	d=$work/$1
	mkdir -p "$d/include/linux" "$d/mm"
	{
		echo '/* SPDX-License-Identifier: GPL-2.0 */'
		echo '#ifndef _LINUX_PAGE_REF_H'
		echo '#define _LINUX_PAGE_REF_H'
		echo '#include <linux/atomic.h>'
		echo '#include <linux/mm_types.h>'
		printf 'static inline void set_page_count(struct page *page, int v)\n{\n\tatomic_set(&page->_refcount, v);\n}\n\n'
		printf 'static inline void init_page_count(struct page *page)\n{\n\tset_page_count(page, 1);\n}\n\n'
		printf 'static inline void %s(struct page *page, int v)\n{\n\tset_page_count(page, v);\n}\n' "$2"
		echo '#endif'
	} > "$d/include/linux/page_ref.h"
	printf '// SPDX-License-Identifier: GPL-2.0\n#include <linux/page_ref.h>\n\nvoid a(struct page *page)\n{\n\tset_page_count(page, 0);\n}\n' > "$d/mm/a.c"
}

# engines TAG DIR: the plugin and check (both engines) on DIR/mm/a.c into
# $work/TAG-{plugin,sparse,gcc}.out.
engines() {
	(cd "$2" && ${REFGUARD_CC:-gcc} -fplugin="$top/plugin/refguard.so" -Iinclude \
		-I"$top/testsuite/include" -fdiagnostics-parseable-fixits -O2 -S -o /dev/null mm/a.c) \
		> "$work/$1-plugin.out" 2>&1
	for e in sparse gcc; do
		(cd "$2" && "$refguard" check --engine=$e -Iinclude -I"$top/testsuite/include" mm/a.c) \
			> "$work/$1-$e.out" 2>&1
	done
}

# v4's name with two arguments: the design's name is free, so every
# engine suggests it and fix adds it; set_page_count_frozen(page) never.
arity_tree arity-v4 set_page_count_frozen
"$refguard" fix --kernel "$work/arity-v4" > "$work/arity-v4.diff" 2> "$work/arity-v4.err"
st=$?
if [ $st = 1 ]; then pass arity-v4-fix-status; else fail arity-v4-fix-status "exit $st"; cat "$work/arity-v4.err"; fi
expect arity-v4-fix-design "$work/arity-v4.diff" '^\+	set_page_count_as_frozen\(page\);'
expect arity-v4-fix-adds "$work/arity-v4.diff" '^\+static inline void set_page_count_as_frozen\(struct page \*page\)'
reject arity-v4-fix-no-1-arg "$work/arity-v4.diff" 'set_page_count_frozen\(page\)'
expect arity-v4-fix-says "$work/arity-v4.err" 'include/linux/page_ref.h:16: set_page_count_frozen\(\) takes 2 arguments'
"$refguard" fix --kernel "$work/arity-v4" --names v4 > "$work/arity-v4n.diff" 2> "$work/arity-v4n.err"
st=$?
if [ $st = 2 ] && ! [ -s "$work/arity-v4n.diff" ]; then
	pass arity-v4-names-v4-refused
else
	fail arity-v4-names-v4-refused "exit $st, expected 2 and no diff"; cat "$work/arity-v4n.diff"
fi
expect arity-v4-names-v4-says "$work/arity-v4n.err" 'page_ref.h:16: set_page_count_frozen\(\) takes 2 arguments'
engines arity-v4 "$work/arity-v4"
expect arity-v4-plugin-fixit "$work/arity-v4-plugin.out" '^fix-it:"mm/a.c":\{6:2-6:25\}:"set_page_count_as_frozen\(page\)"'
expect arity-v4-plugin-note "$work/arity-v4-plugin.out" 'note: include/linux/page_ref.h:16: set_page_count_frozen\(\) takes 2 arguments'
for e in sparse gcc; do
	expect arity-v4-check-$e "$work/arity-v4-$e.out" "mm/a.c:6:9: warning: .*use 'set_page_count_as_frozen'"
	reject arity-v4-check-$e-no-1-arg "$work/arity-v4-$e.out" "use 'set_page_count_frozen'"
done

# The design's own name with two arguments: no name to write.
arity_tree arity-design set_page_count_as_frozen
"$refguard" fix --kernel "$work/arity-design" > "$work/arity-design.diff" 2> "$work/arity-design.err"
st=$?
if [ $st = 2 ] && ! [ -s "$work/arity-design.diff" ]; then
	pass arity-design-fix-refused
else
	fail arity-design-fix-refused "exit $st, expected 2 and no diff"; cat "$work/arity-design.diff"
fi
expect arity-design-fix-says "$work/arity-design.err" \
	'include/linux/page_ref.h:16: set_page_count_as_frozen\(\) takes 2 arguments, not the 1 .*no rewrite'
"$refguard" fix --kernel "$work/arity-design" --series "$work/arity-series" > /dev/null 2> "$work/arity-series.err"
st=$?
if [ $st = 2 ] && ! ls "$work/arity-series"/*.patch > /dev/null 2>&1; then
	pass arity-design-series-refused
else
	fail arity-design-series-refused "exit $st, expected 2 and no patch"; cat "$work/arity-series.err"
fi
engines arity-design "$work/arity-design"
reject arity-design-plugin-no-fixit "$work/arity-design-plugin.out" '^fix-it:'
expect arity-design-plugin-warns "$work/arity-design-plugin.out" 'mm/a.c:6:9: warning: raw .set_page_count. call bypasses the page refcount API \[refguard-raw-set-count\]'
expect arity-design-plugin-note "$work/arity-design-plugin.out" 'note: include/linux/page_ref.h:16: set_page_count_as_frozen\(\) takes 2 arguments'
for e in sparse gcc; do
	expect arity-design-check-$e "$work/arity-design-$e.out" \
		"mm/a.c:6:9: warning: raw 'set_page_count' call bypasses the page refcount API \\[refguard-raw-set-count\\]"
	expect arity-design-check-$e-note "$work/arity-design-$e.out" 'note: include/linux/page_ref.h:16: set_page_count_as_frozen\(\) takes 2 arguments'
done

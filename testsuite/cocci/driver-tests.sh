# SPDX-License-Identifier: GPL-2.0
# Sourced by run-tests: refguard report/fix on the small tree in tree/.

small=$here/tree
sum_tree() { (cd "$1" && find . -type f | sort | xargs cat | md5sum); }
before=$(sum_tree "$small")

"$REFGUARD" report --kernel "$small" --format json mm/a.c > "$tmp/a.json" 2>"$tmp/err"
st=$?
if [ $st = 1 ] && python3 - "$tmp/a.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert d["unchecked"] == [], d
assert len(f) == 1, f
want = {"file": "mm/a.c", "line": 5, "column": 9, "severity": "warning",
        "rule": "raw-set-count", "function": "a",
        "message": "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_as_frozen'",
        "fix": "set_page_count_as_frozen(page)", "engine": "cocci"}
# columns as GCC prints them: the tab before set_page_count counts to 8
assert {k: f[0].get(k) for k in want} == want, f[0]
PY
then pass driver-report-json; else fail driver-report-json "exit $st: $(cat "$tmp/a.json" "$tmp/err")"; fi

"$REFGUARD" report --kernel "$small" mm > "$tmp/mm.txt" 2>"$tmp/err"
st=$?
if [ $st = 2 ] && grep -q '^mm/bad.c: not checked in bad: spatch could not parse' "$tmp/mm.txt" &&
   ! grep -q 'unrelated.c: not checked' "$tmp/mm.txt" &&
   grep -q '^mm/bad.c:5:9: warning: .*init_page_count' "$tmp/mm.txt" &&
   grep -q '^mm/unrelated.c:5:9: warning: ' "$tmp/mm.txt"; then
	pass driver-unchecked
else
	fail driver-unchecked "exit $st: $(cat "$tmp/mm.txt" "$tmp/err")"
fi

"$REFGUARD" report --kernel "$small" --format json > "$tmp/all.json" 2>/dev/null
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [u["file"] for u in d["unchecked"]] == ["mm/bad.c"], d; assert not any(f["file"].startswith("include/") for f in d["findings"]), d' "$tmp/all.json"; then
	pass driver-helpers-exempt
else
	fail driver-helpers-exempt "$(cat "$tmp/all.json")"
fi

"$REFGUARD" fix --kernel "$small" --rule raw-set-count > "$tmp/fix.diff" 2>"$tmp/err"
st=$?
# Only the helpers the rewrite calls are added: here set_page_count_as_frozen.
if [ $st = 2 ] && grep -q '^+static inline void set_page_count_as_frozen(struct page \*page)$' "$tmp/fix.diff" &&
   ! grep -q 'init_folio_count' "$tmp/fix.diff" &&
   grep -q '^+	set_page_count_as_frozen(page);$' "$tmp/fix.diff" &&
   [ "$(grep -c "^-	set_page_count" "$tmp/fix.diff")" = 3 ] &&
   [ "$(sum_tree "$small")" = "$before" ]; then
	pass driver-fix-diff
else
	fail driver-fix-diff "exit $st (want 2: bad() unparsable): $(cat "$tmp/fix.diff" "$tmp/err")"
fi

cp -r "$small" "$tmp/copy"
rm "$tmp/copy/mm/bad.c" "$tmp/copy/mm/unrelated.c"
"$REFGUARD" fix --kernel "$tmp/copy" --in-place > "$tmp/out" 2>&1
st=$?
"$REFGUARD" fix --kernel "$tmp/copy" > "$tmp/again" 2>&1
st2=$?
if [ $st = 1 ] && [ ! -s "$tmp/out" ] && [ $st2 = 0 ] && [ ! -s "$tmp/again" ] &&
   grep -q 'set_page_count_as_frozen(page);' "$tmp/copy/mm/a.c" &&
   [ "$(grep -c 'set_page_count_as_frozen' "$tmp/copy/include/linux/page_ref.h")" = 1 ]; then
	pass driver-fix-in-place
else
	fail driver-fix-in-place "exit $st/$st2: $(cat "$tmp/out" "$tmp/again")"
fi

bad_input_ok=true
"$REFGUARD" report --kernel /nonexistent >/dev/null 2>&1; [ $? = 2 ] || bad_input_ok=false
"$REFGUARD" fix --kernel "$small" --frobnicate >/dev/null 2>&1; [ $? = 2 ] || bad_input_ok=false
"$REFGUARD" report --kernel "$small" --format xml >/dev/null 2>&1; [ $? = 2 ] || bad_input_ok=false
"$REFGUARD" report --kernel "$small" no/such/dir >/dev/null 2>&1; [ $? = 2 ] || bad_input_ok=false
REFGUARD_SPATCH=/nonexistent/spatch "$REFGUARD" report --kernel "$small" mm/a.c >/dev/null 2>&1
[ $? = 2 ] || bad_input_ok=false
if $bad_input_ok; then pass driver-bad-input; else fail driver-bad-input "an error did not exit 2"; fi

# --- issue 10, defects 7-12 ---

# A tree of our own: the small tree without its unparsable files.
clean_tree() {
	rm -rf "$1"
	cp -r "$small" "$1"
	rm "$1/mm/bad.c" "$1/mm/unrelated.c"
}
leftovers() { find "$1" \( -name '.*.refguard-*' -o -name '*.rej' -o -name '*.orig' \) -print; }

# 7. spatch's exception on a file (a real stack overflow, made cheap with a
#    small stack) leaves that file unchecked: exit 2, even though spatch
#    itself exits 0 and the other files are fine.
clean_tree "$tmp/t7"
python3 -c '
import sys
sys.stdout.write("void deep(struct page *page, int c)\n{\n\tint x;\n\tx = " +
                 " + ".join(["c"] * 50000) + ";\n\tset_page_count(page, 0);\n}\n")' > "$tmp/t7/mm/deep.c"
(ulimit -s 256; "$REFGUARD" report --kernel "$tmp/t7" mm/deep.c) > "$tmp/t7.out" 2>&1
st=$?
if [ $st = 2 ] && grep -q '^mm/deep.c: not checked: spatch failed: Stack overflow' "$tmp/t7.out"; then
	pass driver-spatch-exception
else
	fail driver-spatch-exception "exit $st: $(cat "$tmp/t7.out")"
fi

# Silence is never clean: a spatch that prints nothing, one that exits
# non-zero after doing its work, and one killed by a signal.
cat > "$tmp/silent-spatch" <<'EOF'
#!/bin/sh
exit 0
EOF
cat > "$tmp/failing-spatch" <<EOF
#!/bin/sh
"$SPATCH" "\$@"
exit 1
EOF
cat > "$tmp/crashing-spatch" <<'EOF'
#!/bin/sh
kill -SEGV $$
EOF
chmod +x "$tmp/silent-spatch" "$tmp/failing-spatch" "$tmp/crashing-spatch"
for kind in silent failing crashing; do
	REFGUARD_SPATCH="$tmp/$kind-spatch" "$REFGUARD" report --kernel "$tmp/t7" mm/a.c \
		> "$tmp/$kind.out" 2>&1
	st=$?
	if [ $st = 2 ] && grep -q '^mm/a.c: not checked' "$tmp/$kind.out"; then
		pass "driver-spatch-$kind"
	else
		fail "driver-spatch-$kind" "exit $st: $(cat "$tmp/$kind.out")"
	fi
done

# 8. An absolute PATH inside the tree is scanned; one outside it, or one
#    that does not exist, is bad input.
"$REFGUARD" report --kernel "$small" "$small/mm/a.c" > "$tmp/abs.out" 2>&1
st=$?
ok=true
[ $st = 1 ] && grep -q '^mm/a.c:5:9: warning: ' "$tmp/abs.out" || ok=false
(cd "$small/mm" && "$REFGUARD" report --kernel "$small" "$(pwd)") > "$tmp/absdir.out" 2>&1
[ $? = 2 ] && grep -q '^mm/a.c:5:9: warning: ' "$tmp/absdir.out" || ok=false
for bad in /etc "$tmp" ../../etc "$small/mm/nonexistent.c" mm/nonexistent.c; do
	"$REFGUARD" report --kernel "$small" "$bad" > "$tmp/badpath.out" 2>&1
	[ $? = 2 ] || { ok=false; echo "  $bad: not exit 2: $(cat "$tmp/badpath.out")"; }
done
if $ok; then pass driver-absolute-path; else fail driver-absolute-path "exit $st: $(cat "$tmp/abs.out")"; fi

# 9. File names with spaces and tabs: rewritten in place, and the printed
#    diff applies with patch -p1.
clean_tree "$tmp/t9"
tabname=$(printf 'mm/tab\tname.c')
for f in "mm/new file.c" "$tabname"; do
	printf 'void f(struct page *page)\n{\n\tset_page_count(page, 0);\n}\n' > "$tmp/t9/$f"
done
cp -r "$tmp/t9" "$tmp/t9p"
"$REFGUARD" fix --kernel "$tmp/t9" > "$tmp/t9.diff" 2>"$tmp/t9.err"
st1=$?
(cd "$tmp/t9p" && patch -s -p1 < "$tmp/t9.diff") > "$tmp/t9.patch" 2>&1
st2=$?
"$REFGUARD" fix --kernel "$tmp/t9" --in-place > "$tmp/t9.out" 2>&1
st3=$?
"$REFGUARD" fix --kernel "$tmp/t9" > "$tmp/t9.again" 2>&1
st4=$?
if [ $st1 = 1 ] && [ $st2 = 0 ] && [ $st3 = 1 ] && [ $st4 = 0 ] &&
   grep -q 'set_page_count_as_frozen(page);' "$tmp/t9/mm/new file.c" "$tmp/t9/$tabname" \
	"$tmp/t9p/mm/new file.c" "$tmp/t9p/$tabname" &&
   [ "$(cat "$tmp/t9/mm/new file.c" "$tmp/t9/$tabname" | grep -c as_frozen)" = 2 ] &&
   [ "$(cat "$tmp/t9p/mm/new file.c" "$tmp/t9p/$tabname" | grep -c as_frozen)" = 2 ]; then
	pass driver-fix-odd-names
else
	fail driver-fix-odd-names "exit $st1/$st2/$st3/$st4: $(cat "$tmp/t9.err" "$tmp/t9.patch" "$tmp/t9.out" "$tmp/t9.again")"
fi

# 10. --in-place is all or nothing: a read-only file, a page_ref.h that
#     links out of the tree, and a rename that fails half way (the fault
#     injection the rewrite module offers for this) leave the tree as it
#     was, with no temporary, .rej or .orig file.
atomic_case() {	# name, set-up command; the tree is $tmp/t10
	clean_tree "$tmp/t10"
	printf 'void g(struct page *page)\n{\n\tset_page_count(page, 0);\n}\n' > "$tmp/t10/mm/g.c"
	eval "$2"
	before10=$(sum_tree "$tmp/t10")
	"$REFGUARD" fix --kernel "$tmp/t10" --in-place > "$tmp/t10.out" 2>&1
	st=$?
	if [ $st = 2 ] && [ "$(sum_tree "$tmp/t10")" = "$before10" ] &&
	   [ -z "$(leftovers "$tmp/t10")" ]; then
		pass "driver-fix-atomic-$1"
	else
		fail "driver-fix-atomic-$1" "exit $st: $(cat "$tmp/t10.out"; leftovers "$tmp/t10")"
	fi
	unset REFGUARD_TEST_FAIL_RENAME
}
atomic_case read-only 'chmod a-w "$tmp/t10/mm/g.c"'
atomic_case symlink-out 'mv "$tmp/t10/include/linux/page_ref.h" "$tmp/outside-page_ref.h" &&
	ln -s "$tmp/outside-page_ref.h" "$tmp/t10/include/linux/page_ref.h"'
atomic_case rename-fails 'export REFGUARD_TEST_FAIL_RENAME=3'
# A page_ref.h that links inside the tree is written through, link kept.
clean_tree "$tmp/t10"
mkdir "$tmp/t10/real" && mv "$tmp/t10/include/linux/page_ref.h" "$tmp/t10/real/" &&
	ln -s ../../real/page_ref.h "$tmp/t10/include/linux/page_ref.h"
"$REFGUARD" fix --kernel "$tmp/t10" --in-place > "$tmp/t10.out" 2>&1
st=$?
if [ $st = 1 ] && [ -L "$tmp/t10/include/linux/page_ref.h" ] &&
   grep -q 'void set_page_count_as_frozen' "$tmp/t10/real/page_ref.h" &&
   [ -z "$(leftovers "$tmp/t10")" ]; then
	pass driver-fix-symlink-inside
else
	fail driver-fix-symlink-inside "exit $st: $(cat "$tmp/t10.out")"
fi

# 11. Helpers are found by parsing page_ref.h: added after the real end of
#     a one-line init_page_count() (not inside the #ifdef after it), after
#     the #endif when init_page_count() itself is conditional, and not at
#     all when they exist as a macro or as "init_folio_count (".
helper_case() {	# name, page_ref.h body, check (on $pr, the new page_ref.h)
	clean_tree "$tmp/t11"
	printf '%s\n' "$2" > "$tmp/t11/include/linux/page_ref.h"
	printf 'void h(struct page *page, struct folio *folio)\n{\n\tset_page_count(page, 0);\n\tfolio_set_count(folio, 1);\n}\n' \
		> "$tmp/t11/mm/h.c"
	"$REFGUARD" fix --kernel "$tmp/t11" --in-place > "$tmp/t11.out" 2>&1
	st=$?
	pr=$tmp/t11/include/linux/page_ref.h
	if [ $st = 1 ] && eval "$3" > "$tmp/t11.cc" 2>&1; then
		pass "driver-fix-helpers-$1"
	else
		fail "driver-fix-helpers-$1" "exit $st: $(cat "$tmp/t11.out" "$tmp/t11.cc" "$pr")"
	fi
}
prelude='struct page { int _refcount; }; struct folio { struct page page; };
static inline void set_page_count(struct page *page, int v) { atomic_set(&page->_refcount, v); }
static inline void folio_set_count(struct folio *folio, int v) { set_page_count(&folio->page, v); }'
# the helper must be defined whatever CONFIG_X says
defined_both_ways='(for d in -DCONFIG_X -UCONFIG_X; do
	printf "void t(struct page *p, struct folio *f) { set_page_count_as_frozen(p); init_folio_count(f); }\n" |
	gcc -fsyntax-only -Werror=implicit-function-declaration $d -include "$pr" \
		-D"atomic_set(v, n)=((void)(v), (void)(n))" -x c - || exit 1; done)'
helper_case one-line "#ifndef _PR_H
#define _PR_H
$prelude
static inline void init_page_count(struct page *page) { set_page_count(page, 1); }
#ifdef CONFIG_X
static inline void x(void)
{
}
#endif
#endif" "$defined_both_ways"
helper_case conditional "#ifndef _PR_H
#define _PR_H
$prelude
#ifdef CONFIG_X
static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}
#else
static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}
#endif
#endif" "$defined_both_ways"
helper_case exist "$prelude
#define set_page_count_as_frozen(page) set_page_count(page, 0)
static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}
static inline void init_folio_count (struct folio *folio)
{
	folio_set_count(folio, 1);
}" '[ "$(grep -c "set_page_count_as_frozen\|init_folio_count" "$pr")" = 2 ] && eval "$defined_both_ways"'

# 12. SIGINT or SIGTERM while spatch runs leaves no /tmp/refguard-*
#     directory (nor a spatch behind).
cat > "$tmp/slow-spatch" <<'EOF'
#!/bin/sh
exec sleep 30
EOF
chmod +x "$tmp/slow-spatch"
for sig in INT TERM; do
	mkdir -p "$tmp/t12$sig"
	# a background job of a script ignores SIGINT: give it back its default
	TMPDIR="$tmp/t12$sig" REFGUARD_SPATCH="$tmp/slow-spatch" python3 -c '
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$REFGUARD" report --kernel "$small" mm/a.c > /dev/null 2>&1 &
	pid=$!
	n=0
	while [ $n -lt 100 ] && ! ls "$tmp/t12$sig" | grep -q refguard-; do sleep 0.1; n=$((n + 1)); done
	sleep 0.5
	kill -$sig $pid
	wait $pid 2>/dev/null	# no "Terminated" from the shell
	st=$?
	sleep 0.3
	if [ $n -lt 100 ] && [ -z "$(ls "$tmp/t12$sig")" ] && [ $st -gt 128 ]; then
		pass "driver-signal-$sig-cleans-up"
	else
		fail "driver-signal-$sig-cleans-up" "exit $st, left: $(ls "$tmp/t12$sig")"
	fi
done

# A file named in UTF-8, in the C locale kbuild and CI often run in: the
# records name it, so spatch's Python must write UTF-8 (it wrote ASCII and
# failed: the file was unchecked, exit 2).  A name that is not UTF-8 is
# still refused by spatch's own conversion: unchecked, exit 2, never clean.
utf=$tmp/utf-tree
mkdir -p "$utf/include/linux" "$utf/mm"
cp "$small/include/linux/page_ref.h" "$utf/include/linux/"
name=$(printf 'caf\303\251.c')
cp "$small/mm/a.c" "$utf/mm/$name"
LC_ALL=C "$REFGUARD" report --kernel "$utf" > "$tmp/utf.txt" 2>&1
st=$?
if [ $st = 1 ] && grep -q "^mm/$name:5:9: warning: .*refguard-raw-set-count" "$tmp/utf.txt"; then
	pass driver-utf8-file-name
else
	fail driver-utf8-file-name "exit $st: $(cat "$tmp/utf.txt")"
fi
cp "$small/mm/a.c" "$utf/mm/$(printf 'bad\377.c')"
LC_ALL=C "$REFGUARD" report --kernel "$utf" > "$tmp/utf.txt" 2>&1
st=$?
[ $st = 2 ] && grep -q 'not checked' "$tmp/utf.txt" && pass driver-non-utf8-file-name ||
	fail driver-non-utf8-file-name "exit $st: $(cat "$tmp/utf.txt")"

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
assert f[0] == {"file": "mm/a.c", "line": 5, "column": 9, "severity": "warning",
                "rule": "raw-set-count", "function": "a",
                "message": "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_as_frozen'",
                "fix": "set_page_count_as_frozen(page)"}, f[0]
PY
then pass driver-report-json; else fail driver-report-json "exit $st: $(cat "$tmp/a.json" "$tmp/err")"; fi

"$REFGUARD" report --kernel "$small" mm > "$tmp/mm.txt" 2>"$tmp/err"
st=$?
if [ $st = 2 ] && grep -q '^refguard: mm/bad.c: bad: not checked' "$tmp/err" &&
   ! grep -q unrelated "$tmp/err" &&
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
if [ $st = 2 ] && grep -q '^+static inline void set_page_count_as_frozen(struct page \*page)$' "$tmp/fix.diff" &&
   grep -q '^+static inline void init_folio_count(struct folio \*folio)$' "$tmp/fix.diff" &&
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

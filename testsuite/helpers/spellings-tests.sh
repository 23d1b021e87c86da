# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run-tests: trees with the series' other spellings (issue 13,
# item 2) and the trees' own debug assertions (issue 13, item 5).

# A tree with each later spelling: every check runs (spec, asserts, stress
# and its ThreadSanitizer run, explore) and passes, and refguard names the
# spellings it found, each with where it comes from.
for v in v3 v4 locked; do
	t=spellings-$v
	case $v in
	v4)	patches="$here/spellings/v3.patch $here/spellings/v4.patch" ;;
	*)	patches="$here/spellings/$v.patch" ;;
	esac
	# shellcheck disable=SC2086
	if ! mktree "sp-$v" "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" $patches; then
		fail $t "the spelling patches do not apply with -F0"; continue
	fi
	case $v in
	v3) cat > "$log/want" <<'EOF'
frozen setter: set_page_count_as_frozen() (v2)
init: init_page_count() (6.12)
folio init: none
speculative get: page_ref_add_unless() (6.12), page_ref_add_unless_frozen() (v3)
folio speculative get: folio_ref_add_unless() (6.12)
frozen bit: PAGEREF_FROZEN_BIT (v2)
frozen predicate: __page_ref_frozen() (its definition)
folio frozen predicate: none
EOF
	;;
	v4) cat > "$log/want" <<'EOF'
frozen setter: set_page_count_frozen() (v4)
init: set_page_count_init() (v4 offer)
folio init: none
speculative get: page_ref_add_unless_frozen() (v3)
folio speculative get: folio_ref_add_unless_frozen() (v3)
frozen bit: PAGEREF_FROZEN_BIT (v2)
frozen predicate: __page_ref_frozen() (its definition)
folio frozen predicate: none
EOF
	;;
	locked) cat > "$log/want" <<'EOF'
frozen setter: set_page_count_as_frozen() (v2)
init: init_page_count() (6.12)
folio init: none
speculative get: page_ref_add_unless() (6.12), page_ref_add_unless_locked() (Linus' ask)
folio speculative get: folio_ref_add_unless() (6.12)
frozen bit: PAGEREF_LOCKED_BIT (RFC)
frozen predicate: __page_ref_frozen() (its definition)
folio frozen predicate: none
EOF
	;;
	esac
	helpers --kernel "$trees/sp-$v" --iterations 20000; status=$?
	spellings "$log/out" > "$log/found"
	if [ $status = 0 ] && diff -u "$log/want" "$log/found" &&
	   grep -q '^spec: 19 tests run, 19 passed, 0 failed$' "$log/out" &&
	   grep -q '^asserts: 17 modifiers .* 0 of them silent' "$log/out" &&
	   grep -q '^stress: litmus 3 tests x 100 rounds: ok$' "$log/out" &&
	   grep -q '^stress (tsan): .*: ok$' "$log/out" &&
	   grep -q '^explore: 9 scenarios, .* 0 failed$' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "expected every check to run and pass, with the $v spellings named (status $status)"
	fi
done

# The harness really calls the v4 names: break them, and the spec says so.
t=spellings-v4-called
if mktree sp-v4-broken "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/spellings/v3.patch" "$here/spellings/v4.patch" &&
   sed -i -e 's/set_page_count(page, PAGEREF_FROZEN_BIT);/set_page_count(page, 0);/' \
	  -e '/set_page_count_init(struct page \*page)/,/^}/s/set_page_count(page, 1);/set_page_count(page, 2);/' \
	  "$trees/sp-v4-broken/include/linux/page_ref.h"; then
	check "$trees/sp-v4-broken" spec; status=$?
	if [ $status = 1 ] && grep -q '^spec: test_set_frozen failed$' "$log/spec.out" &&
	   grep -q '^spec: test_init_count failed$' "$log/spec.out"; then
		pass $t
	else
		cat "$log/spec.out"; fail $t "a broken set_page_count_frozen()/set_page_count_init() went unnoticed (status $status)"
	fi
else
	fail $t "could not make the tree"
fi

# Spellings are what the compiler sees, not what the text says: a helper
# under #if 0 or named in a comment is not there; one defined as a macro is.
t=spellings-by-compiler
if mktree sp-compiler "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/spellings/v3.patch"; then
	cat >> "$trees/sp-compiler/include/linux/page_ref.h" <<'EOF'
#if 0
static inline void set_page_count_frozen(struct page *page)
{
}
#endif
/* page_ref_add_unless_locked(page, nr) would be Linus' name for it. */
#define init_folio_count(folio) set_page_count(&(folio)->page, 1)
EOF
	check "$trees/sp-compiler" spec; status=$?
	spellings "$log/spec.out" > "$log/found"
	cat > "$log/want" <<'EOF'
frozen setter: set_page_count_as_frozen() (v2)
init: init_page_count() (6.12)
folio init: init_folio_count() (Zi Yan's suggestion)
speculative get: page_ref_add_unless() (6.12), page_ref_add_unless_frozen() (v3)
folio speculative get: folio_ref_add_unless() (6.12)
frozen bit: PAGEREF_FROZEN_BIT (v2)
frozen predicate: __page_ref_frozen() (its definition)
folio frozen predicate: none
EOF
	if [ $status = 0 ] && diff -u "$log/want" "$log/found"; then
		pass $t
	else
		cat "$log/spec.out"; fail $t "spellings taken from text, not from the compiled header (status $status)"
	fi
else
	fail $t "could not make the tree"
fi

# A known name with an unknown shape is refused, not guessed at: exit 2.
t=spellings-wrong-arity
if mktree sp-arity "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/spellings/v3.patch" &&
   sed -i -e 's/page_ref_add_unless_frozen(struct page \*page, int nr)/page_ref_add_unless_frozen(struct page *page, int nr, int u)/' \
	  -e 's/return page_ref_add_unless_frozen(page, nr);/return page_ref_add_unless_frozen(page, nr, 0);/' \
	  "$trees/sp-arity/include/linux/page_ref.h"; then
	helpers --kernel "$trees/sp-arity"; status=$?
	if [ $status = 2 ] && grep -q 'page_ref_add_unless_frozen takes 3 arguments; refguard knows it with 2' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "expected exit 2 naming the helper and its arguments (status $status)"
	fi
else
	fail $t "could not make the tree"
fi

# The v4 frozen setter with a value (issue 20, item 8): a
# set_page_count_frozen(page, v) is not the helper refguard knows (v4's
# takes the page alone), so it is refused before anything is built.
t=spellings-wrong-arity-set-frozen
if mktree sp-arity-v4 "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/spellings/v3.patch" "$here/spellings/v4.patch" &&
   sed -i -e 's/^static inline void set_page_count_frozen(struct page \*page)$/static inline void set_page_count_frozen(struct page *page, int v)/' \
	  "$trees/sp-arity-v4/include/linux/page_ref.h" &&
   grep -q '^static inline void set_page_count_frozen(struct page \*page, int v)$' \
	  "$trees/sp-arity-v4/include/linux/page_ref.h"; then
	helpers --kernel "$trees/sp-arity-v4"; status=$?
	if [ $status = 2 ] &&
	   grep -q 'page_ref.h:[0-9]*: set_page_count_frozen takes 2 arguments; refguard knows it with 1' "$log/out" &&
	   ! grep -q '^spec:\|CC ' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "expected exit 2 naming set_page_count_frozen and its arguments, nothing run (status $status)"
	fi
else
	fail $t "could not make the tree"
fi

# v2's PATCH 1/2 assertions read page_count(), which masks the frozen bit:
# on the frozen-bit design they never fire.  refguard helpers exits 1 and
# names each modifier whose assertion is silent, and the assertion; the
# other checks pass, so the exit is the assertion check's doing.
t=asserts-masked-getter
if mktree as-masked "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/asserts/masked-getter.patch"; then
	helpers --kernel "$trees/as-masked" --iterations 20000; status=$?
	silent=$(sed -n 's/^asserts: \([a-z_]*\)(): VM_BUG_ON(__page_count_is_frozen(page_count(page))) at .*page_ref.h:[0-9]* does not fire on a frozen page (just frozen)$/\1/p' \
		"$log/out" | sort | tr '\n' ' ')
	if [ $status = 1 ] &&
	   [ "$silent" = "folio_ref_add folio_ref_dec folio_ref_inc folio_ref_sub page_ref_add page_ref_dec page_ref_inc page_ref_sub " ] &&
	   grep -q '^asserts: 17 modifiers .* 17 with assertions, 8 of them silent; 0 without$' "$log/out" &&
	   grep -q '^spec: 19 tests run, 19 passed, 0 failed$' "$log/out" &&
	   grep -q '^explore: 9 scenarios, .* 0 failed$' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "expected exit 1 naming the 8 silent assertions (status $status, named: $silent)"
	fi
else
	fail $t "could not make the tree"
fi

# The same assertions on the raw counter see the bit and fire: exit 0.
t=asserts-raw-counter
if mktree as-raw "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/asserts/raw-counter.patch"; then
	helpers --kernel "$trees/as-raw" --iterations 20000; status=$?
	if [ $status = 0 ] &&
	   grep -q '^asserts: 17 modifiers .* 17 with assertions, 0 of them silent; 0 without$' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "expected every check to pass (status $status)"
	fi
else
	fail $t "could not make the tree"
fi

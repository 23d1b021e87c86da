# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run-tests: bad numbers are refused, and no check can hang
# (issue 10, defects 19 and 20).

# Every number must be whole, decimal and in range, or the run is refused
# (exit 2, with the usage) before anything is built or run.
t=bad-numbers
bad=
while read -r args; do
	# shellcheck disable=SC2086
	helpers --kernel "$pristine" $args; status=$?
	if [ $status != 2 ] || ! grep -q '^usage: refguard helpers' "$log/out" ||
	   grep -q '^spec:' "$log/out"; then
		bad="$bad [$args: status $status]"
	fi
done <<'EOF'
--bound abc
--bound -1
--bound 65
--bound 2x
-s notanumber
-s -5
-s 12abc
-s 18446744073709551616
--threads -1
--threads 0
--threads 65
--threads 4x
--iterations abc
--iterations 0
--iterations 12abc
--iterations 99999999999999999999
--timeout 0
--timeout abc
--only bogus
EOF
if [ -z "$bad" ]; then
	pass $t
else
	fail $t "accepted:$bad"
fi

# The harness binary checks its numbers too (it is run by hand to replay).
t=harness-bad-numbers
bdir=$("$refguard" helpers --kernel "$pristine" --build-only 2>/dev/null)
[ -x "$bdir/rg-check" ] || helpers --kernel "$pristine" --only spec
if [ ! -x "$bdir/rg-check" ]; then
	cat "$log/out"; fail $t "no rg-check in '$bdir'"
else
	bad=
	for args in "--bound abc" "-s x" "--threads -1" "--iterations 5y" "--timeout 0"; do
		# shellcheck disable=SC2086
		timeout 60 "$bdir/rg-check" $args > "$log/out" 2>&1; status=$?
		if [ $status != 2 ] || ! grep -q '^usage: rg-check' "$log/out"; then
			bad="$bad [$args: status $status]"
		fi
	done
	if [ -z "$bad" ]; then
		pass $t
	else
		fail $t "accepted:$bad"
	fi
fi

# page_ref_unfreeze() that leaves the page frozen: the spec's failures,
# then the litmus reader waited forever for the page to come back (the
# hang of issue 10, defect 19).  Now a failed check, saying what was stuck.
t=stuck-unfreeze-litmus
if mktree m-unfreeze-keeps-frozen "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/mutants/unfreeze-keeps-frozen.patch"; then
	helpers --kernel "$trees/m-unfreeze-keeps-frozen" --no-tsan; status=$?
	if [ $status = 1 ] && grep -q '^spec: 19 tests run, 13 passed, 6 failed$' "$log/out" &&
	   grep -q '^stress: litmus unfreeze-get, round 1: page_ref_unfreeze(page, 1) has returned, yet 100000 folio_try_get() after it failed' "$log/out" &&
	   grep -q '^refguard helpers: FAILED$' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "expected exit 1 naming the litmus wait (status $status)"
	fi
else
	fail $t "could not make the tree"
fi

# page_ref_freeze() that waits instead of failing: every check gets stuck
# in its own way, and each says where: the spec's step bound, the stress
# watchdog (two freezers of one page wait for each other), the explorer's
# livelock bound.  --timeout 20: stuck after 2 s without progress.
t=stuck-freeze-waits
if mktree m-freeze-waits "$here/frozen-bit.patch" "$here/frozen-bit-fixed.patch" \
	  "$here/mutants/freeze-waits.patch"; then
	check "$trees/m-freeze-waits" spec --timeout 20; spec=$?
	check "$trees/m-freeze-waits" stress --timeout 20 --no-tsan; stress=$?
	check "$trees/m-freeze-waits" explore --timeout 20; explore=$?
	if [ $spec = 1 ] && [ $stress = 1 ] && [ $explore = 1 ] &&
	   grep -q '^spec: STUCK: no end after 1000000 atomic accesses (the last: atomic_cmpxchg' "$log/spec.out" &&
	   grep -q '^stress: STUCK: no progress for 2 s' "$log/stress.out" &&
	   grep -q '^stress: stress thread [0-9]* is stuck: page_ref_freeze' "$log/stress.out" &&
	   grep -q 'VIOLATION: livelock: no end after 400 steps' "$log/explore.out"; then
		pass $t
	else
		cat "$log/spec.out" "$log/stress.out" "$log/explore.out"
		fail $t "expected each check to report where it was stuck (spec $spec, stress $stress, explore $explore)"
	fi
else
	fail $t "could not make the tree"
fi

# A search that is still going when its time is up is unchecked, not
# passed and not failed: exit 2, naming the scenario it was in.
t=explore-time-budget
helpers --kernel "$trees/fixed" --only explore --bound none --timeout 3; status=$?
if [ $status = 2 ] &&
   grep -q '^explore: NOT FINISHED within its time budget of 3 s' "$log/out" &&
   grep -q '^explore: the explorer was at: [a-z0-9-]* (execution [0-9]*)$' "$log/out" &&
   grep -q '^refguard helpers: NOT FINISHED' "$log/out"; then
	pass $t
else
	cat "$log/out"; fail $t "expected exit 2 and the scenario it stopped in (status $status)"
fi

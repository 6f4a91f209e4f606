#!/usr/bin/env bash
# The fuzz targets without libFuzzer, under AddressSanitizer + UBSan (gcc):
# every seed in tests/fuzz/corpus/<target>/ once, then 20000 deterministic
# mutations.  Built by `make asan` into build-asan/fuzz/.  A target aborts
# when a parser breaks a promise of its header, so this checks more than
# "no crash".  `make fuzz` runs the real libFuzzer campaign.
cd "$(dirname "$0")/../.." || exit 1
n=0
fail=0
for t in form multipart cookie route input origin json csv token mustache num; do
	bin=build-asan/fuzz/smoke_$t
	for what in corpus mutations; do
		n=$((n + 1))
		if [ "$what" = corpus ]; then out=$("$bin" "tests/fuzz/corpus/$t" 2>&1)
		else out=$("$bin" -n 20000 2>&1); fi
		if [ $? -eq 0 ]; then echo "ok $n - fuzz_$t: $what"
		else echo "not ok $n - fuzz_$t: $what"; printf '%s\n' "$out" | tail -20 | sed 's/^/# /'; fail=1; fi
	done
done
echo "1..$n"
exit $fail

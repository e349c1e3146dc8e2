#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan) and fuzzes the request decoder for
# $1 seconds (default 60), starting from the seeds in tests/fuzz/seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
corpus=build/fuzz/corpus
mkdir -p "$corpus"
# Any undefined behaviour halts the run, except the reviewed third-party cases in ubsan.supp.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/fuzz/ubsan.supp"
build/fuzz/bin/request_decoder_fuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -print_final_stats=1 -artifact_prefix=build/fuzz/ "$corpus" tests/fuzz/seeds >build/fuzz/fuzz.log 2>&1 || {
  tail -n 60 build/fuzz/fuzz.log
  exit 1
}
grep -E "^Done" build/fuzz/fuzz.log

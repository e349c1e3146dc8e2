#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer + UBSan and -Werror, checks formatting,
# fuzzes the request decoder for FUZZ_SECONDS (default 60), runs the whole test suite, then the
# threaded parts (SDK adapter against the vendor double, simulated counter) under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Test tooling from npm (the AsyncAPI parser, playwright-core), pinned by the lock file.
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error >/dev/null
scripts/check_format.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
ctest --preset ci
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan

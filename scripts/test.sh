#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer + UBSan and -Werror, checks formatting,
# fuzzes the request decoder for FUZZ_SECONDS (default 60) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/check_format.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
ctest --preset ci

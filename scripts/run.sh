#!/usr/bin/env bash
# Installs what is missing, builds a release and starts both services on the embedded simulator:
# md_service on ws://127.0.0.1:8080/md/ and td_service on ws://127.0.0.1:8081/td/.
# Ctrl-C stops both gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
build/release/bin/md_service --config=configs/config_md.yaml &
md=$!
build/release/bin/td_service --config=configs/config_td.yaml &
td=$!
trap 'kill -TERM $md $td 2>/dev/null || true' INT TERM
wait $md $td

#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, run and test the gateway.
# Idempotent: prints nothing and touches nothing when everything is already installed.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build
  libboost-system-dev libwebsocketpp-dev rapidjson-dev libyaml-cpp-dev libspdlog-dev libcli11-dev
  libsqlite3-dev libssl-dev libgtest-dev libbenchmark-dev
  clang libclang-rt-14-dev clang-format
  python3-websockets nodejs node-ws openssl chromium fonts-wqy-microhei
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# npm for the test tooling (tests/node): Debian's, unless the machine already has one (a
# Node.js distribution that bundles it).
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

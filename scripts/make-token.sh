#!/usr/bin/env bash
# Makes an access token: prints it once (give it to the client) and appends only its SHA-256
# to FILE, the file Security.Tokens names. Usage: scripts/make-token.sh FILE [NAME]
# Clients send it as "Authorization: Bearer <token>", or from a browser as ?token=<token>.
set -euo pipefail
file=${1:?usage: scripts/make-token.sh FILE [NAME]}
name=${2:-}
token=$(openssl rand -hex 24)
digest=$(printf '%s' "$token" | openssl dgst -sha256 -r | cut -d' ' -f1)
umask 077
echo "sha256:$digest${name:+ $name}" >>"$file"
echo "$token"

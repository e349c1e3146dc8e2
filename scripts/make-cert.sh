#!/usr/bin/env bash
# Makes a self-signed certificate and key for wss:// on this machine (valid for localhost and
# 127.0.0.1, 825 days, ECDSA P-256). Usage: scripts/make-cert.sh [DIR]  (default: ./tls)
# Then in the service's config:
#   TLS: {CertificateChainFile: DIR/cert.pem, PrivateKeyFile: DIR/key.pem}
# Browsers and clients must be told to trust DIR/cert.pem; use a real CA's certificate for
# anything reachable from other machines.
set -euo pipefail
dir=${1:-tls}
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 600 "$dir/key.pem"
chmod 644 "$dir/cert.pem"
echo "$dir/cert.pem $dir/key.pem"

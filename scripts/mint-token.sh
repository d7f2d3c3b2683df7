#!/usr/bin/env bash
# A JWT for api-service in jwt mode, signed with a local RSA key by openssl alone (README, "Authentication"):
#   scripts/mint-token.sh <private-key.pem> <subject> "<scopes, space-separated>" [lifetime in seconds, default 3600]
# The service verifies it with the public half:
#   SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION=file:/path/jwt-public.pem
# For trying the API; a real deployment gets its tokens from its identity provider.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,3p' "$0" >&2
  exit 2
fi
key=$1 subject=$2 scopes=$3 lifetime=${4:-3600}
now=$(date +%s)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_string() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","scope":"%s","iat":%d,"exp":%d}' \
  "$(json_string "$subject")" "$(json_string "$scopes")" "$now" $((now + lifetime)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"

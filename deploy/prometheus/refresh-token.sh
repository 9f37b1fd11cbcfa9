#!/bin/sh
# Keeps an access token of the monitoring client (scope monitoring:read) in TOKEN_FILE for Prometheus
# (authorization.credentials_file in prometheus.example.yml; Prometheus re-reads it on every scrape).
# Tokens live 30 minutes; this gets a new one every INTERVAL seconds (default 900) by the client-credentials grant.
#
#   TOKEN_URL=https://licence.example/oauth2/token CLIENT_ID=monitoring-demo \
#   CLIENT_SECRET_FILE=/etc/prometheus/zhengyin-client-secret TOKEN_FILE=/var/lib/prometheus/zhengyin/token \
#   ./refresh-token.sh            # runs for ever (a systemd service, deploy/README.md)
#   ./refresh-token.sh --once     # one refresh, exit status 0 when the file holds a fresh token
#
# The secret is read from CLIENT_SECRET_FILE (or CLIENT_SECRET) and handed to curl on its standard input, never on
# its command line, so it does not show in the process list. The token file is replaced atomically, mode 0600.
set -eu

: "${TOKEN_URL:?set TOKEN_URL, e.g. http://localhost:8081/oauth2/token}"
: "${TOKEN_FILE:?set TOKEN_FILE, the file Prometheus reads the token from}"
CLIENT_ID=${CLIENT_ID:-monitoring-demo}
SCOPE=${SCOPE:-monitoring:read}
INTERVAL=${INTERVAL:-900}
if [ -n "${CLIENT_SECRET_FILE:-}" ]; then
  CLIENT_SECRET=$(cat "$CLIENT_SECRET_FILE")
fi
: "${CLIENT_SECRET:?set CLIENT_SECRET_FILE (or CLIENT_SECRET)}"

refresh() {
  umask 077
  tmp="$TOKEN_FILE.tmp.$$"
  if ! printf 'user = "%s:%s"\n' "$CLIENT_ID" "$CLIENT_SECRET" \
      | curl -fsS --max-time 30 -K - -d grant_type=client_credentials -d "scope=$SCOPE" "$TOKEN_URL" \
      | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' >"$tmp"; then
    rm -f "$tmp"
    echo "refresh-token: no token from $TOKEN_URL" >&2
    return 1
  fi
  if [ ! -s "$tmp" ]; then
    rm -f "$tmp"
    echo "refresh-token: the answer of $TOKEN_URL has no access_token" >&2
    return 1
  fi
  mv -f "$tmp" "$TOKEN_FILE"
}

if [ "${1:-}" = "--once" ]; then
  refresh
  exit
fi
while :; do
  refresh || true
  sleep "$INTERVAL"
done

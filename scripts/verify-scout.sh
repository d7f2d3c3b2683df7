#!/usr/bin/env bash
# `make verify-scout`, against the compose stack or `make run OTEL=collector` (the same ports): asserts that the
# collector is healthy, that an order's traces and the services' metrics reach it, and (when SCOUT_* is set, in the
# shell or .env) that its Scout exporter sends them without failures. Reads the collector's own counters (:8888).
# Exits non-zero on the first failed check.
set -euo pipefail

# .env fills in what the shell does not set, as compose reads it: a variable already in the environment wins
if [ -f .env ]; then
  kept=()
  for name in $(sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env); do
    if [ -n "${!name+set}" ]; then kept+=("$name=${!name}"); fi
  done
  set -a; . ./.env; set +a
  for pair in "${kept[@]}"; do export "$pair"; done
fi

API_URL=${API_URL:-http://localhost:${API_PORT:-8080}}
COLLECTOR_HOST=${COLLECTOR_HOST:-localhost}
# compose.yml's host ports, moved by the same variables
HEALTH_PORT=${COLLECTOR_HEALTH_PORT:-13133}
METRICS_PORT=${COLLECTOR_METRICS_PORT:-8888}
WAIT_SECONDS=${WAIT_SECONDS:-60}
EXPORTER='exporter="otlp_http/scout"'

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok:   $*"; }

# sum of a collector counter (with or without the _total suffix), optionally only the series matching a label
counter() {
  curl -fsS "http://$COLLECTOR_HOST:$METRICS_PORT/metrics" | awk -v name="$1" -v label="${2:-}" '
    /^#/ { next }
    { split($1, parts, "{"); metric = parts[1] }
    (metric == name || metric == name "_total") && index($0, label) > 0 { sum += $NF }
    END { printf "%.0f", sum }'
}

# waits until `counter NAME LABEL` exceeds BEFORE
await_increase() {
  local name=$1 label=$2 before=$3 deadline=$((SECONDS + WAIT_SECONDS)) now
  while true; do
    now=$(counter "$name" "$label") || fail "the collector's metrics on :$METRICS_PORT do not answer"
    [ "$now" -gt "$before" ] && break
    [ $SECONDS -lt $deadline ] || fail "$name ${label:+($label) }stayed at $before for ${WAIT_SECONDS}s"
    sleep 2
  done
  pass "$name ${label:+($label) }rose from $before to $now"
}

curl -fsS "http://$COLLECTOR_HOST:$HEALTH_PORT/" >/dev/null || fail "collector health check on :$HEALTH_PORT does not answer"
pass "collector healthy (:$HEALTH_PORT)"

spans=$(counter otelcol_receiver_accepted_spans)
points=$(counter otelcol_receiver_accepted_metric_points)
sent=$(counter otelcol_exporter_sent_spans "$EXPORTER")
failed=$(counter otelcol_exporter_send_failed_spans "$EXPORTER")

response=$(curl -sS -i -X POST "$API_URL/api/orders" -H 'Content-Type: application/json' \
  -d '{"customer_id":"premium-customer","customer_tier":"premium","items":[{"product_id":"prod-1","quantity":1,"price":50}]}')
status=$(printf '%s' "$response" | head -n 1 | awk '{print $2}')
[ "$status" = "201" ] || fail "POST /api/orders answered $status"
trace=$(printf '%s' "$response" | tr -d '\r' | awk -F- 'tolower($0) ~ /^traceparent:/ {print $2}')
pass "order placed, trace ${trace:-unknown}"

await_increase otelcol_receiver_accepted_spans "" "$spans"
await_increase otelcol_receiver_accepted_metric_points "" "$points"

if [ -z "${SCOUT_CLIENT_ID:-}" ] || [ -z "${SCOUT_CLIENT_SECRET:-}" ]; then
  echo "skip: SCOUT_CLIENT_ID / SCOUT_CLIENT_SECRET not set, the Scout exporter was not checked"
  exit 0
fi
await_increase otelcol_exporter_sent_spans "$EXPORTER" "$sent"
now_failed=$(counter otelcol_exporter_send_failed_spans "$EXPORTER")
[ "$now_failed" -le "$failed" ] || fail "the Scout exporter failed to send $((now_failed - failed)) spans (see docker compose logs otel-collector)"
pass "Scout exporter sent spans with no failures${trace:+; find trace $trace in Scout}"

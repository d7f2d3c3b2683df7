#!/bin/sh
# What the upstream image's entrypoint does: bind to the container's own address unless BIND_ON_IP says otherwise,
# broadcast that address when binding to all of them, then start every service on the embedded configuration.
set -eu
: "${BIND_ON_IP:=$(getent hosts "$(hostname)" | awk '{print $1; exit}')}"
export BIND_ON_IP
if [ "$BIND_ON_IP" = 0.0.0.0 ] || [ "$BIND_ON_IP" = "::0" ]; then
  : "${TEMPORAL_BROADCAST_ADDRESS:=$(getent hosts "$(hostname)" | awk '{print $1; exit}')}"
  export TEMPORAL_BROADCAST_ADDRESS
fi
exec temporal-server start

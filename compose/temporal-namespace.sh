#!/bin/sh
# Run by the temporal-namespace service once the server is healthy: the suite works in the `default` namespace.
set -eu
if temporal operator namespace describe --namespace default >/dev/null 2>&1; then
  echo "namespace default exists"
else
  temporal operator namespace create --namespace default --retention 72h
fi

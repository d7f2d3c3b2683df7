#!/bin/sh
# Run by the temporal-namespace service once the server is healthy: the suite works in the `default` namespace, and
# the order workflow keeps these search attributes current (shared-contracts' OrderSearchAttributes; an unregistered
# one fails the workflow's task until it is registered). Safe to re-run: creating an attribute that exists with the
# same type does nothing.
set -eu

# Each step again until it succeeds, for a minute: the job must not exit 1 on what only takes time, because compose
# fails the services' `up` at its first non-zero exit, whatever its restart policy. A namespace just created is not
# yet in the server's namespace cache (refreshed every few seconds): adding its search attributes fails until it is
# (seen on compose up: "unable to get existing search attributes: Namespace default is not found").
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 30 ]; then
      echo "gave up after $attempt attempts: $*" >&2
      return 1
    fi
    echo "not yet (attempt $attempt), again in 2 s: $*"
    attempt=$((attempt + 1))
    sleep 2
  done
}

namespace() {
  if temporal operator namespace describe --namespace default >/dev/null 2>&1; then
    echo "namespace default exists"
  else
    temporal operator namespace create --namespace default --retention 72h
  fi
}

retry namespace
retry temporal operator search-attribute create --namespace default \
  --name OrderStatus --type Keyword \
  --name CustomerId --type Keyword \
  --name CustomerTier --type Keyword \
  --name RiskScore --type Int \
  --name DecisionPath --type Keyword

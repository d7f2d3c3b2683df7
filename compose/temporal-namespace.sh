#!/bin/sh
# Run by the temporal-namespace service once the server is healthy: the suite works in the `default` namespace, and
# the order workflow keeps these search attributes current (shared-contracts' OrderSearchAttributes; an unregistered
# one fails the workflow's task until it is registered). Safe to re-run: creating an attribute that exists with the
# same type does nothing.
set -eu
if temporal operator namespace describe --namespace default >/dev/null 2>&1; then
  echo "namespace default exists"
else
  temporal operator namespace create --namespace default --retention 72h
fi
temporal operator search-attribute create --namespace default \
  --name OrderStatus --type Keyword \
  --name CustomerId --type Keyword \
  --name CustomerTier --type Keyword \
  --name RiskScore --type Int \
  --name DecisionPath --type Keyword

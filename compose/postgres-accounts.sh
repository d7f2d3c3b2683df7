#!/bin/sh
# Run by the postgres-accounts job on every `docker compose up`, before the services start: one PostgreSQL role per
# service, owning its schema and nothing else, with the password compose gives that service now (the script make
# run applies too: local-stack's service-accounts.sql). SERVICE_ACCOUNTS is the JSON list of role, schema, password.
set -eu
{ cat /compose/service-accounts.sql; echo "SELECT pg_temp.ensure_service_accounts(:'accounts');"; } |
  psql -v ON_ERROR_STOP=1 --quiet --no-psqlrc -v accounts="$SERVICE_ACCOUNTS" >/dev/null
echo "postgres-accounts: a role for each of $(echo "$SERVICE_ACCOUNTS" | grep -o '"role"' | wc -l) services"

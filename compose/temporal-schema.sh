#!/bin/sh
# Run by the temporal-schema service (temporalio/admin-tools) before the Temporal server starts: creates
# Temporal's two databases in the suite's PostgreSQL and brings their schemas up to the version the server image
# expects. Runs on every `docker compose up`: a database that exists is kept, and only missing versions are applied.
set -eu

sql() {
  temporal-sql-tool --plugin postgres12 --endpoint "$POSTGRES_SEEDS" --port 5432 --user "$POSTGRES_USER" "$@"
}

until nc -z "$POSTGRES_SEEDS" 5432; do
  echo "waiting for PostgreSQL at $POSTGRES_SEEDS:5432"
  sleep 1
done

# Each step is safe to repeat, so a first run cut short is finished by the next, and errors show: create keeps a
# database that exists (temporal-sql-tool counts it as created), setup-schema --version 0.0 only adds the version
# tables if missing (a newer version is left alone), update-schema applies the versions not yet applied.
for db in temporal:temporal temporal_visibility:visibility; do
  name=${db%%:*}
  schema=${db##*:}
  sql --database "$name" create
  sql --database "$name" setup-schema --version 0.0
  sql --database "$name" update-schema --schema-dir "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
echo "Temporal schema is up to date"

-- One PostgreSQL role per service, owning its own schema and nothing else: make run's launcher (Postgres.java) and
-- compose's postgres-accounts job (compose/postgres-accounts.sh) run this as the superuser on every start, then
--   SELECT pg_temp.ensure_service_accounts('[{"role": "api_service", "schema": "orders", "password": "…"}, …]');
-- It is idempotent: a role is made or given its new password, its schema made or handed to it, and whatever an
-- older data directory made in that schema as the superuser changes hands too (the sequence of a serial column goes
-- with its table). Nobody else may create anything in the database.
CREATE OR REPLACE FUNCTION pg_temp.ensure_service_accounts(accounts json) RETURNS void LANGUAGE plpgsql AS $accounts$
DECLARE
    account json;
    owned record;
BEGIN
    EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    FOR account IN SELECT * FROM json_array_elements(accounts) LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = account->>'role') THEN
            EXECUTE format('CREATE ROLE %I', account->>'role');
        END IF;
        EXECUTE format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L',
                account->>'role', account->>'password');
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', account->>'schema', account->>'role');
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', account->>'schema', account->>'role');
        FOR owned IN
            SELECT c.oid::regclass AS name, c.relkind
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = account->>'schema' AND c.relkind IN ('r', 'p', 'v', 'm')
              AND pg_get_userbyid(c.relowner) <> account->>'role'
        LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I',
                    CASE owned.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                    owned.name, account->>'role');
        END LOOP;
    END LOOP;
END
$accounts$;

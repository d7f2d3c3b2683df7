"""Runs every query of the dashboards on a real ClickHouse engine (chdb, in process), on the tables the collector's
ClickHouse exporter creates, filled with the rows of a real run (the collector's file exporter output), after
expanding the datasource's macros and the dashboards' template variables as Grafana and the Altinity plugin do.

    python panels.py --telemetry DIR --database NAME --case NAME,FROM_MS,TO_MS[,VAR=VALUE...] ... --out FILE

Writes, for each case (a time range and the variables' values, defaults where not given) and each dashboard, each
template variable's query result and each panel's SQL, columns (name, type), rows or error. Asserting what they
should be is the caller's business (CollectorPipelineEndToEndTest)."""

import argparse
import json
import os
import sys
import time

from chdb import session as chdb_session

import macros
import telemetry

HERE = os.path.dirname(os.path.abspath(__file__))


def quoted(identifier):
    return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`"


def load(db, database, directory):
    with open(os.path.join(HERE, "otel-tables.sql"), encoding="utf-8") as ddl:
        statements = [s.strip() for s in "\n".join(
            line for line in ddl.read().splitlines() if not line.startswith("--")).split(";") if s.strip()]
    db.query("CREATE DATABASE " + quoted(database))
    for statement in statements:
        db.query(statement.replace("{db}", quoted(database)))
    tables = {}
    for row in telemetry.span_rows(os.path.join(directory, "traces.jsonl")):
        tables.setdefault("otel_traces", []).append(row)
    for row in telemetry.log_rows(os.path.join(directory, "logs.jsonl")):
        tables.setdefault("otel_logs", []).append(row)
    for table, row in telemetry.metric_rows(os.path.join(directory, "metrics.jsonl")):
        tables.setdefault(table, []).append(row)
    for table, rows in tables.items():
        for start in range(0, len(rows), 5000):
            chunk = "\n".join(json.dumps(row) for row in rows[start:start + 5000])
            db.query("INSERT INTO %s.%s FORMAT JSONEachRow\n%s" % (quoted(database), table, chunk))
        print("  %s: %d rows" % (table, len(rows)), flush=True)
    return {table: len(rows) for table, rows in tables.items()}


def last_document(text):
    """The query's JSON result. After a query fails mid-result, chdb hands the partial output of that one out
    ahead of the next query's, so the answer is the last whole document."""
    decoder, position, document = json.JSONDecoder(), 0, {}
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        try:
            document, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            position = text.find('{\n\t"meta"', position + 1)
            if position < 0:
                raise
    return document


def run(db, sql):
    started = time.monotonic()
    try:
        result = last_document(db.query(sql, "JSON").bytes().decode("utf-8"))
    except Exception as error:  # the engine's message is the finding
        return {"sql": sql, "error": str(error).strip()}
    return {"sql": sql, "columns": [[c["name"], c["type"]] for c in result.get("meta", [])],
            "rows": [[row[c["name"]] for c in result["meta"]] for row in result.get("data", [])],
            "ms": round(1000 * (time.monotonic() - started), 1)}


def dashboard_results(db, dashboard, from_ms, to_ms, width, overrides):
    variables, variable_results = {}, {}
    for variable in dashboard.get("templating", {}).get("list", []):
        if variable.get("type") == "query":
            found = run(db, macros.interpolate(variable["query"], variables))
            variable_results[variable["name"]] = found
            options = [row[0] for row in found.get("rows", [])]
            # the saved choice (All, say), else the first option, as Grafana does on load
            default = variable.get("current", {}).get("value") or (options[0] if options else "")
        else:
            default = variable.get("current", {}).get("value", "")
        variables[variable["name"]] = (overrides.get(variable["name"], default), variable)
    panels = []
    for panel in dashboard.get("panels", []):
        for target in panel.get("targets", []):
            try:
                result = run(db, macros.expand(target, panel, variables, from_ms, to_ms, width))
            except ValueError as error:
                result = {"sql": target.get("query"), "error": str(error)}
            panels.append(dict(result, title=panel.get("title"), type=panel.get("type"),
                               format=target.get("format")))
    return {"variables": variable_results, "panels": panels}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--telemetry", required=True, help="the file exporter's traces/metrics/logs .jsonl")
    parser.add_argument("--dashboards", default=os.path.dirname(HERE))
    parser.add_argument("--database", default="otel")
    parser.add_argument("--case", action="append", required=True, metavar="NAME,FROM_MS,TO_MS[,VAR=VALUE...]")
    parser.add_argument("--width", type=int, default=1200, help="panel width in pixels (Grafana's max data points)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    db = chdb_session.Session()
    db.query("SET session_timezone = 'UTC'")
    print("Loading %s into ClickHouse %s (chdb), database %s"
          % (args.telemetry, db.query("SELECT version()", "TSV").bytes().decode().strip(), args.database), flush=True)
    results = {"rows": load(db, args.database, args.telemetry), "cases": {}}
    dashboards = {}
    for name in sorted(os.listdir(args.dashboards)):
        if name.endswith(".json"):
            with open(os.path.join(args.dashboards, name), encoding="utf-8") as file:
                dashboards[name] = json.load(file)
    for case in args.case:
        name, from_ms, to_ms, *assignments = case.split(",")
        overrides = dict(item.split("=", 1) for item in assignments)
        results["cases"][name] = {}
        for file, dashboard in dashboards.items():
            found = dashboard_results(db, dashboard, int(from_ms), int(to_ms), args.width, overrides)
            errors = sum(1 for panel in found["panels"] if "error" in panel)
            print("  %s, %s: %d panels, %d errors" % (name, file, len(found["panels"]), errors), flush=True)
            results["cases"][name][file] = found
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(results, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

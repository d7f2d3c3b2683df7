"""A panel query as the Altinity ClickHouse datasource (vertamedia-clickhouse-datasource, 3.x) sends it to ClickHouse.

Grafana first puts in the template variables (an explicit ${var:format} formats the value; a bare one next to a
dot or inside quotes goes in raw, as the plugin's context-aware interpolation does), then the plugin expands its
macros (pkg/eval/eval_query.go):
  $timeFilter   <col> >= toDateTime64(<from s>,3) AND <col> <= toDateTime64(<to s>,3)   (DATETIME64; whole seconds)
                <col> >= toDateTime(<s>) ...                                            (DATETIME)
  $timeSeries   (intDiv(toFloat64(<col>) * 1000, ($interval * 1000)) * ($interval * 1000))   (DATETIME64; t in ms)
                (intDiv(toUInt32(<col>), $interval) * $interval) * 1000                       (DATETIME)
  $interval     whole seconds, at least 1: the target's Step (`interval`) if set, else Grafana's interval
                (range / max data points, rounded to a round step, no less than the panel's Min interval), times
                intervalFactor
  $from, $to    epoch seconds; $__from, $__to epoch milliseconds
"""

import re

# Grafana's round steps (rangeutil.roundInterval), in milliseconds
ROUND_STEPS_MS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 20000, 30000, 60000, 120000, 300000,
                  600000, 900000, 1200000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000,
                  604800000, 2592000000, 31536000000]
UNITS_MS = {"ms": 1, "s": 1000, "m": 60000, "h": 3600000, "d": 86400000, "w": 604800000, "M": 2592000000,
            "y": 31536000000}


def parse_interval_ms(text):
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|M|y)\s*", text or "")
    if not match:
        raise ValueError("not an interval: %r" % text)
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def round_interval_ms(ms):
    """The round step nearest below the midpoint to the next one, as Grafana picks it."""
    for lower, upper in zip(ROUND_STEPS_MS, ROUND_STEPS_MS[1:]):
        if ms < (lower + upper) / 2:
            return lower
    return ROUND_STEPS_MS[-1]


def grafana_interval_ms(panel, from_ms, to_ms, width):
    raw = (to_ms - from_ms) / max(width, 1)
    minimum = parse_interval_ms(panel["interval"]) if panel.get("interval") else 1
    return max(round_interval_ms(raw), minimum)


def interval_seconds(target, panel, from_ms, to_ms, width):
    step = target.get("interval") or None
    ms = parse_interval_ms(step) if step else grafana_interval_ms(panel, from_ms, to_ms, width)
    return max(int(ms * int(target.get("intervalFactor", 1)) // 1000), 1)


def formatted(value, variable, fmt, context_raw):
    if fmt == "doublequote":
        return '"' + value.replace('"', '\\"') + '"'
    if fmt in ("singlequote", "sqlstring"):
        return "'" + value.replace("'", "''" if fmt == "sqlstring" else "\\'") + "'"
    if fmt in ("raw", "text") or context_raw:
        return value
    if not variable.get("multi") and not variable.get("includeAll"):
        return value
    return value if re.fullmatch(r"-?\d+(\.\d+)?", value) else "'" + value.replace("'", "\\'") + "'"


def value_of(name, variables):
    value, variable = variables[name]
    if value == "$__all":
        value = variable.get("allValue") or ""
    return value, variable


def interpolate(sql, variables):
    def replace(match):
        name = match.group("braced") or match.group("bare")
        if name not in variables:
            return match.group(0)
        value, variable = value_of(name, variables)
        before = sql[:match.start()]
        inside_quotes = before.count("'") % 2 == 1 or before.count('"') % 2 == 1
        next_to_dot = sql[match.end():match.end() + 1] == "." or before.endswith(".")
        return formatted(value, variable, match.group("format"), inside_quotes or next_to_dot)

    return re.sub(r"\$\{(?P<braced>\w+)(?::(?P<format>\w+))?\}|\$(?P<bare>\w+)", replace, sql)


def expand(target, panel, variables, from_ms, to_ms, width):
    sql = interpolate(target["query"], variables)
    column = target.get("dateTimeColDataType", "")
    kind = target.get("dateTimeType") or "DATETIME"
    round_s = int(parse_interval_ms(target["round"]) // 1000) if target.get("round") not in (None, "", "0s") else 0
    from_s, to_s = from_ms // 1000, to_ms // 1000
    if round_s:
        from_s, to_s = from_s // round_s * round_s, to_s // round_s * round_s
    if kind == "DATETIME64":
        time_filter = "%s >= toDateTime64(%d,3) AND %s <= toDateTime64(%d,3)" % (column, from_s, column, to_s)
        time_series = "(intDiv(toFloat64(%s) * 1000, ($interval * 1000)) * ($interval * 1000))" % column
    elif kind == "DATETIME":
        time_filter = "%s >= toDateTime(%d) AND %s <= toDateTime(%d)" % (column, from_s, column, to_s)
        time_series = "(intDiv(toUInt32(%s), $interval) * $interval) * 1000" % column
    else:
        raise ValueError("dateTimeType %s is not one these dashboards use" % kind)
    if target.get("dateColDataType"):
        date = target["dateColDataType"]
        time_filter = "%s >= toDate(%d) AND %s <= toDate(%d) AND %s" % (date, from_s, date, to_s, time_filter)
    interval = interval_seconds(target, panel, from_ms, to_ms, width)
    sql = sql.replace("$timeFilter", time_filter).replace("$timeSeries", time_series)
    sql = re.sub(r"\$interval\b", str(interval), sql)
    sql = re.sub(r"\$__from\b", str(from_ms), re.sub(r"\$__to\b", str(to_ms), sql))
    sql = re.sub(r"\$from\b", str(from_s), re.sub(r"\$to\b", str(to_s), sql))
    if "$" in re.sub(r"'[^']*'", "", sql):
        raise ValueError("unexpanded macro or variable left in: " + sql)
    return sql

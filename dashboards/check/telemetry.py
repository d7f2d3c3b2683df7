"""The collector's file exporter output (OTLP/JSON, one export request per line) as the rows the ClickHouse exporter
writes: attributes as Map(String, String) of each value's text, span Duration in nanoseconds, span kind and status as
pdata names them ("Server", "Error"), metric times in whole seconds, a metric's aggregation temporality as its
number (1 delta, 2 cumulative). Facts from exporter/clickhouseexporter v0.161.0."""

import json
from decimal import Decimal
from datetime import datetime, timezone

SPAN_KINDS = ["Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"]
STATUS_CODES = ["Unset", "Ok", "Error"]


def value_text(value):
    """pcommon.Value.AsString: strings as they are, numbers and booleans in their plain form, arrays and maps as JSON."""
    if not value:
        return ""
    (kind, v), = value.items()
    if kind == "stringValue":
        return v
    if kind == "intValue":
        return str(int(v))
    if kind == "boolValue":
        return "true" if v else "false"
    if kind == "doubleValue":
        # as Go's strconv.FormatFloat(v, 'f', -1, 64): no exponent, no trailing zeros
        return format(Decimal(repr(float(v))).normalize(), "f")
    if kind == "arrayValue":
        return json.dumps([plain(item) for item in v.get("values", [])], separators=(",", ":"))
    if kind == "kvlistValue":
        return json.dumps({item["key"]: plain(item.get("value")) for item in v.get("values", [])},
                          separators=(",", ":"))
    return json.dumps(v)


def plain(value):
    if not value:
        return None
    (kind, v), = value.items()
    if kind == "intValue":
        return int(v)
    if kind == "arrayValue":
        return [plain(item) for item in v.get("values", [])]
    if kind == "kvlistValue":
        return {item["key"]: plain(item.get("value")) for item in v.get("values", [])}
    return v


def attributes(items):
    return {item["key"]: value_text(item.get("value")) for item in items or []}


def nanos(text):
    return int(text or 0)


def datetime64(ns):
    seconds, fraction = divmod(ns, 1_000_000_000)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M:%S") + ".%09d" % fraction


def datetime_seconds(ns):
    return datetime.fromtimestamp(ns // 1_000_000_000, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def requests(path, key):
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield from json.loads(line).get(key, [])
    except FileNotFoundError:
        return


def resource_columns(resource):
    attrs = attributes(resource.get("resource", {}).get("attributes"))
    return attrs, attrs.get("service.name", "")


def span_rows(path):
    for resource in requests(path, "resourceSpans"):
        resource_attributes, service = resource_columns(resource)
        for scope_spans in resource.get("scopeSpans", []):
            scope = scope_spans.get("scope", {})
            for span in scope_spans.get("spans", []):
                start, end = nanos(span.get("startTimeUnixNano")), nanos(span.get("endTimeUnixNano"))
                status = span.get("status", {})
                events = span.get("events", [])
                links = span.get("links", [])
                yield {
                    "Timestamp": datetime64(start),
                    "TraceId": span.get("traceId", ""),
                    "SpanId": span.get("spanId", ""),
                    "ParentSpanId": span.get("parentSpanId", ""),
                    "TraceState": span.get("traceState", ""),
                    "SpanName": span.get("name", ""),
                    "SpanKind": SPAN_KINDS[span.get("kind", 0)],
                    "ServiceName": service,
                    "ResourceAttributes": resource_attributes,
                    "ScopeName": scope.get("name", ""),
                    "ScopeVersion": scope.get("version", ""),
                    "SpanAttributes": attributes(span.get("attributes")),
                    "Duration": end - start,
                    "StatusCode": STATUS_CODES[status.get("code", 0)],
                    "StatusMessage": status.get("message", ""),
                    "Events.Timestamp": [datetime64(nanos(e.get("timeUnixNano"))) for e in events],
                    "Events.Name": [e.get("name", "") for e in events],
                    "Events.Attributes": [attributes(e.get("attributes")) for e in events],
                    "Links.TraceId": [link.get("traceId", "") for link in links],
                    "Links.SpanId": [link.get("spanId", "") for link in links],
                    "Links.TraceState": [link.get("traceState", "") for link in links],
                    "Links.Attributes": [attributes(link.get("attributes")) for link in links],
                }


def log_rows(path):
    for resource in requests(path, "resourceLogs"):
        resource_attributes, service = resource_columns(resource)
        for scope_logs in resource.get("scopeLogs", []):
            scope = scope_logs.get("scope", {})
            for record in scope_logs.get("logRecords", []):
                time = nanos(record.get("timeUnixNano")) or nanos(record.get("observedTimeUnixNano"))
                yield {
                    "Timestamp": datetime64(time),
                    "TraceId": record.get("traceId", ""),
                    "SpanId": record.get("spanId", ""),
                    "TraceFlags": record.get("flags", 0) & 0xFF,
                    "SeverityText": record.get("severityText", ""),
                    "SeverityNumber": record.get("severityNumber", 0),
                    "ServiceName": service,
                    "Body": value_text(record.get("body")),
                    "ResourceSchemaUrl": resource.get("schemaUrl", ""),
                    "ResourceAttributes": resource_attributes,
                    "ScopeSchemaUrl": scope_logs.get("schemaUrl", ""),
                    "ScopeName": scope.get("name", ""),
                    "ScopeVersion": scope.get("version", ""),
                    "ScopeAttributes": attributes(scope.get("attributes")),
                    "LogAttributes": attributes(record.get("attributes")),
                    "EventName": record.get("eventName", ""),
                }


def metric_rows(path):
    """(table, row) for each data point of a sum, gauge or histogram."""
    for resource in requests(path, "resourceMetrics"):
        resource_attributes, service = resource_columns(resource)
        for scope_metrics in resource.get("scopeMetrics", []):
            scope = scope_metrics.get("scope", {})
            for metric in scope_metrics.get("metrics", []):
                common = {
                    "ResourceAttributes": resource_attributes,
                    "ResourceSchemaUrl": resource.get("schemaUrl", ""),
                    "ScopeName": scope.get("name", ""),
                    "ScopeVersion": scope.get("version", ""),
                    "ScopeAttributes": attributes(scope.get("attributes")),
                    "ScopeDroppedAttrCount": scope.get("droppedAttributesCount", 0),
                    "ScopeSchemaUrl": scope_metrics.get("schemaUrl", ""),
                    "ServiceName": service,
                    "MetricName": metric.get("name", ""),
                    "MetricDescription": metric.get("description", ""),
                    "MetricUnit": metric.get("unit", ""),
                }
                for kind, table in (("sum", "otel_metrics_sum"), ("gauge", "otel_metrics_gauge"),
                                    ("histogram", "otel_metrics_histogram")):
                    if kind not in metric:
                        continue
                    data = metric[kind]
                    for point in data.get("dataPoints", []):
                        row = dict(common)
                        row.update({
                            "Attributes": attributes(point.get("attributes")),
                            "StartTimeUnix": datetime_seconds(nanos(point.get("startTimeUnixNano"))),
                            "TimeUnix": datetime_seconds(nanos(point.get("timeUnixNano"))),
                            "Flags": point.get("flags", 0),
                        })
                        exemplars = point.get("exemplars", [])
                        row.update({
                            "Exemplars.FilteredAttributes": [attributes(e.get("filteredAttributes")) for e in exemplars],
                            "Exemplars.TimeUnix": [datetime_seconds(nanos(e.get("timeUnixNano"))) for e in exemplars],
                            "Exemplars.Value": [float(e.get("asDouble", e.get("asInt", 0))) for e in exemplars],
                            "Exemplars.SpanId": [e.get("spanId", "") for e in exemplars],
                            "Exemplars.TraceId": [e.get("traceId", "") for e in exemplars],
                        })
                        if kind == "histogram":
                            row.update({
                                "Count": int(point.get("count", 0)),
                                "Sum": float(point.get("sum", 0)),
                                "BucketCounts": [int(c) for c in point.get("bucketCounts", [])],
                                "ExplicitBounds": [float(b) for b in point.get("explicitBounds", [])],
                                "Min": float(point.get("min", 0)),
                                "Max": float(point.get("max", 0)),
                                "AggregationTemporality": data.get("aggregationTemporality", 0),
                            })
                        else:
                            row["Value"] = float(point.get("asDouble", point.get("asInt", 0)))
                            if kind == "sum":
                                row["AggregationTemporality"] = data.get("aggregationTemporality", 0)
                                row["IsMonotonic"] = bool(data.get("isMonotonic", False))
                        yield table, row

package dev.orders.fulfillment.localstack;

import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The metric points the services exported to the {@link OtlpReceiver}. Micrometer exports deltas (what happened in
 * each step), so a series' total is the sum of its points, as the dashboards add them up.
 */
final class ExportedMetrics {

    /** One exported point: a sum's value, or a histogram's count, and the traces of its exemplars. */
    record Point(
            String service,
            String metric,
            Map<String, String> attributes,
            double value,
            long timeUnixNano,
            List<String> exemplarTraceIds) {}

    private ExportedMetrics() {}

    static List<Point> all(OtlpReceiver receiver) {
        List<Point> points = new ArrayList<>();
        for (ResourceMetrics resource : receiver.metrics()) {
            String service = OtlpReceiver.serviceName(resource.getResource());
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    metric.getSum()
                            .getDataPointsList()
                            .forEach(point -> points.add(new Point(
                                    service,
                                    metric.getName(),
                                    OtlpReceiver.attributes(point.getAttributesList()),
                                    point.getAsDouble() + point.getAsInt(),
                                    point.getTimeUnixNano(),
                                    traceIds(point.getExemplarsList()))));
                    metric.getHistogram()
                            .getDataPointsList()
                            .forEach(point -> points.add(new Point(
                                    service,
                                    metric.getName(),
                                    OtlpReceiver.attributes(point.getAttributesList()),
                                    point.getCount(),
                                    point.getTimeUnixNano(),
                                    traceIds(point.getExemplarsList()))));
                    metric.getGauge()
                            .getDataPointsList()
                            .forEach(point -> points.add(new Point(
                                    service,
                                    metric.getName(),
                                    OtlpReceiver.attributes(point.getAttributesList()),
                                    point.getAsDouble() + point.getAsInt(),
                                    point.getTimeUnixNano(),
                                    traceIds(point.getExemplarsList()))));
                }
            }
        }
        return points;
    }

    private static List<String> traceIds(List<Exemplar> exemplars) {
        return exemplars.stream()
                .map(exemplar -> OtlpReceiver.hex(exemplar.getTraceId()))
                .toList();
    }

    /** Each series of {@code metric} that {@code filter} accepts, with its points added up. */
    static List<Point> totals(OtlpReceiver receiver, String service, String metric, Predicate<Point> filter) {
        return all(receiver).stream()
                .filter(point ->
                        point.service().equals(service) && point.metric().equals(metric))
                .filter(filter)
                .collect(Collectors.groupingBy(Point::attributes, Collectors.summingDouble(Point::value)))
                .entrySet()
                .stream()
                .map(series -> new Point(service, metric, series.getKey(), series.getValue(), 0, List.of()))
                .toList();
    }
}

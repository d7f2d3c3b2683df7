package dev.orders.fulfillment.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The names the dashboards' ClickHouse queries rely on: metric names, attribute keys, span names, services. */
record DashboardQueries(
        Set<String> metricNames,
        Set<String> metricAttributeKeys,
        Set<String> spanAttributeKeys,
        Set<String> spanNamePrefixes,
        Set<String> serviceNames) {

    private static final Pattern METRIC_NAME = Pattern.compile("MetricName (?:=|IN) (\\([^)]*\\)|'[^']*')");
    private static final Pattern METRIC_ATTRIBUTE = Pattern.compile("\\bAttributes\\['([^']+)'\\]");
    private static final Pattern SPAN_ATTRIBUTE = Pattern.compile("SpanAttributes\\['([^']+)'\\]");
    private static final Pattern SPAN_NAME = Pattern.compile("SpanName (?:=|LIKE) '([^'%]+)%?'");
    private static final Pattern SERVICE_NAMES = Pattern.compile("ServiceName IN \\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    static DashboardQueries read(Path dashboards) {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                new ObjectMapper()
                        .readTree(file.toFile())
                        .path("panels")
                        .forEach(panel -> panel.path("targets").forEach(target -> queries.add(query(target))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> metrics = new TreeSet<>();
        Set<String> metricAttributes = new TreeSet<>();
        Set<String> spanAttributes = new TreeSet<>();
        Set<String> spanNames = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        for (String query : queries) {
            matches(METRIC_NAME, query).forEach(list -> metrics.addAll(quoted(list)));
            metricAttributes.addAll(matches(METRIC_ATTRIBUTE, query));
            spanAttributes.addAll(matches(SPAN_ATTRIBUTE, query));
            spanNames.addAll(matches(SPAN_NAME, query));
            matches(SERVICE_NAMES, query).forEach(list -> services.addAll(quoted(list)));
        }
        return new DashboardQueries(metrics, metricAttributes, spanAttributes, spanNames, services);
    }

    private static String query(JsonNode target) {
        return target.path("query").asText();
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> quoted(String list) {
        return matches(QUOTED, list);
    }
}

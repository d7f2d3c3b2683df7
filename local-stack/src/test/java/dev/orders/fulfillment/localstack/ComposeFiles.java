package dev.orders.fulfillment.localstack;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** What the compose files say about their services: which {@code up} starts, and which are one-shot jobs. */
record ComposeFiles(Set<String> startedByUp, Set<String> jobs) {

    @SuppressWarnings("unchecked")
    static ComposeFiles read(Collection<File> files) throws IOException {
        Set<String> services = new TreeSet<>();
        Set<String> profiled = new TreeSet<>();
        Set<String> jobs = new TreeSet<>();
        for (File file : files) {
            Map<String, Object> compose;
            try (Reader reader = Files.newBufferedReader(file.toPath())) {
                compose = new Yaml().load(reader);
            }
            Map<String, Map<String, Object>> definitions = (Map<String, Map<String, Object>>) compose.get("services");
            definitions.forEach((name, definition) -> {
                services.add(name);
                if (definition.containsKey("profiles")) {
                    profiled.add(name);
                }
                if (definition.get("depends_on") instanceof Map<?, ?> dependencies) {
                    dependencies.forEach((dependency, condition) -> {
                        if (condition instanceof Map<?, ?> map
                                && "service_completed_successfully".equals(map.get("condition"))) {
                            jobs.add((String) dependency);
                        }
                    });
                }
            });
        }
        services.removeAll(profiled);
        return new ComposeFiles(services, jobs);
    }
}

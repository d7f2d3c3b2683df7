package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yml against the code: each service is named for its module everywhere, sets only variables that the
 * service actually reads, and runs with the same simulation and agent settings as {@code make run}.
 */
class ComposeFileTest {

    private static final Path ROOT = Settings.findRoot();

    @ParameterizedTest
    @EnumSource(Service.class)
    void theServiceIsNamedForItsModuleEverywhere(Service service) throws IOException {
        Map<String, Object> compose = composeService(service);

        assertThat(compose).extracting("build").extracting("args").extracting("SERVICE")
                .isEqualTo(service.moduleName());
        assertThat(environment(compose)).containsEntry("OTEL_SERVICE_NAME", service.moduleName());
        assertThat(applicationYaml(service)).extracting("spring").extracting("application").extracting("name")
                .isEqualTo(service.moduleName());
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyVariableIsOneTheServiceReads(Service service) throws IOException {
        Map<String, String> environment = environment(composeService(service));
        String reads = Files.readString(ROOT.resolve(service.moduleName() + "/src/main/resources/application.yaml"))
                + Files.readString(ROOT.resolve("service-support/src/main/resources/service-defaults.yaml"))
                + Files.readString(ROOT.resolve(
                        "service-support/src/main/java/dev/orders/fulfillment/support/ServiceEnvironmentPostProcessor.java"));

        String switchName = simulationPrefix(service) + "_SIMULATION_ENABLED";
        environment.keySet().stream()
                .filter(name -> !name.startsWith("OTEL_") && !Service.DEMO_SIMULATION.containsKey(name)
                        && !name.equals(switchName) && !name.equals("JDK_JAVA_OPTIONS"))
                .forEach(name -> assertThat(reads).as(service.moduleName() + " reads " + name)
                        .containsAnyOf("${" + name, "\"" + name + "\""));
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void simulationAndAgentSettingsAreMakeRunsOwn(Service service) throws IOException {
        Map<String, String> environment = environment(composeService(service));
        String prefix = simulationPrefix(service);
        if (prefix != null) {
            // on by default, and one variable switches every worker's simulation off
            assertThat(environment).containsEntry(prefix + "_SIMULATION_ENABLED", "${SIMULATION_ENABLED:-true}");
        }

        // the seed's demo values: what `make run SIM=demo` sets for this worker, no more, no less
        assertThat(filter(environment, name -> Service.DEMO_SIMULATION.containsKey(name)))
                .isEqualTo(filter(Service.DEMO_SIMULATION, name -> prefix != null && name.startsWith(prefix + "_")));
        // the agent: what the launcher sets when a collector is configured
        Map<String, String> launcher = new HashMap<>(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318"));
        Telemetry.configure(service, launcher);
        assertThat(filter(environment, name -> name.startsWith("OTEL_") && !name.equals("OTEL_RESOURCE_ATTRIBUTES")))
                .isEqualTo(filter(launcher, name -> name.startsWith("OTEL_")));
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("COPY " + Telemetry.AGENT_CONFIGURATION + " /otel/" + Telemetry.AGENT_CONFIGURATION)
                .contains("-Dotel.javaagent.configuration-file=/otel/" + Telemetry.AGENT_CONFIGURATION);
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void theJvmIsMakeRunsOwn(Service service) throws IOException {
        // the java launcher reads JDK_JAVA_OPTIONS; the image's JAVA_TOOL_OPTIONS hold the flags every service shares
        assertThat(environment(composeService(service))).containsEntry("JDK_JAVA_OPTIONS", service.heapOption());
        Matcher image = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"")
                .matcher(Files.readString(ROOT.resolve("Dockerfile")));
        assertThat(image.find()).isTrue();
        assertThat(image.group(1)).endsWith(" " + String.join(" ", Service.JVM_FLAGS))
                .doesNotContain("-Xmx", "MaxRAM");
    }

    private static String simulationPrefix(Service service) throws IOException {
        return applicationYaml(service).get("simulation") instanceof Map<?, ?> simulation
                ? String.valueOf(simulation.get("prefix")) : null;
    }

    /** compose's collector image is the release the repository's own collector is built at (make collector). */
    @Test
    void theCollectorImageIsTheReleaseOfTheCollectorManifest() throws IOException {
        String compose = Files.readString(ROOT.resolve("compose.yml"));
        Matcher image = Pattern.compile("otel/opentelemetry-collector-contrib:(\\S+)").matcher(compose);

        assertThat(image.find()).isTrue();
        assertThat(image.group(1)).isEqualTo(Collector.Manifest.read(ROOT.resolve(Collector.MANIFEST)).release());
    }

    /** The workflow's search attributes, as compose's namespace job registers them: each one, with its type. */
    @Test
    void theNamespaceJobRegistersEverySearchAttributeTheWorkflowWrites() throws IOException {
        String script = Files.readString(ROOT.resolve("compose/temporal-namespace.sh"));
        Matcher pairs = Pattern.compile("--name (\\w+) --type (\\w+)").matcher(script);
        Map<String, String> registered = new TreeMap<>();
        while (pairs.find()) {
            registered.put(pairs.group(1), pairs.group(2));
        }

        Map<String, String> wanted = new TreeMap<>();
        OrderSearchAttributeRegistration.wanted().forEach((name, type) ->
                wanted.put(name, OrderSearchAttributeRegistration.typeName(type)));
        assertThat(registered).isEqualTo(wanted);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageVersionIsPinnedInXImagesTheDockerfilesBaseImagesToo() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        List<Object> pinned = List.copyOf(((Map<String, Object>) compose.get("x-images")).values());
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args");
                assertThat(List.of(args.get("JDK_IMAGE"), args.get("JRE_IMAGE"))).as(name).allMatch(pinned::contains);
            } else {
                assertThat(pinned).as(name).contains(service.get("image"));
            }
        });
        // the Dockerfile names no image of its own: each FROM is a build argument or an earlier stage
        assertThat(Files.readAllLines(ROOT.resolve("Dockerfile"))).filteredOn(line -> line.startsWith("FROM "))
                .extracting(line -> line.split("\\s+")[1])
                .containsExactly("${JDK_IMAGE}", "${JRE_IMAGE}");
    }

    private static Map<String, String> filter(Map<String, String> map, java.util.function.Predicate<String> keep) {
        return map.entrySet().stream().filter(entry -> keep.test(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeService(Service service) throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            Map<String, Object> services = (Map<String, Object>) compose.get("services");
            assertThat(services).containsKey(service.moduleName());
            return (Map<String, Object>) services.get(service.moduleName());
        }
    }

    private static Map<String, String> environment(Map<String, Object> composeService) {
        Map<String, String> environment = new TreeMap<>();
        ((Map<?, ?>) composeService.get("environment"))
                .forEach((name, value) -> environment.put(name.toString(), String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationYaml(Service service) throws IOException {
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve(service.moduleName() + "/src/main/resources/application.yaml"))) {
            return new Yaml().load(reader);
        }
    }
}

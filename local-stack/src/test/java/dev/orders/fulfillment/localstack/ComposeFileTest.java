package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * service actually reads, and runs with the same simulation and telemetry settings as {@code make run}.
 */
class ComposeFileTest {

    private static final Path ROOT = Settings.findRoot();

    @ParameterizedTest
    @EnumSource(Service.class)
    void theServiceIsNamedForItsModuleEverywhere(Service service) throws IOException {
        Map<String, Object> compose = composeService(service);

        assertThat(compose)
                .extracting("build")
                .extracting("args")
                .extracting("SERVICE")
                .isEqualTo(service.moduleName());
        assertThat(environment(compose)).containsEntry("OTEL_SERVICE_NAME", service.moduleName());
        assertThat(applicationYaml(service))
                .extracting("spring")
                .extracting("application")
                .extracting("name")
                .isEqualTo(service.moduleName());
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyVariableIsOneTheServiceReads(Service service) throws IOException {
        Map<String, String> environment = environment(composeService(service));
        String reads = Files.readString(ROOT.resolve(service.moduleName() + "/src/main/resources/application.yaml"))
                + Files.readString(ROOT.resolve("service-support/src/main/resources/service-defaults.yaml"))
                + Files.readString(
                        ROOT.resolve(
                                "service-support/src/main/java/dev/orders/fulfillment/support/ServiceEnvironmentPostProcessor.java"));

        String switchName = simulationPrefix(service) + "_SIMULATION_ENABLED";
        Set<String> properties = propertyNames(applicationYaml(service), "");
        environment.keySet().stream()
                .filter(name -> !name.startsWith("OTEL_")
                        && !name.equals("SPRING_PROFILES_INCLUDE")
                        && !name.equals(switchName)
                        // Spring Security's own resource-server settings, passed through for jwt mode
                        && !name.startsWith("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_")
                        // a property of the service's application.yaml, by Spring's relaxed binding
                        && !properties.contains(name.toLowerCase(Locale.ROOT).replace('_', '.')))
                .forEach(name -> assertThat(reads)
                        .as(service.moduleName() + " reads " + name)
                        .containsAnyOf("${" + name, "\"" + name + "\""));
    }

    /** Each service signs in as its own role, which the postgres-accounts job makes with the same password. */
    @ParameterizedTest
    @EnumSource(Service.class)
    void eachServiceHasItsOwnDatabaseRole(Service service) throws IOException {
        String url = environment(composeService(service)).get("DATABASE_URL");
        if (service.schema().isEmpty()) {
            assertThat(url).isNull();
            return;
        }
        Matcher login = Pattern.compile("postgres://([a-z_]+):(\\$\\{[^}]+})@postgres:5432/orders")
                .matcher(url);
        assertThat(login.matches()).as(url).isTrue();
        assertThat(login.group(1)).isEqualTo(service.databaseRole());
        String accounts = environment(services().get("postgres-accounts")).get("SERVICE_ACCOUNTS");
        assertThat(accounts)
                .contains("{\"role\":\"" + service.databaseRole() + "\",\"schema\":\""
                        + service.schema().orElseThrow() + "\",\"password\":\"" + login.group(2) + "\"}");
    }

    /** Every key of a YAML tree, dotted and without dashes: {@code orders.security.mode}. */
    private static Set<String> propertyNames(Map<?, ?> tree, String prefix) {
        Set<String> names = new HashSet<>();
        tree.forEach((key, value) -> {
            String name = prefix + key.toString().replace("-", "");
            names.add(name);
            if (value instanceof Map<?, ?> subtree) {
                names.addAll(propertyNames(subtree, name + "."));
            }
        });
        return names;
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void simulationAndTelemetrySettingsAreMakeRunsOwn(Service service) throws IOException {
        Map<String, String> environment = environment(composeService(service));
        String prefix = simulationPrefix(service);
        if (prefix != null) {
            // on by default, and one variable switches every worker's simulation off
            assertThat(environment).containsEntry(prefix + "_SIMULATION_ENABLED", "${SIMULATION_ENABLED:-true}");
        }

        // the seed's demo values: the profile `make run SIM=demo` turns on, and none written here
        assertThat(environment).containsEntry("SPRING_PROFILES_INCLUDE", Service.DEMO_SIMULATION_PROFILE);
        assertThat(environment.keySet())
                .noneMatch(name -> name.endsWith("_FAILURE_RATE") || name.contains("_LATENCY_"));
        // telemetry: what the launcher sets when a collector is configured
        Map<String, String> launcher =
                new HashMap<>(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318"));
        Telemetry.configure(service, launcher);
        assertThat(filter(environment, name -> name.startsWith("OTEL_") && !name.equals("OTEL_RESOURCE_ATTRIBUTES")))
                .isEqualTo(filter(launcher, name -> name.startsWith("OTEL_")));
        // no agent in the image: the services trace themselves, as under make run
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).doesNotContain("-javaagent", "JAVA_TOOL_OPTIONS");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void theJvmIsMakeRunsOwn(Service service) throws IOException {
        // the image starts java with make run's argument files, its own heap included: compose sets no JVM option
        assertThat(environment(composeService(service)).keySet())
                .doesNotContain("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "SERVICE_JAVA_OPTS");
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains(
                        "COPY " + Service.SHARED_JVM_OPTIONS + " /app/jvm.options",
                        "COPY ${SERVICE}/" + Service.SHARED_JVM_OPTIONS + " /app/service.options",
                        "exec java @/app/jvm.options @/app/service.options $SERVICE_JAVA_OPTS ");
        assertThat(service.jvmOptionFiles(Settings.fromEnvironment(ROOT, Map.of())))
                .containsExactly(
                        ROOT.resolve(Service.SHARED_JVM_OPTIONS),
                        ROOT.resolve(service.moduleName()).resolve(Service.SHARED_JVM_OPTIONS));
        // and no flag of its own beside them
        assertThat(dockerfile).doesNotContain("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    }

    private static String simulationPrefix(Service service) throws IOException {
        return applicationYaml(service).get("simulation") instanceof Map<?, ?> simulation
                ? String.valueOf(simulation.get("prefix"))
                : null;
    }

    /** compose's collector image is the release the repository's own collector is built at (make collector). */
    @Test
    void theCollectorImageIsTheReleaseOfTheCollectorManifest() throws IOException {
        String compose = Files.readString(ROOT.resolve("compose.yml"));
        Matcher image =
                Pattern.compile("otel/opentelemetry-collector-contrib:(\\S+)").matcher(compose);

        assertThat(image.find()).isTrue();
        assertThat(image.group(1))
                .isEqualTo(Collector.Manifest.read(ROOT.resolve(Collector.MANIFEST))
                        .release());
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
        OrderSearchAttributeRegistration.wanted()
                .forEach((name, type) -> wanted.put(name, OrderSearchAttributeRegistration.typeName(type)));
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
                Map<String, Object> args =
                        (Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args");
                assertThat(List.of(args.get("JDK_IMAGE"), args.get("JRE_IMAGE")))
                        .as(name)
                        .allMatch(pinned::contains);
            } else {
                assertThat(pinned).as(name).contains(service.get("image"));
            }
        });
        // the Dockerfile names no image of its own: each FROM is a build argument or an earlier stage (the jars
        // built by Maven inside, or taken from the host: JARS)
        assertThat(Files.readAllLines(ROOT.resolve("Dockerfile")))
                .filteredOn(line -> line.startsWith("FROM "))
                .extracting(line -> line.split("\\s+")[1])
                .containsExactly("${JDK_IMAGE}", "${JRE_IMAGE}", "jars-${JARS}", "${JRE_IMAGE}");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("ARG JARS=maven");
    }

    /** As make run's nice: api-service (and the database) at the default weight, the fulfilment side far below. */
    @Test
    void theWorkersAndTemporalWeighLessOnTheCpuThanApiService() throws IOException {
        Map<String, Object> weights = new TreeMap<>();
        services().forEach((name, service) -> weights.put(name, service.get("cpu_shares")));

        assertThat(weights.get("api-service")).isNull();
        assertThat(weights.get("postgres")).isNull();
        for (Service service : Service.values()) {
            if (service != Service.API_SERVICE) {
                assertThat(weights.get(service.moduleName()))
                        .as(service.moduleName())
                        .isEqualTo(128);
            }
        }
        assertThat(weights.get("temporal")).isEqualTo(128);
    }

    /** The server image's built-in configuration names a dynamic-config file it lacks: it exits without one. */
    @Test
    @SuppressWarnings("unchecked")
    void theTemporalServerIsGivenTheDynamicConfigFileItNeeds() throws IOException {
        Map<String, Object> temporal = (Map<String, Object>) services().get("temporal");
        String path =
                String.valueOf(((Map<String, Object>) temporal.get("environment")).get("DYNAMIC_CONFIG_FILE_PATH"));

        assertThat(path).startsWith("/etc/temporal/config/dynamicconfig/");
        String mount = ((List<String>) temporal.get("volumes"))
                .stream()
                        .filter(volume -> volume.contains(":" + path))
                        .findFirst()
                        .orElseThrow();
        assertThat(mount).endsWith(":ro");
        Map<String, Object> dynamicConfig;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(mount.split(":")[0]))) {
            dynamicConfig = new Yaml().load(reader);
        }
        // each key: a list of {value, constraints}, as the server reads the file
        assertThat(dynamicConfig)
                .isNotEmpty()
                .allSatisfy((key, values) -> assertThat((List<Map<String, Object>>) values)
                        .isNotEmpty()
                        .allSatisfy(value -> assertThat(value).containsKey("value")));
    }

    /** Every step of the schema job is safe to repeat and runs every time, so a cut-short first run is finished. */
    @Test
    void theSchemaJobRepeatsEveryStepAndShowsErrors() throws IOException {
        String script = Files.readString(ROOT.resolve("compose/temporal-schema.sh"));

        assertThat(script)
                .contains(
                        "sql --database \"$name\" create\n",
                        "sql --database \"$name\" setup-schema --version 0.0\n",
                        "sql --database \"$name\" update-schema ")
                .doesNotContain("2>/dev/null", "if sql")
                .contains("set -eu");
    }

    @Test
    void scriptsKeepLfLineEndsOnEveryCheckout() throws Exception {
        List<String> scripts = new java.util.ArrayList<>(List.of("mvnw", ".ci/run", "Dockerfile"));
        try (java.util.stream.Stream<Path> files = Files.walk(ROOT)) {
            files.filter(file -> file.toString().endsWith(".sh"))
                    .filter(file -> !ROOT.relativize(file).toString().matches("(\\.tools|\\.data|\\.git|.*target)/.*"))
                    .forEach(file -> scripts.add(ROOT.relativize(file).toString()));
        }
        assertThat(scripts).contains("compose/temporal-schema.sh", "scripts/verify-scout.sh");
        for (String script : scripts) {
            Process git = new ProcessBuilder("git", "check-attr", "eol", "--", script)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
            String answer = new String(git.getInputStream().readAllBytes()).trim();
            git.waitFor();
            assertThat(answer).as(script).isEqualTo(script + ": eol: lf");
        }
    }

    /** One Maven build for all eight images, whatever SERVICE is; no registry needed for the Dockerfile frontend. */
    @Test
    void theDockerfileBuildsOnceForEveryImage() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String build = dockerfile.substring(
                dockerfile.indexOf("FROM ${JDK_IMAGE} AS jars-maven"),
                dockerfile.indexOf("FROM ${JRE_IMAGE} AS jars-host"));

        assertThat(dockerfile).doesNotContain("# syntax=");
        assertThat(build)
                .doesNotContain("ARG SERVICE", "$SERVICE")
                .contains("sharing=locked")
                .contains("-pl '!local-stack,!bench,!drill' package");
        // every module built on the launcher is left out with it: the image builds no launcher
        try (var modules = Files.list(ROOT)) {
            for (Path pom : modules.map(module -> module.resolve("pom.xml"))
                    .filter(Files::isRegularFile)
                    .toList()) {
                boolean onTheLauncher = !pom.getParent().endsWith("local-stack")
                        && Files.readString(pom).contains("<artifactId>local-stack</artifactId>");
                if (onTheLauncher) {
                    assertThat(build).contains("!" + pom.getParent().getFileName());
                }
            }
        }
    }

    /** An edit to what no image is built from does not send a new build context to every image. */
    @Test
    void theBuildContextLeavesOutWhatNoImageIsBuiltFrom() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));

        assertThat(ignored)
                .contains(
                        ".tools/",
                        ".data/",
                        "docs/",
                        "dashboards/",
                        "compose/",
                        "compose.yml",
                        "*.md",
                        "scripts/",
                        ".ci/",
                        "collector/");
        // what the Dockerfile copies stays in
        assertThat(ignored).doesNotContain("pom.xml", "mvnw", ".mvn/");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    @SuppressWarnings("unchecked")
    void composeWaitsLongerThanTheServicesGracefulShutdown(Service service) throws IOException {
        Map<String, Object> spring = (Map<String, Object>) serviceDefaults().get("spring");
        String phase =
                String.valueOf(((Map<String, Object>) spring.get("lifecycle")).get("timeout-per-shutdown-phase"));
        String grace = String.valueOf(composeService(service).get("stop_grace_period"));

        assertThat(seconds(grace)).as(service.moduleName()).isGreaterThan(2 * seconds(phase));
    }

    /** Temporal's four roles each open their pools; with the services' they exceed PostgreSQL's default 100. */
    @Test
    @SuppressWarnings("unchecked")
    void postgresAllowsEveryPoolItsClientsOpen() throws IOException {
        List<String> command = (List<String>) ((Map<String, Object>) services().get("postgres")).get("command");
        int allowed = Integer.parseInt(command.get(command.indexOf("-c") + 1).replace("max_connections=", ""));
        Matcher pool = Pattern.compile("maximum-pool-size: \\$\\{DB_POOL_SIZE:(\\d+)}")
                .matcher(Files.readString(ROOT.resolve("service-support/src/main/resources/service-defaults.yaml")));
        assertThat(pool.find()).isTrue();

        // the server image's template: SQL_MAX_CONNS 20 (default store) and SQL_VIS_MAX_CONNS 10, per role
        int temporal = 4 * (20 + 10);
        int services = Service.values().length * Integer.parseInt(pool.group(1));
        assertThat(allowed).isGreaterThanOrEqualTo(temporal + services + 10);
    }

    /** Each host port can be moved (shell or .env), by the names .env.example lists and verify-scout reads. */
    @Test
    @SuppressWarnings("unchecked")
    void everyHostPortCanBeMoved() throws IOException {
        String example = Files.readString(ROOT.resolve(".env.example"));
        List<String> published = new java.util.ArrayList<>();
        services()
                .values()
                .forEach(service -> ((List<String>) service.getOrDefault("ports", List.of())).forEach(published::add));

        assertThat(published).hasSizeGreaterThanOrEqualTo(8).allSatisfy(port -> {
            Matcher mapping =
                    Pattern.compile("\\$\\{(\\w+_PORT):-(\\d+)}:(\\d+)").matcher(port);
            assertThat(mapping.matches()).as(port).isTrue();
            assertThat(example).contains("# " + mapping.group(1) + "=" + mapping.group(2));
        });
        assertThat(Files.readString(ROOT.resolve("scripts/verify-scout.sh")))
                .contains("${COLLECTOR_HEALTH_PORT:-13133}", "${COLLECTOR_METRICS_PORT:-8888}", "${API_PORT:-8080}");
    }

    /** Compose interpolates `$` in unquoted and double-quoted .env values; single quotes keep it. */
    @Test
    void envExampleSaysHowToKeepADollarSign() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".env.example"));

        assertThat(String.join("\n", lines)).contains("single quotes");
        assertThat(lines)
                .filteredOn(line -> !line.startsWith("#") && line.contains("$"))
                .allSatisfy(line -> assertThat(line).matches("\\w+='[^']*'"));
    }

    private static double seconds(String duration) {
        Matcher value = Pattern.compile("(\\d+)(s|m)").matcher(duration);
        assertThat(value.matches()).as(duration).isTrue();
        return Integer.parseInt(value.group(1)) * (value.group(2).equals("m") ? 60 : 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("compose.yml"))) {
            return (Map<String, Map<String, Object>>)
                    new Yaml().<Map<String, Object>>load(reader).get("services");
        }
    }

    private static Map<String, Object> serviceDefaults() throws IOException {
        try (Reader reader =
                Files.newBufferedReader(ROOT.resolve("service-support/src/main/resources/service-defaults.yaml"))) {
            return new Yaml().load(reader);
        }
    }

    private static Map<String, String> filter(Map<String, String> map, java.util.function.Predicate<String> keep) {
        return map.entrySet().stream()
                .filter(entry -> keep.test(entry.getKey()))
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
        try (Reader reader =
                Files.newBufferedReader(ROOT.resolve(service.moduleName() + "/src/main/resources/application.yaml"))) {
            return new Yaml().load(reader);
        }
    }
}

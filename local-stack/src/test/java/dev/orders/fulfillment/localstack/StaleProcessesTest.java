package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleProcessesTest {

    @Test
    void onlyThisStacksOwnProcessesAreRecognised(@TempDir Path root) {
        Settings settings = Settings.fromEnvironment(root, Map.of());
        Settings other = settings.withDataDir(root.resolve("elsewhere"));
        String data = settings.dataDir().toAbsolutePath().toString();

        assertThat(recognised(
                        settings,
                        "/usr/lib/jvm/bin/java",
                        "-Xmx128m",
                        ServiceProcess.stackMarker(settings),
                        "-jar",
                        root + "/fraud-worker/target/extracted/fraud-worker-exec.jar"))
                .hasValue("a service (fraud-worker-exec.jar)");
        assertThat(recognised(settings, "/usr/bin/java", ServiceProcess.stackMarker(other), "-jar", "x.jar"))
                .isEmpty();
        assertThat(recognised(settings, "/usr/bin/java", "-jar", "x.jar")).isEmpty();
        assertThat(recognised(
                        settings,
                        "/repo/.tools/bin/temporal",
                        "server",
                        "start-dev",
                        "--db-filename",
                        data + "/temporal.db"))
                .hasValue("a Temporal dev server on " + data + "/temporal.db");
        assertThat(recognised(settings, "/repo/.tools/bin/temporal", "server", "start-dev"))
                .isEmpty();
        assertThat(recognised(settings, "/tmp/embedded-pg/bin/postgres", "-D", data + "/postgres", "-p", "15432"))
                .hasValue("a PostgreSQL on " + data + "/postgres");
        assertThat(recognised(settings, "/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/postgresql/15/main"))
                .isEmpty();
        assertThat(recognised(settings, "/bin/sleep", "-D", data + "/postgres")).isEmpty();
    }

    /** A launcher killed outright left its PostgreSQL running: the next start stops it, and the data is there. */
    @Test
    void aPostgresLeftRunningIsStoppedAndItsDataKept(@TempDir Path root) throws Exception {
        int port = PostgresTest.freePort();
        Settings settings = Settings.fromEnvironment(root, Map.of()).withPorts(18080, port, 17233);
        String url = "jdbc:postgresql://localhost:" + port + "/orders";
        Postgres abandoned = Postgres.start(settings);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            connection.createStatement().execute("create table kept (id int primary key)");
            connection.createStatement().execute("insert into kept values (7)");
        }

        StaleProcesses.stopAll(settings);

        // its port free for the next start (the file lock this JVM still holds would die with a killed launcher)
        Ports.requireFree(port, "PostgreSQL");
        abandoned.close();
        try (Postgres postgres = Postgres.start(settings);
                Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet kept = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt("id")).isEqualTo(7);
        }
    }

    private static Optional<String> recognised(Settings settings, String command, String... arguments) {
        return StaleProcesses.recognise(settings, command, arguments).map(StaleProcesses.Stale::what);
    }
}

package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTest {

    @Test
    void createsTheOrdersDatabaseAndKeepsItsDataAcrossARestart(@TempDir Path root) throws Exception {
        int port = freePort();
        Settings settings = Settings.fromEnvironment(root, Map.of()).withPorts(18080, port, 17233);
        String url = "jdbc:postgresql://localhost:" + port + "/orders";

        try (Postgres postgres = Postgres.start(settings)) {
            assertThat(postgres.jdbcUrl()).contains(url);
            // each service as its own role; the workflow worker has no database
            assertThat(postgres.serviceEnvironment(Service.API_SERVICE))
                    .containsEntry("SPRING_DATASOURCE_URL", url)
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "api_service")
                    .containsKey("SPRING_DATASOURCE_PASSWORD");
            assertThat(postgres.serviceEnvironment(Service.FRAUD_WORKER))
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "fraud_worker");
            assertThat(postgres.serviceEnvironment(Service.ORDER_WORKFLOW_WORKER))
                    .isEmpty();
            try (Connection connection = connect(url)) {
                connection.createStatement().execute("create table kept (id int primary key)");
                connection.createStatement().execute("insert into kept values (42)");
            }
        }

        try (Postgres postgres = Postgres.start(settings);
                Connection connection = connect(url);
                ResultSet kept = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt("id")).isEqualTo(42);
        }
        assertThat(root.resolve(".data/postgres/PG_VERSION")).content().startsWith("18");
        assertThat(root.resolve(".data/logs/postgres.log")).exists();
    }

    @Test
    void leavesADatabaseNamedByTheEnvironmentToTheServices(@TempDir Path root) throws Exception {
        Settings settings =
                Settings.fromEnvironment(root, Map.of("DATABASE_URL", "postgres://app:secret@db.example:5432/orders"));

        try (Postgres postgres = Postgres.start(settings)) {
            assertThat(postgres.jdbcUrl()).isEmpty();
            for (Service service : Service.values()) {
                assertThat(postgres.serviceEnvironment(service)).isEmpty();
            }
        }
        assertThat(root.resolve(".data")).doesNotExist();
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One PostgreSQL role per service with a schema, owning that schema and nothing else, each with a password made up
 * for this run: {@code service-accounts.sql}, the script compose runs too. A service then connects as its own role,
 * so a bug or a breach in one cannot read or change another's tables.
 */
final class ServiceAccounts {

    static final String SCRIPT = "service-accounts.sql";

    record Account(String role, String schema, String password) {}

    private final Map<Service, Account> accounts = new EnumMap<>(Service.class);

    ServiceAccounts() {
        for (Service service : Service.values()) {
            service.schema()
                    .ifPresent(schema -> accounts.put(
                            service, new Account(service.databaseRole(), schema, Passwords.newPassword())));
        }
    }

    /** Makes or updates every role on the database {@code superuser} is connected to. */
    void apply(Connection superuser) throws SQLException {
        try (Statement script = superuser.createStatement();
                PreparedStatement ensure =
                        superuser.prepareStatement("SELECT pg_temp.ensure_service_accounts(?::json)")) {
            script.execute(script());
            ensure.setString(1, json());
            ensure.execute();
        }
    }

    /** The service's login, for its {@code SPRING_DATASOURCE_*}; none for a service without a schema. */
    Map<String, String> environment(Service service) {
        Account account = accounts.get(service);
        return account == null
                ? Map.of()
                : Map.of(
                        "SPRING_DATASOURCE_USERNAME", account.role(),
                        "SPRING_DATASOURCE_PASSWORD", account.password());
    }

    private String json() {
        // roles, schemas and passwords are [a-z_] and base64url: nothing to escape
        return accounts.values().stream()
                .map(account -> "{\"role\":\"" + account.role() + "\",\"schema\":\"" + account.schema()
                        + "\",\"password\":\"" + account.password() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String script() {
        try (InputStream in = ServiceAccounts.class.getResourceAsStream("/" + SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the launcher's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/** Every rejected order is a problem naming what is wrong, and writes nothing. */
class OrderValidationTest extends ApiServiceTestBase {

    private static final String ITEM = "{\"product_id\": \"prod-1\", \"quantity\": 1}";

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                invalid("missing customer_id", "{\"items\": [" + ITEM + "]}", "customer_id"),
                invalid("customer_id with a space", withCustomer("\"bad id\""), "customer_id"),
                invalid("customer_id too long", withCustomer("\"" + "c".repeat(101) + "\""), "customer_id"),
                invalid("customer_id a number", withCustomer("123"), "customer_id"),
                invalid("unknown tier", withField("customer_tier", "\"diamond\""), "customer_tier"),
                invalid("tier in capitals", withField("customer_tier", "\"GOLD\""), "customer_tier"),
                invalid("missing items", "{\"customer_id\": \"c\"}", "items"),
                invalid("empty items", withItems(""), "items"),
                invalid("101 items", withItems(String.join(",", Collections.nCopies(101, ITEM))), "items"),
                invalid("items a string", "{\"customer_id\": \"c\", \"items\": \"prod-1\"}", "items"),
                invalid("a null item", withItems("null"), "items[0]"),
                invalid("missing product_id", withItems("{\"quantity\": 1}"), "items[0].product_id"),
                invalid("missing quantity", withItems("{\"product_id\": \"prod-1\"}"), "items[0].quantity"),
                invalid("quantity 0", withItem("0", null), "items[0].quantity"),
                invalid("quantity 10001", withItem("10001", null), "items[0].quantity"),
                invalid("quantity 1.5", withItem("1.5", null), "items[0].quantity"),
                invalid("quantity \"abc\"", withItem("\"abc\"", null), "items[0].quantity"),
                invalid("quantity \"5\"", withItem("\"5\"", null), "items[0].quantity"),
                invalid("quantity beyond int", withItem("99999999999", null), "items[0].quantity"),
                invalid("negative price", withItem("1", "-1"), "items[0].price"),
                invalid("price 0", withItem("1", "0"), "items[0].price"),
                invalid("3-decimal price", withItem("1", "9.999"), "items[0].price"),
                invalid("price above a million", withItem("1", "1000000.01"), "items[0].price"),
                invalid("price a string", withItem("1", "\"9.99\""), "items[0].price"),
                invalid("payment method in capitals", withField("payment_method", "\"Card\""), "payment_method"),
                invalid(
                        "several fields at once",
                        "{\"customer_tier\": \"gold\", \"items\": [" + ITEM
                                + ", {\"product_id\": \"prod-2\", \"quantity\": 0, \"price\": 1.001}]}",
                        "customer_id",
                        "items[1].quantity",
                        "items[1].price"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void anInvalidOrderIsA400NamingEachBadField(String description, String body, List<String> fields) {
        long before = orderCount();

        http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.errors[*].field")
                .value(STRINGS, reported -> assertThat(reported).containsExactlyInAnyOrderElementsOf(fields))
                .jsonPath("$.errors[*].message")
                .value(STRINGS, messages -> assertThat(messages).doesNotContainNull());

        assertThat(orderCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void anUnreadableBodyIsA400(String description, String body) {
        long before = orderCount();

        http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.errors")
                .doesNotExist();

        assertThat(orderCount()).isEqualTo(before);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"customer_id\": \"c\", \"items\": ["),
                Arguments.of("an unquoted word", "{\"customer_id\": \"c\", \"items\": [{\"quantity\": abc}]}"),
                Arguments.of("trailing garbage", "{\"customer_id\": \"c\", \"items\": [" + ITEM + "]} x"),
                Arguments.of("not JSON", "customer_id=c"),
                Arguments.of("empty body", ""),
                Arguments.of("null", "null"),
                Arguments.of("an array", "[" + ITEM + "]"));
    }

    @Test
    void malformedJsonSaysWhereItBrokeAndNothingOfTheParser() {
        http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"customer_id\": \"c\",\n \"items\": [{\"quantity\": abc}]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("malformed JSON at line 2, column 25");
    }

    @Test
    void unknownProductsAreA422NamingEachItem() {
        long before = orderCount();

        http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(withItems(ITEM + ", {\"product_id\": \"no-such-thing\", \"quantity\": 1},"
                        + " {\"product_id\": \"nor-this\", \"quantity\": 1}"))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .isEqualTo(List.of("items[1].product_id", "items[2].product_id"));

        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        http.post()
                .uri("/api/orders")
                .contentType(MediaType.TEXT_PLAIN)
                .body("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static Arguments invalid(String description, String body, String... fields) {
        return Arguments.of(description, body, List.of(fields));
    }

    private static String withCustomer(String customerJson) {
        return "{\"customer_id\": " + customerJson + ", \"items\": [" + ITEM + "]}";
    }

    private static String withField(String name, String json) {
        return "{\"customer_id\": \"c\", \"" + name + "\": " + json + ", \"items\": [" + ITEM + "]}";
    }

    private static String withItems(String items) {
        return "{\"customer_id\": \"c\", \"items\": [" + items + "]}";
    }

    private static String withItem(String quantity, String price) {
        return withItems("{\"product_id\": \"prod-1\", \"quantity\": " + quantity
                + (price == null ? "" : ", \"price\": " + price) + "}");
    }
}

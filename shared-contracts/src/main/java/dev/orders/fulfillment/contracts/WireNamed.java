package dev.orders.fulfillment.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum that travels as the lower-case form of its constant's name ({@code manual_review}): in JSON, in the
 * database columns, in Temporal payloads and search attributes, in metric and span attributes. One rule, so the
 * API, the tables and the dashboards never disagree on a spelling.
 */
public interface WireNamed {

    /** Implemented by every enum. */
    String name();

    @JsonValue
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire name is {@code value}; empty for anything else, null included. */
    static <E extends Enum<E> & WireNamed> Optional<E> fromWire(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}

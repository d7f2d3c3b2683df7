package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Optional;
import java.util.function.Function;

/** The orders table stores every enum by its lower-case wire name, the same word the API and the workflow use. */
final class WireNameConverters {

    private WireNameConverters() {}

    abstract static class WireNameConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

        private final Function<E, String> toWire;
        private final Function<String, Optional<E>> fromWire;

        WireNameConverter(Function<E, String> toWire, Function<String, Optional<E>> fromWire) {
            this.toWire = toWire;
            this.fromWire = fromWire;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : toWire.apply(value);
        }

        @Override
        public E convertToEntityAttribute(String column) {
            return column == null
                    ? null
                    : fromWire.apply(column)
                            .orElseThrow(() -> new IllegalStateException("unknown value in the database: " + column));
        }
    }

    @Converter(autoApply = true)
    static class OrderStatusConverter extends WireNameConverter<OrderStatus> {
        OrderStatusConverter() {
            super(OrderStatus::wireName, OrderStatus::fromWire);
        }
    }

    @Converter(autoApply = true)
    static class DecisionPathConverter extends WireNameConverter<DecisionPath> {
        DecisionPathConverter() {
            super(DecisionPath::wireName, DecisionPath::fromWire);
        }
    }

    @Converter(autoApply = true)
    static class CustomerTierConverter extends WireNameConverter<CustomerTier> {
        CustomerTierConverter() {
            super(CustomerTier::wireName, CustomerTier::fromWire);
        }
    }

    @Converter(autoApply = true)
    static class ReviewDecisionConverter extends WireNameConverter<ReviewDecision> {
        ReviewDecisionConverter() {
            super(ReviewDecision::wireName, ReviewDecision::fromWire);
        }
    }
}

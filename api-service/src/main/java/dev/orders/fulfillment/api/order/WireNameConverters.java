package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.WireNamed;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The orders table stores every enum by its lower-case wire name, the same word the API and the workflow use. */
final class WireNameConverters {

    private WireNameConverters() {}

    abstract static class WireNameConverter<E extends Enum<E> & WireNamed> implements AttributeConverter<E, String> {

        private final Class<E> type;

        WireNameConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wireName();
        }

        @Override
        public E convertToEntityAttribute(String column) {
            return column == null
                    ? null
                    : WireNamed.fromWire(type, column)
                            .orElseThrow(() -> new IllegalStateException("unknown value in the database: " + column));
        }
    }

    @Converter(autoApply = true)
    static class OrderStatusConverter extends WireNameConverter<OrderStatus> {
        OrderStatusConverter() {
            super(OrderStatus.class);
        }
    }

    @Converter(autoApply = true)
    static class DecisionPathConverter extends WireNameConverter<DecisionPath> {
        DecisionPathConverter() {
            super(DecisionPath.class);
        }
    }

    @Converter(autoApply = true)
    static class CustomerTierConverter extends WireNameConverter<CustomerTier> {
        CustomerTierConverter() {
            super(CustomerTier.class);
        }
    }

    @Converter(autoApply = true)
    static class ReviewDecisionConverter extends WireNameConverter<ReviewDecision> {
        ReviewDecisionConverter() {
            super(ReviewDecision.class);
        }
    }
}

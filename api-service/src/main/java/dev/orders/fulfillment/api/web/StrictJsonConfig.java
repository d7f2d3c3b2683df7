package dev.orders.fulfillment.api.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: a value of the wrong JSON type is a 400 naming the field, never a guess.
 * Without this Jackson would truncate {@code 1.5} to a quantity of 1, read {@code "5"} as 5 and {@code 123} as
 * the customer id {@code "123"}, ignore a field it does not know, take {@code 0} for the first tier and trim
 * {@code "gold "} into a tier. (What this service reads from inventory-worker is read tolerantly, field by field:
 * {@code InventoryClient}.)
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("exact-enum-names")
                        .setDeserializerModifier(new ValueDeserializerModifier() {
                            @Override
                            public ValueDeserializer<?> modifyEnumDeserializer(
                                    DeserializationConfig config,
                                    JavaType type,
                                    BeanDescription.Supplier description,
                                    ValueDeserializer<?> deserializer) {
                                return new ExactNames(type.getRawClass());
                            }
                        }));
    }

    /** Every enum of the API by its documented name (the lower-case constant), exactly as written. */
    static final class ExactNames extends StdDeserializer<Object> {

        private final Map<String, Object> byName;

        ExactNames(Class<?> type) {
            super(type);
            byName = Arrays.stream(type.getEnumConstants())
                    .collect(Collectors.toMap(
                            constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT), Function.identity()));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            Object value = byName.get(parser.getString());
            return value != null
                    ? value
                    : context.handleWeirdStringValue(handledType(), parser.getString(), "not one of its names");
        }
    }
}

package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.web.ExpectedType;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.WireNamed;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An order status as the API writes it ({@code manual_review}). A query parameter is checked as text rather than
 * converted to the enum: Spring's binder would fall back to the constant's name and let {@code MANUAL_REVIEW} in.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OrderStatusName.Validator.class)
@interface OrderStatusName {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OrderStatusName, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || WireNamed.fromWire(OrderStatus.class, value).isPresent()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(ExpectedType.describe(OrderStatus.class))
                    .addConstraintViolation();
            return false;
        }
    }
}

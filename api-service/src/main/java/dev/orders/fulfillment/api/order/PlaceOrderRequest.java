package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.web.TextPatterns;
import dev.orders.fulfillment.contracts.CustomerTier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** {@code POST /api/orders}. The tier defaults to standard; an item without a price takes the catalog's. */
record PlaceOrderRequest(
        @NotNull @Pattern(regexp = TextPatterns.CUSTOMER_ID) String customerId,
        CustomerTier customerTier,
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items,
        @Pattern(regexp = "^[a-z0-9_-]{1,50}$") String paymentMethod) {

    CustomerTier tier() {
        return customerTier == null ? CustomerTier.STANDARD : customerTier;
    }

    /** {@code productId} is the SKU, as in the seed. */
    @Schema(name = "ItemRequest")
    record Item(
            @NotNull @Pattern(regexp = TextPatterns.PRODUCT_ID)
            String productId,

            @NotNull @Min(1) @Max(10_000) Integer quantity,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
            BigDecimal price) {}
}

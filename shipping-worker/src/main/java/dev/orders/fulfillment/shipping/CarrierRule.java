package dev.orders.fulfillment.shipping;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.OrderLine;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the carrier from the order's total weight (Σ quantity × unit weight) and value; the first match wins:
 * <ol>
 *   <li>over 1,000 kg: no carrier takes it, so the shipment is rejected for good (the workflow then refunds the
 *       payment and releases the stock);</li>
 *   <li>over 30 kg: {@code freight};</li>
 *   <li>customer tier gold, platinum or premium, or an order value of 1,000 or more: {@code express};</li>
 *   <li>up to 2 kg and a value under 100: {@code postal};</li>
 *   <li>otherwise: {@code ground}.</li>
 * </ol>
 * Pure: the same order always gets the same carrier.
 */
final class CarrierRule {

    static final long MAX_WEIGHT_GRAMS = 1_000_000;

    private static final long FREIGHT_ABOVE_GRAMS = 30_000;
    private static final long POSTAL_UP_TO_GRAMS = 2_000;
    private static final BigDecimal EXPRESS_FROM_VALUE = new BigDecimal("1000");
    private static final BigDecimal POSTAL_BELOW_VALUE = new BigDecimal("100");
    private static final Set<CustomerTier> EXPRESS_TIERS =
            EnumSet.of(CustomerTier.GOLD, CustomerTier.PLATINUM, CustomerTier.PREMIUM);

    private CarrierRule() {}

    static long totalWeightGrams(List<OrderLine> lines) {
        return lines.stream()
                .mapToLong(line -> (long) line.quantity() * line.unitWeightGrams())
                .sum();
    }

    /** Empty when the order is too heavy for every carrier. */
    static Optional<Carrier> choose(long weightGrams, CustomerTier tier, BigDecimal orderValue) {
        if (weightGrams > MAX_WEIGHT_GRAMS) {
            return Optional.empty();
        }
        if (weightGrams > FREIGHT_ABOVE_GRAMS) {
            return Optional.of(Carrier.FREIGHT);
        }
        if (EXPRESS_TIERS.contains(tier) || orderValue.compareTo(EXPRESS_FROM_VALUE) >= 0) {
            return Optional.of(Carrier.EXPRESS);
        }
        if (weightGrams <= POSTAL_UP_TO_GRAMS && orderValue.compareTo(POSTAL_BELOW_VALUE) < 0) {
            return Optional.of(Carrier.POSTAL);
        }
        return Optional.of(Carrier.GROUND);
    }
}

package dev.orders.fulfillment.payment;

import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.support.Simulation;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;

/** Stands in for a card processor: decides an authorisation and issues transaction and refund ids. */
@Component
class MockGateway {

    /** The seed's way to force a decline from the API. */
    static final String TEST_DECLINE = "test_decline";

    static final List<String> DECLINE_REASONS =
            List.of("insufficient_funds", "card_declined", "expired_card", "invalid_cvv");

    private static final Random RANDOM = new SecureRandom();

    private final Simulation simulation;

    MockGateway(Simulation simulation) {
        this.simulation = simulation;
    }

    ChargePaymentResult authorize(String paymentMethod) {
        if (TEST_DECLINE.equals(paymentMethod)) {
            return declined(TEST_DECLINE);
        }
        if (simulation.chance(simulation.rate("DECLINE_FAILURE_RATE"))) {
            return declined(DECLINE_REASONS.get(RANDOM.nextInt(DECLINE_REASONS.size())));
        }
        return new ChargePaymentResult(true, "txn-" + randomHex(), null);
    }

    String newRefundId() {
        return "rfd-" + randomHex();
    }

    private static ChargePaymentResult declined(String reason) {
        return new ChargePaymentResult(false, null, reason);
    }

    /** 12 lower-case hex digits, as the seed's ids have. */
    private static String randomHex() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package dev.orders.fulfillment.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic orders whose path is known in advance, by the suite's documented rules (README, "Decision rules"):
 * a fresh customer id for every order, so no customer history moves a score; SKUs with deep stock for orders that
 * must not backorder. The same seed gives the same orders.
 */
final class OrderPlanner {

    /** A planned order: its request body, the path it should take, and the review decision to send, if any. */
    record PlannedOrder(int sequence, OrderPath path, String body, String reviewDecision) {

        /** Where the run should find it: a decided review is final, an undecided one stays held. */
        OrderPath.Outcome expected() {
            if (path == OrderPath.REVIEW && reviewDecision != null) {
                return "approved".equals(reviewDecision)
                        ? new OrderPath.Outcome("completed", "manual_approved")
                        : new OrderPath.Outcome("rejected", "manual_rejected");
            }
            return path.outcome();
        }
    }

    /**
     * Catalog items with inventory-worker's deepest seed stock (10,000 to 200,000 each), quantity 1 to 3 each: an
     * auto order takes two thirds of a unit of each on average, so about 15,000 fit before the shallowest
     * (monitor-27) runs out on a fresh database; after that, restock through the API. desk-chair and
     * espresso-machine (5,000 and 3,000) ran out after 7,000 orders and are left out.
     */
    private static final List<String> DEEP_STOCK =
            List.of("gadget-mini", "cable-usb-c", "gadget-pro", "headphones-anc", "laptop-stand", "monitor-27");
    /** Tiers that add nothing to the score (premium takes 20 off). */
    private static final List<String> TIERS = List.of("standard", "silver", "gold", "platinum", "premium");

    private final Mix mix;
    private final SplittableRandom random;
    private final String runId;
    private final boolean decideReviews;
    private final double approveRate;
    private int sequence;

    OrderPlanner(Mix mix, long seed, boolean decideReviews, double approveRate) {
        this.mix = mix;
        this.random = new SplittableRandom(seed);
        this.runId = runId(seed);
        this.decideReviews = decideReviews;
        this.approveRate = approveRate;
    }

    /** Every customer id a run with {@code seed} sends starts {@code lg-<runId>-} (reviews: {@code new-lg-…}). */
    static String runId(long seed) {
        return Long.toString(Math.abs(seed % 1_000_000_000L), 36);
    }

    PlannedOrder next() {
        int n = sequence++;
        OrderPath path = mix.draw(random);
        String customer = "lg-" + runId + "-" + n;
        return switch (path) {
            case AUTO ->
                new PlannedOrder(n, path, order(customer, pick(TIERS), items(1 + random.nextInt(3)), null), null);
            // 30 (new- id) + 20 (new tier) + 25 (over 1,000) + 30 (over 5,000) = 105: above 80, held for review
            case REVIEW ->
                new PlannedOrder(
                        n,
                        path,
                        order("new-" + customer, "new", "[" + item("gadget-pro", 1, "6000.00") + "]", null),
                        decideReviews ? (random.nextDouble() < approveRate ? "approved" : "rejected") : null);
            // the seed's out-of-stock item: its stock is 0 until someone restocks it
            case BACKORDER ->
                new PlannedOrder(
                        n,
                        path,
                        order(
                                customer,
                                "standard",
                                "[" + item("out-of-stock-item", 1 + random.nextInt(3), null) + "]",
                                null),
                        null);
            case DECLINE -> new PlannedOrder(n, path, order(customer, pick(TIERS), items(1), "test_decline"), null);
        };
    }

    private String items(int count) {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append(item(pick(DEEP_STOCK), 1 + random.nextInt(3), null));
        }
        return items.append(']').toString();
    }

    private static String item(String sku, int quantity, String price) {
        return "{\"product_id\":\"" + sku + "\",\"quantity\":" + quantity + (price == null ? "" : ",\"price\":" + price)
                + "}";
    }

    private static String order(String customer, String tier, String items, String paymentMethod) {
        return String.format(
                Locale.ROOT,
                "{\"customer_id\":\"%s\",\"customer_tier\":\"%s\",\"items\":%s%s}",
                customer,
                tier,
                items,
                paymentMethod == null ? "" : ",\"payment_method\":\"" + paymentMethod + "\"");
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}

package dev.orders.fulfillment.loadgen;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** {@code --mix auto:70,review:10,backorder:10,decline:10}: how often each path is drawn. */
public record Mix(Map<OrderPath, Integer> weights) {

    public static final String DEFAULT = "auto:70,review:10,backorder:10,decline:10";

    public Mix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("the mix needs at least one path with a positive weight");
        }
    }

    public static Mix parse(String text) {
        Map<OrderPath, Integer> weights = new EnumMap<>(OrderPath.class);
        for (String part : text.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part + "' is not path:weight, as in " + DEFAULT);
            }
            int weight;
            try {
                weight = Integer.parseInt(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the weight of " + pair[0] + " is not a whole number: " + pair[1]);
            }
            if (weight < 0) {
                throw new IllegalArgumentException("the weight of " + pair[0] + " is negative");
            }
            if (weights.put(OrderPath.fromWire(pair[0].trim()), weight) != null) {
                throw new IllegalArgumentException(pair[0] + " appears twice in the mix");
            }
        }
        return new Mix(weights);
    }

    /** As given on the command line, in path order: {@code auto:70,review:10,...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (OrderPath path : OrderPath.values()) {
            if (weights.containsKey(path)) {
                text.append(text.isEmpty() ? "" : ",")
                        .append(path.wireName())
                        .append(':')
                        .append(weights.get(path));
            }
        }
        return text.toString();
    }

    OrderPath draw(RandomGenerator random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int ticket = random.nextInt(total);
        for (OrderPath path : OrderPath.values()) {
            ticket -= weights.getOrDefault(path, 0);
            if (ticket < 0) {
                return path;
            }
        }
        throw new IllegalStateException("unreachable: the weights add up to " + total);
    }
}

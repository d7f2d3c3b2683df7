package dev.orders.fulfillment.contracts;

/**
 * The customer's earlier orders as the orders database saw them when this order was accepted.
 * "Recent" means the last 30 days.
 */
public record CustomerHistory(
        int completedOrders, int recentPaymentFailures, int recentRejections, int ordersLastHour) {

    public static CustomerHistory none() {
        return new CustomerHistory(0, 0, 0, 0);
    }
}

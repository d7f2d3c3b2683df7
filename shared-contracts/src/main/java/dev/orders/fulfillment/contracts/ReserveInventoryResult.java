package dev.orders.fulfillment.contracts;

import java.util.List;

public record ReserveInventoryResult(boolean reserved, List<StockShortage> shortages) {

    public record StockShortage(String sku, int requested, int available) {}
}

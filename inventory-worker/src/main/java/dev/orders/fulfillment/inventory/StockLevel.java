package dev.orders.fulfillment.inventory;

record StockLevel(String sku, int available) {}

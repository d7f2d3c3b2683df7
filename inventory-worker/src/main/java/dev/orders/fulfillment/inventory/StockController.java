package dev.orders.fulfillment.inventory;

import dev.orders.fulfillment.contracts.InventoryActivities;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Stock levels and restocks, for api-service. Errors are problem+json ({@code spring.mvc.problemdetails}). */
@RestController
@RequestMapping("/stock")
class StockController {

    private static final int MAX_RESTOCK = InventoryActivities.MAX_RESTOCK_QUANTITY;
    /** The longest restock id kept (the restocks table's key). */
    private static final int MAX_RESTOCK_ID = 255;

    private static final Logger log = LoggerFactory.getLogger(StockController.class);

    private final StockLedger ledger;
    private final BackorderSignals backorderSignals;

    StockController(StockLedger ledger, BackorderSignals backorderSignals) {
        this.ledger = ledger;
        this.backorderSignals = backorderSignals;
    }

    record StockList(List<StockLevel> stock) {}

    /** {@code restock_id}: optional, the caller's key for this restock (api-service passes its Idempotency-Key). */
    record RestockRequest(Integer quantity, String restockId) {}

    record RestockResponse(String sku, int available, int signalledOrders, boolean replayed) {}

    @GetMapping
    StockList all() {
        return new StockList(ledger.all());
    }

    @GetMapping("/{sku}")
    StockLevel one(@PathVariable String sku) {
        return ledger.find(sku).orElseThrow(() -> unknown(sku));
    }

    @PostMapping("/{sku}/restock")
    RestockResponse restock(@PathVariable String sku, @RequestBody RestockRequest request) {
        Integer quantity = request.quantity();
        if (quantity == null || quantity < 1 || quantity > MAX_RESTOCK) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "quantity must be a whole number from 1 to " + MAX_RESTOCK + ", got " + quantity);
        }
        String restockId = request.restockId();
        if (restockId != null && (restockId.isEmpty() || restockId.length() > MAX_RESTOCK_ID)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "restock_id must be 1 to " + MAX_RESTOCK_ID + " characters");
        }
        // the stock is committed when this returns, so every order woken below can reserve it
        StockLedger.Restock restock;
        try {
            restock = ledger.restock(sku, quantity, restockId)
                    .orElseThrow(() -> ledger.find(sku).isEmpty()
                            ? unknown(sku)
                            : new ResponseStatusException(
                                    HttpStatus.CONFLICT,
                                    "restocking " + sku + " by " + quantity + " would exceed "
                                            + StockLedger.MAX_AVAILABLE));
        } catch (StockLedger.RestockIdReusedException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        }
        // a replay signals again: waking a waiting order twice is harmless, and covers a signal the first one lost
        int signalled = backorderSignals.restocked(sku, restock.waitingOrders());
        log.info(
                "restocked {} by {} to {}{}; signalled {} of {} waiting orders",
                sku,
                quantity,
                restock.available(),
                restock.replayed() ? " (replayed restock " + restockId + ", nothing added)" : "",
                signalled,
                restock.waitingOrders().size());
        return new RestockResponse(sku, restock.available(), signalled, restock.replayed());
    }

    private static ResponseStatusException unknown(String sku) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no stock is kept for SKU " + sku);
    }
}

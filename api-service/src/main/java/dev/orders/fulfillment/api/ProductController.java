package dev.orders.fulfillment.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    Products list() {
        return new Products(catalog.list());
    }

    @GetMapping("/{reference}")
    ProductBody get(@PathVariable String reference) {
        return catalog.find(reference).map(ProductBody::new).orElseThrow(() -> notFound(reference));
    }

    /**
     * {@code Idempotency-Key} (optional): the same key again answers what the first restock did and adds nothing,
     * so a client may retry a restock whose answer it never got ({@code replayed: true} then).
     */
    @PostMapping("/{sku}/restock")
    ProductCatalog.RestockOutcome restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters")
            String idempotencyKey) {
        return catalog.restock(sku, request.quantity(), idempotencyKey).orElseThrow(() -> notFound(sku));
    }

    private static NotFoundException notFound(String reference) {
        return new NotFoundException("no product " + reference);
    }

    record Products(List<ProductView> products) {
    }

    record ProductBody(ProductView product) {
    }

    record RestockRequest(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }
}

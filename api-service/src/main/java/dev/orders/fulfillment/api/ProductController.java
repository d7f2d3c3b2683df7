package dev.orders.fulfillment.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductController {

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

    @PostMapping("/{sku}/restock")
    ProductCatalog.RestockOutcome restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
        return catalog.restock(sku, request.quantity()).orElseThrow(() -> notFound(sku));
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

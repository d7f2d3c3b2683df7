package dev.orders.fulfillment.api.product;

import dev.orders.fulfillment.api.web.IdempotencyKeys;
import dev.orders.fulfillment.api.web.NotFoundException;
import dev.orders.fulfillment.contracts.InventoryActivities;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
@Tag(name = "products")
class ProductController {

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(operationId = "listProducts", summary = "The catalog, with each product's stock when inventory answers")
    @ApiResponse(responseCode = "200", description = "Every product")
    Products list() {
        return new Products(catalog.list());
    }

    @GetMapping("/{reference}")
    @Operation(operationId = "getProduct", summary = "One product, by SKU or id")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "404", description = "No such product")
    ProductBody get(@Parameter(example = "prod-1") @PathVariable String reference) {
        return catalog.find(reference).map(ProductBody::new).orElseThrow(() -> notFound(reference));
    }

    /**
     * {@code Idempotency-Key} (optional): the same key again answers what the first restock did and adds nothing,
     * so a client may retry a restock whose answer it never got ({@code replayed: true} then).
     */
    @PostMapping("/{sku}/restock")
    @Operation(operationId = "restockProduct", summary = "Add stock; orders waiting for it are told")
    @ApiResponse(responseCode = "200", description = "The new stock (replayed: the key's first restock, again)")
    @ApiResponse(responseCode = "400", description = "Malformed JSON, an invalid quantity or Idempotency-Key")
    @ApiResponse(responseCode = "404", description = "No such product")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another restock")
    ProductCatalog.RestockOutcome restock(
            @PathVariable String sku,
            @Valid @RequestBody RestockRequest request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                    @Pattern(regexp = IdempotencyKeys.PATTERN, message = IdempotencyKeys.RULE)
                    String idempotencyKey) {
        return catalog.restock(sku, request.quantity(), idempotencyKey).orElseThrow(() -> notFound(sku));
    }

    private static NotFoundException notFound(String reference) {
        return new NotFoundException("no product " + reference);
    }

    record Products(List<ProductView> products) {}

    record ProductBody(ProductView product) {}

    record RestockRequest(
            @NotNull @Min(1) @Max(InventoryActivities.MAX_RESTOCK_QUANTITY)
            Integer quantity) {}
}

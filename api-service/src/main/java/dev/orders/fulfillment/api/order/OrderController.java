package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.security.Callers;
import dev.orders.fulfillment.api.web.IdempotencyKeys;
import dev.orders.fulfillment.api.web.NotFoundException;
import dev.orders.fulfillment.api.web.TextPatterns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Slice;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders")
class OrderController {

    /** On an answer repeated for a retried Idempotency-Key (Stripe's name for it). */
    static final String REPLAYED = "Idempotent-Replayed";

    private final OrderCommands commands;
    private final OrderQueries queries;
    private final Callers callers;
    private final IdempotencyKeys keys;

    OrderController(OrderCommands commands, OrderQueries queries, Callers callers, IdempotencyKeys keys) {
        this.commands = commands;
        this.queries = queries;
        this.callers = callers;
        this.keys = keys;
    }

    /**
     * With an {@code Idempotency-Key}, a retry gets the first answer again ({@code Idempotent-Replayed: true}) and
     * places nothing: {@link IdempotencyKeys}.
     */
    @PostMapping
    @Operation(operationId = "placeOrder", summary = "Place an order", description = """
            Prices come from the catalog; an item's `price` other than the catalog's needs the scope \
            orders:price-override (open mode: anyone). Answered once its row is written; its workflow starts just \
            after (`status: pending`).""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "auto-approved", value = """
                    {"customer_id": "premium-customer", "customer_tier": "premium",
                     "items": [{"product_id": "prod-1", "quantity": 1, "price": 50}]}"""),
                                @ExampleObject(name = "manual review", value = """
                    {"customer_id": "new-customer", "customer_tier": "new",
                     "items": [{"product_id": "prod-1", "quantity": 100, "price": 5000}]}"""),
                                @ExampleObject(name = "backorder", value = """
                    {"customer_id": "test-customer", "items": [{"product_id": "out-of-stock-item", "quantity": 1000}]}"""),
                                @ExampleObject(name = "payment declined", value = """
                    {"customer_id": "test-customer", "items": [{"product_id": "prod-1", "quantity": 1}],
                     "payment_method": "test_decline"}""")
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "Placed (or, for a repeated Idempotency-Key, placed before)",
            headers = {
                @Header(name = "Location", description = "the order", schema = @Schema(type = "string")),
                @Header(
                        name = REPLAYED,
                        description = "true when this is the first answer to the key, again",
                        schema = @Schema(type = "string", allowableValues = "true"))
            },
            content = @Content(schema = @Schema(implementation = PlacedOrder.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, an invalid field or Idempotency-Key")
    @ApiResponse(
            responseCode = "409",
            description = "The first request with this Idempotency-Key is still being placed")
    @ApiResponse(
            responseCode = "422",
            description = "An unknown product, a price the token may not set, or an"
                    + " Idempotency-Key used before for another order")
    ResponseEntity<?> place(
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                    @Pattern(regexp = IdempotencyKeys.PATTERN, message = IdempotencyKeys.RULE)
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        Callers.Caller caller = callers.current();
        if (idempotencyKey == null) {
            return placed(commands.place(request, caller));
        }
        IdempotencyKeys.Held held = keys.claim(caller.id(), idempotencyKey, request);
        if (held instanceof IdempotencyKeys.Answer first) {
            return ResponseEntity.status(first.status())
                    .location(URI.create(first.location()))
                    .header(REPLAYED, "true")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(first.body());
        }
        IdempotencyKeys.Claim claim = (IdempotencyKeys.Claim) held;
        try {
            return placed(commands.place(
                    request,
                    caller,
                    order -> keys.complete(
                            claim,
                            order.id(),
                            new IdempotencyKeys.Answer(
                                    HttpStatus.CREATED.value(),
                                    location(order).toString(),
                                    keys.serialize(PlacedOrder.of(order))))));
        } catch (RejectedItemsException refused) {
            keys.release(claim);
            throw refused;
        }
    }

    private static ResponseEntity<PlacedOrder> placed(OrderView order) {
        return ResponseEntity.created(location(order)).body(PlacedOrder.of(order));
    }

    private static URI location(OrderView order) {
        return URI.create("/api/orders/" + order.id());
    }

    @GetMapping
    @Operation(operationId = "listOrders", summary = "List orders, newest first")
    @ApiResponse(responseCode = "200", description = "A page of orders (without their history)")
    @ApiResponse(responseCode = "400", description = "An invalid filter or page")
    OrderPage list(@ParameterObject @Valid OrderListQuery query) {
        return OrderPage.of(queries.list(query));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getOrder", summary = "An order, with its history")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such order")
    OrderBody get(@PathVariable UUID id) {
        return queries.find(id).map(OrderBody::new).orElseThrow(() -> new NotFoundException("no order " + id));
    }

    /**
     * New items for an order not yet charged: 200 once the workflow has assessed it again (the order as it now is),
     * 202 when that takes longer than the wait, 409 when the workflow refuses (payment started, say).
     */
    @PutMapping("/{id}")
    @Operation(operationId = "amendOrder", summary = "Change an order's items, before it is charged")
    @ApiResponse(responseCode = "200", description = "Amended, and assessed again")
    @ApiResponse(responseCode = "202", description = "Amended; still being assessed")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field")
    @ApiResponse(responseCode = "404", description = "No such order")
    @ApiResponse(responseCode = "409", description = "Too late: payment has started, or the order has ended")
    @ApiResponse(responseCode = "422", description = "An unknown product, or a price the token may not set")
    ResponseEntity<OrderBody> amend(@PathVariable UUID id, @Valid @RequestBody AmendOrderRequest request) {
        OrderCommands.Amended amended = commands.amend(id, request.items(), callers.current());
        return ResponseEntity.status(amended.settled() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(new OrderBody(amended.order()));
    }

    @PostMapping("/{id}/review")
    @Operation(
            operationId = "reviewOrder",
            summary = "Decide an order held for manual review",
            description = "The same decision again is answered 202 and changes nothing.")
    @ApiResponse(responseCode = "202", description = "Recorded; the workflow goes on with it")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field")
    @ApiResponse(responseCode = "404", description = "No such order")
    @ApiResponse(responseCode = "409", description = "Not held for review, or decided otherwise already")
    ResponseEntity<OrderBody> review(@PathVariable UUID id, @Valid @RequestBody ReviewRequest request) {
        OrderView order = commands.review(id, request.decision(), request.reviewer(), request.note());
        return ResponseEntity.accepted().body(new OrderBody(order));
    }

    /** The reason may come as {@code ?reason=} or as {@code {"reason": …}}; the body wins. */
    @DeleteMapping("/{id}")
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order that has not begun shipping",
            description = "Again is answered 202 and keeps the first reason.")
    @ApiResponse(responseCode = "202", description = "Recorded; the workflow compensates what was done")
    @ApiResponse(responseCode = "400", description = "An invalid reason")
    @ApiResponse(responseCode = "404", description = "No such order")
    @ApiResponse(responseCode = "409", description = "Shipping has begun, or the order has ended")
    ResponseEntity<OrderBody> cancel(
            @PathVariable UUID id,
            @RequestParam(required = false)
                    @Size(max = 500)
                    @Pattern(regexp = TextPatterns.TEXT, message = TextPatterns.NO_CONTROL_CHARACTERS)
                    String reason,
            @Valid @RequestBody(required = false) CancelRequest body) {
        OrderView order = commands.cancel(id, body != null && body.reason() != null ? body.reason() : reason);
        return ResponseEntity.accepted().body(new OrderBody(order));
    }

    record PlacedOrder(OrderView order, String workflowId) {
        static PlacedOrder of(OrderView order) {
            return new PlacedOrder(order, order.workflowId());
        }
    }

    record OrderBody(OrderView order) {}

    /** {@code has_next}: another page follows (there is no total: counting every order would cost each page). */
    record OrderPage(List<OrderView> orders, int page, int size, boolean hasNext) {
        static OrderPage of(Slice<OrderView> page) {
            return new OrderPage(page.getContent(), page.getNumber(), page.getSize(), page.hasNext());
        }
    }

    record ReviewRequest(
            @NotNull ReviewDecision decision,

            @Size(max = 100) @Pattern(regexp = TextPatterns.LINE, message = TextPatterns.NO_CONTROL_CHARACTERS)
            String reviewer,

            @Size(max = 1000) @Pattern(regexp = TextPatterns.TEXT, message = TextPatterns.NO_CONTROL_CHARACTERS)
            String note) {}

    record CancelRequest(
            @Size(max = 500) @Pattern(regexp = TextPatterns.TEXT, message = TextPatterns.NO_CONTROL_CHARACTERS)
            String reason) {}
}

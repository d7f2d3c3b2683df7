package dev.orders.fulfillment.api;

import dev.orders.fulfillment.api.security.Callers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
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
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
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
    ResponseEntity<?> place(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = "^[\\x21-\\x7E]{1,255}$", message = "must be 1 to 255 visible ASCII characters")
            String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        Callers.Caller caller = callers.current();
        if (idempotencyKey == null) {
            return placed(commands.place(request, caller));
        }
        IdempotencyKeys.Held held = keys.claim(caller.id(), idempotencyKey, request);
        if (held instanceof IdempotencyKeys.Answer first) {
            return ResponseEntity.status(first.status()).location(URI.create(first.location()))
                    .header(REPLAYED, "true").contentType(MediaType.APPLICATION_JSON).body(first.body());
        }
        IdempotencyKeys.Claim claim = (IdempotencyKeys.Claim) held;
        try {
            return placed(commands.place(request, caller, order -> keys.complete(claim, order.id(),
                    new IdempotencyKeys.Answer(HttpStatus.CREATED.value(), location(order).toString(),
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
    OrderPage list(@Valid OrderListQuery query) {
        return OrderPage.of(queries.list(query));
    }

    @GetMapping("/{id}")
    OrderBody get(@PathVariable UUID id) {
        return queries.find(id).map(OrderBody::new).orElseThrow(() -> new NotFoundException("no order " + id));
    }

    /**
     * New items for an order not yet charged: 200 once the workflow has assessed it again (the order as it now is),
     * 202 when that takes longer than the wait, 409 when the workflow refuses (payment started, say).
     */
    @PutMapping("/{id}")
    ResponseEntity<OrderBody> amend(@PathVariable UUID id, @Valid @RequestBody AmendOrderRequest request) {
        OrderCommands.Amended amended = commands.amend(id, request.items(), callers.current());
        return ResponseEntity.status(amended.settled() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(new OrderBody(amended.order()));
    }

    @PostMapping("/{id}/review")
    ResponseEntity<OrderBody> review(@PathVariable UUID id, @Valid @RequestBody ReviewRequest request) {
        OrderView order = commands.review(id, request.decision(), request.reviewer(), request.note());
        return ResponseEntity.accepted().body(new OrderBody(order));
    }

    /** The reason may come as {@code ?reason=} or as {@code {"reason": …}}; the body wins. */
    @DeleteMapping("/{id}")
    ResponseEntity<OrderBody> cancel(
            @PathVariable UUID id,
            @RequestParam(required = false) @Size(max = 500) @Pattern(regexp = TextPatterns.TEXT,
                    message = TextPatterns.NO_CONTROL_CHARACTERS) String reason,
            @Valid @RequestBody(required = false) CancelRequest body) {
        OrderView order = commands.cancel(id, body != null && body.reason() != null ? body.reason() : reason);
        return ResponseEntity.accepted().body(new OrderBody(order));
    }

    record PlacedOrder(OrderView order, String workflowId) {
        static PlacedOrder of(OrderView order) {
            return new PlacedOrder(order, order.workflowId());
        }
    }

    record OrderBody(OrderView order) {
    }

    record OrderPage(List<OrderView> orders, int page, int size, long totalElements, int totalPages) {
        static OrderPage of(Page<OrderView> page) {
            return new OrderPage(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
                    page.getTotalPages());
        }
    }

    record ReviewRequest(
            @NotNull ReviewDecision decision,
            @Size(max = 100) @Pattern(regexp = TextPatterns.LINE, message = TextPatterns.NO_CONTROL_CHARACTERS)
            String reviewer,
            @Size(max = 1000) @Pattern(regexp = TextPatterns.TEXT, message = TextPatterns.NO_CONTROL_CHARACTERS)
            String note) {
    }

    record CancelRequest(
            @Size(max = 500) @Pattern(regexp = TextPatterns.TEXT, message = TextPatterns.NO_CONTROL_CHARACTERS)
            String reason) {
    }
}

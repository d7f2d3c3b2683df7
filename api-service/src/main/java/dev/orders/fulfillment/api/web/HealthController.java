package dev.orders.fulfillment.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The seed's health endpoint: the process answers. Readiness (database, Temporal) is /actuator/health/readiness. */
@RestController
@Tag(name = "health")
class HealthController {

    @GetMapping("/api/health")
    @Operation(operationId = "health", summary = "The process answers (no token needed)")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }
}

package dev.orders.fulfillment.api.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.orders.fulfillment.api.security.EndpointClass;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.links.Link;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI document ({@code /v3/api-docs}, committed as {@code api-service/openapi.yaml}): springdoc reads the
 * controllers and their constraints; this adds what it cannot see, each operation's scope ({@link EndpointClass})
 * and the problems every operation may answer, all as RFC 9457 problem+json with their {@code type} URNs.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String ORDERS = "/api/orders";

    /** Answers any API operation may give, whatever it does. */
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "400", "A request that cannot be read: a malformed URL or query string.",
            "401", "No bearer token, or one that does not verify (jwt mode).",
            "403", "The token lacks the operation's scope (jwt mode).",
            "429", "Past this client's rate limit for the class of endpoint; `Retry-After` says when to try again.",
            "503",
                    "The order database (or Temporal, or inventory) is not answering; nothing changed."
                            + " `Retry-After` says when to try again.");

    @Bean
    OpenAPI orderFulfillmentApi() {
        return new OpenAPI()
                .info(new Info().title("order-fulfillment API").version("1").description("""
                        Orders placed here are fulfilled by a Temporal workflow each: fraud check, stock, payment, \
                        shipping, notification. Every error is an RFC 9457 problem (`application/problem+json`) \
                        whose `type` is one of the URNs in README ("Errors")."""))
                // relative: the document is right wherever the API is served
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("""
                                        A JWT verified as spring.security.oauth2.resourceserver.jwt.* say, with the \
                                        operation's scope in its `scope` (or `scp`) claim. Not asked for when the \
                                        service runs with orders.security.mode=open.""")));
    }

    /**
     * swagger-core reads the records with a Jackson 2 mapper of its own, which does not know the API's Jackson 3
     * settings: told the one that changes the document, snake_case names.
     */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    /** Each operation's scope and the problems it shares with every other. */
    @Bean
    OpenApiCustomizer scopesAndProblems() {
        return openApi -> {
            // here, not with the components above: springdoc replaces the schemas with those it finds
            openApi.getComponents().addSchemas(PROBLEM, problem());
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> EndpointClass.of(HttpMethod.valueOf(method.name()), path)
                                    .ifPresent(endpoints -> describe(operation, endpoints))));
        };
    }

    /**
     * OpenAPI links from the order placed to every operation on it ({@code /api/orders/{id}...}), its id taken from
     * the answer: what a client can do next, and what Schemathesis's stateful phase follows.
     */
    @Bean
    OpenApiCustomizer linksFromThePlacedOrder() {
        return openApi -> {
            ApiResponse placed =
                    openApi.getPaths().get(ORDERS).getPost().getResponses().get("201");
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith(ORDERS + "/{id}")) {
                    item.readOperations()
                            .forEach(operation -> placed.link(
                                    Character.toUpperCase(
                                                    operation.getOperationId().charAt(0))
                                            + operation.getOperationId().substring(1),
                                    new Link()
                                            .operationId(operation.getOperationId())
                                            .parameters("id", "$response.body#/order/id")));
                }
            });
        };
    }

    private static void describe(Operation operation, EndpointClass endpoints) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER, endpoints.scope()));
        EVERY_OPERATION.forEach((status, description) -> {
            ApiResponse response = new ApiResponse().description(description);
            if (status.equals("429") || status.equals("503")) {
                response.addHeaderObject(
                        "Retry-After",
                        new Header().description("seconds").schema(new IntegerSchema().minimum(BigDecimal.ONE)));
            }
            operation.getResponses().putIfAbsent(status, response);
        });
        if (operation.getRequestBody() != null) {
            operation
                    .getResponses()
                    .putIfAbsent(
                            "413", new ApiResponse().description("The body is larger than orders.http.max-body-size."));
            operation.getResponses().putIfAbsent("415", new ApiResponse().description("A body that is not JSON."));
        }
        // what springdoc found declared (400, 404, …) becomes problem+json too
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static Schema problem() {
        Schema<Object> field = new ObjectSchema()
                .addProperty("field", new StringSchema().description("as the client wrote it: items[0].quantity"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .example(ProblemType.INVALID_FIELDS.uri().toString())
                                .description("urn:order-fulfillment:problem:<kind> (README, \"Errors\"), one of: "
                                        + String.join(
                                                ", ",
                                                Arrays.stream(ProblemType.values())
                                                        .map(type -> type.uri().toString())
                                                        .toList())))
                .addProperty("title", new StringSchema())
                .addProperty(
                        "status",
                        new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(field).description("each invalid field"))
                .required(List.of("type", "title", "status"));
    }
}

package dev.orders.fulfillment.localstack;

import dev.orders.fulfillment.contracts.OrderSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Registers the order workflow's search attributes in a namespace, idempotently: those already there (an existing
 * database, a second start) are left alone, only missing ones are added. The Temporal CLI's
 * {@code --search-attribute} only applies when it creates the namespace, so a database from before a new attribute
 * would never get it that way.
 */
final class OrderSearchAttributeRegistration {

    /** Called between attempts while the server is not answering yet; throws to give up. */
    interface Patience {
        void check() throws IOException;
    }

    private OrderSearchAttributeRegistration() {}

    static Map<String, IndexedValueType> wanted() {
        Map<String, IndexedValueType> wanted = new LinkedHashMap<>();
        for (SearchAttributeKey<?> key : OrderSearchAttributes.ALL) {
            wanted.put(key.getName(), key.getValueType());
        }
        return wanted;
    }

    /** Retries while the server starts (unavailable, or the namespace not created yet), as long as patience allows. */
    static void register(String address, String namespace, Patience patience) throws IOException, InterruptedException {
        OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setTarget(address)
                .setRpcTimeout(Duration.ofSeconds(5))
                .validateAndBuildWithDefaults());
        try {
            while (true) {
                try {
                    registerMissing(stubs, namespace);
                    return;
                } catch (StatusRuntimeException e) {
                    Status.Code code = e.getStatus().getCode();
                    if (code != Status.Code.UNAVAILABLE
                            && code != Status.Code.NOT_FOUND
                            && code != Status.Code.DEADLINE_EXCEEDED) {
                        throw e;
                    }
                }
                patience.check();
                Thread.sleep(200);
            }
        } finally {
            stubs.shutdownNow();
            stubs.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** One attempt; a server that refuses (Temporal Cloud's namespaces, a missing permission) gets a warning. */
    static void registerOrWarn(String address, String namespace) {
        try {
            register(address, namespace, () -> {
                throw new IOException("Temporal at " + address + " is not answering");
            });
        } catch (IOException | StatusRuntimeException e) {
            Terminal.say("Could not register the order workflow's search attributes in namespace " + namespace
                    + " at " + address + " (" + e.getMessage() + "). Until they are, every order workflow fails its "
                    + "first task and waits; register them with: temporal operator search-attribute create "
                    + wanted().entrySet().stream()
                            .map(attribute ->
                                    "--name " + attribute.getKey() + " --type " + typeName(attribute.getValue()))
                            .collect(Collectors.joining(" ")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void registerMissing(OperatorServiceStubs stubs, String namespace) {
        Map<String, IndexedValueType> missing = new LinkedHashMap<>(wanted());
        try {
            Map<String, IndexedValueType> existing = stubs.blockingStub()
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .build())
                    .getCustomAttributesMap();
            for (var attribute : existing.entrySet()) {
                IndexedValueType type = missing.remove(attribute.getKey());
                if (type != null && type != attribute.getValue()) {
                    throw new IllegalStateException("search attribute " + attribute.getKey() + " is registered in "
                            + namespace + " as " + typeName(attribute.getValue()) + ", but the order workflow writes "
                            + typeName(type));
                }
            }
        } catch (StatusRuntimeException e) {
            // Temporal's test server cannot list its attributes: add them all (it holds each once)
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
        }
        if (!missing.isEmpty()) {
            stubs.blockingStub()
                    .addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .putAllSearchAttributes(missing)
                            .build());
        }
    }

    /** {@code INDEXED_VALUE_TYPE_KEYWORD} as the CLI spells it: {@code Keyword}. */
    static String typeName(IndexedValueType type) {
        String name = type.name().substring("INDEXED_VALUE_TYPE_".length());
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT).replace("_list", "List");
    }
}

package dev.orders.fulfillment.api.fulfillment;

import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.serviceclient.rpcretry.DefaultStubServiceOperationRpcRetryOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemporalClientConfig {

    /**
     * The SDK retries a call to an unreachable frontend for a minute. A request that starts or signals a
     * workflow has already recorded its intent and the dispatcher delivers it later, so the caller should get
     * its answer after a few seconds instead.
     */
    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> promptTemporalCalls() {
        return builder -> builder.setRpcRetryOptions(
                RpcRetryOptions.newBuilder(DefaultStubServiceOperationRpcRetryOptions.INSTANCE)
                        .setExpiration(Duration.ofSeconds(5))
                        .build());
    }
}

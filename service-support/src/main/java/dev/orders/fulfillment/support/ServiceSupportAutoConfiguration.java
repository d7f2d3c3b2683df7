package dev.orders.fulfillment.support;

import io.micrometer.registry.otlp.ExemplarContextProvider;
import io.micrometer.registry.otlp.OtlpExemplarContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentracing.Tracer;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@AutoConfiguration(
        afterName = {
            "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration",
            "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration"
        })
public class ServiceSupportAutoConfiguration {

    @Bean
    @ConditionalOnBean(WorkflowServiceStubs.class)
    TemporalHealthIndicator temporalHealthIndicator(
            WorkflowServiceStubs stubs, @Value("${orders.health.temporal-outage:DOWN}") String outage) {
        return new TemporalHealthIndicator(stubs, new Status(outage));
    }

    /**
     * Starts the workers, retrying while the frontend is away, and drains them within Spring's shutdown window
     * (spring.lifecycle.timeout-per-shutdown-phase), a second to spare.
     */
    @Bean
    @ConditionalOnBean(WorkerFactory.class)
    TemporalWorkers temporalWorkerLifecycle(
            WorkerFactory factory,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase}") String phase,
            @Value("${orders.temporal.worker-start-retry}") String retry) {
        return new TemporalWorkers(
                factory, DurationStyle.detectAndParse(phase).minusSeconds(1), DurationStyle.detectAndParse(retry));
    }

    /** Registered by the starter on every worker it builds (it takes every {@code WorkerInterceptor} bean). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ActivityHeartbeats activityHeartbeats() {
        return new ActivityHeartbeats();
    }

    /** The step spans, on the OpenTelemetry SDK OpenTelemetry's starter builds (a no-op where there is none). */
    @Bean
    @ConditionalOnMissingBean
    OrderSpans orderSpans(ObjectProvider<OpenTelemetry> openTelemetry) {
        return new OrderSpans(openTelemetry.getIfAvailable(OpenTelemetry::noop));
    }

    /**
     * Temporal's spans ({@code StartWorkflow}, {@code RunWorkflow}, {@code StartActivity}, {@code RunActivity}, signals)
     * through the OpenTracing shim over the same SDK: the Temporal starter registers its OpenTracing interceptors on
     * the client and every worker when a {@link Tracer} bean exists, and they carry the trace context in workflow and
     * activity headers from JVM to JVM.
     */
    @Bean
    @ConditionalOnMissingBean
    Tracer temporalTracer(ObjectProvider<OpenTelemetry> openTelemetry) {
        return OpenTracingShim.createTracerShim(openTelemetry.getIfAvailable(OpenTelemetry::noop));
    }

    /**
     * Exemplars on the OTLP metrics: Micrometer samples some measurements of each counter and histogram with the
     * trace and span current when they were recorded (an order's outcome is counted inside the order's trace), so a
     * metric leads to traces without any id among its attributes. Spring Boot hands this to its OTLP registry.
     */
    @Bean
    @ConditionalOnMissingBean
    ExemplarContextProvider traceExemplars() {
        return () -> {
            SpanContext span = Span.current().getSpanContext();
            return span.isValid() && span.isSampled()
                    ? new OtlpExemplarContext(span.getTraceId(), span.getSpanId())
                    : null;
        };
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    TraceparentResponseFilter traceparentResponseFilter() {
        return new TraceparentResponseFilter();
    }

    /**
     * An activity worker of the seed's five opts in by naming its simulation prefix, e.g. {@code simulation.prefix:
     * FRAUD}; it gets the simulation and, around each of its activities, the step span.
     */
    @Bean
    @ConditionalOnProperty("simulation.prefix")
    Simulation simulation(Environment environment, @Value("${simulation.prefix}") String prefix) {
        return Simulation.bind(Binder.get(environment), prefix);
    }

    /** The step span and simulation, innermost on every worker the starter builds (inside Temporal's tracing). */
    @Bean
    @ConditionalOnProperty("simulation.prefix")
    TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> orderStepInterceptor(
            Simulation simulation, OrderSpans spans) {
        return new OrderStepInterceptor(simulation, spans)::addInnermost;
    }
}

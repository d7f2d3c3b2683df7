# syntax=docker/dockerfile:1
# One image recipe for all seven services: docker compose builds it once per service with SERVICE=<module>, and
# the base images named in compose.yml's x-images (where every image version is pinned), e.g.
#   docker build --build-arg SERVICE=fraud-worker --build-arg JDK_IMAGE=eclipse-temurin:17-jdk \
#     --build-arg JRE_IMAGE=eclipse-temurin:17-jre -t order-fulfillment/fraud-worker .
ARG JDK_IMAGE
ARG JRE_IMAGE

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# the wrapper and the poms first: the dependency layer is rebuilt only when a pom changes
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY shared-contracts/pom.xml shared-contracts/
COPY service-support/pom.xml service-support/
COPY test-support/pom.xml test-support/
COPY api-service/pom.xml api-service/
COPY order-workflow-worker/pom.xml order-workflow-worker/
COPY fraud-worker/pom.xml fraud-worker/
COPY inventory-worker/pom.xml inventory-worker/
COPY payment-worker/pom.xml payment-worker/
COPY shipping-worker/pom.xml shipping-worker/
COPY notification-worker/pom.xml notification-worker/
COPY local-stack/pom.xml local-stack/
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<module>" >&2; exit 1)
COPY . .
# local-stack only for its generate-resources step, which fetches the OpenTelemetry agent
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl "$SERVICE",local-stack -am package \
 && java -Djarmode=tools -jar "$SERVICE/target/$SERVICE-exec.jar" extract --layers --launcher --destination /layers \
 && cp local-stack/target/agent/opentelemetry-javaagent.jar /layers/

FROM ${JRE_IMAGE}
ARG SERVICE
# curl for the compose health checks; a fixed non-root user
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app app
WORKDIR /app
COPY --from=build /layers/opentelemetry-javaagent.jar /otel/opentelemetry-javaagent.jar
COPY otel-agent.properties /otel/otel-agent.properties
# least to most often changed, one layer each
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER app
# the agent sends traces and logs, with the instrumentation otel-agent.properties turns on; metrics go through
# Micrometer. JVM options and MALLOC_ARENA_MAX as make run sets them (local-stack's Service.java says why).
ENV OTEL_SERVICE_NAME=$SERVICE \
    SERVER_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-javaagent:/otel/opentelemetry-javaagent.jar -Dotel.javaagent.configuration-file=/otel/otel-agent.properties -XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

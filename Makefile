# Needs only a JDK 17+: the Maven wrapper fetches Maven, the launcher brings PostgreSQL and Temporal (the Temporal
# CLI's dev server, installed with Go when Go is there; else Temporal's Java test server).
# `make run SIM=demo` reaches the launcher as the environment variable SIM (make exports command-line variables).
MVN := ./mvnw -B

.PHONY: help run build test format clean load bench drill verify-scout temporal collector histories openapi compose-check

help:
	@echo "make run          build, then start PostgreSQL, Temporal and the seven services (Ctrl-C stops them)"
	@echo "make run SIM=demo the same, with the seed's simulated failures and latency"
	@echo "make test         build and run every test (what CI runs), and check the code's format"
	@echo "make format       format the Java sources as make test checks them (Spotless, Palantir's style)"
	@echo "make temporal     install the pinned Temporal CLI into .tools/bin with go install (make run does it when needed)"
	@echo "make collector    build the OpenTelemetry Collector of collector/manifest.yaml into .tools/bin (needs Go)"
	@echo "make run OTEL=collector  the same stack, exporting through that collector on otel-collector.yaml"
	@echo "make build        package every service, skipping tests"
	@echo "make clean        delete build output (the local database and logs in .data stay)"
	@echo "make load ARGS=\"--count 200 --rps 20\"  traffic on every decision path, then a reconciliation (loadgen --help)"
	@echo "make bench        the suite against a bare Temporal workflow of its shape: bench/results/<date>-<host>.md"
	@echo "make drill        faults under traffic (kills, outages), then every order and ledger checked: drill/results"
	@echo "make drill ARGS=\"--only kill-payment-worker --seconds 30\"  one drill, longer (drill --help)"
	@echo "make histories RECORDING=<date>-<change>  record a history per decision path on a real Temporal dev server"
	@echo "make verify-scout with docker compose up: checks the collector receives, and forwards to Scout"
	@echo "make compose-check the compose stack on a Docker engine without a registry: images built here, then checked"
	@echo "make openapi      write api-service/openapi.yaml anew from what the service serves (OpenApiDocumentTest)"

# A `make run` with nothing changed skips Maven: the jars are rebuilt only when a pom, source or resource is newer
# than the last build's stamp (under local-stack/target, so `make clean` takes it too); `make build` always builds
BUILD_STAMP := local-stack/target/.build-stamp
BUILD_INPUTS := $(shell find . \( -path ./.data -o -path ./.tools -o -path ./.git -o -name target \) -prune -o \
	\( -name pom.xml -o -path '*/src/main/*' \) -type f -print)

$(BUILD_STAMP): $(BUILD_INPUTS)
	$(MVN) -q -DskipTests package
	@touch $@

run: $(BUILD_STAMP)
	java -jar local-stack/target/local-stack-exec.jar

build:
	$(MVN) -q -DskipTests package

# ComposeStackTest on compose.local.yml's images (COMPOSE_IMAGES=local, which .ci/run sets; compose/local/) runs
# Testcontainers without a registry: no Ryuk image to reap with (the test takes its stack down itself, and what a
# killed run left the next time), and the engine on this machine even where /.dockerenv says "in a container"
LOCAL_COMPOSE_ENV := TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
TEST_ENV := $(if $(filter local,$(COMPOSE_IMAGES)),env $(LOCAL_COMPOSE_ENV))

# then the tests' own summary (the console keeps out their output): each skipped test and why, and what they ran on
test:
	$(TEST_ENV) $(MVN) verify; status=$$?; java scripts/TestReport.java; exit $$status

# only ComposeStackTest, on the local images (compose/local/build-images.sh builds what changed first)
compose-check:
	env COMPOSE_IMAGES=local $(LOCAL_COMPOSE_ENV) $(MVN) -q verify -pl local-stack -am -Dtest=ComposeStackTest \
		-Dsurefire.failIfNoSpecifiedTests=false; status=$$?; java scripts/TestReport.java; exit $$status

format:
	$(MVN) -q spotless:apply

clean:
	$(MVN) -q clean

load:
	$(MVN) -q -DskipTests -pl loadgen package
	java -jar loadgen/target/loadgen-exec.jar $(ARGS)

bench: build
	java -jar bench/target/bench-exec.jar $(ARGS)

# its own stack on its own ports and data directory (.data/drill), beside a make run if one is up
drill: $(BUILD_STAMP)
	java -jar drill/target/drill-exec.jar $(ARGS)

# only the launcher is needed to install the CLI: it knows the pinned version (the root pom's temporal-cli.version)
temporal:
	$(MVN) -q -DskipTests -pl local-stack -am package
	java -jar local-stack/target/local-stack-exec.jar install-temporal

# the builder, then the collector of collector/manifest.yaml; again only when the manifest's versions change
collector:
	$(MVN) -q -DskipTests -pl local-stack -am package
	java -jar local-stack/target/local-stack-exec.jar install-collector

# HistoryRecorder starts `temporal server start-dev` itself; the histories land in order-workflow-worker's test resources,
# one folder per recording (RECORDING=<date>-<what changed>), beside the older ones, which must keep replaying
RECORDING ?= $(shell date +%Y-%m-%d)
histories: temporal
	$(MVN) -q -pl order-workflow-worker -am test -Dtest=HistoryRecorder \
		-Dsurefire.failIfNoSpecifiedTests=false -Dhistories.temporal=$(CURDIR)/.tools/bin/temporal \
		-Dhistories.dir=$(CURDIR)/order-workflow-worker/src/test/resources/histories/$(RECORDING)

verify-scout:
	./scripts/verify-scout.sh

# OpenApiDocumentTest compares the committed document with what api-service serves; this writes the served one
openapi:
	$(MVN) -q -pl api-service -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false \
		-Dopenapi.update=true

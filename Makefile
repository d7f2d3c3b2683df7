# Needs only a JDK 17+: the Maven wrapper fetches Maven, the launcher brings PostgreSQL and Temporal.
# `make run SIM=demo` reaches the launcher as the environment variable SIM (make exports command-line variables).
MVN := ./mvnw -B

.PHONY: help run build test clean load bench verify-scout

help:
	@echo "make run          build, then start PostgreSQL, Temporal and the seven services (Ctrl-C stops them)"
	@echo "make run SIM=demo the same, with the seed's simulated failures and latency"
	@echo "make test         build and run every test (what CI runs)"
	@echo "make build        package every service, skipping tests"
	@echo "make clean        delete build output (the local database and logs in .data stay)"
	@echo "make load ARGS=\"--count 200 --rps 20\"  traffic on every decision path, then a reconciliation (loadgen --help)"
	@echo "make bench        the suite against a bare Temporal workflow of its shape: bench/results/<date>-<host>.md"
	@echo "make verify-scout with docker compose up: checks the collector receives, and forwards to Scout"

run: build
	java -jar local-stack/target/local-stack-exec.jar

build:
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

clean:
	$(MVN) -q clean

load:
	$(MVN) -q -DskipTests -pl loadgen package
	java -jar loadgen/target/loadgen-exec.jar $(ARGS)

bench: build
	java -jar bench/target/bench-exec.jar

verify-scout:
	./scripts/verify-scout.sh

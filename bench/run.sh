#!/usr/bin/env bash
# The benchmark suite: start-up, overhead against plain Newman, hydration from a TLS fake of Key
# Vault, big inputs, and redaction throughput, each beside its baseline in one run. Medians of
# REPEATS runs (default 11). Prints a table and writes target/bench/results.json and results.md.
#   bash bench/run.sh [REPEATS] [CASE...]    CASE: startup overhead hydration big redaction shards
#   BENCH_JAVA_OPTS="-Dbench.secrets=120 -Dbench.latencyMs=50" bash bench/run.sh 5 hydration
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/newman ] || npm ci --no-audit --no-fund --loglevel=error
# The jar, its class-data-sharing archive and the test classes (the fakes live there).
./mvnw -q -B -ntp -DskipTests package
classpath=$(./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:-} \
  -Dnkv.projectDir="$PWD" \
  -Djdk.net.hosts.file="$PWD/src/test/resources/hosts" \
  -Djavax.net.ssl.trustStore="$PWD/src/test/resources/tls/truststore.p12" \
  -Djavax.net.ssl.trustStorePassword=changeit \
  -Djavax.net.ssl.trustStoreType=PKCS12 \
  -Dsun.net.httpserver.nodelay=true \
  -cp "target/test-classes:target/classes:$classpath" \
  io.newmankeyvault.bench.Benchmarks "$@"

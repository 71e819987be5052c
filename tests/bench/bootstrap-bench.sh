#!/usr/bin/env bash
# 1000-iteration bootstrap of AUC and QWK, n = 742, 2 paired models. Build first: mvn -q -B install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
exec java -cp "$cp" org.corads.bench.BootstrapBenchmark "${1:-20}"

#!/usr/bin/env bash
# Regenerates docs/benchmarks.md from bench/results/*.json (dev.wsmon.bench.BenchmarkReport), keeping the
# hand-written <!-- name:begin --> ... <!-- name:end --> sections. `bench/report.sh --check` only verifies.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -Djacoco.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.wsmon.bench.BenchmarkReport "$@" bench/results docs/benchmarks.md

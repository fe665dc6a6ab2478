#!/usr/bin/env bash
# Builds the bench module (and what it needs) and runs the end-to-end overhead benchmark.
# Arguments go to dev.wsmon.bench.EndToEndBenchmark: rounds=5 warmup=1 seconds=5 connections=10 window=64 size=64
# out=bench/target/e2e-results.json
set -euo pipefail
cd "$(dirname "$0")/.."
# package and build-classpath in one reactor run, so the sibling modules resolve to their target/ jars
mvn -B -q -DskipTests -Djacoco.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt
exec java -Xms512m -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.wsmon.bench.EndToEndBenchmark "$@"

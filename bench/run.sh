#!/usr/bin/env bash
# Builds the bench module (and what it needs) and runs the end-to-end overhead benchmark.
# Arguments go to dev.wsmon.bench.EndToEndBenchmark: rounds=5 warmup=1 seconds=5 settle=1 connections=10
# window=64 size=64 eventLoops=0 (wsmon's default) delay=20 delaySeconds=3 out=bench/results/e2e.json
# Then regenerate docs/benchmarks.md from bench/results/*.json with bench/report.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# package and build-classpath in one reactor run, so the sibling modules resolve to their target/ jars
mvn -B -q -DskipTests -Djacoco.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt
exec java -Xms512m -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.wsmon.bench.EndToEndBenchmark "$@"

#!/usr/bin/env bash
# Profiles one side of the end-to-end flood (dev.wsmon.bench.FloodProfile) with JFR: execution samples every
# 1 ms and allocation samples, then attributes the event loops' samples to the stages of a message's path
# (bench/profile/buckets.py). Usage: bench/profile/run.sh raw|wsmon [rounds=3] [seconds=8] [settle=2] ...
# Writes target/profile/<side>.jfr; print it again with: bench/profile/buckets.py target/profile/<side>.jfr
set -euo pipefail
cd "$(dirname "$0")/../.."
side="${1:?usage: bench/profile/run.sh raw|wsmon [key=value]...}"; shift
mvn -B -q -DskipTests -Djacoco.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt
mkdir -p target/profile
jfc="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc"
sed -e 's|method-sampling-java-interval">[^<]*<|method-sampling-java-interval">1 ms<|' \
    -e 's|allocation-profiling">[^<]*<|allocation-profiling">3000/s<|' "$jfc" > target/profile/hot.jfc
# DebugNonSafepoints: without it JFR puts compiled code on the next call site or safepoint of its method
java -Xms512m -Xmx512m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -XX:StartFlightRecording=settings=target/profile/hot.jfc,filename=target/profile/"$side".jfr \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.wsmon.bench.FloodProfile side="$side" \
  rounds=3 seconds=8 settle=2 "$@"
exec python3 bench/profile/buckets.py target/profile/"$side".jfr

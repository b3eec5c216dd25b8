#!/usr/bin/env bash
# Issue 20's figures (bench/README.md): phase 2 on Spark in local mode against the single-machine pipeline
# on the same sample of the JDK's sources and model (chunks/s, median of repeats), and the coordinator's
# commit of 1, 100 and 1,000 fragments. Spark's jars come from the spark module's classpath (Maven's
# local repository), not from benchmarks.jar.
#
#   ./bench/distributed.sh          results in bench/results/<date>-distributed/results.json
#   more: --repeats N (3), --master URL (local[2]), --model NAME (the default model), --prefixes a/,b/ --out DIR
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
classpath=bench/target/spark-classpath.txt
mvn -B -q -o -pl spark dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$PWD/$classpath" >&2
# Spark's own JVM flags, as the spark module's tests use them (pom.xml, mvs.spark.jvm.flags)
read -r -a spark_flags <<< "$(sed -n 's:.*<mvs.spark.jvm.flags>\(.*\)</mvs.spark.jvm.flags>.*:\1:p' pom.xml)"
[ ${#spark_flags[@]} -gt 0 ] || { echo "distributed.sh: no mvs.spark.jvm.flags in pom.xml" >&2; exit 1; }
n=${#bench_java[@]}
exec "${bench_java[@]:0:n-1}" "bench/target/benchmarks.jar:$(cat "$classpath")" "${spark_flags[@]}" -Xmx4g \
  dev.mvs.bench.e2e.DistributedRuns "$@"

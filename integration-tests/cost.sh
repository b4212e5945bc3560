#!/usr/bin/env bash
# The agent's costs, measured (figures for BENCHMARKS.md):
#   1. start-up: an empty program with and without -javaagent (hyperfine, whole processes);
#   2. class loading of a large jar without @Async methods, with and without the agent (hyperfine, and the
#      in-process time of the loading loop);
#   3. the time to rewrite one @Async method (a loop harness with warm-up).
# Builds the agent jar and this module's classes first (from the project root), and needs hyperfine
# (apt-get install hyperfine). Usage: integration-tests/cost.sh [large.jar]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl annotations,agent,runtime,integration-tests package >/dev/null
agent=agent/target/awaitj-agent.jar
tests=integration-tests/target/test-classes
cp="$tests:$agent:runtime/target/classes:annotations/target/classes"
jar=${1:-$(ls ~/.m2/repository/net/bytebuddy/byte-buddy/*/byte-buddy-*.jar 2>/dev/null | sort -V | tail -1)}
runs=${RUNS:-30}
# the baseline: an agent with a transformer that does nothing
noop=integration-tests/target/noop-agent.jar
printf 'Premain-Class: org.awaitj.agent.cost.NoopAgent\nCan-Retransform-Classes: true\n' > integration-tests/target/noop-manifest.txt
jar cfm "$noop" integration-tests/target/noop-manifest.txt -C "$tests" org/awaitj/agent/cost/NoopAgent.class \
  -C "$tests" 'org/awaitj/agent/cost/NoopAgent$1.class'
echo "JVM: $(java -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. start-up of an empty program"
hyperfine -N --warmup 3 --runs "$runs" \
  -n "no agent" "java -Xshare:auto -cp $tests org.awaitj.agent.cost.EmptyProgram" \
  -n "a no-op agent" "java -Xshare:auto -javaagent:$noop -cp $tests org.awaitj.agent.cost.EmptyProgram" \
  -n "with the agent" "java -Xshare:auto -javaagent:$agent -cp $tests org.awaitj.agent.cost.EmptyProgram"

echo "== 2. loading every class of $jar (no @Async methods)"
hyperfine -N --warmup 2 --runs "$runs" \
  -n "no agent" "java -cp $tests org.awaitj.agent.cost.LoadAllClasses $jar" \
  -n "a no-op agent" "java -javaagent:$noop -cp $tests org.awaitj.agent.cost.LoadAllClasses $jar" \
  -n "with the agent" "java -javaagent:$agent -cp $tests org.awaitj.agent.cost.LoadAllClasses $jar"
for mode in "" "-javaagent:$noop" "-javaagent:$agent"; do
  for i in $(seq 1 "$runs"); do
    java $mode -cp $tests org.awaitj.agent.cost.LoadAllClasses "$jar"
  done | sed 's/.* in \([0-9.]*\) ms, \([0-9.]*\) ms of CPU/\1 \2/' | sort -n -k2 | awk -v m="${mode:-no agent}" \
    '{w[NR]=$1; c[NR]=$2} END {printf "   the loading loop alone, %s: median %.1f ms of CPU of the loading thread (min %.1f, max %.1f; %d runs)\n", m, c[int((NR+1)/2)], c[1], c[NR], NR}'
done

echo "== 3. rewriting one @Async method"
java -cp "$cp" org.awaitj.agent.cost.TransformCost

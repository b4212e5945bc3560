#!/usr/bin/env bash
# Builds everything, runs the JMH benchmarks (awaitj, Kotlin coroutines, virtual threads, ea-async,
# CompletableFuture) on JDK 25, the same workloads on CPython asyncio, and prints one table of ratios.
#
#   benchmarks/run.sh            quick: about 9 minutes on 2 cores, 1 fork, short iterations
#   benchmarks/run.sh --full     for publishing: 2 forks, longer iterations, the 10M parked-task check
#   benchmarks/run.sh --echo     only the 1 KiB echo over loopback on 1 and 100 connections (awaitj, Netty,
#                                virtual threads, asyncio streams): about 1 minute quick, 3 with --full
#   benchmarks/run.sh --cores    only "every core": the echo on 100 connections with the client in another JVM
#                                (EchoCores: awaitj LoopGroup(2) against Netty NIO and epoll with 2 loops,
#                                virtual threads, awaitj on one loop), 1 fork x 5 x 2 s (2 forks with --full),
#                                and the in-JVM-client echo of the same servers; then the same servers
#                                interleaved in 2 s slices (EchoRounds, ROUNDS=10): about 8 minutes
#   benchmarks/run.sh --connections   only 10,000 connections, 100 of them active, per server (ManyConnections):
#                                heap and RSS per connection, about 2 minutes (may be combined with --cores)
#
# Options: --no-build (use the jars as built), --no-python, --out DIR (default benchmarks/results),
# any other argument is a JMH include regexp (e.g. PingPong). JDK 25 is found as $JAVA25_HOME, else
# /usr/lib/jvm/*25*; the build (Maven profile benchmarks) runs on the default JDK (17). Results: DIR/jmh.json,
# DIR/python.json, DIR/python-echo.json, DIR/table.md, DIR/jmh.log. The echo benchmark is part of every run that
# includes it (the default includes everything: it adds about a minute to the quick run). --cores writes
# DIR/jmh-cores.json, jmh-cores.log, table-cores.md and rounds.txt; --connections DIR/connections.md and a log per server
# (environment: CONNECTIONS=10000, SERVERS="awaitj ...", HISTOGRAM=N for the top of a class histogram).
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")   # for --help, from any working directory
cd "$(dirname "$0")/.."
root=$(pwd)

mode=quick
build=1
python=1
echo_only=0
cores=0
conns=0
out=benchmarks/results
includes=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --full) mode=full ;;
    --quick) mode=quick ;;
    --no-build) build=0 ;;
    --no-python) python=0 ;;
    --echo) echo_only=1; includes+=('\.echo\.Echo\.') ;;
    --cores) cores=1 ;;
    --connections) conns=1 ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,22p' "$self"; exit 0 ;;
    *) includes+=("$1") ;;
  esac
  shift
done

source benchmarks/jdk25.sh
mkdir -p "$out"
start=$(date +%s)

if [[ $build == 1 ]]; then
  echo "== building (default JDK: $(java -version 2>&1 | head -1))"
  # the benchmarks module is only in the reactor with -Pbenchmarks; -am builds the agent it runs under.
  # No tests, sources or Javadoc: this build only makes the jars.
  mvn -B -q -Pbenchmarks -Dmaven.test.skip=true -Dmaven.source.skip=true -Dmaven.javadoc.skip=true \
    package -pl benchmarks -am
fi
jar=$root/benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "$jar not built: run without --no-build" >&2; exit 1; }
# the agent jar the build wrote into benchmarks.jar (BenchMain passes it to every JMH fork)
agent=$(python3 -c 'import sys, zipfile
for line in zipfile.ZipFile(sys.argv[1]).read("awaitj-bench.properties").decode().splitlines():
    if line.startswith("agent.jar="): print(line[len("agent.jar="):])' "$jar")

if [[ $cores == 1 || $conns == 1 ]]; then
  echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [[ $cores == 1 ]]; then
  # Every core: one JMH run of EchoCores (the client in another JVM, ClientProcess) and, for comparison, the
  # in-JVM-client Echo of the same servers on 100 connections. Nothing is pinned (2 cores, a 2-loop server:
  # no core to spare); -Dawaitj.echo.serverCpus / clientCpus in --jvmArgsAppend would pin them.
  forks=1; [[ $mode == full ]] && forks=2
  echo "== JMH every core ($forks fork(s) x 5 x 2 s) on $("$java25" -version 2>&1 | head -1)"
  "$java25" -jar "$jar" -f "$forks" -wi 3 -w 2s -i 5 -r 2s -prof gc -p connections=100 \
    -rf json -rff "$out/jmh-cores.json" \
    '\.EchoCores\.' '\.echo\.Echo\.(awaitj|awaitjGroup2|netty2|nettyEpoll2|virtualThread)$' \
    2>&1 | tee "$out/jmh-cores.log" | grep -E '^(# Benchmark:|# Run progress|cpu per round trip|Benchmark |[A-Z][A-Za-z0-9]*\.[A-Za-z0-9]+ )' || true
  [[ -s $out/jmh-cores.json ]] || { echo "JMH wrote no results; see $out/jmh-cores.log" >&2; exit 1; }
  echo "== load average after JMH: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 benchmarks/ratios.py "$out/jmh-cores.json" --log "$out/jmh-cores.log" --markdown "$out/table-cores.md"
  # the same servers interleaved (EchoRounds): 2 s slices, round after round, ratios within a round, so
  # that another tenant's minute on the machine lands on every server alike
  echo "== every core, interleaved: ${ROUNDS:-10} rounds of 2 s slices per server"
  "$java25" -javaagent:"$agent" -Xms4g -Xmx4g -Xmn128m --enable-native-access=ALL-UNNAMED \
    -cp "$jar" org.awaitj.benchmarks.echo.EchoRounds \
    awaitjGroup2,awaitj,awaitjGroup1,netty2,netty,nettyEpoll2,nettyEpoll,virtualThread 100 "${ROUNDS:-10}" 2 \
    2>&1 | grep -v -E '^(SLF4J|WARNING)' | tee "$out/rounds.txt"
  echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [[ $conns == 1 ]]; then
  # 10,000 sockets on each side (client and server are separate processes): raise the descriptor limit as far
  # as the hard limit allows, up to 65536
  hard=$(ulimit -Hn)
  want=65536
  if [[ $hard != unlimited && $hard -lt $want ]]; then want=$hard; fi
  ulimit -n "$want"
  n=${CONNECTIONS:-10000}
  if (( $(ulimit -n) < n + 1000 )); then
    echo "the descriptor limit ($(ulimit -n), hard $(ulimit -Hn)) is too low for $n connections" >&2; exit 1
  fi
  echo "== $n connections, 100 active, per server (descriptor limit $(ulimit -n)) on $("$java25" -version 2>&1 | head -1)"
  {
    echo "| server | heap per connection | RSS per connection (outside the heap) | total | 100 active, round trips/s | opening and checking $n |"
    echo "|---|---|---|---|---|---|"
  } > "$out/connections.md"
  for server in ${SERVERS:-awaitj awaitjGroup2 netty netty2 nettyEpoll nettyEpoll2 virtualThread}; do
    # each server in a fresh JVM; the heap pre-touched so that RSS growth is what lives outside it
    timeout 300 "$java25" -javaagent:"$agent" -Xms1g -Xmx1g -Xmn128m -XX:+AlwaysPreTouch \
      --enable-native-access=ALL-UNNAMED ${HISTOGRAM:+-Dawaitj.histogram=$HISTOGRAM} \
      -cp "$jar" org.awaitj.benchmarks.echo.ManyConnections "$server" "$n" 100 5 \
      > "$out/connections-$server.log" 2>&1 || echo "| $server | failed: see $out/connections-$server.log |" >> "$out/connections.md"
    grep -E '^(histogram: |[a-zA-Z0-9]+: [0-9]+ connections)' "$out/connections-$server.log" || true
    grep -E '^\| ' "$out/connections-$server.log" >> "$out/connections.md" || true
  done
  echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$out/connections.md"
fi
if [[ $cores == 1 || $conns == 1 ]]; then
  echo "== $(( $(date +%s) - start )) s"
  exit 0
fi

echo "== JMH ($mode) on $("$java25" -version 2>&1 | head -1)"
"$java25" -jar "$jar" "--$mode" --json "$out/jmh.json" "${includes[@]}" \
  2>&1 | tee "$out/jmh.log" | grep -E '^(# Benchmark:|# Parameters:|# Run progress|Benchmark |[A-Z][A-Za-z0-9]*\.[A-Za-z0-9]+ )' || true
[[ -s $out/jmh.json ]] || { echo "JMH wrote no results; see $out/jmh.log" >&2; exit 1; }

pyjson=()
if [[ $python == 1 && $echo_only == 0 ]]; then
  echo "== asyncio on $(python3 --version 2>&1)"
  only=()
  if [[ ${#includes[@]} -eq 1 ]]; then only=(--only "${includes[0]}"); fi
  python3 benchmarks/python/bench_asyncio.py "--$mode" --json "$out/python.json" "${only[@]}"
  pyjson=("$out/python.json")
fi
# the echo workload on asyncio streams, when the JMH includes select the echo benchmark
wants_echo=0
if [[ ${#includes[@]} -eq 0 ]]; then wants_echo=1; fi
for inc in "${includes[@]}"; do
  if [[ org.awaitj.benchmarks.echo.Echo.asyncio =~ $inc ]]; then wants_echo=1; fi
done
if [[ $python == 1 && $wants_echo == 1 ]]; then
  echo "== asyncio streams echo on $(python3 --version 2>&1)"
  python3 benchmarks/python/bench_echo.py "--$mode" --json "$out/python-echo.json"
  pyjson+=("$out/python-echo.json")
fi

# The capacity goal of workload 7 (10M parked awaitj tasks in under 2 GiB), tried directly in full mode
# when the measured bytes per task say it can fit; a run that cannot fit only thrashes the GC for minutes.
capacity=()
if [[ $mode == full && $echo_only == 0 ]]; then
  bytes=$(python3 -c 'import json,sys,statistics
for e in json.load(open(sys.argv[1])):
    if e["benchmark"].endswith("ParkedMemory.awaitj"):
        m=e["secondaryMetrics"]["bytesPerTask"]; print(statistics.mean(v for f in m["rawData"] for v in f))' "$out/jmh.json" || true)
  if [[ -n $bytes ]] && python3 -c "import sys; sys.exit(0 if float('$bytes')*1e7 < 0.95*2**31 else 1)"; then
    echo "== 10,000,000 parked awaitj tasks in -Xmx2g"
    "$java25" -Xmx2g -javaagent:"$agent" -cp "$jar" org.awaitj.benchmarks.ParkedCapacity 10000000 \
      > "$out/capacity.txt" 2>&1 || true
  else
    echo "not attempted: ${bytes:-?} B/task x 10M does not fit in 2 GiB" > "$out/capacity.txt"
  fi
  cat "$out/capacity.txt"
  capacity=(--capacity "$out/capacity.txt")
fi

echo
echo "== ratios (same run, $mode mode, $(( $(date +%s) - start )) s)"
python3 benchmarks/ratios.py "$out/jmh.json" "${pyjson[@]}" "${capacity[@]}" --markdown "$out/table.md"

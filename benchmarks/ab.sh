#!/usr/bin/env bash
# Measures a change: this checkout against another commit, on the JMH benchmarks named, the two jars taking
# turns round by round (base first in odd rounds, new first in even ones), and prints for each benchmark the
# minimum and the median of its iterations in every round, and new/base of their medians over the rounds.
#
#   benchmarks/ab.sh BASE REGEXP...                e.g. benchmarks/ab.sh HEAD~1 'FlatChain.awaitj$' PingPong
#   options: --rounds N (default 3), --no-build (reuse the jars of the last run), --out DIR
#
# Why minimum and median: on a shared VM the interference only ever adds time, so a mean with its error bar
# moves with the neighbours, where the fastest iterations of 16 short ones (500 ms) hold still enough to
# show a change of 10%. Each jar is built by its own tree (BASE in a git worktree under DIR), so each runs
# under its own agent; nothing is installed. JDK 25 as for run.sh. Results: DIR/<base|new>-<round>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rounds=3
build=1
out=benchmarks/target/ab
base=
includes=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --no-build) build=0 ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) if [[ -z $base ]]; then base=$1; else includes+=("$1"); fi ;;
  esac
  shift
done
if [[ -z $base || ${#includes[@]} -eq 0 ]]; then
  echo "usage: benchmarks/ab.sh BASE REGEXP... [--rounds N] [--no-build] [--out DIR]" >&2
  exit 2
fi
source benchmarks/jdk25.sh
mkdir -p "$out"
out=$(cd "$out" && pwd)
tree=$out/base-tree

build_jar() {   # the benchmarks jar of the tree in $1, as run.sh builds it
  (cd "$1" && mvn -B -q -Pbenchmarks -Dmaven.test.skip=true -Dmaven.source.skip=true -Dmaven.javadoc.skip=true \
    package -pl benchmarks -am)
}
if [[ $build == 1 ]]; then
  git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
  git worktree add --detach "$tree" "$base" >/dev/null
  echo "== building $base ($(git -C "$tree" log -1 --format=%h)) and this checkout"
  build_jar "$tree"
  build_jar "$root"
fi
declare -A jar=([base]=$tree/benchmarks/target/benchmarks.jar [new]=$root/benchmarks/target/benchmarks.jar)
regexp=$(IFS='|'; echo "${includes[*]}")

for ((r = 1; r <= rounds; r++)); do
  order="base new"
  ((r % 2 == 0)) && order="new base"
  for side in $order; do
    echo "== round $r: $side"
    "$java25" -jar "${jar[$side]}" "$regexp" -f 1 -wi 4 -w 500ms -i 16 -r 500ms \
      -rf json -rff "$out/$side-$r.json" > "$out/$side-$r.log" 2>&1 \
      || { echo "JMH failed, see $out/$side-$r.log" >&2; exit 1; }
  done
done

python3 - "$out" "$rounds" <<'EOF'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
scores = {}     # benchmark -> side -> [(min, median) per round]
for side in ("base", "new"):
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{out}/{side}-{r}.json")):
            name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
            if b.get("params"):
                name += " " + ",".join(f"{k}={v}" for k, v in b["params"].items())
            raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
            scores.setdefault((name, b["primaryMetric"]["scoreUnit"]), {}).setdefault(side, []).append(
                (min(raw), statistics.median(raw)))
for (name, unit), sides in sorted(scores.items()):
    print(f"{name} ({unit})")
    for side in ("base", "new"):
        rows = sides.get(side, [])
        print(f"  {side:4}  min " + " ".join(f"{m:9.3f}" for m, _ in rows)
              + "   median " + " ".join(f"{d:9.3f}" for _, d in rows))
    if "base" in sides and "new" in sides:
        ratio = lambda i: statistics.median(x[i] for x in sides["new"]) / statistics.median(x[i] for x in sides["base"])
        print(f"  new/base: minimum {ratio(0):.2f}, median {ratio(1):.2f}")
EOF

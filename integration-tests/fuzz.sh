#!/usr/bin/env bash
# Long differential fuzz runs, on demand. The build runs DifferentialFuzzTest on a small fixed seed set
# (2400 programs from seed 1); this runs any other range:
#
#   integration-tests/fuzz.sh --count N --seed S [--minutes M] [--features LIST] [--no-minimize]
#
#   --count N       programs of the base generator to run (24 per unit; the features a unit has add their own
#                   programs, so more run than N); default 200000
#   --seed S        the first unit's seed; unit i is seed S+i, rerun one with --seed S+i --count 1; default 1000000
#   --minutes M     stop after the batch that passes M minutes (the summary says which seeds ran)
#   --features L    only these features (classes,inheritance,bridges,class_init,nested,patterns), or none, or all
#   --no-minimize   report failures as generated, without reducing the first one (which takes up to 3 minutes)
#
# JAVA_HOME picks the JDK: the pattern feature (units compiled at --release 21 and 25) runs only on JDK 25+.
# Runs mvn offline from the repository root; prints the run's progress (each minute) and summary lines, and on
# failure the report (seeds, kinds, the first failure reduced) and exits non-zero.
set -euo pipefail

count=200000
seed=1000000
minutes=0
features=all
minimize=true
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --minutes) minutes="$2"; shift 2 ;;
        --features) features="$2"; shift 2 ;;
        --no-minimize) minimize=false; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
log=$(mktemp "${TMPDIR:-/tmp}/awaitj-fuzz.XXXXXX")
status=0
mvn -o -B -pl integration-tests -am test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dawaitj.fuzz.count="$count" -Dawaitj.fuzz.seed="$seed" -Dawaitj.fuzz.minutes="$minutes" \
    -Dawaitj.fuzz.features="$features" -Dawaitj.fuzz.minimize="$minimize" > "$log" 2>&1 || status=$?
grep -a '\[fuzz\]' "$log" || true
if [ "$status" -ne 0 ]; then
    report=integration-tests/target/surefire-reports/org.awaitj.agent.fuzz.DifferentialFuzzTest.txt
    if [ -f "$report" ]; then cat "$report"; else tail -50 "$log"; fi
    echo "fuzz.sh: failed; the whole Maven output is in $log" >&2
    exit "$status"
fi
rm -f "$log"

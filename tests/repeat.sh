#!/usr/bin/env bash
# ./test.sh --repeat N PROJECT [--filter EXPR]: builds one test project once, runs it N times (--no-build), then lists
# every test that ever failed with how many runs it failed in; exits 1 if any run failed. PROJECT is a .csproj, its
# directory, or its name (R3mes.Sidecar.Tests). Process-level tests use the apphost unless R3MES_SIDECAR_BINARY is set.
# Every run's output and .trx are kept in the directory printed at the start.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: ./test.sh --repeat N PROJECT [--filter EXPR]" >&2; exit 2; }
[ $# -ge 2 ] || usage
runs=$1 name=$2
shift 2
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "test.sh --repeat: '$runs' is not a number of runs (1 or more)" >&2; usage; }
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) [ $# -ge 2 ] || usage; filter=(--filter "$2"); shift 2 ;;
    *) echo "test.sh --repeat: unknown argument '$1'" >&2; usage ;;
  esac
done

project=""
for candidate in "$name" "$name/$(basename "$name").csproj" "tests/$name/$name.csproj"; do
  if [ -f "$candidate" ] && [[ "$candidate" == *.csproj ]]; then project=$candidate; break; fi
done
if [ -z "$project" ]; then
  echo "test.sh --repeat: no test project '$name'; known: $(cd tests && ls -d *.Tests | tr '\n' ' ')" >&2
  exit 2
fi

results=$(mktemp -d "${TMPDIR:-/tmp}/r3mes-repeat-XXXXXX")
echo "test.sh --repeat: building $project (output and .trx of each run in $results)"
dotnet build "$project" -c Release -nologo -v quiet >"$results/build.log" 2>&1 || { cat "$results/build.log"; echo "test.sh --repeat: build failed" >&2; exit 1; }

failed_runs=0
for ((i = 1; i <= runs; i++)); do
  set +e
  dotnet test "$project" -c Release --no-build "${filter[@]}" --results-directory "$results" \
    --logger "trx;LogFileName=run-$i.trx" >"$results/run-$i.log" 2>&1
  rc=$?
  set -e
  summary=$(grep -E "^(Passed|Failed)!" "$results/run-$i.log" | tail -1 || true)
  echo "test.sh --repeat: run $i/$runs: rc $rc ${summary:-(no test summary: see $results/run-$i.log)}"
  failures=$(grep -o '<UnitTestResult [^>]*>' "$results/run-$i.trx" 2>/dev/null | grep 'outcome="Failed"' |
    sed -E 's/.* testName="([^"]*)".*/\1/; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' || true)
  if [ "$rc" -ne 0 ]; then
    failed_runs=$((failed_runs + 1))
    # A run that failed without a failed test (a crash, a hang killed by the host, a filter that matched nothing).
    [ -n "$failures" ] || failures="(run failed without a failed test: rc $rc, see $results/run-$i.log)"
  fi
  [ -z "$failures" ] || printf '%s\n' "$failures" >>"$results/failures.txt"
done

echo "test.sh --repeat: $runs runs of $project${filter[1]:+ (filter ${filter[1]})}: $((runs - failed_runs)) passed, $failed_runs failed"
if [ -s "$results/failures.txt" ]; then
  echo "test.sh --repeat: tests that failed (runs failed / $runs):"
  sort "$results/failures.txt" | uniq -c | sort -rn | awk -v n="$runs" '{c=$1; $1=""; printf "  %d/%d %s\n", c, n, substr($0, 2)}'
fi
[ "$failed_runs" -eq 0 ]

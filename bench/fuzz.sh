#!/usr/bin/env bash
# The long fuzz run (issue 15, suite 4): the CI fuzz targets (tests/R3mes.Sidecar.Fuzz.Tests) with SCALE times their
# CI budget and a fresh seed, results (executions, accepted, refused, crashes, seconds per target, peak memory) into
# the FsCheck section of bench/FUZZ-RESULTS.md. A crash fails the run and its message names the seed:
# R3MES_FUZZ_SEED=N reproduces it. The coverage-guided half is bench/afl.sh.
#   bench/fuzz.sh [SCALE=100] [SEED=random]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/afl/results.sh
scale=${1:-100}
seed=${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
report=$(mktemp)
dotnet build tests/R3mes.Sidecar.Fuzz.Tests -c Release -nologo -v quiet >/dev/null
start=$(date +%s)
R3MES_FUZZ_SCALE=$scale R3MES_FUZZ_SEED=$seed R3MES_FUZZ_REPORT=$report \
  dotnet test tests/R3mes.Sidecar.Fuzz.Tests -c Release --no-build --filter "FullyQualifiedName~FuzzTests" > "$report.log" 2>&1 &
tests=$!
peak=$(peak_rss_kib "$tests")
set +e
wait "$tests"
rc=$?
set -e
grep -E "fuzz:|Passed!|Failed" "$report.log" || true
elapsed=$(( $(date +%s) - start ))
splice_results fscheck <<REPORT
\`bench/fuzz.sh $scale $seed\` on $(nproc) cores (shared), $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD): FsCheck
properties over seeded AFL-style mutations (tests/R3mes.Sidecar.Fuzz.Tests), ${scale}x the CI budget, run seed $seed,
${elapsed} s in all (exit code $rc), peak memory $(awk "BEGIN { printf \"%.0f\", $peak / 1024 }") MiB (dotnet test and its test host, sampled every second).

| target | executions | accepted | refused | crashes | seconds |
|---|---:|---:|---:|---:|---:|
$(sort "$report" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6; e+=$2; c+=$5} END {printf "| **all** | %d | | | %d | |\n", e, c}')
$(if [ "$rc" -ne 0 ]; then echo; echo '```'; grep -E "FuzzFailure|fuzz target" "$report.log" | head -20; echo '```'; fi)
REPORT
sed -n '/<!-- fscheck -->/,/<!-- \/fscheck -->/p' bench/FUZZ-RESULTS.md
rm -f "$report" "$report.log"
exit "$rc"

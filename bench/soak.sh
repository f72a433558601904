#!/usr/bin/env bash
# The long lease soak (issue 15, suite 5): tests/R3mes.Sidecar.Tests/Soak/LeaseSoakTests for SECONDS (default 3600)
# instead of CI's 120 — 3 s dynamic PostgreSQL credentials (R3MES_SOAK_TTL; CI uses 9 s; max TTL three times it) on the
# Vault emulator's database engine and a real PostgreSQL, the example backend queried without pause.
# Results go to bench/SOAK-RESULTS.md (rewritten every five minutes while the run goes on, marked INTERIM): duration,
# replacements, replacements after max TTL, queries, failed queries by SQLSTATE, roles revoked before the app reloaded,
# leaked roles, the sidecar's RSS and threads over time (every 5 s from /proc: min/max, slope, first vs last 5 minutes,
# threads by name). The sidecar's and backend's logs, each role's life and the failed queries go to SOAK_LOGS (default a
# new directory under /tmp, printed). The run fails if an invariant breaks; the results are printed either way.
#   bench/soak.sh [SECONDS=3600]        (R3MES_SIDECAR_BINARY=path soaks that binary, e.g. the NativeAOT one)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { echo "bench/soak.sh: PostgreSQL is not installed (./test.sh installs it)" >&2; exit 1; }
logs=${SOAK_LOGS:-$(mktemp -d /tmp/r3mes-soak-logs.XXXXXX)}
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tests examples || echo "+uncommitted")
echo "bench/soak.sh: ${seconds} s from $(date -u '+%F %T') UTC, commit $commit, logs in $logs" >&2
# Only what the soak runs (the test project builds the sidecar): a whole-solution build is minutes on a shared machine.
for project in tests/R3mes.Sidecar.Tests examples/backend; do
  dotnet build "$project" -c Release -nologo -v quiet >/dev/null || { echo "bench/soak.sh: dotnet build $project failed" >&2; exit 1; }
done
rc=0
R3MES_SOAK_TTL=${R3MES_SOAK_TTL:-3} R3MES_SOAK_SECONDS=$seconds R3MES_SOAK_RESULTS="$PWD/bench/SOAK-RESULTS.md" \
  R3MES_SOAK_COMMAND="bench/soak.sh $seconds" R3MES_SOAK_COMMIT=$commit R3MES_SOAK_LOGS=$logs \
  dotnet test tests/R3mes.Sidecar.Tests -c Release --no-build --filter "FullyQualifiedName~LeaseSoak" --blame-hang-timeout "$((seconds + 600))s" || rc=$?
cat bench/SOAK-RESULTS.md
echo "bench/soak.sh: exit $rc at $(date -u '+%F %T') UTC; logs in $logs" >&2
exit $rc

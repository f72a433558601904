#!/usr/bin/env bash
# The long lease soak (issue 15, suite 5): tests/R3mes.Sidecar.Tests/Soak/LeaseSoakTests for SECONDS (default 3600)
# instead of CI's 120 — 3 s dynamic PostgreSQL credentials (R3MES_SOAK_TTL; CI uses 9 s; max TTL three times it) on the Vault emulator's database engine and
# a real PostgreSQL, the example backend queried without pause. Results (duration, rotations, queries, failures,
# leaked roles, sidecar RSS/threads over time) go to bench/SOAK-RESULTS.md; the run fails if an invariant breaks.
#   bench/soak.sh [SECONDS=3600]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { echo "bench/soak.sh: PostgreSQL is not installed (./test.sh installs it)" >&2; exit 1; }
dotnet build R3mes.Sidecar.sln -c Release -nologo -v quiet >/dev/null
R3MES_SOAK_TTL=${R3MES_SOAK_TTL:-3} R3MES_SOAK_SECONDS=$seconds R3MES_SOAK_RESULTS="$PWD/bench/SOAK-RESULTS.md" R3MES_SOAK_COMMAND="bench/soak.sh $seconds" \
  dotnet test tests/R3mes.Sidecar.Tests -c Release --no-build --filter "FullyQualifiedName~LeaseSoak" --blame-hang-timeout "$((seconds + 600))s"
cat bench/SOAK-RESULTS.md

#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine, installing what it needs:
#   1. system packages (clang + zlib for NativeAOT; PostgreSQL and Nginx for the end-to-end tests),
#   2. a NativeAOT publish of r3mes-sidecar that fails on any trim/AOT warning,
#   3. every test project, with the process-level tests driving the NativeAOT binary,
#   4. one summary line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
# Started under nohup, this run and everything it starts would ignore SIGHUP (an ignored signal is inherited across
# exec, and bash cannot trap one it started ignoring): the tests' children that must record a SIGHUP never would.
# Start again with SIGHUP at its default.
if (( 0x$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status) & 1 )) && [ -z "${R3MES_TEST_HUP_RESET:-}" ]; then
  R3MES_TEST_HUP_RESET=1 exec env --default-signal=HUP bash "$0" "$@"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v clang >/dev/null || need+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || need+=(zlib1g-dev)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v promtool >/dev/null || need+=(prometheus)            # promtool: alert rules and their unit tests
command -v docker-compose >/dev/null || need+=(docker-compose)  # `docker-compose config` validates the compose files
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ] || ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    echo "test.sh: FAILED to install ${need[*]} (run as root with apt, or install them yourself); the end-to-end tests need them" >&2
    exit 1
  fi
fi

# The injector tests render deploy/ with `kubectl kustomize` and validate objects with npm's kubernetes-models.
need=()
command -v kubectl >/dev/null || need+=(kubectl)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ] && ! { [ "$(id -u)" -eq 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
  echo "test.sh: FAILED to install ${need[*]}; the injector tests need kubectl (kustomize), node and npm" >&2; exit 1
fi
if ! (cd tests/tools/k8s-validate && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  echo "test.sh: FAILED: npm ci in tests/tools/k8s-validate (the Kubernetes schema validator the injector tests use)" >&2; exit 1
fi
# ./test.sh --repeat N PROJECT [--filter EXPR]: one test project N times, then every test that ever failed (tests/repeat.sh).
if [ "${1:-}" = "--repeat" ]; then shift; exec bash tests/repeat.sh "$@"; fi

echo "test.sh: publishing r3mes-sidecar as NativeAOT"
publish_log=$(mktemp)
if ! dotnet publish src/R3mes.Sidecar -c Release -r linux-x64 -o artifacts/aot >"$publish_log" 2>&1; then
  cat "$publish_log"; echo "test.sh: NativeAOT publish failed" >&2; exit 1
fi
if grep -E "warning (IL|AOT|CS|NU)[0-9]+" "$publish_log"; then
  echo "test.sh: NativeAOT publish printed trim/AOT warnings (above): fix them" >&2; exit 1
fi
echo "test.sh: NativeAOT binary $(du -h artifacts/aot/r3mes-sidecar | cut -f1), no trim/AOT warnings"
export R3MES_SIDECAR_BINARY="$PWD/artifacts/aot/r3mes-sidecar"

echo "test.sh: building the solution"
dotnet build R3mes.Sidecar.sln -c Release -nologo -v quiet
test_log=$(mktemp)
status=0
# One project at a time: the process-level tests measure timing on 2 cores and should not compete with each other.
for project in tests/*.Tests/*.Tests.csproj; do
  set +e
  dotnet test "$project" -c Release --no-build 2>&1 | tee -a "$test_log"
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || status=$rc
done
# The benchmark harness in its smoke mode: every scenario at tiny sizes on the binary above (no performance threshold).
echo "test.sh: bench/run.sh --quick"
bench_log=$(mktemp)
if ! bash bench/run.sh --quick >"$bench_log" 2>&1; then cat "$bench_log"; echo "test.sh: FAILED: bench/run.sh --quick" >&2; status=1; else tail -1 "$bench_log"; fi
sum() { grep -oE "$1: +[0-9]+" "$test_log" | awk '{s+=$2} END {print s+0}'; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"

#!/usr/bin/env bash
# The coverage-guided half of the fuzzing (issue 15, suite 4): the fuzz targets of tests/R3mes.Sidecar.Fuzz.Tests
# under AFL++ through SharpFuzz (bench/afl). Builds bench/afl, copies the build to bench/afl/out/app, instruments
# the product assemblies there (and YamlDotNet, which parses the configuration), then runs ONE afl-fuzz at a time
# per target for MINUTES each, from the seed corpus bench/afl/corpus/TARGET with its dictionary TARGET.dict.
# Executions, paths, edges, crashes, hangs and peak memory per target go into bench/FUZZ-RESULTS.md (AFL section:
# the latest run of each target). A crash (or hang) fails the run; FUZZ-RESULTS.md says how to replay and minimize it.
#   bench/afl.sh [--minutes N (default 1)] [TARGET...]  (targets: the folders of bench/afl/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/afl/results.sh
all=(file-names templates vault-proxy config-yaml config-json vault-responses aws-responses admission aws-agent)
minutes=1
if [ "${1:-}" = "--minutes" ]; then minutes=$2; shift 2; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
command -v afl-fuzz >/dev/null || { echo "afl.sh: afl-fuzz not found: apt-get install -y afl++" >&2; exit 1; }

out=bench/afl/out
app=$out/app
(cd bench/afl && dotnet tool restore >/dev/null)
dotnet build bench/afl -c Release -nologo -v quiet >/dev/null
rm -rf "$app"
mkdir -p "$out/rows"
cp -r bench/afl/bin/Release/net10.0 "$app"
for assembly in r3mes-sidecar R3mes.Sidecar.Core R3mes.Sidecar.Vault R3mes.Sidecar.Vault.AwsAuth R3mes.Sidecar.Aws \
  R3mes.Sidecar.Kubernetes R3mes.Sidecar.Injector YamlDotNet; do
  (cd bench/afl && dotnet tool run sharpfuzz "../../$app/$assembly.dll")
done

# dotnet is not an AFL-instrumented binary (the instrumentation is in the assemblies); the machine is shared, so no
# CPU pinning; the .NET start (JIT, the admission target's key generation) takes seconds before the fork server.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_FORKSRV_INIT_TMOUT=120000 DOTNET_CLI_TELEMETRY_OPTOUT=1
failed=0
for target in "${targets[@]}"; do
  [ -d "bench/afl/corpus/$target" ] || { echo "afl.sh: no corpus bench/afl/corpus/$target" >&2; exit 2; }
  rm -rf "${out:?}/$target" "$out/tmp"
  mkdir -p "$out/tmp"
  echo "afl: $target for $minutes min"
  # -t 20000: a case over 20 s is a hang, as in the FsCheck property (FuzzBudget.CaseDeadline). The harness's
  # temporary files (the admission target's certificates) go to out/tmp.
  TMPDIR="$PWD/$out/tmp" afl-fuzz -V $((minutes * 60)) -t 20000 -m none -i "bench/afl/corpus/$target" -x "bench/afl/corpus/$target.dict" \
    -o "$out/$target" -- dotnet "$app/R3mes.Sidecar.Afl.dll" fuzz "$target" > "$out/$target.log" 2>&1 &
  fuzzer=$!
  peak=$(peak_rss_kib "$fuzzer")
  wait "$fuzzer" || { echo "afl.sh: afl-fuzz $target failed, see $out/$target.log" >&2; tail -20 "$out/$target.log" >&2; exit 1; }
  stats=$out/$target/default/fuzzer_stats
  stat() { awk -F' *: ' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  printf '| %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |\n' "$target" "$(date -u -d "@$(stat start_time)" '+%Y-%m-%d %H:%M')" "$(stat execs_done)" \
    "$(stat execs_per_sec)" "$(stat corpus_count)" "$(stat edges_found)" "$(stat bitmap_cvg)" "$(stat stability)" "$(stat saved_crashes)" \
    "$(stat saved_hangs)" "$(awk "BEGIN { printf \"%.0f\", $peak / 1024 }")" "$(stat run_time)" > "$out/rows/$target"
  echo "afl: $(cat "$out/rows/$target")"
  if [ "$(stat saved_crashes)" != 0 ] || [ "$(stat saved_hangs)" != 0 ]; then
    failed=1
    # Replayed by the uninstrumented build: instrumented code runs only under afl-fuzz (it writes AFL's shared map).
    for crash in "$out/$target"/default/crashes/id:* "$out/$target"/default/hangs/id:*; do
      [ -e "$crash" ] || continue
      timeout 60 dotnet bench/afl/bin/Release/net10.0/R3mes.Sidecar.Afl.dll replay "$target" "$crash" | head -5 || true
    done
  fi
done

# Each target's row from this tree's runs (bench/afl/out is not in git), else the one FUZZ-RESULTS.md already has: a
# run of some targets on a fresh clone keeps the others' latest results.
rows=$(for target in "${all[@]}"; do
  if [ -f "$out/rows/$target" ]; then cat "$out/rows/$target"; else sed -n '/^<!-- afl -->/,/^<!-- \/afl -->/p' bench/FUZZ-RESULTS.md | grep -m1 "^| $target |" || true; fi
done)
splice_results afl <<REPORT
The latest \`bench/afl.sh --minutes N\` run of each target (the last: \`bench/afl.sh --minutes $minutes ${*:-}\`, commit
$(git rev-parse --short HEAD), exit code $failed) on $(nproc) cores shared with other work: afl-fuzz
$(afl-fuzz -h 2>&1 | grep -o '++[0-9.a-z]*' | head -1), SharpFuzz $(awk -F'"' '/"SharpFuzz"/ { print $4 }' Directory.Packages.props), one target at a time. Paths: the corpus at the end (seeds and
the inputs that reached new edges); edges: distinct branch pairs seen in the instrumented assemblies; peak memory:
afl-fuzz and the .NET harness processes together, sampled every second.

| target | started (UTC) | executions | execs/s | paths | edges / map | stability | crashes | hangs | peak MiB | seconds |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$rows
$(echo "$rows" | awk -F'|' '{ e += $4; c += $9; h += $10; s += $12 } END { printf "| **all** | | %d | | | | | %d | %d | | %d |", e, c, h, s }')
REPORT
echo "afl: results in bench/FUZZ-RESULTS.md"
exit "$failed"

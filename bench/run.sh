#!/usr/bin/env bash
# One unattended performance run of the NativeAOT r3mes-sidecar, every scenario beside its baseline in the same run,
# written to bench/RESULTS.md (machine, date, commit, command, figures, ratios, targets met or missed).
#
#   bench/run.sh            the full run (about 15-20 minutes on 2 cores)
#   bench/run.sh --quick    smoke mode (1-2 minutes): every scenario at tiny sizes; asserts that the harness works
#                           and every figure is produced, never a performance threshold; RESULTS go to a temp file
#
# The binary: R3MES_SIDECAR_BINARY, else a fresh `dotnet publish src/R3mes.Sidecar -c Release -r linux-x64`
# into artifacts/aot. Scenario sizes and durations are environment variables (defaults: full / quick):
#   IDLE_SECONDS 60/3       how long `run` idles before RSS is read (100 file secrets)
#   THREAD_SECRETS 1000/300 the larger secret count for the thread check
#   COLD_RUNS 30/3          hyperfine runs per `once` command
#   LEASES 10000/200  LEASE_TTL 60/6  LEASE_MINUTES 5/0.3   the leased-secrets soak
#   WRK_SECONDS 10/2        per wrk measurement (after a warm-up of the same length)
#   CHANGES 50/5  CHANGE_GAP_MS 400/300  SETTLE_MS 200   change-to-signal samples
#   INJECTOR_REQUESTS 5000/300
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=false
[ "${1:-}" = "--quick" ] && quick=true
pick() { if $quick; then echo "$2"; else echo "$1"; fi; }
IDLE_SECONDS=${IDLE_SECONDS:-$(pick 60 3)}
THREAD_SECRETS=${THREAD_SECRETS:-$(pick 1000 300)}
COLD_RUNS=${COLD_RUNS:-$(pick 30 3)}
LEASES=${LEASES:-$(pick 10000 200)}
LEASE_TTL=${LEASE_TTL:-$(pick 60 6)}
LEASE_MINUTES=${LEASE_MINUTES:-$(pick 5 0.3)}
WRK_SECONDS=${WRK_SECONDS:-$(pick 10 2)}
CHANGES=${CHANGES:-$(pick 50 5)}
CHANGE_GAP_MS=${CHANGE_GAP_MS:-$(pick 400 300)}
SETTLE_MS=${SETTLE_MS:-200}
DEBOUNCE_MS=1000   # the exec child hears changes through the actions' default debounce (wait.min 1s), not configurable
INJECTOR_REQUESTS=${INJECTOR_REQUESTS:-$(pick 5000 300)}

say() { echo "bench: $*" >&2; }
fail() { echo "bench: FAILED: $*" >&2; exit 1; }

# ---- tools -------------------------------------------------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/bin/time ] || need+=(time)
command -v cc >/dev/null || need+=(gcc)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ] || ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    fail "could not install ${need[*]} (run as root with apt, or install them yourself): the benchmark needs them"
  fi
fi

# On tmpfs when there is one (/dev/shm): where secrets live in production (/run/secrets), and fsync costs what it
# costs there, not what this machine's disk happens to cost.
work=$(mktemp -d "$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo /tmp)/r3mes-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${R3MES_SIDECAR_BINARY:-}" ]; then
  bin=$R3MES_SIDECAR_BINARY
else
  say "publishing r3mes-sidecar as NativeAOT into artifacts/aot"
  dotnet publish src/R3mes.Sidecar -c Release -r linux-x64 -o artifacts/aot >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; fail "NativeAOT publish"; }
  bin=$root/artifacts/aot/r3mes-sidecar
fi
[ -x "$bin" ] || fail "no executable r3mes-sidecar at $bin"
say "building the helpers (bench/tools, bench/injector) and the C baseline"
for project in bench/tools/R3mes.Sidecar.Bench.Tools bench/injector; do
  dotnet build "$project" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "dotnet build $project"; }
done
tools=(dotnet "$root/bench/tools/R3mes.Sidecar.Bench.Tools/bin/Release/net10.0/R3mes.Sidecar.Bench.Tools.dll")
injector=(dotnet "$root/bench/injector/bin/Release/net10.0/R3mes.Sidecar.Injector.Bench.dll")
baseline=$work/baseline
cc -O2 -Wall -Wextra -Werror -o "$baseline" bench/baseline/baseline.c || fail "compiling bench/baseline/baseline.c"

# ---- helpers -----------------------------------------------------------------------------------------------------
results=$work/results.tsv   # scenario \t measure \t sidecar \t baseline \t ratio \t target \t verdict
: >"$results"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }
notes=$work/notes.md
: >"$notes"
note() { printf '%s\n' "$*" >>"$notes"; }
# verdict VALUE OP LIMIT -> met / missed (OP: le or ge)
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "le") ? (v <= l) : (v >= l); print ok ? "met" : "missed" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls until COMMAND succeeds
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.1
  done
}
count_at_least() { [ "$(find "$1" -maxdepth 1 -type f ! -name '.*' | wc -l)" -ge "$2" ]; }
alive() { kill -0 "$1" 2>/dev/null || fail "process $1 ($2) died; its log: $(tail -5 "$3" 2>/dev/null)"; }

start() { # start LOG COMMAND...: background process, its pid in $started
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  started=$!
  pids+=("$started")
}
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
threads() { awk '$1 == "Threads:" { print $2 }' "/proc/$1/status"; }
# Thread stacks: private anonymous rw mappings right above a small guard mapping (how glibc lays out a pthread
# stack: a 4 KiB ---p page, then the stack), plus [stack]. GC reservations are ---p too, but far larger than 64 KiB.
stack_kib() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { perm = $2; anon = ($6 == ""); named = ($6 == "[stack]"); next }
       $1 == "Size:" { prev_guard = guard; guard = (perm == "---p" && anon && $2 <= 64); cand = named || (perm == "rw-p" && anon && prev_guard); next }
       $1 == "Rss:" && cand { s += $2 } END { print s + 0 }' "/proc/$1/smaps"
}
thread_names() { cat /proc/"$1"/task/*/comm 2>/dev/null | sed 's/ *[0-9]*$//' | sort | uniq -c | awk '{ n = $1; sub(/^ *[0-9]+ /, ""); printf "%s%s ×%s", sep, $0, n; sep = ", " }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# files_config DIR N [EXTRA]: N file secrets src/s<i>.txt -> out/s<i>
files_config() {
  local dir=$1 n=$2 extra=${3:-}
  mkdir -p "$dir/src" "$dir/out"
  for i in $(seq 0 $((n - 1))); do printf 'file-value-%05d-0123456789abcdef' "$i" >"$dir/src/s$i.txt"; done
  {
    echo "output: { dir: out }"
    echo "log: { level: warning }"
    [ -n "$extra" ] && echo "$extra"
    echo "secrets:"
    for i in $(seq 0 $((n - 1))); do echo "  - { name: s$i, source: { file: src/s$i.txt }, files: { s$i: {} } }"; done
  } >"$dir/sidecar.yaml"
}

# ---- 1. idle memory and threads ----------------------------------------------------------------------------------
idle() { # idle NAME N EXTRA SECONDS -> sets rss anon file stack thr names
  local dir=$work/idle-$1
  files_config "$dir" "$2" "$3"
  start "$dir/log" "$bin" run -c "$dir/sidecar.yaml"
  local pid=$started
  wait_for "$1: $2 files rendered" 120 count_at_least "$dir/out" "$2"
  sleep "$4"
  alive "$pid" "run $1" "$dir/log"
  rss=$(status_kib "$pid" VmRSS); anon=$(status_kib "$pid" RssAnon); file=$(status_kib "$pid" RssFile)
  stack=$(stack_kib "$pid"); thr=$(threads "$pid"); names=$(thread_names "$pid")
  stop "$pid"
}
say "idle memory: 100 file secrets, ${IDLE_SECONDS}s, without and with listen"
idle quiet 100 "" "$IDLE_SECONDS"
quiet_rss=$rss
row "idle, 100 file secrets, no listen" "RSS after ${IDLE_SECONDS}s" "$(mib "$rss") MiB" "" "" "≤ 12 MiB" "$(verdict "$rss" le 12288)"
row "idle, 100 file secrets, no listen" "where: anon / file-backed / thread stacks" "$(mib "$anon") / $(mib "$file") / $(mib "$stack") MiB" "" "" "" ""
row "idle, 100 file secrets, no listen" "threads" "$thr" "" "" "≤ 12" "$(verdict "$thr" le 12)"
note "- threads, 100 file secrets, no listen: $names"
thr100=$thr
idle listen 100 "listen: 127.0.0.1:$(free_port)" "$IDLE_SECONDS"
row "idle, 100 file secrets, listen" "RSS after ${IDLE_SECONDS}s" "$(mib "$rss") MiB" "" "" "≤ 16 MiB" "$(verdict "$rss" le 16384)"
row "idle, 100 file secrets, listen" "where: anon / file-backed / thread stacks" "$(mib "$anon") / $(mib "$file") / $(mib "$stack") MiB" "" "" "" ""
row "idle, 100 file secrets, listen" "threads" "$thr" "" "" "≤ 12" "$(verdict "$thr" le 12)"
note "- threads, 100 file secrets, listen: $names"
say "threads with $THREAD_SECRETS file secrets"
idle many "$THREAD_SECRETS" "" "$(pick 10 2)"
row "idle, $THREAD_SECRETS file secrets, no listen" "threads (vs 100 secrets)" "$thr" "$thr100" "$(ratio "$thr" "$thr100")" "no growth, ≤ 12" "$( [ "$thr" -le "$thr100" ] && [ "$thr" -le 12 ] && echo met || echo missed)"
row "idle, $THREAD_SECRETS file secrets, no listen" "RSS" "$(mib "$rss") MiB" "" "" "" ""
note "- threads, $THREAD_SECRETS file secrets: $names"

# ---- 2. cold start -----------------------------------------------------------------------------------------------
say "cold start: once, 100 file secrets and 100 KV v2 secrets, vs the C baseline (hyperfine, $COLD_RUNS runs)"
median_ms() { awk -F, -v row="$2" 'NR == row + 1 { printf "%.1f", $4 * 1000 }' "$1"; }
cold() { # cold NAME DIR SIDECAR_CMD BASELINE_CMD
  local csv=$work/cold-$1.csv
  hyperfine -N --style none --warmup 2 --runs "$COLD_RUNS" --prepare "sh -c 'rm -f $2/out/* $2/out/.*.tmp 2>/dev/null; true'" \
    --export-csv "$csv" "$3" "$4" >"$work/cold-$1.log" 2>&1 || { cat "$work/cold-$1.log"; fail "hyperfine $1"; }
  local s b; s=$(median_ms "$csv" 1); b=$(median_ms "$csv" 2)
  row "cold start, once, 100 $1 secrets" "wall, median of $COLD_RUNS" "$s ms" "$b ms" "$(ratio "$s" "$b")×" "≤ 1.3×" "$(verdict "$(ratio "$s" "$b")" le 1.3)"
}
cold_files() { # cold_files WHERE DIR
  files_config "$2" 100
  (cd "$2" && "$bin" once -c sidecar.yaml) || fail "once on 100 file secrets ($1)"
  rm -f "$2"/out/*
  "$baseline" files "$2/src" "$2/out" 100 || fail "baseline files ($1)"
  cold "file ($1)" "$2" "$bin once -c $2/sidecar.yaml" "$baseline files $2/src $2/out 100"
}
cold_files "tmpfs" "$work/cold-files"
# The same on the disk (where fsync reaches the device), as the issue's first measurement was made.
disk=$(mktemp -d /var/tmp/r3mes-bench.XXXXXX)
cold_files "disk, $(df -T /var/tmp | awk 'NR == 2 { print $2 }')" "$disk"
rm -rf "$disk"

vault_dir=$work/cold-vault
mkdir -p "$vault_dir/out"
start "$vault_dir/emulator.log" "${tools[@]}" vault --info "$vault_dir/info" --kv 100 --lease-ttl "$LEASE_TTL"
vault_pid=$started
wait_for "the Vault emulator" 120 test -s "$vault_dir/info"
vault_address=$(sed -n 's/^address=//p' "$vault_dir/info"); vault_token=$(sed -n 's/^token=//p' "$vault_dir/info")
vault_port=${vault_address##*:}
printf '%s' "$vault_token" >"$vault_dir/token"; chmod 600 "$vault_dir/token"
{
  echo "output: { dir: out }"
  echo "log: { level: warning }"
  echo "vault: { address: $vault_address, auth: { method: token, token_file: token }, max_concurrent: 8 }"
  echo "secrets:"
  for i in $(seq 0 99); do echo "  - { name: s$i, source: { vault: secret/bench/s$i }, files: { s$i: { key: value } } }"; done
} >"$vault_dir/sidecar.yaml"
(cd "$vault_dir" && "$bin" once -c sidecar.yaml) || fail "once on 100 KV v2 secrets"
cmp -s "$vault_dir/out/s7" <(printf 'kv-value-00007-0123456789abcdef') || fail "once wrote an unexpected s7"
rm -f "$vault_dir"/out/*
"$baseline" vault 127.0.0.1 "$vault_port" "$vault_token" "$vault_dir/out" 100 || fail "baseline vault"
cmp -s "$vault_dir/out/s7" <(printf 'kv-value-00007-0123456789abcdef') || fail "the baseline wrote an unexpected s7"
cold "KV v2 (Vault emulator)" "$vault_dir" "$bin once -c $vault_dir/sidecar.yaml" "$baseline vault 127.0.0.1 $vault_port $vault_token $vault_dir/out 100"
note "- cold start: the baseline reads only the KV data (one kept-alive connection, no mount lookup); the sidecar also asks which engine serves each path and looks its token up."

# ---- 3. leased secrets -------------------------------------------------------------------------------------------
say "leases: $LEASES leased secrets, ${LEASE_TTL}s TTL, ${LEASE_MINUTES} min"
lease_dir=$work/leases
mkdir -p "$lease_dir/out"
cp "$vault_dir/token" "$lease_dir/token"
{
  echo "output: { dir: out }"
  echo "log: { level: warning }"
  echo "vault: { address: $vault_address, auth: { method: token, token_file: token }, max_concurrent: 8 }"
  echo "secrets:"
  for i in $(seq 0 $((LEASES - 1))); do echo "  - { name: l$i, source: { vault: rabbitmq/creds/r$i }, files: { l$i: \"{{ username }}:{{ password }}\" } }"; done
} >"$lease_dir/sidecar.yaml"
lease_start=$SECONDS
start "$lease_dir/log" "$bin" run -c "$lease_dir/sidecar.yaml"
lease_pid=$started
wait_for "$LEASES leased files" 900 count_at_least "$lease_dir/out" "$LEASES"
first_render=$((SECONDS - lease_start))
window=$(awk -v m="$LEASE_MINUTES" 'BEGIN { printf "%d", m * 60 }')
t0=$(cpu_ticks "$lease_pid"); s0=$(date +%s%N); peak=0; max_threads=0
while [ $(( ($(date +%s%N) - s0) / 1000000000 )) -lt "$window" ]; do
  alive "$lease_pid" "run with $LEASES leases" "$lease_dir/log"
  r=$(status_kib "$lease_pid" VmRSS); [ "$r" -gt "$peak" ] && peak=$r
  t=$(threads "$lease_pid"); [ "$t" -gt "$max_threads" ] && max_threads=$t
  sleep 1
done
t1=$(cpu_ticks "$lease_pid"); s1=$(date +%s%N)
cpu=$(awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v ns="$((s1 - s0))" 'BEGIN { printf "%.1f", 100 * t / hz / (ns / 1e9) }')
lease_rss=$(status_kib "$lease_pid" VmRSS)
lease_names=$(thread_names "$lease_pid")
stop "$lease_pid"
stop "$vault_pid"
wait_for "the emulator's counts" 30 test -s "$vault_dir/info.stats"
stat() { sed -n "s/^$1=//p" "$vault_dir/info.stats"; }
renewals=$(stat renewals); busiest=$(stat busiest_second_renewals); in_flight=$(stat max_in_flight)
[ "$renewals" -gt 0 ] || fail "no lease was renewed in ${window}s (TTL ${LEASE_TTL}s): the soak measured nothing"
per_lease=$(awk -v a="$lease_rss" -v b="$quiet_rss" -v n="$LEASES" 'BEGIN { printf "%.1f", (a - b) * 1024 / n / 1024 }')
row "$LEASES leases, ${LEASE_TTL}s TTL, ${LEASE_MINUTES} min" "CPU, average of one core (after the first render, ${first_render}s)" "$cpu %" "" "" "≤ 10 %" "$(verdict "$cpu" le 10)"
row "$LEASES leases" "RSS at the end / peak" "$(mib "$lease_rss") / $(mib "$peak") MiB" "" "" "≤ 64 MiB" "$(verdict "$peak" le 65536)"
row "$LEASES leases" "memory per lease ((RSS − idle RSS of 100 file secrets) / leases)" "$per_lease KiB" "" "" "reported" ""
row "$LEASES leases" "Vault requests in flight, most at once" "$in_flight" "" "" "≤ max_concurrent 8" "$(verdict "$in_flight" le 8)"
renewal_seconds=$(stat renewal_seconds)
mean_per_second=$(awk -v a="$renewals" -v b="$renewal_seconds" 'BEGIN { printf "%.1f", a / b }')
row "$LEASES leases" "renewals over ${renewal_seconds}s; busiest second (its share of all renewals) vs the mean second" "$renewals; $busiest ($(awk -v a="$busiest" -v b="$renewals" 'BEGIN { printf "%.2f", 100 * a / b }') %)" "mean $mean_per_second/s" "$(ratio "$busiest" "$mean_per_second")×" "reported" ""
row "$LEASES leases" "threads, most seen" "$max_threads" "" "" "≤ 12" "$(verdict "$max_threads" le 12)"
expired=$(grep -c "is gone, fetching a replacement" "$lease_dir/log" || true)
row "$LEASES leases" "leases found expired at their renewal (replaced)" "$expired" "" "" "0" "$(verdict "$expired" le 0)"
note "- threads, $LEASES leases: $lease_names"

# ---- 4. AWS-agent-compatible endpoint ----------------------------------------------------------------------------
say "wrk: the AWS-agent-compatible endpoint vs a bare Kestrel endpoint, ${WRK_SECONDS}s each"
aws_dir=$work/aws
mkdir -p "$aws_dir/src" "$aws_dir/out"
start "$aws_dir/emulator.log" "${tools[@]}" aws --info "$aws_dir/info"
aws_pid=$started
wait_for "the AWS emulator" 120 test -s "$aws_dir/info"
aws_address=$(sed -n 's/^address=//p' "$aws_dir/info")
agent_port=$(free_port)
printf 'v' >"$aws_dir/src/app.txt"
cat >"$aws_dir/sidecar.yaml" <<EOF
output: { dir: out }
log: { level: warning }
aws: { region: us-east-1, endpoint: $aws_address, agent: { listen: 127.0.0.1:$agent_port, token: env:AGENT_TOKEN, ttl: 5m } }
secrets:
  - { name: app, source: { file: src/app.txt }, files: { app: {} } }
EOF
agent_token=bench-agent-token-0123456789
start "$aws_dir/log" env AGENT_TOKEN=$agent_token AWS_ACCESS_KEY_ID="$(sed -n 's/^access_key=//p' "$aws_dir/info")" \
  AWS_SECRET_ACCESS_KEY="$(sed -n 's/^secret_key=//p' "$aws_dir/info")" AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
  AWS_ENDPOINT_URL_SECRETS_MANAGER="$aws_address" AWS_SHARED_CREDENTIALS_FILE="$aws_dir/none" AWS_CONFIG_FILE="$aws_dir/none" \
  "$bin" run -c "$aws_dir/sidecar.yaml"
agent_pid=$started
agent_url="http://127.0.0.1:$agent_port/secretsmanager/get?secretId=bench/app"
wait_for "the agent endpoint" 60 curl -fsS -o "$aws_dir/body" -H "X-Aws-Parameters-Secrets-Token: $agent_token" "$agent_url"
grep -q 'p4ssw0rd' "$aws_dir/body" || fail "the agent endpoint did not answer the secret"
bare_port=$(free_port)
start "$aws_dir/bare.log" "${tools[@]}" kestrel --port "$bare_port" --body "$aws_dir/body"
bare_pid=$started
wait_for "the bare Kestrel endpoint" 60 curl -fsS -o /dev/null "http://127.0.0.1:$bare_port/secretsmanager/get"
wrk_run() { # wrk_run NAME URL -> rps p99
  wrk -t2 -c16 -d"${WRK_SECONDS}s" -H "X-Aws-Parameters-Secrets-Token: $agent_token" "$2" >/dev/null 2>&1 || fail "wrk warm-up $1"
  wrk -t2 -c16 -d"${WRK_SECONDS}s" --latency -H "X-Aws-Parameters-Secrets-Token: $agent_token" "$2" >"$work/wrk-$1.txt" 2>&1 || fail "wrk $1"
  grep -q "Non-2xx" "$work/wrk-$1.txt" && fail "wrk $1: non-2xx answers ($(cat "$work/wrk-$1.txt"))"
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$work/wrk-$1.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$1.txt")
}
wrk_run agent "$agent_url"; agent_rps=$rps; agent_p99=$p99
wrk_run bare "http://127.0.0.1:$bare_port/secretsmanager/get"; bare_rps=$rps; bare_p99=$p99
aws_calls=$(grep -c . "$aws_dir/emulator.log" 2>/dev/null || true)
stop "$agent_pid"; stop "$bare_pid"; stop "$aws_pid"
row "AWS agent endpoint, cached /secretsmanager/get (wrk -t2 -c16)" "requests/s (vs bare Kestrel, same bytes)" "$agent_rps" "$bare_rps" "$(ratio "$agent_rps" "$bare_rps")×" "≥ 0.7×" "$(verdict "$(ratio "$agent_rps" "$bare_rps")" ge 0.7)"
row "AWS agent endpoint" "p99 latency" "$agent_p99" "$bare_p99" "" "reported" ""

# ---- 5. change to signal -----------------------------------------------------------------------------------------
say "change to signal: exec mode, $CHANGES changes, settle ${SETTLE_MS}ms"
sig_dir=$work/signal
mkdir -p "$sig_dir/src" "$sig_dir/out"
printf 'initial' >"$sig_dir/src/value.txt"
cat >"$sig_dir/sidecar.yaml" <<EOF
output: { dir: out }
log: { level: warning }
exec: { on_change: reload, signal: SIGHUP }
secrets:
  - { name: value, source: { file: src, settle: ${SETTLE_MS}ms }, files: { value: {} } }
EOF
start "$sig_dir/log" "$bin" exec -c "$sig_dir/sidecar.yaml" -- "$baseline" sighup-child "$sig_dir/record"
sig_pid=$started
wait_for "the exec child" 60 test -e "$sig_dir/record"
sleep 1
"$baseline" change "$sig_dir/src/value.txt" "$sig_dir/record" "$CHANGES" "$CHANGE_GAP_MS" >"$sig_dir/latency-us" || fail "change to signal: $(tail -3 "$sig_dir/log")"
stop "$sig_pid"
pct() { sort -n "$1" | awk -v p="$2" '{ a[NR] = $1 } END { i = int(p * NR + 0.999999); if (i < 1) i = 1; printf "%.1f", a[i] / 1000 }'; }
median=$(pct "$sig_dir/latency-us" 0.5); p99=$(pct "$sig_dir/latency-us" 0.99)
beyond=$(awk -v p="$p99" -v s="$((SETTLE_MS + DEBOUNCE_MS))" 'BEGIN { printf "%.1f", p - s }')
beyond_median=$(awk -v p="$median" -v s="$((SETTLE_MS + DEBOUNCE_MS))" 'BEGIN { printf "%.1f", p - s }')
row "change to SIGHUP (exec, file source, settle ${SETTLE_MS}ms), $CHANGES changes" "median / p99" "$median / $p99 ms" "" "" "" ""
row "change to SIGHUP" "beyond settle + debounce minimum (${SETTLE_MS} + ${DEBOUNCE_MS} ms): median / p99" "$beyond_median / $beyond ms" "" "" "p99 ≤ 50 ms" "$(verdict "$beyond" le 50)"

# ---- 6. injector -------------------------------------------------------------------------------------------------
say "injector: $INJECTOR_REQUESTS admission reviews over HTTPS on loopback"
"${injector[@]}" --binary "$bin" --requests "$INJECTOR_REQUESTS" --concurrency 8 >"$work/injector.txt" 2>&1 || { cat "$work/injector.txt"; fail "injector bench"; }
reviews=$(sed -n 's/.* \([0-9]*\) reviews\/s.*/\1/p' "$work/injector.txt")
inj_p99=$(sed -n 's/.*p99 \([0-9.]*\).*/\1/p' "$work/injector.txt")
row "injector, admission reviews (8 in flight)" "reviews/s; p99" "$reviews/s; $inj_p99 ms" "" "" "reported" ""

# ---- report ------------------------------------------------------------------------------------------------------
if $quick; then out=$work/RESULTS.md; else out=$root/bench/RESULTS.md; fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src 2>/dev/null || commit="$commit (with uncommitted changes under src/)"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh$($quick && echo ' --quick')\`; every figure below comes from this one run, each beside its baseline."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $commit"
  echo "- command: \`$(printf 'IDLE_SECONDS=%s THREAD_SECRETS=%s COLD_RUNS=%s LEASES=%s LEASE_TTL=%s LEASE_MINUTES=%s WRK_SECONDS=%s CHANGES=%s SETTLE_MS=%s INJECTOR_REQUESTS=%s bench/run.sh%s' \
      "$IDLE_SECONDS" "$THREAD_SECRETS" "$COLD_RUNS" "$LEASES" "$LEASE_TTL" "$LEASE_MINUTES" "$WRK_SECONDS" "$CHANGES" "$SETTLE_MS" "$INJECTOR_REQUESTS" "$($quick && echo ' --quick')")\`"
  echo "- machine: $(uname -srm), $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: other work ran beside the benchmark)"
  echo "- binary: \`$bin\`, $(du -h "$bin" | cut -f1) NativeAOT, \`$("$bin" version 2>/dev/null | head -1)\`"
  echo "- baseline: \`bench/baseline/baseline.c\` (same reads, same atomic 0600 writes with fsync; the same KV GETs over one HTTP/1.1 connection); bare Kestrel: \`bench/tools/R3mes.Sidecar.Bench.Tools kestrel\`"
  echo
  echo "| scenario | measure | r3mes-sidecar | baseline | ratio | target | |"
  echo "|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$results"
  echo
  echo "Notes:"
  echo
  cat "$notes"
  # The hour-long lease soak runs on its own (bench/soak.sh writes bench/SOAK-RESULTS.md): its latest summary, copied.
  if [ -f "$root/bench/SOAK-RESULTS.md" ]; then
    echo; echo "## Lease soak"; echo
    echo "The latest \`bench/soak.sh\` run, from [SOAK-RESULTS.md](SOAK-RESULTS.md) (not run by this script; series and thread names there):"; echo
    sed -n '/^> INTERIM/p; /^- started:/,/^- load/p' "$root/bench/SOAK-RESULTS.md"; echo
    sed -n '/^| measure/,/^$/p' "$root/bench/SOAK-RESULTS.md"
    echo; echo "Memory and threads over time (every tenth row of the series there, and the last):"; echo
    awk '/^RSS and threads over time/ { on = 1; next }
      on && /^\| t \(s\)/ { print; getline; print; next }
      on && /^\| [0-9]/ { last = $0; if (n++ % 10 == 0) { print; shown = $0 } }
      on && /^$/ && n > 0 { on = 0 }
      END { if (last != shown) print last }' "$root/bench/SOAK-RESULTS.md"
  fi
  # The fuzzing campaigns run on their own (bench/fuzz.sh, bench/afl.sh write bench/FUZZ-RESULTS.md): their tables, copied.
  if [ -f "$root/bench/FUZZ-RESULTS.md" ]; then
    echo; echo "## Fuzzing"; echo
    echo "The latest \`bench/fuzz.sh\` (FsCheck) and \`bench/afl.sh\` (AFL++ through SharpFuzz) runs, from [FUZZ-RESULTS.md](FUZZ-RESULTS.md) (not run by this script; findings and how to replay them there):"; echo
    sed -n '/^<!-- fscheck -->/,/^<!-- \/fscheck -->/p' "$root/bench/FUZZ-RESULTS.md" | grep -v '^<!--'
    sed -n '/^<!-- afl -->/,/^<!-- \/afl -->/p' "$root/bench/FUZZ-RESULTS.md" | grep -v '^<!--'
  fi
} >"$out"
cat "$out"

if $quick; then
  # The smoke mode's only assertions: every scenario produced every figure (no empty cell where a number belongs).
  expected=23
  [ "$(wc -l <"$results")" -eq "$expected" ] || fail "expected $expected result rows, got $(wc -l <"$results")"
  awk -F'\t' '$3 == "" || $3 !~ /[0-9]/ || $3 ~ /(^|[^0-9.) ]) *(MiB|ms|KiB|%|\/s)( |;|\)|$)/ || $3 ~ /\/ *\// || $4 ~ /^ *(ms|MiB)$/ { bad = bad "\n  " $1 ": " $2 " = \"" $3 "\"" } END { if (bad != "") { print "bench: FAILED: figures missing:" bad > "/dev/stderr"; exit 1 } }' "$results"
  say "quick mode: every scenario ran and produced its figures (no performance threshold is checked)"
fi

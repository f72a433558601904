#!/usr/bin/env bash
# Measures the NativeAOT binary on the embedded default (examples/local):
#   - start-up: wall time of `once` (parse config, render 7 files, exit), median of N runs;
#   - idle memory: RSS of `run` a few seconds after start, without and with the local endpoints (Kestrel).
# Usage: bench/startup-and-memory.sh [path-to-binary]   (default: artifacts/aot/r3mes-sidecar; build it with ./test.sh
# or: dotnet publish src/R3mes.Sidecar -c Release -r linux-x64 -o artifacts/aot)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-artifacts/aot/r3mes-sidecar}
runs=${RUNS:-20}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -r examples/local/secrets "$work/"; mkdir "$work/out"
sed -e '/^listen:/d' examples/local/sidecar.yaml > "$work/quiet.yaml"
cp examples/local/sidecar.yaml "$work/listen.yaml"
sed -i 's/^listen: .*/listen: 127.0.0.1:18097/' "$work/listen.yaml"

times=()
for _ in $(seq "$runs"); do
  rm -f "$work"/out/*
  start=$(date +%s%N); "$bin" once -c "$work/quiet.yaml" 2>/dev/null; end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "once (render 7 files, cold start): median ${median} ms over ${runs} runs"

rss() {
  "$bin" run -c "$1" 2>/dev/null & pid=$!
  for _ in $(seq 50); do [ -s "$work/out/jwt_secret" ] && break; sleep 0.1; done
  sleep 3
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  echo "$((kb / 1024)) MiB"
}
echo "run, idle RSS without endpoints: $(rss "$work/quiet.yaml")"
echo "run, idle RSS with /healthz /readyz /metrics: $(rss "$work/listen.yaml")"

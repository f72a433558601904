# Sourced by bench/fuzz.sh and bench/afl.sh: `splice_results NAME < text` replaces the lines between
# "<!-- NAME -->" and "<!-- /NAME -->" in bench/FUZZ-RESULTS.md, so each half rewrites only its own table.
splice_results() {
  local file=bench/FUZZ-RESULTS.md new
  new=$(mktemp)
  cat > "$new"
  grep -qx "<!-- $1 -->" "$file" || { echo "bench/FUZZ-RESULTS.md has no <!-- $1 --> section" >&2; return 1; }
  awk -v m="$1" -v f="$new" '
    $0 == "<!-- " m " -->" { print; while ((getline l < f) > 0) print l; skip = 1; next }
    $0 == "<!-- /" m " -->" { skip = 0 }
    !skip { print }' "$file" > "$file.tmp"
  mv "$file.tmp" "$file"
  rm -f "$new"
}

# `peak_rss_kib PID` prints the most resident memory (KiB) that PID and its descendants held at once, sampled every
# second until PID exits.
peak_rss_kib() {
  local peak=0 now
  while kill -0 "$1" 2>/dev/null; do
    now=$(ps -eo pid=,ppid=,rss= | awk -v root="$1" '
      { parent[$1] = $2; rss[$1] = $3 }
      END { for (p in parent) { q = p; while (q != "" && q > 1 && q != root) q = parent[q]; if (q == root) sum += rss[p] } print sum + 0 }')
    [ "$now" -gt "$peak" ] && peak=$now
    sleep 1
  done
  echo "$peak"
}

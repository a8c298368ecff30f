#!/usr/bin/env bash
# A Ray cluster of two nodes on this machine (a head and one more node, one CPU each),
# with its own temp dir and ports, and its stop: only the processes this cluster started
# are ended, by pid (never `ray stop`, which ends every Ray of the user on the machine).
#
#   .ci/ray-cluster.sh start TEMP_DIR [NODES]   # prints the address to connect to
#   .ci/ray-cluster.sh stop TEMP_DIR
#
# Its processes are found by TEMP_DIR in their command line (gcs_server, raylet, the
# dashboard and monitors), and their descendants (the workers, whose command line Ray
# rewrites to "ray::..."). Ray must be on PATH (the venv's bin).
set -euo pipefail
cmd=${1:?start or stop}
temp=${2:?temp dir}
nodes=${3:-2}
# Loopback only, and ports of our own (another Ray on the machine keeps its defaults).
ip=127.0.0.1
port=${RAY_CHECK_PORT:-26379}

cluster_pids() {
  # One ps, one awk (the pattern goes in through the environment, so that awk's own command
  # line does not match it).
  ps -ww -eo pid=,ppid=,args= | CLUSTER_DIR="$temp/" awk '
    { pid[NR] = $1; parent[NR] = $2; if (index($0, ENVIRON["CLUSTER_DIR"])) ours[$1] = 1 }
    END {
      for (changed = 1; changed;) {
        changed = 0
        for (i in pid) if (!(pid[i] in ours) && (parent[i] in ours)) { ours[pid[i]] = 1; changed = 1 }
      }
      for (p in ours) printf "%s ", p
    }'
}

case $cmd in
start)
  mkdir -p "$temp"
  common=(--num-cpus 1 --temp-dir "$temp" --node-ip-address "$ip"
    --object-store-memory 700000000 --disable-usage-stats)
  ray start --head --port "$port" --dashboard-port $((port + 1)) --include-dashboard false \
    "${common[@]}" >"$temp/start-head.log" 2>&1 ||
    { cat "$temp/start-head.log" >&2; exit 1; }
  for ((k = 1; k < nodes; k++)); do
    ray start --address "$ip:$port" "${common[@]}" >"$temp/start-node$k.log" 2>&1 ||
      { cat "$temp/start-node$k.log" >&2; exit 1; }
  done
  echo "$ip:$port"
  ;;
stop)
  pids=$(cluster_pids)
  [ -z "$pids" ] && exit 0
  kill $pids 2>/dev/null || true
  # As `ray stop` does: SIGTERM, then SIGKILL for what is left after a grace period (the
  # monitor processes do not always end on SIGTERM).
  for _ in $(seq 1 10); do
    alive=""
    # A zombie (state Z) has ended; whoever is its parent reaps it.
    for p in $pids; do
      state=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) || continue
      [ "$state" != Z ] && alive+="$p "
    done
    [ -z "$alive" ] && break
    sleep 0.5
  done
  [ -n "${alive:-}" ] && kill -9 $alive 2>/dev/null || true
  ;;
*)
  echo "usage: $0 start|stop TEMP_DIR [NODES]" >&2
  exit 2
  ;;
esac

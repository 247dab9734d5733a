#!/bin/sh
# fault-fast.sh DATA_DIR KIND NODE: the matrix rows' fault command on Kafka. A process-crash is a
# SIGKILL sent from the shell (milliseconds, against 1.5-2 s for node to start `kspec kafka fault`
# on a loaded machine), so a crash aimed at a leader can land while a write is still on the leader
# alone (the replication window, matrix-targets.ts). It checks the pid as `kspec kafka fault` does
# (the JVM's command line names the node's directory, and it is not a zombie) and notes the fault in
# DATA_DIR/faults.log the same way. Every other kind goes to `kspec kafka fault` ($KSPEC is bin/kspec.js).
dir=$1
kind=$2
node=$3
if [ "$kind" != process-crash ]; then
  exec node "$KSPEC" kafka fault --data-dir "$dir" "$kind" "$node"
fi
case "$node" in '' | *[!0-9]*) echo "fault-fast: node must be a number, got '$node'" >&2; exit 2 ;; esac
nodedir="$dir/node-$node"
[ -d "$nodedir" ] || { echo "fault-fast: no node $node in $dir" >&2; exit 2; }
pid=$(cat "$nodedir/kafka.pid" 2>/dev/null)
done="node $node was not running"
if [ -n "$pid" ] && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-Dkspec.kafka.node=$nodedir"; then
  state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
  if [ "$state" != Z ] && kill -KILL "$pid" 2>/dev/null; then
    done="node $node killed (SIGKILL)"
  fi
fi
echo "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) crash $node: $done" >>"$dir/faults.log"
echo "$done"

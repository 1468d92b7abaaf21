#!/bin/bash
# Interleaved A/B timing of whole commands, for before/after figures on a machine whose speed drifts:
# runs each command once per round, N rounds, and prints the median wall time and the median CPU time
# (user + sys, every thread) of each. Before each run the folder in $CACHE is removed (a cold run), unless
# WARM=1. Needs GNU time (/usr/bin/time).
#   bench/ab.sh 7 "node old/cli/main.js bench/.data/scale-10 --format json --cache-location \$CACHE" \
#                 "node dist/cli/main.js bench/.data/scale-10 --format json --cache-location \$CACHE"
# (Copy a build aside first, e.g. `cp -r dist old` before changing the sources.)
set -euo pipefail
rounds=$1
shift
export CACHE=${CACHE:-$(mktemp -d)/cache}
# A cold run has no cache of any kind: not V8's compile cache either (Node 22.1+, kept in ~/.cache).
[[ ${WARM:-0} == 1 ]] || export NODE_DISABLE_COMPILE_CACHE=1
times=$(mktemp)
declare -a wall cpu
# Round 0 is not counted: it brings the tree into the page cache (this VM gives idle pages back to the
# host within minutes, and the first command would read from disk) and the cache of a WARM=1 pair.
for ((r = 0; r <= rounds; r++)); do
  for ((k = 0; k < $#; k++)); do
    command=${@:k+1:1}
    [[ ${WARM:-0} == 1 ]] || rm -rf "$CACHE"
    /usr/bin/time -o "$times" -f "%e %U %S" bash -c "$command" >/dev/null 2>&1 || true
    ((r > 0)) || continue
    read -r e u s < <(tail -n 1 "$times")
    wall[k]="${wall[k]:-} $(awk -v e="$e" 'BEGIN { printf "%d", e * 1000 }')"
    cpu[k]="${cpu[k]:-} $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')"
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for ((k = 0; k < $#; k++)); do
  echo "wall $(median "${wall[k]}") ms  cpu $(median "${cpu[k]}") ms  :: ${@:k+1:1}"
done
rm -f "$times"

#!/usr/bin/env bash
# Runs the whole benchmark set on a release build and prints the results table (markdown).
# Raw output of every program is kept in build/release/bench/. Takes about four minutes.
# BENCH_SECONDS (default 10) sets the window of each end-to-end measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release -DCTPGW_BUILD_BENCH=ON >/dev/null
cmake --build --preset release >/dev/null
bin=build/release/bin
out=build/release/bench
mkdir -p "$out"
secs="${BENCH_SECONDS:-10}"
src="$PWD"

run() {  # name, command...
  local name=$1
  shift
  echo "running $name ..." >&2
  "$@" >"$out/$name.txt" 2>&1
}

run codec "$bin/bench_codec" --benchmark_min_time=1
run fanout "$bin/bench_fanout" --benchmark_min_time=0.5
run counter "$bin/bench_counter" --benchmark_min_time=1
run md_100k "$bin/md_load" --source-dir "$src" --clients 100 --instruments 20 --tick-ms 20 --seconds "$secs"
run bare_100k "$bin/md_load" --source-dir "$src" --bare-exe "$bin/bare_broadcast" --clients 100 --instruments 20 --tick-ms 20 --seconds "$secs"
run md_sat "$bin/md_load" --source-dir "$src" --clients 100 --instruments 20 --tick-ms 1 --seconds "$secs"
run bare_sat "$bin/md_load" --source-dir "$src" --bare-exe "$bin/bare_broadcast" --clients 100 --instruments 20 --tick-ms 1 --seconds "$secs"
run md_silent "$bin/md_load" --source-dir "$src" --clients 10 --instruments 32 --tick-ms 2 --seconds "$secs" --silent 1
run md_nosilent "$bin/md_load" --source-dir "$src" --clients 10 --instruments 32 --tick-ms 2 --seconds "$secs"
run td "$bin/td_load" --source-dir "$src" --sequential 3000 --pipelined 20000
run td_own "$bin/td_load" --source-dir "$src" --sequential 3000 --pipelined 20000 --counter-thread own
run td_alloc "$bin/td_load" --source-dir "$src" --sequential 10 --pipelined 20000 \
  --malloc-counter "$PWD/build/release/bench/libmalloc_counter.so"
run conns "$bin/conn_load" --source-dir "$src" --connections 10000

cpu_ns() { awk -v b="$2" '$1 == b { print $4 " " $5 }' "$out/$1.txt"; }
items() { awk -v b="$2" '$1 == b { for (i = 1; i <= NF; i++) if ($i ~ /^items_per_second=/) { sub("items_per_second=", "", $i); print $i } }' "$out/$1.txt"; }
field() { grep -o "$2" "$out/$1.txt" | head -1; }
# CPU time of one iteration (two orders) halved: the calling thread's CPU per order.
per_order_cpu() { awk -v b="$2" '$1 == b { printf "%.1f %s", $4 / 2, $5 }' "$out/$1.txt"; }
delivered() { grep -o 'delivered: [0-9]* msgs/s' "$out/$1.txt" | awk '{ print $2 }'; }
lat() { grep -o 'p50=[0-9]* us p99=[0-9]* us max=[0-9]* us' "$out/$1.txt" | head -1; }
lat_of() { grep "$2" "$out/$1.txt" | grep -o 'p50=[0-9]* us p99=[0-9]* us max=[0-9]* us'; }
rss() { grep -o 'rss start [0-9]* KiB, peak [0-9]* KiB, end [0-9]* KiB' "$out/$1.txt"; }
cpu() { grep -o 'cpu [0-9]*% of one core' "$out/$1.txt"; }

md_sat=$(delivered md_sat)
bare_sat=$(delivered bare_sat)
ratio=$(awk -v a="$md_sat" -v b="$bare_sat" 'BEGIN { printf "%.2f", a / b }')
vs_python=$(awk -v a="$md_sat" 'BEGIN { printf "%.0f", a / 7000 }')

cat <<TABLE
| what | measured | target |
|---|---|---|
| JSON encode of one DepthMarketData (CPU) | $(cpu_ns codec BM_EncodeDepthMarketData) | <= 1 us |
| JSON decode of one ReqOrderInsert request (CPU) | $(cpu_ns codec BM_DecodeOrderInsertRequest) | - |
| fan-out of one tick to 1000 sessions: serialise once / per session | $(items fanout BM_FanOutSerialiseOnce/1000) / $(items fanout BM_FanOutSerialisePerSession/1000) sessions/s | - |
| matching step alone (order against the five-level book) | $(items counter BM_MatchBook) orders/s | - |
| counter, fill + close round trips, per-order commit: in memory / journal (+ SQLite behind), wall clock | $(items counter BM_CounterFillRoundTrip/0/real_time) / $(items counter BM_CounterFillRoundTrip/1/real_time) orders/s | - |
| the whole counter in process (checks, matching, fills, positions, fees, journal), group commit of 64 orders: wall clock, with the database writer on the same two cores; the calling thread's CPU per order | $(items counter BM_CounterFillRoundTripBatched/real_time) orders/s; $(per_order_cpu counter BM_CounterFillRoundTripBatched/real_time) | >= 1,000,000 orders/s |
| md fan-out at saturation, 100 clients x 20 instruments | md_service $md_sat msgs/s, bare websocketpp $bare_sat msgs/s: ${ratio}x bare, ${vs_python}x Python webctp (~7k) | >= 0.5x bare, >= 50x Python |
| md_service under saturation: CPU, RSS | $(cpu md_sat); $(rss md_sat) | - |
| md latency at 100k msgs/s offered: md_service | $(lat md_100k) | within 1.5x of bare |
| md latency at 100k msgs/s offered: bare websocketpp | $(lat bare_100k) | - |
| md memory with a never-reading client (16k ticks/s offered) | $(rss md_silent) (without it: $(rss md_nosilent)) | flat; bounded by SendBufferBytes |
| td floor: a request answered by the WebSocket thread alone, sequential | $(lat_of td "td floor") | - |
| td ReqOrderInsert -> RtnTrade, sequential | $(lat_of td "td sequential") | p50 <= 100 us, p99 <= 1 ms |
| td pipelined orders through one socket | $(grep -o '[0-9]* orders/s' "$out/td.txt") | >= 50,000 orders/s |
| td_service under pipelined load: CPU, RSS | $(cpu td); $(rss td) | - |
| the same two with \`Sim.CounterThread: own\` (the counter on its own thread, pushes encoded on the io thread): sequential; pipelined | $(lat_of td_own "td sequential"); $(grep -o '[0-9]* orders/s' "$out/td_own.txt") | - |
| td_service malloc calls per pipelined order (\`td_load --malloc-counter\`): all threads (io thread) | $(grep -o 'per pipelined order: [0-9.]* (on the io thread: [0-9.]*' "$out/td_alloc.txt" | awk '{ print $4 " (" $9 ")" }') | - |
| idle connections | $(field conns '[0-9]* accepted') ; $(field conns '[0-9.]* KiB per connection') | 10,000; <= 64 KiB each |
| start-up to accepting connections | $(field conns '[0-9.]* ms') | <= 200 ms |
TABLE

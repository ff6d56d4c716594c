#!/bin/sh
# Regenerates docs/benchmarks.md, the whole page, from the project's own benchmarks:
#   streamscope-cli bench (K1, K2, KT, N1, S1, B1, N2; K1 as records, brokers and partitions
#   grow; B1's request counts), K1 against librdkafka's mock cluster, the QBENCHMARKs
#   (bench_seek, bench_canvas with the big worlds), bench_long_run (the app's hour, S1's hour),
#   bench_classroom, the app's --measure-startup and --measure-fps, and callgrind profiles;
#   then a verdict, computed, for every target, with the cause where one is not met.
#
# Usage, from a Release build in ./build:  docs/make-benchmarks.sh [BUILD_DIR] [OUTPUT]
#   BUILD_DIR defaults to ./build, OUTPUT to docs/benchmarks.md. OUTPUT is replaced only when
#   every benchmark ran: a failing one stops the script with its messages and leaves OUTPUT as
#   it was. Progress goes to stderr. The full run takes about half an hour on two cores and
#   up to about 6 GiB of memory (K1 with 10^8 records, S1's hour); run it on a quiet machine.
#   STREAMSCOPE_BENCH_QUICK=1 cuts every record count, simulated duration and iteration count
#   (the page then says so at the top): a check, in a few minutes, that every benchmark runs
#   and every figure is read, not a measurement.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
out=${2:-"$root/docs/benchmarks.md"}
cli="$build/app/streamscope-cli"
app="$build/app/streamscope"
benches="$build/tests/bench"
case ${STREAMSCOPE_BENCH_QUICK:-0} in
  0 | '') quick=0 ;;
  *) quick=1 ;;
esac

# Sizes: records for the engine table, for B1 and N2, K1's growth in records, the broker and
# partition sweeps, the mock comparison; simulated seconds of the long runs; students and
# rounds of the classroom; seconds of --measure-fps; records of the profiled runs.
if [ "$quick" = 1 ]; then
  n=100000 big=20000 grow="1000 10000 100000 1000000" sweep=100000 mocks="20000"
  long=300 students=20 rounds=20 fps=2
  prof_k1=10000 prof_b1=2000 prof_n2=10000 instr_small=10000 instr_big=100000
else
  n=1000000 big=1000000 grow="100000 1000000 10000000 100000000" sweep=1000000 mocks="100000 200000"
  long=3600 students=100 rounds=100 fps=5
  prof_k1=100000 prof_b1=100000 prof_n2=1000000 instr_small=1000000 instr_big=10000000
fi

die() {
  echo "make-benchmarks: $*" >&2
  exit 1
}

for f in "$cli" "$app" "$benches/bench_seek" "$benches/bench_canvas" "$benches/bench_long_run" "$benches/bench_classroom" "$benches/bench_rdkafka_mock"; do
  [ -x "$f" ] || die "$f is missing: build the project first (cmake -DCMAKE_BUILD_TYPE=Release)"
done
command -v valgrind >/dev/null || die "valgrind is needed for the profiles (apt-get install valgrind)"

work=$(mktemp -d)
finished=0
cleanup() {
  rm -f "$out.tmp"
  if [ "$finished" = 1 ]; then
    rm -rf "$work"
  else
    echo "make-benchmarks: stopped; $out is unchanged; the outputs so far are in $work" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
: >"$out.tmp" || die "cannot write $out.tmp"
started=$(date +%s)
tab=$(printf '\t')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# Runs one benchmark, its output into $work/NAME and its messages into $work/NAME.err; stops
# the script, showing the end of the messages, if it fails.
run() {
  run_name=$1
  shift
  echo "make-benchmarks: $(date +%H:%M:%S) $run_name" >&2
  run_t0=$(date +%s)
  if ! "$@" >"$work/$run_name" 2>"$work/$run_name.err"; then
    echo "make-benchmarks: '$*' failed; its last messages:" >&2
    tail -n 20 "$work/$run_name.err" >&2
    exit 1
  fi
  echo "$run_name $(($(date +%s) - run_t0))" >>"$work/times"
}

# Runs a command in a directory of its own (callgrind's files land there).
in_dir() (
  cd "$1"
  shift
  exec "$@"
)

# Runs the app without a display of its own: in xvfb-run if there is one, else offscreen.
gui() {
  if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s '-screen 0 1600x900x24' "$@"
  else
    env QT_QPA_PLATFORM=offscreen "$@"
  fi
}

offscreen() { env QT_QPA_PLATFORM=offscreen "$@"; }

# The value of KEY in a file of "key<TAB>value" lines; stops the script if it is not there.
kv() {
  awk -F'\t' -v k="$2" '$1 == k { print $2; found = 1; exit } END { exit !found }' "$1" || die "no figure '$2' in $(basename "$1")"
}

# Stops the script unless $1 is a number (what was read from a benchmark's output).
num() {
  case $1 in
    '' | *[!0-9.e+-]* | *.*.*) die "no figure for $2 (read '$1')" ;;
  esac
}

# Arithmetic on figures: calc FORMAT EXPRESSION [-v name=value...], e.g. calc %.1f 'a / b' -v a=3 -v b=2.
calc() {
  format=$1 expr=$2
  shift 2
  awk -v format="$format" "$@" "BEGIN { printf format, $expr }"
}

# A number with thousands separators.
commas() {
  awk -v x="$1" 'BEGIN {
    s = sprintf("%.0f", x); r = ""
    while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
    print s r }'
}

# A target's verdict, computed from the figure: prints it, adds it to the list at the top of
# the page, and returns 1 when the target is not met.
# Arguments: what, measured figure, operator (>=, <= or <), target, unit (with its space).
verdict() {
  num "$2" "$1"
  verdict_line=$(awk -v what="$1" -v m="$2" -v op="$3" -v t="$4" -v unit="$5" 'BEGIN {
    ok = (op == ">=") ? (m + 0 >= t + 0) : (op == "<=") ? (m + 0 <= t + 0) : (m + 0 < t + 0)
    word = (op == ">=") ? "at least" : (op == "<=") ? "at most" : "under"
    printf "- %s: %s%s; target %s %s%s: **%s**.", what, show(m), unit, word, show(t), unit, ok ? "met" : "not met" }
    function show(x,   s, r) {
      if (x + 0 < 10000) return x
      s = sprintf("%.0f", x); r = ""
      while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
      return s r }')
  echo "$verdict_line"
  echo "$verdict_line" >>"$work/verdicts"
  case $verdict_line in *"not met"*) return 1 ;; esac
}

# The fields of `streamscope-cli bench --json`, one line per workload, into $work/NAME:
#   1 workload  2 records  3 wall_s  4 sim_s  5 records_per_s  6 events_per_s  7 sim_s_per_wall_s
#   8 peak_rss_mib  9 bytes_per_retained_record  10 acknowledged_lost  11 all_consumed  12 events
#   13 produce_requests  14 replica_fetch_requests  15 consumer_fetch_requests  16 brokers  17 partitions
bench() {
  bench_name=$1
  shift
  run "$bench_name.json" "$cli" bench --json "$@"
  awk -v keys="workload records wall_s sim_s records_per_s events_per_s sim_s_per_wall_s peak_rss_mib bytes_per_retained_record acknowledged_lost all_consumed events produce_requests replica_fetch_requests consumer_fetch_requests brokers partitions" '
    BEGIN { n = split(keys, k, " ") }
    /\{/ { split("", v) }
    /^ *"[a-z_]+": / { key = $1; gsub(/[":]/, "", key); val = $0; sub(/^[^:]*: */, "", val); sub(/,$/, "", val); gsub(/"/, "", val); v[key] = val }
    /\}/ {
      line = ""
      for (i = 1; i <= n; i++) {
        if (!(k[i] in v)) { print "bench --json printed no " k[i] > "/dev/stderr"; exit 1 }
        line = line (i > 1 ? " " : "") v[k[i]]
      }
      print line
    }' "$work/$bench_name.json" >"$work/$bench_name" || die "cannot read $bench_name.json"
  [ -s "$work/$bench_name" ] || die "bench --json printed nothing for $bench_name"
}

# A field (see bench) of the line of WORKLOAD in $work/NAME.
field() {
  awk -v w="$2" -v i="$3" '$1 == w { print $i; found = 1; exit } END { exit !found }' "$work/$1" || die "no $2 in $1"
}

row_header() {
  echo "| workload | records | wall | simulated | records/s | events/s | events / record | sim s / wall s | peak RSS | B / retained record | lost |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
}
# Table rows from bench's fields.
rows() {
  awk '{ printf "| %s | %s | %.2f s | %.1f s | %.0f | %.0f | %.1f | %.0f | %.0f MiB | %.0f | %s%s |\n", $1, $2, $3, $4, $5, $6, $12 / $2, $7, $8, $9, $10, ($11 == "true") ? "" : " (not all consumed)" }' "$work/$1"
}

# QBENCHMARK results of a test's output, as "function[ row]<TAB>figure" lines (milliseconds, or
# instructions under -callgrind), plus what the tests report (qInfo) as "info:function[ row]".
qresults() {
  awk '
    /^RESULT : / { name = $0; sub(/^RESULT : [^:]*::/, "", name); sub(/\(\):/, " ", name); gsub(/"/, "", name); sub(/:$/, "", name); sub(/ +$/, "", name); next }
    name != "" && /per iteration/ { v = $1; gsub(",", "", v); print name "\t" v; name = ""; next }
    /^QINFO  : / { s = $0; sub(/^QINFO  : [^:]*::/, "", s); f = s; sub(/\).*$/, "", f); sub(/\(/, " ", f); sub(/ +$/, "", f); sub(/^[^)]*\) /, "", s); print "info:" f "\t" s }
    /^Config: Using QtTest library/ { v = $5; sub(/,$/, "", v); print "qt\t" v }
  ' "$work/$1" >"$work/$1.kv"
}

# Instruction profile (callgrind) of a command: total, instructions per record if RECORDS is
# not 0, and the heaviest functions matching FILTER (an awk regular expression), inclusive.
# Arguments: name, label, records, filter, toggle-collect pattern ("" for the whole run), command...
# (Qt programs run on the offscreen platform.)
# Leaves "function<TAB>percent" lines in $work/NAME.kv and the total as its "total".
profile() {
  prof_name=$1 prof_label=$2 prof_records=$3 prof_filter=$4 prof_collect=$5
  shift 5
  if [ -n "$prof_collect" ]; then
    run "$prof_name" env QT_QPA_PLATFORM=offscreen valgrind --tool=callgrind --callgrind-out-file="$work/$prof_name.out" --toggle-collect="$prof_collect" "$@"
  else
    run "$prof_name" env QT_QPA_PLATFORM=offscreen valgrind --tool=callgrind --callgrind-out-file="$work/$prof_name.out" "$@"
  fi
  annotate "$prof_name" "$work/$prof_name.out"
  print_profile "$prof_name" "$prof_label" "$prof_records" "$prof_filter"
}

annotate() {
  callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$2" >"$work/$1.annotate" || die "callgrind_annotate failed on $1"
  awk '
    /PROGRAM TOTALS/ { t = $1; gsub(",", "", t); print "total\t" t; next }
    /^ *[0-9,]+ +\( *[0-9.]+%\) / {
      n = $1; gsub(",", "", n)
      p = $0; sub(/^ *[0-9,]+ +\( */, "", p); pct = p; sub(/%\).*$/, "", pct)
      f = p; sub(/^[0-9.]+%\) +/, "", f); sub(/ \[[^]]*\]$/, "", f); sub(/^[^:]*:/, "", f)
      gsub(/\(anonymous namespace\)::/, "", f); sub(/\(.*$/, "", f)
      if (!(f in seen)) { seen[f] = 1; print f "\t" pct "\t" n }
    }' "$work/$1.annotate" >"$work/$1.kv"
}

print_profile() {
  prof_total=$(kv "$work/$1.kv" total)
  num "$prof_total" "$1 instructions"
  if [ "$3" = 0 ]; then
    echo "$2: $(commas "$prof_total") instructions"
  else
    echo "$2: $(commas "$prof_total") instructions, $(calc %.0f 't / r' -v t="$prof_total" -v r="$3") per record"
  fi
  awk -F'\t' -v re="$4" '$1 != "total" && $1 ~ re && $1 !~ /qt_static_metacall/ && shown < 12 {
      n = sprintf("%.0f", $3); s = ""
      while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
      printf "%15s %9s  %s\n", n s, "(" $2 "%)", $1; shown++ }' "$work/$1.kv"
  echo
}

# A function's inclusive share of a profile, in percent ("0" if it did not run).
share() {
  awk -F'\t' -v f="$2" '$1 == f { print $2; found = 1; exit } END { if (!found) print 0 }' "$work/$1.kv"
}

# Figures of a bench_long_run output, as "key<TAB>value" lines: the last 5-minute line before
# the seeks (world, beyond, held, kept, every, rss), the largest "beyond" over the run, the run
# (wall, simulated, actions), the seeks and the peak RSS.
longrun() {
  awk '
    function after(w,   i) { for (i = 1; i < NF; i++) if ($i == w) return $(i + 1); return "" }
    function before(w,   i) { for (i = 3; i <= NF; i++) if ($i == w) return $(i - 2); return "" }
    / t= *[0-9]+ s / && !seeking {
      world = after("world"); beyond = before("beyond"); held = before("held"); rss = after("RSS"); every = after("every")
      kept = after("held"); gsub(/[(,]/, "", kept)
      if (beyond + 0 > maxbeyond) maxbeyond = beyond + 0
      lines++
    }
    / explored / { wall = after("in"); sim = after("explored"); actions = after("wall;"); seeking = 1 }
    / seek anywhere / { p50 = after("p50"); p99 = after("p99"); max = after("max") }
    / seek to a snapshot / { r50 = after("p50"); rmax = after("max") }
    /^peak RSS / { peak = $3 }
    END {
      printf "world\t%s\nbeyond\t%s\nheld\t%s\nkept\t%s\nevery\t%s\nrss\t%s\nmaxbeyond\t%s\nwall\t%s\nsim\t%s\nactions\t%s\n", world, beyond, held, kept, every, rss, maxbeyond, wall, sim, actions
      printf "seek_p50\t%s\nseek_p99\t%s\nseek_max\t%s\nrestore_p50\t%s\nrestore_max\t%s\npeak\t%s\nlines\t%d\n", p50, p99, max, r50, rmax, peak, lines
    }' "$work/$1" | awk -F'\t' '$2 != ""' >"$work/$1.kv"
}

# Figures of a bench_long_run output: a row of the summary table, or stops if one is missing.
lr() {
  lr_v=$(kv "$work/$1.kv" "$2")
  num "$lr_v" "$2 of $1"
  echo "$lr_v"
}

{
  # ---------------------------------------------------------------------------------------
  echo "## Engine workloads (\`streamscope-cli bench\`)"
  echo
  echo "K1: Kafka, 3 brokers, 6 partitions, RF 3, min ISR 2, acks=all, 100-byte records, 10,000 keys, a 3-member group, run until everything is consumed. K2: K1 with broker 1 powered off halfway and restarted 5 s later. N1: Kinesis, 4 shards written just under their limits, a KCL application of 4 workers. S1: the same records into both. KT: K1 with a transactional producer (a transaction every 100 ms, Kafka Streams' exactly-once commit interval) and a read_committed group. Payloads are counted, not stored; each replica's copy is a retained record. Events per record is the engine's events over the records produced (\`bench --json\`); a workload's events are the same in every run, so only the wall-clock figures depend on the machine's load."
  echo
  row_header
  bench engine "--records" "$n" K1 K2 KT N1 S1
  rows engine
  echo
  echo "Peak RSS is the process's, so it only grows from one row to the next. S1 has no throughput target: at the Kinesis-limited rate (3,960 records/s) its Kafka side sends small batches (linger.ms=5 gives about 20 records each), so it processes several engine events per record. A transactional producer's requests to one broker arrive in the order sent (as on one connection), so KT never gets OUT_OF_ORDER_SEQUENCE_NUMBER retries, and the broker's sequence check stops at the previous epoch's records."
  echo
  echo "Profile note (\`perf record\`): N1 once spent 58% of its time finding a put's records by bisecting the shard's whole deque for every record. Those records are always among the newest; a put's records are now found by their position in the shard."
  echo
  k1_rps=$(field engine K1 5)
  k1_eps=$(field engine K1 6)
  n1_rps=$(field engine N1 5)
  echo "Targets (K1 and N1 at $(commas "$n") records; memory at the rows' record counts, the target being for 10^6 and 10^7 records):"
  echo
  missed=0
  verdict "K1 engine events/s" "$(calc %.0f x -v x="$k1_eps")" ">=" 10000000 "" || missed=1
  verdict "K1 records/s" "$(calc %.0f x -v x="$k1_rps")" ">=" 2000000 "" || missed=1
  verdict "N1 records/s" "$(calc %.0f x -v x="$n1_rps")" ">=" 2000000 "" || missed=1
  kafka_mem=0 kinesis_mem=0
  for w in K2 KT N1 S1; do # K1's are under "K1 as records grow"
    b=$(field engine "$w" 9)
    recs=$(field engine "$w" 2)
    if ! verdict "$w engine memory per retained record, $(commas "$recs") records" "$(calc %.0f x -v x="$b")" "<=" 32 " B"; then
      case $w in N1 | S1) kinesis_mem=1 ;; *) kafka_mem=1 ;; esac
    fi
  done
  echo
  if [ "$missed" = 1 ]; then
    echo "Where a rate is not met: the engine has no single hot spot to cut. Its instructions are spread over the protocol handlers (produce, append, replica fetch, consumer fetch; K1's profile under Profiles below gives this run's shares), so a rate target needs fewer events per record or less work in every handler. These rates also move with the other work on the machine's cores (the load average is at the top), while a workload's events do not."
    echo
  fi
  if [ "$kafka_mem" = 1 ]; then
    echo "Where a Kafka workload is over 32 bytes, the cause is the fixed costs (10,000 interned keys, the scheduler, the pools) carried over too few records: bytes per retained record fall as runs grow (see \"K1 as records grow\")."
    echo
  fi
  if [ "$kinesis_mem" = 1 ]; then
    echo "Where N1 or S1 is over 32 bytes, the cause is Kinesis's records: a 24-byte ledger entry (\`kinesis::RecordInfo\`), a 20-byte stored record per shard copy (\`StoredRecord\`: sequence counter, 48-bit arrival time, zones, durability, record id) and a delivery count per application, about 45 bytes per retained record before any fixed cost (S1 shares its figure with Kafka's smaller ones). Reaching 32 bytes needs the shard's stored records kept by column too (the arrival time follows from the sequence counter, and the counters of one put are consecutive)."
    echo
  fi

  # ---------------------------------------------------------------------------------------
  echo "### B1 and N2: a big cluster and a big stream"
  echo
  echo "B1: K1 on 100 brokers and 3,000 partitions (RF 3, min ISR 2, acks=all, 10,000 keys, the same 3-member group). N2: Kinesis, 1,000 shards written at 900,000 records/s (90% of their record limit), a KCL application of 50 workers. They run only when named (\`streamscope-cli bench B1 N2\`); CTest runs both with 20,000 records (\`cli_bench_smoke_b1\`, \`cli_bench_smoke_n2\`) and checks that everything was consumed and nothing acknowledged was lost."
  echo
  row_header
  bench big --records "$big" B1 N2
  rows big
  echo
  echo "Both ran in one process, so N2's peak RSS includes B1's."
  echo
  b1_rps=$(field big B1 5)
  n2_rps=$(field big N2 5)
  b1_recs=$(field big B1 2)
  b1_events=$(field big B1 12)
  b1_produce=$(field big B1 13)
  b1_replica=$(field big B1 14)
  b1_consumer=$(field big B1 15)
  echo "What B1's $(commas "$b1_recs") records cost in requests (\`streamscope-cli bench B1 --json\`). Each request and its response are four events (sent and arrived, twice); the other events are per record or per batch: the record's creation and acknowledgement, three appends (leader and two followers) and the high watermark's moves."
  echo
  echo "| requests | produce | replica fetch | consumer fetch |"
  echo "|---|---|---|---|"
  awk -v r="$b1_recs" -v p="$b1_produce" -v f="$b1_replica" -v c="$b1_consumer" 'BEGIN {
    printf "| count | %.0f | %.0f | %.0f |\n", p, f, c
    printf "| per record | %.3f | %.3f | %.3f |\n", p / r, f / r, c / r }'
  echo
  echo "| events from | events | per record | share of the events |"
  echo "|---|---|---|---|"
  awk -v r="$b1_recs" -v e="$b1_events" -v p="$b1_produce" -v f="$b1_replica" -v c="$b1_consumer" 'BEGIN {
    printf "| produce requests | %.0f | %.2f | %.1f%% |\n", 4 * p, 4 * p / r, 400 * p / e
    printf "| replica fetch requests | %.0f | %.2f | %.1f%% |\n", 4 * f, 4 * f / r, 400 * f / e
    printf "| consumer fetch requests | %.0f | %.2f | %.1f%% |\n", 4 * c, 4 * c / r, 400 * c / e
    o = e - 4 * (p + f + c)
    printf "| the rest (per record, per batch) | %.0f | %.2f | %.1f%% |\n", o, o / r, 100 * o / e
    printf "| all | %.0f | %.2f | 100%% |\n", e, e / r }'
  echo
  b1_epr=$(calc %.1f 'e / r' -v e="$b1_events" -v r="$b1_recs")
  k1_events=$(field engine K1 12)
  k1_recs=$(field engine K1 2)
  k1_epr=$(calc %.2f 'e / r' -v e="$k1_events" -v r="$k1_recs")
  echo "Every producer sends, per broker connection, one ProduceRequest carrying the first batch of every partition led there (the Java client's Sender and \`RecordAccumulator.drain\`), with \`max_in_flight_requests_per_connection\` counted per connection and one response per request. A group member has one Fetch request outstanding per leader broker, covering every partition it reads there, with an incremental fetch session (KIP-227) at the broker, so a request lists only the positions that changed and a response carries only partitions with records or an error, within \`max_partition_fetch_bytes\` per partition and \`fetch_max_bytes\` per response (docs/fidelity.md). A follower broker sends one Fetch request at a time to each leader broker, covering every partition the pair shares, in an incremental session too (within \`replica_fetch_max_bytes\` per partition and \`replica_fetch_response_max_bytes\` per response): an idle partition costs no fetch round trip, and a pair sharing many partitions carries their records in one response."
  echo
  echo "N2's put path: each stream keeps its open shards sorted by first hash key (one insertion or removal when a shard opens or closes), so a record's shard is found by bisection, and a put's stored records are found again for each zone's acknowledgement and the response by their position (counted from the shard's first record, so retention's trimming does not move it)."
  echo
  echo "Targets ($(commas "$big") records each):"
  echo
  if ! verdict "B1 records/s end to end" "$(calc %.0f x -v x="$b1_rps")" ">=" 1000000 ""; then
    echo "  Where B1 is below its target, the cause is replication, which batching the producer does not cut: a follower-leader pair of 100 brokers shares 0.6 partitions on average (3,000 partitions x 2 followers over 9,900 ordered pairs), so each appended batch costs each of its two followers a fetch round trip of its own, as in Kafka with \`replica.fetch.min.bytes=1\`, on top of the per-batch appends and high watermark moves. That is B1's $b1_epr events per record above, against K1's $k1_epr. At $b1_epr events per record and the $(commas "$k1_eps") events/s K1 ran at in this run, B1 cannot pass about $(commas "$(calc %.0f 'k / e' -v k="$k1_eps" -v e="$b1_epr")") records/s; 1,000,000 records/s at that event rate needs fewer than $(calc %.1f 'k / 1000000' -v k="$k1_eps") events per record."
  fi
  if ! verdict "N2 records/s end to end" "$(calc %.0f x -v x="$n2_rps")" ">=" 1000000 ""; then
    echo "  N2 has no cost known to keep it below its target; where it is not met, compare K1's rate in the same run for the machine's load, and N2's profile under Profiles below for where its instructions go."
  fi
  echo

  # ---------------------------------------------------------------------------------------
  echo "### K1 as records grow"
  echo
  row_header
  : >"$work/grow"
  for r in $grow; do
    bench "grow.$r" K1 --records "$r"
    cat "$work/grow.$r" >>"$work/grow"
  done
  rows grow
  echo
  echo "Each row is a process of its own, so its peak RSS is that run's (final report included)."
  echo
  echo "Targets:"
  echo
  i=0 kafka_mem=0
  for r in $grow; do
    i=$((i + 1))
    b=$(field "grow.$r" K1 9)
    rss=$(field "grow.$r" K1 8)
    case $i in
      2 | 3) verdict "K1 engine memory per retained record, $(commas "$r") records" "$(calc %.0f x -v x="$b")" "<=" 32 " B" || kafka_mem=1 ;;
      4) verdict "K1 with $(commas "$r") records, peak RSS" "$(calc %.0f x -v x="$rss")" "<=" 6144 " MiB" || kafka_mem=1 ;;
    esac
  done
  echo
  if [ "$kafka_mem" = 1 ]; then
    echo "Where these are not met, the cause is what a record costs (below) plus the fixed costs (10,000 interned keys, the scheduler, the pools), which weigh more per record in the smaller runs."
    echo
  fi
  echo "What a Kafka record costs (K1: RF 3, so three retained records per record produced):"
  echo
  echo "| what | bytes per record produced |"
  echo "|---|---|"
  echo "| ledger entry (creation and acknowledgement times, 48-bit microseconds, each sharing 8 bytes with the producer or the copy count; partition, key, sequence, size, transaction; flags and producer id generation) | 40 |"
  echo "| replica log entries: record id (4) and size (2) per replica, offsets and leader epochs as runs that end only at a gap or a new epoch; sizes of 64 KiB and more kept apart | 3 x 6 = 18 |"
  echo "| delivery count per consumer group | 1 |"
  echo "| total | 59, or 20 per retained record |"
  echo
  echo "The ledger lives in chunks of about 64 KiB, so it grows without copying (a doubling vector of 10^8 entries would briefly hold the old and the new array) and wastes at most one chunk; the log columns are deques for the same reason, and deleting a segment frees its memory. The leader's and followers' logs keep their own columns (a truncation or a divergent history changes only its own replica), which at 6 bytes an entry is cheaper than sharing batches by reference. The final report does not keep one latency per record: it counts records per distinct latency, which gives the same percentiles. Bytes per retained record fall as runs grow: the smaller runs carry the same fixed costs over fewer records."
  echo

  # ---------------------------------------------------------------------------------------
  echo "### K1 as the cluster grows (two partitions per broker, RF 3, $(commas "$sweep") records)"
  echo
  echo "| brokers | partitions x replicas | wall | records/s | events/s | events / record | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  : >"$work/brokers"
  for b in 3 9 27 100; do
    bench "brokers.$b" K1 --records "$sweep" --brokers "$b" --partitions $((b * 2))
    cat "$work/brokers.$b" >>"$work/brokers"
  done
  awk '{ printf "| %s | %d | %.2f s | %.0f | %.0f | %.1f | %.0f MiB |\n", $16, $17 * 3, $3, $5, $6, $12 / $2, $8 }' "$work/brokers"
  echo
  echo "### K1 as partitions grow (9 brokers, RF 3, $(commas "$sweep") records)"
  echo
  echo "| partitions | records per partition | wall | records/s | events/s | events / record | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  : >"$work/partitions"
  for p in 6 60 600 3000 10000; do
    bench "partitions.$p" K1 --records "$sweep" --brokers 9 --partitions "$p"
    cat "$work/partitions.$p" >>"$work/partitions"
  done
  awk '{ printf "| %s | %.0f | %.2f s | %.0f | %.0f | %.1f | %.0f MiB |\n", $17, $2 / $17, $3, $5, $6, $12 / $2, $8 }' "$work/partitions"
  echo
  echo "More brokers or partitions for the same records mean fewer records per partition, so smaller batches and more appends, replica fetches and high watermark moves per record: the events per record column is the engine's cost, and events/s how fast it goes through them."
  echo

  # ---------------------------------------------------------------------------------------
  echo "### K1 against librdkafka's mock cluster"
  echo
  echo "\`build/tests/bench/bench_rdkafka_mock N\` runs K1's workload against librdkafka's in-process mock cluster (Debian's librdkafka $(pkg-config --modversion rdkafka 2>/dev/null || echo '(version unknown)')): 3 brokers, a topic of 6 partitions created with RF 3, an idempotent producer with acks=all and linger.ms=5 writing N records of 100 bytes over 10,000 keys as fast as it can, three readers of two partitions each reading them back at the same time. The mock is a real Kafka protocol server on 127.0.0.1 that keeps one copy of each partition and replicates nothing; StreamScope simulates all three replicas, the ISR and the high watermark. The mock keeps only a few MB per partition and drops older records, so it is measured at record counts its readers can follow; K1 runs the same record count right after it."
  echo
  echo "| records | mock wall | mock records/s | K1 wall | K1 records/s | K1 / mock |"
  echo "|---|---|---|---|---|---|"
  : >"$work/mock"
  for r in $mocks; do
    run "mock.$r" "$benches/bench_rdkafka_mock" "$r"
    mock=$(awk '/^librdkafka-mock / { print $9, $11; found = 1 } END { exit !found }' "$work/mock.$r") || die "bench_rdkafka_mock printed no result"
    bench "mockk1.$r" K1 --records "$r"
    echo "$r $mock $(field "mockk1.$r" K1 3) $(field "mockk1.$r" K1 5)" >>"$work/mock"
  done
  awk '{ printf "| %s | %.2f s | %.0f | %.2f s | %.0f | %.1fx |\n", $1, $2, $3, $4, $5, $5 / $3 }' "$work/mock"
  echo
  echo "Target: K1 at least 30 times the mock's records/s, measured in the same run."
  echo
  missed=0
  while read -r r _ mr _ kr; do
    verdict "K1 / mock at $(commas "$r") records" "$(calc %.1f 'k / m' -v k="$kr" -v m="$mr")" ">=" 30 "x" || missed=1
  done <"$work/mock"
  echo
  if [ "$missed" = 1 ]; then
    echo "Where this is not met, the cause is K1's own rate, not the mock's: K1 is bounded by its events per record and the engine's events/s (see the engine table and K1's profile), about 2 to 3 million records/s on this machine, so 30 times the mock needs a mock below 100,000 records/s. The mock's wall is mostly fixed (the start of its clients: connections, metadata, the readers' first fetches; compare its wall at the two counts), so its records/s grows with the count it is measured at, and it cannot be measured at larger counts because it keeps only a few MB per partition."
    echo
  fi

  # ---------------------------------------------------------------------------------------
  echo "## Time travel and the canvas (QBENCHMARK)"
  echo
  run seek offscreen "$benches/bench_seek"
  qresults seek
  run canvas offscreen "$benches/bench_canvas"
  qresults canvas
  seek_any=$(kv "$work/seek.kv" seekAnywhere)
  frame_ms=$(kv "$work/canvas.kv" frame)
  inflight=$(kv "$work/canvas.kv" "info:initTestCase" | awk '{ print $(NF - 1); found = 1 } END { exit !found }') || die "bench_canvas printed no records in flight"
  echo "Set-up: \`bench_seek\` explored the first-look run: $(kv "$work/seek.kv" "info:initTestCase" | sed 's/^explored //'). \`bench_canvas\`'s small world at 10 s: $(kv "$work/canvas.kv" "info:initTestCase")."
  echo
  echo "| benchmark | what | ms per iteration |"
  echo "|---|---|---|"
  for f in seekAnywhere seekToTheWorstPlace; do
    v=$(kv "$work/seek.kv" "$f")
    case $f in
      seekAnywhere) what="a seek to a pseudo-random instant" ;;
      *) what="a seek to just before a snapshot (the longest replay)" ;;
    esac
    echo "| \`$f\` | $what | $v |"
  done
  for f in frame viewOnly layoutOnly flightsOnly paintOnly; do
    v=$(kv "$work/canvas.kv" "$f")
    case $f in
      frame) what="a whole frame: the view, layout, flights, paint" ;;
      viewOnly) what="rebuilding the world's view" ;;
      layoutOnly) what="the layout" ;;
      flightsOnly) what="the messages in flight" ;;
      *) what="painting" ;;
    esac
    echo "| \`$f\` | $what | $v |"
  done
  echo
  echo "Run them alone with \`ctest --test-dir build -C Benchmark -L benchmark --verbose\` (they are not part of the default test run)."
  echo
  echo "Seek: the scenario is the default first-look (Kafka and Kinesis side by side, 50 records/s each, 10 simulated minutes). A snapshot copies the world's small parts, shares the unchanged 64 KiB chunks of its shard records and delivery counts with the snapshot before it, and shares the record ledgers' and replica log columns' chunks copy-on-write with the live World and every other snapshot (see Long runs below); snapshots are spaced by that work (a simulated second per MiB copied or per 8 MiB compared) and kept under a 1 GiB budget by thinning. A seek restores the nearest snapshot before the target and replays at most one spacing."
  echo
  echo "Canvas: 9 brokers, 64 partitions, RF 3, 12,000 records/s on a 250-350 ms network (consumers fetch per broker, so the records in flight travel in about a hundred messages). Cuts, each found with callgrind: trails as short comet tails, not lines back to the sender; cells drawn with one drawRects call per kind on an opaque strip background; cells above the high watermark filled pale and hatched instead of outlined, since stroking thousands of small rectangles was 45% of the frame's instructions; message dots drawn once per look into a small image and then copied, since every antialiased ellipse cost about 80,000 instructions. SVG export still draws real ellipses."
  echo
  echo "Targets:"
  echo
  verdict "seek anywhere in a 10-minute run" "$seek_any" "<=" 100 " ms" || echo "  Where this is not met, the cause is the replay: a seek restores the nearest snapshot before the target and replays up to one snapshot spacing (the spacing is in bench_seek's line above)."
  verdict "canvas frame with $(commas "$inflight") records in flight" "$frame_ms" "<=" 8 " ms" || echo "  Where this is not met, the cause is painting, almost the whole of the frame's cost (the rows above); the paintCanvas profile under Profiles below shows which painting."
  echo
  echo "Since the canvas reads the world through the model's view (\`model/view/\`), \`frame\` also rebuilds the view, as the controller does once per frame. Instructions per frame under callgrind (\`bench_canvas -callgrind frame viewOnly\`):"
  echo
  run canvas_cg in_dir "$work" env QT_QPA_PLATFORM=offscreen "$benches/bench_canvas" -callgrind frame viewOnly
  qresults canvas_cg
  echo "| benchmark | instructions per iteration |"
  echo "|---|---|"
  for f in frame viewOnly; do
    v=$(kv "$work/canvas_cg.kv" "$f")
    echo "| \`$f\` | $(commas "$v") |"
  done
  echo
  echo "Logs and shard records are referenced from the view, not copied; a node-to-broker table built once per view saves a search per message end."
  echo

  # ---------------------------------------------------------------------------------------
  echo "### Big worlds at each level of detail (\`bigWorld\`, \`bigWorldLayout\`, \`bigWorldView\`)"
  echo
  echo "B1 (100 brokers, 3,000 partitions, RF 3, 30,000 records/s, broker 7 powered off at 2 s, 4 s in) and N2 (1,000 shards at 900,000 records/s offered, 50 KCL workers, 2 s in), a 1600x900 frame with the screen at the middle of the scene. \`bigWorld\` is the canvas's part of a frame (layout, flights, paint), \`bigWorldLayout\` the layout alone, \`bigWorldView\` the world's view that every reader rebuilds once per frame; a frame is the canvas's part and the view. Only what is on screen is laid out and painted; before the levels of detail a B1 frame laid out and painted 9,000 strips of a fraction of a pixel each, and N2 1,000 lanes of under a pixel."
  echo
  echo "| case | laid out | bigWorld | bigWorldLayout | bigWorldView | frame |"
  echo "|---|---|---|---|---|---|"
  b1_missed=0
  for c in "B1 summary 1x" "B1 replicas 2x" "B1 strips 8x" "N2 key space 1x" "N2 lanes 8x"; do
    w=${c%% *}
    laid=$(kv "$work/canvas.kv" "info:bigWorld $c" | awk '{
      n = split($0, part, ", "); s = ""
      for (i = 1; i <= n; i++) if (part[i] !~ /^0 /) s = s (s == "" ? "" : ", ") part[i]
      print s }')
    [ -n "$laid" ] || die "bench_canvas printed no layout for $c"
    whole=$(kv "$work/canvas.kv" "bigWorld $c")
    layout=$(kv "$work/canvas.kv" "bigWorldLayout $c")
    view=$(kv "$work/canvas.kv" "bigWorldView $w")
    echo "| $c | $laid | $whole ms | $layout ms | $view ms | $(calc %.1f 'a + b' -v a="$whole" -v b="$view") ms |"
  done
  echo
  echo "Target: a B1 picture at 1600x900 within 8 ms a frame (the view and the canvas's part):"
  echo
  for c in "B1 summary 1x" "B1 replicas 2x" "B1 strips 8x"; do
    whole=$(kv "$work/canvas.kv" "bigWorld $c")
    view=$(kv "$work/canvas.kv" "bigWorldView B1")
    verdict "B1 frame, $c" "$(calc %.1f 'a + b' -v a="$whole" -v b="$view")" "<=" 8 " ms" || b1_missed=1
  done
  echo
  if [ "$b1_missed" = 1 ]; then
    whole=$(kv "$work/canvas.kv" "bigWorld B1 summary 1x")
    layout=$(kv "$work/canvas.kv" "bigWorldLayout B1 summary 1x")
    echo "Where this is not met, the cause is what the two parts add up to. The view's rebuild (\`bigWorldView\`), most of it \`collectFlightViews\` walking the whole event queue, timers included, to find the messages in flight; an index of in-flight messages kept by the engine would cut it. In the canvas's part, painting: the flow lines ( the raster engine draws an opaque aliased line at 30 to 50 ns a pixel, so they are held to 120 lines and 36,000 pixels), the 3,000 partition pixels (whole-pixel rectangles) and the labels; then the layout ($(calc %.0f '100 * l / w' -v l="$layout" -v w="$whole")% of the canvas's part at 1x in this run). B1's frame profile under Profiles below gives the shares in instructions. What is already cut: texts are measured, cut and laid out once and remembered across frames (\`ui/canvas/text_cache.h\`; shaping them again was half of the layout); a broker's bytes in over the last second are read from its meter of produce appends (\`engine/core/rate_meter.h\`, like Kafka's BytesInPerSec) instead of the tails of 3,000 leader logs; flow lines are opaque, faded toward the background and doubled only for the busiest pairs; tiles are plain aliased fills and frames; a tile's numbers are laid out only where a form fits whole; the view reads clients' waits from deadlines kept on batches, members and fetch sessions instead of walking the event queue."
    echo
  fi

  # ---------------------------------------------------------------------------------------
  echo "## Long runs and the memory budget (bench_long_run)"
  echo
  echo "\`build/tests/bench/bench_long_run app $long\`: the side-by-side scenario (2,000 records/s into both systems) run for $(commas "$long") simulated seconds through the time-travel history as the app runs it (1 GiB snapshot budget, metrics sampled every 250 ms), then 20 seeks to random instants and 10 to the snapshots' own instants (the restore alone). \`bench_long_run s1 $long\`: S1 at 10,000 records/s into both systems (K1's cluster with retention.ms 15 minutes; a stream of 12 shards, since 10,000 records/s is over four shards' write limit), the same seeks. One line per simulated 5 minutes; \"world\" and \"snapshots\" are the estimates the budget uses (they count allocated capacity, so they run ahead of what is resident), RSS is the process's."
  echo
  echo "The record ledgers (\`ChunkedVector\`, 40 and 24 bytes a record) and the replica logs' per-entry columns (6 bytes an entry) share their chunks copy-on-write (\`engine/core/chunked_vector.h\`): a snapshot is a World copy that shares every ledger and log chunk with the live World and with the other snapshots, and only the chunks the live World writes afterwards (the newest one of each table, the entries acknowledged or replicated since) are cloned. The history counts each chunk once by identity, and the snapshot budget and the memory bar count what the snapshots hold beyond the live World (\"beyond it\"; \"held\" counts the chunks the live World shares too). Shard records and delivery counts are \`SharedChunks\` (shared between snapshots, copied once from the live World)."
  echo
  run long_app "$benches/bench_long_run" app "$long"
  longrun long_app
  run long_s1 "$benches/bench_long_run" s1 "$long"
  longrun long_s1
  echo "| figure | app, $(commas "$long") s | S1, $(commas "$long") s |"
  echo "|---|---|---|"
  for k in wall world beyond maxbeyond held kept every rss seek_p50 seek_max restore_p50 restore_max peak; do
    a=$(lr long_app "$k")
    s=$(lr long_s1 "$k")
    case $k in
      wall) echo "| the run (wall) | $a s | $s s |" ;;
      world) echo "| world estimate at the end | $a MiB | $s MiB |" ;;
      beyond) echo "| snapshots beyond the world at the end | $a MiB | $s MiB |" ;;
      maxbeyond) echo "| snapshots beyond the world, largest over the run | $a MiB | $s MiB |" ;;
      held) echo "| snapshots held at the end | $a MiB | $s MiB |" ;;
      kept) echo "| snapshots kept at the end | $a | $s |" ;;
      every) echo "| snapshot spacing at the end | $a s | $s s |" ;;
      rss) echo "| RSS at the end of the run | $a MiB | $s MiB |" ;;
      seek_p50) echo "| seek anywhere (20), p50 | $a ms | $s ms |" ;;
      seek_max) echo "| seek anywhere (20), max | $a ms | $s ms |" ;;
      restore_p50) echo "| seek to a snapshot (restore only, 10), p50 | $a ms | $s ms |" ;;
      restore_max) echo "| seek to a snapshot (restore only, 10), max | $a ms | $s ms |" ;;
      peak) echo "| peak RSS, seeks included | $a MiB | $s MiB |" ;;
    esac
  done
  echo
  echo "The outputs (each run's last line comes after its seeks, at the last instant sought):"
  echo
  echo '```'
  cat "$work/long_app" "$work/long_s1"
  echo '```'
  echo
  echo "Targets (S1's for an hour at 10,000 records/s, the app's for an hour at 2,000 records/s; measured here over $(commas "$long") simulated seconds):"
  echo
  s1_wall=$(lr long_s1 wall)
  verdict "S1, $(commas "$long") simulated s through the history, wall" "$s1_wall" "<" 60 " s" || {
    s1_rate=$(field engine S1 5)
    echo "  Where this is not met, the cause is the engine's rate and the snapshots: S1 ran at $(commas "$s1_rate") records/s in the engine table above, which alone puts this run's $(commas "$(calc %.0f '10000 * l' -v l="$long")") records at $(calc %.0f '10000 * l / r' -v l="$long" -v r="$s1_rate") s; the rest of the run's wall time is the history's snapshots, and a longer run with a bigger world is also slower per record once its memory no longer fits in the caches."
  }
  s1_missed=0
  verdict "S1 seek anywhere, max" "$(lr long_s1 seek_max)" "<=" 100 " ms" || s1_missed=1
  verdict "app seek anywhere, max" "$(lr long_app seek_max)" "<=" 100 " ms" || s1_missed=1
  if [ "$s1_missed" = 1 ]; then
    echo "  Where these are not met, the cause is that a seek restores the nearest snapshot before the target and replays up to one snapshot spacing (the spacing at the end is in the table: the history widens it as it thins its snapshots to stay within the budget), and a restore copies the shard records and delivery counts of the snapshot (the restore-only rows). The spacing also counts the ledger and log chunks appended since the previous snapshot as copied, although they are the live World's own."
  fi
  verdict "S1 snapshots beyond the world, largest over the run" "$(lr long_s1 maxbeyond)" "<=" 1024 " MiB" ||
    echo "  Where this is not met: the history thins its snapshots to keep within the budget only as long as thinning frees memory; past that, what is over is the world's own tables, which the app's memory budget deals with."
  app_peak=$(lr long_app peak)
  verdict "app, $(commas "$long") simulated s at 2,000 records/s, peak RSS (seeks included)" "$app_peak" "<=" 2048 " MiB" ||
    echo "  Where this is not met, the cause is the history's snapshots: the world estimate is $(lr long_app world) MiB at the end of the run and the snapshots hold $(lr long_app beyond) MiB beyond it, up to the 1 GiB budget; each snapshot costs about 10 MiB beyond the live World, mostly its copy of the event queue (64-byte entries, about 121,000 of them after 5 minutes), the rest the newest chunk of each ledger and log column, which the live World clones after it, and the changed shard-record and delivery-count chunks. Not done, and what would cut it: the shard records and delivery counts as copy-on-write chunks too (which would make a restore a pointer copy), the event queue in shareable chunks or rebuilt from the state, and snapshot spacing by what is copied."
  echo

  # ---------------------------------------------------------------------------------------
  echo "## A classroom of $students (bench_classroom)"
  echo
  echo "\`build/tests/bench/bench_classroom $students $rounds\` (\`bench_classroom 100 100\` is also \`ctest -C Benchmark -L benchmark\`): a teacher in the benchmark's process hosts lesson 01 on 127.0.0.1, $students students join as separate \`streamscope-cli classroom join\` processes (in waves of 20), and the teacher acts $rounds times, 100 ms apart (ten commands a second, as while playing). A round lasts from the teacher's command until every student's status shows it applied: the command's trip, the student following it (for \"run on 100 ms\", simulating those 100 ms and checking the event hash) and the status's trip back, so it bounds the follow latency from above. The teacher's CPU is its process's user and system time over the rounds' wall time. All $((students + 1)) processes share this machine's $(nproc) cores, so each \"run on 100 ms\" round also waits for $students students' simulations."
  echo
  run classroom "$benches/bench_classroom" "$students" "$rounds"
  awk '
    function after(w,   i) { for (i = 1; i < NF; i++) if ($i == w) return $(i + 1); return "" }
    / follow latency / {
      kind = $0; sub(/,.*$/, "", kind)
      p50 = after("p50"); p99 = after("p99"); max = after("max"); cpu = after("="); sub(/%$/, "", cpu)
      gsub(/,/, "", p50); gsub(/,/, "", p99); gsub(/;/, "", max)
      print kind "\t" p50 "\t" p99 "\t" max "\t" cpu
    }' "$work/classroom" >"$work/classroom.rows"
  [ "$(wc -l <"$work/classroom.rows")" -eq 2 ] || die "bench_classroom printed no results"
  echo "| rounds | p50 | p99 | max | teacher CPU |"
  echo "|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s ms | %s ms | %s ms | %s%% of a core |\n", $1, $2, $3, $4, $5 }' "$work/classroom.rows"
  echo
  echo "Targets (set for 100 students):"
  echo
  missed=0
  while IFS="$tab" read -r kind _ p99 _ cpu; do
    verdict "$kind, $students students, p99" "$p99" "<=" 100 " ms" || missed=1
    verdict "$kind, teacher CPU" "$cpu" "<=" 10 "% of a core" || missed=1
  done <"$work/classroom.rows"
  echo
  if [ "$missed" = 1 ]; then
    echo "Where these are not met: the teacher and every student share the machine's cores with whatever else runs on it (the load average is at the top), so a round waits for every student's process to be scheduled and, in \"run on 100 ms\", to simulate."
    echo
  fi
  echo "Two things make these figures: a student reports its place at most 20 times a second (the latest place, sent when the interval ends), so 100 students stay inside the host's budget of 50 messages a second each; and the command-line student sleeps in its event loop instead of polling it (polling, 100 students kept both cores busy)."
  echo

  # ---------------------------------------------------------------------------------------
  echo "## Launch to first frame"
  echo
  if command -v xvfb-run >/dev/null; then platform="in xvfb-run, 1600x900"; else platform="on Qt's offscreen platform (no X server here)"; fi
  echo "\`streamscope --measure-startup\`, three times, $platform:"
  echo
  : >"$work/startup"
  for i in 1 2 3; do
    run "startup.$i" gui "$app" --measure-startup
    cat "$work/startup.$i" >>"$work/startup"
  done
  echo '```'
  cat "$work/startup"
  echo '```'
  echo
  slowest=$(awk '/^first frame after / { if ($4 + 0 > m) m = $4 + 0; found = 1 } END { if (!found) exit 1; print m }' "$work/startup") || die "no first frame measured"
  verdict "launch to first frame, slowest of three" "$slowest" "<=" 1000 " ms" ||
    echo "Where this is not met, the time is spent before the first paint (loading the scenario, building the window); the machine's load at the top moves it."
  echo

  echo "## Frame rate and idle cost"
  echo
  echo "\`streamscope --measure-fps $fps\`: the default first-look scenario played for $fps s at 1×, then paused for $fps s, $platform."
  echo
  run fps gui "$app" --measure-fps "$fps"
  echo '```'
  grep -E '^(playing|paused):' "$work/fps" || die "--measure-fps printed nothing"
  echo '```'
  echo
  playing=$(awk '/^playing:/ { print $2; found = 1 } END { exit !found }' "$work/fps") || die "no playing frame rate"
  paused=$(awk '/^paused:/ { for (i = 1; i < NF; i++) if ($i == "CPU") { v = $(i + 1); sub(/%$/, "", v); print v; found = 1 } } END { exit !found }' "$work/fps") || die "no paused CPU"
  verdict "frames/s at 1x, default scenario" "$playing" ">=" 60 "" ||
    echo "  Where this is not met, the display timer did not get its frames: each frame rebuilds the view and paints it on the GUI thread, so a frame late by the load on the machine's cores is a frame missed."
  verdict "CPU while paused" "$paused" "<" 2 "% of a core" ||
    echo "  Where this is not met, something still runs while paused: the display timer is meant to stop when paused."
  echo
  echo "The display timer stops when paused, so nothing runs."
  echo

  # ---------------------------------------------------------------------------------------
  echo "## Profiles (callgrind)"
  echo
  echo "Instructions counted by \`valgrind --tool=callgrind\` (stable on a busy machine, unlike wall time). Inclusive counts of the heaviest functions:"
  echo
  echo '```'
  profile prof_k1 "K1, $(commas "$prof_k1") records (whole run)" "$prof_k1" '^streamscope::engine' "" "$cli" bench K1 --records "$prof_k1"
  profile prof_b1 "B1, $(commas "$prof_b1") records (whole run)" "$prof_b1" '^streamscope::engine' "" "$cli" bench B1 --records "$prof_b1"
  profile prof_n2 "N2, $(commas "$prof_n2") records (whole run)" "$prof_n2" '^streamscope::engine' "" "$cli" bench N2 --records "$prof_n2"
  # The B1 frame: QTest's callgrind child mode dumps the counts of each QBENCHMARK block,
  # the last one being the block QTest reports (the first pass warms up fonts and caches).
  mkdir "$work/frame"
  run prof_frame in_dir "$work/frame" env QT_QPA_PLATFORM=offscreen valgrind --tool=callgrind "$benches/bench_canvas" -callgrindchild "bigWorld:B1 summary 1x"
  last=$(for f in "$work/frame"/callgrind.out.*.*; do echo "${f##*.} $f"; done | sort -n | tail -n 1 | cut -d' ' -f2)
  [ -f "$last" ] || die "callgrind left no dump of the B1 frame"
  annotate prof_frame "$last"
  print_profile prof_frame "canvas, one B1 frame at 1x (bigWorld, the view excluded)" 0 '^(streamscope::ui|QPainter::|QRasterPaintEngine::draw|QTextEngine::shape$|QFontMetricsF::)'
  profile prof_paint "canvas, paintCanvas in \`bench_canvas paintOnly -iterations 2\`" 0 '^(streamscope::ui|QPainter::|QRasterPaintEngine::)' 'streamscope::ui::paintCanvas*' \
    "$benches/bench_canvas" paintOnly -iterations 2
  echo '```'
  echo
  k_small=$(run instr_small valgrind --tool=callgrind --callgrind-out-file="$work/instr_small.out" "$cli" bench K1 --records "$instr_small" && annotate instr_small "$work/instr_small.out" && kv "$work/instr_small.kv" total)
  k_big=$(run instr_big valgrind --tool=callgrind --callgrind-out-file="$work/instr_big.out" "$cli" bench K1 --records "$instr_big" && annotate instr_big "$work/instr_big.out" && kv "$work/instr_big.kv" total)
  num "$k_small" "K1 instructions"
  num "$k_big" "K1 instructions"
  echo "K1 in instructions: $(commas "$k_small") for $(commas "$instr_small") records, $(commas "$k_big") for $(commas "$instr_big") ($(calc %.1f 'b / a' -v a="$k_small" -v b="$k_big") times). The engine's work grows linearly with records once the fixed costs are amortised; where the wall time of the bigger run grows faster (\"K1 as records grow\"), it is because its memory no longer fits in the caches."
  echo
  heavy=$(awk -F'\t' '$1 ~ /^streamscope::engine::kafka::on[A-Z]/ { sub(/^streamscope::engine::kafka::/, "", $1); print $1 " " $2; found = 1; exit } END { exit !found }' "$work/prof_k1.kv") || die "no Kafka handler in K1's profile"
  echo "The engine has no single hot spot: its instructions are spread over the protocol handlers (produce, append, replica fetch, consumer fetch); in K1's profile above the heaviest handler, \`${heavy% *}\`, is ${heavy#* }% inclusive. Building the world (interning 10,000 keys, reserving the record table) is a fixed cost that the 1,000,000-record runs amortise."
  echo
  echo "In B1's frame, the layout (\`CanvasGeometry::build\`) is $(share prof_frame 'streamscope::ui::CanvasGeometry::build')% of the instructions and painting (\`paintCanvas\`) $(share prof_frame 'streamscope::ui::paintCanvas')%; shaping text (\`QTextEngine::shape\`, for measuring labels and drawing them) is $(share prof_frame 'QTextEngine::shape')% across both. In the small world's paint, what is left is filling thousands of cells (drawRects), the comet tails (drawLines) and the rounded boxes; no ellipse is drawn."
  echo
  echo "Engine memory: finished producer batches go back to their pool once no request, response or purgatory entry names them, so the pool holds about as many slots as there are batches in use, not one per batch ever sent."
} >"$work/body"

# The page: what ran where, the verdicts, then the sections.
{
  qt=$(kv "$work/canvas.kv" qt)
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null | head -n 1)
  compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null | head -n 1)
  compiler_version=$("${compiler:-c++}" --version 2>/dev/null | head -n 1 || true)
  flags=$(sed -n "s/^CMAKE_CXX_FLAGS_$(echo "${build_type:-none}" | tr '[:lower:]' '[:upper:]'):[A-Z]*=//p" "$build/CMakeCache.txt" 2>/dev/null | head -n 1)
  os=$(sed -n 's/^PRETTY_NAME="*\([^"]*\)"*$/\1/p' /etc/os-release 2>/dev/null || true)
  [ -r /etc/debian_version ] && os="$os (Debian $(cat /etc/debian_version))"
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  minutes=$(( ($(date +%s) - started + 30) / 60 ))
  echo "# Benchmarks"
  echo
  echo "Generated by \`docs/make-benchmarks.sh\` on $(date -u +%Y-%m-%d) in $minutes minutes."
  echo
  if [ "$quick" = 1 ]; then
    echo "**A quick check, not a measurement** (\`STREAMSCOPE_BENCH_QUICK=1\`): every record count, simulated duration and iteration count was cut to a fraction of the full run's (each section says what ran), so the figures only show that every benchmark runs and is read; the verdicts compare these small runs with targets set for full-size ones. Run \`docs/make-benchmarks.sh\` without it for the page."
    echo
  fi
  echo "The machine: $(nproc) cores ($cpu), $mem of memory; load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end. Wall-clock figures move with the machine's load; instruction and event counts do not. $os; compiled by ${compiler_version:-an unknown compiler}; Qt $qt; ${build_type:-unknown} build${flags:+ ($flags)}."
  echo
  echo "## Targets"
  echo
  echo "Each verdict is computed from this run's figures; the sections below give the figures, and for a target not met, the cause."
  echo
  cat "$work/verdicts"
  echo
  cat "$work/body"
} >"$out.tmp"
mv "$out.tmp" "$out"
finished=1
echo "make-benchmarks: wrote $out in $(( $(date +%s) - started )) s; seconds per step:" >&2
awk '{ printf "  %-20s %5d\n", $1, $2 }' "$work/times" >&2

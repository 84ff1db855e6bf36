#!/usr/bin/env bash
# Mail throughput through a real Postfix on loopback, with and without Chaperone, and with
# MIMEDefang (footer + PII regexes) as the peer to compare with. Prints figures; asserts
# nothing (a benchmark, not a test).
#
#   sudo tests/bench/mta_bench.sh [-n 3000] [-s 10] [-r 3] [-w 300]
#                                 [--modes none,unix,inet,mimedefang] [--msg FILE]
#
# Each run: a fresh private Postfix (contrib/sandbox/postfix-sandbox.sh), an smtp-sink that
# exits after warm-up + N messages, smtp-source with S parallel sessions sending the same
# ~8 KB message (external recipients, no parent among them: every message is scanned against
# a 2,000-pupil roster (make_roster.sh) and footed; nothing is archived). The clock runs
# from the end of the warm-up until the sink has received all N. Modes run interleaved
# (none, unix, inet, mimedefang, none, ...) so drift of the machine hits all alike; the
# median of R runs is reported. CPU: the whole machine from /proc/stat, the milter's own
# process (tree) from /proc/PID/stat.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/build/bin
base=${CHAPERONE_BENCH_DIR:-/tmp/chaperone-bench}
n=3000; sessions=10; runs=3; warm=300; modes=none,unix,inet,mimedefang
msg=$top/tests/bench/messages/clean-8k.eml
while [ $# -gt 0 ]; do
    case $1 in
        -n) n=$2; shift 2 ;;
        -s) sessions=$2; shift 2 ;;
        -r) runs=$2; shift 2 ;;
        -w) warm=$2; shift 2 ;;
        --modes) modes=$2; shift 2 ;;
        --msg) msg=$(readlink -f "$2"); shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "mta_bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "mta_bench.sh: run as root (Postfix)" >&2; exit 2; }
[ -x "$bin/chaperone-milter" ] || { echo "mta_bench.sh: build first (cmake --build build)" >&2; exit 2; }
IFS=, read -r -a mode_list <<< "$modes"
hz=$(getconf CLK_TCK)
mkdir -p "$base"
results=$base/results.tsv
: > "$results"
"$top/tests/bench/make_roster.sh" "$base/roster" 2000   # 2,000 pupils, 3,500 contacts

free_port() {
    local p
    while :; do
        # Below Linux's ephemeral range (32768-60999), where outgoing connections take
        # their local ports and a listener could find its port taken.
        p=$((20000 + RANDOM % 12000))
        (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || { echo "$p"; return; }
    done
}
machine_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }  # user nice system irq softirq steal
tree_ticks() {  # CPU ticks of the given PIDs and all their descendants (incl. reaped children)
    local total=0 pid
    for pid in $(for root in "$@"; do echo "$root"; pgrep -P "$root" || true; done | sort -u); do
        [ -r "/proc/$pid/stat" ] || continue
        total=$((total + $(awk '{print $14+$15+$16+$17}' "/proc/$pid/stat")))
    done
    echo "$total"
}

pids=()
stop_all() {
    [ -n "${run_dir:-}" ] && "$top/contrib/sandbox/postfix-sandbox.sh" stop "$run_dir/postfix" > /dev/null 2>&1 || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    pids=()
}
trap stop_all EXIT INT TERM

start_chaperone() {  # unix|inet -> sets milter_spec, milter_pids
    local kind=$1 conf=$run_dir/chaperone.toml port
    mkdir -p "$run_dir/milter"
    {
        echo "[school]"; echo 'internal_domains = ["school.example"]'
        echo "[storage]"; echo "dir = \"$run_dir/store\""
        echo "[milter]"; echo 'log_level = "warning"'
        if [ "$kind" = unix ]; then
            echo "socket = \"unix:$run_dir/milter/milter.sock\""; echo 'socket_mode = "0666"'
        else
            port=$(free_port); echo "socket = \"inet:$port@127.0.0.1\""
        fi
    } > "$conf"
    # A store with keys and a school-sized roster, so every message is scanned as in production.
    "$bin/chaperone" keys init --config "$conf" > /dev/null
    "$bin/chaperone" roster import --config "$conf" --students "$base/roster/students.csv" \
        --contacts "$base/roster/contacts.csv" --staff "$base/roster/staff.csv" > /dev/null
    "$bin/chaperone-milter" --config "$conf" > "$run_dir/milter.log" 2>&1 &
    pids+=($!); milter_pids=$!
    if [ "$kind" = unix ]; then
        milter_spec="unix:$run_dir/milter/milter.sock"
        for _ in $(seq 100); do [ -S "$run_dir/milter/milter.sock" ] && break; sleep 0.05; done
    else
        milter_spec="inet:127.0.0.1:$port"
        for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.05; done
    fi
}

start_mimedefang() {
    local spool=$run_dir/md port
    port=$(free_port)
    install -d -o defang -g defang -m 750 "$spool"
    # Debian's defaults for workers (-m 2 -x 10), embedded Perl (-E) and request queueing
    # (-q/-Q; without it mimedefang answers 451 at MAIL FROM whenever all workers are busy).
    ( cd "$spool" && HOME=$spool exec mimedefang-multiplexor -D -U defang -z "$spool" \
        -s "$spool/mimedefang-multiplexor.sock" -F "$top/tests/bench/mimedefang/mimedefang-filter" \
        -m 2 -x 10 -r 500 -b 600 -q 128 -Q 60 -E ) > "$run_dir/md-multiplexor.log" 2>&1 &
    pids+=($!); milter_pids=$!
    for _ in $(seq 100); do [ -S "$spool/mimedefang-multiplexor.sock" ] && break; sleep 0.05; done
    ( cd "$spool" && exec mimedefang -D -q -U defang -z "$spool" -m "$spool/mimedefang-multiplexor.sock" \
        -p "inet:$port@127.0.0.1" ) > "$run_dir/md.log" 2>&1 &
    pids+=($!); milter_pids="$milter_pids $!"
    milter_spec="inet:127.0.0.1:$port"
    for _ in $(seq 400); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.05; done
}

sent_count() { grep -c ' status=sent ' "$run_dir/postfix/log/postfix.log" 2>/dev/null || true; }

run_once() {  # mode rep
    local mode=$1 rep=$2 smtpd_port sink_port t0 t1 busy0 busy1 m0 m1 sink_pid
    run_dir=$base/run-$mode-$rep
    rm -rf "$run_dir"; mkdir -p "$run_dir"
    smtpd_port=$(free_port); sink_port=$(free_port)
    /usr/sbin/smtp-sink -u postfix -M $((warm + n)) 127.0.0.1:"$sink_port" 256 > "$run_dir/sink.log" 2>&1 &
    sink_pid=$!; pids+=($sink_pid)
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$sink_port") 2>/dev/null && break; sleep 0.05; done
    milter_spec=""; milter_pids=""
    case $mode in
        none) ;;
        unix|inet) start_chaperone "$mode" ;;
        mimedefang) start_mimedefang ;;
    esac
    fail() {  # reason: records the run as failed and cleans up; the other runs go on
        echo "run $mode/$rep FAILED: $1 (see $run_dir)" >&2
        printf '%s\t%s\tFAIL\n' "$mode" "$rep" >> "$results"
        stop_all
    }
    kill -0 "$sink_pid" 2>/dev/null || { fail "smtp-sink did not start"; return; }
    if [ -n "$milter_spec" ] && [ "${milter_spec#inet:}" != "$milter_spec" ] &&
       ! (exec 3<>/dev/tcp/127.0.0.1/"${milter_spec##*:}") 2>/dev/null; then
        fail "the $mode milter is not listening"; return
    fi
    if ! "$top/contrib/sandbox/postfix-sandbox.sh" start "$run_dir/postfix" --smtpd-port "$smtpd_port" \
        --sink-port "$sink_port" --milter "$milter_spec" --lifetime 900 \
        --set in_flow_delay=0 --set smtpd_client_connection_count_limit=0 > /dev/null; then
        fail "Postfix did not start"; return
    fi
    local source=(/usr/sbin/smtp-source -s "$sessions" -M client.school.example -f j.bloggs@school.example
                  -t parent@parents.example -F "$msg")
    if ! "${source[@]}" -m "$warm" 127.0.0.1:"$smtpd_port" > "$run_dir/warmup.log" 2>&1; then
        fail "warm-up refused"; return
    fi
    for _ in $(seq 600); do [ "$(sent_count)" -ge "$warm" ] && break; sleep 0.1; done
    # The clock stops when the sink exits after its last message: it must still be there.
    kill -0 "$sink_pid" 2>/dev/null || { fail "smtp-sink exited during the warm-up"; return; }
    busy0=$(machine_busy); m0=0; [ -n "$milter_pids" ] && m0=$(tree_ticks $milter_pids)
    t0=$(date +%s.%N)
    "${source[@]}" -m "$n" 127.0.0.1:"$smtpd_port" > "$run_dir/source.log" 2>&1 &
    local source_pid=$!
    local waited=0
    while kill -0 "$sink_pid" 2>/dev/null && [ $waited -lt 3000 ]; do sleep 0.02; waited=$((waited + 1)); done
    t1=$(date +%s.%N)
    busy1=$(machine_busy); m1=0; [ -n "$milter_pids" ] && m1=$(tree_ticks $milter_pids)
    wait "$source_pid" 2>/dev/null || true
    if kill -0 "$sink_pid" 2>/dev/null; then
        fail "the sink did not get $((warm + n)) messages in 60 s"; return
    fi
    awk -v m="$mode" -v r="$rep" -v n="$n" -v t0="$t0" -v t1="$t1" -v b0="$busy0" -v b1="$busy1" \
        -v m0="$m0" -v m1="$m1" -v hz="$hz" 'BEGIN {
        s = t1 - t0; rate = n / s
        printf "%s\t%s\t%.1f\t%.3f\t%.3f\n", m, r, rate, (b1 - b0) * 1000 / hz / n, (m1 - m0) * 1000 / hz / n }' >> "$results"
    tail -1 "$results" | awk -F'\t' '{printf "  %-10s run %s: %7.1f msgs/s, %.2f CPU-ms/msg machine, %.3f CPU-ms/msg milter\n", $1, $2, $3, $4, $5}'
    stop_all
}

echo "mta_bench: $n messages of $(wc -c < "$msg") bytes per run, $sessions sessions, $runs runs, modes $modes, $(nproc) cores"
for ((rep = 1; rep <= runs; rep++)); do
    for mode in "${mode_list[@]}"; do run_once "$mode" "$rep"; done
done

echo
printf '%-11s %12s %14s %16s %10s\n' mode msgs/s ratio_to_none machine_ms/msg milter_ms/msg
median() { sort -g | awk '{a[NR]=$1} END {if (!NR) {print "nan"; exit} print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A rate
for mode in "${mode_list[@]}"; do
    rate[$mode]=$(awk -F'\t' -v m="$mode" '$1 == m && $3 != "FAIL" {print $3}' "$results" | median)
done
for mode in "${mode_list[@]}"; do
    cpu=$(awk -F'\t' -v m="$mode" '$1 == m && $3 != "FAIL" {print $4}' "$results" | median)
    mcpu=$(awk -F'\t' -v m="$mode" '$1 == m && $3 != "FAIL" {print $5}' "$results" | median)
    ratio=$(awk -v a="${rate[$mode]}" -v b="${rate[none]:-nan}" 'BEGIN {if (b + 0 > 0) printf "%.3f", a / b; else print "-"}')
    printf '%-11s %12s %14s %16s %10s\n' "$mode" "${rate[$mode]}" "$ratio" "$cpu" "$mcpu"
done
echo
[ -n "${rate[unix]:-}" ] && [ -n "${rate[inet]:-}" ] && awk -v u="${rate[unix]}" -v i="${rate[inet]}" \
    'BEGIN {printf "inet / unix           = %.3f\n", i / u}'
[ -n "${rate[unix]:-}" ] && [ -n "${rate[mimedefang]:-}" ] && awk -v u="${rate[unix]}" -v d="${rate[mimedefang]}" \
    'BEGIN {printf "chaperone / mimedefang = %.2fx\n", u / d}'
echo "per-run figures: $results"
if grep -q FAIL "$results"; then exit 1; fi

#!/bin/sh
# Builds the fuzz build (clang-14, libFuzzer, ASan+UBSan) and runs every fuzz_* target for
# a while each, from its seed corpus in tests/fuzz/corpus/<name minus fuzz_>/. Any crash,
# leak, sanitizer report, timeout or out-of-memory fails the run (libFuzzer exits non-zero
# and leaves the reproducer as crash-*/leak-*/timeout-*/oom-* in the artifacts directory).
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]      default 20; env FUZZ_JOBS, FUZZ_BUILD_DIR
set -eu
SECONDS_EACH=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
RSS_LIMIT_MB=${FUZZ_RSS_LIMIT_MB:-2048}
MAX_LEN=${FUZZ_MAX_LEN:-262144}

CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -DCHAPERONE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=$(cd "$ROOT/tests/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')
make -C "$BUILD" -j"${FUZZ_JOBS:-2}" $targets >/dev/null

ARTIFACTS=$BUILD/fuzz-artifacts
mkdir -p "$ARTIFACTS"
failed=0
for target in $targets; do
    name=${target#fuzz_}
    seeds=$ROOT/tests/fuzz/corpus/$name
    work=$BUILD/fuzz-corpus/$name   # grows across runs; the committed seeds stay untouched
    mkdir -p "$work"
    echo "== $target: ${SECONDS_EACH}s"
    if ! "$BUILD/bin/$target" -max_total_time="$SECONDS_EACH" -rss_limit_mb="$RSS_LIMIT_MB" -max_len="$MAX_LEN" \
            -timeout=25 -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$target-" "$work" $( [ -d "$seeds" ] && echo "$seeds" ) \
            2>"$BUILD/$target.log"; then
        echo "FAILED: $target (see $BUILD/$target.log and $ARTIFACTS/)"
        tail -40 "$BUILD/$target.log"
        failed=1
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$BUILD/$target.log" | sed 's/^/   /'
    fi
done
exit $failed

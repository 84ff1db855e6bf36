#!/usr/bin/env bash
# Every test of Chaperone, from a bare Debian 12 machine: installs the Debian packages it
# needs (as root), builds, and runs the unit tests, the labelled-corpus evaluation, the
# end-to-end tests through a real Postfix on loopback, miltertest, a brief fuzz run of
# every fuzz target, and the browser tests of the web console.
#
#   sudo contrib/run-tests.sh
#
# Exits non-zero when anything fails. Benchmarks are not run here (see README).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
start=$(date +%s)
step() { printf '\n== %s (%ds)\n' "$*" $(( $(date +%s) - start )); }

step "dependencies"
contrib/install-deps.sh

step "build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j "$(nproc)" 2>&1 | grep -E 'error|warning: |Built target chaperone' || true
cmake --build build -j "$(nproc)" > /dev/null   # fails the script if the build failed

step "unit, corpus and end-to-end tests (ctest)"
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 1500

if [ -x tests/fuzz/run.sh ]; then
    step "fuzz targets, briefly"
    tests/fuzz/run.sh "${CHAPERONE_FUZZ_SECONDS:-20}"
fi

if [ -x tests/web/run.sh ]; then
    step "browser tests"
    tests/web/run.sh
fi

step "all tests passed"

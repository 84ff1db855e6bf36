#!/usr/bin/env bash
# Browser tests of the web console (`chaperone serve`), in a real Chromium.
#
#   tests/web/run.sh            (after a build; contrib/run-tests.sh calls it)
#
# 1. installs playwright-core into tests/web/node_modules with npm when it is missing
#    (package-lock.json pins it); the browser is Debian's /usr/bin/chromium, headless;
# 2. builds the `chaperone` CLI and the seeding tool if needed;
# 3. seeds a scratch store with the `chaperone` CLI (keys, roster, accounts) and
#    web_test_seed (letters to families as case files, dashboard counters);
# 4. as root: starts chaperone-milter and a private Postfix on loopback with it plugged in
#    (contrib/sandbox/postfix-sandbox.sh), sends the PII messages of fixtures/held/ through
#    it with swaks so the milter holds them, and uses the sandbox's milter-less listener as
#    [release] relay, relaying to an smtp-sink that keeps each message as a file — so a
#    release is checked all the way to delivery. Not root: web_test_seed holds the same
#    messages through the quarantine store, judged by the same policy engine;
# 5. starts two `chaperone serve` on loopback ports (the second with a 3 s idle timeout);
# 6. runs console.test.mjs, which saves screenshots under build/web-screenshots/;
# 7. stops everything it started, by PID.
# Exits non-zero when a test fails. Everything listens on 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${CHAPERONE_BUILD_DIR:-$top/build}
bin=$build/bin
work=$build/web-tests
shots=$build/web-screenshots
short_idle=3
password='correct horse battery staple'

pids=()
sandbox=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    [ -n "$sandbox" ] && "$top/contrib/sandbox/postfix-sandbox.sh" stop "$sandbox" || true
}
trap cleanup EXIT
die() { echo "tests/web/run.sh: $*" >&2; exit 2; }

command -v node > /dev/null || die "node is missing (apt-get install nodejs npm)"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing (apt-get install chromium)"
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
    echo "installing playwright-core into tests/web/node_modules"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -x "$bin/chaperone" ] || [ ! -x "$bin/web_test_seed" ] || [ ! -x "$bin/chaperone-milter" ]; then
    cmake -S "$top" -B "$build" > /dev/null
    cmake --build "$build" -j "$(nproc)" --target chaperone chaperone-milter web_test_seed > /dev/null
fi

rm -rf "$work" "$shots"
mkdir -p "$work" "$shots"
# Free loopback ports, chosen by the kernel.
read -r web_port short_port smtpd_port release_port sink_port milter_port < <(node -e '
  const net = require("net"); const ports = [];
  (function next() {
    if (ports.length === 6) { console.log(ports.join(" ")); return; }
    const s = net.createServer().listen(0, "127.0.0.1", () => { ports.push(s.address().port); s.close(next); });
  })();')

cat > "$work/chaperone.toml" <<TOML
[school]
name = "Pembury Lane Primary School"
internal_domains = ["school.example"]
address = "Pembury Lane, Leicester LE4 1FX"
[milter]
socket = "inet:$milter_port@127.0.0.1"
[storage]
dir = "$work/store"
[release]
relay = "127.0.0.1:$release_port"
timeout_seconds = 20
[quarantine]
notify_sender = false
[web]
listen = "127.0.0.1:$web_port"
login_attempts_per_minute = 30
TOML
sed -e "s/^listen = .*/listen = \"127.0.0.1:$short_port\"\nidle_timeout_seconds = $short_idle/" \
    "$work/chaperone.toml" > "$work/chaperone-short.toml"

cli() { "$bin/chaperone" "$@" --config "$work/chaperone.toml"; }
echo "== seeding the store"
cli keys init > /dev/null
cli roster import --students "$top/tests/fixtures/roster/students.csv" \
    --contacts "$top/tests/fixtures/roster/contacts.csv" --staff "$top/tests/fixtures/roster/staff.csv"
printf '%s\n' "$password" | cli user add olive --role office --password-stdin
printf '%s\n' "$password" | cli user add dora --role dpo --password-stdin
printf '%s\n' "$password" | cli user add adam --role admin --password-stdin
"$bin/web_test_seed" letters --config "$work/chaperone.toml" "$here/fixtures/letters"
"$bin/web_test_seed" counters --config "$work/chaperone.toml"

# The envelope of a fixture: the bare address of its From: or To: header.
header_address() { grep -m1 -i "^$1:" "$2" | sed -e 's/.*<\([^>]*\)>.*/\1/' -e "s/^$1: *//I" | tr -d '\r'; }

sink_dir=""
if [ "$(id -u)" = 0 ]; then
    echo "== chaperone-milter and a Postfix sandbox: smtpd 127.0.0.1:$smtpd_port (milter), release relay :$release_port -> smtp-sink :$sink_port"
    sink_dir=$work/sink
    mkdir -p "$sink_dir"
    chown postfix "$sink_dir"
    /usr/sbin/smtp-sink -u postfix -d "$sink_dir/%Y%m%d%H%M%S." "127.0.0.1:$sink_port" 20 \
        > "$work/smtp-sink.log" 2>&1 &
    pids+=($!)
    "$bin/chaperone-milter" --config "$work/chaperone.toml" > "$work/milter.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$milter_port") 2>/dev/null && break; sleep 0.1; done
    sandbox=$work/postfix
    "$top/contrib/sandbox/postfix-sandbox.sh" start "$sandbox" --smtpd-port "$smtpd_port" \
        --sink-port "$sink_port" --release-port "$release_port" --milter "inet:127.0.0.1:$milter_port" --lifetime 900
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$release_port") 2>/dev/null && break; sleep 0.1; done
    held=0
    for f in "$here"/fixtures/held/*.eml; do
        swaks --server "127.0.0.1:$smtpd_port" --from "$(header_address From "$f")" --to "$(header_address To "$f")" \
            --data "$f" --hide-all || die "swaks could not send $f"
        held=$((held + 1))
    done
    # The milter answers only after the hold is committed; still, wait until all are listed.
    for _ in $(seq 100); do
        n=$(cli quarantine list --state held --json | grep -c '"message_id":' || true)
        [ "$n" -ge "$held" ] && break
        sleep 0.2
    done
    [ "$n" -ge "$held" ] || { tail -n 20 "$work/milter.log" >&2; die "the milter held $n of $held messages"; }
    echo "held $n messages through the milter"
else
    echo "== not root: no Postfix sandbox; web_test_seed holds the messages, releases fail at the relay"
    "$bin/web_test_seed" hold --config "$work/chaperone.toml" "$here/fixtures/held"
fi

echo "== starting chaperone serve on 127.0.0.1:$web_port and :$short_port (idle timeout ${short_idle}s)"
"$bin/chaperone" serve --config "$work/chaperone.toml" > "$work/serve.log" 2>&1 &
pids+=($!)
"$bin/chaperone" serve --config "$work/chaperone-short.toml" > "$work/serve-short.log" 2>&1 &
pids+=($!)
for port in "$web_port" "$short_port"; do
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { cat "$work"/serve*.log >&2; die "chaperone serve did not start"; }
done

echo "== browser tests"
status=0
CONSOLE_URL="http://127.0.0.1:$web_port" CONSOLE_SHORT_URL="http://127.0.0.1:$short_port" \
SHORT_IDLE_SECONDS=$short_idle PASSWORD="$password" SHOTS="$shots" SINK_DIR="$sink_dir" WORK_DIR="$work" \
PROFILE_DIR="$(mktemp -d "$work/chromium-profile.XXXXXX")" NODE_PATH="$here/node_modules" \
    node "$here/console.test.mjs" || status=$?
if [ "$status" != 0 ]; then
    echo "--- serve.log"; tail -n 30 "$work/serve.log"
fi
# Nothing the console logged may carry a pupil's name, UPN or a parent's address.
if grep -E 'B801200005001|Dupr|Hartley|Whitfield|parents\.example|clinic\.example|12/04/2015' "$work"/serve*.log; then
    echo "FAIL  the console's log holds personal data (lines above)"; status=1
else
    echo "ok    the console's log holds no personal data"
fi
exit "$status"

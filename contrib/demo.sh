#!/usr/bin/env bash
# The main job, end to end on this machine: installs what is missing, builds Chaperone,
# starts a private Postfix on 127.0.0.1 with chaperone-milter plugged in (the embedded
# SQLite store, the sample config, disclaimer, roster and policy from contrib/examples),
# sends the sample messages through it, and shows what arrived and what was held.
#
#   sudo contrib/demo.sh            (Postfix needs root; nothing listens beyond loopback)
#
# Everything lives under $CHAPERONE_DEMO_DIR (default /tmp/chaperone-demo) and every
# process it starts is stopped by PID when it ends, also on Ctrl-C.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
demo=${CHAPERONE_DEMO_DIR:-/tmp/chaperone-demo}
examples=$top/contrib/examples
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "1. Dependencies (Debian packages) and build"
"$top/contrib/install-deps.sh"
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$top/build" -j "$(nproc)" --target chaperone-milter chaperone 2>&1 | tail -1
bin=$top/build/bin

say "2. A fresh demo directory: $demo"
rm -rf "$demo"; mkdir -p "$demo"/{sink,milter}
free_port() {  # a port nothing listens on yet
    local p
    while :; do
        # Below Linux's ephemeral range (32768-60999), where outgoing connections take
        # their local ports and a listener could find its port taken.
        p=$((20000 + RANDOM % 12000))
        (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || { echo "$p"; return; }
    done
}
smtpd_port=$(free_port); sink_port=$(free_port); release_port=$(free_port)
sed -e "s|^dir = .*|dir = \"$demo/store\"|" \
    -e "s|^socket = .*|socket = \"unix:$demo/milter/milter.sock\"|" \
    -e "s|^socket_owner = .*|socket_owner = \"postfix\"|" \
    -e "s|^relay = .*|relay = \"127.0.0.1:$release_port\"|" \
    -e "s|^text_file = .*|text_file = \"$examples/disclaimer.txt\"|" \
    -e "s|^html_file = .*|html_file = \"$examples/disclaimer.html\"|" \
    "$examples/chaperone.toml" > "$demo/chaperone.toml"
echo "config: $demo/chaperone.toml (from contrib/examples/chaperone.toml)"
"$bin/chaperone-milter" --config "$demo/chaperone.toml" --check

say "3. The store: keys, then the sample roster (contrib/examples/roster, as exported from the MIS)"
"$bin/chaperone" keys init --config "$demo/chaperone.toml"
"$bin/chaperone" roster import --config "$demo/chaperone.toml" --students "$examples/roster/students.csv" \
    --contacts "$examples/roster/contacts.csv" --staff "$examples/roster/staff.csv"

pids=()
cleanup() {
    "$top/contrib/sandbox/postfix-sandbox.sh" stop "$demo/postfix" || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

say "4. Start: smtp-sink (the outside world), chaperone-milter, Postfix"
chown postfix:postfix "$demo/sink"
/usr/sbin/smtp-sink -u postfix -d "$demo/sink/%H%M%S." 127.0.0.1:"$sink_port" 32 > "$demo/sink.log" 2>&1 &
pids+=($!)
"$bin/chaperone-milter" --config "$demo/chaperone.toml" > "$demo/milter/milter.log" 2>&1 &
milter_pid=$!
pids+=($milter_pid)
for _ in $(seq 100); do [ -S "$demo/milter/milter.sock" ] && break; sleep 0.1; done
[ -S "$demo/milter/milter.sock" ] || { cat "$demo/milter/milter.log"; exit 1; }
"$top/contrib/sandbox/postfix-sandbox.sh" start "$demo/postfix" --smtpd-port "$smtpd_port" \
    --sink-port "$sink_port" --release-port "$release_port" --milter "unix:$demo/milter/milter.sock" --lifetime 900
echo "Postfix smtpd 127.0.0.1:$smtpd_port -> chaperone-milter ($demo/milter/milter.sock) -> smtp-sink 127.0.0.1:$sink_port"

say "5. Send the sample messages (contrib/examples/messages/manifest.tsv)"
while IFS=$'\t' read -r file from to what; do
    [[ -z "$file" || "$file" == \#* ]] && continue
    # The server's answer to the end of DATA is the last reply before QUIT's.
    reply=$(swaks --server 127.0.0.1:"$smtpd_port" --from "$from" --to "$to" --helo client.school.example \
            --data "@$examples/messages/$file" --timeout 60 2>&1 | grep -E '^<[-*~]+ +[245][0-9][0-9] ' | tail -2 | head -1 || true)
    printf '%-34s %-28s -> %-28s %s\n' "$file" "$from" "$to" "${reply#<* }"
    printf '    %s\n' "$what"
done < "$examples/messages/manifest.tsv"
sleep 2

say "6. What arrived at the outside world (smtp-sink)"
for f in "$demo"/sink/*; do
    [ -f "$f" ] || continue
    echo "--- $(basename "$f")"
    grep -m1 '^X-Rcpt-Args:' "$f" | sed 's/^X-Rcpt-Args: /envelope to: /; s/ ORCPT=.*//'
    grep -E '^(Subject|X-Chaperone|X-Chaperone-Disclaimer):' "$f" | sed 's/^/    /'
    if grep -q "intended" "$f"; then
        echo "    disclaimer text in body: yes ($(grep -c 'intended' "$f") part(s))"
    else
        echo "    disclaimer text in body: no"
    fi
done

say "7. The DPO's quarantine (chaperone quarantine list)"
cli() { "$bin/chaperone" "$@" --config "$demo/chaperone.toml"; }
cli quarantine list
echo "Notices to senders (through the release relay):"
grep -l '^X-Chaperone-Notice:' "$demo"/sink/* 2>/dev/null | while read -r f; do
    printf '    to %s: %s\n' "$(grep -m1 '^X-Rcpt-Args:' "$f" | sed 's/^X-Rcpt-Args: //; s/ ORCPT=.*//')" \
        "$(grep -m1 '^Subject:' "$f" | sed 's/^Subject: //')"
done

say "8. The DPO releases the class list after checking it (exactly once; a second try is refused)"
held_id=$(cli quarantine list | awk '/photographers\.example/ {print $1; exit}')
cli quarantine release "$held_id" --reason "photographer's contract covers the class list"
cli quarantine release "$held_id" --reason "again" || echo "    (refused, as it should be)"
sleep 2
ls "$demo"/sink | wc -l | xargs printf '    messages at the sink now: %s\n'

say "9. Case files: parent correspondence filed to the pupil, in date order"
cli archive students --search okafor
upn=$(cli archive students --search okafor --json | grep -o '"upn": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
cli archive list --student "$upn"
first=$(cli archive list --student "$upn" --json | grep -o '"id": *[0-9][0-9]*' | head -1 | grep -o '[0-9]*$')
echo "--- chaperone archive show $first (first lines)"
cli archive show "$first" | head -12
echo "--- the tamper-evident chain over case files and the audit log"
cli audit verify
echo "--- the audit log: every read above is recorded"
cli audit log | tail -6

say "10. Figures for governors (chaperone report; the milter writes its counts each minute and when it stops)"
kill -TERM "$milter_pid"; wait "$milter_pid" 2>/dev/null || true
cli report --weeks 2

say "11. The milter's log"
cat "$demo/milter/milter.log"
echo
echo "Demo files are in $demo; everything started here has been stopped."

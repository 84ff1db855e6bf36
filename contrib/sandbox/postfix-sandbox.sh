#!/usr/bin/env bash
# A private Postfix on 127.0.0.1 with Chaperone plugged in, for the demo, the end-to-end
# tests and the benchmark. It has its own config, queue, data and log directories under DIR
# and never touches the system instance (/etc/postfix, /var/spool/postfix).
#
#   postfix-sandbox.sh start DIR --smtpd-port N --sink-port N [--release-port N]
#                      [--milter SPEC] [--set name=value]... [--lifetime SECONDS]
#   postfix-sandbox.sh stop DIR
#   postfix-sandbox.sh queue DIR        number of messages still queued
#   postfix-sandbox.sh flush DIR        retry deferred mail now
#
# smtpd listens on 127.0.0.1:smtpd-port with the milter (smtpd_milters = SPEC) and
# milter_default_action = tempfail, so a dead milter means 4xx, never a silent pass.
# An optional second smtpd on release-port has no milter: it is [release] relay, where
# the DPO's released messages re-enter. Everything is relayed to 127.0.0.1:sink-port
# (an smtp-sink, or any test server): nothing is delivered locally, no DNS is used.
# Running Postfix needs root. The master ends itself after --lifetime (default 3600 s).
set -euo pipefail

die() { echo "postfix-sandbox.sh: $*" >&2; exit 2; }

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: postfix-sandbox.sh start|stop|queue|flush DIR [options]"
shift 2
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
conf=$dir/etc

case $cmd in
stop)
    [ -f "$conf/main.cf" ] || exit 0
    /usr/sbin/postfix -c "$conf" stop > /dev/null 2>&1 || true
    pid=$(cat "$dir/spool/pid/master.pid" 2>/dev/null | tr -d ' ' || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    exit 0 ;;
queue)
    find "$dir/spool/incoming" "$dir/spool/active" "$dir/spool/deferred" "$dir/spool/hold" \
         "$dir/spool/maildrop" -type f 2>/dev/null | wc -l
    exit 0 ;;
flush)
    /usr/sbin/postqueue -c "$conf" -f; exit 0 ;;
start) ;;
*) die "unknown command $cmd" ;;
esac

smtpd_port=""; sink_port=""; release_port=""; milter=""; lifetime=3600; extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --smtpd-port) smtpd_port=$2; shift 2 ;;
        --sink-port) sink_port=$2; shift 2 ;;
        --release-port) release_port=$2; shift 2 ;;
        --milter) milter=$2; shift 2 ;;
        --set) extra+=("$2"); shift 2 ;;
        --lifetime) lifetime=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
[ -n "$smtpd_port" ] && [ -n "$sink_port" ] || die "start needs --smtpd-port and --sink-port"
[ "$(id -u)" = 0 ] || die "the Postfix master must start as root"

mkdir -p "$conf" "$dir/spool" "$dir/data" "$dir/log"
chown postfix:postfix "$dir/data"
cat > "$conf/main.cf" <<CF
# Private Postfix instance written by contrib/sandbox/postfix-sandbox.sh.
compatibility_level = 3.6
queue_directory = $dir/spool
data_directory = $dir/data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
# No syslog in a sandbox: postlogd writes the log file (needs the postlog service).
maillog_file = $dir/log/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $dir
syslog_name = chaperone-sandbox
myhostname = mx.school.example
mydomain = school.example
myorigin = \$mydomain
# Nothing is delivered here: every recipient goes to the sink.
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
local_transport = error:5.1.1 local delivery is disabled in the sandbox
biff = no
append_dot_mydomain = no
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains =
relayhost = [127.0.0.1]:$sink_port
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtp_tls_security_level = none
smtpd_tls_security_level = none
message_size_limit = 104857600
# Chaperone, exactly as the README wires it (plus non_smtpd_milters for local submission).
smtpd_milters = $milter
non_smtpd_milters = $milter
milter_protocol = 6
milter_default_action = tempfail
milter_connect_timeout = 10s
milter_command_timeout = 30s
milter_content_timeout = 120s
# Keep failures visible and retries quick.
delay_warning_time = 0
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
minimal_backoff_time = 2s
maximal_backoff_time = 4s
queue_run_delay = 2s
CF
for kv in "${extra[@]}"; do printf '%s\n' "${kv%%=*} = ${kv#*=}" >> "$conf/main.cf"; done

# chroot off (column 5) everywhere: no copies of /etc files in the queue directory, and
# milters on unix sockets are reachable by absolute path.
{
    echo "127.0.0.1:$smtpd_port inet n - n - - smtpd"
    [ -n "$release_port" ] && echo "127.0.0.1:$release_port inet n - n - - smtpd -o smtpd_milters= -o non_smtpd_milters="
    cat <<'MASTER'
pickup    unix  n - n 60    1 pickup
cleanup   unix  n - n -     0 cleanup
qmgr      unix  n - n 300   1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -     - trivial-rewrite
bounce    unix  - - n -     0 bounce
defer     unix  - - n -     0 bounce
trace     unix  - - n -     0 bounce
verify    unix  - - n -     1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -     - proxymap
proxywrite unix - - n -     1 proxymap
smtp      unix  - - n -     - smtp
relay     unix  - - n -     - smtp
showq     unix  n - n -     - showq
error     unix  - - n -     - error
retry     unix  - - n -     - error
discard   unix  - - n -     - discard
local     unix  - n n -     - local
anvil     unix  - - n -     1 anvil
scache    unix  - - n -     1 scache
postlog   unix-dgram n - n - 1 postlogd
MASTER
} > "$conf/master.cf"

/usr/sbin/postfix -c "$conf" check || die "postfix check failed (see $dir/log/postfix.log)"
/usr/lib/postfix/sbin/master -c "$conf" -w -e "$lifetime" || die "postfix master did not start (see $dir/log/postfix.log)"
for _ in $(seq 100); do
    (exec 3<>/dev/tcp/127.0.0.1/"$smtpd_port") 2>/dev/null && exit 0
    sleep 0.1
done
die "smtpd is not listening on 127.0.0.1:$smtpd_port (see $dir/log/postfix.log)"

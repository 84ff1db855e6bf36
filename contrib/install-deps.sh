#!/usr/bin/env bash
# Installs what Chaperone needs from Debian packages (Debian 12 "bookworm"), as root.
# Idempotent and non-interactive: packages already present are skipped, and the system
# Postfix is installed unconfigured ("No configuration") so nothing starts by itself.
#
#   contrib/install-deps.sh            build + run + test dependencies
#   contrib/install-deps.sh --runtime  only what the daemon and CLI need at run time
set -euo pipefail

runtime=(libmilter1.0.1 libgmime-3.0-0 libpcre2-8-0 libsodium23 libsqlite3-0 libfmt9 libzip4
         libpoppler-cpp0v5 libphonenumber8 libpugixml1v5 libidn2-0 libhpdf-2.3.0 fonts-dejavu-core)
build=(build-essential cmake pkg-config libmilter-dev libgmime-3.0-dev libpcre2-dev libsodium-dev
       libsqlite3-dev libfmt-dev libtomlplusplus-dev libzip-dev libpoppler-cpp-dev libcpp-httplib-dev
       libphonenumber-dev libpugixml-dev nlohmann-json3-dev libidn2-dev libhpdf-dev catch2)
# Real parts for the tests and the demo: Postfix and its test tools, mail clients to read
# exports back, PDF text extraction, encrypted fixtures, the peer milter for the benchmark,
# clang's libFuzzer, and a headless browser for the web console tests.
test=(postfix swaks miltertest procmail mutt poppler-utils qpdf zip unzip sqlite3 file
      mimedefang libhtml-parser-perl libnet-dns-perl clang-14 libclang-rt-14-dev chromium)

packages=("${runtime[@]}")
if [ "${1:-}" != "--runtime" ]; then
    packages+=("${build[@]}" "${test[@]}")
    # The browser tests drive Chromium with npm's playwright-core. Machines that carry
    # Node.js from elsewhere (NodeSource bundles npm) must not get Debian's npm on top.
    command -v npm > /dev/null || packages+=(nodejs npm)
fi

if [ "$(id -u)" != 0 ]; then
    echo "install-deps.sh: run as root (it calls apt-get)" >&2
    exit 2
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps.sh: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps.sh: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
# Do not let package scripts start services (there is no init here, and we want none).
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /tmp/chaperone-apt.log 2>&1 || {
    tail -30 /tmp/chaperone-apt.log >&2
    echo "install-deps.sh: apt-get install failed (full log: /tmp/chaperone-apt.log)" >&2
    exit 1
}
echo "install-deps.sh: done"

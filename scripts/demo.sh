#!/usr/bin/env bash
# Starts `gantry demo`: the platform on its embedded store with the simulated mine and workshop, alarm rules
# and a demo operator. First installs the one Debian package the console's trend charts need (libjs-dygraphs)
# when it is missing and this machine can install it; without it the console works and says what is missing.
# Any arguments go to `gantry demo` (--http-port, --mqtt-port, --data-dir, …).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/share/javascript/dygraphs/dygraph.min.js ] && command -v apt-get >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjs-dygraphs >/dev/null || true
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjs-dygraphs >/dev/null || true
    else
        echo "note: trend charts need 'apt-get install libjs-dygraphs' (as root); the console works without them" >&2
    fi
fi
exec swift run -c release gantry demo "$@"

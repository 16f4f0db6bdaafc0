#!/usr/bin/env bash
# Starts `gantry demo`: the platform on its embedded store with the simulated mine and workshop, alarm rules
# and a demo operator. First installs the Debian packages of the console's charting libraries when they are
# missing and this machine can install them: libjs-dygraphs for the trends, libjs-chart.js for the schedules'
# Gantt charts. Without them the console works and says what is missing.
# Any arguments go to `gantry demo` (--http-port, --mqtt-port, --data-dir, …).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
[ -f /usr/share/javascript/dygraphs/dygraph.min.js ] || missing+=(libjs-dygraphs)
[ -f /usr/share/javascript/chart.js/chart.min.js ] || missing+=(libjs-chart.js)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || true
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || true
    else
        echo "note: the console's charts need 'apt-get install ${missing[*]}' (as root); it works without them" >&2
    fi
fi
exec swift run -c release gantry demo "$@"

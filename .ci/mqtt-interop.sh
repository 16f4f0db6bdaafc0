#!/usr/bin/env bash
# Runs the third-party MQTT clients (paho-mqtt, mosquitto_pub/sub) against Gantry's broker: first as anonymous
# clients in the sandbox, then as a registered device confined to its asset subtree, then over TLS with a
# password and with a client certificate; then against Mosquitto as the baseline the suites were written on.
# Usage: mqtt-interop.sh PATH-TO-GANTRY [HTTP-PORT] [MQTT-PORT] [WEBSOCKET-PORT] [TLS-PORT] [WSS-PORT]
set -euo pipefail
gantry="$1"
http="${2:-18090}"
mqtt="${3:-18831}"
ws="${4:-18834}"
tls="${5:-18835}"
wss="${6:-18836}"
base="http://127.0.0.1:$http"
here="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d /tmp/gantry-mqtt-interop.XXXXXX)
export GANTRY_ADMIN_PASSWORD="ci-admin-password"

# A throwaway PKI: a CA, the broker's certificate for 127.0.0.1, a device certificate, and one from another CA.
pki="$work/pki"
mkdir -p "$pki"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
authority() { openssl req -x509 "${ec[@]}" -days 2 -keyout "$pki/$1.key" -out "$pki/$1.pem" -subj "/CN=$2" 2>/dev/null; }
issue() { # name common-name ca extension
    openssl req "${ec[@]}" -keyout "$pki/$1.key" -out "$pki/$1.csr" -subj "/CN=$2" 2>/dev/null
    printf '%s\nbasicConstraints=CA:FALSE\n' "$4" >"$pki/$1.ext"
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/$3.pem" -CAkey "$pki/$3.key" -CAcreateserial -days 2 \
        -extfile "$pki/$1.ext" -out "$pki/$1.pem" 2>/dev/null
}
authority ca "Interop CA"
authority foreign-ca "Foreign CA"
issue broker localhost ca "subjectAltName=DNS:localhost,IP:127.0.0.1"
issue plc acme.press-7-plc ca "extendedKeyUsage=clientAuth"
issue ghost acme.ghost-plc ca "extendedKeyUsage=clientAuth"
issue forged acme.press-7-plc foreign-ca "extendedKeyUsage=clientAuth"

serve=("$gantry" serve --data-dir "$work/data" --http-port "$http" --mqtt-port "$mqtt" --mqtt-ws-port "$ws"
    --mqtt-anonymous --mqtt-tls-port "$tls" --mqtt-tls-cert "$pki/broker.pem" --mqtt-tls-key "$pki/broker.key"
    --mqtt-tls-client-ca "$pki/ca.pem" --mqtt-wss-port "$wss")
"${serve[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'echo "mqtt-interop failed at line $LINENO: $BASH_COMMAND"; kill "$server" 2>/dev/null || true; tail -n 60 "$work/server.log"' ERR
for _ in $(seq 1 100); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    sleep 0.2
done

echo "anonymous clients, in the sandbox"
timeout 300 python3 "$here/Tests/interop/mqtt_interop.py" --port "$mqtt"
timeout 300 bash "$here/Tests/interop/mosquitto_clients.sh" --port "$mqtt"

echo "anonymous clients over WebSocket (subprotocol mqtt), as a browser connects"
timeout 300 python3 "$here/Tests/interop/mqtt_interop.py" --port "$ws" --transport websockets

echo "a registered device, inside its asset subtree"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
token=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$GANTRY_ADMIN_PASSWORD\"}" | json '["token"]')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
for asset in acme acme/plant1 acme/plant1/line1 acme/plant1/line1/press-7; do
    curl -fsS -o /dev/null -X POST "$base/api/v1/assets" "${auth[@]}" -d "{\"path\":\"$asset\",\"name\":\"$asset\"}"
done
password=$(curl -fsS -X POST "$base/api/v1/devices" "${auth[@]}" \
    -d '{"name":"press-7-plc","assetPath":"acme/plant1/line1/press-7"}' | json '["password"]')
device=(--username acme.press-7-plc --password "$password" --topic-root acme/plant1/line1/press-7)
timeout 300 python3 "$here/Tests/interop/mqtt_interop.py" --port "$mqtt" "${device[@]}"
timeout 300 bash "$here/Tests/interop/mosquitto_clients.sh" --port "$mqtt" "${device[@]}"

echo "outside its subtree, the device's publish is refused with reason 0x87 (135)"
timeout 10 mosquitto_pub -d -p "$mqtt" -V mqttv5 -q 1 -u acme.press-7-plc -P "$password" \
    -t acme/plant1/line1/press-8/temperature -m 1 >"$work/refused.log" 2>&1 || true
cat "$work/refused.log"
grep -q "RC:135" "$work/refused.log"
echo "a wrong password is refused with 0x86 (134)"
if timeout 10 mosquitto_pub -p "$mqtt" -V mqttv5 -u acme.press-7-plc -P wrong -t acme/x -m 1 2>/dev/null; then
    echo "a wrong password was accepted"; exit 1
fi

echo "MQTT over TLS: paho-mqtt with the device password, then with the device certificate and no password"
timeout 300 python3 "$here/Tests/interop/mqtt_interop.py" --port "$tls" --cafile "$pki/ca.pem" "${device[@]}" \
    --protocol 5
timeout 300 python3 "$here/Tests/interop/mqtt_interop.py" --port "$tls" --cafile "$pki/ca.pem" \
    --cert "$pki/plc.pem" --key "$pki/plc.key" --topic-root acme/plant1/line1/press-7
echo "MQTT over secure WebSocket (wss), as a browser on an HTTPS page connects, with the device certificate"
timeout 300 python3 "$here/Tests/interop/mqtt_interop.py" --port "$wss" --transport websockets --cafile "$pki/ca.pem" \
    --cert "$pki/plc.pem" --key "$pki/plc.key" --topic-root acme/plant1/line1/press-7 --protocol 5
echo "MQTT over TLS: mosquitto_pub with a certificate; the value is readable over HTTP"
timeout 10 mosquitto_pub -p "$tls" --cafile "$pki/ca.pem" --cert "$pki/plc.pem" --key "$pki/plc.key" -V mqttv5 \
    -q 1 -t acme/plant1/line1/press-7/tls_temperature -m 71.25
curl -fsS "$base/api/v1/telemetry/latest?tag=acme/plant1/line1/press-7/tls_temperature" "${auth[@]}" |
    grep -q '71.25'
refused() { # what must not get in: description, then the client's arguments
    local what="$1"; shift
    if timeout 10 mosquitto_pub -p "$tls" -V mqttv5 -q 1 -t acme/plant1/line1/press-7/x -m 1 "$@" 2>/dev/null; then
        echo "accepted over TLS: $what"; exit 1
    fi
    echo "refused over TLS: $what"
}
refused "plain MQTT on the TLS port"
refused "a client that does not trust the broker's CA" --cafile "$pki/foreign-ca.pem" -u acme.press-7-plc -P "$password"
refused "a certificate from another CA" --cafile "$pki/ca.pem" --cert "$pki/forged.pem" --key "$pki/forged.key"
refused "a certificate for no registered device" --cafile "$pki/ca.pem" --cert "$pki/ghost.pem" --key "$pki/ghost.key"
refused "a certificate used under another device's name" --cafile "$pki/ca.pem" --cert "$pki/plc.pem" \
    --key "$pki/plc.key" -u acme.other-plc

echo "persistent sessions, queued messages and retained messages survive a restart"
timeout 60 python3 "$here/Tests/interop/restart_check.py" --port "$mqtt" "${device[@]}" --phase before
kill -TERM "$server"
wait "$server"
"${serve[@]}" >>"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    sleep 0.2
done
timeout 60 python3 "$here/Tests/interop/restart_check.py" --port "$mqtt" "${device[@]}" --phase after

kill -TERM "$server"
wait "$server"
trap - ERR

echo "external broker mode: Gantry subscribes at a real Mosquitto instead of listening"
broker_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$broker_port" >"$work/mosquitto.conf"
"$mosquitto_bin" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
broker=$!
trap 'echo "mqtt-interop failed at line $LINENO: $BASH_COMMAND"; kill "$server" "$broker" 2>/dev/null || true; tail -n 60 "$work/server.log"' ERR
for _ in $(seq 1 50); do
    timeout 2 mosquitto_pub -p "$broker_port" -t probe -m 1 2>/dev/null && break
    sleep 0.1
done
"$gantry" serve --data-dir "$work/data" --http-port "$http" --mqtt-broker "mqtt://127.0.0.1:$broker_port" \
    >>"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    sleep 0.2
done
grep -q "subscribing at an external MQTT broker" "$work/server.log"
if timeout 2 mosquitto_pub -p "$mqtt" -t probe -m 1 2>/dev/null; then
    echo "the built-in broker is listening in external broker mode"; exit 1
fi
token=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$GANTRY_ADMIN_PASSWORD\"}" | json '["token"]')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
tag=acme/plant1/line1/press-7/external_temperature
stored=""
for attempt in $(seq 1 50); do
    # Published until the bridge's subscription is in place (a QoS 1 message before it has nobody to go to).
    [ "$attempt" -le 10 ] && timeout 10 mosquitto_pub -p "$broker_port" -V mqttv5 -q 1 -t "$tag" -m 42.25
    stored=$(curl -fsS "$base/api/v1/telemetry/latest?tag=$tag" "${auth[@]}" 2>/dev/null || true)
    case "$stored" in *42.25*) break ;; esac
    sleep 0.2
done
echo "$stored"
case "$stored" in *42.25*) ;; *) echo "the value published at Mosquitto never reached Gantry"; false ;; esac
kill -TERM "$server"
wait "$server"
kill -KILL "$broker"
wait "$broker" 2>/dev/null || true
trap - ERR

echo "baseline: the same suites against Mosquitto"
timeout 600 bash "$here/Tests/interop/run-against-mosquitto.sh"
rm -rf "$work"

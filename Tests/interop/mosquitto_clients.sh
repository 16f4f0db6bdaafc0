#!/usr/bin/env bash
# Interoperability checks of the Eclipse Mosquitto command-line clients (mosquitto_pub, mosquitto_sub)
# against a broker given by host/port, over MQTT 3.1.1 (-V mqttv311) and MQTT 5.0 (-V mqttv5).
#
#   Tests/interop/mosquitto_clients.sh --host 127.0.0.1 --port 1883 [--username U --password P] \
#       [--topic-root acme/plant1/line1/press-7] [--shared-group NAME] [--timeout SECONDS]
#
# Prints one line per check: "PASS name [v3.1.1|v5]", "FAIL name [v5]: reason" or "SKIP name [v]: reason";
# exits 1 if any check failed, 2 on bad usage. Every client runs under -W and `timeout`, so a broken
# broker cannot hang CI. Readiness of a subscriber is read from its debug output (-d, line-buffered with
# stdbuf): "Subscribed (mid: N): QOS" is printed when the SUBACK arrives, and each delivery is logged as
# "received PUBLISH (dD, qQ, rR, ...)", from which the delivered QoS and retain flag are checked.

set -u

HOST=127.0.0.1
PORT=1883
USERNAME=""
PASSWORD=""
HAVE_USER=0
TOPIC_ROOT=""
SHARED_GROUP=""
TIMEOUT=5

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --host) HOST=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --username) USERNAME=$2; HAVE_USER=1; shift 2 ;;
        --password) PASSWORD=$2; shift 2 ;;
        --topic-root) TOPIC_ROOT=$2; shift 2 ;;
        --shared-group) SHARED_GROUP=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
for tool in mosquitto_pub mosquitto_sub stdbuf timeout; do
    command -v "$tool" >/dev/null || { echo "FAIL setup: $tool not found" ; exit 1; }
done

RUN_ID="$(date +%s | tail -c 6)$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
ROOT="${TOPIC_ROOT%/}"; ROOT="${ROOT#/}"; [ -n "$ROOT" ] || ROOT="gantry-interop"
BASE="$ROOT/interop-sh-$RUN_ID"
[ -n "$SHARED_GROUP" ] || SHARED_GROUP="interopsh$RUN_ID"
WORK=$(mktemp -d)
PIDS=()
FAILED=0
N_PASS=0 N_FAIL=0 N_SKIP=0
TIMEOUT_S=${TIMEOUT%.*}; [ "$TIMEOUT_S" -ge 1 ] 2>/dev/null || TIMEOUT_S=1
HARD=$((TIMEOUT_S + 5))   # `timeout` bound (TERM, then KILL 2 s later) around every client, beyond its own -W

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

AUTH=()
[ "$HAVE_USER" = 1 ] && AUTH+=(-u "$USERNAME")
[ -n "$PASSWORD" ] && AUTH+=(-P "$PASSWORD")

# new_id ROLE — a client id unique to this run (checks run in subshells, so the counter lives in a file).
new_id() {
    COUNTER=$(( $(cat "$WORK/counter" 2>/dev/null || echo 0) + 1 ))
    echo "$COUNTER" >"$WORK/counter"
    CID="ib${RUN_ID}$(printf %03d "$COUNTER")$1"
}

# pub VERSION ARGS... — mosquitto_pub bounded by `timeout`.
pub() {
    local v=$1; shift
    new_id p
    timeout -k 2 "$HARD" mosquitto_pub -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" -i "$CID" "$@" \
        >"$WORK/pub.out" 2>&1 || { REASON="mosquitto_pub $* failed: $(explain "$WORK/pub.out")"; return 1; }
}

# explain FILE — a client's output on one line, or a note that it said nothing (i.e. it timed out).
explain() { local text; text=$(tr '\n' ' ' <"$1" 2>/dev/null); echo "${text:-no answer from the broker within ${HARD}s}"; }

# start_sub NAME VERSION ARGS... — mosquitto_sub -d in the background, output in $WORK/NAME.out.
start_sub() {
    local name=$1 v=$2; shift 2
    new_id s
    timeout -k 2 "$HARD" stdbuf -oL mosquitto_sub -d -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" \
        -i "$CID" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PIDS+=($!)
    eval "PID_$name=$!"
}

# wait_subscribed NAME [GRANTED] — until the SUBACK is logged (and granted the expected QoS).
wait_subscribed() {
    local name=$1 want=${2:-} deadline=$((SECONDS + TIMEOUT_S + 1)) pidvar="PID_$1" line
    while [ $SECONDS -le $deadline ]; do
        line=$(grep -m1 '^Subscribed (mid' "$WORK/$name.out" 2>/dev/null)
        if [ -n "$line" ]; then
            local granted=${line##*: }
            if [ "$granted" -ge 128 ] 2>/dev/null; then REASON="subscription refused (reason code $granted)"; return 1; fi
            if [ -n "$want" ] && [ "$granted" != "$want" ]; then
                REASON="subscribed at QoS $want, granted $granted"; return 1
            fi
            return 0
        fi
        if ! kill -0 "${!pidvar}" 2>/dev/null; then
            REASON="mosquitto_sub ended without a SUBACK: $(tr '\n' ' ' <"$WORK/$name.err")last logged: '$(tail -n 1 "$WORK/$name.out")'"
            return 1
        fi
        sleep 0.05
    done
    REASON="no SUBACK within ${TIMEOUT_S}s"
    return 1
}

# wait_done NAME — until that mosquitto_sub exits (it is bounded by -W / timeout).
wait_done() { local pidvar="PID_$1"; wait "${!pidvar}" 2>/dev/null; }

# received NAME — "qQ rR" of every PUBLISH that subscriber logged, one per line.
received() { sed -n 's/.* received PUBLISH (d[01], \(q[0-2]\), \(r[01]\),.*/\1 \2/p' "$WORK/$1.out"; }

report() {  # report NAME VERSION STATUS
    local label=$2; [ "$label" = mqttv311 ] && label=v3.1.1; [ "$label" = mqttv5 ] && label=v5
    case "$3" in
        0) echo "PASS $1 [$label]"; N_PASS=$((N_PASS + 1)) ;;
        skip) echo "SKIP $1 [$label]: $REASON"; N_SKIP=$((N_SKIP + 1)) ;;
        *) echo "FAIL $1 [$label]: $REASON"; N_FAIL=$((N_FAIL + 1)); FAILED=1 ;;
    esac
}

topic() { echo "$BASE/$1/${2#mqtt}"; }

# --------------------------------------------------------------------------------------------------

check_qos() {  # publish at QoS $3; subscribers at QoS 0, 1, 2 each get it at min(pub, sub)
    local v=$1 p=$3 t s payload got want
    t=$(topic "$2" "$v"); payload="qos$p-payload-$RUN_ID"
    for s in 0 1 2; do start_sub "q$s" "$v" -t "$t" -q "$s" -C 1 -W "$TIMEOUT_S"; done
    for s in 0 1 2; do wait_subscribed "q$s" "$s" || return 1; done
    pub "$v" -t "$t" -q "$p" -m "$payload" || return 1
    for s in 0 1 2; do
        wait_done "q$s"
        want="q$(( p < s ? p : s )) r0"
        got=$(received "q$s")
        [ "$got" = "$want" ] || { REASON="sub QoS $s: expected one PUBLISH '$want', got '${got:-nothing}'"; return 1; }
        grep -qx "$payload" "$WORK/q$s.out" || { REASON="sub QoS $s: payload not delivered intact"; return 1; }
    done
}

check_retained() {
    local v=$1 t got; t=$(topic "$2" "$v")
    pub "$v" -t "$t" -q 1 -r -m "retained-$RUN_ID" || return 1
    start_sub late "$v" -t "$t" -q 1 -C 1 -W "$TIMEOUT_S"
    wait_done late
    got=$(received late)
    pub "$v" -t "$t" -q 1 -r -n || true   # clean up
    [ "$got" = "q1 r1" ] || { REASON="later subscriber expected 'q1 r1', got '${got:-nothing}'"; return 1; }
    grep -qx "retained-$RUN_ID" "$WORK/late.out" || { REASON="retained payload not delivered intact"; return 1; }
}

check_retained_clear() {
    local v=$1 t got; t=$(topic "$2" "$v")
    pub "$v" -t "$t" -q 1 -r -m "soon-gone-$RUN_ID" || return 1
    start_sub probe "$v" -t "$t" -q 1 -C 1 -W "$TIMEOUT_S"
    wait_done probe
    got=$(received probe)
    [ "$got" = "q1 r1" ] || { REASON="retained message not delivered before clearing (got '${got:-nothing}')"; return 1; }
    pub "$v" -t "$t" -q 1 -r -n || return 1   # -n: empty payload, clears the retained message
    start_sub late "$v" -t "$t" -q 1 -C 1 -W 2
    wait_subscribed late 1 || return 1
    wait_done late
    got=$(received late)
    [ -z "$got" ] || { REASON="retained message still delivered after an empty retained publish"; return 1; }
}

check_persistent_session() {  # -c with a fixed -i: QoS 1 messages queued while offline
    local v=$1 t id got; t=$(topic "$2" "$v")
    new_id c; id=$CID
    # 1) subscribe with clean session = 0 (v5: clean start = 0, session never expires) and leave (-E)
    timeout -k 2 "$HARD" mosquitto_sub -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" -i "$id" -c -q 1 -t "$t" -E \
        >"$WORK/first.out" 2>&1 || { REASON="first session: $(explain "$WORK/first.out")"; return 1; }
    for n in 1 2 3; do pub "$v" -t "$t" -q 1 -m "queued-$n-$RUN_ID" || return 1; done
    # 2) resume the session: the queued messages arrive
    timeout -k 2 "$HARD" stdbuf -oL mosquitto_sub -d -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" -i "$id" -c -q 1 \
        -t "$t" -C 3 -W "$TIMEOUT_S" >"$WORK/again.out" 2>&1
    # 3) end the session: a clean connection with the same id (v5: session expiry 0)
    timeout -k 2 "$HARD" mosquitto_sub -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" -i "$id" -t "$t" -E >/dev/null 2>&1
    got=$(grep -x "queued-[123]-$RUN_ID" "$WORK/again.out" | tr '\n' ' ')
    [ "$got" = "queued-1-$RUN_ID queued-2-$RUN_ID queued-3-$RUN_ID " ] ||
        { REASON="resumed session got '${got:-nothing}' instead of the 3 queued messages"; return 1; }
}

check_will() {  # a mosquitto_sub with --will-topic is killed with SIGKILL: the broker publishes the will
    local v=$1 t got; t=$(topic "$2" "$v")
    start_sub observer "$v" -t "$t" -q 1 -C 1 -W "$TIMEOUT_S"
    wait_subscribed observer 1 || return 1
    new_id w
    stdbuf -oL mosquitto_sub -d -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" -i "$CID" -t "$t/alive" -W 60 \
        --will-topic "$t" --will-payload "will-$RUN_ID" --will-qos 1 >"$WORK/dying.out" 2>"$WORK/dying.err" &
    PIDS+=($!); PID_dying=$!
    wait_subscribed dying || return 1
    kill -9 "$PID_dying"; wait "$PID_dying" 2>/dev/null
    wait_done observer
    got=$(received observer)
    [ "$got" = "q1 r0" ] || { REASON="observer expected the will as 'q1 r0', got '${got:-nothing}'"; return 1; }
    grep -qx "will-$RUN_ID" "$WORK/observer.out" || { REASON="will payload not delivered intact"; return 1; }
}

check_no_will_after_disconnect() {  # -E: subscribe, then a normal DISCONNECT — the will is discarded
    local v=$1 t got; t=$(topic "$2" "$v")
    start_sub observer "$v" -t "$t" -q 1 -C 1 -W 2
    wait_subscribed observer 1 || return 1
    new_id w
    timeout -k 2 "$HARD" mosquitto_sub -h "$HOST" -p "$PORT" "${AUTH[@]}" -V "$v" -i "$CID" -t "$t/alive" -E \
        --will-topic "$t" --will-payload "no-will-$RUN_ID" --will-qos 1 >"$WORK/leaving.out" 2>&1 ||
        { REASON="client with will: $(explain "$WORK/leaving.out")"; return 1; }
    wait_done observer
    got=$(received observer)
    [ -z "$got" ] || { REASON="will published after a normal DISCONNECT"; return 1; }
}

check_shared() {  # two mosquitto_sub in $share/GROUP/topic: each gets a part, together exactly all
    local v=$1 t n total a b expected got; t=$(topic "$2" "$v")
    for m in a b; do start_sub "m$m" "$v" -t "\$share/$SHARED_GROUP/$t" -q 1 -W "$TIMEOUT_S"; done
    for m in a b; do wait_subscribed "m$m" 1 || return 1; done
    seq 1 10 | sed "s/^/work-$RUN_ID-/" >"$WORK/work.txt"
    pub "$v" -t "$t" -q 1 -l <"$WORK/work.txt" || return 1   # -l: one message per line of stdin
    for _ in $(seq 1 $((TIMEOUT_S * 10))); do
        total=$(cat "$WORK/ma.out" "$WORK/mb.out" | grep -c "^work-$RUN_ID-")
        [ "$total" -ge 10 ] && break
        sleep 0.1
    done
    sleep 0.3   # let duplicates show up
    kill "$PID_ma" "$PID_mb" 2>/dev/null; wait "$PID_ma" "$PID_mb" 2>/dev/null
    a=$(grep -c "^work-$RUN_ID-" "$WORK/ma.out"); b=$(grep -c "^work-$RUN_ID-" "$WORK/mb.out")
    expected=$(sort "$WORK/work.txt" | tr '\n' ' ')
    got=$(cat "$WORK/ma.out" "$WORK/mb.out" | grep "^work-$RUN_ID-" | sort | tr '\n' ' ')
    [ "$got" = "$expected" ] || { REASON="members got $a + $b of 10 messages, not each exactly once"; return 1; }
    [ "$a" -gt 0 ] && [ "$b" -gt 0 ] || { REASON="one member got all messages ($a + $b)"; return 1; }
}

# run NAME VERSION FUNCTION [ARGS...] — in a subshell, whose clients are all ended before the next check.
run() {
    local name=$1 v=$2 fn=$3 rc; shift 3
    rm -f "$WORK"/*.out "$WORK"/*.err "$WORK/reason"
    (
        REASON=""
        "$fn" "$v" "$name" "$@"; rc=$?
        for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done   # `timeout` passes TERM on
        printf '%s' "$REASON" >"$WORK/reason"
        exit $rc
    )
    rc=$?
    REASON=$(cat "$WORK/reason" 2>/dev/null)
    if [ "$rc" != 0 ] && [ "$name" = shared-subscription ] && [ "$v" = mqttv311 ]; then
        # $share is an MQTT 5 feature; over 3.1.1 it is a broker extension, so not offering it is no failure.
        REASON="broker does not offer shared subscriptions over MQTT 3.1.1 ($REASON)"; rc=skip
    fi
    report "$name" "$v" "$rc"
}

echo "# $(mosquitto_sub --help 2>/dev/null | sed -n 's/^mosquitto_sub version \([^ ]*\).*/mosquitto_sub \1/p') against $HOST:$PORT, topics under $BASE/"
for v in mqttv311 mqttv5; do
    run qos0 "$v" check_qos 0
    run qos1 "$v" check_qos 1
    run qos2 "$v" check_qos 2
    run retained "$v" check_retained
    run retained-clear "$v" check_retained_clear
    run persistent-session "$v" check_persistent_session
    run will "$v" check_will
    run no-will-after-disconnect "$v" check_no_will_after_disconnect
    run shared-subscription "$v" check_shared
done
echo "# $N_PASS passed, $N_FAIL failed, $N_SKIP skipped"
exit $FAILED

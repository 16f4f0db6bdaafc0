#!/usr/bin/env python3
"""Checks with paho-mqtt that a broker keeps persistent sessions, their queued QoS 1 messages and
retained messages across a restart.

Run `--phase before`, restart the broker, then `--phase after` with the same arguments. Prints
PASS/FAIL lines like the other interop suites; exit code 1 if anything failed.
"""
import argparse
import sys
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.client import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

VERSIONS = {"v3.1.1": mqtt.MQTTv311, "v5": mqtt.MQTTv5}


def connect(args, client_id, version, persistent):
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=version,
                         clean_session=(None if version == mqtt.MQTTv5 else not persistent))
    if args.username:
        client.username_pw_set(args.username, args.password)
    got = {"present": None, "messages": []}
    ready = threading.Event()

    def on_connect(client, userdata, flags, reason_code, properties):
        got["present"] = flags.session_present
        ready.set()

    def on_message(client, userdata, message):
        got["messages"].append((message.topic, message.payload.decode(), message.retain))

    client.on_connect = on_connect
    client.on_message = on_message
    if version == mqtt.MQTTv5:
        properties = Properties(PacketTypes.CONNECT)
        properties.SessionExpiryInterval = 3600 if persistent else 0
        client.connect(args.host, args.port, 30, clean_start=not persistent, properties=properties)
    else:
        client.connect(args.host, args.port, 30)
    client.loop_start()
    if not ready.wait(args.timeout):
        raise RuntimeError(f"{client_id}: no CONNACK")
    return client, got


def wait_for(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def before(args, name, version):
    keeper, _ = connect(args, f"restart-keeper-{name}", version, persistent=True)
    keeper.subscribe(f"{args.topic_root}/restart-{name}/#", qos=1)
    time.sleep(0.3)
    keeper.disconnect()
    keeper.loop_stop()
    publisher, _ = connect(args, f"restart-pub-{name}", version, persistent=False)
    publisher.publish(f"{args.topic_root}/restart-{name}/queued", b"queued-1", qos=1).wait_for_publish(args.timeout)
    publisher.publish(f"{args.topic_root}/restart-{name}/state", b"retained-1", qos=1, retain=True).wait_for_publish(args.timeout)
    publisher.disconnect()
    publisher.loop_stop()
    print(f"PASS restart-prepared [{name}]")
    return True


def after(args, name, version):
    ok = True
    keeper, got = connect(args, f"restart-keeper-{name}", version, persistent=True)
    expected = {(f"{args.topic_root}/restart-{name}/queued", "queued-1"), (f"{args.topic_root}/restart-{name}/state", "retained-1")}
    arrived = wait_for(lambda: expected <= {(t, p) for t, p, _ in got["messages"]}, args.timeout)
    if got["present"] and arrived:
        print(f"PASS restart-session-and-queue [{name}]")
    else:
        print(f"FAIL restart-session-and-queue [{name}]: session present {got['present']}, got {got['messages']}")
        ok = False
    keeper.disconnect()
    keeper.loop_stop()
    late, late_got = connect(args, f"restart-late-{name}", version, persistent=False)
    late.subscribe(f"{args.topic_root}/restart-{name}/state", qos=1)
    if wait_for(lambda: any(p == "retained-1" and r for _, p, r in late_got["messages"]), args.timeout):
        print(f"PASS restart-retained [{name}]")
    else:
        print(f"FAIL restart-retained [{name}]: got {late_got['messages']}")
        ok = False
    late.publish(f"{args.topic_root}/restart-{name}/state", b"", qos=1, retain=True).wait_for_publish(args.timeout)
    late.disconnect()
    late.loop_stop()
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--topic-root", default="gantry-interop")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--phase", choices=["before", "after"], required=True)
    args = parser.parse_args()
    ok = True
    for name, version in VERSIONS.items():
        try:
            ok &= (before if args.phase == "before" else after)(args, name, version)
        except Exception as error:  # a broken broker must fail the check, not hang it
            print(f"FAIL restart-{args.phase} [{name}]: {error}")
            ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

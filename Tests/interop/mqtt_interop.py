#!/usr/bin/env python3
"""Interoperability checks of a real third-party MQTT client (Eclipse Paho, paho-mqtt 2.x) against a
broker given by host/port.

Every check runs for MQTT 3.1.1 and MQTT 5.0 where the feature exists in that version and prints one
line: ``PASS name [v3.1.1|v5]``, ``FAIL name [v5]: reason`` or ``SKIP name [v3.1.1]: reason``. The exit
code is 1 if any check failed (SKIP is not a failure), 2 on bad usage. Every wait is bounded by
``--timeout`` seconds; checks that something does NOT arrive wait ``--grace`` seconds; a watchdog ends
the whole run after ``--deadline`` seconds, so a broken broker cannot hang CI.

All topics live under ``--topic-root`` (a device login in Gantry is confined to its own subtree) in a
subtree unique to this run; client ids are unique to this run too.

    python3 Tests/interop/mqtt_interop.py --host 127.0.0.1 --port 1883 \
        [--username U --password P] [--topic-root acme/plant1/line1/press-7] [--shared-group NAME]
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from typing import Callable

try:
    import paho.mqtt
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion
    from paho.mqtt.packettypes import PacketTypes
    from paho.mqtt.properties import Properties
    from paho.mqtt.subscribeoptions import SubscribeOptions
except ImportError as error:  # pragma: no cover - environment problem, not a broker problem
    sys.exit(f"mqtt_interop.py needs paho-mqtt 2.x (pip install 'paho-mqtt>=2,<3'): {error}")

V311, V5 = "v3.1.1", "v5"
PROTOCOL = {V311: mqtt.MQTTv311, V5: mqtt.MQTTv5}


class CheckFailed(Exception):
    """The broker did something wrong (or not in time)."""


class CheckSkipped(Exception):
    """The broker legitimately does not offer what the check needs."""


def fail(reason: str) -> None:
    raise CheckFailed(reason)


# --------------------------------------------------------------------------------------------------
# Configuration shared by all checks


class Config:
    def __init__(self, args: argparse.Namespace) -> None:
        self.host: str = args.host
        self.port: int = args.port
        self.username: str | None = args.username
        self.password: str | None = args.password
        self.timeout: float = args.timeout
        self.grace: float = args.grace
        self.transport: str = args.transport
        self.ws_path: str = args.ws_path
        self.cafile: str | None = args.cafile
        self.certfile: str | None = args.cert
        self.keyfile: str | None = args.key
        self.run_id = f"{int(time.time()) % 100000:05d}{secrets.token_hex(3)}"
        root = (args.topic_root or "gantry-interop").strip("/")
        self.base = f"{root}/interop-{self.run_id}"
        self.shared_group: str = args.shared_group or f"interop{self.run_id}"
        self.client_id_prefix: str = args.client_id_prefix
        self._counter = 0
        self._lock = threading.Lock()

    def client_id(self, role: str) -> str:
        with self._lock:
            self._counter += 1
            n = self._counter
        # 23 characters is the only length every 3.1.1 broker must accept; keep ids short but unique.
        return f"{self.client_id_prefix}{self.run_id}{n:03d}{role}"[:64]

    def topic(self, check: str, version: str, *rest: str) -> str:
        return "/".join([self.base, check, version.replace(".", "")] + list(rest))


# --------------------------------------------------------------------------------------------------
# A synchronous wrapper around a paho client: every call waits (bounded) for the broker's answer.


class Conn:
    def __init__(
        self,
        cfg: Config,
        version: str,
        role: str,
        *,
        client_id: str | None = None,
        clean: bool = True,
        session_expiry: int | None = None,
        will: tuple[str, bytes, int, bool] | None = None,
        will_properties: Properties | None = None,
        connect_properties: Properties | None = None,
    ) -> None:
        self.cfg = cfg
        self.version = version
        self.client_id = client_id or cfg.client_id(role)
        self.clean = clean
        self.session_expiry = session_expiry
        self.connect_properties = connect_properties
        self.messages: queue.Queue[mqtt.MQTTMessage] = queue.Queue()
        self._cond = threading.Condition()
        self._acks: dict[tuple[str, int], list] = {}
        self._connack: tuple | None = None
        self.disconnected = threading.Event()
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=self.client_id,
            protocol=PROTOCOL[version],
            clean_session=clean if version == V311 else None,
            reconnect_on_failure=False,
            transport=cfg.transport,
        )
        if cfg.transport == "websockets":
            self.client.ws_set_options(path=cfg.ws_path)
        if cfg.cafile is not None:
            self.client.tls_set(ca_certs=cfg.cafile, certfile=cfg.certfile, keyfile=cfg.keyfile)
        if cfg.username is not None:
            self.client.username_pw_set(cfg.username, cfg.password)
        if will is not None:
            topic, payload, qos, retain = will
            self.client.will_set(topic, payload, qos, retain, properties=will_properties)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        self.client.on_unsubscribe = self._on_unsubscribe
        self.client.on_disconnect = self._on_disconnect
        self.connack_properties: Properties | None = None
        self.session_present: bool | None = None
        self._looping = False

    # paho callbacks (network thread) -------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        with self._cond:
            self._connack = (flags, reason_code, properties)
            self._cond.notify_all()

    def _on_message(self, client, userdata, message) -> None:
        self.messages.put(message)

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties) -> None:
        with self._cond:
            self._acks[("sub", mid)] = list(reason_codes)
            self._cond.notify_all()

    def _on_unsubscribe(self, client, userdata, mid, reason_codes, properties) -> None:
        with self._cond:
            self._acks[("unsub", mid)] = list(reason_codes) if reason_codes else []
            self._cond.notify_all()

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self.disconnected.set()
        with self._cond:
            self._cond.notify_all()

    def _wait(self, predicate: Callable[[], bool], what: str) -> None:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: predicate() or self.disconnected.is_set(), timeout=self.cfg.timeout
            )
        if not ok:
            fail(f"{self.client_id}: no {what} within {self.cfg.timeout:g}s")
        if not predicate():
            fail(f"{self.client_id}: connection closed by the broker while waiting for {what}")

    # operations ----------------------------------------------------------------------------------
    def connect(self, *, clean_start: bool | None = None) -> "Conn":
        props = self.connect_properties
        if self.version == V5 and self.session_expiry is not None:
            props = props or Properties(PacketTypes.CONNECT)
            props.SessionExpiryInterval = self.session_expiry
        kwargs = {}
        if self.version == V5:
            kwargs["clean_start"] = self.clean if clean_start is None else clean_start
            kwargs["properties"] = props
        try:
            self.client.connect(self.cfg.host, self.cfg.port, keepalive=30, **kwargs)
        except OSError as error:
            fail(f"cannot connect to {self.cfg.host}:{self.cfg.port}: {error}")
        self.client.loop_start()
        self._looping = True
        self._wait(lambda: self._connack is not None, "CONNACK")
        flags, reason_code, properties = self._connack
        if reason_code.is_failure:
            fail(f"{self.client_id}: CONNACK refused: {reason_code}")
        self.session_present = bool(flags.session_present)
        self.connack_properties = properties
        return self

    def subscribe(
        self,
        topic: str,
        qos: int = 1,
        *,
        options: SubscribeOptions | None = None,
        properties: Properties | None = None,
        expect_granted: int | None = None,
    ) -> int:
        """Subscribes and returns the granted QoS; fails if refused (or below ``expect_granted``)."""
        if options is not None:
            result, mid = self.client.subscribe(topic, options=options, properties=properties)
        else:
            result, mid = self.client.subscribe(topic, qos, properties=properties)
        if result != mqtt.MQTT_ERR_SUCCESS:
            fail(f"{self.client_id}: SUBSCRIBE {topic!r} not sent: {mqtt.error_string(result)}")
        self._wait(lambda: ("sub", mid) in self._acks, f"SUBACK for {topic!r}")
        codes = self._acks[("sub", mid)]
        if not codes:
            fail(f"{self.client_id}: SUBACK for {topic!r} carries no reason code")
        code = codes[0]
        if code.is_failure:
            fail(f"{self.client_id}: SUBSCRIBE {topic!r} refused: {code}")
        granted = code.value
        wanted = options.QoS if options is not None else qos
        if granted != (wanted if expect_granted is None else expect_granted):
            fail(f"{self.client_id}: SUBSCRIBE {topic!r} at QoS {wanted} was granted QoS {granted}")
        return granted

    def unsubscribe(self, topic: str) -> None:
        result, mid = self.client.unsubscribe(topic)
        if result != mqtt.MQTT_ERR_SUCCESS:
            fail(f"{self.client_id}: UNSUBSCRIBE not sent: {mqtt.error_string(result)}")
        self._wait(lambda: ("unsub", mid) in self._acks, f"UNSUBACK for {topic!r}")
        for code in self._acks[("unsub", mid)]:
            if code.is_failure:
                fail(f"{self.client_id}: UNSUBSCRIBE {topic!r} refused: {code}")

    def publish(
        self,
        topic: str,
        payload: bytes,
        qos: int = 1,
        retain: bool = False,
        properties: Properties | None = None,
    ) -> None:
        """Publishes and waits until the flow is complete (PUBACK / PUBCOMP, or written for QoS 0)."""
        try:
            info = self.client.publish(topic, payload, qos, retain, properties)
            info.wait_for_publish(self.cfg.timeout)
        except (ValueError, RuntimeError) as error:
            fail(f"{self.client_id}: PUBLISH to {topic!r} failed: {error}")
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            fail(f"{self.client_id}: PUBLISH to {topic!r} failed: {mqtt.error_string(info.rc)}")
        if not info.is_published():
            ack = {1: "PUBACK", 2: "PUBCOMP"}.get(qos, "write")
            closed = " (the broker closed the connection)" if self.disconnected.is_set() else ""
            fail(f"{self.client_id}: no {ack} for QoS {qos} PUBLISH within {self.cfg.timeout:g}s{closed}")

    def expect(self, count: int, what: str = "message", timeout: float | None = None) -> list:
        """Waits for exactly ``count`` messages to have arrived; returns them in arrival order."""
        deadline = time.monotonic() + (self.cfg.timeout if timeout is None else timeout)
        got = []
        while len(got) < count:
            remaining = deadline - time.monotonic()
            try:
                got.append(self.messages.get(timeout=max(remaining, 0.001)))
            except queue.Empty:
                summary = ", ".join(f"{m.topic}:{m.payload[:20]!r}" for m in got)
                closed = "; the broker closed the connection" if self.disconnected.is_set() else ""
                fail(
                    f"{self.client_id}: got {len(got)} of {count} {what}(s) within "
                    f"{self.cfg.timeout if timeout is None else timeout:g}s [{summary}]{closed}"
                )
        return got

    def expect_none(self, what: str, grace: float | None = None) -> None:
        """Fails if any message arrives within ``grace`` seconds."""
        try:
            message = self.messages.get(timeout=self.cfg.grace if grace is None else grace)
        except queue.Empty:
            return
        fail(f"{self.client_id}: unexpected {what}: {message.topic} {message.payload[:40]!r}")

    def disconnect(self) -> None:
        """A normal DISCONNECT (reason code 0 in v5)."""
        if self._looping:
            self.client.disconnect()
            self.disconnected.wait(self.cfg.timeout)
            self.client.loop_stop()
            self._looping = False

    def drop(self) -> None:
        """Loses the connection without DISCONNECT: stop the network thread, then close the socket."""
        if self._looping:
            self.client.loop_stop()
            self._looping = False
        sock = self.client.socket()
        # Over WebSocket paho wraps the TCP socket; drop the TCP connection underneath it.
        sock = getattr(sock, "_socket", sock)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        """Best-effort cleanup, never raises."""
        try:
            if self._looping and not self.disconnected.is_set():
                self.client.disconnect()
                self.disconnected.wait(1)
        except Exception:
            pass
        try:
            if self._looping:
                self.client.loop_stop()
                self._looping = False
        except Exception:
            pass


class Session:
    """Tracks connections of one check so they are all closed afterwards."""

    def __init__(self, cfg: Config, version: str) -> None:
        self.cfg = cfg
        self.version = version
        self.conns: list[Conn] = []
        self.cleanups: list[Callable[[], None]] = []

    def conn(self, role: str, *, connect: bool = True, **kwargs) -> Conn:
        c = Conn(self.cfg, self.version, role, **kwargs)
        self.conns.append(c)
        return c.connect() if connect else c

    def forget_session(self, client_id: str) -> None:
        """Ends a persistent session on the broker: reconnect clean (and with expiry 0), disconnect."""
        c = Conn(self.cfg, self.version, "x", client_id=client_id, clean=True, session_expiry=0)
        try:
            c.connect()
            c.disconnect()
        finally:
            c.close()

    def clear_retained(self, topic: str) -> None:
        c = Conn(self.cfg, self.version, "clr")
        try:
            c.connect()
            c.publish(topic, b"", 1, retain=True)
            c.disconnect()
        finally:
            c.close()

    def close(self) -> None:
        for c in self.conns:
            c.close()
        for cleanup in self.cleanups:
            try:
                cleanup()
            except Exception:
                pass


def props(packet_type: int, **values) -> Properties:
    p = Properties(packet_type)
    for name, value in values.items():
        setattr(p, name, value)
    return p


def prop(message: mqtt.MQTTMessage, name: str, default=None):
    return getattr(message.properties, name, default) if message.properties is not None else default


# --------------------------------------------------------------------------------------------------
# Checks. Each takes (Session, topic-of-this-check) and raises CheckFailed / CheckSkipped.

PAYLOADS = [
    bytes(range(256)),  # every byte value, including NUL and invalid UTF-8
    b"",  # empty (non-retained) payload
    "héllo wörld ✓".encode(),
    os.urandom(20000),  # needs a 3-byte Remaining Length
]


def qos_delivery(pub_qos: int):
    def check(s: Session, t: str) -> None:
        subscribers = {}
        for sub_qos in (0, 1, 2):
            c = s.conn(f"s{sub_qos}")
            c.subscribe(t, sub_qos)
            subscribers[sub_qos] = c
        publisher = s.conn("p")
        for payload in PAYLOADS:
            publisher.publish(t, payload, pub_qos)
        for sub_qos, c in subscribers.items():
            got = c.expect(len(PAYLOADS), f"QoS {pub_qos} message at subscription QoS {sub_qos}")
            for sent, m in zip(PAYLOADS, got):
                if m.topic != t:
                    fail(f"published to {t!r}, delivered with topic {m.topic!r}")
                if m.payload != sent:
                    fail(
                        f"sub QoS {sub_qos}: payload of {len(sent)} bytes delivered as {len(m.payload)} "
                        f"bytes, or out of order"
                    )
                if m.qos != min(pub_qos, sub_qos):
                    fail(
                        f"published at QoS {pub_qos} to a QoS {sub_qos} subscription, delivered at QoS "
                        f"{m.qos} instead of {min(pub_qos, sub_qos)}"
                    )
                if m.retain:
                    fail("non-retained message delivered with the retain flag set")
            c.expect_none("duplicate", grace=0.2)

    return check


def check_retained(s: Session, t: str) -> None:
    s.cleanups.append(lambda: s.clear_retained(t))
    publisher = s.conn("p")
    publisher.publish(t, b"retained-1", 1, retain=True)
    publisher.publish(t, b"retained-2", 1, retain=True)  # replaces the first
    late = s.conn("s")
    late.subscribe(t, 1)
    (m,) = late.expect(1, "retained message")
    if m.payload != b"retained-2":
        fail(f"later subscriber got {m.payload!r}, not the last retained message b'retained-2'")
    if not m.retain:
        fail("retained message delivered to a new subscriber without the retain flag")
    if m.qos != 1:
        fail(f"retained QoS 1 message delivered at QoS {m.qos} to a QoS 1 subscription")
    late.expect_none("second retained message", grace=0.3)


def check_retained_live_flag(s: Session, t: str) -> None:
    s.cleanups.append(lambda: s.clear_retained(t))
    live = s.conn("s")
    live.subscribe(t, 1)
    s.conn("p").publish(t, b"live", 1, retain=True)
    (m,) = live.expect(1, "message")
    # 3.1.1 §3.3.1.3 and 5.0 §3.3.1.3 (Retain As Published = 0): flag is 0 for an established subscription.
    if m.retain:
        fail("retained message forwarded to an established subscription with the retain flag set")


def check_retained_clear(s: Session, t: str) -> None:
    s.cleanups.append(lambda: s.clear_retained(t))
    publisher = s.conn("p")
    publisher.publish(t, b"soon-gone", 1, retain=True)
    probe = s.conn("s1")
    probe.subscribe(t, 1)
    probe.expect(1, "retained message")
    publisher.publish(t, b"", 1, retain=True)
    late = s.conn("s2")
    late.subscribe(t, 1)
    late.expect_none("retained message after it was cleared by an empty retained publish")


def check_will(s: Session, t: str) -> None:
    observer = s.conn("o")
    observer.subscribe(t, 1)
    dying = s.conn("w", will=(t, b"gone-abruptly", 1, False))
    dying.drop()
    (m,) = observer.expect(1, "will message")
    if m.payload != b"gone-abruptly":
        fail(f"will payload {m.payload!r}")
    if m.qos != 1 or m.retain:
        fail(f"will delivered at QoS {m.qos} retain={m.retain}, expected QoS 1 not retained")


def check_no_will_after_disconnect(s: Session, t: str) -> None:
    observer = s.conn("o")
    observer.subscribe(t, 1)
    leaving = s.conn("w", will=(t, b"should-not-appear", 1, False))
    leaving.disconnect()
    observer.expect_none("will message after a normal DISCONNECT", grace=max(s.cfg.grace, 1.5))


WILL_DELAY = 2


def check_will_delay(s: Session, t: str) -> None:
    observer = s.conn("o")
    observer.subscribe(t, 1)
    # The session must outlive the connection, or the will goes out when the session ends (§3.1.3.2.2).
    dying = s.conn(
        "w",
        session_expiry=60,
        will=(t, b"delayed-will", 1, False),
        will_properties=props(PacketTypes.WILLMESSAGE, WillDelayInterval=WILL_DELAY),
    )
    s.cleanups.append(lambda: s.forget_session(dying.client_id))
    dropped_at = time.monotonic()
    dying.drop()
    observer.expect_none("will message before the will delay interval", grace=WILL_DELAY - 0.7)
    (m,) = observer.expect(1, "delayed will message", timeout=s.cfg.timeout + WILL_DELAY)
    waited = time.monotonic() - dropped_at
    if m.payload != b"delayed-will":
        fail(f"will payload {m.payload!r}")
    if waited < WILL_DELAY - 0.7:
        fail(f"will published {waited:.1f}s after the drop, will delay is {WILL_DELAY}s")


def check_will_delay_cancel(s: Session, t: str) -> None:
    observer = s.conn("o")
    observer.subscribe(t, 1)
    dying = s.conn(
        "w",
        session_expiry=60,
        will=(t, b"cancelled-will", 1, False),
        will_properties=props(PacketTypes.WILLMESSAGE, WillDelayInterval=WILL_DELAY),
    )
    s.cleanups.append(lambda: s.forget_session(dying.client_id))
    dying.drop()
    time.sleep(0.5)  # let the broker notice the drop first
    back = s.conn("r", client_id=dying.client_id, clean=False, session_expiry=60)
    if not back.session_present:
        fail("reconnect within the will delay found no session (session present = 0)")
    observer.expect_none(
        "will message although the client reconnected within the will delay", grace=WILL_DELAY + 1.5
    )
    back.disconnect()


def check_persistent_session(s: Session, t: str) -> None:
    version = s.version
    expiry = 300 if version == V5 else None
    first = s.conn("c", clean=(version == V5), session_expiry=expiry, connect=False)
    # 3.1.1: clean session = 0 from the start; 5.0: clean start = 1 now, a Session Expiry Interval > 0.
    first.connect()
    s.cleanups.append(lambda: s.forget_session(first.client_id))
    first.subscribe(t, 1)
    first.disconnect()

    publisher = s.conn("p")
    sent = [f"queued-{i}".encode() for i in range(3)]
    for payload in sent:
        publisher.publish(t, payload, 1)

    again = s.conn("c2", client_id=first.client_id, clean=False, session_expiry=expiry)
    if not again.session_present:
        fail("reconnect with " + ("clean session = 0" if version == V311 else "clean start = 0")
             + " got session present = 0")
    got = again.expect(len(sent), "queued message")
    if [m.payload for m in got] != sent:
        fail(f"queued messages delivered as {[m.payload for m in got]}, expected {sent}")
    if any(m.qos != 1 for m in got):
        fail(f"queued messages delivered at QoS {[m.qos for m in got]}, expected 1")
    # The subscription itself survived too.
    publisher.publish(t, b"live-after-reconnect", 1)
    (m,) = again.expect(1, "message on the resumed subscription")
    if m.payload != b"live-after-reconnect":
        fail(f"resumed subscription delivered {m.payload!r}")
    again.disconnect()


def check_shared_subscription(s: Session, t: str) -> None:
    lenient = s.version == V311  # $share is a 5.0 feature; in 3.1.1 it is a broker extension.

    def not_offered(reason: str) -> None:
        if lenient:
            raise CheckSkipped(f"broker does not offer shared subscriptions over MQTT 3.1.1 ({reason})")
        fail(reason)

    if s.version == V5:
        probe = s.conn("q")
        available = prop_of(probe.connack_properties, "SharedSubscriptionAvailable", 1)
        probe.disconnect()
        if available == 0:
            fail("CONNACK says Shared Subscription Available = 0")
    shared = f"$share/{s.cfg.shared_group}/{t}"
    members = [s.conn("m1"), s.conn("m2")]
    for member in members:
        try:
            member.subscribe(shared, 1)
        except CheckFailed as error:
            not_offered(str(error))
    publisher = s.conn("p")
    sent = [f"work-{i}".encode() for i in range(20)]
    for payload in sent:
        publisher.publish(t, payload, 1)
    deadline = time.monotonic() + s.cfg.timeout
    received: list[list[bytes]] = [[], []]
    while sum(map(len, received)) < len(sent) and time.monotonic() < deadline:
        for i, member in enumerate(members):
            try:
                while True:
                    received[i].append(member.messages.get_nowait().payload)
            except queue.Empty:
                pass
        time.sleep(0.05)
    time.sleep(0.3)  # let any duplicate arrive
    for i, member in enumerate(members):
        try:
            while True:
                received[i].append(member.messages.get_nowait().payload)
        except queue.Empty:
            pass
    together = sorted(received[0] + received[1])
    if not received[0] and not received[1]:
        not_offered(f"no member of {shared!r} received any of {len(sent)} messages")
    if together != sorted(sent):
        missing = len(set(sent) - set(together))
        extra = len(together) - len(set(together))
        not_offered(
            f"members got {len(received[0])} + {len(received[1])} messages for {len(sent)} published "
            f"({missing} missing, {extra} duplicates): expected each message exactly once in the group"
        )
    if not received[0] or not received[1]:
        fail(f"one member got all {len(sent)} messages, the other none: messages are not shared")


def prop_of(properties: Properties | None, name: str, default):
    return getattr(properties, name, default) if properties is not None else default


def check_topic_alias(s: Session, t: str) -> None:
    subscriber = s.conn("s")  # announces no Topic Alias Maximum, so the broker must send full topics
    subscriber.subscribe(f"{t}/#", 1)
    publisher = s.conn("p")
    maximum = prop_of(publisher.connack_properties, "TopicAliasMaximum", 0)
    if maximum < 2:
        raise CheckSkipped(f"broker's CONNACK Topic Alias Maximum is {maximum}; the check needs 2")
    a, b = f"{t}/a", f"{t}/b"
    steps = [
        (a, 1, b"a-set"),  # topic + alias 1: establishes the mapping
        (b, 2, b"b-set"),
        ("", 1, b"a-alias-1"),  # alias only, empty topic name
        ("", 2, b"b-alias-1"),
        ("", 1, b"a-alias-2"),
    ]
    for topic, alias, payload in steps:
        publisher.publish(topic, payload, 1, properties=props(PacketTypes.PUBLISH, TopicAlias=alias))
    got = subscriber.expect(len(steps), "message")
    expected = [(a, b"a-set"), (b, b"b-set"), (a, b"a-alias-1"), (b, b"b-alias-1"), (a, b"a-alias-2")]
    got_pairs = [(m.topic, m.payload) for m in got]
    # Order is only guaranteed per topic; compare per topic.
    for topic in (a, b):
        want = [p for (tt, p) in expected if tt == topic]
        have = [p for (tt, p) in got_pairs if tt == topic]
        if want != have:
            fail(f"on {topic!r} expected {want}, received {have} (all: {got_pairs})")
    for m in got:
        if prop(m, "TopicAlias") is not None:
            fail("broker sent a Topic Alias to a client whose Topic Alias Maximum is 0")


def check_message_expiry(s: Session, t: str) -> None:
    sleeper = s.conn("c", session_expiry=300)
    s.cleanups.append(lambda: s.forget_session(sleeper.client_id))
    sleeper.subscribe(t, 1)
    sleeper.disconnect()
    publisher = s.conn("p")
    publisher.publish(t, b"short-lived", 1, properties=props(PacketTypes.PUBLISH, MessageExpiryInterval=1))
    publisher.publish(t, b"long-lived", 1, properties=props(PacketTypes.PUBLISH, MessageExpiryInterval=60))
    time.sleep(2.2)
    again = s.conn("c2", client_id=sleeper.client_id, clean=False, session_expiry=300)
    if not again.session_present:
        fail("reconnect with clean start = 0 got session present = 0")
    (m,) = again.expect(1, "queued message")
    if m.payload == b"short-lived":
        fail("a message with Message Expiry Interval 1 s was delivered after 2 s offline")
    if m.payload != b"long-lived":
        fail(f"unexpected payload {m.payload!r}")
    remaining = prop(m, "MessageExpiryInterval")
    if remaining is None:
        fail("the queued message lost its Message Expiry Interval")
    if not remaining < 60:
        fail(f"Message Expiry Interval is {remaining} after 2 s in the queue; must be decreased (< 60)")
    again.expect_none("expired message")
    again.disconnect()


def check_subscription_identifier(s: Session, t: str) -> None:
    c = s.conn("s")
    sub_props = props(PacketTypes.SUBSCRIBE, SubscriptionIdentifier=7)
    c.subscribe(f"{t}/a", 1, properties=sub_props)
    c.subscribe(f"{t}/b/#", 1, properties=props(PacketTypes.SUBSCRIBE, SubscriptionIdentifier=268435455))
    c.subscribe(f"{t}/c", 1)  # no identifier
    publisher = s.conn("p")
    for sub in ("a", "b/x", "c"):
        publisher.publish(f"{t}/{sub}", sub.encode(), 1)
    got = {m.payload: prop(m, "SubscriptionIdentifier") for m in c.expect(3, "message")}
    want = {b"a": [7], b"b/x": [268435455], b"c": None}
    if got != want:
        fail(f"Subscription Identifiers delivered {got}, expected {want}")


def check_no_local(s: Session, t: str) -> None:
    me = s.conn("me")
    me.subscribe(t, options=SubscribeOptions(qos=1, noLocal=True))
    other = s.conn("other")
    other.subscribe(t, 1)
    me.publish(t, b"from-me", 1)
    (m,) = other.expect(1, "message")  # the broker did route it
    other.publish(t, b"from-other", 1)
    (m,) = me.expect(1, "message from another client")
    if m.payload != b"from-other":
        fail(f"no-local subscriber received its own message {m.payload!r}")
    me.expect_none("own message on a No Local subscription")


def check_request_response(s: Session, t: str) -> None:
    request_topic, response_topic = f"{t}/request", f"{t}/response"
    correlation = b"\x00corr\xff" + secrets.token_bytes(8)
    responder = s.conn("rsp")
    responder.subscribe(request_topic, 1)
    requester = s.conn("req")
    requester.subscribe(response_topic, 1)
    requester.publish(
        request_topic,
        b"what is the pressure?",
        1,
        properties=props(PacketTypes.PUBLISH, ResponseTopic=response_topic, CorrelationData=correlation),
    )
    (request,) = responder.expect(1, "request")
    if prop(request, "ResponseTopic") != response_topic:
        fail(f"Response Topic arrived as {prop(request, 'ResponseTopic')!r}")
    if prop(request, "CorrelationData") != correlation:
        fail(f"Correlation Data arrived as {prop(request, 'CorrelationData')!r}, sent {correlation!r}")
    responder.publish(
        prop(request, "ResponseTopic"),
        b"4.2 bar",
        1,
        properties=props(PacketTypes.PUBLISH, CorrelationData=prop(request, "CorrelationData")),
    )
    (response,) = requester.expect(1, "response")
    if response.topic != response_topic or response.payload != b"4.2 bar":
        fail(f"response arrived as {response.topic!r} {response.payload!r}")
    if prop(response, "CorrelationData") != correlation:
        fail("Correlation Data of the response does not match the request's")


def check_user_properties(s: Session, t: str) -> None:
    pairs = [("unit", "bar"), ("k", "1"), ("k", "2"), ("ünï", "çødé ✓"), ("", ""), ("k", "1")]
    subscriber = s.conn("s")
    subscriber.subscribe(t, 1)
    publisher = s.conn("p")
    p = Properties(PacketTypes.PUBLISH)
    p.UserProperty = pairs
    publisher.publish(t, b"with-user-properties", 1, properties=p)
    (m,) = subscriber.expect(1, "message")
    got = [tuple(pair) for pair in (prop(m, "UserProperty") or [])]
    if got != pairs:
        fail(f"User Properties arrived as {got}, sent {pairs} (order and repeats must be kept)")


def check_unsubscribe(s: Session, t: str) -> None:
    subscriber = s.conn("s")
    subscriber.subscribe(t, 1)
    subscriber.subscribe(f"{t}/barrier", 1)
    publisher = s.conn("p")
    publisher.publish(t, b"before", 1)
    (m,) = subscriber.expect(1, "message before unsubscribing")
    subscriber.unsubscribe(t)
    publisher.publish(t, b"after", 1)
    publisher.publish(f"{t}/barrier", b"barrier", 1)
    got = subscriber.expect(1, "message on the remaining subscription")
    try:
        got += [subscriber.messages.get(timeout=s.cfg.grace)]
    except queue.Empty:
        pass
    if any(m.payload == b"after" for m in got):
        fail("message delivered after UNSUBACK")
    if [m.payload for m in got] != [b"barrier"]:
        fail(f"unexpected messages {[m.payload for m in got]}")


def wildcard_check(filter_suffix: str, matching: list[str], other: list[str]):
    def check(s: Session, t: str) -> None:
        subscriber = s.conn("s")
        subscriber.subscribe(f"{t}/{filter_suffix}", 1)
        publisher = s.conn("p")
        for sub in matching + other:
            publisher.publish(f"{t}/{sub}", sub.encode(), 1)
        got = subscriber.expect(len(matching), "matching message")
        try:
            while True:
                got.append(subscriber.messages.get(timeout=s.cfg.grace))
        except queue.Empty:
            pass
        have = sorted(m.topic for m in got)
        want = sorted(f"{t}/{sub}" for sub in matching)
        if have != want:
            rel = [x[len(t) + 1:] if x.startswith(t + "/") else x for x in have]
            fail(f"filter '{filter_suffix}' delivered {rel}, expected {sorted(matching)}")

    return check


CHECKS: list[tuple[str, tuple[str, ...], Callable[[Session, str], None]]] = [
    ("qos0", (V311, V5), qos_delivery(0)),
    ("qos1", (V311, V5), qos_delivery(1)),
    ("qos2", (V311, V5), qos_delivery(2)),
    ("retained", (V311, V5), check_retained),
    ("retained-live-flag", (V311, V5), check_retained_live_flag),
    ("retained-clear", (V311, V5), check_retained_clear),
    ("will", (V311, V5), check_will),
    ("no-will-after-disconnect", (V311, V5), check_no_will_after_disconnect),
    ("will-delay", (V5,), check_will_delay),
    ("will-delay-cancel", (V5,), check_will_delay_cancel),
    ("persistent-session", (V311, V5), check_persistent_session),
    ("shared-subscription", (V311, V5), check_shared_subscription),
    ("topic-alias", (V5,), check_topic_alias),
    ("message-expiry", (V5,), check_message_expiry),
    ("subscription-identifier", (V5,), check_subscription_identifier),
    ("no-local", (V5,), check_no_local),
    ("request-response", (V5,), check_request_response),
    ("user-properties", (V5,), check_user_properties),
    ("unsubscribe", (V311, V5), check_unsubscribe),
    (
        "wildcard-plus",
        (V311, V5),
        wildcard_check("+/temp", ["m1/temp", "m2/temp", "hall/temp"], ["m1/x/temp", "m1/pressure", "temp"]),
    ),
    (
        "wildcard-hash",
        (V311, V5),
        wildcard_check("hall/#", ["hall", "hall/temp", "hall/a/b"], ["hallway", "m1/hall", "m1/temp"]),
    ),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1883)
    parser.add_argument("--username", help="device login name (optional)")
    parser.add_argument("--password", help="device login password (optional)")
    parser.add_argument("--topic-root", default="", help="prefix of every topic used (a device's subtree)")
    parser.add_argument("--shared-group", default="", help="share name for $share/NAME/... (default: per run)")
    parser.add_argument("--client-id-prefix", default="ia", help="prefix of every client id (default: ia)")
    parser.add_argument("--timeout", type=float, default=5.0, help="bound of every wait, seconds (default 5)")
    parser.add_argument("--grace", type=float, default=1.0,
                        help="how long to wait for something that must NOT arrive, seconds (default 1)")
    parser.add_argument("--deadline", type=float, default=600.0, help="watchdog for the whole run, seconds")
    parser.add_argument("--only", default="", help="regular expression: run only checks whose name matches")
    parser.add_argument("--protocol", choices=["all", "3.1.1", "5"], default="all")
    parser.add_argument("--transport", choices=["tcp", "websockets"], default="tcp",
                        help="MQTT over TCP, or over WebSocket (subprotocol mqtt) at --ws-path")
    parser.add_argument("--ws-path", default="/mqtt", help="WebSocket path (default /mqtt)")
    parser.add_argument("--cafile", help="TLS: the CA that signed the broker's certificate (turns TLS on)")
    parser.add_argument("--cert", help="TLS: a client certificate (PEM) to present")
    parser.add_argument("--key", help="TLS: the client certificate's key (PEM)")
    parser.add_argument("--verbose", action="store_true", help="print a traceback for failures")
    args = parser.parse_args()
    if args.password is not None and args.username is None:
        parser.error("--password needs --username")

    def watchdog(signum, frame):
        print(f"FAIL watchdog: the run exceeded --deadline {args.deadline:g}s", flush=True)
        os._exit(1)

    signal.signal(signal.SIGALRM, watchdog)
    signal.alarm(int(args.deadline))

    cfg = Config(args)
    print(f"# paho-mqtt {paho.mqtt.__version__} against {cfg.host}:{cfg.port} ({cfg.transport}), "
          f"topics under {cfg.base}/", flush=True)
    versions = {"all": (V311, V5), "3.1.1": (V311,), "5": (V5,)}[args.protocol]
    only = re.compile(args.only) if args.only else None
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    for name, check_versions, check in CHECKS:
        if only and not only.search(name):
            continue
        for version in check_versions:
            if version not in versions:
                continue
            session = Session(cfg, version)
            try:
                check(session, cfg.topic(name, version))
                verdict, line = "PASS", f"PASS {name} [{version}]"
            except CheckSkipped as skipped:
                verdict, line = "SKIP", f"SKIP {name} [{version}]: {skipped}"
            except CheckFailed as failed:
                verdict, line = "FAIL", f"FAIL {name} [{version}]: {failed}"
                if args.verbose:
                    traceback.print_exc()
            except Exception as error:  # a bug in a check, or an unexpected client-side error
                verdict, line = "FAIL", f"FAIL {name} [{version}]: {type(error).__name__}: {error}"
                if args.verbose:
                    traceback.print_exc()
            finally:
                session.close()
            counts[verdict] += 1
            print(line, flush=True)
    print(f"# {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped", flush=True)
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())

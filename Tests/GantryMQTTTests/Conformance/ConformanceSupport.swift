import GantryTesting
import Synchronization
import Testing

@testable import GantryMQTT

/// The bytes the conformance tests share: CONNECT and CONNACK for each version, written out.
enum Wire {
    /// A will for `connect`: topic and payload as text, MQTT 5 will properties as hex.
    struct Will {
        var topic: String
        var payload: String
        var qos: UInt8 = 0
        var retain = false
        var properties = ""
    }

    /// CONNECT, clean start, keep-alive 60, client identifier `id` (at most 127 bytes).
    ///
    /// `properties` are MQTT 5 CONNECT properties as hex (their length is prepended here);
    /// 3.1.1 ignores them.
    static func connect(
        _ version: ProtocolVersion, id: String, cleanStart: Bool = true, keepAlive: UInt16 = 60,
        properties: String = "", will: Will? = nil
    )
        -> String
    {
        var flags: UInt8 = cleanStart ? 0x02 : 0x00
        if let will { flags |= 0x04 | will.qos << 3 | (will.retain ? 0x20 : 0) }
        let keep = RawMQTTConnection.hex([UInt8(keepAlive >> 8), UInt8(keepAlive & 0xFF)])
        var body = "00 04 4d 51 54 54 \(hexByte(Int(version.rawValue))) \(hexByte(Int(flags))) \(keep)"
        if version == .v5 { body += " " + propertyBlock(properties) }
        body += " " + string(id)
        if let will {
            if version == .v5 { body += " " + propertyBlock(will.properties) }
            body += " " + string(will.topic) + " " + string(will.payload)
        }
        return packet(0x10, body)
    }

    /// The broker's CONNACK to a plain CONNECT with default limits: session not present, success.
    /// In 5.0 it announces Receive Maximum 1024, Topic Alias Maximum 64, Maximum Packet Size 1 MiB.
    static func connack(_ version: ProtocolVersion, sessionPresent: Bool = false) -> String {
        let present = sessionPresent ? "01" : "00"
        switch version {
        case .v311: return "20 02 \(present) 00"
        case .v5: return "20 0e \(present) 00 0b 21 04 00 22 00 40 27 00 10 00 00"
        }
    }

    /// SUBSCRIBE with packet identifier `packetID` for one filter (shorter than 128 bytes in all).
    /// `options` is the whole subscription options byte; in 3.1.1 only the QoS bits are allowed.
    static func subscribe(
        _ version: ProtocolVersion, packetID: UInt8 = 1, filter: String, qos: UInt8, options: UInt8 = 0,
        properties: String = ""
    ) -> String {
        let header = "00 \(hexByte(Int(packetID)))" + (version == .v5 ? " " + propertyBlock(properties) : "")
        return packet(0x82, header + " " + string(filter) + " " + hexByte(Int(qos | options)))
    }

    /// SUBACK granting `qos` for packet identifier `packetID`.
    static func suback(_ version: ProtocolVersion, packetID: UInt8 = 1, code: UInt8) -> String {
        version == .v5
            ? "90 04 00 \(hexByte(Int(packetID))) 00 \(hexByte(Int(code)))"
            : "90 03 00 \(hexByte(Int(packetID))) \(hexByte(Int(code)))"
    }

    /// PUBLISH of `payload` to `topic` with the given QoS, packet identifier and flags; 5.0 adds
    /// `properties` (hex, length prepended here), empty by default.
    static func publish(
        _ version: ProtocolVersion, topic: String, payload: String, qos: UInt8 = 0, packetID: UInt8 = 0,
        retain: Bool = false, duplicate: Bool = false, properties: String = ""
    ) -> String {
        let first = 0x30 | (duplicate ? 0x08 : 0) | qos << 1 | (retain ? 1 : 0)
        var body = string(topic)
        if qos > 0 { body += " 00 \(hexByte(Int(packetID)))" }
        if version == .v5 { body += " " + propertyBlock(properties) }
        if !payload.isEmpty { body += " " + RawMQTTConnection.hex(Array(payload.utf8)) }
        return packet(first, body)
    }

    /// A packet from its first byte and its body, with the remaining length worked out.
    static func packet(_ first: UInt8, _ body: String) -> String {
        let bytes = RawMQTTConnection.bytes(body)
        let header = RawMQTTConnection.hex([first] + variableByteInteger(bytes.count))
        return bytes.isEmpty ? header : header + " " + RawMQTTConnection.hex(bytes)
    }

    /// A UTF-8 string field: two length bytes, then the text.
    static func string(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return RawMQTTConnection.hex([UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes)
    }

    /// A property block: its length as a Variable Byte Integer, then the properties.
    static func propertyBlock(_ properties: String) -> String {
        let bytes = RawMQTTConnection.bytes(properties)
        return RawMQTTConnection.hex(variableByteInteger(bytes.count) + bytes)
    }

    static func variableByteInteger(_ value: Int) -> [UInt8] {
        var remaining = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(remaining & 0x7F)
            remaining >>= 7
            if remaining > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while remaining > 0
        return bytes
    }

    static func hexByte(_ value: Int) -> String { RawMQTTConnection.hex([UInt8(value)]) }
}

/// A connected client on the test broker, after the CONNACK has been checked byte for byte.
func connected(
    _ broker: TestBroker, _ version: ProtocolVersion, id: String, cleanStart: Bool = true,
    sessionPresent: Bool = false, properties: String = "", will: Wire.Will? = nil,
    connack: String? = nil
) async throws -> RawMQTTConnection {
    let connection = try await RawMQTTConnection.connect(port: broker.port)
    try await connection.send(
        Wire.connect(version, id: id, cleanStart: cleanStart, properties: properties, will: will))
    let expected = connack ?? Wire.connack(version, sessionPresent: sessionPresent)
    #expect(try await connection.receive(expected) == expected)
    return connection
}

/// A connected client that has subscribed to `filter` and seen its SUBACK granting `qos`.
func subscribed(
    _ broker: TestBroker, _ version: ProtocolVersion, id: String, filter: String, qos: UInt8,
    properties: String = "", connack: String? = nil
) async throws -> RawMQTTConnection {
    let client = try await connected(broker, version, id: id, properties: properties, connack: connack)
    try await client.send(Wire.subscribe(version, filter: filter, qos: qos))
    let suback = Wire.suback(version, code: qos)
    #expect(try await client.receive(suback) == suback)
    return client
}

extension RawMQTTConnection {
    /// Reads one whole packet (fixed header, remaining length, body) as hex; what arrived if the
    /// broker closed first, or "" on timeout.
    func packet(timeout: Duration = Patience.reply) async throws -> String {
        var header = try await receive(count: 2, timeout: timeout)
        guard header.count == 2 else { return Self.hex(header) }
        var length = Int(header[1] & 0x7F)
        var shift = 7
        while header.last! & 0x80 != 0, header.count < 5 {
            let next = try await receive(count: 1, timeout: timeout)
            guard let byte = next.first else { return Self.hex(header) }
            header.append(byte)
            length |= Int(byte & 0x7F) << shift
            shift += 7
        }
        let body = try await receive(count: length, timeout: timeout)
        return Self.hex(header + body)
    }
}

/// Reads a DISCONNECT (5.0) and returns its reason code (0 when the packet leaves it out),
/// skipping any properties; nil if the broker sent something else or nothing.
func disconnectReason(_ connection: RawMQTTConnection) async throws -> UInt8? {
    let packet = RawMQTTConnection.bytes(try await connection.packet())
    guard packet.first == 0xE0 else { return nil }
    var index = 1
    while index < packet.count, packet[index] & 0x80 != 0 { index += 1 }
    return index + 1 < packet.count ? packet[index + 1] : 0
}

/// Waits until `condition` holds, polling; false if it still does not after `timeout`.
func eventually(timeout: Duration = Patience.reply, _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

extension TestBroker {
    /// Connections the broker counts as connected; a dropped client leaves the count as it closes.
    var connectedClients: Int { broker.statistics.connectedClients.load(ordering: .relaxed) }

    /// Whether the broker keeps a session for `clientID` with no connection attached: a closed
    /// connection's session has been detached, so what is published now is queued for it.
    func hasDetachedSession(_ clientID: String) -> Bool {
        broker.registry.withLock { $0.sessions[clientID] }?.state.withLock { !$0.machine.isOnline } ?? false
    }

    /// Whether a delayed will of `clientID` waits to go out; a will taken off this list is never published.
    func hasPendingWill(_ clientID: String) -> Bool {
        broker.registry.withLock { $0.pendingWills[clientID] != nil }
    }
}

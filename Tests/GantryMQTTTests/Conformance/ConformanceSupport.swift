import GantryMQTT
import GantryTesting
import Testing

/// The bytes the conformance tests share: CONNECT and CONNACK for each version, written out.
enum Wire {
    /// CONNECT, clean start, keep-alive 60, client identifier `id` (at most 127 bytes).
    static func connect(
        _ version: ProtocolVersion, id: String, cleanStart: Bool = true, keepAlive: UInt16 = 60
    )
        -> String
    {
        let idBytes = RawMQTTConnection.hex(Array(id.utf8))
        let flags = cleanStart ? "02" : "00"
        let keep = RawMQTTConnection.hex([UInt8(keepAlive >> 8), UInt8(keepAlive & 0xFF)])
        switch version {
        case .v311:
            let length = 10 + 2 + id.utf8.count
            return "10 \(hexByte(length)) 00 04 4d 51 54 54 04 \(flags) \(keep) 00 \(hexByte(id.utf8.count)) \(idBytes)"
        case .v5:
            let length = 11 + 2 + id.utf8.count
            return
                "10 \(hexByte(length)) 00 04 4d 51 54 54 05 \(flags) \(keep) 00 00 \(hexByte(id.utf8.count)) \(idBytes)"
        }
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
    static func subscribe(_ version: ProtocolVersion, packetID: UInt8 = 1, filter: String, qos: UInt8) -> String {
        let filterBytes = RawMQTTConnection.hex(Array(filter.utf8))
        let properties = version == .v5 ? " 00" : ""
        let length = 2 + (version == .v5 ? 1 : 0) + 2 + filter.utf8.count + 1
        return "82 \(hexByte(length)) 00 \(hexByte(Int(packetID)))\(properties) 00 \(hexByte(filter.utf8.count)) "
            + "\(filterBytes) \(hexByte(Int(qos)))"
    }

    /// SUBACK granting `qos` for packet identifier `packetID`.
    static func suback(_ version: ProtocolVersion, packetID: UInt8 = 1, code: UInt8) -> String {
        version == .v5
            ? "90 04 00 \(hexByte(Int(packetID))) 00 \(hexByte(Int(code)))"
            : "90 03 00 \(hexByte(Int(packetID))) \(hexByte(Int(code)))"
    }

    /// PUBLISH of `payload` to `topic` with the given QoS, packet identifier and flags; 5.0 adds empty properties.
    static func publish(
        _ version: ProtocolVersion, topic: String, payload: String, qos: UInt8 = 0, packetID: UInt8 = 0,
        retain: Bool = false, duplicate: Bool = false
    ) -> String {
        let first = 0x30 | (duplicate ? 0x08 : 0) | Int(qos) << 1 | (retain ? 1 : 0)
        var body = "00 \(hexByte(topic.utf8.count)) " + RawMQTTConnection.hex(Array(topic.utf8))
        if qos > 0 { body += " 00 \(hexByte(Int(packetID)))" }
        if version == .v5 { body += " 00" }
        if !payload.isEmpty { body += " " + RawMQTTConnection.hex(Array(payload.utf8)) }
        return "\(hexByte(first)) \(hexByte(RawMQTTConnection.bytes(body).count)) \(body)"
    }

    static func hexByte(_ value: Int) -> String { RawMQTTConnection.hex([UInt8(value)]) }
}

/// A connected client on the test broker, after the CONNACK has been checked byte for byte.
func connected(
    _ broker: TestBroker, _ version: ProtocolVersion, id: String, cleanStart: Bool = true,
    sessionPresent: Bool = false
) async throws -> RawMQTTConnection {
    let connection = try await RawMQTTConnection.connect(port: broker.port)
    try await connection.send(Wire.connect(version, id: id, cleanStart: cleanStart))
    let expected = Wire.connack(version, sessionPresent: sessionPresent)
    #expect(try await connection.receive(expected) == expected)
    return connection
}

/// Reads a DISCONNECT (5.0) and returns its reason code, skipping any properties; nil if the
/// broker sent something else or nothing.
func disconnectReason(_ connection: RawMQTTConnection) async throws -> UInt8? {
    let header = try await connection.receive(count: 2)
    guard header.count == 2, header[0] == 0xE0 else { return nil }
    let body = try await connection.receive(count: Int(header[1]))
    return body.first ?? 0
}

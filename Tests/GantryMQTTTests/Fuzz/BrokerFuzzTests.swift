import GantryMQTT
import GantryTesting
import Testing

/// The live half of the fuzz run: mutated packets on fresh connections to a running broker.
///
/// Where the codec refuses the first mutated packet, the broker must close the connection, in 5.0
/// after a DISCONNECT whose reason code is the codec's (0x80 or more) and nothing else; other
/// mutations are sent and the connection dropped. Throughout, a well-behaved subscriber keeps
/// getting every QoS 1 message byte for byte.
@Suite(.tags(.slow)) struct BrokerFuzzTests {
    @Test func mutatedPacketsCloseTheirConnectionAndDisturbNobodyElse() async throws {
        var generator = SplitMix64(seed: 0x4d51_5454)
        try await TestBroker.with { broker in
            let watcher = try await subscribed(broker, .v5, id: "fz-watch", filter: "fz/ok", qos: 1)
            let publisher = try await connected(broker, .v311, id: "fz-pub")
            var refusals = 0
            var delivered: UInt8 = 0
            for round in 0..<300 {
                let version: ProtocolVersion = round.isMultiple(of: 2) ? .v311 : .v5
                let base = RawMQTTConnection.bytes(FuzzCorpus.packets(version).randomElement(using: &generator)!)
                let mutated = Fuzz.mutate(base, using: &generator)
                let client = try await connected(broker, version, id: "fz-\(round)")
                try await client.send(bytes: mutated)
                if case .refused(let error, index: 0) = Fuzz.decodeAll(mutated, version: version) {
                    refusals += 1
                    let (closed, bytes) = try await client.closedByBroker()
                    #expect(closed, "round \(round): \(RawMQTTConnection.hex(mutated))")
                    if version == .v5 {
                        #expect(Self.disconnectReason(bytes) == error.reasonCode.rawValue, "round \(round): \(bytes)")
                    } else {
                        #expect(bytes == "", "round \(round)")
                    }
                } else {
                    await client.drop()
                }
                if round.isMultiple(of: 10) {
                    delivered &+= 1
                    let id = delivered
                    try await publisher.send(Wire.publish(.v311, topic: "fz/ok", payload: "ok", qos: 1, packetID: id))
                    let puback = "40 02 00 " + Wire.hexByte(Int(id))
                    #expect(try await publisher.receive(puback) == puback)
                    let expected = Wire.publish(.v5, topic: "fz/ok", payload: "ok", qos: 1, packetID: id)
                    #expect(try await watcher.receive(expected) == expected, "round \(round)")
                    try await watcher.send("40 02 00 " + Wire.hexByte(Int(id)))
                }
            }
            #expect(refusals > 60, "the mutations reach the broker's refusals")
        }
    }

    /// The reason code of `hex` if it is exactly one DISCONNECT packet, else nil.
    static func disconnectReason(_ hex: String) -> UInt8? {
        let bytes = RawMQTTConnection.bytes(hex)
        guard bytes.first == 0xE0 else { return nil }
        var length = 0
        var shift = 0
        var index = 1
        while index < bytes.count {
            length |= Int(bytes[index] & 0x7F) << shift
            shift += 7
            index += 1
            if bytes[index - 1] & 0x80 == 0 { break }
        }
        guard bytes.count == index + length else { return nil }
        return length == 0 ? 0 : bytes[index]
    }
}

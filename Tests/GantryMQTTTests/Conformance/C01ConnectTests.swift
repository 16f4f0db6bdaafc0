import GantryMQTT
import GantryTesting
import Testing

/// Conformance, area 1: CONNECT and CONNACK (§3.1, §3.2), byte for byte, both versions.
@Suite struct C01ConnectTests {
    @Test(arguments: ProtocolVersion.allCases)
    func connectIsAnsweredWithConnack(_ version: ProtocolVersion) async throws {
        // [MQTT-3.2.0-1] CONNACK is the first packet from the server; [MQTT-3.2.2-2] session present 0 on clean start.
        try await TestBroker.with { broker in
            let client = try await connected(broker, version, id: "c01-ok")
            try await client.send("c0 00")  // PINGREQ [MQTT-3.12.4-1]
            #expect(try await client.receive("d0 00") == "d0 00")
        }
    }

    @Test func firstPacketMustBeConnect() async throws {
        // [MQTT-3.1.0-1] a first packet other than CONNECT closes the connection.
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send("c0 00")
            let (closed, bytes) = try await client.closedByBroker()
            #expect(closed)
            #expect(bytes == "")
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func secondConnectIsAProtocolError(_ version: ProtocolVersion) async throws {
        // [MQTT-3.1.0-2] a second CONNECT is a protocol error: 0x82 in 5.0, a plain close in 3.1.1.
        try await TestBroker.with { broker in
            let client = try await connected(broker, version, id: "c01-twice")
            try await client.send(Wire.connect(version, id: "c01-twice"))
            if version == .v5 { #expect(try await disconnectReason(client) == 0x82) }
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test func unknownProtocolLevelGetsReturnCode1() async throws {
        // [MQTT-3.1.2-2] an unsupported level is answered with CONNACK 0x01 (3.1.1) and the close.
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send("10 0e 00 04 4d 51 54 54 06 02 00 3c 00 02 63 31")
            #expect(try await client.receive("20 02 00 01") == "20 02 00 01")
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func reservedConnectFlagClosesTheConnection(_ version: ProtocolVersion) async throws {
        // [MQTT-3.1.2-3] the reserved flag must be 0, else the packet is malformed.
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            var bytes = RawMQTTConnection.bytes(Wire.connect(version, id: "c01-res"))
            bytes[9] |= 0x01
            try await client.send(bytes: bytes)
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test func emptyClientIdentifierWithoutCleanSessionIsRefusedIn311() async throws {
        // [MQTT-3.1.3-8] return code 0x02 (identifier rejected), then close.
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send("10 0c 00 04 4d 51 54 54 04 00 00 3c 00 00")
            #expect(try await client.receive("20 02 00 02") == "20 02 00 02")
            #expect(try await client.closedByBroker().closed)
        }
    }

    @Test func emptyClientIdentifierIsAssignedIn5() async throws {
        // [MQTT-3.2.2-16] the server assigns an identifier and returns it in CONNACK (property 0x12).
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send("10 0d 00 04 4d 51 54 54 05 02 00 3c 00 00 00")
            let header = try await client.receive(count: 2)
            #expect(header.first == 0x20)
            let body = try await client.receive(count: Int(header.last ?? 0))
            #expect(Array(body.prefix(2)) == [0x00, 0x00])
            #expect(body.contains(0x12))
        }
    }

    @Test func serverKeepAliveCapsAKeepAliveOfZero() async throws {
        // [MQTT-3.2.2-21] the client must use the Server Keep Alive the server returns (0x13 = 60 s).
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send(Wire.connect(.v5, id: "c01-ka", keepAlive: 0))
            let expected = "20 11 00 00 0e 13 00 3c 21 04 00 22 00 40 27 00 10 00 00"
            #expect(try await client.receive(expected) == expected)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func silentClientIsDroppedAfterOneAndAHalfKeepAlives(_ version: ProtocolVersion) async throws {
        // [MQTT-3.1.2-24] no packet within 1.5 × keep-alive: the server closes (5.0: DISCONNECT 0x8D).
        try await TestBroker.with { broker in
            let client = try await RawMQTTConnection.connect(port: broker.port)
            try await client.send(Wire.connect(version, id: "c01-silent", keepAlive: 1))
            _ = try await client.receive(count: version == .v5 ? 16 : 4)
            if version == .v5 { #expect(try await disconnectReason(client) == 0x8D) }
            #expect(try await client.closedByBroker().closed)
        }
    }
}

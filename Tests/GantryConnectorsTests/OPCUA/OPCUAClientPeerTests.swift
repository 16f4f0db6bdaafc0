import GantryConnectors
import GantryCore
import GantryTesting
import Testing

/// The client against the real asyncua server (`../shared/peers/opcua_server.py`): browse, read, write, call,
/// subscribe, log in with a user name.
@Suite struct OPCUAClientPeerTests {
    static let machine = OPCUANodeId.string("Machine1", namespace: 2)
    static func node(_ name: String) -> OPCUANodeId { .string("Machine1.\(name)", namespace: 2) }

    static func connect(
        _ peer: ProtocolPeer, identity: OPCUAIdentity = .anonymous
    ) async throws(ConnectorError) -> OPCUAClient {
        try await OPCUAClient.connect(
            endpoint: "opc.tcp://127.0.0.1:\(peer.port)/", identity: identity, logger: quietLogger)
    }

    @Test func browseReadWriteAndCall() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            let client = try await Self.connect(peer)
            let children = try await client.browse(Self.machine).compactMap(\.browseName.name)
            #expect(
                Set(children).isSuperset(of: [
                    "Temperature", "Setpoint", "PartCount", "Running", "Multiply", "ResetCounter",
                ]))

            let values = try await client.read(["Temperature", "Setpoint", "PartCount", "Running"].map(Self.node))
            #expect(values.map { $0.value?.builtInType } == [.double, .double, .uint32, .boolean])
            #expect(values.allSatisfy { $0.status.isGood && $0.sourceTimestamp != nil })
            #expect(values[1].value == .double(60))

            try await client.write(Self.node("Setpoint"), OPCUAVariant.double(75.5))
            #expect(try await client.read(Self.node("Setpoint")).value == .double(75.5))
            try await client.write(Self.node("Setpoint"), SampleValue.int(80))
            #expect(try await client.read(Self.node("Setpoint")).value == .double(80))

            await #expect {
                try await client.write(Self.node("Temperature"), OPCUAVariant.double(1))
            } throws: { error in
                guard let error = error as? ConnectorError else { return false }
                return error.code == .refused && error.message.contains("ns=2;s=Machine1.Temperature")
                    && (error.message.contains("BadUserAccessDenied") || error.message.contains("BadNotWritable"))
            }
            await #expect {
                _ = try await client.read(.string("Machine1.Nothing", namespace: 2))
            } throws: { error in
                (error as? ConnectorError)?.message.contains("BadNodeIdUnknown") == true
            }

            let product = try await client.call(
                object: Self.machine, method: Self.node("Multiply"), arguments: [.double(3), .double(4)])
            #expect(product == [.double(12)])
            let previous = try await client.call(object: Self.machine, method: Self.node("ResetCounter"))
            #expect(previous.first?.builtInType == .uint32)
            await client.close()
        }
    }

    @Test func browseFollowsContinuationPoints() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            let client = try await Self.connect(peer)
            let whole = try await client.browse(Self.machine)
            let paged = try await client.browse(Self.machine, maxReferencesPerNode: 2)
            #expect(paged == whole && whole.count >= 6)
            await client.close()
        }
    }

    @Test func subscriptionDeliversTemperatureAndPartCount() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            let client = try await Self.connect(peer)
            let subscription = try await client.subscribe(
                [
                    OPCUAMonitoredItem(
                        name: "temperature", node: Self.node("Temperature"), samplingInterval: .milliseconds(100)),
                    OPCUAMonitoredItem(
                        name: "parts", node: Self.node("PartCount"), samplingInterval: .milliseconds(100)),
                ], publishingInterval: .milliseconds(100))
            let readings = try await withDeadline("three notifications of each item") {
                let collected = ReadingCollector()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await client.publish(subscription) { values in
                            await collected.add(values.map { $0.reading(receivedAt: 0) })
                        }
                    }
                    try await eventually {
                        let readings = await collected.readings
                        return readings.filter { $0.name == "temperature" }.count >= 3
                            && readings.filter { $0.name == "parts" }.count >= 3
                    }
                    group.cancelAll()
                }
                return await collected.readings
            }
            for reading in readings {
                #expect(reading.point.quality == .good && reading.point.timestamp > 1_600_000_000_000)
            }
            let counts = readings.filter { $0.name == "parts" }.compactMap { reading -> Int64? in
                if case .int(let count) = reading.point.value { count } else { nil }
            }
            #expect(counts == counts.sorted() && Set(counts).count == counts.count)
            await client.close()
        }
    }

    @Test func userNameLoginIsAccepted() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            let client = try await Self.connect(peer, identity: .userName("operator", password: "secret"))
            #expect(try await client.read(Self.node("Setpoint")).status.isGood)
            await client.close()
        }
    }

    /// A one-second token is renewed at 750 ms; reads keep working across several renewals.
    @Test func shortLivedTokenIsRenewed() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            var configuration = OPCUAClientConfiguration()
            configuration.tokenLifetime = .seconds(1)
            let client = try await OPCUAClient.connect(
                endpoint: "opc.tcp://127.0.0.1:\(peer.port)/", configuration: configuration, logger: quietLogger)
            for _ in 0..<12 {
                #expect(try await client.read(Self.node("Setpoint")).status.isGood)
                try await Task.sleep(for: .milliseconds(250))
            }
            await client.close()
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        await #expect {
            _ = try await OPCUAClient.connect(endpoint: "opc.tcp://127.0.0.1:1/", logger: quietLogger)
        } throws: { error in
            (error as? ConnectorError)?.code == .unreachable
        }
    }
}

/// Readings gathered from a publish loop.
actor ReadingCollector {
    private(set) var readings: [PointReading] = []

    func add(_ new: [PointReading]) {
        readings += new
    }
}

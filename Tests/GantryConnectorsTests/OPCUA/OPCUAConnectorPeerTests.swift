import GantryConnectors
import GantryCore
import GantryTesting
import Testing

/// The supervised connector against the real asyncua server, through a power loss: it delivers readings,
/// marks every point Bad_NotConnected when the server dies, reconnects when it comes back, and delivers again.
@Suite struct OPCUAConnectorPeerTests {
    static func configuration(port: Int) -> OPCUAConnectorConfiguration {
        OPCUAConnectorConfiguration(
            endpoint: "opc.tcp://127.0.0.1:\(port)/", publishingIntervalMilliseconds: 100,
            points: [
                .init(name: "temperature", node: "ns=2;s=Machine1.Temperature", samplingIntervalMilliseconds: 100),
                .init(name: "parts", node: "ns=2;s=Machine1.PartCount", samplingIntervalMilliseconds: 100),
                .init(name: "setpoint", node: "ns=2;s=Machine1.Setpoint", samplingIntervalMilliseconds: 100),
            ], reconnectInitialMilliseconds: 100, reconnectMaximumMilliseconds: 400)
    }

    @Test func connectorSurvivesAPeerRestart() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            let sink = SubscriptionRecordingSink()
            let connector = try OPCUAConnector(
                configuration: Self.configuration(port: peer.port), sink: sink, logger: quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await connector.run() }
                try await withDeadline("good readings of every point") {
                    try await eventually {
                        let good = await sink.readings.filter { $0.point.quality == .good }
                        return Set(good.map(\.name)) == ["temperature", "parts", "setpoint"]
                    }
                }
                #expect(await sink.onlineChanges == [true])
                try await connector.write("setpoint", value: .double(65))
                await #expect {
                    try await connector.write("parts", value: .int(1))
                } throws: { error in
                    (error as? ConnectorError)?.code == .refused
                }

                peer.kill()
                try await withDeadline("every point marked not connected") {
                    try await eventually {
                        let bad = await sink.readings.filter { $0.point.quality == ConnectorQuality.notConnected }
                        let changes = await sink.onlineChanges
                        return Set(bad.map(\.name)) == ["temperature", "parts", "setpoint"] && changes == [true, false]
                    }
                }
                #expect(connector.status.current.link != .online)
                await #expect {
                    try await connector.write("setpoint", value: .double(1))
                } throws: { error in
                    (error as? ConnectorError)?.code == .unreachable
                }
                let lost = await sink.readings.count

                try await peer.start()
                try await withDeadline("readings again after the restart") {
                    try await eventually {
                        let again = await sink.readings.dropFirst(lost)
                        let changes = await sink.onlineChanges
                        return changes == [true, false, true]
                            && again.contains { $0.name == "temperature" && $0.point.quality == .good }
                    }
                }
                let status = connector.status.current
                #expect(status.link == .online && status.reconnects >= 1)
                #expect(status.requests > 0 && status.readings >= lost && status.lastLatencyMilliseconds != nil)
                group.cancelAll()
            }
            #expect(connector.status.current.link == .offline)
        }
    }

    @Test func unknownPointWriteIsRefused() async throws {
        let connector = try OPCUAConnector(
            configuration: Self.configuration(port: 1), sink: SubscriptionRecordingSink(), logger: quietLogger)
        await #expect {
            try await connector.write("pressure", value: .double(1))
        } throws: { error in
            (error as? ConnectorError)?.code == .invalidConfiguration
        }
    }
}

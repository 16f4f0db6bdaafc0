import Foundation
import GantryMQTT
import GantryTesting
import Testing

/// Retained messages, persistent sessions and their queued messages survive a broker restart.
@Suite struct BrokerPersistenceTests {
    @Test(arguments: ProtocolVersion.allCases)
    func sessionsQueuesAndRetainedMessagesSurviveARestart(_ version: ProtocolVersion) async throws {
        try await withTemporaryDirectory { directory in
            let stateFile = directory + "/mqtt-state.bin"
            try await TestBroker.with { broker in
                // A persistent subscriber (3.1.1: clean session 0; 5.0: session expiry 1 h) subscribes at QoS 1, leaves.
                let subscriber = try await RawMQTTConnection.connect(port: broker.port)
                try await subscriber.send(persistentConnect(version, id: "keeper"))
                _ = try await subscriber.receive(count: version == .v5 ? 16 : 4)
                try await subscriber.send(Wire.subscribe(version, filter: "plant/line1/#", qos: 1))
                #expect(try await subscriber.receive(Wire.suback(version, code: 1)) == Wire.suback(version, code: 1))
                try await subscriber.send(version == .v5 ? "e0 00" : "e0 00")
                _ = try await subscriber.closedByBroker()
                // Until the broker has detached the session, a message could still go out on the closing
                // connection and come back as a resend (DUP) rather than a queued first delivery.
                #expect(try await eventually { broker.hasDetachedSession("keeper") })

                let publisher = try await connected(broker, version, id: "pub")
                try await publisher.send(
                    Wire.publish(version, topic: "plant/line1/speed", payload: "1.5", qos: 1, packetID: 7))
                #expect(try await publisher.receive("40 02 00 07") == "40 02 00 07")
                try await publisher.send(
                    Wire.publish(
                        version, topic: "plant/line1/state", payload: "running", qos: 1, packetID: 8, retain: true))
                #expect(try await publisher.receive("40 02 00 08") == "40 02 00 08")
                await publisher.drop()
                try broker.broker.saveState(to: stateFile)
            }
            try await TestBroker.with(stateFile: stateFile) { broker in
                let subscriber = try await RawMQTTConnection.connect(port: broker.port)
                try await subscriber.send(persistentConnect(version, id: "keeper"))
                let connack = try await subscriber.receive(count: version == .v5 ? 16 : 4)
                #expect(connack.count > 2 && connack[2] == 0x01, "session present after the restart")
                // Both queued messages arrive (the retained one as a live delivery: RETAIN 0, QoS 1).
                let first = Wire.publish(version, topic: "plant/line1/speed", payload: "1.5", qos: 1, packetID: 1)
                #expect(try await subscriber.receive(first) == first)
                let second = Wire.publish(version, topic: "plant/line1/state", payload: "running", qos: 1, packetID: 2)
                #expect(try await subscriber.receive(second) == second)

                let late = try await connected(broker, version, id: "late")
                try await late.send(Wire.subscribe(version, filter: "plant/+/state", qos: 0))
                #expect(try await late.receive(Wire.suback(version, code: 0)) == Wire.suback(version, code: 0))
                let retained = Wire.publish(version, topic: "plant/line1/state", payload: "running", retain: true)
                #expect(try await late.receive(retained) == retained)
            }
        }
    }

    @Test func aDamagedStateFileIsSetAsideAndTheBrokerStartsEmpty() async throws {
        try await withTemporaryDirectory { directory in
            let stateFile = directory + "/mqtt-state.bin"
            try Data("GMQS not really a state file".utf8).write(to: URL(fileURLWithPath: stateFile))
            try await TestBroker.with(stateFile: stateFile) { broker in
                #expect(broker.broker.sessionCount == 0)
                #expect(broker.broker.retainedCount == 0)
            }
            #expect(FileManager.default.fileExists(atPath: stateFile + ".damaged"))
        }
    }

    /// CONNECT without clean start: 3.1.1 clean session 0; 5.0 with a one-hour session expiry.
    private func persistentConnect(_ version: ProtocolVersion, id: String) -> String {
        let idHex = RawMQTTConnection.hex(Array(id.utf8))
        switch version {
        case .v311:
            return
                "10 \(Wire.hexByte(12 + id.utf8.count)) 00 04 4d 51 54 54 04 00 00 3c 00 \(Wire.hexByte(id.utf8.count)) \(idHex)"
        case .v5:
            return "10 \(Wire.hexByte(18 + id.utf8.count)) 00 04 4d 51 54 54 05 00 00 3c 05 11 00 00 0e 10 00 "
                + "\(Wire.hexByte(id.utf8.count)) \(idHex)"
        }
    }
}

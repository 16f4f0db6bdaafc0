import Testing

@testable import GantrySparkplug

/// The host's own STATE message and its subscriptions.
@Suite struct SparkplugHostStateTests {
    var host = SparkplugHostStateMachine(configuration: SparkplugHostConfiguration(hostID: "gantry"))

    @Test func stateIsRetainedJSONAtQoS1() throws {
        let message = host.stateMessage(online: true, timestamp: 1_700_000_000_000)
        #expect(message.topic == "spBv1.0/STATE/gantry")
        #expect(String(decoding: message.payload, as: UTF8.self) == #"{"online":true,"timestamp":1700000000000}"#)
        #expect(message.qos == 1 && message.retain)
        #expect(
            try SparkplugHostState(json: message.payload)
                == SparkplugHostState(online: true, timestamp: 1_700_000_000_000))
    }

    @Test func theOfflineStateCarriesTheBirthTimestamp() {
        var host = host
        _ = host.hostOnline(at: 42)
        #expect(host.hostOffline() == host.stateMessage(online: false, timestamp: 42))
    }

    @Test func subscribesToNodeAndDeviceMessagesAndItsOwnState() {
        #expect(
            host.subscriptions == [
                "spBv1.0/+/NBIRTH/+", "spBv1.0/+/NDATA/+", "spBv1.0/+/NDEATH/+",
                "spBv1.0/+/DBIRTH/+/+", "spBv1.0/+/DDATA/+/+", "spBv1.0/+/DDEATH/+/+",
                "spBv1.0/STATE/gantry",
            ])
    }

    @Test func aLateOfflineWillOfItsOwnIsAnsweredWithTheOnlineState() {
        var host = host
        let online = host.hostOnline(at: 42)
        let will = host.stateMessage(online: false, timestamp: 7)
        #expect(host.receive(topic: will.topic, payload: will.payload, receivedAt: 50) == [.publish(online)])
        #expect(host.receive(topic: online.topic, payload: online.payload, receivedAt: 51).isEmpty)
    }

    @Test func otherHostsStatesAndCommandsAreOnlyNoted() {
        var host = host
        let other = host.receive(
            topic: "spBv1.0/STATE/scada", payload: Array(#"{"online":true,"timestamp":1}"#.utf8), receivedAt: 0)
        let command = host.receive(topic: "spBv1.0/plant/NCMD/line-1", payload: [], receivedAt: 0)
        let foreign = host.receive(topic: "factory/line-1/temp", payload: [], receivedAt: 0)
        for actions in [other, command, foreign] {
            guard actions.count == 1, case .note(.messageIgnored) = actions[0] else {
                Issue.record("expected one ignored note, got \(actions)")
                continue
            }
        }
    }

    @Test func aStateThatIsNotTheJSONShapeIsMalformed() {
        #expect {
            try SparkplugHostState(json: Array("online".utf8))
        } throws: { error in
            (error as? SparkplugError)?.code == .malformedState
        }
    }
}

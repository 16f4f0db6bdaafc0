import Testing

@testable import GantrySparkplug

/// When the host asks for a rebirth, and when it does not.
@Suite struct SparkplugHostRebirthTests {
    typealias Fixture = SparkplugHostFixture

    @Test func aSequenceGapRequestsARebirthAndStillRecordsTheData() throws {
        var fixture = Fixture()
        fixture.birth(at: 1_000)  // NBIRTH seq 0, DBIRTH seq 1
        _ = fixture.temperature(21, at: 2_000)  // seq 2, lost
        let actions = fixture.deliver(fixture.temperature(22, at: 2_100), at: 2_100)  // seq 3
        #expect(actions.rebirthReasons == [.sequenceGap(expected: 2, received: 3)])
        let command = try #require(actions.published.first)
        #expect(command == SparkplugHostStateMachine.rebirthCommand(to: Fixture.nodeID, at: 2_100))
        #expect(fixture.edge.isRebirthCommand(topic: command.topic, payload: command.payload))
        #expect(actions.recorded.map(\.sample.value) == [.double(22)])

        // The next message follows the one that arrived: no second request.
        let next = fixture.deliver(fixture.temperature(23, at: 2_200), at: 2_200)
        #expect(next.published.isEmpty && next.notes.isEmpty)
    }

    @Test func theRebirthAnswerRestartsTheSequence() throws {
        var fixture = Fixture()
        fixture.birth(at: 1_000)
        _ = fixture.temperature(21, at: 2_000)
        let gap = fixture.deliver(fixture.temperature(22, at: 2_100), at: 2_100)
        let command = try #require(gap.published.first)
        #expect(fixture.edge.isRebirthCommand(topic: command.topic, payload: command.payload))
        let rebirth = fixture.birth(at: 2_200)
        #expect(rebirth.published.isEmpty && rebirth.rebirthReasons.isEmpty)
        #expect(fixture.host.isOnline(Fixture.nodeID, device: "press"))
        #expect(fixture.deliver(fixture.temperature(24, at: 2_300), at: 2_300).notes.isEmpty)
    }

    @Test func theSequenceWrapsFrom255ToZero() {
        var fixture = Fixture()
        fixture.birth(at: 0, withDevice: false)
        var problems: [SparkplugHostNote] = []
        for step in 1...300 {
            problems += fixture.deliver(fixture.temperature(Double(step), at: Int64(step)), at: Int64(step)).notes
        }
        #expect(problems.isEmpty)
        #expect(fixture.edge.nextSequence == 301 % 256)
    }

    @Test func rebirthRequestsArePacedPerNode() {
        var fixture = Fixture()
        fixture.birth(at: 0, withDevice: false)
        func gap(at time: Int64) -> [SparkplugHostAction] {
            _ = fixture.temperature(0, at: time)
            return fixture.deliver(fixture.temperature(1, at: time), at: time)
        }
        #expect(gap(at: 1_000).published.count == 1)
        let soon = gap(at: 3_000)
        #expect(soon.published.isEmpty)
        #expect(soon.notes == [.rebirthSuppressed(Fixture.nodeID, reason: .sequenceGap(expected: 3, received: 4))])
        #expect(gap(at: 6_000).published.count == 1)
    }

    @Test func anUnknownAliasRequestsARebirth() {
        var fixture = Fixture()
        fixture.birth(at: 1_000, withDevice: false)
        let data = fixture.edge.nodeData(
            metrics: [
                SparkplugMetric(name: nil, alias: 99, value: .double(1)),
                SparkplugMetric(name: nil, alias: 2, value: .boolean(false)),
            ], timestamp: 2_000)
        let actions = fixture.deliver(data, at: 2_000)
        #expect(actions.rebirthReasons == [.unknownMetric("alias 99")])
        #expect(actions.published.map(\.topic) == ["spBv1.0/plant/NCMD/line-1"])
        #expect(actions.recorded.map(\.sample.metric) == ["running"])
    }

    @Test func dataBeforeBirthRequestsARebirthAndRecordsNothing() {
        var fixture = Fixture()
        let actions = fixture.deliver(fixture.temperature(21, at: 1_000), at: 1_000)
        #expect(actions.rebirthReasons == [.notBorn(device: nil)])
        #expect(actions.recorded.isEmpty)
        #expect(!fixture.host.isOnline(Fixture.nodeID))
    }

    @Test func deviceDataBeforeItsBirthRequestsARebirth() {
        var fixture = Fixture()
        fixture.birth(at: 1_000, withDevice: false)
        let data = fixture.edge.deviceData(device: "press", metrics: Fixture.deviceMetrics, timestamp: 2_000)
        let actions = fixture.deliver(data, at: 2_000)
        #expect(actions.rebirthReasons == [.notBorn(device: "press")])
        #expect(actions.recorded.isEmpty)
    }

    @Test func anUndecodablePayloadRequestsARebirth() {
        var fixture = Fixture()
        fixture.birth(at: 1_000)
        let actions = fixture.host.receive(
            topic: "spBv1.0/plant/NDATA/line-1", payload: [0xFF, 0xFF], receivedAt: 2_000)
        guard case .undecodable? = actions.rebirthReasons.first else {
            Issue.record("expected an undecodable rebirth, got \(actions)")
            return
        }
        #expect(actions.published.count == 1)
    }

    @Test func aBirthWithADuplicateAliasRequestsARebirth() {
        var fixture = Fixture()
        let birth = fixture.edge.nodeBirth(
            metrics: [
                SparkplugMetric(name: "a", alias: 1, value: .double(1)),
                SparkplugMetric(name: "b", alias: 1, value: .double(2)),
            ], timestamp: 1_000)
        let actions = fixture.deliver(birth, at: 1_000)
        #expect(actions.published.count == 1)
        #expect(!fixture.host.isOnline(Fixture.nodeID))
    }

    @Test func aMissingSequenceRequestsARebirth() throws {
        var fixture = Fixture()
        fixture.birth(at: 1_000, withDevice: false)
        var payload = try SparkplugPayload(bytes: fixture.temperature(1, at: 2_000).payload)
        payload.clearSeq()
        let actions = fixture.host.receive(
            topic: "spBv1.0/plant/NDATA/line-1", payload: payload.bytes, receivedAt: 2_000)
        #expect(actions.rebirthReasons == [.missingSequence])
    }
}

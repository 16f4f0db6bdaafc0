import GantryCore
import Testing

@testable import GantrySparkplug

/// Birth, data, death and rebirth of a node and its device, end to end through the state machine.
@Suite struct SparkplugHostLifecycleTests {
    typealias Fixture = SparkplugHostFixture

    @Test func nodeBirthDefinesTagsAndRecordsTheBirthValues() {
        var fixture = Fixture()
        let actions = fixture.birth(at: 1_000, withDevice: false)
        #expect(fixture.host.isOnline(Fixture.nodeID))
        let defined = actions.defined
        #expect(defined.count == 1 && defined[0].device == nil)
        #expect(
            defined[0].metrics == [
                SparkplugMetricDefinition(name: "bdSeq", alias: nil, dataType: .int64),
                SparkplugMetricDefinition(name: "temperature", alias: 1, dataType: .double),
                SparkplugMetricDefinition(name: "running", alias: 2, dataType: .boolean),
            ])
        #expect(defined[0].metrics[1].tagDataType == .double)
        let samples = actions.recorded.map(\.sample)
        #expect(samples.map(\.metric) == ["bdSeq", "temperature", "running"])
        #expect(samples.allSatisfy { $0.timestamp == 1_000 && $0.quality == .good })
        #expect(samples[1].telemetryPoint == TelemetryPoint(timestamp: 1_000, value: .double(20.5)))
        #expect(actions.published.isEmpty)
    }

    @Test func dataByAliasIsRecordedUnderTheBirthName() {
        var fixture = Fixture()
        fixture.birth(at: 1_000)
        let actions = fixture.deliver(fixture.temperature(21, at: 2_000), at: 2_500)
        #expect(
            actions.recorded.map(\.sample) == [
                SparkplugSample(metric: "temperature", timestamp: 2_000, value: .double(21))
            ])
        #expect(actions.notes.isEmpty && actions.published.isEmpty)
    }

    @Test func sampleTimeIsTheMetricsElseThePayloadsElseTheReceiveTime() throws {
        var fixture = Fixture()
        fixture.birth(at: 1_000, withDevice: false)
        let timed = fixture.edge.nodeData(
            metrics: [SparkplugMetric(name: "temperature", timestamp: 1_500, value: .double(1))], timestamp: 2_000)
        #expect(fixture.deliver(timed, at: 3_000).recorded.map(\.sample.timestamp) == [1_500])
        var payload = try SparkplugPayload(bytes: fixture.temperature(2, at: 2_000).payload)
        payload.clearTimestamp()
        let untimed = fixture.host.receive(
            topic: "spBv1.0/plant/NDATA/line-1", payload: payload.bytes, receivedAt: 3_000)
        #expect(untimed.recorded.map(\.sample.timestamp) == [3_000])
    }

    @Test func deviceDataAndDeath() {
        var fixture = Fixture()
        let births = fixture.birth(at: 1_000)
        #expect(births.defined.map(\.device) == [nil, "press"])
        #expect(fixture.host.isOnline(Fixture.nodeID, device: "press"))
        #expect(fixture.host.onlineDevices(of: Fixture.nodeID) == ["press"])

        let data = fixture.deliver(
            fixture.edge.deviceData(
                device: "press", metrics: [SparkplugMetric(name: nil, alias: 10, value: .float(2))], timestamp: 2_000),
            at: 2_000)
        #expect(data.recorded.map(\.device) == ["press"])
        #expect(data.recorded.map(\.sample.value) == [.float(2)])

        let death = fixture.deliver(fixture.edge.deviceDeath(device: "press", timestamp: 3_000), at: 3_100)
        #expect(death.stale.map(\.device) == ["press"])
        #expect(death.stale.map(\.metrics) == [["pressure"]])
        #expect(death.stale.map(\.timestamp) == [3_100])
        #expect(death.stale.allSatisfy { $0.quality.severity == .bad })
        #expect(!fixture.host.isOnline(Fixture.nodeID, device: "press"))
        #expect(fixture.host.isOnline(Fixture.nodeID))
    }

    @Test func nodeDeathMakesTheNodeAndItsDevicesStale() {
        var fixture = Fixture()
        fixture.birth(at: 1_000)
        let actions = fixture.deliver(fixture.edge.nodeDeath(timestamp: 500), at: 4_000)
        #expect(actions.stale.map(\.device) == ["press", nil])
        #expect(actions.stale.map(\.metrics) == [["pressure"], ["bdSeq", "temperature", "running"]])
        #expect(
            actions.stale.allSatisfy { $0.timestamp == 4_000 && $0.quality == SparkplugHostStateMachine.staleQuality })
        #expect(!fixture.host.isOnline(Fixture.nodeID))
        #expect(!fixture.host.isOnline(Fixture.nodeID, device: "press"))
        #expect(fixture.host.metricDefinitions(of: Fixture.nodeID).isEmpty)
    }

    @Test func birthDataDeathThenReconnectAndBirthAgain() {
        var fixture = Fixture()
        fixture.birth(at: 1_000)
        _ = fixture.deliver(fixture.temperature(21, at: 2_000), at: 2_000)
        _ = fixture.deliver(fixture.edge.nodeDeath(timestamp: 1_000), at: 3_000)
        #expect(fixture.host.onlineNodes.isEmpty)

        fixture.edge.reconnect()
        #expect(fixture.edge.birthDeathSequence == 1)
        let rebirth = fixture.birth(at: 5_000)
        #expect(fixture.host.isOnline(Fixture.nodeID, device: "press"))
        #expect(rebirth.recorded.first?.sample.value == .int64(1))
        #expect(rebirth.published.isEmpty)
        let data = fixture.deliver(fixture.temperature(22, at: 6_000), at: 6_000)
        #expect(data.recorded.map(\.sample.value) == [.double(22)])
        #expect(data.notes.isEmpty)
    }

    @Test func aRepeatedNodeBirthMakesTheOldDevicesStaleUntilTheyBirthAgain() {
        var fixture = Fixture()
        fixture.birth(at: 1_000)
        let actions = fixture.deliver(fixture.edge.nodeBirth(metrics: Fixture.nodeMetrics, timestamp: 2_000), at: 2_000)
        #expect(actions.stale.map(\.device) == ["press"])
        #expect(fixture.host.isOnline(Fixture.nodeID))
        #expect(!fixture.host.isOnline(Fixture.nodeID, device: "press"))
    }
}

import Testing

@testable import GantrySparkplug

/// NDEATH is believed only when its `bdSeq` matches the current birth.
@Suite struct SparkplugHostDeathTests {
    typealias Fixture = SparkplugHostFixture

    @Test func aStaleWillFromTheLastConnectionIsIgnored() {
        var fixture = Fixture()
        let oldWill = fixture.edge.nodeDeath(timestamp: 0)  // bdSeq 0
        fixture.edge.reconnect()
        fixture.birth(at: 1_000)  // bdSeq 1
        let actions = fixture.deliver(oldWill, at: 2_000)
        #expect(actions == [.note(.staleDeathIgnored(Fixture.nodeID, expected: 1, received: 0))])
        #expect(fixture.host.isOnline(Fixture.nodeID, device: "press"))
    }

    @Test func aDeathWithBdSeqAsUInt64IsAccepted() {
        var fixture = Fixture()
        fixture.birth(at: 1_000, withDevice: false)
        var payload = SparkplugPayload()
        payload.metrics = [SparkplugMetric(name: "bdSeq", value: .uint64(0)).protobuf]
        let actions = fixture.host.receive(
            topic: "spBv1.0/plant/NDEATH/line-1", payload: payload.bytes, receivedAt: 2_000)
        #expect(actions.stale.count == 1)
        #expect(!fixture.host.isOnline(Fixture.nodeID))
    }

    @Test func aDeathWithoutBdSeqDoesNotEndABirthThatHadOne() {
        var fixture = Fixture()
        fixture.birth(at: 1_000, withDevice: false)
        let actions = fixture.host.receive(
            topic: "spBv1.0/plant/NDEATH/line-1", payload: SparkplugPayload().bytes, receivedAt: 2_000)
        #expect(actions == [.note(.staleDeathIgnored(Fixture.nodeID, expected: 0, received: nil))])
        #expect(fixture.host.isOnline(Fixture.nodeID))
    }

    @Test func deathsOfOfflineNodesAndDevicesChangeNothing() {
        var fixture = Fixture()
        #expect(
            fixture.deliver(fixture.edge.nodeDeath(timestamp: 0), at: 0) == [
                .note(.deathOfOfflineIgnored(Fixture.nodeID, device: nil))
            ])
        fixture.birth(at: 1_000, withDevice: false)
        let actions = fixture.deliver(fixture.edge.deviceDeath(device: "press", timestamp: 2_000), at: 2_000)
        #expect(actions == [.note(.deathOfOfflineIgnored(Fixture.nodeID, device: "press"))])
    }
}

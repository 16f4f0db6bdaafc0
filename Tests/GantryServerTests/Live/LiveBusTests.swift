import GantryCore
import GantryIngest
import Synchronization
import Testing

/// The live fan-out on its own: who gets which event, in what order, and what a slow subscriber is left with.
@Suite struct LiveBusTests {
    static func tag(_ text: String) throws -> TagPath { try TagPath(text) }

    static func sample(_ tag: TagPath, _ value: Double, at time: Int64 = 1_000) -> LiveEvent {
        .sample(tag, TelemetryPoint(timestamp: time, value: .double(value)))
    }

    @Test(arguments: [
        ("acme/plant1/press-7/force", "acme/plant1/press-7/force", true),
        ("acme/#", "acme/plant1/press-7/force", true),
        ("#", "acme/plant1/press-7/force", true),
        ("acme/+/press-7/force", "acme/plant1/press-7/force", true),
        ("acme/+/+/+", "acme/plant1/press-7/force", true),
        ("acme/+/press-7", "acme/plant1/press-7/force", false),
        ("acme/plant1/press-7/force/#", "acme/plant1/press-7/force", true),
        ("acme/plant2/#", "acme/plant1/press-7/force", false),
        ("acme/plant1/press-7/forc", "acme/plant1/press-7/force", false),
        ("acme/plant1/press-7/force/x", "acme/plant1/press-7/force", false),
    ])
    func tagPatternsMatchAsMQTTFiltersDo(_ pattern: String, _ tag: String, _ matches: Bool) async throws {
        let bus = LiveBus()
        let subscription = bus.subscribe(try LiveFilter(tags: [pattern], devices: true, rights: nil))
        // A device event always passes this filter, so the batch ends with it whether or not the sample matched.
        let marker = LiveDeviceStatus(device: "acme.marker", asset: try AssetPath("acme"), online: true, at: 2)
        let sample = Self.sample(try Self.tag(tag), 1)
        bus.publish([sample, .device(marker)])
        let batch = try #require(await subscription.next())
        #expect(batch.events == (matches ? [sample, .device(marker)] : [.device(marker)]))
        subscription.cancel()
        #expect(bus.subscriptionCount == 0)
    }

    @Test(arguments: ["acme//plant", "acme/#/plant", "acme/pl+nt", "acme/#x", ""])
    func malformedPatternsAreRefused(_ pattern: String) {
        #expect(throws: LiveFilterError.self) { _ = try LiveFilter(tags: [pattern], rights: nil) }
    }

    @Test func aSubscriberGetsWhatItsFilterAdmitsInOrder() async throws {
        let bus = LiveBus()
        let force = try Self.tag("acme/plant1/press-7/force")
        let other = try Self.tag("acme/plant2/press-1/force")
        let subscription = bus.subscribe(try LiveFilter(tags: ["acme/plant1/#"], devices: true, rights: nil))
        let device = LiveDeviceStatus(
            device: "acme.press-7", asset: try AssetPath("acme/plant1/press-7"), online: true, at: 5)
        bus.publish([Self.sample(force, 1, at: 1), Self.sample(other, 2), Self.sample(force, 3, at: 2)])
        bus.publish([.device(device)])
        let first = try #require(await subscription.next())
        #expect(first.events == [Self.sample(force, 1, at: 1), Self.sample(force, 3, at: 2), .device(device)])
        #expect(first.merged == 0)
        subscription.cancel()
        #expect(await subscription.next() == nil)
    }

    @Test func aViewerSeesOnlyItsSubtrees() async throws {
        let bus = LiveBus()
        let rights = AccessRights(grants: [Grant(role: .viewer, scope: try AssetPath("acme/plant1"))])
        let subscription = bus.subscribe(try LiveFilter(tags: ["#"], alarms: true, rights: rights))
        let mine = try Self.tag("acme/plant1/press-7/force")
        let theirs = try Self.tag("acme/plant2/press-1/force")
        let alarm = LiveAlarmChange(
            alarmID: "a1", rule: "r1", asset: try AssetPath("acme/plant2/press-1"), tag: theirs,
            state: "unacknowledged",
            priority: 1, message: "too hot", at: 3)
        bus.publish([Self.sample(theirs, 9), .alarm(alarm), Self.sample(mine, 4)])
        let batch = try #require(await subscription.next())
        #expect(batch.events == [Self.sample(mine, 4)])
        subscription.cancel()
    }

    @Test func aSlowSubscriberGetsTheLatestValueOfEachTagAndTheCountMerged() async throws {
        let bus = LiveBus()
        let subscription = bus.subscribe(try LiveFilter(tags: ["acme/#"], rights: nil), capacity: 4)
        let first = try Self.tag("acme/plant1/press-7/force")
        let second = try Self.tag("acme/plant1/press-7/speed")
        for step in 0..<50 {
            bus.publish([
                Self.sample(first, Double(step), at: Int64(step)), Self.sample(second, Double(-step), at: Int64(step)),
            ])
        }
        let batch = try #require(await subscription.next())
        #expect(batch.events == [Self.sample(first, 49, at: 49), Self.sample(second, -49, at: 49)])
        #expect(batch.merged == 98)
        // Caught up: the next events arrive one by one again.
        bus.publish([Self.sample(first, 50, at: 50), Self.sample(first, 51, at: 51)])
        let next = try #require(await subscription.next())
        #expect(next.events == [Self.sample(first, 50, at: 50), Self.sample(first, 51, at: 51)])
        #expect(next.merged == 0)
        subscription.cancel()
    }

    @Test func aWaitingSubscriberIsWokenAndACancelledWaitReturnsNil() async throws {
        let bus = LiveBus()
        let subscription = bus.subscribe(try LiveFilter(tags: ["#"], rights: nil))
        let tag = try Self.tag("acme/plant1/press-7/force")
        async let waited = subscription.next()
        try await Task.sleep(for: .milliseconds(50))
        bus.publish([Self.sample(tag, 7)])
        #expect(await waited?.events == [Self.sample(tag, 7)])
        let task = Task { await subscription.next() }
        task.cancel()
        #expect(await task.value == nil)
        #expect(bus.subscriptionCount == 0)
    }

    @Test func observersSeeEveryEventEvenWhenSubscribersFallBehind() throws {
        let bus = LiveBus()
        let seen = Mutex<[LiveEvent]>([])
        bus.observe { events in seen.withLock { $0.append(contentsOf: events) } }
        let slow = bus.subscribe(try LiveFilter(tags: ["#"], rights: nil), capacity: 1)
        let tag = try Self.tag("acme/plant1/press-7/force")
        let events = (0..<10).map { Self.sample(tag, Double($0), at: Int64($0)) }
        bus.publish(Array(events[..<5]))
        bus.publish(Array(events[5...]))
        #expect(seen.withLock { $0 } == events)
        slow.cancel()
    }
}

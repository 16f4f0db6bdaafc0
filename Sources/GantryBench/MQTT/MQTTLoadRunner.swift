import Foundation
import GantryMQTT
import Histogram
import NIOCore
import NIOPosix
import Synchronization

/// Drives one `MQTTScenario` against one broker and measures deliveries per second and
/// end-to-end latency.
///
/// Every message carries its send time (monotonic nanoseconds; publishers and subscribers
/// share this process's clock), its publisher and its sequence number in a 64-byte payload.
/// Publishers are windowed end to end: publisher p sends only while fewer than `window` of its
/// messages are still unreceived by some subscriber, in batches of a quarter window, one
/// flush per batch; a subscriber wakes the publisher each time it has received another
/// quarter window from it. So every queue on the path (socket buffers, the broker's session
/// queues) holds at most `window` messages per publisher, and the rate measured is what the
/// broker sustains at that depth, not how fast it can buffer.
enum MQTTLoadRunner {
    static let payloadSize = 64

    static func run(
        _ scenario: MQTTScenario, broker: String, port: Int, version: ProtocolVersion,
        group: any EventLoopGroup, brokerCPU: () -> Double
    ) async throws -> MQTTScenarioResult {
        let run = LoadRun(scenario)
        let prefix = "bench/\(scenario.shape.rawValue)"
        let tag = "\(scenario.shape.rawValue)-\(scenario.qos.rawValue)-\(UInt32.random(in: 0...UInt32.max))"
        var subscribers: [MQTTClient] = []
        for index in 0..<scenario.subscribers {
            let state = SubscriberState(index: index)
            let client = try await MQTTClient.connect(
                port: port,
                configuration: MQTTClientConfiguration(
                    version: version, clientID: "sub-\(index)-\(tag)", keepAlive: 600,
                    receiveMaximum: UInt16(min(65_535, scenario.window * scenario.publishers * 2))),
                group: group
            ) { packet in run.received(packet, by: state) }
            run.subscriberStates.append(state)
            _ = try await client.subscribe(to: prefix + "/+", qos: scenario.qos)
            subscribers.append(client)
        }
        var publishers: [Publisher] = []
        for index in 0..<scenario.publishers {
            let client = try await MQTTClient.connect(
                port: port,
                configuration: MQTTClientConfiguration(
                    version: version, clientID: "pub-\(index)-\(tag)", keepAlive: 600,
                    maximumInFlight: scenario.window * 2, maximumQueued: scenario.window * 4),
                group: group)
            publishers.append(
                Publisher(index: index, client: client, topic: "\(prefix)/\(index)", run: run, scenario: scenario))
        }
        run.publishers = publishers
        progress("\(broker) \(scenario.name): connected, publishing")
        let cpuBefore = brokerCPU()
        for publisher in publishers { publisher.client.eventLoop.execute { publisher.pump(force: true) } }
        // Wait for every delivery, or for 3 s without progress (the broker dropped messages).
        var last = 0
        var idleSince = ContinuousClock.now
        while true {
            try await Task.sleep(for: .milliseconds(10))
            let delivered = run.delivered.load(ordering: .relaxed)
            if delivered >= scenario.expectedDeliveries { break }
            if delivered != last {
                last = delivered
                idleSince = .now
            } else if ContinuousClock.now - idleSince > .seconds(3) {
                break
            }
            // Nudge publishers whose window a lost message has left short.
            for publisher in publishers { publisher.client.eventLoop.execute { publisher.pump(force: true) } }
        }
        let cpu = brokerCPU() - cpuBefore
        progress("\(broker) \(scenario.name): \(run.delivered.load(ordering: .relaxed)) delivered, closing")
        for publisher in publishers {
            // The last PUBACKs may still be on their way; a disconnect now would fail them.
            for _ in 0..<300 {
                let pending = try await publisher.client.pendingPublishes()
                if pending.inFlight + pending.queued == 0 { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            await publisher.client.disconnect()
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for (client, state) in zip(subscribers, run.subscriberStates) {
            let part = try await client.eventLoop.submit { state.latencies }.get()
            histogram.add(part)
            await client.disconnect()
        }
        let delivered = run.delivered.load(ordering: .relaxed)
        let warm = run.warmAt.load(ordering: .relaxed)
        let end = run.lastAt.load(ordering: .relaxed)
        let measured = delivered - run.warmup
        let seconds = Double(end &- warm) / 1e9
        let refused = publishers.reduce(0) { $0 + $1.refused.load(ordering: .relaxed) }
        return MQTTScenarioResult(
            broker: broker, scenario: scenario, delivered: delivered, expected: scenario.expectedDeliveries,
            rate: seconds > 0 && measured > 0 ? Double(measured) / seconds : 0,
            p50Microseconds: histogram.valueAtPercentile(50), p99Microseconds: histogram.valueAtPercentile(99),
            maxMicroseconds: histogram.max, brokerCPUSeconds: cpu, refused: refused)
    }

    static func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

    /// A line on standard error, so a stuck phase can be seen while the table goes to standard output.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data(("  … " + line + "\n").utf8))
    }
}

/// What the publishers and subscribers of one run share, across event loops.
final class LoadRun: @unchecked Sendable {  // `publishers` and `subscriberStates` are set before the run starts
    let scenario: MQTTScenario
    /// Deliveries before this count are warm-up: neither timed nor in the histogram.
    let warmup: Int
    /// Received counts by subscriber, then publisher.
    let counts: [[Counter]]
    let delivered = Atomic<Int>(0)
    let warmAt = Atomic<UInt64>(0)
    let lastAt = Atomic<UInt64>(0)
    /// A subscriber wakes a publisher each time it has received this many more of its messages.
    let wakeEvery: Int
    var publishers: [Publisher] = []
    var subscriberStates: [SubscriberState] = []

    init(_ scenario: MQTTScenario) {
        self.scenario = scenario
        self.warmup = scenario.expectedDeliveries / 10
        self.counts = (0..<scenario.subscribers).map { _ in (0..<scenario.publishers).map { _ in Counter() } }
        self.wakeEvery = max(1, scenario.window / 4)
    }

    /// A subscriber's callback, on its event loop.
    func received(_ packet: PublishPacket, by state: SubscriberState) {
        let now = MQTTLoadRunner.now()
        let payload = packet.payload
        guard let sent = payload.getInteger(at: payload.readerIndex, as: UInt64.self),
            let publisher = payload.getInteger(at: payload.readerIndex + 8, as: UInt32.self),
            Int(publisher) < scenario.publishers
        else { return }
        let total = delivered.wrappingAdd(1, ordering: .relaxed).newValue
        if total > warmup {
            state.latencies.record((now &- sent) / 1000)
        } else if total == warmup {
            warmAt.store(now, ordering: .relaxed)
        }
        lastAt.store(now, ordering: .relaxed)
        let count = counts[state.index][Int(publisher)].value.wrappingAdd(1, ordering: .relaxed).newValue
        if count % wakeEvery == 0 {
            let target = publishers[Int(publisher)]
            target.client.eventLoop.execute { target.pump(force: false) }
        }
    }
}

/// A counter shared across event loops.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

/// One subscriber's latency histogram, in microseconds.
final class SubscriberState: @unchecked Sendable {  // `latencies` is touched only on the subscriber's event loop
    let index: Int
    var latencies = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)

    init(index: Int) { self.index = index }
}

/// One publisher: sends its share of the scenario's messages within the end-to-end window.
final class Publisher: @unchecked Sendable {  // `sent` is touched only on the client's event loop
    let index: Int
    let client: MQTTClient
    let topic: String
    let run: LoadRun
    let target: Int
    let window: Int
    let qos: QoS
    var sent = 0
    let refused = Atomic<Int>(0)

    init(index: Int, client: MQTTClient, topic: String, run: LoadRun, scenario: MQTTScenario) {
        self.index = index
        self.client = client
        self.topic = topic
        self.run = run
        self.target = scenario.messagesPerPublisher
        self.window = scenario.window
        self.qos = scenario.qos
    }

    /// Sends as much as the window allows, in one batch; unless `force`, only once a quarter
    /// window (or the rest of the run) is free, so batches stay large.
    func pump(force: Bool) {
        var slowest = Int.max
        for subscriber in run.counts { slowest = min(slowest, subscriber[index].value.load(ordering: .relaxed)) }
        let allowed = min(window - (sent - slowest), target - sent)
        guard allowed > 0, force || allowed >= run.wakeEvery || sent + allowed == target else { return }
        let now = MQTTLoadRunner.now()
        var batch: [PublishPacket] = []
        batch.reserveCapacity(allowed)
        let allocator = ByteBufferAllocator()
        for offset in 0..<allowed {
            var payload = allocator.buffer(capacity: MQTTLoadRunner.payloadSize)
            payload.writeInteger(now)
            payload.writeInteger(UInt32(index))
            payload.writeInteger(UInt32(sent + offset))
            payload.writeRepeatingByte(0x2E, count: MQTTLoadRunner.payloadSize - 16)
            batch.append(PublishPacket(topic: topic, payload: payload, qos: qos))
        }
        sent += allowed
        client.publish(batch) { [self] result in
            if case .success(let code) = result, !code.isFailure { return }
            refused.wrappingAdd(1, ordering: .relaxed)
        }
    }
}

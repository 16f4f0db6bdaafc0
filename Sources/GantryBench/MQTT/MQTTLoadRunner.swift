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
/// broker sustains at that depth, not how fast it can buffer. The connections are
/// `LoadConnection`s, lean on purpose, so the cores go to the broker under test.
public enum MQTTLoadRunner {
    static let payloadSize = 64

    /// Runs `scenario` against the broker on 127.0.0.1:`port`; `brokerCPU` reads the broker's CPU seconds so far.
    /// The run ends when every delivery arrived, or after `stallLimit` without one (the broker dropped messages);
    /// tests on a loaded machine give it longer than the benchmark's 3 s.
    public static func run(
        _ scenario: MQTTScenario, broker: String, port: Int, version: ProtocolVersion,
        group: any EventLoopGroup, stallLimit: Duration = .seconds(3), brokerCPU: () -> Double
    ) async throws -> MQTTScenarioResult {
        let run = LoadRun(scenario)
        let prefix = "bench/\(scenario.shape.rawValue)"
        let tag = "\(scenario.shape.rawValue)-\(scenario.qos.rawValue)-\(UInt32.random(in: 0...UInt32.max))"
        var subscribers: [LoadConnection] = []
        for index in 0..<scenario.subscribers {
            let state = SubscriberState(index: index)
            let connection = try await LoadConnection.connect(
                port: port, clientID: "sub-\(index)-\(tag)", version: version,
                receiveMaximum: UInt16(min(65_535, scenario.window * scenario.publishers * 2)), group: group
            ) { payload in run.received(payload, by: state) }
            run.subscriberStates.append(state)
            let granted = try await connection.subscribe(to: prefix + "/+", qos: scenario.qos)
            guard granted == ReasonCode(rawValue: scenario.qos.rawValue) else {
                throw LoadConnectionError(
                    "\(broker) granted \(granted) for \(prefix)/+ at QoS \(scenario.qos.rawValue)")
            }
            subscribers.append(connection)
        }
        var publishers: [Publisher] = []
        for index in 0..<scenario.publishers {
            let connection = try await LoadConnection.connect(
                port: port, clientID: "pub-\(index)-\(tag)", version: version, group: group)
            publishers.append(
                Publisher(
                    index: index, connection: connection, topic: "\(prefix)/\(index)", run: run, scenario: scenario))
        }
        run.publishers = publishers
        progress("\(broker) \(scenario.name): connected, publishing")
        let cpuBefore = brokerCPU()
        let ownCPUBefore = processCPUSeconds()
        for publisher in publishers { publisher.connection.eventLoop.execute { publisher.pump(force: true) } }
        // Wait for every delivery, or for `stallLimit` without progress (the broker dropped messages).
        var last = 0
        var idleSince = ContinuousClock.now
        while true {
            try await Task.sleep(for: .milliseconds(10))
            let delivered = run.delivered.load(ordering: .relaxed)
            if delivered >= scenario.expectedDeliveries { break }
            if delivered != last {
                last = delivered
                idleSince = .now
            } else if ContinuousClock.now - idleSince > stallLimit {
                break
            }
            // Nudge publishers whose window a lost message has left short.
            for publisher in publishers { publisher.connection.eventLoop.execute { publisher.pump(force: true) } }
        }
        let cpu = brokerCPU() - cpuBefore
        let ownCPU = processCPUSeconds() - ownCPUBefore
        progress(
            "\(broker) \(scenario.name): \(run.delivered.load(ordering: .relaxed)) delivered, "
                + String(format: "load generator CPU %.2f s, closing", ownCPU))
        var refused = 0
        var unexpected = 0
        for publisher in publishers {
            // The last PUBACKs may still be on their way; a disconnect now would lose them.
            try await publisher.connection.drain()
            let problems = try await publisher.connection.problems()
            refused += problems.refused
            unexpected += problems.unexpected
            await publisher.connection.disconnect()
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for (connection, state) in zip(subscribers, run.subscriberStates) {
            let part = try await connection.eventLoop.submit { state.latencies }.get()
            histogram.add(part)
            unexpected += try await connection.problems().unexpected
            await connection.disconnect()
        }
        if unexpected > 0 { progress("\(broker) \(scenario.name): \(unexpected) frames the generator did not expect") }
        let delivered = run.delivered.load(ordering: .relaxed)
        let warm = run.warmAt.load(ordering: .relaxed)
        let end = run.lastAt.load(ordering: .relaxed)
        let measured = delivered - run.warmup
        let seconds = Double(end &- warm) / 1e9
        return MQTTScenarioResult(
            broker: broker, scenario: scenario, delivered: delivered, expected: scenario.expectedDeliveries,
            rate: seconds > 0 && measured > 0 ? Double(measured) / seconds : 0,
            p50Microseconds: histogram.valueAtPercentile(50), p99Microseconds: histogram.valueAtPercentile(99),
            maxMicroseconds: histogram.max, brokerCPUSeconds: cpu, refused: refused, unexpected: unexpected)
    }

    static func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

    /// CPU seconds this process (the load generator) has used, user and system.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

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
    func received(_ payload: ByteBuffer, by state: SubscriberState) {
        let now = MQTTLoadRunner.now()
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
            target.connection.eventLoop.execute { target.pump(force: false) }
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
final class Publisher: @unchecked Sendable {  // `sent` is touched only on the connection's event loop
    let index: Int
    let connection: LoadConnection
    let topic: [UInt8]
    let run: LoadRun
    let target: Int
    let window: Int
    let qos: QoS
    var sent = 0

    init(index: Int, connection: LoadConnection, topic: String, run: LoadRun, scenario: MQTTScenario) {
        self.index = index
        self.connection = connection
        self.topic = Array(topic.utf8)
        self.run = run
        self.target = scenario.messagesPerPublisher
        self.window = scenario.window
        self.qos = scenario.qos
    }

    /// Sends as much as the window allows, in one batch; unless `force`, only once a quarter
    /// window (or the rest of the run) is free, so batches stay large. QoS 1 publishes not yet
    /// acknowledged are held to twice the window, far below any broker's Receive Maximum.
    func pump(force: Bool) {
        var slowest = Int.max
        for subscriber in run.counts { slowest = min(slowest, subscriber[index].value.load(ordering: .relaxed)) }
        let allowed = min(window - (sent - slowest), target - sent, window * 2 - connection.unacknowledged)
        guard allowed > 0, force || allowed >= run.wakeEvery || sent + allowed == target else { return }
        let now = MQTTLoadRunner.now()
        let first = sent
        let publisher = UInt32(index)
        connection.publish(topic: topic, qos: qos, count: allowed, payloadSize: MQTTLoadRunner.payloadSize) {
            buffer, offset in
            buffer.writeInteger(now)
            buffer.writeInteger(publisher)
            buffer.writeInteger(UInt32(first + offset))
            buffer.writeRepeatingByte(0x2E, count: MQTTLoadRunner.payloadSize - 16)
        }
        sent += allowed
    }
}

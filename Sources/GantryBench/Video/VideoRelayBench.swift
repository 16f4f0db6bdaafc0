import Foundation
import GantryServer
import GantrySimulator
import Histogram
import NIOCore
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `gantry bench video`: one camera pushed over HTTP into a `gantry serve` of its own, watched by many MJPEG
/// viewers over real sockets on 127.0.0.1.
///
/// Frames are synthetic 320×240 JPEGs (the simulator's tunnel view, rendered before the run so the generator's
/// CPU goes to pushing and watching). The relay numbers frames from 1, so push `n` is sequence `n`; each viewer
/// reads the `Gantry-Frame-Sequence` of every part and records receive time minus the time its push started
/// (monotonic clock, same process): the added latency of POST, relay and MJPEG write.
public enum VideoRelayBench {
    public struct Options: Sendable {
        public var gantry: String
        public var viewers: Int
        /// Frames pushed per second.
        public var rate: Int
        public var seconds: Int
        public var directory: String

        public init(gantry: String, viewers: Int, rate: Int, seconds: Int, directory: String) {
            self.gantry = gantry
            self.viewers = viewers
            self.rate = rate
            self.seconds = seconds
            self.directory = directory
        }
    }

    public struct Result: Sendable {
        public var viewers: Int
        public var pushed: Int
        public var frameBytes: Int
        /// Frames per second each viewer received over the push window: the slowest and the median viewer.
        public var minimumFramesPerSecond: Double
        public var medianFramesPerSecond: Double
        /// Frames the relay dropped for slow viewers, summed.
        public var dropped: Int
        public var p50Microseconds: UInt64
        public var p99Microseconds: UInt64
        public var maxMicroseconds: UInt64
        public var serverCPUSeconds: Double
    }

    static let equipment = "acme/plant1/loco-01"

    public static func run(_ options: Options, print: @escaping @Sendable (String) -> Void) async throws -> Result {
        let httpPort = try await freeLoopbackPort()
        let password = "bench-admin-\(UInt32.random(in: 0...UInt32.max))"
        let dataDirectory = options.directory + "/video-data"
        try? FileManager.default.removeItem(atPath: dataDirectory)
        let server = try await BrokerProcess(
            name: "gantry serve", executable: options.gantry,
            arguments: [
                "serve", "--data-dir", dataDirectory, "--http-port", "\(httpPort)", "--mqtt-port", "0",
                "--mqtt-ws-port", "0", "--log-level", "warning",
            ],
            port: httpPort, environment: ["GANTRY_ADMIN_PASSWORD": password], log: options.directory + "/video.log")
        do {
            let result = try await measure(options, port: httpPort, password: password, server: server, print: print)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func measure(
        _ options: Options, port: Int, password: String, server: BrokerProcess,
        print: @escaping @Sendable (String) -> Void
    ) async throws -> Result {
        let http = HTTP(base: "http://127.0.0.1:\(port)")
        let login = try await http.send("POST", "/api/v1/auth/login", ["username": "admin", "password": password])
        guard let token = login["token"] as? String else { throw BenchError("login answered no token: \(login)") }
        http.token = token
        for path in ["acme", "acme/plant1", equipment] {
            _ = try await http.send("POST", "/api/v1/assets", ["path": path, "name": path])
        }
        let view = TunnelView()
        let encoder = JPEGEncoder(quality: 80)
        let frames = (0..<50).map { index in
            encoder.encode(
                grayscale: view.render(distance: Double(index) * 0.18, frame: UInt64(index), time: 0, speed: 4.5),
                width: view.width, height: view.height)
        }
        let frameBytes = frames.map(\.count).reduce(0, +) / frames.count
        let total = options.rate * options.seconds
        let board = VideoBoard(viewers: options.viewers, frames: total + 1)
        let query = "/api/v1/cameras/mjpeg?equipment=\(equipment)&camera=cab"
        try await push(frames[0], port: port, token: token)
        print("video: \(options.viewers) viewers, \(total) frames of ~\(frameBytes) B at \(options.rate)/s")
        return try await withThrowingTaskGroup(of: Void.self) { tasks -> Result in
            for index in 0..<options.viewers {
                tasks.addTask {
                    try await MJPEGConnection.withStream(port: port, path: query, authorization: "Bearer \(token)") {
                        reader in
                        while let part = try await reader.next() {
                            board.record(part, by: index, at: NIODeadline.now().uptimeNanoseconds / 1000)
                        }
                    }
                }
            }
            for _ in 0..<3000 where board.ready.load(ordering: .relaxed) < options.viewers {
                try await Task.sleep(for: .milliseconds(10))
            }
            guard board.ready.load(ordering: .relaxed) == options.viewers else {
                throw BenchError("only \(board.ready.load(ordering: .relaxed)) viewers were watching within 30 s")
            }
            let cpuBefore = server.cpuSeconds
            let interval = Duration.nanoseconds(1_000_000_000 / max(1, options.rate))
            var next = ContinuousClock.now
            for sequence in 2...(total + 1) {
                next += interval
                try await Task.sleep(until: next)
                board.pushed(sequence, at: NIODeadline.now().uptimeNanoseconds / 1000)
                try await push(frames[sequence % frames.count], port: port, token: token)
            }
            try await Task.sleep(for: .milliseconds(500))
            let cpu = server.cpuSeconds - cpuBefore
            tasks.cancelAll()
            let rates = board.deliveredAfterFirst().map { Double($0) / Double(options.seconds) }.sorted()
            let histogram = board.merged()
            return Result(
                viewers: options.viewers, pushed: total, frameBytes: frameBytes,
                minimumFramesPerSecond: rates.first ?? 0, medianFramesPerSecond: rates[rates.count / 2],
                dropped: board.dropped(), p50Microseconds: histogram.valueAtPercentile(50),
                p99Microseconds: histogram.valueAtPercentile(99), maxMicroseconds: histogram.max,
                serverCPUSeconds: cpu)
        }
    }

    static func push(_ frame: [UInt8], port: Int, token: String) async throws {
        var request = URLRequest(
            url: URL(string: "http://127.0.0.1:\(port)/api/v1/cameras/frames?equipment=\(equipment)&camera=cab")!)
        request.httpMethod = "POST"
        request.setValue("image/jpeg", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(frame)
        let (data, response) = try await URLSession.shared.cancellableData(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw BenchError("frame push answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
    }
}

/// What the viewers have seen: per viewer a histogram, a count and its last drop count; push times by sequence.
final class VideoBoard: Sendable {
    let ready = Atomic<Int>(0)
    private let slots: [Slot]
    private let pushTimes: Mutex<[UInt64]>

    final class Slot: Sendable {
        let state = Mutex(
            (
                histogram: Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three),
                delivered: 0, dropped: 0, first: true
            ))
    }

    init(viewers: Int, frames: Int) {
        slots = (0..<viewers).map { _ in Slot() }
        pushTimes = Mutex([UInt64](repeating: 0, count: frames + 2))
    }

    func pushed(_ sequence: Int, at time: UInt64) {
        pushTimes.withLock { $0[sequence] = time }
    }

    func record(_ part: MJPEGPart, by viewer: Int, at now: UInt64) {
        let sequence = Int(part.sequence ?? 0)
        let sent = pushTimes.withLock { $0.indices.contains(sequence) ? $0[sequence] : 0 }
        let wasFirst = slots[viewer].state.withLock { state -> Bool in
            defer { state.first = false }
            if state.first { return true }
            state.delivered += 1
            state.dropped = part.dropped ?? state.dropped
            if sent > 0 { state.histogram.record(now > sent ? now - sent : 0) }
            return false
        }
        if wasFirst { ready.add(1, ordering: .relaxed) }
    }

    /// Frames each viewer received after its first (the one already there when it connected).
    func deliveredAfterFirst() -> [Int] { slots.map { $0.state.withLock { $0.delivered } } }

    func dropped() -> Int { slots.reduce(0) { $0 + $1.state.withLock { $0.dropped } } }

    func merged() -> Histogram<UInt64> {
        var all = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        for slot in slots { all.add(slot.state.withLock { $0.histogram }) }
        return all
    }
}

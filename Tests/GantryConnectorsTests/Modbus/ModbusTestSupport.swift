import Foundation
import GantryConnectors
import GantryCore
import GantryTesting
import Logging
import NIOCore
import Synchronization

/// Hex strings as the captures write them (`000100000006…`), to and from bytes.
enum Hex {
    static func buffer(_ text: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            buffer.writeInteger(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return buffer
    }

    static func string(_ buffer: ByteBuffer) -> String {
        buffer.readableBytesView.map { String(format: "%02x", $0) }.joined()
    }
}

/// One line of a recorded session: which way the bytes went, and the bytes.
struct CapturedFrame: Decodable {
    var dir: String
    var hex: String

    static func load() throws -> [CapturedFrame] {
        let path = ProtocolPeer.directory + "/captures/modbus_pymodbus_session.jsonl"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(CapturedFrame.self, from: Data($0.utf8)) }
    }
}

/// A sink that keeps what a connector delivers, for tests to wait on.
final class RecordingSink: ConnectorSink {
    enum Event: Hashable, Sendable {
        case readings([PointReading])
        case link(online: Bool, reason: String?)
    }

    private let recorded = Mutex<[Event]>([])

    var events: [Event] { recorded.withLock { $0 } }

    func deliver(_ readings: [PointReading]) async {
        recorded.withLock { $0.append(.readings(readings)) }
    }

    func linkChanged(online: Bool, reason: String?) async {
        recorded.withLock { $0.append(.link(online: online, reason: reason)) }
    }

    /// Waits (up to a generous deadline) until the events since `start` contain one `match` accepts; returns
    /// its index.
    @discardableResult
    func wait(
        _ what: String, after start: Int = 0, _ match: @escaping @Sendable (Event) -> Bool
    ) async throws -> Int {
        try await withDeadline(what) {
            while true {
                let events = self.events
                if let index = events.indices.dropFirst(start).first(where: { match(events[$0]) }) { return index }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}

/// Log lines kept in memory: tests read what a connector logged without bootstrapping the logging system.
final class RecordedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var messages: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "test.modbus") { _ in Handler(log: self) }
    }

    private struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.lines.withLock { $0.append("\(event.level) \(event.message) \(details)") }
        }
    }
}

extension Logger {
    /// A logger that keeps its lines to itself.
    static var quiet: Logger { RecordedLog().logger }
}

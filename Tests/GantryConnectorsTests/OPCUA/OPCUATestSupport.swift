import Foundation
import GantryConnectors
import GantryTesting
import Logging
import NIOCore

/// A logger that writes nowhere: tests never bootstrap the logging system.
let quietLogger = Logger(label: "opcua-test", factory: { _ in SwiftLogNoOpLogHandler() })

extension ByteBuffer {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes: bytes)
    }

    var hex: String { readableBytesView.map { String(format: "%02x", $0) }.joined() }
}

/// One line of `captures/opcua_asyncua_session.jsonl`: a chunk asyncua's client sent or its server answered.
struct RecordedChunk: Decodable, Sendable {
    let t: Double
    let dir: String
    let hex: String
    let msg: String

    var bytes: ByteBuffer { ByteBuffer(hex: hex) }
    var fromClient: Bool { dir == "c2s" }

    static func session() throws -> [RecordedChunk] {
        let path = ProtocolPeer.directory + "/captures/opcua_asyncua_session.jsonl"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try JSONDecoder().decode(RecordedChunk.self, from: Data(line.utf8))
        }
    }
}

/// A sink that keeps what the connector delivered, for tests to wait on.
actor SubscriptionRecordingSink: ConnectorSink {
    private(set) var readings: [PointReading] = []
    private(set) var links: [(online: Bool, reason: String?)] = []

    func deliver(_ readings: [PointReading]) async {
        self.readings += readings
    }

    func linkChanged(online: Bool, reason: String?) async {
        links.append((online, reason))
    }

    var onlineChanges: [Bool] { links.map(\.online) }
}

/// Polls `condition` until it holds; bounded by `withDeadline` in the caller.
func eventually(_ condition: @Sendable () async -> Bool) async throws {
    while !(await condition()) {
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// Why the write-ahead log refused to open or to write; the message names the file and byte offset.
public struct WALError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable {
            case corrupted, io, notALog, tooLarge, closed
        }
        private let kind: Kind
        /// A record before the tail fails its checksum: acknowledged data would be lost, so nothing is cut.
        public static let corrupted = Code(kind: .corrupted)
        /// The operating system refused a read, write or sync.
        public static let io = Code(kind: .io)
        /// The file does not start with the WAL header.
        public static let notALog = Code(kind: .notALog)
        /// A record is larger than the log accepts.
        public static let tooLarge = Code(kind: .tooLarge)
        /// The log was closed.
        public static let closed = Code(kind: .closed)
    }

    public let code: Code
    /// The log file.
    public let path: String
    /// The byte offset the problem is at, when there is one.
    public let offset: Int64?
    public let message: String

    init(_ code: Code, path: String, offset: Int64? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.message = message
    }

    public var description: String {
        if let offset { "\(path) at byte \(offset): \(message)" } else { "\(path): \(message)" }
    }
}

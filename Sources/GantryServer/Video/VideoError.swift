/// Why the camera relay refused a frame or a viewer.
public struct VideoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is; new kinds break no caller.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case invalidCamera = "invalid_camera"
            case notJPEG = "not_jpeg"
            case tooLarge = "too_large"
            case unknownCamera = "unknown_camera"
            case relayFull = "relay_full"
        }

        private let kind: Kind

        /// The camera's equipment path or name is not well formed.
        public static let invalidCamera = Code(kind: .invalidCamera)
        /// The frame is not a JPEG file (no SOI at the start or no EOI at the end).
        public static let notJPEG = Code(kind: .notJPEG)
        /// The frame is larger than the relay takes.
        public static let tooLarge = Code(kind: .tooLarge)
        /// The camera has sent no frame since the server started.
        public static let unknownCamera = Code(kind: .unknownCamera)
        /// The relay already keeps as many cameras, or the camera as many viewers, as it may.
        public static let relayFull = Code(kind: .relayFull)

        public var description: String { kind.rawValue }
    }

    public let code: Code
    /// What was wrong and how to fix it.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

/// Why a fault command against a running demo failed, in words for the terminal: the server's problem
/// `detail` when it sent one, otherwise what could not be reached.
public struct FaultClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status, or `nil` when no answer came.
    public let status: Int?
    public let message: String

    public init(status: Int?, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String {
        status.map { "\(message) (HTTP \($0))" } ?? message
    }
}

/// Why a sign-in or an account operation was refused.
public struct AccountsError: Error, Sendable, CustomStringConvertible {
    /// The kind of refusal; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable {
            case unauthenticated, throttled, wrongCurrentPassword
        }
        private let kind: Kind
        /// No token, a bad or expired token, or wrong credentials.
        public static let unauthenticated = Code(kind: .unauthenticated)
        /// Too many failed sign-ins; try again after ``AccountsError/retryAfterSeconds``.
        public static let throttled = Code(kind: .throttled)
        /// A password change named the wrong current password.
        public static let wrongCurrentPassword = Code(kind: .wrongCurrentPassword)
    }

    public let code: Code
    public let message: String
    /// For `throttled`: seconds until another attempt is accepted.
    public let retryAfterSeconds: Int?

    init(_ code: Code, _ message: String, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message }
}

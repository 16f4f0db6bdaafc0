/// What a client presented in CONNECT, for the authenticator to judge.
public struct MQTTLogin: Sendable {
    public var clientID: String
    public var username: String?
    public var password: [UInt8]?
    public var version: ProtocolVersion
    /// Whether the connection came through a TLS listener with a verified client certificate.
    public var certificateSubject: String?

    public init(
        clientID: String, username: String?, password: [UInt8]?, version: ProtocolVersion,
        certificateSubject: String? = nil
    ) {
        self.clientID = clientID
        self.username = username
        self.password = password
        self.version = version
        self.certificateSubject = certificateSubject
    }
}

/// The authenticator's verdict on a login.
public enum MQTTLoginDecision: Sendable {
    /// Let the client in with these permissions; `identity` names it in logs (a device name, not a secret).
    /// `attachment` travels with the client's messages to the publish hook (the platform's view of the device).
    case accepted(identity: String, permissions: TopicPermissions, attachment: (any Sendable)? = nil)
    /// Let the client into the sandbox: a broker of its own with every topic open and nothing
    /// reaching the plant (ingest, retained plant state, device sessions).
    case sandboxed(identity: String)
    /// Refuse with this reason code (0x86 bad user name or password, 0x87 not authorized, 0x8A banned).
    case refused(ReasonCode, reason: String)
}

/// Decides who may connect and what they may touch; the platform plugs in device credentials.
public protocol MQTTAuthenticator: Sendable {
    func authenticate(_ login: MQTTLogin) async -> MQTTLoginDecision
}

/// Lets everyone in with the same permissions: the anonymous sandbox and tests.
public struct OpenAuthenticator: MQTTAuthenticator {
    public let permissions: TopicPermissions

    public init(permissions: TopicPermissions = .unrestricted) {
        self.permissions = permissions
    }

    public func authenticate(_ login: MQTTLogin) async -> MQTTLoginDecision {
        .accepted(identity: login.username ?? "anonymous", permissions: permissions, attachment: nil)
    }
}

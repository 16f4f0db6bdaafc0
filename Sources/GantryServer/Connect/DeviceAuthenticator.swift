import GantryCore
import GantryIngest
import GantryMQTT
import GantryStorage
import Logging

/// Lets devices onto the broker with the credentials they got at registration, each confined
/// to its own asset subtree; without credentials, clients go to the sandbox if it is on.
public struct DeviceAuthenticator: MQTTAuthenticator {
    let store: MetadataStore
    let hasher: PasswordHasher
    let allowAnonymous: Bool
    /// Whether a device's first publish of an unknown tag in its subtree creates the tag.
    let createTags: Bool
    let logger: Logger

    public init(store: MetadataStore, hasher: PasswordHasher, allowAnonymous: Bool, createTags: Bool, logger: Logger) {
        self.store = store
        self.hasher = hasher
        self.allowAnonymous = allowAnonymous
        self.createTags = createTags
        self.logger = logger
    }

    public func authenticate(_ login: MQTTLogin) async -> MQTTLoginDecision {
        if let subject = login.certificateSubject { return await authenticate(login, certificateName: subject) }
        guard let username = login.username else {
            if allowAnonymous { return .sandboxed(identity: "anonymous") }
            return .refused(.notAuthorized, reason: "no user name, and the anonymous sandbox is off")
        }
        let device: Device
        let secretHash: String
        switch await lookUp(username) {
        case .found(let found, let hash): (device, secretHash) = (found, hash)
        case .missing: return refuseBadCredentials(username)
        case .unavailable: return .refused(.serverUnavailable, reason: "the device registry is unavailable")
        }
        guard let password = login.password, let secret = String(validating: password, as: UTF8.self),
            (try? await hasher.verify(secret, against: secretHash)) == true
        else { return refuseBadCredentials(username) }
        return accept(device)
    }

    /// A device that showed a certificate from the plant's CA: its common name is the device's
    /// user name (`enterprise.name`), and no password is asked. A user name in CONNECT, if any,
    /// must be the same, so one device's certificate cannot log in as another.
    private func authenticate(_ login: MQTTLogin, certificateName: String) async -> MQTTLoginDecision {
        if let username = login.username, username != certificateName {
            logger.info(
                "device login refused: user name differs from the certificate",
                metadata: ["mqtt.username": "\(username)", "tls.subject": "\(certificateName)"])
            return .refused(.notAuthorized, reason: "the certificate is not for user \(username)")
        }
        switch await lookUp(certificateName) {
        case .found(let device, _):
            return accept(device)
        case .missing:
            logger.info(
                "device login refused: no device for the certificate", metadata: ["tls.subject": "\(certificateName)"])
            return .refused(.notAuthorized, reason: "no registered device is named \(certificateName)")
        case .unavailable:
            return .refused(.serverUnavailable, reason: "the device registry is unavailable")
        }
    }

    private enum Lookup {
        case found(Device, secretHash: String)
        case missing
        case unavailable
    }

    private func lookUp(_ username: String) async -> Lookup {
        do {
            guard let (device, hash) = try await store.deviceCredentials(username: username) else { return .missing }
            return .found(device, secretHash: hash)
        } catch {
            logger.warning("device lookup failed", metadata: ["mqtt.username": "\(username)", "error": "\(error)"])
            return .unavailable
        }
    }

    private func refuseBadCredentials(_ username: String) -> MQTTLoginDecision {
        logger.info("device login refused: bad user name or password", metadata: ["mqtt.username": "\(username)"])
        return .refused(.badUserNameOrPassword, reason: "bad user name or password")
    }

    private func accept(_ device: Device) -> MQTTLoginDecision {
        .accepted(
            identity: device.username, permissions: Self.permissions(for: device),
            attachment: IngestSource(name: device.username, subtree: device.assetPath, mayCreateTags: createTags))
    }

    /// A device's topics: its asset subtree, and as a Sparkplug edge node its own node's topics in
    /// the group named after its enterprise (`spBv1.0/ENTERPRISE/TYPE/DEVICE-NAME/…`), plus host states, its
    /// own control topics (`gantry/control/ENTERPRISE/DEVICE-NAME/…`: commands, reports, heartbeats) and its
    /// cameras' frames (`gantry/camera/ENTERPRISE/DEVICE-NAME/CAMERA`).
    static func permissions(for device: Device) -> TopicPermissions {
        let enterprise = device.assetPath.description.split(separator: "/").first.map(String.init) ?? ""
        return TopicPermissions(allow: [
            "\(device.assetPath)/#", "spBv1.0/\(enterprise)/+/\(device.name)",
            "spBv1.0/\(enterprise)/+/\(device.name)/#",
            "spBv1.0/STATE/+",
            // The control road: its commands and heartbeats in, its reports and echoes out.
            "gantry/control/\(enterprise)/\(device.name)/#",
            "gantry/camera/\(enterprise)/\(device.name)/#",
        ])
    }
}

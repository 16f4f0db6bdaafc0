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
        guard let username = login.username else {
            if allowAnonymous { return .sandboxed(identity: "anonymous") }
            return .refused(.notAuthorized, reason: "no user name, and the anonymous sandbox is off")
        }
        let found: (Device, String)?
        do {
            found = try await store.deviceCredentials(username: username)
        } catch {
            logger.warning("device lookup failed", metadata: ["mqtt.username": "\(username)", "error": "\(error)"])
            return .refused(.serverUnavailable, reason: "the device registry is unavailable")
        }
        guard let (device, secretHash) = found, let password = login.password,
            let secret = String(validating: password, as: UTF8.self),
            (try? await hasher.verify(secret, against: secretHash)) == true
        else {
            logger.info("device login refused: bad user name or password", metadata: ["mqtt.username": "\(username)"])
            return .refused(.badUserNameOrPassword, reason: "bad user name or password")
        }
        return .accepted(
            identity: device.username, permissions: Self.permissions(for: device),
            attachment: IngestSource(name: device.username, subtree: device.assetPath, mayCreateTags: createTags))
    }

    /// A device's topics: its asset subtree, and as a Sparkplug edge node its own node's topics in
    /// the group named after its enterprise (`spBv1.0/ENTERPRISE/TYPE/DEVICE-NAME/…`), plus host states.
    static func permissions(for device: Device) -> TopicPermissions {
        let enterprise = device.assetPath.description.split(separator: "/").first.map(String.init) ?? ""
        return TopicPermissions(allow: [
            "\(device.assetPath)/#", "spBv1.0/\(enterprise)/+/\(device.name)",
            "spBv1.0/\(enterprise)/+/\(device.name)/#",
            "spBv1.0/STATE/+",
        ])
    }
}

/// The secrets a provisioned demo runs with: each simulated device's password and the operator's sign-in.
///
/// `description` names no secret, so the value is safe to log by accident.
public struct DemoCredentials: Sendable, CustomStringConvertible {
    /// Each simulated device's MQTT password, by device name; for the simulator's connections only.
    public let devicePasswords: [String: String]
    public let operatorAccount: DemoOperatorAccount
    /// What the provisioning run changed.
    public let report: DemoProvisioningReport

    public var description: String {
        "DemoCredentials(\(devicePasswords.count) devices, operator '\(operatorAccount.username)')"
    }
}

/// The demo operator's user name and password, to print for whoever runs the demo.
public struct DemoOperatorAccount: Sendable, CustomStringConvertible {
    public let username: String
    public let password: String
    /// Whether the password was generated (rather than given in `GANTRY_DEMO_PASSWORD`), so worth printing.
    public let isGenerated: Bool

    public var description: String { "DemoOperatorAccount(\(username))" }
}

/// How an `OPCUAClient` talks to its server: time limits, buffer sizes and the security policy.
public struct OPCUAClientConfiguration: Sendable {
    /// How long to wait for TCP, Hello/Acknowledge, OpenSecureChannel and the session.
    public var connectTimeout: Duration = .seconds(5)
    /// How long a service call waits for its answer before it fails with `.timeout`.
    public var requestTimeout: Duration = .seconds(10)
    /// How long the server keeps the session alive without requests.
    public var sessionTimeout: Duration = .seconds(60)
    /// The secure channel token's lifetime asked for; it is renewed at 75% of what the server grants.
    public var tokenLifetime: Duration = .seconds(3_600)
    /// The buffer sizes and limits offered in Hello.
    public var limits = OPCUATransportLimits()
    /// How chunks are protected; SecurityPolicy None unless a signing policy is plugged in.
    public var securityPolicy: any OPCUASecurityPolicy = OPCUASecurityPolicyNone()
    /// The session name the server shows in its diagnostics.
    public var sessionName = "Gantry"

    public init() {}
}

extension Duration {
    /// Whole milliseconds, saturating, as OPC UA counts time in requests.
    var opcuaMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000).partialValue + attoseconds / 1_000_000_000_000_000
    }
}

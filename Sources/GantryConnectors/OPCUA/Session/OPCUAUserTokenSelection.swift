/// Picks the user identity token for ActivateSession from the endpoints CreateSession returned: the policy id
/// the server gave the anonymous or user name token on the endpoint with this channel's security policy.
struct OPCUAUserTokenSelection {
    let policies: [OPCUAUserTokenPolicy]
    let securityPolicyURI: String

    /// The encoded identity token for `identity`.
    ///
    /// - Throws: `ConnectorError(.refused)` when the server offers no token policy of that kind, or wants the
    ///   password encrypted with a policy this client does not implement.
    func token(for identity: OPCUAIdentity) throws(ConnectorError) -> OPCUAExtensionObject {
        switch identity {
        case .anonymous:
            guard let policy = policies.first(where: { $0.tokenType == 0 }) else {
                throw ConnectorError(
                    .refused, "the OPC UA server accepts no anonymous login (offered: \(offered)); configure a user")
            }
            return OPCUAExtensionObject(
                encodingId: OPCUAIdentityToken.anonymousEncodingId,
                encoding: OPCUAIdentityToken.Anonymous(policyId: policy.policyId))
        case .userName(let name, let password):
            guard let policy = policies.first(where: { $0.tokenType == 1 }) else {
                throw ConnectorError(
                    .refused, "the OPC UA server accepts no user name login (offered: \(offered))")
            }
            let tokenPolicy = policy.securityPolicyURI ?? ""
            guard tokenPolicy.isEmpty || tokenPolicy == OPCUASecurityPolicyNone.uri else {
                throw ConnectorError(
                    .refused,
                    "the OPC UA server wants the password encrypted with \(tokenPolicy), which this client "
                        + "does not implement yet")
            }
            return OPCUAExtensionObject(
                encodingId: OPCUAIdentityToken.userNameEncodingId,
                encoding: OPCUAIdentityToken.UserName(
                    policyId: policy.policyId, userName: name, password: Array(password.utf8)))
        }
    }

    private var offered: String {
        let names = ["anonymous", "user name", "certificate", "issued token"]
        let kinds = policies.map { (0..<names.count).contains(Int($0.tokenType)) ? names[Int($0.tokenType)] : "?" }
        return kinds.isEmpty ? "none" : kinds.joined(separator: ", ")
    }
}

extension OPCUAUserTokenSelection {
    /// The token policies of the endpoints with `securityPolicyURI`, or of all endpoints when none matches.
    init(endpoints: [OPCUAEndpointDescription], securityPolicyURI: String) {
        let matching = endpoints.filter { $0.securityPolicyURI == securityPolicyURI }
        self.init(
            policies: (matching.isEmpty ? endpoints : matching).flatMap(\.userIdentityTokens),
            securityPolicyURI: securityPolicyURI)
    }
}

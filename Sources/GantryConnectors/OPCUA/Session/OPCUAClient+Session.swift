import NIOCore

extension OPCUAClient {
    /// CreateSession, then ActivateSession as `identity` with the user token policy the server's endpoint
    /// names for it.
    func establishSession(identity: OPCUAIdentity) async throws(ConnectorError) {
        let created = try await send(
            OPCUACreateSessionRequest(
                endpointURL: endpoint.url, sessionName: configuration.sessionName,
                clientNonce: Array(repeating: 0, count: 32).map { _ in UInt8.random(in: 0...255) },
                requestedSessionTimeout: Double(configuration.sessionTimeout.opcuaMilliseconds),
                maxResponseMessageSize: configuration.limits.maxMessageSize),
            timeout: configuration.connectTimeout)
        authenticationToken.withLock { $0 = created.authenticationToken }
        let selection = OPCUAUserTokenSelection(
            endpoints: created.serverEndpoints, securityPolicyURI: configuration.securityPolicy.uri)
        let token = try selection.token(for: identity)
        do throws(ConnectorError) {
            _ = try await send(
                OPCUAActivateSessionRequest(localeIds: ["en"], userIdentityToken: token),
                timeout: configuration.connectTimeout)
        } catch  where error.code == .refused {
            throw ConnectorError(.refused, "the OPC UA server refused to activate a session for \(identity): \(error)")
        }
        logger.debug(
            "OPC UA session active",
            metadata: ["opcua.endpoint": "\(endpoint)", "opcua.session": "\(created.sessionId)"])
    }
}

import NIOCore

/// Who an application is (Part 4, 7.2): sent by the client in CreateSession, returned for the server.
struct OPCUAApplicationDescription: Hashable, Sendable {
    enum ApplicationType: Int32 { case server = 0, client = 1, clientAndServer = 2, discoveryServer = 3 }

    var applicationURI: String?
    var productURI: String?
    var applicationName = OPCUALocalizedText(text: nil)
    var applicationType: Int32 = ApplicationType.client.rawValue
    var gatewayServerURI: String?
    var discoveryProfileURI: String?
    var discoveryURLs: [String?] = []
}

extension OPCUAApplicationDescription: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUAString(applicationURI)
        buffer.writeUAString(productURI)
        applicationName.encode(to: &buffer)
        buffer.writeUA(applicationType)
        buffer.writeUAString(gatewayServerURI)
        buffer.writeUAString(discoveryProfileURI)
        buffer.writeUAArray(discoveryURLs) { $0.writeUAString($1) }
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        applicationURI = try reader.string("application URI")
        productURI = try reader.string("product URI")
        applicationName = try reader.read()
        applicationType = try reader.integer("application type")
        gatewayServerURI = try reader.string("gateway server URI")
        discoveryProfileURI = try reader.string("discovery profile URI")
        discoveryURLs = try reader.array("discovery URLs") { reader throws(ConnectorError) in
            try reader.string("discovery URL")
        }
    }
}

/// How a user may prove who they are at an endpoint (Part 4, 7.42): the policy id to quote in the token.
struct OPCUAUserTokenPolicy: Hashable, Sendable {
    enum TokenType: Int32 { case anonymous = 0, userName = 1, certificate = 2, issuedToken = 3 }

    var policyId: String?
    var tokenType: Int32
    var issuedTokenType: String?
    var issuerEndpointURL: String?
    var securityPolicyURI: String?
}

extension OPCUAUserTokenPolicy {
    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        policyId = try reader.string("user token policy id")
        tokenType = try reader.integer("user token type")
        issuedTokenType = try reader.string("issued token type")
        issuerEndpointURL = try reader.string("issuer endpoint URL")
        securityPolicyURI = try reader.string("user token security policy")
    }
}

/// One endpoint of the server (Part 4, 7.14): its URL, security, and the user tokens it accepts.
struct OPCUAEndpointDescription: Hashable, Sendable {
    var endpointURL: String?
    var server: OPCUAApplicationDescription
    var serverCertificate: [UInt8]?
    var securityMode: Int32
    var securityPolicyURI: String?
    var userIdentityTokens: [OPCUAUserTokenPolicy]
    var transportProfileURI: String?
    var securityLevel: UInt8

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        endpointURL = try reader.string("endpoint URL")
        server = try reader.read()
        serverCertificate = try reader.byteString("server certificate")
        securityMode = try reader.integer("security mode")
        securityPolicyURI = try reader.string("security policy URI")
        userIdentityTokens = try reader.array("user identity tokens") { reader throws(ConnectorError) in
            try OPCUAUserTokenPolicy(from: &reader)
        }
        transportProfileURI = try reader.string("transport profile URI")
        securityLevel = try reader.integer("security level")
    }
}

import Testing

@testable import GantryConnectors

/// Which identity token ActivateSession sends, and the precise refusals when the server offers no fitting policy.
@Suite struct OPCUAUserTokenSelectionTests {
    static let anonymousOnly = [OPCUAUserTokenPolicy(policyId: "anon", tokenType: 0)]

    @Test func anonymousQuotesTheServersPolicyId() throws {
        let token = try OPCUAUserTokenSelection(policies: Self.anonymousOnly, securityPolicyURI: "")
            .token(for: .anonymous)
        #expect(token.typeId == .numeric(OPCUAIdentityToken.anonymousEncodingId))
        var reader = try #require(token.binaryReader)
        #expect(try reader.string("policy id") == "anon")
    }

    @Test func userNameSendsThePasswordAsPlainBytesUnderPolicyNone() throws {
        let policies = [
            OPCUAUserTokenPolicy(policyId: "username", tokenType: 1, securityPolicyURI: OPCUASecurityPolicyNone.uri)
        ]
        let token = try OPCUAUserTokenSelection(policies: policies, securityPolicyURI: "")
            .token(for: .userName("operator", password: "sécret"))
        var reader = try #require(token.binaryReader)
        #expect(try reader.string("policy id") == "username")
        #expect(try reader.string("user name") == "operator")
        #expect(try reader.byteString("password") == Array("sécret".utf8))
        #expect(try reader.string("algorithm") == nil)
    }

    @Test func serverWithoutUserNamePolicyIsAPreciseRefusal() {
        #expect {
            _ = try OPCUAUserTokenSelection(policies: Self.anonymousOnly, securityPolicyURI: "")
                .token(for: .userName("operator", password: "x"))
        } throws: { error in
            (error as? ConnectorError)?.message == "the OPC UA server accepts no user name login (offered: anonymous)"
        }
    }

    @Test func encryptedPasswordPolicyIsRefusedNotSentInClear() {
        let policies = [
            OPCUAUserTokenPolicy(
                policyId: "username", tokenType: 1,
                securityPolicyURI: "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256")
        ]
        #expect {
            _ = try OPCUAUserTokenSelection(policies: policies, securityPolicyURI: "")
                .token(for: .userName("operator", password: "x"))
        } throws: { error in
            (error as? ConnectorError)?.message.contains("Basic256Sha256") == true
        }
    }
}

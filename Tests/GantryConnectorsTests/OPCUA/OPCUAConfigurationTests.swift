import Foundation
import GantryConnectors
import Testing

/// The connector configuration: JSON with defaults, and `validate()` naming the field that is wrong.
@Suite struct OPCUAConfigurationTests {
    static let valid = OPCUAConnectorConfiguration(
        endpoint: "opc.tcp://127.0.0.1:4840/",
        points: [.init(name: "temperature", node: "ns=2;s=Machine1.Temperature")])

    @Test func decodesJSONWithDefaults() throws {
        let json = """
            {"endpoint": "opc.tcp://plc:4840", "identity": {"type": "userName", "userName": "op", "password": "pw"},
             "points": [{"name": "t", "node": "ns=2;s=Machine1.Temperature"}]}
            """
        let configuration = try JSONDecoder().decode(OPCUAConnectorConfiguration.self, from: Data(json.utf8))
        #expect(configuration.identity == .userName("op", password: "pw"))
        #expect(configuration.publishingIntervalMilliseconds == 500)
        #expect(configuration.points[0].samplingIntervalMilliseconds == 250)
        #expect(configuration.identity.description == "user op")
        try configuration.validate()
        let again = try JSONDecoder().decode(
            OPCUAConnectorConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(again == configuration)
    }

    @Test(arguments: [
        ("http://plc:4840", "endpoint:"),
        ("opc.tcp://:4840", "endpoint:"),
        ("opc.tcp://plc:99999/", "endpoint:"),
    ])
    func badEndpointIsNamed(endpoint: String, field: String) {
        var configuration = Self.valid
        configuration.endpoint = endpoint
        expectInvalid(configuration, field: field)
    }

    @Test func unparsableNodeIdIsNamed() {
        var configuration = Self.valid
        configuration.points.append(.init(name: "x", node: "Machine1.Setpoint"))
        expectInvalid(configuration, field: "points[1].node")
    }

    @Test func duplicatePointNamesAreNamed() {
        var configuration = Self.valid
        configuration.points.append(.init(name: "temperature", node: "ns=2;s=Machine1.Setpoint"))
        expectInvalid(configuration, field: "points[1].name")
    }

    @Test func emptyUserNameAndBadIntervalsAreNamed() {
        var configuration = Self.valid
        configuration.identity = .userName("", password: "x")
        expectInvalid(configuration, field: "identity.userName")
        configuration = Self.valid
        configuration.publishingIntervalMilliseconds = 0
        expectInvalid(configuration, field: "publishingIntervalMilliseconds")
        configuration = Self.valid
        configuration.points[0].samplingIntervalMilliseconds = -1
        expectInvalid(configuration, field: "points[0].samplingIntervalMilliseconds")
    }

    @Test func endpointURLForms() throws {
        let plain = try OPCUAEndpoint(parsing: "opc.tcp://plc")
        #expect(plain.host == "plc" && plain.port == 4840)
        let ipv6 = try OPCUAEndpoint(parsing: "opc.tcp://[::1]:4841/UA/Server")
        #expect(ipv6.host == "::1" && ipv6.port == 4841)
    }

    private func expectInvalid(
        _ configuration: OPCUAConnectorConfiguration, field: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) {
            try configuration.validate()
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.code == .invalidConfiguration && error.message.hasPrefix(field)
        }
    }
}

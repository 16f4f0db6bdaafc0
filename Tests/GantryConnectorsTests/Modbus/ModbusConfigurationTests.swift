import Foundation
import GantryConnectors
import Testing

/// The connector's configuration: JSON with defaults, and validation messages that name what is wrong.
@Suite struct ModbusConfigurationTests {
    static func configuration(
        _ points: [ModbusPoint] = [ModbusPoint(name: "t", table: .inputRegister, address: 0, type: .float32)],
        change: (inout ModbusConnectorConfiguration) -> Void = { _ in }
    ) -> ModbusConnectorConfiguration {
        var configuration = ModbusConnectorConfiguration(
            host: "plc", groups: [ModbusPollGroup(name: "fast", scanRateMilliseconds: 100, points: points)])
        change(&configuration)
        return configuration
    }

    @Test func decodesJSONWithDefaults() throws {
        let json = """
            {"host": "10.0.0.5", "groups": [{"name": "fast", "scanRateMilliseconds": 250, "points": [
              {"name": "temperature", "table": "inputRegister", "address": 0, "type": "float32"},
              {"name": "pressure", "table": "inputRegister", "address": 4, "type": "uint16", "scale": 0.01},
              {"name": "swapped", "table": "holdingRegister", "address": 20, "type": "int32",
               "wordOrder": "littleEndian", "byteOrder": "littleEndian"}]}]}
            """
        let configuration = try JSONDecoder().decode(ModbusConnectorConfiguration.self, from: Data(json.utf8))
        try configuration.validate()
        #expect(
            configuration.port == 502 && configuration.maximumInFlight == 1 && configuration.timeoutMilliseconds == 1000
        )
        #expect(configuration.groups[0].unitID == 1)
        #expect(configuration.groups[0].points[1].scale == 0.01)
        #expect(configuration.groups[0].points[2].wordOrder == .littleEndian)
        let again = try JSONDecoder().decode(
            ModbusConnectorConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(again == configuration)
    }

    static let point = ModbusPoint(name: "p", table: .holdingRegister, address: 0, type: .uint16)

    @Test(arguments: [
        (configuration { $0.port = 0 }, "Modbus connector plc:0: port 0 is outside 1…65535"),
        (configuration { $0.maximumInFlight = 0 }, "Modbus connector plc:502: maximumInFlight 0 is outside 1…256"),
        (configuration { $0.groups = [] }, "Modbus connector plc:502: no poll groups"),
        (
            configuration { $0.groups[0].scanRateMilliseconds = 5 },
            "Modbus connector plc:502: poll group \"fast\": scanRateMilliseconds 5 is below 10"
        ),
        (
            configuration { $0.groups[0].unitID = 256 },
            "Modbus connector plc:502: poll group \"fast\": unitID 256 is outside 0…255"
        ),
        (
            configuration { $0.groups.append($0.groups[0]) },
            "Modbus connector plc:502: two poll groups are named \"fast\""
        ),
        (configuration([point, point]), "Modbus connector plc:502: poll group \"fast\": two points are named \"p\""),
        (
            configuration { $0.groups.append(ModbusPollGroup(name: "slow", points: $0.groups[0].points)) },
            "Modbus connector plc:502: point \"t\" is in poll group \"fast\" and in \"slow\""
        ),
        (
            configuration([ModbusPoint(name: "a", table: .holdingRegister, address: 65_536, type: .uint16)]),
            "Modbus connector plc:502: poll group \"fast\": point \"a\": address 65536 is outside 0…65535"
        ),
        (
            configuration([ModbusPoint(name: "a", table: .holdingRegister, address: 65_535, type: .float32)]),
            "Modbus connector plc:502: poll group \"fast\": point \"a\": its 2 registers from 65535 pass address 65535"
        ),
        (
            configuration([ModbusPoint(name: "s", table: .holdingRegister, address: 0, type: .string)]),
            "Modbus connector plc:502: poll group \"fast\": point \"s\": a string needs `length`, its number of registers"
        ),
        (
            configuration([ModbusPoint(name: "b", table: .inputRegister, address: 0, type: .bool, bit: 16)]),
            "Modbus connector plc:502: poll group \"fast\": point \"b\": bit 16 is outside 0…15"
        ),
        (
            configuration([ModbusPoint(name: "b", table: .inputRegister, address: 0, type: .bool)]),
            "Modbus connector plc:502: poll group \"fast\": point \"b\": a bool in input registers needs `bit` (0…15)"
        ),
        (
            configuration([ModbusPoint(name: "c", table: .coil, address: 0, type: .uint16)]),
            "Modbus connector plc:502: poll group \"fast\": point \"c\": coils hold single bits: the type must be bool, not uint16"
        ),
        (
            configuration([ModbusPoint(name: "z", table: .inputRegister, address: 0, type: .int16, scale: 0)]),
            "Modbus connector plc:502: poll group \"fast\": point \"z\": scale 0.0 must be finite and not 0"
        ),
    ])
    func refusesWhatCannotWork(configuration: ModbusConnectorConfiguration, message: String) {
        let error = #expect(throws: ConnectorError.self) { try configuration.validate() }
        #expect(error == ConnectorError(.invalidConfiguration, message))
    }
}

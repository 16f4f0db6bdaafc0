import Foundation
import GantryCore
import Logging

/// The protocols a device connector speaks.
public enum ConnectorProtocol: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case modbus
    case opcua

    public var description: String { rawValue }
}

/// A control command's argument written to a point: how Control reaches a device that only answers Modbus or
/// OPC UA (`set_speed`'s `speed` → the drive's setpoint register).
public struct CommandBinding: Hashable, Sendable, Codable {
    public var command: String
    public var argument: String
    public var point: String

    public init(command: String, argument: String, point: String) {
        self.command = command
        self.argument = argument
        self.point = point
    }
}

/// Everything the platform keeps about one device's connector, as the API takes it and the store keeps it:
/// the protocol's own configuration (exactly one of `modbus`, `opcua`), which point feeds which tag, which
/// command writes which point, and whether it runs.
public struct ConnectorDefinition: Hashable, Sendable, Codable {
    /// A stopped connector keeps its configuration and reads nothing.
    public var enabled: Bool
    public var modbus: ModbusConnectorConfiguration?
    public var opcua: OPCUAConnectorConfiguration?
    /// Point name → tag under the device's asset (`temperature`, or `press-7/temperature` one level down); a
    /// point not named here feeds the tag of its own name.
    public var tags: [String: String]
    public var commands: [CommandBinding]

    public init(
        enabled: Bool = true, modbus: ModbusConnectorConfiguration? = nil, opcua: OPCUAConnectorConfiguration? = nil,
        tags: [String: String] = [:], commands: [CommandBinding] = []
    ) {
        self.enabled = enabled
        self.modbus = modbus
        self.opcua = opcua
        self.tags = tags
        self.commands = commands
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        modbus = try container.decodeIfPresent(ModbusConnectorConfiguration.self, forKey: .modbus)
        opcua = try container.decodeIfPresent(OPCUAConnectorConfiguration.self, forKey: .opcua)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        commands = try container.decodeIfPresent([CommandBinding].self, forKey: .commands) ?? []
    }

    /// Modbus when `modbus` is set, otherwise OPC UA (``validate()`` insists on exactly one).
    public var `protocol`: ConnectorProtocol { modbus != nil ? .modbus : .opcua }

    /// The names of every configured point, in configuration order.
    public var pointNames: [String] {
        if let modbus { return modbus.groups.flatMap { $0.points.map(\.name) } }
        return opcua?.points.map(\.name) ?? []
    }

    /// Checks the whole definition; the error names the field to fix.
    public func validate() throws(ConnectorError) {
        switch (modbus, opcua) {
        case (nil, nil):
            throw ConnectorError(.invalidConfiguration, "a connector needs a 'modbus' or an 'opcua' configuration")
        case (.some, .some):
            throw ConnectorError(.invalidConfiguration, "a connector speaks one protocol: give 'modbus' or 'opcua'")
        case (.some(let modbus), nil): try modbus.validate()
        case (nil, .some(let opcua)): try opcua.validate()
        }
        let points = Set(pointNames)
        for name in tags.keys.sorted() where !points.contains(name) {
            throw ConnectorError(.invalidConfiguration, "tags: '\(name)' is not a configured point")
        }
        for (index, binding) in commands.enumerated() where !points.contains(binding.point) {
            throw ConnectorError(
                .invalidConfiguration, "commands[\(index)]: point '\(binding.point)' is not a configured point")
        }
    }

    /// Each point's tag under `asset`, the device's asset.
    public func tagPaths(under asset: AssetPath) throws(ConnectorError) -> [String: TagPath] {
        var paths: [String: TagPath] = [:]
        for name in pointNames {
            let relative = tags[name] ?? name
            do {
                paths[name] = try TagPath("\(asset)/\(relative)")
            } catch {
                throw ConnectorError(.invalidConfiguration, "tags: '\(name)' → '\(relative)': \(error.message)")
            }
        }
        return paths
    }

    /// A connector that runs this definition, delivering to `sink`.
    public func makeConnector(sink: any ConnectorSink, logger: Logger) throws(ConnectorError) -> any DeviceConnector {
        try validate()
        if let modbus { return try ModbusConnector(configuration: modbus, sink: sink, logger: logger) }
        guard let opcua else { throw ConnectorError(.invalidConfiguration, "a connector needs a configuration") }
        return try OPCUAConnector(configuration: opcua, sink: sink, logger: logger)
    }

    /// The stored form.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads the stored form back.
    public static func decode(_ text: String) throws -> ConnectorDefinition {
        try JSONDecoder().decode(ConnectorDefinition.self, from: Data(text.utf8))
    }
}

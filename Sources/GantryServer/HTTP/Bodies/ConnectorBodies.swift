import Foundation
import GantryConnectors
import GantryCore
import Hummingbird

/// `PUT /api/v1/devices/{id}/connector`: a connector definition, refused whole when any key at any depth is
/// not one the definition knows (a misspelt `scanRateMs` must not quietly poll at the default rate).
struct ConnectorBody: Decodable {
    let definition: ConnectorDefinition

    init(from decoder: any Decoder) throws {
        definition = try ConnectorDefinition(from: decoder)
        let given = try JSONTree(from: decoder)
        let known = try JSONDecoder().decode(JSONTree.self, from: JSONEncoder().encode(definition))
        if let unknown = given.firstKey(absentFrom: known) {
            throw UnknownField(codingPath: decoder.codingPath + unknown)
        }
    }
}

/// A device's connector as the API shows it: the definition (with any password left out), and how it runs.
struct ConnectorView: ResponseEncodable {
    let device: UUID
    let deviceName: String
    let assetPath: AssetPath
    let `protocol`: ConnectorProtocol
    let enabled: Bool
    let definition: ConnectorDefinition?
    /// `nil` while the connector does not run (disabled).
    let status: ConnectorStatus?

    init(_ device: Device, _ definition: ConnectorDefinition, status: ConnectorStatus?, full: Bool = true) {
        self.device = device.id
        self.deviceName = device.name
        self.assetPath = device.assetPath
        self.protocol = definition.protocol
        self.enabled = definition.enabled
        self.definition = full ? definition.withoutSecrets : nil
        self.status = status
    }
}

/// Any JSON value, to compare the keys a body carries with the keys its decoded form has.
enum JSONTree: Decodable {
    case object([String: JSONTree])
    case array([JSONTree])
    case scalar
    case null

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyCodingKey.self) {
            var members: [String: JSONTree] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONTree.self, forKey: key) }
            self = .object(members)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONTree] = []
            while !array.isAtEnd { items.append(try array.decode(JSONTree.self)) }
            self = .array(items)
        } else {
            self = try decoder.singleValueContainer().decodeNil() ? .null : .scalar
        }
    }

    /// The path of the first key, at any depth, that this tree has with a non-null value and `known` lacks.
    func firstKey(absentFrom known: JSONTree) -> [any CodingKey]? {
        switch (self, known) {
        case (.object(let given), .object(let known)):
            for key in given.keys.sorted() {
                guard let value = given[key] else { continue }
                if case .null = value { continue }
                guard let expected = known[key] else { return [AnyCodingKey(stringValue: key)] }
                if let inner = value.firstKey(absentFrom: expected) { return [AnyCodingKey(stringValue: key)] + inner }
            }
        case (.array(let given), .array(let known)):
            for (index, value) in given.enumerated() where index < known.count {
                if let inner = value.firstKey(absentFrom: known[index]) {
                    return [AnyCodingKey(intValue: index)!] + inner
                }
            }
        default:
            break
        }
        return nil
    }
}

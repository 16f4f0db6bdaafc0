import Foundation
import NIOCore

/// A value of any built-in type, or an array of them (Part 6, 5.2.2.16): what Read returns, Write sends and
/// methods take and give.
public indirect enum OPCUAVariant: Hashable, Sendable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case sbyte(Int8)
    case byte(UInt8)
    case int16(Int16)
    case uint16(UInt16)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    case string(String?)
    case dateTime(OPCUADateTime)
    case guid(UUID)
    case byteString([UInt8]?)
    case xmlElement(String?)
    case nodeId(OPCUANodeId)
    case expandedNodeId(OPCUAExpandedNodeId)
    case statusCode(OPCUAStatusCode)
    case qualifiedName(OPCUAQualifiedName)
    case localizedText(OPCUALocalizedText)
    case extensionObject(OPCUAExtensionObject)
    case dataValue(OPCUADataValue)
    /// A variant nested in an array of variants; never a scalar on the wire.
    case variant(OPCUAVariant)
    case diagnosticInfo(OPCUADiagnosticInfo)
    /// A one- or multi-dimensional array whose elements all are `type` (each element a scalar case).
    case array(OPCUABuiltInType, [OPCUAVariant], dimensions: [Int32]?)

    /// The built-in type of the value (of the elements, for an array); `nil` for `null`.
    public var builtInType: OPCUABuiltInType? {
        switch self {
        case .null: nil
        case .boolean: .boolean
        case .sbyte: .sbyte
        case .byte: .byte
        case .int16: .int16
        case .uint16: .uint16
        case .int32: .int32
        case .uint32: .uint32
        case .int64: .int64
        case .uint64: .uint64
        case .float: .float
        case .double: .double
        case .string: .string
        case .dateTime: .dateTime
        case .guid: .guid
        case .byteString: .byteString
        case .xmlElement: .xmlElement
        case .nodeId: .nodeId
        case .expandedNodeId: .expandedNodeId
        case .statusCode: .statusCode
        case .qualifiedName: .qualifiedName
        case .localizedText: .localizedText
        case .extensionObject: .extensionObject
        case .dataValue: .dataValue
        case .variant: .variant
        case .diagnosticInfo: .diagnosticInfo
        case .array(let type, _, _): type
        }
    }

    /// The value as the CLI prints it: numbers and booleans plainly, strings unquoted, arrays in brackets.
    public var description: String {
        switch self {
        case .null: "null"
        case .boolean(let value): "\(value)"
        case .sbyte(let value): "\(value)"
        case .byte(let value): "\(value)"
        case .int16(let value): "\(value)"
        case .uint16(let value): "\(value)"
        case .int32(let value): "\(value)"
        case .uint32(let value): "\(value)"
        case .int64(let value): "\(value)"
        case .uint64(let value): "\(value)"
        case .float(let value): "\(value)"
        case .double(let value): "\(value)"
        case .string(let value), .xmlElement(let value): value ?? "null"
        case .dateTime(let value): value.description
        case .guid(let value): value.uuidString.lowercased()
        case .byteString(let value): value.map { "0x" + $0.map { String(format: "%02x", $0) }.joined() } ?? "null"
        case .nodeId(let value): value.description
        case .expandedNodeId(let value): value.description
        case .statusCode(let value): value.description
        case .qualifiedName(let value): value.description
        case .localizedText(let value): value.description
        case .extensionObject(let value): "ExtensionObject(\(value.typeId))"
        case .dataValue(let value): value.value?.description ?? "null"
        case .variant(let value): value.description
        case .diagnosticInfo: "DiagnosticInfo"
        case .array(_, let elements, _): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// The 25 built-in types of the binary encoding (Part 6, 5.1.2), by the id a Variant's encoding byte carries.
public enum OPCUABuiltInType: UInt8, Hashable, Sendable, CaseIterable {
    case boolean = 1, sbyte, byte, int16, uint16, int32, uint32, int64, uint64, float, double, string, dateTime
    case guid, byteString, xmlElement, nodeId, expandedNodeId, statusCode, qualifiedName, localizedText
    case extensionObject, dataValue, variant, diagnosticInfo
}

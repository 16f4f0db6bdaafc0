import GantryCore

extension OPCUAClient {
    /// Writes a platform value to a node, converted to the built-in type of the node's current value (a Double
    /// setpoint takes `.int(75)` as 75.0; a UInt32 counter refuses -1): the platform's values are fewer kinds
    /// than OPC UA's, and servers refuse a write of the wrong type with BadTypeMismatch.
    ///
    /// - Throws: `ConnectorError(.refused)` when the value does not fit the node's type, or the server refuses.
    public func write(_ node: OPCUANodeId, _ value: SampleValue) async throws(ConnectorError) {
        let current = try await read(node)
        guard let type = current.value?.builtInType else {
            return try await write(node, OPCUAVariant(value))
        }
        guard let converted = OPCUAVariant(value, as: type) else {
            throw ConnectorError(
                .refused, "OPC UA write of \(node) refused: \(value) does not fit the node's type \(type)")
        }
        try await write(node, converted)
    }
}

extension OPCUAClient {
    /// The nodes `node` references hierarchically (its children, its components), following BrowseNext
    /// continuation points until the server has given them all.
    ///
    /// - Throws: `ConnectorError(.refused)` naming the node and the status code when the server refuses.
    /// - Parameter maxReferencesPerNode: the page size asked of the server; 0 leaves it to the server.
    public func browse(
        _ node: OPCUANodeId, maxReferencesPerNode: UInt32 = 0
    ) async throws(ConnectorError) -> [OPCUAReference] {
        let response = try await send(
            OPCUABrowseRequest(
                requestedMaxReferencesPerNode: maxReferencesPerNode, nodesToBrowse: [.init(nodeId: node)]))
        guard var result = response.results.first else { throw missingResult("Browse", node) }
        var references: [OPCUAReference] = []
        while true {
            try Self.check(result.statusCode, "browse", node)
            references += result.references
            guard let point = result.continuationPoint, !point.isEmpty else { return references }
            let next = try await send(OPCUABrowseNextRequest(continuationPoints: [point]))
            guard let nextResult = next.results.first else { throw missingResult("BrowseNext", node) }
            result = nextResult
        }
    }

    /// The current values of `nodes` with their status and source and server timestamps, in order.
    ///
    /// A node the server does not know or lets no one read makes the call throw
    /// `ConnectorError(.refused)` naming it; any other status is the value's quality.
    public func read(_ nodes: [OPCUANodeId]) async throws(ConnectorError) -> [OPCUADataValue] {
        try await read(nodes, attribute: OPCUAAttribute.value)
    }

    /// The current value of one node; see `read(_:)`.
    public func read(_ node: OPCUANodeId) async throws(ConnectorError) -> OPCUADataValue {
        guard let value = try await read([node]).first else { throw missingResult("Read", node) }
        return value
    }

    func read(_ nodes: [OPCUANodeId], attribute: UInt32) async throws(ConnectorError) -> [OPCUADataValue] {
        let response = try await send(
            OPCUAReadRequest(nodesToRead: nodes.map { OPCUAReadValueId(nodeId: $0, attributeId: attribute) }))
        guard response.results.count == nodes.count else {
            throw ConnectorError(
                .protocolViolation, "Read of \(nodes.count) node(s) answered with \(response.results.count) result(s)")
        }
        for (node, value) in zip(nodes, response.results) where Self.nodeRefusals.contains(value.status) {
            try Self.check(value.status, "read", node)
        }
        return response.results
    }

    /// Writes `value` to the node's Value attribute, exactly as typed.
    ///
    /// - Throws: `ConnectorError(.refused)` naming the node and status (`BadUserAccessDenied`, `BadNotWritable`,
    ///   `BadTypeMismatch`, `BadNodeIdUnknown`, …).
    public func write(_ node: OPCUANodeId, _ value: OPCUAVariant) async throws(ConnectorError) {
        let response = try await send(
            OPCUAWriteRequest(nodesToWrite: [.init(nodeId: node, value: OPCUADataValue(value: value))]))
        guard let status = response.results.first else { throw missingResult("Write", node) }
        try Self.check(status, "write", node)
    }

    /// Calls `method` on `object` with `arguments`, returning the output arguments.
    ///
    /// - Throws: `ConnectorError(.refused)` naming the method and status, including a bad input argument's.
    public func call(
        object: OPCUANodeId, method: OPCUANodeId, arguments: [OPCUAVariant] = []
    ) async throws(ConnectorError) -> [OPCUAVariant] {
        let response = try await send(
            OPCUACallRequest(methodsToCall: [.init(objectId: object, methodId: method, inputArguments: arguments)]))
        guard let result = response.results.first else { throw missingResult("Call", method) }
        if let bad = result.inputArgumentResults.enumerated().first(where: { $0.element.isBad }) {
            throw ConnectorError(
                .refused, "OPC UA call of \(method) refused argument \(bad.offset + 1): \(bad.element)")
        }
        try Self.check(result.statusCode, "call", method)
        return result.outputArguments
    }

    /// The statuses that mean the node itself cannot be read, not that its value is of poor quality.
    static let nodeRefusals: Set<OPCUAStatusCode> = [
        .badNodeIdUnknown, .badUserAccessDenied, OPCUAStatusCode(rawValue: 0x8033_0000),
        OPCUAStatusCode(rawValue: 0x8035_0000), OPCUAStatusCode(rawValue: 0x803A_0000),
    ]

    /// Throws `.refused` naming the operation, the node and the status when `status` is bad.
    static func check(_ status: OPCUAStatusCode, _ operation: String, _ node: OPCUANodeId) throws(ConnectorError) {
        guard status.isBad else { return }
        throw ConnectorError(.refused, "OPC UA \(operation) of \(node) refused: \(status)")
    }

    private func missingResult(_ service: String, _ node: OPCUANodeId) -> ConnectorError {
        ConnectorError(.protocolViolation, "the OPC UA \(service) response for \(node) carries no result")
    }
}

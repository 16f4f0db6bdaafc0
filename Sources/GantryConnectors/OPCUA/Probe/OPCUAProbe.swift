import Foundation
import GantryCore
import Logging
import NIOCore
import NIOPosix

/// What `gantry probe opc.tcp://HOST:PORT …` does: connects, browses, reads, writes and follows nodes once,
/// writing one line per result, so a field engineer can check a server before configuring a connector.
///
/// Lines are `NAME = VALUE (QUALITY)` for values (QUALITY as `Quality.description`, e.g. `good`) and
/// `BROWSE_NAME = NODEID (NODECLASS)` for browsed references.
public enum OPCUAProbe {
    /// Runs, in order: the browses, the reads, the writes (each followed by a read back), then a subscription
    /// to `subscribe` for `duration`, printing each notification.
    ///
    /// - Parameters:
    ///   - writes: `NODE=VALUE`, split at the last `=`; VALUE is `true`/`false`, an integer, a number or text,
    ///     converted to the node's type.
    /// - Throws: `ConnectorError` with a precise message on the first failure (bad argument, connection, refusal).
    public static func run(
        endpoint: String, identity: OPCUAIdentity = .anonymous, browse: [String] = [], reads: [String] = [],
        writes: [String] = [], subscribe: [String] = [], duration: Duration = .seconds(5),
        output: @escaping @Sendable (String) -> Void, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(ConnectorError) {
        let browseNodes = try parse(browse)
        let readNodes = try parse(reads)
        let writeValues = try writes.map { text throws(ConnectorError) in try parseWrite(text) }
        let items = try parse(subscribe).map { OPCUAMonitoredItem(name: $0.description, node: $0) }
        let client = try await OPCUAClient.connect(endpoint: endpoint, identity: identity, logger: logger, group: group)
        do throws(ConnectorError) {
            for node in browseNodes {
                for reference in try await client.browse(node) {
                    output("\(reference.browseName) = \(reference.nodeId) (\(reference.nodeClassName))")
                }
            }
            for node in readNodes {
                output(line(node, try await client.read(node)))
            }
            for (node, value) in writeValues {
                try await client.write(node, value)
                output(line(node, try await client.read(node)))
            }
            if !items.isEmpty {
                try await follow(client, items, for: duration, output: output)
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    private static func follow(
        _ client: OPCUAClient, _ items: [OPCUAMonitoredItem], for duration: Duration,
        output: @escaping @Sendable (String) -> Void
    ) async throws(ConnectorError) {
        let subscription = try await client.subscribe(items, publishingInterval: .milliseconds(200))
        let result = await withTaskGroup(of: Result<Void, ConnectorError>?.self) { group in
            group.addTask {
                do throws(ConnectorError) {
                    try await client.publish(subscription) { values in
                        for value in values { output(line(value.item.node, value.value)) }
                    }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: duration)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if case .failure(let error) = result { throw error }
    }

    /// `NAME = VALUE (QUALITY)`.
    static func line(_ node: OPCUANodeId, _ value: OPCUADataValue) -> String {
        "\(node) = \(value.value?.description ?? "null") (\(Quality(statusCode: value.status.rawValue)))"
    }

    private static func parse(_ texts: [String]) throws(ConnectorError) -> [OPCUANodeId] {
        try texts.map { text throws(ConnectorError) in try OPCUANodeId(parsing: text) }
    }

    /// `NODE=VALUE` into the node and a platform value.
    static func parseWrite(_ text: String) throws(ConnectorError) -> (OPCUANodeId, SampleValue) {
        guard let equals = text.lastIndex(of: "="), text.index(after: equals) != text.endIndex,
            text[..<equals].contains("=")
        else {
            throw ConnectorError(.invalidConfiguration, "--write '\(text)' is not NODE=VALUE (ns=2;s=Setpoint=75.5)")
        }
        let node = try OPCUANodeId(parsing: String(text[..<equals]))
        let raw = String(text[text.index(after: equals)...])
        let value: SampleValue =
            if raw == "true" || raw == "false" {
                .bool(raw == "true")
            } else if let integer = Int64(raw) {
                .int(integer)
            } else if let number = Double(raw) {
                .double(number)
            } else {
                .string(raw)
            }
        return (node, value)
    }

}

import GantryMQTT
import GantryTesting
import NIOCore
import Synchronization
import Testing

/// The brokers every client test runs against: Gantry's own and a real Mosquitto.
enum BrokerKind: String, CaseIterable, CustomTestStringConvertible {
    case gantry, mosquitto

    var testDescription: String { rawValue }

    /// Runs `body` with the port of a fresh broker of this kind.
    func run<Result: Sendable>(_ body: (Int) async throws -> Result) async throws -> Result {
        switch self {
        case .gantry: try await TestBroker.with { try await body($0.port) }
        case .mosquitto: try await MosquittoBroker.with { try await body($0.port) }
        }
    }
}

/// Every broker with every protocol version.
let brokersAndVersions: [(BrokerKind, ProtocolVersion)] = BrokerKind.allCases.flatMap { broker in
    ProtocolVersion.allCases.map { (broker, $0) }
}

/// Connects a client with a test-unique identifier.
func client(
    _ port: Int, _ version: ProtocolVersion, id: String, keepAlive: UInt16 = 60, will: ConnectPacket.Will? = nil
) async throws -> MQTTClient {
    try await MQTTClient.connect(
        port: port,
        configuration: MQTTClientConfiguration(
            version: version, clientID: "\(id)-\(version.rawValue)", keepAlive: keepAlive, will: will))
}

/// The next `count` messages from `client.messages`, or those that came before `timeout`.
func receive(_ count: Int, from client: MQTTClient, timeout: Duration = Patience.reply) async -> [PublishPacket] {
    await withTaskGroup(of: [PublishPacket]?.self) { group in
        group.addTask {
            var received: [PublishPacket] = []
            for await message in client.messages {
                received.append(message)
                if received.count == count { break }
            }
            return received
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        // Whichever ends first, the other is cancelled; a cancelled reader returns what it had.
        var received: [PublishPacket] = []
        if let first = await group.next(), let first { received = first }
        group.cancelAll()
        for await result in group { if let result { received = result } }
        return received
    }
}

extension PublishPacket {
    var text: String { String(buffer: payload) }
}

/// Each member's messages until together they hold `count` (a shared subscription splits one stream), or
/// those that came before `timeout`. Waiting for the total, not a fixed time, keeps a loaded machine from
/// cutting the last deliveries off.
func receive(
    _ count: Int, sharedBy members: [MQTTClient], timeout: Duration = Patience.reply
) async -> [[PublishPacket]] {
    let total = Tally()
    return await withTaskGroup(of: (Int, [PublishPacket])?.self) { group in
        for (position, member) in members.enumerated() {
            group.addTask {
                var received: [PublishPacket] = []
                for await message in member.messages {
                    received.append(message)
                    if total.add() >= count { break }
                }
                return (position, received)
            }
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        // A member that reached the total, or the timeout, ends the wait; cancelled members return what they had.
        var received = [[PublishPacket]](repeating: [], count: members.count)
        while let result = await group.next() {
            if let (position, messages) = result { received[position] = messages }
            if result == nil || total.value >= count { group.cancelAll() }
        }
        return received
    }
}

/// A count the members of a shared subscription add to from their own tasks.
final class Tally: Sendable {
    private let count = Mutex(0)

    /// Adds one; returns the new count.
    func add() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }

    var value: Int { count.withLock { $0 } }
}

import GantryTesting
import NIOCore
import NIOPosix
import Testing

/// The harness the connector tests stand on: each peer starts, listens on its port, and comes back after a kill.
@Suite struct ProtocolPeerTests {
    @Test(arguments: [ProtocolPeer.Kind.modbus, .opcua])
    func peerListensAndComesBackAfterAKill(kind: ProtocolPeer.Kind) async throws {
        try await ProtocolPeer.with(kind) { peer in
            #expect(peer.readyLine.contains("127.0.0.1:\(peer.port)"))
            peer.kill()
            await #expect(throws: (any Error).self) {
                try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "127.0.0.1", port: peer.port).get().close()
            }
            try await peer.start()
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: peer.port).get()
            try await channel.close()
        }
    }
}

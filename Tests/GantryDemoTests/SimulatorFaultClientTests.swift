import Foundation
import GantryCore
import GantryDemo
import GantryServer
import GantrySimulator
import GantryTesting
import HummingbirdTesting
import Logging
import Testing

/// What `gantry demo fault …` runs, against the demo's application on a real socket: sign in, inject, list,
/// clear, and the server's own words when it refuses.
@Suite(.timeLimit(.minutes(2))) struct SimulatorFaultClientTests {
    static let fan = "qingdao-mine/underground/ventilation/fan-01"

    @Test func injectsListsAndClearsOverHTTP() async throws {
        try await TestPlatform.withPlatform { platform in
            let credentials = try await DemoProvisioning(platform: platform).run()
            let simulator = DemoSimulator.make(
                credentials: credentials, host: "127.0.0.1", broker: ListenerPort(),
                logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() }))
            let app = platform.makeApplication(additionalRoutes: [SimulatorFaultRoutes(simulator: simulator)])
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
                let faults = SimulatorFaultClient(
                    baseURL: base, username: "operator", password: credentials.operatorAccount.password)

                #expect(try await faults.inject(kind: "bearing-wear", target: Self.fan))
                #expect(try await !faults.inject(kind: "bearing-wear", target: Self.fan))
                let listing = try await faults.list()
                #expect(listing.active == [.bearingWear(try AssetPath(Self.fan))])
                #expect(listing.catalogue.count == simulator.plant.faultCatalogue.count)
                #expect(listing.kinds.map(\.kind) == SimulatedFault.Kind.allCases.map(\.rawValue))
                try await faults.clear(kind: "bearing-wear", target: Self.fan)
                #expect(simulator.activeFaults.isEmpty)

                let unknown = await #expect(throws: FaultClientError.self) {
                    try await faults.inject(kind: "bearing-wear", target: "qingdao-mine/nowhere")
                }
                #expect(unknown?.status == 400)
                #expect(unknown?.message == "no simulated equipment at 'qingdao-mine/nowhere'")
                let notActive = await #expect(throws: FaultClientError.self) {
                    try await faults.clear(kind: "link-loss", target: "fan-01-plc")
                }
                #expect(notActive?.status == 404)

                let stranger = SimulatorFaultClient(baseURL: base, username: "operator", password: "not-the-password")
                let refused = await #expect(throws: FaultClientError.self) { try await stranger.list() }
                #expect(refused?.status == 401)
            }
            // A Gantry without the demo says so, rather than "not found".
            try await platform.makeApplication().test(.live) { client in
                let port = try #require(client.port)
                let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
                let faults = SimulatorFaultClient(
                    baseURL: base, username: "operator", password: credentials.operatorAccount.password)
                let absent = await #expect(throws: FaultClientError.self) { try await faults.list() }
                #expect(absent?.message.contains("runs no simulator") == true)
            }
        }
    }

    @Test func nobodyListeningIsSaidPlainly() async throws {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let faults = SimulatorFaultClient(
            baseURL: URL(string: "http://127.0.0.1:9")!, username: "operator", password: "whatever-password")
        let error = await #expect(throws: FaultClientError.self) { try await faults.list() }
        #expect(error?.status == nil)
        #expect(error?.message.contains("is `gantry demo` running?") == true)
    }
}

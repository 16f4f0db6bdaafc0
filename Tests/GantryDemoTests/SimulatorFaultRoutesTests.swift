import GantryCore
import GantryDemo
import GantryServer
import GantrySimulator
import GantryTesting
import HummingbirdTesting
import Logging
import Testing

/// `/api/v1/simulator/faults` through the whole HTTP application: the catalogue, injecting and clearing, and
/// every refusal with its status and a detail that says what to fix.
@Suite(.timeLimit(.minutes(2))) struct SimulatorFaultRoutesTests {
    static let fan = "qingdao-mine/underground/ventilation/fan-01"
    static let path = "/api/v1/simulator/faults"

    /// A provisioned platform with a (not running) simulator's fault routes; the API only needs its state.
    func withDemo(
        _ body: @Sendable (any TestClientProtocol, PlantSimulator, DemoCredentials, Platform) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform { platform in
            let credentials = try await DemoProvisioning(platform: platform).run()
            let simulator = DemoSimulator.make(
                credentials: credentials, host: "127.0.0.1", broker: ListenerPort(),
                logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await platform.makeApplication(additionalRoutes: [SimulatorFaultRoutes(simulator: simulator)]).test(
                .router
            ) { client in
                try await body(client, simulator, credentials, platform)
            }
        }
    }

    static func fault(_ kind: String, _ target: String) -> String {
        #"{"kind":"\#(kind)","target":"\#(target)"}"#
    }

    @Test func theOperatorListsInjectsAndClearsAFault() async throws {
        try await withDemo { client, simulator, credentials, _ in
            let token = try await client.signIn("operator", credentials.operatorAccount.password)
            let listed = try await client.send(.get, Self.path, token: token)
            #expect(listed.status == .ok)
            let catalogue = try #require(try listed.json()["catalogue"] as? [[String: Any]])
            #expect(catalogue.count == simulator.plant.faultCatalogue.count)
            #expect((try listed.json()["kinds"] as? [[String: Any]])?.count == SimulatedFault.Kind.allCases.count)
            #expect((try listed.json()["active"] as? [Any])?.isEmpty == true)

            let injected = try await client.send(
                .post, Self.path, token: token, json: Self.fault("bearing-wear", Self.fan))
            #expect(injected.status == .created, "\(injected.text)")
            #expect(try injected.json()["target"] as? String == Self.fan)
            #expect(simulator.activeFaults == [.bearingWear(try AssetPath(Self.fan))])
            let again = try await client.send(
                .post, Self.path, token: token, json: Self.fault("bearing-wear", Self.fan))
            #expect(again.status == .ok)
            #expect(simulator.activeFaults.count == 1)

            let active = try await client.send(.get, Self.path, token: token)
            let shown = try #require(try active.json()["active"] as? [[String: Any]])
            #expect(shown.count == 1 && shown.first?["kind"] as? String == "bearing-wear")

            let cleared = try await client.send(
                .delete, Self.path, token: token, json: Self.fault("bearing-wear", Self.fan))
            #expect(cleared.status == .noContent)
            #expect(simulator.activeFaults.isEmpty)
            let twice = try await client.send(
                .delete, Self.path, token: token, json: Self.fault("bearing-wear", Self.fan))
            #expect(twice.status == .notFound)
            #expect(twice.text.contains("not active"))
        }
    }

    @Test func aFaultIsClearedByQueryToo() async throws {
        try await withDemo { client, simulator, credentials, _ in
            let token = try await client.signIn("operator", credentials.operatorAccount.password)
            let made = try await client.send(
                .post, Self.path, token: token, json: Self.fault("link-loss", "fan-01-plc"))
            #expect(made.status == .created)
            #expect(simulator.activeFaults == [.linkLoss(device: "fan-01-plc")])
            let cleared = try await client.send(.delete, "\(Self.path)?kind=link-loss&target=fan-01-plc", token: token)
            #expect(cleared.status == .noContent)
            #expect(simulator.activeFaults.isEmpty)
            let half = try await client.send(.delete, "\(Self.path)?kind=link-loss", token: token)
            #expect(half.status == .badRequest)
        }
    }

    @Test(arguments: [
        ("gear-wear", fan, 400, "fault kind 'gear-wear' is unknown; use one of bearing-wear"),
        ("bearing-wear", "qingdao-mine/underground/ventilation/fan-09", 400, "no simulated equipment"),
        ("sensor-drift", "\(fan)/noise", 400, "no simulated tag"),
        ("link-loss", "fan-09-plc", 400, "devices are loco-01-plc"),
        ("bearing-wear", "qingdao-mine/surface/shaft/hoist-01", 422, "has no bearing"),
        ("sensor-drift", "jinan-workshop/machining/line-1/cnc-01/program", 422, "only numbers drift"),
    ])
    func aFaultThatCannotBeIsRefusedAndNothingChanges(
        kind: String, target: String, status: Int, detail: String
    )
        async throws
    {
        try await withDemo { client, simulator, credentials, _ in
            let token = try await client.signIn("operator", credentials.operatorAccount.password)
            let refused = try await client.send(.post, Self.path, token: token, json: Self.fault(kind, target))
            #expect(Int(refused.status.code) == status, "\(refused.text)")
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.text.contains(detail), "\(refused.text)")
            #expect(simulator.activeFaults.isEmpty)
        }
    }

    @Test(arguments: [
        (#"{"kind":"bearing-wear"}"#, "field 'target' is required"),
        (#"{"kind":"bearing-wear","target":"x","until":3}"#, "unknown field 'until'"),
        (#"{"kind":7,"target":"x"}"#, "field 'kind' must be a string"),
        ("not json", "not valid JSON"),
    ])
    func aMalformedBodyIsA400NamingTheField(body: String, detail: String) async throws {
        try await withDemo { client, simulator, credentials, _ in
            let token = try await client.signIn("operator", credentials.operatorAccount.password)
            let refused = try await client.send(.post, Self.path, token: token, json: body)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains(detail), "\(refused.text)")
            #expect(simulator.activeFaults.isEmpty)
        }
    }

    @Test func signedOutCallersAndOutsidersAreRefused() async throws {
        try await withDemo { client, simulator, _, platform in
            let anonymous = try await client.send(.get, Self.path)
            #expect(anonymous.status == .unauthorized)
            let anonymousInjection = try await client.send(.post, Self.path, json: Self.fault("bearing-wear", Self.fan))
            #expect(anonymousInjection.status == .unauthorized)

            // A viewer of the mine sees the mine's faults but may not break anything.
            _ = try await platform.accounts.createUser(
                username: "visitor", password: "visitor-password",
                grants: [Grant(role: .viewer, scope: try AssetPath("qingdao-mine"))])
            let visitor = try await client.signIn("visitor", "visitor-password")
            let listed = try await client.send(.get, Self.path, token: visitor)
            let catalogue = try #require(try listed.json()["catalogue"] as? [[String: Any]])
            #expect(!catalogue.isEmpty)
            let mineDevices = Set(simulator.plant.devices.filter { $0.enterprise == "qingdao-mine" }.map(\.name))
            let inTheMine = { (target: String) in target.hasPrefix("qingdao-mine/") || mineDevices.contains(target) }
            let targets = catalogue.compactMap { $0["target"] as? String }
            #expect(targets.allSatisfy(inTheMine))
            #expect(targets.count == simulator.plant.faultCatalogue.filter { inTheMine($0.target) }.count)
            let forbidden = try await client.send(
                .post, Self.path, token: visitor, json: Self.fault("bearing-wear", Self.fan))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("operator role"), "\(forbidden.text)")

            // An operator of the workshop may not break the mine.
            _ = try await platform.accounts.createUser(
                username: "workshop-operator", password: "workshop-password",
                grants: [Grant(role: .operator, scope: try AssetPath("jinan-workshop"))])
            let workshop = try await client.signIn("workshop-operator", "workshop-password")
            let elsewhere = try await client.send(
                .post, Self.path, token: workshop, json: Self.fault("link-loss", "loco-01-plc"))
            #expect(elsewhere.status == .forbidden)
            let own = try await client.send(
                .post, Self.path, token: workshop,
                json: Self.fault("stuck-value", "jinan-workshop/assembly/bay-1/crane-01/hoist_load"))
            #expect(own.status == .created)
            #expect(simulator.activeFaults.map(\.kind) == [.stuckValue])
        }
    }

    @Test func anotherMethodIs405AndThePlainPlatformHasNoFaults() async throws {
        try await withDemo { client, _, credentials, _ in
            let token = try await client.signIn("operator", credentials.operatorAccount.password)
            let put = try await client.send(.put, Self.path, token: token, json: Self.fault("bearing-wear", Self.fan))
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow]?.contains("POST") == true)
        }
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                #expect(try await client.send(.get, Self.path, token: token).status == .notFound)
            }
        }
    }
}

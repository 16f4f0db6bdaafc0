import Foundation
import GantryServer
import GantrySimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Injects, clears and lists the simulator's faults of a running `gantry demo` over its HTTP API, signed in as
/// a user: what `gantry demo fault …` runs, so a plant engineer in a second terminal can break the plant.
public struct SimulatorFaultClient: Sendable {
    /// The demo's base URL, such as `http://127.0.0.1:8080`.
    public let baseURL: URL
    let username: String
    let password: String

    public init(baseURL: URL, username: String, password: String) {
        self.baseURL = baseURL
        self.username = username
        self.password = password
    }

    /// What `GET /api/v1/simulator/faults` answered.
    public struct Listing: Decodable, Sendable {
        public struct Kind: Decodable, Sendable {
            public let kind: String
            public let target: String
            public let description: String
        }
        public let kinds: [Kind]
        public let catalogue: [SimulatedFault]
        public let active: [SimulatedFault]
    }

    /// The fault kinds, the catalogue and the active faults the user may see.
    public func list() async throws(FaultClientError) -> Listing {
        let token = try await signIn()
        let data = try await send("GET", "api/v1/simulator/faults", token: token, expecting: [200])
        do {
            return try JSONDecoder().decode(Listing.self, from: data)
        } catch {
            throw FaultClientError(status: 200, "the server's fault list could not be read: \(error)")
        }
    }

    /// Injects a fault.
    ///
    /// - Returns: `true` when the fault was started, `false` when it was already active.
    public func inject(kind: String, target: String) async throws(FaultClientError) -> Bool {
        let token = try await signIn()
        let status = try await sendStatus(
            "POST", "api/v1/simulator/faults", token: token, body: ["kind": kind, "target": target],
            expecting: [200, 201])
        return status == 201
    }

    /// Clears an active fault.
    public func clear(kind: String, target: String) async throws(FaultClientError) {
        let token = try await signIn()
        _ = try await sendStatus(
            "DELETE", "api/v1/simulator/faults", token: token, body: ["kind": kind, "target": target],
            expecting: [204])
    }

    private func signIn() async throws(FaultClientError) -> String {
        struct Login: Decodable { let token: String }
        let data = try await send(
            "POST", "api/v1/auth/login", token: nil, body: ["username": username, "password": password],
            expecting: [200])
        guard let login = try? JSONDecoder().decode(Login.self, from: data) else {
            throw FaultClientError(status: 200, "the sign-in answer carried no token; is \(baseURL) a Gantry?")
        }
        return login.token
    }

    private func send(
        _ method: String, _ path: String, token: String?, body: [String: String]? = nil, expecting: Set<Int>
    ) async throws(FaultClientError) -> Data {
        try await exchange(method, path, token: token, body: body, expecting: expecting).data
    }

    private func sendStatus(
        _ method: String, _ path: String, token: String?, body: [String: String]? = nil, expecting: Set<Int>
    ) async throws(FaultClientError) -> Int {
        try await exchange(method, path, token: token, body: body, expecting: expecting).status
    }

    private func exchange(
        _ method: String, _ path: String, token: String?, body: [String: String]?, expecting: Set<Int>
    ) async throws(FaultClientError) -> (data: Data, status: Int) {
        var request = URLRequest(url: baseURL.appendingPathComponent(path), timeoutInterval: 15)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try? JSONSerialization.data(withJSONObject: body)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.cancellableData(for: request)
        } catch {
            throw FaultClientError(
                status: nil, "no answer from \(baseURL): \(error.localizedDescription); is `gantry demo` running?")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard expecting.contains(status) else {
            throw FaultClientError(status: status, Self.problemDetail(data, status: status, path: path))
        }
        return (data, status)
    }

    /// The `detail` of a problem document, or a sentence for answers without one (a 404 from a server that
    /// runs without the simulator).
    static func problemDetail(_ data: Data, status: Int, path: String) -> String {
        struct Problem: Decodable { let detail: String }
        if let problem = try? JSONDecoder().decode(Problem.self, from: data) {
            if status == 404 && problem.detail == "no route matches this path" {
                return "this Gantry runs no simulator; start it with `gantry demo`"
            }
            return problem.detail
        }
        return "the server answered \(status) to /\(path)"
    }
}

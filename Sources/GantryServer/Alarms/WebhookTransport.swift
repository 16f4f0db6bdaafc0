import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How a notification leaves Gantry: one HTTP POST of a JSON body. A protocol so the dispatcher's retry
/// rules are tested against a real receiver on loopback while the transport stays replaceable.
public protocol WebhookTransport: Sendable {
    /// POSTs `body` to `url` and returns the response status; throws when no response came.
    func post(_ body: Data, to url: URL) async throws -> Int
}

/// POSTs with Foundation's URLSession, with a 10 s timeout per attempt.
public struct URLSessionWebhookTransport: WebhookTransport {
    public init() {}

    public func post(_ body: Data, to url: URL) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Gantry", forHTTPHeaderField: "User-Agent")
        request.httpBody = body
        let (_, response) = try await URLSession.shared.cancellableData(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Small conveniences for driving the Gantry API from tests through HummingbirdTesting's client.
extension TestClientProtocol {
    /// Sends `json` (any JSON text) with an optional bearer token.
    @discardableResult
    public func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Signs in and returns the token; fails the test when sign-in does not succeed.
    public func signIn(_ username: String, _ password: String) async throws -> String {
        let response = try await send(
            .post, "/api/v1/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        guard response.status == .ok, let token = try response.json()["token"] as? String else {
            throw TestSetupError("sign-in as \(username) failed with \(response.status): \(response.text)")
        }
        return token
    }
}

extension TestResponse {
    /// The body as text.
    public var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    public func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw TestSetupError("response is not a JSON object: \(text)")
        }
        return object
    }
}

import Foundation
import GantryCore
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Sign-in, tokens and their end: wrong passwords, throttling, password changes.
@Suite struct SignInTests {
    @Test func signInReturnsATokenThatExpiresAfterAShift() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let response = try await client.send(
                    .post, "/api/v1/auth/login",
                    json: #"{"username":"admin","password":"\#(TestPlatform.adminPassword)"}"#)
                #expect(response.status == .ok)
                let body = try response.json()
                #expect((body["token"] as? String)?.split(separator: ".").count == 3)
                #expect(body["tokenType"] as? String == "Bearer")
                let expiresText = try #require(body["expiresAt"] as? String)
                let expiresAt = try #require(Timestamp(rfc3339: expiresText))
                let lifetime = expiresAt.millisecondsSinceEpoch - Timestamp.now.millisecondsSinceEpoch
                #expect((11 * 3600 * 1000...12 * 3600 * 1000).contains(lifetime))
            }
        }
    }

    @Test func wrongPasswordsAndUnknownUsersGetTheSameAnswer() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let wrong = try await client.send(
                    .post, "/api/v1/auth/login", json: #"{"username":"admin","password":"not-the-password"}"#)
                let unknown = try await client.send(
                    .post, "/api/v1/auth/login", json: #"{"username":"nobody","password":"not-the-password"}"#)
                #expect(wrong.status == .unauthorized)
                #expect(unknown.status == .unauthorized)
                #expect(try wrong.json()["detail"] as? String == "user name or password is wrong")
                #expect(try unknown.json()["detail"] as? String == "user name or password is wrong")
            }
        }
    }

    @Test func repeatedFailuresAreThrottledEvenWithTheRightPassword() async throws {
        try await TestPlatform.withPlatform(configure: { $0.loginMaxFailures = 3 }) { platform in
            try await platform.makeApplication().test(.router) { client in
                for _ in 1...3 {
                    let response = try await client.send(
                        .post, "/api/v1/auth/login", json: #"{"username":"admin","password":"guess-guess"}"#)
                    #expect(response.status == .unauthorized)
                }
                let locked = try await client.send(
                    .post, "/api/v1/auth/login",
                    json: #"{"username":"admin","password":"\#(TestPlatform.adminPassword)"}"#)
                #expect(locked.status == .tooManyRequests)
                let retryAfter = try #require(locked.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...300).contains(retryAfter))
                #expect(locked.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func throttleLiftsWhenTheWindowPasses() async throws {
        let clock = ManualWallClock()
        let throttle = LoginThrottle(maxFailures: 2, windowSeconds: 60, now: { clock.now })
        await throttle.recordFailure(username: "li", address: "10.0.0.1")
        clock.advance(seconds: 30)
        await throttle.recordFailure(username: "li", address: "10.0.0.1")
        #expect(await throttle.retryAfter(username: "li", address: "10.0.0.1") == 30)
        #expect(await throttle.retryAfter(username: "wang", address: "10.0.0.2") == nil)
        clock.advance(seconds: 31)
        #expect(await throttle.retryAfter(username: "li", address: "10.0.0.1") == nil)
    }

    @Test func addressesAreThrottledAcrossUserNames() async throws {
        let clock = ManualWallClock()
        let throttle = LoginThrottle(maxFailures: 1, windowSeconds: 60, now: { clock.now })
        for index in 0..<4 {
            await throttle.recordFailure(username: "user\(index)", address: "10.0.0.9")
        }
        #expect(await throttle.retryAfter(username: "fresh", address: "10.0.0.9") == 60)
        #expect(await throttle.retryAfter(username: "fresh", address: "10.0.0.8") == nil)
    }

    @Test func changingThePasswordEndsEveryOlderToken() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let old = try await client.signIn("admin", TestPlatform.adminPassword)
                let wrongCurrent = try await client.send(
                    .post, "/api/v1/me/password", token: old,
                    json: #"{"currentPassword":"nope-nope","newPassword":"a-new-long-password"}"#)
                #expect(wrongCurrent.status == .forbidden)
                let changed = try await client.send(
                    .post, "/api/v1/me/password", token: old,
                    json: #"{"currentPassword":"\#(TestPlatform.adminPassword)","newPassword":"a-new-long-password"}"#)
                #expect(changed.status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", token: old).status == .unauthorized)
                let fresh = try await client.signIn("admin", "a-new-long-password")
                #expect(try await client.send(.get, "/api/v1/me", token: fresh).status == .ok)
            }
        }
    }

    @Test func aDeletedUsersTokenStopsWorking() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                let created = try await client.send(
                    .post, "/api/v1/users", token: admin,
                    json: #"{"username":"temp","password":"temporary-pass","grants":[{"role":"viewer","path":"*"}]}"#)
                let id = try #require(try created.json()["id"] as? String)
                let token = try await client.signIn("temp", "temporary-pass")
                #expect(try await client.send(.get, "/api/v1/me", token: token).status == .ok)
                #expect(try await client.send(.delete, "/api/v1/users/\(id)", token: admin).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", token: token).status == .unauthorized)
            }
        }
    }
}

/// A clock tests move by hand, so time-based rules are tested without sleeping.
final class ManualWallClock: @unchecked Sendable {
    // @unchecked Sendable: `lock` guards `current`.
    private let lock = NSLock()
    private var current = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    var now: Timestamp { lock.withLock { current } }

    func advance(seconds: Int64) {
        lock.withLock { current = current.adding(seconds: seconds) }
    }
}

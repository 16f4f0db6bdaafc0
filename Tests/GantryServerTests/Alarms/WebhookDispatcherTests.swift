import Foundation
import GantryServer
import GantryStorage
import GantryTesting
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Webhook notifications against a real HTTP receiver on loopback, with retry waits on a manual clock.
@Suite struct WebhookDispatcherTests {
    /// A receiver that answers with `statuses` in turn (the last one from then on) and records what it got.
    final class Receiver: Sendable {
        let statuses: [Int]
        let bodies = Mutex<[String]>([])

        init(_ statuses: [Int]) { self.statuses = statuses }

        var hits: Int { bodies.withLock { $0.count } }

        func application() -> some ApplicationProtocol {
            let router = Router()
            router.post("hook") { request, _ -> HTTPResponse.Status in
                let body = try await request.body.collect(upTo: 1 << 20)
                let count = self.bodies.withLock { bodies in
                    bodies.append(String(buffer: body))
                    return bodies.count
                }
                return HTTPResponse.Status(code: self.statuses[min(count, self.statuses.count) - 1])
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    static func withDispatcher(
        _ receiver: Receiver, attempts: Int,
        _ body:
            @escaping @Sendable (WebhookDispatcher, ManualClock, MetadataStore, URL) async throws
            -> Void
    ) async throws {
        try await TestPlatform.withPlatform { platform in
            try await receiver.application().test(.live) { client in
                let port = try #require(client.port)
                let url = try #require(URL(string: "http://127.0.0.1:\(port)/hook"))
                let clock = ManualClock()
                let dispatcher = WebhookDispatcher(
                    store: platform.store, clock: clock, logger: Logger(label: "test"), maximumAttempts: attempts,
                    firstRetryDelay: .seconds(2))
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await dispatcher.run() }
                    defer { tasks.cancelAll() }
                    try await body(dispatcher, clock, platform.store, url)
                }
            }
        }
    }

    /// Waits (bounded) until `condition` holds.
    static func until(_ what: String, _ condition: @escaping @Sendable () async throws -> Bool) async throws {
        for _ in 0..<2000 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestSetupError("\(what) never happened")
    }

    @Test func aReceiverThatRecoversGetsTheNotificationAfterDoublingWaits() async throws {
        let receiver = Receiver([503, 503, 200])
        try await Self.withDispatcher(receiver, attempts: 5) { dispatcher, clock, store, url in
            dispatcher.send(
                WebhookDispatcher.Delivery(
                    webhookID: "w1", url: url, body: Data(#"{"alarm":"fan-1"}"#.utf8)))
            try await Self.until("the first attempt") { receiver.hits == 1 }
            try await clock.waitForSleepers(1)
            clock.advance(by: .milliseconds(1999))
            #expect(clock.sleeperCount == 1, "no retry before the first wait is over")
            #expect(receiver.hits == 1)
            clock.advance(by: .milliseconds(1))
            try await Self.until("the second attempt") { receiver.hits == 2 }
            try await clock.waitForSleepers(1)
            clock.advance(by: .seconds(2))
            #expect(clock.sleeperCount == 1, "the second wait is twice the first")
            #expect(receiver.hits == 2)
            clock.advance(by: .seconds(2))
            try await Self.until("the third attempt") { receiver.hits == 3 }
            #expect(receiver.bodies.withLock { $0 } == Array(repeating: #"{"alarm":"fan-1"}"#, count: 3))
            #expect(try await store.deadLetters().isEmpty)
        }
    }

    @Test func aNotificationThatFailsEveryAttemptBecomesADeadLetter() async throws {
        let receiver = Receiver([500])
        try await Self.withDispatcher(receiver, attempts: 3) { dispatcher, clock, store, url in
            dispatcher.send(
                WebhookDispatcher.Delivery(
                    webhookID: "w1", url: url, body: Data(#"{"alarm":"loco-1"}"#.utf8)))
            for attempt in 1...2 {
                try await Self.until("attempt \(attempt)") { receiver.hits == attempt }
                try await clock.waitForSleepers(1)
                clock.advance(by: .seconds(60))
            }
            try await Self.until("the dead letter") { try await !store.deadLetters().isEmpty }
            #expect(receiver.hits == 3)
            let letter = try #require(try await store.deadLetters().first)
            #expect(letter.webhookID == "w1" && letter.attempts == 3 && letter.error == "HTTP 500")
            #expect(letter.payload == #"{"alarm":"loco-1"}"#)
        }
    }

    @Test func anUnreachableReceiverEndsAsADeadLetterNamingTheError() async throws {
        let receiver = Receiver([200])
        try await Self.withDispatcher(receiver, attempts: 2) { dispatcher, clock, store, _ in
            let free = try freeLoopbackPort()
            let closed = try #require(URL(string: "http://127.0.0.1:\(free)/hook"))
            dispatcher.send(
                WebhookDispatcher.Delivery(webhookID: "w2", url: closed, body: Data("{}".utf8)))
            try await clock.waitForSleepers(1)
            clock.advance(by: .seconds(2))
            try await Self.until("the dead letter") { try await !store.deadLetters().isEmpty }
            let letter = try #require(try await store.deadLetters().first)
            #expect(letter.webhookID == "w2" && letter.attempts == 2 && !letter.error.hasPrefix("HTTP"))
            #expect(receiver.hits == 0)
        }
    }
}

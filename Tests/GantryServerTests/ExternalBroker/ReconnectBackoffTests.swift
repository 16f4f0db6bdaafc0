import Testing

@testable import GantryServer

/// The delays between attempts to reach a broker that went away.
@Suite struct ReconnectBackoffTests {
    @Test func doublesUpToTheCapAndStartsOverAfterASuccess() {
        var backoff = ReconnectBackoff(initial: .milliseconds(250), maximum: .seconds(2))
        let delays = (0..<6).map { _ in backoff.failed(jitter: 0) }
        #expect(
            delays == [
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2),
            ])
        #expect(backoff.failures == 6)
        backoff.succeeded()
        #expect(backoff.failed(jitter: 0) == .milliseconds(250))
    }

    @Test func jitterTakesOffAtMostAQuarter() {
        var backoff = ReconnectBackoff(initial: .seconds(4), maximum: .seconds(4))
        #expect(backoff.failed(jitter: 1) == .seconds(3))
        #expect(backoff.failed(jitter: 0.5) == .milliseconds(3_500))
    }

    @Test func manyFailuresDoNotOverflow() {
        var backoff = ReconnectBackoff(initial: .milliseconds(1), maximum: .seconds(30))
        for _ in 0..<1_000 { _ = backoff.failed(jitter: 0) }
        #expect(backoff.failed(jitter: 0) == .seconds(30))
    }
}

import GantryCore
import GantryIngest
import GantryServer
import GantryTesting
import Synchronization
import Testing

/// Every message ingest accepts gets an answer, also when ingest stops: an MQTT PUBACK waits on it.
@Suite struct IngestLifecycleTests {
    @Test func aMessageWaitingWhenIngestStartsIsAnsweredAndOnesAfterItStopsAreRefused() async throws {
        try await TestPlatform.withPlatform { platform in
            let sample = IngestSample(
                tag: try TagPath("acme/plant1/press-7/force"), point: TelemetryPoint(timestamp: 1, value: .double(1)))
            let source = IngestSource(name: "test", subtree: nil, mayCreateTags: false)
            let answers = Mutex<[Result<Void, IngestRejection>]>([])
            platform.ingest.submit([sample], from: source) { result in answers.withLock { $0.append(result) } }
            #expect(answers.withLock { $0.count } == 0, "nothing answers before ingest runs")
            let running = Task { try await platform.ingest.run() }
            _ = try await withDeadline("the answer to the waiting message") {
                while answers.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
            }
            running.cancel()
            try await running.value
            platform.ingest.submit([sample], from: source) { result in answers.withLock { $0.append(result) } }
            let all = answers.withLock { $0 }
            #expect(all.count == 2)
            // The tag does not exist, so the first is refused for that; the second because ingest stopped.
            guard case .failure(let first) = all[0], case .failure(let second) = all[1] else {
                Issue.record("expected two refusals, got \(all)")
                return
            }
            #expect(first.reason == .unknownTag)
            #expect(second.reason == .storeFailed && second.message == "ingest has stopped")
        }
    }
}

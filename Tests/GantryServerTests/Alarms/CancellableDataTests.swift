import Foundation
import GantryServer
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `URLSession.cancellableData(for:)`, which webhooks and the demo's fault client send with: it answers like
/// `data(for:)`, and requests cancelled while their responses arrive all end, none of them hanging the process.
@Suite(.timeLimit(.minutes(1))) struct CancellableDataTests {
    /// A receiver whose `slow` answer comes after `milliseconds` and whose `fast` one at once.
    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("fast") { _, _ in "done" }
        router.get("slow") { request, _ -> String in
            let milliseconds = request.uri.queryParameters.get("ms", as: Int.self) ?? 0
            try await Task.sleep(for: .milliseconds(milliseconds))
            return "late"
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func theAnswerComesBackAsDataForRequestGivesIt() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            let request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/fast")))
            let (data, response) = try await URLSession.shared.cancellableData(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "done")

            let missing = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/none")))
            let (_, notFound) = try await URLSession.shared.cancellableData(for: missing)
            #expect((notFound as? HTTPURLResponse)?.statusCode == 404)
        }
    }

    @Test func requestsCancelledWhileTheirAnswersArriveAllEnd() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            // Answers due from 0 to 19 ms, cancelled at 10 ms: some are cancelled before, some while, some after
            // their answer arrives, which is where data(for:) could deadlock.
            for round in 0..<5 {
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<40 {
                        let url = try #require(URL(string: "http://127.0.0.1:\(port)/slow?ms=\(index % 20)"))
                        group.addTask {
                            do {
                                let (data, _) = try await URLSession.shared.cancellableData(for: URLRequest(url: url))
                                return String(decoding: data, as: UTF8.self)
                            } catch let error as URLError where error.code == .cancelled {
                                return "cancelled"
                            }
                        }
                    }
                    try await Task.sleep(for: .milliseconds(10))
                    group.cancelAll()
                    var outcomes: [String] = []
                    for try await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                #expect(outcomes.count == 40, "round \(round)")
                #expect(outcomes.allSatisfy { $0 == "late" || $0 == "cancelled" }, "round \(round): \(outcomes)")
            }
        }
    }
}

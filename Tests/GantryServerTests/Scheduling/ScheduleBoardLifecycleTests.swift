import Foundation
import GantryScheduling
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// The board as a service: stopping the platform cancels the running solve (keeping its best schedule) and the
/// queued ones, and a stopped board takes no new problem.
@Suite struct ScheduleBoardLifecycleTests {
    @Test func stoppingTheBoardCancelsItsSolvesKeepingTheBestAndRefusesNewOnes() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                let fixture = ScheduleFixture(client: client, platform: platform, admin: admin)
                let long = try ScheduleAPITests.ft06Body(timeLimit: 300, iterations: nil)
                var running = ""
                var queued = ""
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await platform.schedules.run() }
                    running = try await fixture.accepted(long)
                    _ = try await fixture.waitFor(running, ["running"], withResult: false)
                    queued = try await fixture.accepted(long)
                    tasks.cancelAll()
                    try await tasks.waitForAll()
                }
                let stopped = try await fixture.schedule(running)
                #expect(stopped["state"] as? String == "cancelled")
                let problem = try JobShopFormat.parse(try ScheduleFixture.ft06)
                #expect(ScheduleChecker.violations(of: try ScheduleFixture.schedule(of: stopped), for: problem).isEmpty)
                let waiting = try await fixture.schedule(queued)
                #expect(waiting["state"] as? String == "cancelled" && waiting["result"] == nil)
                let refused = try await fixture.submit(long)
                #expect(refused.status == .serviceUnavailable, "\(refused.text)")
            }
        }
    }
}

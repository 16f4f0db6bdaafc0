import GantryAlarms
import GantryDemo
import GantryServer
import GantrySimulator
import GantryTesting
import Testing

/// The demo's rules go into the platform's alarm service once, on the plant provisioning created, and an
/// engineer's later edit is not overwritten by the next start.
@Suite(.timeLimit(.minutes(2))) struct DemoRuleInstallTests {
    @Test func theRulesAreInstalledOnceAndEditsSurvive() async throws {
        try await TestPlatform.withPlatform { platform in
            _ = try await DemoProvisioning(plant: SimulatedPlant.standard, platform: platform).run()
            let installed = try await installDemoRules(on: platform.alarms)
            #expect(installed == DemoAlarmRules.standard.count)
            let loaded = await platform.alarms.rules(by: .platform)
            #expect(Set(loaded.map(\.rule.id)) == Set(DemoAlarmRules.standard.map(\.id)))
            #expect(loaded.allSatisfy { $0.updatedBy == "gantry" })

            var edited = try #require(DemoAlarmRules.standard.first)
            edited.message = "Fan 01 vibration (edited by the site engineer)"
            try await platform.alarms.save(edited, by: .platform)
            #expect(try await installDemoRules(on: platform.alarms) == 0)
            #expect(try await platform.alarms.rule(id: edited.id, by: .platform).rule.message == edited.message)
        }
    }
}

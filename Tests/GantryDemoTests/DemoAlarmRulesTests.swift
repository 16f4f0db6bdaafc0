import GantryAlarms
import GantryCore
import GantryDemo
import GantrySimulator
import Synchronization
import Testing

/// The demo's rules load, read only what the simulator publishes, and catch the faults they are there for.
@Suite struct DemoAlarmRulesTests {
    let plant = SimulatedPlant.standard
    let rules = DemoAlarmRules.standard

    @Test func everyRuleValidatesAndTheSetIsSmallAndVaried() throws {
        let evaluator = try AlarmEvaluator(rules: rules)
        #expect((6...12).contains(rules.count))
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(evaluator.rules.count == rules.count)
        #expect(Set(evaluator.rules.flatMap(\.alarms).map(\.priority)) == Set(AlarmPriority.allCases))
        let kinds = Set(
            rules.map { rule in
                switch rule.condition {
                case .limit: "limit"
                case .rateOfChange: "rate"
                case .deviation: "deviation"
                case .discrete: "discrete"
                case .expression: "expression"
                }
            })
        #expect(kinds.isSuperset(of: ["limit", "discrete", "expression"]))
    }

    @Test func everyTagARuleReadsIsOneTheSimulatorPublishes() {
        let published = Set(plant.assets.filter { $0.model != nil }.flatMap(\.tagPaths))
        for rule in rules {
            #expect(!rule.tags.isEmpty, "\(rule.id) reads no tag")
            for tag in rule.tags {
                #expect(published.contains(tag), "\(rule.id) reads \(tag), which the simulator does not publish")
            }
            #expect(plant.asset(rule.asset)?.model != nil, "\(rule.id) is about \(rule.asset), which is not simulated")
        }
    }

    @Test func limitsReadNumbersAndDiscreteRulesReadTheirKindOfValue() throws {
        for rule in rules {
            switch rule.condition {
            case .limit(let limit):
                #expect(plant.tag(limit.tag)?.dataType.isNumeric == true, "\(rule.id)")
            case .discrete(let discrete):
                let type = try #require(plant.tag(discrete.tag)?.dataType)
                switch discrete.alarmState {
                case .bool: #expect(type == .bool, "\(rule.id)")
                case .state: #expect(type == .string, "\(rule.id)")
                case .code: #expect(type == .int, "\(rule.id)")
                }
            default:
                break
            }
        }
    }
}

import GantryAlarms
import GantryCore
import Testing

@Suite struct AlarmExpressionTests {
    @Test(arguments: [
        ("a + b * 2", [1.0, 3.0], 7.0),
        ("(a + b) * 2", [1, 3], 8),
        ("-a - -b", [1, 3], 2),
        ("a / b", [3, 4], 0.75),
        ("a > b", [3, 2], 1),
        ("a >= b and b != 2", [3, 2], 0),
        ("a < 1 or b <= 2", [3, 2], 1),
        ("not a == b", [3, 3], 0),
        ("!(a == b) || false", [3, 4], 1),
        ("a && b", [0, 1], 0),
        ("a == 1.5e3", [1500, 0], 1),
        ("true and a", [2, 0], 1),
        ("1 - a - b", [1, 1], -1),
    ])
    func evaluatesWithPrecedence(text: String, values: [Double], expected: Double) throws {
        let expression = try AlarmExpression(text.contains("b") ? text : text + " + 0 * b")
        #expect(expression.references == [.local("a"), .local("b")])
        #expect(expression.evaluate(values) == expected)
    }

    @Test func nanIsNotTrue() throws {
        let expression = try AlarmExpression("a / b")
        #expect(expression.evaluate([0, 0]).isNaN)
        #expect(!expression.isTrue([0, 0]))
        #expect(expression.isTrue([1, 0]), "infinity is true")
    }

    @Test func fullTagPathsGoInBraces() throws {
        let expression = try AlarmExpression("{qingdao-mine/surface/water/pump-02/flow} < 5 and motor_temp > 1")
        #expect(expression.references == [.absolute(Plant.pumpFlow), .local("motor_temp")])
        #expect(try expression.references[1].resolved(on: Plant.loco) == Plant.motorTemp)
    }

    @Test(arguments: [
        ("", 0), ("a +", 3), ("a + * b", 4), ("(a > 1", 6), ("a > 1)", 5), ("a $ 1", 2), ("a < b < c", 6),
        ("1 > 2", 5), ("{no-tag} > 1", 0), ("{qingdao-mine/x > 1", 0), ("a > 1..2", 4), ("A > 1", 0),
        ("a and or b", 6),
    ])
    func parseErrorsSayWhere(text: String, position: Int) {
        do {
            _ = try AlarmExpression(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.code == .invalidExpression)
            #expect(error.position == position, "\(error.message)")
            #expect(error.message.contains("position \(position)"))
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        #expect(throws: AlarmError.self) { try AlarmExpression(text) }
        #expect(throws: AlarmError.self) { try AlarmExpression(String(repeating: "-", count: 1000) + "a") }
        #expect(throws: AlarmError.self) { try AlarmExpression(String(repeating: "a+", count: 3000) + "a") }
    }

    @Test func eachTagIsReferencedOnce() throws {
        let expression = try AlarmExpression("a > 1 and a < 5 or b == a")
        #expect(expression.references == [.local("a"), .local("b")])
        #expect(expression.isTrue([3, 0]))
        #expect(!expression.isTrue([7, 0]))
        #expect(expression.isTrue([7, 7]))
    }
}

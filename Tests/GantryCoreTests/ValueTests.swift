import Foundation
import GantryCore
import Testing

@Suite struct ValueTests {
    @Test func timestampsRoundTripThroughRFC3339() throws {
        let moment = Timestamp(millisecondsSinceEpoch: 1_796_000_123_456)
        #expect(moment.rfc3339.hasSuffix(".456Z"))
        #expect(Timestamp(rfc3339: moment.rfc3339) == moment)
        #expect(Timestamp(rfc3339: "2026-11-29T06:53:56Z")?.millisecondsSinceEpoch == 1_795_935_236_000)
        #expect(Timestamp(rfc3339: "yesterday") == nil)
    }

    @Test func timestampDigitsAgreeWithFoundationAcrossCalendarEdges() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        // Leap days, century years, the epoch, before it, and year ends.
        let edges: [Int64] = [
            0, -1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -2_208_988_800_000, 1_703_980_799_999,
            1_709_164_800_123,
        ]
        var random = SystemRandomNumberGenerator()
        let samples =
            edges + (0..<2000).map { _ in Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &random) }
        for milliseconds in samples {
            let moment = Timestamp(millisecondsSinceEpoch: milliseconds)
            let seconds = Date(
                timeIntervalSince1970: Double(
                    milliseconds.quotientAndRemainder(dividingBy: 1000).quotient - (milliseconds % 1000 < 0 ? 1 : 0)))
            let fraction = ((milliseconds % 1000) + 1000) % 1000
            let expected = String(style.format(seconds).dropLast(5)) + String(format: ".%03dZ", fraction)
            #expect(moment.rfc3339 == expected, "\(milliseconds)")
            #expect(Timestamp(rfc3339: moment.rfc3339) == moment)
        }
    }

    @Test func qualityReadsBackWhatItWrites() {
        for quality in [
            Quality.good, Quality(.bad, subCode: 3), Quality(.uncertain), Quality(.uncertain, subCode: 0x3FFF),
        ] {
            #expect(Quality(parsing: quality.description) == quality)
        }
        #expect(Quality(parsing: "fine") == nil)
        #expect(Quality(parsing: "bad(99999)") == nil)
    }

    @Test func rangesRefuseInvertedAndInfiniteBounds() throws {
        #expect(throws: PlantModelError.self) { try EngineeringRange(min: 10, max: 0) }
        #expect(throws: PlantModelError.self) { try EngineeringRange(min: -.infinity, max: 0) }
        let open = try EngineeringRange(min: nil, max: 5)
        #expect(open.max == 5)
    }

    @Test func standardEquipmentTypesAreValid() throws {
        for type in EquipmentType.standard {
            _ = try type.validated()
            #expect(!type.tags.isEmpty)
        }
        let names = EquipmentType.standard.map(\.name)
        #expect(names.contains("electric-locomotive"))
        #expect(names.contains("overhead-crane"))
        #expect(names.contains("cnc-machine"))
    }

    @Test func passwordsAndUsernamesAreChecked() {
        #expect(throws: PlantModelError.self) { try User.validate(password: "short") }
        #expect(throws: PlantModelError.self) { try User.validate(password: String(repeating: "x", count: 73)) }
        #expect(throws: PlantModelError.self) { try User.validate(username: "robert'); drop table") }
        #expect(throws: Never.self) { try User.validate(username: "li.wei@plant") }
    }
}

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

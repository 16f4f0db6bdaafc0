import GantryCore
import Testing

@Suite struct AssetLevelTests {
    @Test(arguments: [
        ("acme", AssetLevel?.none, false, AssetLevel.enterprise),
        ("acme/plant", .enterprise, false, .site),
        ("acme/plant/area", .site, false, .area),
        ("acme/plant/area/line", .area, false, .line),
        ("acme/plant/area/line/cell", .line, false, .cell),
        ("acme/plant/area/line/cell/robot", .cell, false, .equipment),
        ("acme/plant/area/loco", .area, true, .equipment),
        ("acme/plant/area/line/press", .line, true, .equipment),
        ("acme/plant/area/loco/motor", .equipment, false, .component),
        ("acme/plant/area/line/cell/robot/gripper", .equipment, false, .component),
    ])
    func levelFollowsDepthAndType(path: String, parent: AssetLevel?, typed: Bool, expected: AssetLevel) throws {
        #expect(try AssetLevel.of(try AssetPath(path), parent: parent, isTypedEquipment: typed) == expected)
    }

    @Test func belowACellOnlyEquipmentMayHoldChildren() throws {
        #expect(throws: PlantModelError.self) {
            try AssetLevel.of(try AssetPath("a/b/c/d/e/f/g"), parent: .cell, isTypedEquipment: false)
        }
    }
}

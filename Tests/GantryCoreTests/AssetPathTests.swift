import GantryCore
import Testing

@Suite struct AssetPathTests {
    @Test func parsesSegmentsAndKnowsItsEnterprise() throws {
        let path = try AssetPath("qingdao-mine/underground/haulage/loco-01")
        #expect(path.segments == ["qingdao-mine", "underground", "haulage", "loco-01"])
        #expect(path.depth == 4)
        #expect(path.enterprise == "qingdao-mine")
        #expect(path.leaf == "loco-01")
        #expect(path.parent.description == "qingdao-mine/underground/haulage")
        #expect(path.description == "qingdao-mine/underground/haulage/loco-01")
    }

    @Test(arguments: [
        "", "/site", "site/", "site//area", "Site", "site/área", "site area", "a/b/c/d/e/f/g/h/i",
        String(repeating: "x", count: 65), "site/*",
    ])
    func refusesMalformedPaths(_ text: String) {
        #expect(throws: PlantModelError.self) { try AssetPath(text) }
    }

    @Test func errorNamesTheOffendingSegment() {
        do {
            _ = try AssetPath("plant/Line-1")
            Issue.record("an upper-case segment was accepted")
        } catch {
            #expect(error.code == .invalidPath)
            #expect(error.message.contains("'Line-1'"))
        }
    }

    @Test func subtreesAreSegmentWise() throws {
        let line = try AssetPath("plant/area/line")
        #expect(line.isWithin(try AssetPath("plant/area")))
        #expect(line.isWithin(line))
        #expect(line.isWithin(.root))
        #expect(!(try AssetPath("plant/area/line2")).isWithin(line))
        #expect(!(try AssetPath("plant/ar")).isWithin(try AssetPath("plant/area")))
        #expect(!(try AssetPath("plant")).isWithin(line))
    }

    @Test func tagPathsSplitAssetAndName() throws {
        let tag = try TagPath("qingdao-mine/underground/haulage/loco-01/speed")
        #expect(tag.asset.description == "qingdao-mine/underground/haulage/loco-01")
        #expect(tag.name == "speed")
        #expect(throws: PlantModelError.self) { try TagPath("speed") }
    }
}

import GantryCore
import Testing

@Suite struct AccessRightsTests {
    let underground = try! AssetPath("qingdao-mine/underground")
    let workshop = try! AssetPath("jinan-workshop")

    @Test func aRoleCoversItsSubtreeAndTheRolesBelowIt() throws {
        let rights = AccessRights(grants: [Grant(role: .operator, scope: underground)])
        let loco = try AssetPath("qingdao-mine/underground/haulage/loco-01")
        #expect(rights.allows(.viewer, on: loco))
        #expect(rights.allows(.operator, on: loco))
        #expect(!rights.allows(.engineer, on: loco))
        #expect(!rights.allows(.viewer, on: workshop))
        #expect(!rights.allows(.viewer, on: try AssetPath("qingdao-mine")))
        #expect(!rights.allows(.viewer, on: try AssetPath("qingdao-mine/underground-2")))
    }

    @Test func platformGrantsCoverEveryTenant() {
        let rights = AccessRights(grants: [Grant(role: .admin, scope: .root)])
        #expect(rights.allows(.admin, on: workshop))
        #expect(rights.allows(.engineer, on: underground))
        #expect(rights.scopes(for: .viewer) == [.root])
    }

    @Test func nestedScopesFoldIntoTheirAncestor() throws {
        let rights = AccessRights(grants: [
            Grant(role: .viewer, scope: try AssetPath("qingdao-mine")),
            Grant(role: .engineer, scope: underground),
            Grant(role: .viewer, scope: workshop),
        ])
        #expect(rights.scopes(for: .viewer) == [workshop, try AssetPath("qingdao-mine")])
        #expect(rights.scopes(for: .engineer) == [underground])
        #expect(rights.scopes(for: .admin).isEmpty)
    }

    @Test func adminsAssignAndManageOnlyWithinTheirSubtree() throws {
        let rights = AccessRights(grants: [Grant(role: .admin, scope: try AssetPath("qingdao-mine"))])
        #expect(rights.mayAssign(Grant(role: .admin, scope: underground)))
        #expect(!rights.mayAssign(Grant(role: .viewer, scope: workshop)))
        #expect(!rights.mayAssign(Grant(role: .viewer, scope: .root)))
        #expect(rights.mayManage(accountWith: [Grant(role: .operator, scope: underground)]))
        #expect(
            !rights.mayManage(accountWith: [
                Grant(role: .operator, scope: underground), Grant(role: .viewer, scope: workshop),
            ]))
        #expect(!rights.mayManage(accountWith: []))
    }

    @Test func requireNamesTheMissingRole() {
        let rights = AccessRights(grants: [Grant(role: .viewer, scope: underground)])
        #expect(throws: AccessDenied(required: .engineer, path: underground)) {
            try rights.require(.engineer, on: underground)
        }
    }

    @Test func grantsParseTheWrittenForm() throws {
        #expect(try Grant(role: "admin", path: "*") == Grant(role: .admin, scope: .root))
        #expect(try Grant(role: "viewer", path: "jinan-workshop").path == "jinan-workshop")
        #expect(throws: PlantModelError.self) { try Grant(role: "superuser", path: "*") }
    }
}

import Foundation
import GantryCore
import GantryScheduling
import Hummingbird

/// `/api/v1/schedules`: production scheduling solves run in the background by the ``ScheduleBoard``. Engineers
/// submit, cancel and reschedule; viewers read (a plant problem only when they may see all its equipment).
struct ScheduleRoutes {
    let board: ScheduleBoard
    let plant: PlantRegistry

    func add(to routes: RouteRegistrar) {
        routes.get("api/v1/schedules") { _, context in
            let principal = try context.requirePrincipal()
            try principal.rights.requireAny(.viewer)
            let records = await board.all().filter { $0.isVisible(to: principal) }
            return ScheduleList(items: records.map { ScheduleView($0, full: false) })
        }
        routes.post("api/v1/schedules") { request, context in
            let principal = try context.requirePrincipal()
            try principal.rights.requireAny(.engineer)
            let body = try await request.decode(as: ScheduleBody.self, context: context)
            let record = try await submission(body, by: principal)
            let queued = try await board.submit(record)
            return Located.accepted(ScheduleView(queued), location: "/api/v1/schedules/\(queued.id.uuidString)")
        }
        routes.get("api/v1/schedules/:id") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.uuid("id")
            guard let record = await board.record(id), record.isVisible(to: principal) else {
                throw Self.notFound(id)
            }
            return ScheduleView(record)
        }
        routes.delete("api/v1/schedules/:id") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.uuid("id")
            guard let record = await board.record(id), record.isVisible(to: principal) else {
                throw Self.notFound(id)
            }
            try principal.rights.requireAny(.engineer)
            return ScheduleView(await board.cancel(id) ?? record)
        }
        routes.post("api/v1/schedules/:id/reschedule") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.uuid("id")
            guard let source = await board.record(id), source.isVisible(to: principal) else {
                throw Self.notFound(id)
            }
            try principal.rights.requireAny(.engineer)
            let body = try await request.decode(as: RescheduleBody.self, context: context)
            guard let queued = try await board.reschedule(id, body, by: principal) else { throw Self.notFound(id) }
            return Located.accepted(ScheduleView(queued), location: "/api/v1/schedules/\(queued.id.uuidString)")
        }
    }

    /// The record to queue for `body`: the problem in the solver's model, checked against the size limits and
    /// validated, so that a refused request keeps nothing.
    private func submission(_ body: ScheduleBody, by principal: Principal) async throws -> ScheduleRecord {
        let limits = board.limits
        let problem: SchedulingProblem
        var names: [String] = []
        var assets: [AssetPath] = []
        let origin: String
        switch body.source {
        case .problem(let model):
            let built = try model.model()
            problem = built.0
            names = built.1
            origin = "problem"
        case .text(let format, let text):
            problem = try format.parse(text)
            origin = format.rawValue
        case .plant(let plantBody):
            let (model, paths) = try await PlantProblem.build(plantBody, plant: plant, by: principal, limits: limits)
            problem = try model.model().0
            names = paths.map(\.description)
            assets = paths
            origin = "plant"
        }
        guard !problem.jobs.isEmpty else {
            throw SchedulingError(.invalidJob, "the problem has no jobs; give at least one")
        }
        try limits.check(problem)
        try problem.validate()
        return ScheduleRecord(
            createdBy: principal.user.username, origin: origin, problem: problem, machineNames: names, assets: assets,
            settings: body.settings)
    }

    static func notFound(_ id: UUID) -> APIError {
        APIError(.notFound, title: "Not found", type: "not-found", detail: "no schedule \(id) is kept on this server")
    }
}

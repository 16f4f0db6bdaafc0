import GantryCore
import GantryServer
import GantrySimulator
import Hummingbird

/// `/api/v1/simulator/faults`: break the simulated plant on purpose, so alarms and diagnostics have something
/// real to find. Present only while `gantry demo` runs its simulator.
///
/// - `GET` (viewer anywhere): the fault kinds, the catalogue of faults on what the caller may see, and the
///   active ones among them.
/// - `POST {"kind", "target"}`: injects a fault; 201, or 200 when it was already active. Needs the operator
///   role on the asset the fault acts on (the machine, the tag's asset, the device's asset): breaking a
///   simulated machine is operating it, and an operator running the demo must be able to do it without an
///   engineer.
/// - `DELETE` with the same body, or `?kind=…&target=…`: clears it; 204, or 404 when it was not active.
public struct SimulatorFaultRoutes: APIRoutes {
    let simulator: PlantSimulator

    public init(simulator: PlantSimulator) {
        self.simulator = simulator
    }

    static let path = "api/v1/simulator/faults"

    public func add(to routes: RouteRegistrar) {
        routes.get(Self.path) { _, context in
            let rights = try context.requirePrincipal().rights
            try rights.requireAny(.viewer)
            let visible = { (fault: SimulatedFault) in
                simulator.plant.asset(affectedBy: fault).map { rights.allows(.viewer, on: $0) } ?? false
            }
            return FaultListResponse(
                kinds: FaultKindView.all, catalogue: simulator.plant.faultCatalogue.filter(visible).map(FaultView.init),
                active: simulator.activeFaults.filter(visible).map(FaultView.init))
        }
        routes.post(Self.path) { request, context in
            let body = try await request.decode(as: FaultBody.self, context: context)
            let fault = try authorised(body, context)
            let wasActive = simulator.activeFaults.contains(fault)
            do throws(SimulatorError) {
                try simulator.inject(fault)
            } catch {
                throw error.problem
            }
            return EditedResponse(status: wasActive ? .ok : .created, response: FaultView(fault))
        }
        routes.delete(Self.path) { request, context in
            let fault = try authorised(try await FaultBody.fromQueryOrBody(request, context: context), context)
            do throws(SimulatorError) {
                try simulator.clear(fault)
            } catch {
                throw error.problem
            }
            return HTTPResponse.Status.noContent
        }
    }

    /// The fault `body` names, once it is known to exist in the plant and the caller holds the operator role
    /// on the asset it acts on. Existence is checked first, so a typo gets the list of what exists, not a 403.
    func authorised(_ body: FaultBody, _ context: GantryRequestContext) throws -> SimulatedFault {
        let principal = try context.requirePrincipal()
        let fault: SimulatedFault
        do throws(SimulatorError) {
            fault = try SimulatedFault(kind: body.kind, target: body.target)
            try simulator.plant.validate(fault)
        } catch {
            throw error.problem
        }
        guard let asset = simulator.plant.asset(affectedBy: fault) else {
            throw SimulatorError(.unknownTarget, "no simulated target '\(body.target)'").problem
        }
        try principal.rights.require(.operator, on: asset)
        return fault
    }
}

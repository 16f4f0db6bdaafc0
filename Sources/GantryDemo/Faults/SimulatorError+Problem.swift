import GantryServer
import GantrySimulator

extension SimulatorError {
    /// The problem document for this error: the one place simulator errors meet HTTP.
    ///
    /// A kind or target that does not exist is a 400 (the request is wrong as written), a fault the target
    /// cannot have (bearing wear on a conveyor) a 422, and clearing a fault that is not active a 404.
    var problem: APIError {
        switch code {
        case .faultNotApplicable:
            APIError(
                .unprocessableContent, title: "Fault not applicable", type: "fault-not-applicable", detail: message)
        case .faultNotActive:
            APIError(.notFound, title: "Fault not active", type: "fault-not-active", detail: message)
        default:
            APIError(.badRequest, title: "Unknown fault", type: "unknown-fault", detail: message)
        }
    }
}

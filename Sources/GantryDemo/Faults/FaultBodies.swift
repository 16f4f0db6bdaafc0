import GantryServer
import GantrySimulator
import Hummingbird

/// `POST` and `DELETE /api/v1/simulator/faults`: `{"kind": "bearing-wear", "target": "…"}`.
///
/// Kind and target stay text here; ``SimulatedFault/init(kind:target:)`` and the plant decide whether they name
/// a fault, so the error says which kinds and targets exist.
struct FaultBody: Decodable {
    let kind: String
    let target: String

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, target }

    init(kind: String, target: String) {
        self.kind = kind
        self.target = target
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        kind = try container.decode(String.self, forKey: .kind)
        target = try container.decode(String.self, forKey: .target)
    }

    /// The fault a `DELETE` names, from the query (`?kind=…&target=…`) when it has a kind, else from the body;
    /// curl users and HTTP clients that send no body on DELETE are both served.
    static func fromQueryOrBody(_ request: Request, context: GantryRequestContext) async throws -> FaultBody {
        let query = request.uri.queryParameters
        guard query["kind"] != nil || query["target"] != nil else {
            return try await request.decode(as: FaultBody.self, context: context)
        }
        guard let kind = query["kind"].map(String.init), let target = query["target"].map(String.init) else {
            throw APIError.badRequest("query parameters 'kind' and 'target' go together; give both")
        }
        return FaultBody(kind: kind, target: target)
    }
}

/// One fault as the API shows it.
struct FaultView: ResponseEncodable {
    let kind: String
    let target: String

    init(_ fault: SimulatedFault) {
        kind = fault.kind.rawValue
        target = fault.target
    }
}

/// A kind of fault, what it does and what it targets, for whoever chooses one.
struct FaultKindView: Encodable {
    let kind: String
    let target: String
    let description: String

    static let all: [FaultKindView] = SimulatedFault.Kind.allCases.map { kind in
        switch kind {
        case .bearingWear:
            FaultKindView(
                kind: kind.rawValue, target: "asset path of a fan or CNC machine",
                description: "the bearing wears: vibration steps up within a minute and keeps rising; "
                    + "bearing temperature climbs")
        case .sensorDrift:
            FaultKindView(
                kind: kind.rawValue, target: "path of a numeric tag",
                description: "the reading drifts up by 0.5 % of the tag's span a minute")
        case .stuckValue:
            FaultKindView(
                kind: kind.rawValue, target: "path of a tag",
                description: "the reading freezes at its value when the fault starts (a stuck valve or sensor)")
        case .linkLoss:
            FaultKindView(
                kind: kind.rawValue, target: "name of a device",
                description: "the device's link drops without a goodbye: the broker sends its will, and it "
                    + "reconnects when cleared")
        }
    }
}

/// `GET /api/v1/simulator/faults`: the kinds, every fault the caller may inject or watch, and those active.
struct FaultListResponse: ResponseEncodable {
    let kinds: [FaultKindView]
    let catalogue: [FaultView]
    let active: [FaultView]
}

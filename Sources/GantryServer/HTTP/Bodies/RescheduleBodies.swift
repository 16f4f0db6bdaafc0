import GantryScheduling

/// `POST /api/v1/schedules/{id}/reschedule`: what happened (`event`), when (`at`, in the schedule's time), and
/// how long to search for the new schedule.
struct RescheduleBody: Decodable {
    let at: Int
    let event: RescheduleEventBody
    let settings: SolveSettings

    enum CodingKeys: String, CodingKey, CaseIterable { case at, event, timeLimitSeconds, seed, iterationLimit }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        at = try container.decode(Int.self, forKey: .at)
        event = try container.decode(RescheduleEventBody.self, forKey: .event)
        settings = try SolveSettings(container)
    }
}

/// Exactly one of `machineDown`, `rushJob` or `operationLate`.
enum RescheduleEventBody: Decodable {
    /// A breakdown or maintenance: the machine cannot work from `from` to `to`.
    case machineDown(machine: MachineReference, from: Int, to: Int)
    /// A new job, appended as the last one.
    case rushJob(JobBody<MachineReference>)
    /// An operation takes `extraDuration` longer than planned.
    case operationLate(job: Int, operation: Int, extraDuration: Int)

    enum CodingKeys: String, CodingKey, CaseIterable { case machineDown, rushJob, operationLate }
    enum MachineDownKeys: String, CodingKey, CaseIterable { case machine, from, to }
    enum LateKeys: String, CodingKey, CaseIterable { case job, operation, extraDuration }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "give exactly one of 'machineDown', 'rushJob' or 'operationLate'"))
        }
        switch key {
        case .machineDown:
            let down = try container.superDecoder(forKey: .machineDown).strictContainer(MachineDownKeys.self)
            self = .machineDown(
                machine: try down.decode(MachineReference.self, forKey: .machine),
                from: try down.decode(Int.self, forKey: .from), to: try down.decode(Int.self, forKey: .to))
        case .rushJob:
            self = .rushJob(try container.decode(JobBody<MachineReference>.self, forKey: .rushJob))
        case .operationLate:
            let late = try container.superDecoder(forKey: .operationLate).strictContainer(LateKeys.self)
            self = .operationLate(
                job: try late.decode(Int.self, forKey: .job), operation: try late.decode(Int.self, forKey: .operation),
                extraDuration: try late.decode(Int.self, forKey: .extraDuration))
        }
    }
}

import GantryScheduling

extension ProblemBody {
    /// The problem in the solver's model, and the machines' names (empty when the body numbers them only).
    ///
    /// Refusals are `SchedulingError`s that name the job and operation: a machine name that is not one of the
    /// problem's, an operation with both `machine` and `alternatives`, or a `machine` without a `duration`.
    func model() throws(SchedulingError) -> (SchedulingProblem, [String]) {
        var names: [String] = []
        let count: Int
        switch machines {
        case .count(let number):
            count = number
        case .names(let list):
            var seen = Set<String>()
            for name in list where name.isEmpty || !seen.insert(name).inserted {
                throw SchedulingError(
                    .malformedInput, name.isEmpty ? "a machine name is empty" : "machine '\(name)' is named twice")
            }
            names = list
            count = list.count
        }
        func index(
            _ reference: MachineReference, _ place: String, job: Int?, operation: Int?
        ) throws(SchedulingError)
            -> Int
        {
            switch reference {
            case .index(let index): return index
            case .name(let name):
                guard let index = names.firstIndex(of: name) else {
                    throw SchedulingError(
                        .unknownMachine, "\(place) names machine '\(name)', which is not one of the problem's machines",
                        job: job, operation: operation)
                }
                return index
            }
        }
        var model: [Job] = []
        for (j, job) in jobs.enumerated() {
            var operations: [JobOperation] = []
            for (o, operation) in job.operations.enumerated() {
                let place = "job \(j)\(job.name.map { " (\($0))" } ?? ""), operation \(o)"
                switch (operation.resource, operation.duration, operation.alternatives) {
                case (let machine?, let duration?, nil):
                    operations.append(
                        JobOperation(machine: try index(machine, place, job: j, operation: o), duration: duration))
                case (nil, nil, let alternatives):
                    var list: [Alternative] = []
                    for alternative in alternatives ?? [] {
                        list.append(
                            Alternative(
                                machine: try index(alternative.resource, place, job: j, operation: o),
                                duration: alternative.duration))
                    }
                    operations.append(JobOperation(alternatives: list))
                case (_?, nil, nil), (nil, _?, nil):
                    throw SchedulingError(
                        .malformedInput, "\(place) needs both 'machine' and 'duration'", job: j, operation: o)
                default:
                    throw SchedulingError(
                        .malformedInput, "\(place) gives 'machine' and 'alternatives'; give one of them", job: j,
                        operation: o)
                }
            }
            model.append(
                Job(
                    name: job.name, operations: operations, release: job.release ?? 0, due: job.due,
                    weight: job.weight ?? 1))
        }
        var windows: [MachineWindow] = []
        for (w, window) in self.windows.enumerated() {
            windows.append(
                MachineWindow(
                    machine: try index(window.resource, "window \(w)", job: nil, operation: nil), start: window.start,
                    end: window.end))
        }
        var setups: [Int: [[Int]]] = [:]
        for (s, setup) in self.setups.enumerated() {
            let machine = try index(setup.machine, "setup \(s)", job: nil, operation: nil)
            guard setups.updateValue(setup.times, forKey: machine) == nil else {
                throw SchedulingError(.invalidSetup, "machine \(machine) has two setup matrices; give one")
            }
        }
        let problem = SchedulingProblem(
            machineCount: count, jobs: model, setups: SetupTimes(setups), windows: windows,
            precedences: precedences.map { Precedence(before: $0.before.id, after: $0.after.id) },
            objective: objective.objective)
        return (problem, names)
    }
}

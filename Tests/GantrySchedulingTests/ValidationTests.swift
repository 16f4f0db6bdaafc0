import GantryScheduling
import Testing

/// Invalid problems are refused with an error that names the job and operation at fault.
@Suite struct ValidationTests {
    /// Two jobs of two operations on two machines, valid as it is.
    static func problem(_ edit: (inout SchedulingProblem) -> Void = { _ in }) -> SchedulingProblem {
        var problem = SchedulingProblem(
            machineCount: 2,
            jobs: [
                Job(operations: [JobOperation(machine: 0, duration: 3), JobOperation(machine: 1, duration: 2)]),
                Job(
                    name: "bracket",
                    operations: [JobOperation(machine: 1, duration: 4), JobOperation(machine: 0, duration: 1)]),
            ])
        edit(&problem)
        return problem
    }

    @Test func aValidProblemPasses() throws {
        try Self.problem().validate()
    }

    @Test func anUnknownMachineIsNamedWithItsJobAndOperation() {
        let problem = Self.problem { $0.jobs[1].operations[1] = JobOperation(machine: 5, duration: 1) }
        let error = #expect(throws: SchedulingError.self) { try problem.validate() }
        #expect(error?.code == .unknownMachine)
        #expect(error?.job == 1 && error?.operation == 1)
        #expect(error?.message == "job 1 (bracket), operation 1 names machine 5, but machines are 0…1")
    }

    @Test func anOperationWithoutMachineIsNamed() {
        let problem = Self.problem { $0.jobs[0].operations[1] = JobOperation(alternatives: []) }
        let error = #expect(throws: SchedulingError.self) { try problem.validate() }
        #expect(error?.code == .operationWithoutMachine)
        #expect(error?.job == 0 && error?.operation == 1)
        #expect(error?.message.hasPrefix("job 0, operation 1 has no machine") == true)
    }

    @Test func aNegativeDurationIsNamed() {
        let problem = Self.problem { $0.jobs[1].operations[0] = JobOperation(machine: 1, duration: -4) }
        let error = #expect(throws: SchedulingError.self) { try problem.validate() }
        #expect(error?.code == .negativeDuration)
        #expect(error?.job == 1 && error?.operation == 0)
        #expect(error?.message.contains("takes -4 on machine 1") == true)
    }

    @Test func aPrecedenceCycleIsNamedWithItsPath() {
        // job 0 op 1 → job 1 op 0 → job 1 op 1 → job 0 op 0 → job 0 op 1
        let problem = Self.problem {
            $0.precedences = [
                Precedence(before: OperationID(job: 0, operation: 1), after: OperationID(job: 1, operation: 0)),
                Precedence(before: OperationID(job: 1, operation: 1), after: OperationID(job: 0, operation: 0)),
            ]
        }
        let error = #expect(throws: SchedulingError.self) { try problem.validate() }
        #expect(error?.code == .cycle)
        #expect(error?.job != nil && error?.operation != nil)
        #expect(error?.message.contains("must come after itself") == true)
        #expect(error?.message.contains("job 1 (bracket), operation 0 → job 1 (bracket), operation 1") == true)
    }

    @Test func anAcyclicPrecedenceBetweenJobsPasses() throws {
        let problem = Self.problem {
            $0.precedences = [
                Precedence(before: OperationID(job: 0, operation: 1), after: OperationID(job: 1, operation: 0))
            ]
        }
        try problem.validate()
    }

    @Test func precedencesAndFrozenOperationsMustExist() {
        let precedence = Self.problem {
            $0.precedences = [
                Precedence(before: OperationID(job: 0, operation: 7), after: OperationID(job: 1, operation: 0))
            ]
        }
        let error = #expect(throws: SchedulingError.self) { try precedence.validate() }
        #expect(error?.code == .unknownOperation && error?.job == 0 && error?.operation == 7)

        let frozen = Self.problem {
            $0.frozen = [FrozenOperation(id: OperationID(job: 3, operation: 0), machine: 0, start: 0)]
        }
        #expect(throws: SchedulingError.self) { try frozen.validate() }
    }

    @Test func frozenOperationsMustBeConsistent() {
        let wrongMachine = Self.problem {
            $0.frozen = [FrozenOperation(id: OperationID(job: 0, operation: 0), machine: 1, start: 0)]
        }
        #expect(throws: SchedulingError.self) { try wrongMachine.validate() }

        let predecessorNotFrozen = Self.problem {
            $0.frozen = [FrozenOperation(id: OperationID(job: 0, operation: 1), machine: 1, start: 5)]
        }
        let error = #expect(throws: SchedulingError.self) { try predecessorNotFrozen.validate() }
        #expect(error?.code == .invalidFrozen && error?.job == 0 && error?.operation == 1)

        let overlapping = Self.problem {
            $0.frozen = [
                FrozenOperation(id: OperationID(job: 0, operation: 0), machine: 0, start: 0),
                FrozenOperation(id: OperationID(job: 1, operation: 0), machine: 1, start: 0),
                FrozenOperation(id: OperationID(job: 1, operation: 1), machine: 0, start: 4),
                FrozenOperation(id: OperationID(job: 0, operation: 1), machine: 1, start: 3),
            ]
        }
        let overlap = #expect(throws: SchedulingError.self) { try overlapping.validate() }
        #expect(overlap?.code == .invalidFrozen)
        #expect(overlap?.message.contains("overlapping") == true, "\(overlap?.message ?? "")")
    }

    @Test func jobsSetupsAndWindowsAreChecked() {
        #expect(throws: SchedulingError.self) { try Self.problem { $0.jobs[0].release = -1 }.validate() }
        #expect(throws: SchedulingError.self) { try Self.problem { $0.jobs[0].operations = [] }.validate() }
        #expect(throws: SchedulingError.self) { try Self.problem { $0.setups = SetupTimes([0: [[0]]]) }.validate() }
        #expect(throws: SchedulingError.self) {
            try Self.problem { $0.setups = SetupTimes([0: [[0, -1], [0, 0]]]) }.validate()
        }
        #expect(throws: SchedulingError.self) {
            try Self.problem { $0.windows = [MachineWindow(machine: 0, start: 5, end: 5)] }.validate()
        }
        #expect(throws: SchedulingError.self) {
            try Self.problem { $0.windows = [MachineWindow(machine: 2, start: 0, end: 5)] }.validate()
        }
        let objective = #expect(throws: SchedulingError.self) {
            try Self.problem { $0.objective = .weightedSum(makespanWeight: -1, tardinessWeight: 1) }.validate()
        }
        #expect(objective?.code == .invalidObjective)
    }
}

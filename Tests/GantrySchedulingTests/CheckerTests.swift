import GantryScheduling
import Testing

/// The independent checker finds each kind of violation, and only that one.
@Suite struct CheckerTests {
    static let problem = ValidationTests.problem()

    static func id(_ job: Int, _ operation: Int) -> OperationID { OperationID(job: job, operation: operation) }

    /// A feasible schedule of the two-job problem, makespan 6.
    static func schedule(_ edit: (inout [OperationID: ScheduledOperation]) -> Void = { _ in }) -> Schedule {
        var operations = [
            id(0, 0): ScheduledOperation(id: id(0, 0), machine: 0, start: 0, end: 3),
            id(0, 1): ScheduledOperation(id: id(0, 1), machine: 1, start: 4, end: 6),
            id(1, 0): ScheduledOperation(id: id(1, 0), machine: 1, start: 0, end: 4),
            id(1, 1): ScheduledOperation(id: id(1, 1), machine: 0, start: 4, end: 5),
        ]
        edit(&operations)
        return Schedule(operations: operations.values.sorted { $0.id < $1.id })
    }

    @Test func aFeasibleScheduleHasNoViolations() {
        #expect(ScheduleChecker.violations(of: Self.schedule(), for: Self.problem).isEmpty)
        #expect(Self.schedule().makespan == 6)
    }

    @Test func missingDuplicateAndUnknownOperations() {
        let missing = Self.schedule { $0[Self.id(1, 1)] = nil }
        #expect(ScheduleChecker.violations(of: missing, for: Self.problem) == [.missing(Self.id(1, 1))])

        var duplicated = Self.schedule()
        duplicated.operations.append(duplicated.operations[0])
        #expect(ScheduleChecker.violations(of: duplicated, for: Self.problem) == [.duplicate(Self.id(0, 0))])

        var unknown = Self.schedule()
        unknown.operations.append(ScheduledOperation(id: Self.id(5, 0), machine: 0, start: 10, end: 11))
        #expect(ScheduleChecker.violations(of: unknown, for: Self.problem) == [.unknownOperation(Self.id(5, 0))])
    }

    @Test func wrongMachineAndWrongDuration() {
        let wrongMachine = Self.schedule {
            $0[Self.id(0, 0)] = ScheduledOperation(id: Self.id(0, 0), machine: 1, start: 10, end: 13)
        }
        #expect(
            ScheduleChecker.violations(of: wrongMachine, for: Self.problem).contains(
                .wrongMachine(Self.id(0, 0), machine: 1)))

        let wrongDuration = Self.schedule { $0[Self.id(1, 1)]!.end = 7 }
        #expect(
            ScheduleChecker.violations(of: wrongDuration, for: Self.problem) == [
                .wrongDuration(Self.id(1, 1), expected: 1, actual: 3)
            ])
    }

    @Test func precedenceAndRelease() {
        let early = Self.schedule {
            $0[Self.id(1, 1)]!.moved(to: 3, end: 4)
        }
        #expect(
            ScheduleChecker.violations(of: early, for: Self.problem) == [
                .precedence(before: Self.id(1, 0), after: Self.id(1, 1))
            ])

        var released = Self.problem
        released.jobs[0].release = 1
        #expect(
            ScheduleChecker.violations(of: Self.schedule(), for: released) == [
                .tooEarly(Self.id(0, 0), start: 0, earliest: 1)
            ])
    }

    @Test func overlapOnAMachine() {
        let overlapping = Self.schedule {
            $0[Self.id(0, 1)]!.moved(to: 3, end: 5)
        }
        #expect(
            ScheduleChecker.violations(of: overlapping, for: Self.problem) == [
                .overlap(machine: 1, Self.id(1, 0), Self.id(0, 1))
            ])
    }

    @Test func setupBetweenConsecutiveOperations() {
        var withSetups = Self.problem
        withSetups.setups = SetupTimes([1: [[0, 0], [2, 0]]])
        #expect(
            ScheduleChecker.violations(of: Self.schedule(), for: withSetups) == [
                .setup(machine: 1, from: Self.id(1, 0), to: Self.id(0, 1), required: 2, gap: 0)
            ])
        let later = Self.schedule {
            $0[Self.id(0, 1)]!.moved(to: 6, end: 8)
        }
        #expect(ScheduleChecker.violations(of: later, for: withSetups).isEmpty)
    }

    @Test func unavailabilityWindow() {
        var withWindow = Self.problem
        let window = MachineWindow(machine: 0, start: 2, end: 3)
        withWindow.windows = [window]
        #expect(
            ScheduleChecker.violations(of: Self.schedule(), for: withWindow) == [
                .unavailable(Self.id(0, 0), window: window)
            ])
        withWindow.windows = [MachineWindow(machine: 0, start: 3, end: 4)]  // touching both ends is allowed
        #expect(ScheduleChecker.violations(of: Self.schedule(), for: withWindow).isEmpty)
    }

    @Test func aFrozenOperationMustStayPut() {
        var frozen = Self.problem
        frozen.frozen = [FrozenOperation(id: Self.id(0, 0), machine: 0, start: 1)]
        #expect(
            ScheduleChecker.violations(of: Self.schedule(), for: frozen) == [
                .frozenMoved(Self.id(0, 0), start: 0, frozenAt: 1)
            ])
    }
}

extension ScheduledOperation {
    fileprivate mutating func moved(to start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

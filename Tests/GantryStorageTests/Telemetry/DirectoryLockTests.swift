import Foundation
import GantryStorage
import GantryTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The embedded engine's hold on its directory as another process sees it: Python's `fcntl.lockf` takes the
/// same kind of POSIX record lock, so it stands in for a second Gantry process without one being built.
@Suite struct DirectoryLockTests {
    /// Tries the directory's lock from another process: `free` when it could take it, `busy` when not.
    static func probe(_ telemetry: String) throws -> String {
        let script = """
            import fcntl, sys
            f = open(sys.argv[1] + "/LOCK", "a")
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                print("free")
            except OSError:
                print("busy")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, telemetry]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `condition` came true within 20 s, asked every 20 ms.
    static func within20Seconds(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<1000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test func anotherProcessSeesTheHoldAndItsOwnHoldIsRespectedUntilItDies() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = EmbeddedTelemetryConfiguration(directory: directory + "/telemetry")
            let store = try await EmbeddedTelemetryStore.open(configuration)
            #expect(try Self.probe(configuration.directory) == "busy")
            try await store.close()
            #expect(try Self.probe(configuration.directory) == "free")

            // Another process holds the directory: the store is refused, naming it, until that process dies.
            let held = directory + "/held"
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = [
                "python3", "-c",
                """
                import fcntl, sys, time
                f = open(sys.argv[1] + "/LOCK", "a")
                fcntl.lockf(f, fcntl.LOCK_EX)
                open(sys.argv[2], "w").close()
                time.sleep(120)
                """,
                configuration.directory, held,
            ]
            try holder.run()
            defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
            #expect(try await Self.within20Seconds { FileManager.default.fileExists(atPath: held) })
            let error = await #expect(throws: TelemetryError.self) {
                _ = try await EmbeddedTelemetryStore.open(configuration)
            }
            #expect(error?.code == .locked)
            #expect(error?.message.contains(configuration.directory) == true)

            kill(holder.processIdentifier, SIGKILL)
            #expect(try await Self.within20Seconds { !holder.isRunning })
            let reopened = try await EmbeddedTelemetryStore.open(configuration)
            try await reopened.close()
        }
    }
}

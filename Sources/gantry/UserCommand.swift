import ArgumentParser
import Foundation
import GantryCore
import GantryServer
import Logging

/// `gantry user add|list|passwd`: manage accounts straight in the store, for first set-up and recovery.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts in the store.",
        subcommands: [Add.self, List.self, Passwd.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The new user's name.") var username: String
        @Option(
            name: .customLong("grant"),
            help: "A grant as ROLE:PATH, e.g. operator:qingdao-mine/underground or admin:* (repeatable).")
        var grants: [String] = []
        @Option(help: "The password; read from standard input when left out.") var password: String?

        func run() async throws {
            let parsed = try grants.map(Self.parse)
            let secret = try password ?? readPassword()
            try await withAccounts(store) { accounts in
                let user = try await accounts.createUser(username: username, password: secret, grants: parsed)
                print("created user \(user.username) (\(user.id))")
            }
        }

        static func parse(_ text: String) throws -> Grant {
            guard let colon = text.firstIndex(of: ":") else {
                throw ValidationError("grant '\(text)' must be ROLE:PATH, e.g. viewer:jinan-workshop")
            }
            do {
                return try Grant(role: String(text[..<colon]), path: String(text[text.index(after: colon)...]))
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their grants.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withAccounts(store) { accounts in
                for user in try await accounts.allUsers() {
                    let grants = user.grants.map { "\($0.role.rawValue):\($0.path)" }.joined(separator: " ")
                    print("\(user.username)\t\(grants)")
                }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password; their existing tokens stop working.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's name.") var username: String
        @Option(help: "The new password; read from standard input when left out.") var password: String?

        func run() async throws {
            let secret = try password ?? readPassword()
            try await withAccounts(store) { accounts in
                _ = try await accounts.setPassword(username: username, password: secret)
                print("password of \(username) changed")
            }
        }
    }
}

/// Opens the store's accounts without serving, runs `body`, and closes them again. Only the metadata
/// database is opened, so this runs beside a serving Gantry (which owns the telemetry directory).
func withAccounts(_ options: StoreOptions, _ body: (Accounts) async throws -> Void) async throws {
    var logger = Logger(label: "gantry")
    logger.logLevel = .warning
    let administration = try await AccountAdministration.open(
        configuration: ServerConfiguration(config: try await options.reader()), logger: logger)
    if let password = administration.generatedAdminPassword {
        FileHandle.standardOutput.write(
            Data("First use of this store: created user 'admin' with password \(password) (shown once).\n".utf8))
    }
    do {
        try await body(administration.accounts)
    } catch {
        await administration.close()
        throw error
    }
    await administration.close()
}

/// One line from standard input, so passwords stay out of the shell history.
func readPassword() throws -> String {
    FileHandle.standardError.write(Data("password: ".utf8))
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("no password given; pass --password or type it on standard input")
    }
    return line
}

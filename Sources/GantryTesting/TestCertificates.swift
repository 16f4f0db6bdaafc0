import Foundation
import NIOSSL

/// A throwaway PKI for TLS tests, made with the `openssl` command: a CA, a broker certificate for
/// `localhost` and 127.0.0.1, client certificates on demand, and a second, foreign CA whose
/// certificates the broker must refuse.
public struct TestCertificates: Sendable {
    public let directory: String

    public var caFile: String { directory + "/ca.pem" }
    /// A CA that signed none of the broker's certificates: trusting only it, a client must refuse the broker.
    public var foreignCAFile: String { directory + "/foreign-ca.pem" }
    public var serverCertificateFile: String { directory + "/server.pem" }
    public var serverKeyFile: String { directory + "/server.key" }

    /// Makes the CA and the broker certificate in a temporary directory, runs `body`, removes them.
    ///
    /// - Throws: `TestSetupError` when `openssl` is missing (install Debian's `openssl`) or fails.
    public static func with<Result: Sendable>(_ body: (TestCertificates) async throws -> Result) async throws -> Result
    {
        try await withTemporaryDirectory { directory in
            let certificates = TestCertificates(directory: directory)
            try certificates.makeAuthority("ca", commonName: "Gantry Test CA")
            try certificates.makeAuthority("foreign-ca", commonName: "Someone Else's CA")
            try certificates.issue(
                "server", commonName: "localhost", authority: "ca",
                extensions: "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth")
            return try await body(certificates)
        }
    }

    /// A client certificate and key for `commonName`, signed by the test CA or, with `foreign`, by
    /// a CA the broker does not trust.
    public func clientCertificate(
        commonName: String, foreign: Bool = false
    ) throws -> (certificate: String, key: String) {
        let name = (foreign ? "foreign-" : "client-") + commonName.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        try issue(
            name, commonName: commonName, authority: foreign ? "foreign-ca" : "ca",
            extensions: "extendedKeyUsage=clientAuth")
        return (directory + "/\(name).pem", directory + "/\(name).key")
    }

    /// A client's TLS settings: trust the test CA (or only the foreign one, to see a broker
    /// refused), and present `certificate` if given.
    public func clientTLS(
        presenting certificate: (certificate: String, key: String)? = nil, trustingForeignCA: Bool = false
    ) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .file(directory + (trustingForeignCA ? "/foreign-ca.pem" : "/ca.pem"))
        if let certificate {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate.certificate).map {
                .certificate($0)
            }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: certificate.key, format: .pem))
        }
        return configuration
    }

    private func makeAuthority(_ name: String, commonName: String) throws {
        try openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).pem", "-subj", "/CN=\(commonName)",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    }

    private func issue(_ name: String, commonName: String, authority: String, extensions: String) throws {
        let base = "\(directory)/\(name)"
        try openssl(
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", base + ".key",
            "-out", base + ".csr", "-subj", "/CN=\(commonName)")
        try (extensions + "\nbasicConstraints=CA:FALSE\n").write(
            toFile: base + ".ext", atomically: true, encoding: .utf8)
        try openssl(
            "x509", "-req", "-in", base + ".csr", "-CA", "\(directory)/\(authority).pem", "-CAkey",
            "\(directory)/\(authority).key", "-CAcreateserial", "-days", "2", "-out", base + ".pem", "-extfile",
            base + ".ext")
    }

    private func openssl(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw TestSetupError("openssl could not be started (`apt-get install openssl`): \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSetupError(
                "openssl \(arguments.first ?? "") failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}

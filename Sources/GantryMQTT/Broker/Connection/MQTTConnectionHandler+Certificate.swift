import NIOCore
import NIOSSL

extension MQTTConnectionHandler {
    /// The common name in the subject of the certificate the client presented during the TLS
    /// handshake, or `nil` when it presented none (or the connection is not TLS).
    ///
    /// CONNECT only arrives after the handshake, so the certificate is known by then.
    static func certificateCommonName(of channel: any Channel) -> String? {
        guard let certificate = try? channel.pipeline.syncOperations.nioSSL_peerCertificate() else { return nil }
        return certificate.subjectName.last(where: { $0.type == .commonName })?.value
    }
}

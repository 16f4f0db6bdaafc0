import GantryMQTT
import GantryTesting
import NIOCore
import Testing

/// A bounded fuzz run of the decoder with fixed seeds: random bytes and mutations of valid packets
/// never crash or hang it; it returns packets, nil (incomplete) or an error with a failure code.
@Suite(.tags(.slow)) struct CodecFuzzTests {
    @Test(arguments: [nil, ProtocolVersion.v311, ProtocolVersion.v5])
    func randomBytesAreDecodedOrRefused(_ version: ProtocolVersion?) {
        var generator = SplitMix64(seed: 0x6761_6e74 &+ UInt64(version?.rawValue ?? 0))
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...48, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = Fuzz.decodeAll(bytes, version: version)
        }
    }

    @Test(arguments: ProtocolVersion.allCases)
    func mutatedValidPacketsAreDecodedOrRefused(_ version: ProtocolVersion) {
        var generator = SplitMix64(seed: 0x7472_7563_6b00 &+ UInt64(version.rawValue))
        let packets = FuzzCorpus.allPackets(version).map(RawMQTTConnection.bytes)
        let connects = FuzzCorpus.connects(version).map(RawMQTTConnection.bytes)
        var refused = 0
        for round in 0..<4_000 {
            let isConnect = round.isMultiple(of: 4)
            let base = (isConnect ? connects : packets).randomElement(using: &generator)!
            let outcome = Fuzz.decodeAll(
                Fuzz.mutate(base, using: &generator), version: isConnect ? nil : version)
            if case .refused = outcome { refused += 1 }
        }
        #expect(refused > 300, "the mutations reach the decoder's refusals")
    }

    @Test(arguments: ProtocolVersion.allCases)
    func theUnmutatedCorpusDecodes(_ version: ProtocolVersion) {
        // The corpus itself is valid, so the mutations above start from packets the decoder accepts.
        for hex in FuzzCorpus.allPackets(version) {
            let outcome = Fuzz.decodeAll(RawMQTTConnection.bytes(hex), version: version)
            guard case .decoded = outcome else {
                Issue.record("\(hex): \(outcome)")
                continue
            }
        }
        for hex in FuzzCorpus.connects(version) {
            guard case .decoded = Fuzz.decodeAll(RawMQTTConnection.bytes(hex), version: nil) else {
                Issue.record("\(hex) does not decode")
                continue
            }
        }
    }
}

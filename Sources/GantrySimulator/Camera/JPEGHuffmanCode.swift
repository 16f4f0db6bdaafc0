/// A Huffman code table made from a JPEG DHT's counts and symbols (T.81 Annex C): codes are handed out in
/// order of length, each one the previous plus one, shifted left when the length grows.
struct JPEGHuffmanCode: Sendable {
    /// Code bits and length for each symbol byte; length 0 where the table has no code for it.
    private(set) var codes = [UInt16](repeating: 0, count: 256)
    private(set) var lengths = [UInt8](repeating: 0, count: 256)

    init(counts: [UInt8], symbols: [UInt8]) {
        var code: UInt16 = 0
        var index = 0
        for length in 1...16 {
            for _ in 0..<Int(counts[length - 1]) {
                codes[Int(symbols[index])] = code
                lengths[Int(symbols[index])] = UInt8(length)
                code += 1
                index += 1
            }
            code <<= 1
        }
    }

    static let luminanceDC = JPEGHuffmanCode(
        counts: JPEGTables.luminanceDCCounts, symbols: JPEGTables.luminanceDCSymbols)
    static let luminanceAC = JPEGHuffmanCode(
        counts: JPEGTables.luminanceACCounts, symbols: JPEGTables.luminanceACSymbols)
}

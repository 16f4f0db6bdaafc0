import Foundation

/// A baseline JPEG encoder for grayscale pictures, written from ITU-T T.81: 8×8 blocks, the forward DCT,
/// quantisation with the Annex K luminance table scaled to a quality, and Huffman coding with the Annex K
/// luminance tables. One component, no subsampling, no restart markers: enough for a synthetic camera, small
/// enough to check by reading.
public struct JPEGEncoder: Sendable {
    /// 1–100, as in the common IJG scale; 75 gives about 1 bit per pixel on a busy picture.
    public var quality: Int
    private let quantisation: [Int]
    /// cos((2x + 1)uπ/16) × C(u)/2 for the separable DCT, indexed `u * 8 + x`.
    private static let cosines: [Double] = (0..<64).map { index in
        let (u, x) = (index / 8, index % 8)
        let scale = u == 0 ? 1 / 2.squareRoot() : 1
        return scale / 2 * cos(Double(2 * x + 1) * Double(u) * Double.pi / 16)
    }

    public init(quality: Int = 75) {
        self.quality = min(max(quality, 1), 100)
        quantisation = JPEGTables.quantisation(quality: self.quality)
    }

    /// A JPEG file (JFIF) of the `width` × `height` grayscale picture `pixels`, row by row, one byte a pixel.
    ///
    /// Edges of a size that is not a multiple of 8 are filled by repeating the last row and column.
    public func encode(grayscale pixels: [UInt8], width: Int, height: Int) -> [UInt8] {
        precondition(width > 0 && height > 0 && width <= 65_535 && height <= 65_535, "picture size out of range")
        precondition(pixels.count == width * height, "pixels must hold width × height bytes")
        var file = header(width: width, height: height)
        var bits = JPEGBitWriter(reservingCapacity: width * height / 4)
        var previousDC = 0
        var block = [Double](repeating: 0, count: 64)
        var coefficients = [Int](repeating: 0, count: 64)
        for blockY in stride(from: 0, to: height, by: 8) {
            for blockX in stride(from: 0, to: width, by: 8) {
                for y in 0..<8 {
                    let row = min(blockY + y, height - 1) * width
                    for x in 0..<8 {
                        block[y * 8 + x] = Double(pixels[row + min(blockX + x, width - 1)]) - 128
                    }
                }
                transform(&block)
                for index in 0..<64 {
                    let natural = JPEGTables.zigZag[index]
                    coefficients[index] = Int((block[natural] / Double(quantisation[natural])).rounded())
                }
                encode(coefficients, previousDC: &previousDC, into: &bits)
            }
        }
        bits.finish()
        file += bits.bytes
        file += [0xFF, 0xD9]
        return file
    }

    /// The 2-D forward DCT of one level-shifted block, in place: rows, then columns.
    private func transform(_ block: inout [Double]) {
        var temporary = [Double](repeating: 0, count: 64)
        for y in 0..<8 {
            for u in 0..<8 {
                var sum = 0.0
                for x in 0..<8 { sum += Self.cosines[u * 8 + x] * block[y * 8 + x] }
                temporary[y * 8 + u] = sum
            }
        }
        for u in 0..<8 {
            for v in 0..<8 {
                var sum = 0.0
                for y in 0..<8 { sum += Self.cosines[v * 8 + y] * temporary[y * 8 + u] }
                block[v * 8 + u] = sum
            }
        }
    }

    /// One block's coefficients (zig-zag order): the DC as a difference from the previous block's, then the AC
    /// as runs of zeros and sizes (F.1.2.1, F.1.2.2).
    private func encode(_ coefficients: [Int], previousDC: inout Int, into bits: inout JPEGBitWriter) {
        let difference = coefficients[0] - previousDC
        previousDC = coefficients[0]
        let dcSize = Self.size(of: difference)
        Self.write(symbol: UInt8(dcSize), with: .luminanceDC, into: &bits)
        bits.write(Self.amplitude(difference, size: dcSize), length: dcSize)
        var run = 0
        for index in 1..<64 {
            let value = coefficients[index]
            if value == 0 {
                run += 1
                continue
            }
            while run > 15 {
                Self.write(symbol: 0xF0, with: .luminanceAC, into: &bits)  // ZRL: sixteen zeros
                run -= 16
            }
            let size = Self.size(of: value)
            Self.write(symbol: UInt8(run << 4 | size), with: .luminanceAC, into: &bits)
            bits.write(Self.amplitude(value, size: size), length: size)
            run = 0
        }
        if run > 0 { Self.write(symbol: 0x00, with: .luminanceAC, into: &bits) }  // EOB
    }

    private static func write(symbol: UInt8, with code: JPEGHuffmanCode, into bits: inout JPEGBitWriter) {
        bits.write(code.codes[Int(symbol)], length: Int(code.lengths[Int(symbol)]))
    }

    /// The category of a value: the number of bits of its magnitude (0 for 0).
    static func size(of value: Int) -> Int {
        value == 0 ? 0 : Int.bitWidth - value.magnitude.leadingZeroBitCount
    }

    /// The additional bits of a value of `size`: the value itself when positive, else its ones' complement.
    static func amplitude(_ value: Int, size: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: value >= 0 ? value : value + (1 << size) - 1)
    }

    /// SOI, JFIF APP0, DQT, SOF0, DHT (DC and AC) and SOS for one 8-bit component.
    private func header(width: Int, height: Int) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        out += [0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0]
        out += [0xFF, 0xDB, 0x00, 0x43, 0x00]
        out += JPEGTables.zigZag.map { UInt8(quantisation[$0]) }
        out += [0xFF, 0xC0, 0x00, 0x0B, 0x08]
        out += [UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF)]
        out += [0x01, 0x01, 0x11, 0x00]
        out += Self.huffmanSegment(
            classAndID: 0x00, counts: JPEGTables.luminanceDCCounts, symbols: JPEGTables.luminanceDCSymbols)
        out += Self.huffmanSegment(
            classAndID: 0x10, counts: JPEGTables.luminanceACCounts, symbols: JPEGTables.luminanceACSymbols)
        out += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        return out
    }

    private static func huffmanSegment(classAndID: UInt8, counts: [UInt8], symbols: [UInt8]) -> [UInt8] {
        let length = 2 + 1 + 16 + symbols.count
        return [0xFF, 0xC4, UInt8(length >> 8), UInt8(length & 0xFF), classAndID] + counts + symbols
    }
}

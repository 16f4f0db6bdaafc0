/// A 3×5 pixel font of digits and the few signs a camera overlay needs (`:`, `.`, `-`, space), drawn at any
/// whole scale into a grayscale picture.
enum DigitFont {
    /// Each glyph as five rows of three bits, most significant bit on the left.
    static let glyphs: [Character: [UInt8]] = [
        "0": [0b111, 0b101, 0b101, 0b101, 0b111],
        "1": [0b010, 0b110, 0b010, 0b010, 0b111],
        "2": [0b111, 0b001, 0b111, 0b100, 0b111],
        "3": [0b111, 0b001, 0b111, 0b001, 0b111],
        "4": [0b101, 0b101, 0b111, 0b001, 0b001],
        "5": [0b111, 0b100, 0b111, 0b001, 0b111],
        "6": [0b111, 0b100, 0b111, 0b101, 0b111],
        "7": [0b111, 0b001, 0b010, 0b010, 0b010],
        "8": [0b111, 0b101, 0b111, 0b101, 0b111],
        "9": [0b111, 0b101, 0b111, 0b001, 0b111],
        ":": [0b000, 0b010, 0b000, 0b010, 0b000],
        ".": [0b000, 0b000, 0b000, 0b000, 0b010],
        "-": [0b000, 0b000, 0b111, 0b000, 0b000],
        " ": [0b000, 0b000, 0b000, 0b000, 0b000],
    ]

    /// How wide `text` is at `scale`, with one blank column between glyphs.
    static func width(of text: String, scale: Int) -> Int {
        max(0, text.count * 4 - 1) * scale
    }

    /// Draws `text` with its top-left corner at (`x`, `y`) in `value`; characters without a glyph are left
    /// blank, and pixels outside the picture are skipped.
    static func draw(
        _ text: String, x: Int, y: Int, scale: Int, value: UInt8, into pixels: inout [UInt8], width: Int, height: Int
    ) {
        for (index, character) in text.enumerated() {
            guard let rows = glyphs[character] else { continue }
            let left = x + index * 4 * scale
            for (row, bits) in rows.enumerated() {
                for column in 0..<3 where bits & (0b100 >> column) != 0 {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let px = left + column * scale + dx
                            let py = y + row * scale + dy
                            guard px >= 0, px < width, py >= 0, py < height else { continue }
                            pixels[py * width + px] = value
                        }
                    }
                }
            }
        }
    }
}

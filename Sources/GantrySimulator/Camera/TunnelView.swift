import Foundation

/// What the cab camera of an underground locomotive sees: a haulage drift in perspective, lit by the
/// locomotive's headlamp, with two rails on sleepers that pass under the camera at the locomotive's speed, roof
/// lamps every 20 m, and an overlay of the frame counter, the time of day and the speed.
public struct TunnelView: Sendable {
    public let width: Int
    public let height: Int
    /// Where the drift's vanishing point is, as a share of the height from the top.
    static let horizonShare = 0.42
    /// Metres between sleepers and between roof lamps.
    static let sleeperSpacing = 0.8
    static let lampSpacing = 20.0

    public init(width: Int = 320, height: Int = 240) {
        precondition(width >= 16 && height >= 16, "a picture needs at least 16 × 16 pixels")
        self.width = width
        self.height = height
    }

    /// The picture, row by row, one byte a pixel.
    ///
    /// - Parameters:
    ///   - distance: metres travelled so far; the sleepers and lamps are placed from it, so motion follows speed.
    ///   - frame: the counter shown top left.
    ///   - time: epoch milliseconds, shown as UTC `HH:MM:SS` top right.
    ///   - speed: metres per second, shown bottom left.
    public func render(distance: Double, frame: UInt64, time: Int64, speed: Double) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height)
        let centreX = Double(width) / 2
        let horizon = Double(height) * Self.horizonShare
        let gauge = Double(width) * 0.22  // half the track's width at the bottom row
        for y in 0..<height {
            let below = Double(y) - horizon
            for x in 0..<width {
                let dx = Double(x) - centreX
                let value: Double
                if below > 1 {
                    // Floor: depth falls with the distance below the horizon.
                    let depth = Double(height) * 1.5 / below
                    let across = dx / below * (Double(height) - horizon) / gauge  // ±1 on the rails
                    let sleeper = (depth + distance).truncatingRemainder(dividingBy: Self.sleeperSpacing)
                    let onSleeper = sleeper < Self.sleeperSpacing * 0.35 && abs(across) < 1.35
                    let onRail = abs(abs(across) - 1) < 0.06
                    let light = max(0.15, 1 - depth / 60)
                    value = (onRail ? 210 : onSleeper ? 120 : 55 + 10 * sin(Double(x * 7 + y * 3))) * light
                } else {
                    // Walls and roof: an arch, darker towards the far end; lamps on the roof's centre line.
                    let radius = (dx * dx + below * below * 2.2).squareRoot()
                    let depth = Double(height) * 1.5 / max(radius, 1)
                    let lamp = (depth + distance).truncatingRemainder(dividingBy: Self.lampSpacing)
                    let isLamp = lamp < 1.2 && abs(dx) < max(2, 90 / depth) && below < 0
                    let rock = 70 + 18 * sin(Double(x) * 0.9 + Double(y) * 1.7) * cos(Double(y) * 0.45)
                    value = isLamp ? 250 : rock * max(0.1, 1 - depth / 45)
                }
                pixels[y * width + x] = UInt8(min(max(value, 0), 255))
            }
        }
        overlay(frame: frame, time: time, speed: speed, into: &pixels)
        return pixels
    }

    private func overlay(frame: UInt64, time: Int64, speed: Double, into pixels: inout [UInt8]) {
        let scale = max(1, width / 160)
        let seconds = Int((time / 1000) % 86_400)
        let clock = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        let counter = String(format: "%06llu", frame % 1_000_000)
        let speedText = String(format: "%4.1f", max(0, min(speed, 99.9)))
        let margin = 2 * scale
        let textHeight = 5 * scale
        for (text, x, y) in [
            (counter, margin, margin),
            (clock, width - margin - DigitFont.width(of: clock, scale: scale), margin),
            (speedText, margin, height - margin - textHeight),
        ] {
            // A dark plate under the text so it reads on bright lamps too.
            let plateWidth = DigitFont.width(of: text, scale: scale)
            for py in max(0, y - scale)..<min(height, y + textHeight + scale) {
                for px in max(0, x - scale)..<min(width, x + plateWidth + scale) { pixels[py * width + px] = 16 }
            }
            DigitFont.draw(text, x: x, y: y, scale: scale, value: 235, into: &pixels, width: width, height: height)
        }
    }
}

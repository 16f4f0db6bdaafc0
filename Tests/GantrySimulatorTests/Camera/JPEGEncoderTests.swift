import Foundation
import GantrySimulator
import Testing

/// The synthetic camera's JPEG encoder: the file is a baseline JPEG a real decoder reads back as the picture.
@Suite struct JPEGEncoderTests {
    static let view = TunnelView()
    static let pixels = view.render(distance: 12.5, frame: 42, time: 1_767_225_600_000, speed: 3.5)
    static let jpeg = JPEGEncoder(quality: 75).encode(grayscale: pixels, width: 320, height: 240)

    /// The segments before the scan, as (marker, payload).
    static func segments(_ file: [UInt8]) throws -> (segments: [(UInt8, [UInt8])], scanStart: Int) {
        #expect(Array(file.prefix(2)) == [0xFF, 0xD8])
        var segments: [(UInt8, [UInt8])] = []
        var index = 2
        while index + 4 <= file.count {
            try #require(file[index] == 0xFF)
            let marker = file[index + 1]
            let length = Int(file[index + 2]) << 8 | Int(file[index + 3])
            segments.append((marker, Array(file[(index + 4)..<(index + 2 + length)])))
            index += 2 + length
            if marker == 0xDA { return (segments, index) }
        }
        throw CancellationError()
    }

    @Test func isABaselineGrayscaleJPEGOfThePictureSize() throws {
        let (segments, scanStart) = try Self.segments(Self.jpeg)
        #expect(segments.map(\.0) == [0xE0, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA])
        let frame = try #require(segments.first { $0.0 == 0xC0 }?.1)
        #expect(frame == [8, 0, 240, 1, 64, 1, 1, 0x11, 0])
        let quantisation = try #require(segments.first { $0.0 == 0xDB }?.1)
        #expect(quantisation.count == 65 && quantisation.dropFirst().allSatisfy { $0 >= 1 })
        for (_, table) in segments where table.count > 17 && segments.contains(where: { $0.1 == table && $0.0 == 0xC4 })
        {
            let counts = table[1...16].reduce(0) { $0 + Int($1) }
            #expect(table.count == 17 + counts, "a DHT lists as many symbols as its counts say")
        }
        #expect(Array(Self.jpeg.suffix(2)) == [0xFF, 0xD9])
        let scan = Self.jpeg[scanStart..<(Self.jpeg.count - 2)]
        #expect(!scan.isEmpty)
        for (offset, byte) in zip(scan.indices, scan) where byte == 0xFF {
            #expect(Self.jpeg[offset + 1] == 0x00, "every FF in the scan is stuffed")
        }
        #expect((8_000...40_000).contains(Self.jpeg.count), "about 20 KB at 320 × 240: \(Self.jpeg.count)")
    }

    @Test func sizeCategoriesAndAmplitudesFollowTheStandard() {
        let encoder = JPEGEncoder()
        let flat = encoder.encode(grayscale: [UInt8](repeating: 128, count: 64), width: 8, height: 8)
        // A flat mid-grey block: DC difference 0 (table K.3: 00), then EOB (table K.5: 1010), padded with ones.
        let scan = flat.dropLast(2).suffix(1)
        #expect(Array(scan) == [0b0010_1011])
    }

    /// A real decoder (Pillow, when this machine has it; CI installs it and requires it) reads the file back as
    /// the picture, within what quantisation costs.
    @Test func aRealDecoderReadsThePictureBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jpeg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jpeg = directory.appendingPathComponent("frame.jpg")
        let raw = directory.appendingPathComponent("frame.raw")
        try Data(Self.jpeg).write(to: jpeg)
        try Data(Self.pixels).write(to: raw)
        let script = """
            import sys
            try:
                from PIL import Image
            except ImportError:
                print("no-pillow"); sys.exit(0)
            image = Image.open(sys.argv[1]); image.load()
            original = open(sys.argv[2], "rb").read()
            decoded = image.tobytes()
            error = sum(abs(a - b) for a, b in zip(original, decoded)) / len(original)
            print(image.format, image.mode, image.size[0], image.size[1], "%.2f" % error)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, jpeg.path, raw.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        let required = ProcessInfo.processInfo.environment["CI"] == "true"
        do {
            try process.run()
        } catch {
            if required { Issue.record("CI must have python3 with Pillow to decode the frame: \(error)") }
            return
        }
        process.waitUntilExit()
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, answer != "no-pillow", !answer.isEmpty else {
            if required { Issue.record("CI must have Pillow to decode the frame; python answered '\(answer)'") }
            return
        }
        let fields = answer.split(separator: " ")
        #expect(Array(fields.prefix(4)) == ["JPEG", "L", "320", "240"], "\(answer)")
        let error = try #require(Double(fields.last ?? ""))
        #expect(error < 6, "mean absolute error per pixel \(error)")
    }

    @Test func thePictureMovesWithDistanceAndIsTheSameForTheSameInputs() {
        let view = TunnelView()
        let here = view.render(distance: 10, frame: 1, time: 0, speed: 2)
        #expect(here == view.render(distance: 10, frame: 1, time: 0, speed: 2))
        #expect(here != view.render(distance: 10.3, frame: 1, time: 0, speed: 2), "sleepers pass as it moves")
    }
}

import Foundation
import NIOCore
import Testing

@testable import GantryConnectors

/// The built-in types of the binary encoding: each round-trips, each NodeId takes its smallest form, and every
/// truncation of a valid encoding is a precise `.protocolViolation`, never a crash.
@Suite struct OPCUAEncodingTests {
    static let variants: [OPCUAVariant] = [
        .null, .boolean(true), .sbyte(-5), .byte(200), .int16(-300), .uint16(60_000), .int32(-70_000),
        .uint32(4_000_000_000), .int64(-1 << 40), .uint64(1 << 63), .float(1.5), .double(75.5),
        .string("Grüße"), .string(nil), .dateTime(OPCUADateTime(unixMilliseconds: 1_700_000_000_123)),
        .guid(UUID(uuidString: "72962B91-FA75-4AE6-8D28-B404DC7DAF63")!), .byteString([1, 2, 3]), .byteString(nil),
        .xmlElement("<a/>"), .nodeId(.string("Machine1.Temperature", namespace: 2)),
        .expandedNodeId(OPCUAExpandedNodeId(.numeric(85), namespaceURI: "urn:x", serverIndex: 3)),
        .statusCode(.badTypeMismatch), .qualifiedName(OPCUAQualifiedName(namespace: 2, name: "Machine1")),
        .localizedText(OPCUALocalizedText(locale: "en", text: "Temperature")),
        .extensionObject(OPCUAExtensionObject(typeId: .numeric(811), body: .binary(ByteBuffer(bytes: [9, 9])))),
        .dataValue(OPCUADataValue(value: .double(1), statusCode: .good, sourceTimestamp: OPCUADateTime(ticks: 5))),
        .diagnosticInfo(OPCUADiagnosticInfo()),
        .array(.double, [.double(1), .double(2)], dimensions: nil),
        .array(.int32, [.int32(1), .int32(2), .int32(3), .int32(4)], dimensions: [2, 2]),
        .array(.variant, [.variant(.boolean(false)), .variant(.string("x"))], dimensions: nil),
    ]

    @Test(arguments: variants)
    func variantRoundTrips(variant: OPCUAVariant) throws {
        var buffer = ByteBuffer()
        variant.encode(to: &buffer)
        var reader = OPCUAReader(buffer)
        #expect(try OPCUAVariant(from: &reader) == variant)
        #expect(reader.remaining == 0)
    }

    @Test(arguments: variants.filter { $0 != .null })
    func everyTruncationIsAPreciseError(variant: OPCUAVariant) {
        var buffer = ByteBuffer()
        variant.encode(to: &buffer)
        for length in 0..<buffer.readableBytes {
            var reader = OPCUAReader(buffer.getSlice(at: 0, length: length)!)
            #expect {
                _ = try OPCUAVariant(from: &reader)
            } throws: { error in
                (error as? ConnectorError)?.code == .protocolViolation
                    && (error as? ConnectorError)?.message.contains("truncated") == true
            }
        }
    }

    @Test(arguments: [
        (OPCUANodeId.numeric(85), "0055"),
        (OPCUANodeId.numeric(2253), "0100cd08"),
        (OPCUANodeId.numeric(70_000, namespace: 3), "02030070110100"),
        (OPCUANodeId.string("Machine1", namespace: 2), "030200080000004d616368696e6531"),
        (
            OPCUANodeId(namespace: 1, .guid(UUID(uuidString: "72962B91-FA75-4AE6-8D28-B404DC7DAF63")!)),
            "040100912b9672" + "75fae64a8d28b404dc7daf63"
        ),
        (OPCUANodeId(namespace: 4, .opaque([0xde, 0xad])), "05040002000000dead"),
    ])
    func nodeIdTakesItsSmallestEncoding(node: OPCUANodeId, hex: String) throws {
        var buffer = ByteBuffer()
        node.encode(to: &buffer)
        #expect(buffer.hex == hex)
        var reader = OPCUAReader(buffer)
        #expect(try OPCUANodeId(from: &reader) == node)
    }

    @Test(arguments: [
        ("i=85", OPCUANodeId.numeric(85)),
        ("ns=2;s=Machine1.Temperature", .string("Machine1.Temperature", namespace: 2)),
        (
            "ns=1;g=72962b91-fa75-4ae6-8d28-b404dc7daf63",
            OPCUANodeId(namespace: 1, .guid(UUID(uuidString: "72962B91-FA75-4AE6-8D28-B404DC7DAF63")!))
        ),
        ("ns=4;b=3q0=", OPCUANodeId(namespace: 4, .opaque([0xde, 0xad]))),
    ])
    func nodeIdTextFormsParseAndPrint(text: String, node: OPCUANodeId) throws {
        #expect(try OPCUANodeId(parsing: text) == node)
        #expect(node.description == text)
    }

    @Test(arguments: ["", "85", "ns=x;i=1", "ns=2;q=1", "i=-1", "ns=2;s=", "ns=2", "g=not-a-guid"])
    func badNodeIdTextIsRefused(text: String) {
        #expect {
            _ = try OPCUANodeId(parsing: text)
        } throws: { error in
            (error as? ConnectorError)?.code == .invalidConfiguration
                && (error as? ConnectorError)?.message.contains("'\(text)'") == true
        }
    }

    @Test func expandedNodeIdCarriesItsFlags() throws {
        let node = OPCUAExpandedNodeId(.numeric(2253), namespaceURI: "urn:a", serverIndex: 1)
        var buffer = ByteBuffer()
        node.encode(to: &buffer)
        #expect(buffer.getInteger(at: 0, as: UInt8.self) == 0xC1)
        var reader = OPCUAReader(buffer)
        #expect(try OPCUAExpandedNodeId(from: &reader) == node)
    }

    @Test func dataValueWithEveryFieldRoundTrips() throws {
        var value = OPCUADataValue(
            value: .uint32(7), statusCode: OPCUAStatusCode(rawValue: 0x4000_0000),
            sourceTimestamp: OPCUADateTime(unixMilliseconds: 1), serverTimestamp: OPCUADateTime(unixMilliseconds: 2))
        value.sourcePicoseconds = 10
        value.serverPicoseconds = 20
        var buffer = ByteBuffer()
        value.encode(to: &buffer)
        #expect(buffer.getInteger(at: 0, as: UInt8.self) == 0x3F)
        var reader = OPCUAReader(buffer)
        #expect(try OPCUADataValue(from: &reader) == value)
    }

    @Test func diagnosticInfoNestedIsSkipped() throws {
        var inner = OPCUADiagnosticInfo()
        inner.additionalInfo = "inner"
        var outer = OPCUADiagnosticInfo()
        outer.symbolicId = 1
        outer.namespaceURI = 2
        outer.locale = 3
        outer.localizedText = 4
        outer.innerStatusCode = .badTimeout
        outer.inner = [inner]
        var buffer = ByteBuffer()
        outer.encode(to: &buffer)
        buffer.writeInteger(UInt8(0xAA))
        var reader = OPCUAReader(buffer)
        #expect(try OPCUADiagnosticInfo(from: &reader) == outer)
        #expect(try reader.integer("marker", as: UInt8.self) == 0xAA)
    }

    @Test func hostileLengthsAndNestingAreRefused() {
        var reader = OPCUAReader(ByteBuffer(bytes: [0x8C, 0xFF, 0xFF, 0xFF, 0x7F]))  // array of 2^31-1 strings
        #expect(throws: ConnectorError.self) { _ = try OPCUAVariant(from: &reader) }
        var nested = ByteBuffer()
        for _ in 0..<40 { nested.writeBytes([0x17, 0x01]) }  // a Variant holding a DataValue holding a Variant …
        var deep = OPCUAReader(nested)
        #expect {
            _ = try OPCUAVariant(from: &deep)
        } throws: { error in
            (error as? ConnectorError)?.message.contains("nested too deep") == true
        }
    }

    @Test func statusCodesAreNamed() {
        #expect(OPCUAStatusCode.badUserAccessDenied.description == "BadUserAccessDenied")
        #expect(OPCUAStatusCode(rawValue: 0x8034_0000).description == "BadNodeIdUnknown")
        #expect(OPCUAStatusCode(rawValue: 0x80FF_0000).description == "0x80FF0000")
        #expect(OPCUAStatusCode.badTypeMismatch.isBad && OPCUAStatusCode.good.isGood)
    }

    @Test func dateTimeConvertsToUnixMilliseconds() {
        let time = OPCUADateTime(unixMilliseconds: 1_700_000_000_123)
        #expect(time.unixMilliseconds == 1_700_000_000_123)
        #expect(OPCUADateTime(ticks: 116_444_736_000_000_000).unixMilliseconds == 0)
    }
}

/// CRC-32C (Castagnoli), the checksum that guards every WAL record and chunk.
///
/// Castagnoli's polynomial detects more error patterns in short records than the zlib CRC-32, and is
/// what Prometheus, RocksDB and ext4 use for the same job.
public enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
        }
        return crc
    }

    /// The checksum of `bytes`, continuing from `previous` (pass the result of an earlier call to
    /// checksum data in pieces).
    /// - Complexity: O(n).
    public static func checksum(_ bytes: some Sequence<UInt8>, continuing previous: UInt32 = 0) -> UInt32 {
        var crc = ~previous
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }
}

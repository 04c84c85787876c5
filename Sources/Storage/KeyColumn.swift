import Foundation

/// One search key of every row in a single byte buffer (no per-row arrays to retain or chase):
/// the value of row `i` is `bytes[starts[i] ..< starts[i + 1]]`.
struct KeyColumn {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    /// How often each byte value occurs, to look for a needle by its rarest byte.
    private(set) var histogram = [Int](repeating: 0, count: 256)

    var rowCount: Int { starts.count - 1 }

    mutating func append(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        starts.append(Int32(bytes.count))
    }

    /// Appends UTF-8 bytes as the next row's value.
    mutating func append(bytes value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        starts.append(Int32(bytes.count))
    }

    /// Appends `String(decoding: value, as: UTF8.self).lowercased()` when only ASCII letters can
    /// change, that is when every character is ASCII, U+0080–U+00BF (`·`) or U+3000–U+9FFF (CJK),
    /// none of which has a lower case but A–Z. Returns false, appending nothing, for anything else
    /// (let `String.lowercased` decide).
    mutating func appendLowercased(_ value: UnsafeRawBufferPointer) -> Bool {
        let mark = bytes.count
        var continuation = 0
        for b in value {
            if continuation > 0 {
                guard b & 0xC0 == 0x80 else { bytes.removeSubrange(mark...); return false }
                continuation -= 1
            } else if b < 0x80 {
                bytes.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
                continue
            } else if b == 0xC2 {
                continuation = 1
            } else if b >= 0xE3 && b <= 0xE9 {
                continuation = 2
            } else {
                bytes.removeSubrange(mark...)
                return false
            }
            bytes.append(b)
        }
        guard continuation == 0 else { bytes.removeSubrange(mark...); return false }
        starts.append(Int32(bytes.count))
        return true
    }

    /// Counts the bytes once every row is in.
    mutating func finish() {
        var h = [Int](repeating: 0, count: 256)
        for byte in bytes { h[Int(byte)] += 1 }
        histogram = h
    }

    /// For each row whose value contains `needle`, in row order: the row, where the first
    /// occurrence starts in the value, and the value's length. The buffer is searched with
    /// `memchr` for the needle's rarest byte, each candidate confirmed with `memcmp`; a row is
    /// left as soon as it matched, and occurrences spanning two values do not count.
    func forEachMatch(_ needle: [UInt8], _ found: (_ row: Int, _ at: Int, _ length: Int) -> Void) {
        let rows = rowCount
        guard rows > 0 else { return }
        guard !needle.isEmpty else {
            for i in 0..<rows { found(i, 0, Int(starts[i + 1] - starts[i])) }
            return
        }
        var k = 0
        for j in needle.indices where histogram[Int(needle[j])] < histogram[Int(needle[k])] { k = j }
        bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { o in
                needle.withUnsafeBufferPointer { n in
                    guard let base = b.baseAddress, let nBase = n.baseAddress else { return }
                    let total = b.count, length = n.count, key = Int32(n[k])
                    var row = 0, p = k
                    while p < total, let hit = memchr(base + p, key, total - p) {
                        let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
                        p = start + k + 1
                        guard start + length <= total, memcmp(base + start, nBase, length) == 0 else { continue }
                        while Int(o[row + 1]) <= start { row += 1 }
                        let first = Int(o[row]), end = Int(o[row + 1])
                        if start + length <= end { found(row, start - first, end - first) }
                        // The next row (a later occurrence in this one adds nothing, or spans its end too).
                        row += 1
                        if row >= rows { return }
                        p = Int(o[row]) + k
                    }
                }
            }
        }
    }

    /// For each row whose value starts with `needle`, in row order: the row and the value's length.
    /// (A loop over the values: a first byte, then `memcmp` — cheaper than scanning the buffer
    /// when the needle's bytes are common.)
    func forEachPrefixed(_ needle: [UInt8], _ found: (_ row: Int, _ length: Int) -> Void) {
        guard let first = needle.first else {
            for i in 0..<rowCount { found(i, Int(starts[i + 1] - starts[i])) }
            return
        }
        bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { o in
                needle.withUnsafeBufferPointer { n in
                    guard let base = b.baseAddress, let nBase = n.baseAddress else { return }
                    for i in 0..<(o.count - 1) {
                        let start = Int(o[i]), length = Int(o[i + 1]) - start
                        if length >= n.count, base[start] == first, memcmp(base + start, nBase, n.count) == 0 { found(i, length) }
                    }
                }
            }
        }
    }

    /// How row `i`'s value relates to `needle`.
    func relation(_ i: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Relation {
        bytes.withUnsafeBufferPointer { b in
            let start = Int(starts[i]), end = Int(starts[i + 1]), n = needle.count
            guard end - start >= n else { return .none }
            if n == 0 { return end == start ? .equal : .prefix }
            if memcmp(b.baseAddress! + start, needle.baseAddress!, n) == 0 { return end - start == n ? .equal : .prefix }
            // A direct scan: values are short (a name, a few phones).
            let first = needle[0]
            var p = start + 1
            while p <= end - n {
                if b[p] == first, memcmp(b.baseAddress! + p, needle.baseAddress!, n) == 0 { return .contains }
                p += 1
            }
            return .none
        }
    }

    enum Relation: Comparable { case equal, prefix, contains, none }
}

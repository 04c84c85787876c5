import Foundation
import GRDB

/// An in-memory copy of the search keys of the active children, for search-as-you-type at county
/// scale: SQLite's `LIKE '%…%'` must scan every row (≈ 50 ms at 100,000 children), while comparing
/// bytes in memory takes a few milliseconds. It gives exactly the ids and order of `NameSearch`
/// (a test compares both) and is rebuilt when the `child_generation` counter, bumped by triggers on
/// every change to `child` from any process, moves.
final class SearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Int64 = -1
    /// Ids in roster order (name_sort, id).
    private var ids: [Int64] = []
    /// All keys in one buffer (no per-row arrays to retain while scanning): for row `i`, its name,
    /// pinyin, initials and haystack are `bytes[bounds[4i] ..< bounds[4i+1]]` and so on, ending at `bounds[4i+4]`.
    private var bytes: [UInt8] = []
    private var bounds: [Int] = [0]
    /// How often each byte value occurs in `bytes` (to look for a needle by its rarest byte).
    private var histogram = [Int](repeating: 0, count: 256)

    /// Loads the keys if the roster changed since they were loaded.
    func refresh(in db: Database) throws {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
    }

    private func refreshLocked(in db: Database) throws {
        let current = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'child_generation'") ?? 0
        guard current != generation else { return }
        var ids: [Int64] = [], bytes: [UInt8] = [], bounds: [Int] = [0]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, name_pinyin, name_initials, search_extra FROM child WHERE status = 'active' ORDER BY name_sort, id
            """)
        while let r = try rows.next() {
            ids.append(r[0])
            for text in [(r[1] as String).lowercased(), r[2] as String, r[3] as String, r[4] as String] {
                bytes.append(contentsOf: text.utf8)
                bounds.append(bytes.count)
            }
        }
        var histogram = [Int](repeating: 0, count: 256)
        for byte in bytes { histogram[Int(byte)] += 1 }
        (self.ids, self.bytes, self.bounds, self.histogram, generation) = (ids, bytes, bounds, histogram, current)
        last = nil
    }

    /// The rows (indexes into `ids`) that matched the last search, to narrow the next one: a query
    /// typed one character further matches a subset of them (see `search`).
    private var last: (generation: Int64, pinyinMode: Bool, needle: [UInt8], rows: [Int32])?

    /// Ids of active children matching `search`, ranked like `NameSearch` then in roster order.
    ///
    /// Rows are found by scanning the whole key buffer for the needle (a row can only match if the
    /// needle occurs somewhere in its keys; `memchr` for the needle's rarest byte, then a compare),
    /// and only those rows are ranked. When the needle extends the
    /// previous one (typing), only the rows that matched before are ranked again: every way to
    /// match — equal, prefix, contains, `|needle` in the haystack — still holds for a shorter needle.
    func search(_ search: String, in db: Database) throws -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
        let q = search.trimmingCharacters(in: .whitespaces)
        let latin = q.lowercased().filter { !$0.isWhitespace }
        let pinyinMode = !latin.isEmpty && latin.allSatisfy { $0.isASCII && $0.isLetter }
        let needle = Array((pinyinMode ? latin : q.lowercased()).utf8)
        let barNeedle = Array("|".utf8) + needle
        var candidates: [Int32]?
        if let last, last.generation == generation, last.pinyinMode == pinyinMode, needle.starts(with: last.needle) {
            candidates = last.rows
        }
        var buckets: [[Int64]] = [[], [], [], []]
        var matched: [Int32] = []
        bytes.withUnsafeBufferPointer { b in
            bounds.withUnsafeBufferPointer { o in
                needle.withUnsafeBufferPointer { n in
                    barNeedle.withUnsafeBufferPointer { bar in
                        /// The rank of row `i` (0 exact … 3 other fields), nil when it does not match.
                        func rank(_ i: Int) -> Int? {
                            let name = Slice(b, o[4 * i], o[4 * i + 1]), pinyin = Slice(b, o[4 * i + 1], o[4 * i + 2])
                            let initials = Slice(b, o[4 * i + 2], o[4 * i + 3]), extra = Slice(b, o[4 * i + 3], o[4 * i + 4])
                            if pinyinMode {
                                if pinyin.equals(n) || initials.equals(n) { return 0 }
                                if pinyin.hasPrefix(n) || initials.hasPrefix(n) { return 1 }
                                if pinyin.contains(n) { return 2 }
                                return extra.contains(bar) ? 3 : nil
                            }
                            if name.equals(n) { return 0 }
                            if name.hasPrefix(n) { return 1 }
                            if name.contains(n) { return 2 }
                            return extra.contains(n) ? 3 : nil
                        }
                        func take(_ i: Int) {
                            guard let r = rank(i) else { return }
                            buckets[r].append(ids[i])
                            matched.append(Int32(i))
                        }
                        if let candidates {
                            for i in candidates { take(Int(i)) }
                            return
                        }
                        guard let base = b.baseAddress, let nBase = n.baseAddress, !ids.isEmpty else {
                            for i in 0..<ids.count { take(i) }
                            return
                        }
                        let total = o[4 * ids.count]
                        // The needle's rarest byte in the buffer, and its place in the needle.
                        var k = 0
                        for j in 0..<n.count where histogram[Int(n[j])] < histogram[Int(n[k])] { k = j }
                        let key = Int32(n[k])
                        var row = 0, from = 0
                        while from < total {
                            // The next occurrence of the needle at or after `from`.
                            var at = -1, p = from + k
                            while p < total, let hit = memchr(base + p, key, total - p) {
                                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
                                if start + n.count <= total, memcmp(base + start, nBase, n.count) == 0 { at = start; break }
                                p = start + k + 1
                            }
                            if at < 0 { break }
                            while o[4 * row + 4] <= at { row += 1 }
                            take(row)
                            row += 1
                            if row >= ids.count { break }
                            from = o[4 * row]
                        }
                    }
                }
            }
        }
        last = (generation, pinyinMode, needle, matched)
        return buckets.flatMap { $0 }
    }

    /// A range of the key buffer.
    private struct Slice {
        let base: UnsafeBufferPointer<UInt8>
        let start: Int, end: Int
        init(_ base: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) { self.base = base; self.start = start; self.end = end }

        func equals(_ n: UnsafeBufferPointer<UInt8>) -> Bool { end - start == n.count && hasPrefix(n) }

        func hasPrefix(_ n: UnsafeBufferPointer<UInt8>) -> Bool {
            guard end - start >= n.count else { return false }
            for j in 0..<n.count where base[start + j] != n[j] { return false }
            return true
        }

        /// A direct scan: values are short (a name, a few phones), so it beats anything cleverer.
        func contains(_ n: UnsafeBufferPointer<UInt8>) -> Bool {
            guard n.count > 0 else { return true }
            guard end - start >= n.count else { return false }
            let first = n[0]
            var i = start
            while i <= end - n.count {
                if base[i] == first {
                    var j = 1
                    while j < n.count && base[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

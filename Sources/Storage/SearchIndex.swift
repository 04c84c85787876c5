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
        (self.ids, self.bytes, self.bounds, generation) = (ids, bytes, bounds, current)
    }

    /// Ids of active children matching `search`, ranked like `NameSearch` then in roster order.
    func search(_ search: String, in db: Database) throws -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
        let q = search.trimmingCharacters(in: .whitespaces)
        let latin = q.lowercased().filter { !$0.isWhitespace }
        let pinyinMode = !latin.isEmpty && latin.allSatisfy { $0.isASCII && $0.isLetter }
        let needle = Array((pinyinMode ? latin : q.lowercased()).utf8)
        let barNeedle = Array("|".utf8) + needle
        var buckets: [[Int64]] = [[], [], [], []]
        bytes.withUnsafeBufferPointer { b in
            bounds.withUnsafeBufferPointer { o in
                needle.withUnsafeBufferPointer { n in
                    barNeedle.withUnsafeBufferPointer { bar in
                        for i in 0..<ids.count {
                            let name = Slice(b, o[4 * i], o[4 * i + 1]), pinyin = Slice(b, o[4 * i + 1], o[4 * i + 2])
                            let initials = Slice(b, o[4 * i + 2], o[4 * i + 3]), extra = Slice(b, o[4 * i + 3], o[4 * i + 4])
                            let rank: Int
                            if pinyinMode {
                                if pinyin.equals(n) || initials.equals(n) { rank = 0 }
                                else if pinyin.hasPrefix(n) || initials.hasPrefix(n) { rank = 1 }
                                else if pinyin.contains(n) { rank = 2 }
                                else if extra.contains(bar) { rank = 3 }
                                else { continue }
                            } else {
                                if name.equals(n) { rank = 0 }
                                else if name.hasPrefix(n) { rank = 1 }
                                else if name.contains(n) { rank = 2 }
                                else if extra.contains(n) { rank = 3 }
                                else { continue }
                            }
                            buckets[rank].append(ids[i])
                        }
                    }
                }
            }
        }
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

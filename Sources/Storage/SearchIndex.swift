import Foundation
import GRDB

/// An in-memory copy of the search keys of the active children, for search-as-you-type at county
/// scale: SQLite's `LIKE '%…%'` must scan every row (≈ 50 ms at 100,000 children), while comparing
/// bytes in memory takes a few milliseconds. It gives exactly the ids and order of `NameSearch`
/// (a test compares both) and is rebuilt when the `child_generation` counter, bumped by triggers on
/// every change to `child` from any process, moves.
final class SearchIndex: @unchecked Sendable {
    private struct Entry {
        var id: Int64
        var name: [UInt8]
        var pinyin: [UInt8]
        var initials: [UInt8]
        var extra: [UInt8]
    }

    private let lock = NSLock()
    private var generation: Int64 = -1
    private var entries: [Entry] = [] // in roster order (name_sort, id)

    /// Loads the keys if the roster changed since they were loaded.
    func refresh(in db: Database) throws {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
    }

    private func refreshLocked(in db: Database) throws {
        let current = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'child_generation'") ?? 0
        if current != generation {
            entries = try Row.fetchAll(db, sql: """
                SELECT id, name, name_pinyin, name_initials, search_extra FROM child WHERE status = 'active' ORDER BY name_sort, id
                """).map { r in
                Entry(id: r[0], name: Array((r[1] as String).lowercased().utf8), pinyin: Array((r[2] as String).utf8),
                      initials: Array((r[3] as String).utf8), extra: Array((r[4] as String).utf8))
            }
            generation = current
        }
    }

    /// Ids of active children matching `search`, ranked like `NameSearch` then in roster order.
    func search(_ search: String, in db: Database) throws -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
        let q = search.trimmingCharacters(in: .whitespaces)
        let latin = q.lowercased().filter { !$0.isWhitespace }
        var buckets: [[Int64]] = [[], [], [], []]
        if !latin.isEmpty, latin.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let l = Array(latin.utf8), bar = Array(("|" + latin).utf8)
            for e in entries {
                if e.pinyin == l || e.initials == l { buckets[0].append(e.id) }
                else if e.pinyin.starts(with: l) || e.initials.starts(with: l) { buckets[1].append(e.id) }
                else if Self.contains(e.pinyin, l) { buckets[2].append(e.id) }
                else if Self.contains(e.extra, bar) { buckets[3].append(e.id) }
            }
        } else {
            let exact = Array(q.lowercased().utf8)
            for e in entries {
                if e.name == exact { buckets[0].append(e.id) }
                else if e.name.starts(with: exact) { buckets[1].append(e.id) }
                else if Self.contains(e.name, exact) { buckets[2].append(e.id) }
                else if Self.contains(e.extra, exact) { buckets[3].append(e.id) }
            }
        }
        return buckets.flatMap { $0 }
    }

    /// Whether `needle` occurs in `haystack`. (glibc's `memmem` is hidden from Swift by feature
    /// macros; the values are short — a name, a few phones — so a direct scan is as fast.)
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        let n = needle.count, h = haystack.count
        guard h >= n else { return false }
        return haystack.withUnsafeBufferPointer { hb in
            needle.withUnsafeBufferPointer { nb in
                let first = nb[0]
                var i = 0
                while i <= h - n {
                    if hb[i] == first {
                        var j = 1
                        while j < n && hb[i + j] == nb[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

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
    /// The keys of row `i` (the lowercased name, the pinyin, the initials and the `|`-separated
    /// haystack), each kind in its own column so one scan of a column finds every row it matches.
    private var name = KeyColumn(), pinyin = KeyColumn(), initials = KeyColumn(), extra = KeyColumn()
    /// The rows (indexes into `ids`) that matched the last search, to narrow the next one: a query
    /// typed one character further matches a subset of them (see `search`).
    private var last: (generation: Int64, pinyinMode: Bool, needle: [UInt8], rows: [Int32])?

    /// Loads the keys if the roster changed since they were loaded.
    func refresh(in db: Database) throws {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
    }

    private func refreshLocked(in db: Database) throws {
        let current = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'child_generation'") ?? 0
        guard current != generation else { return }
        var ids: [Int64] = []
        var name = KeyColumn(), pinyin = KeyColumn(), initials = KeyColumn(), extra = KeyColumn()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, name_pinyin, name_initials, search_extra FROM child WHERE status = 'active' ORDER BY name_sort, id
            """)
        while let r = try rows.next() {
            ids.append(r[0])
            name.append((r[1] as String).lowercased())
            pinyin.append(r[2])
            initials.append(r[3])
            extra.append(r[4])
        }
        name.finish(); pinyin.finish(); initials.finish(); extra.finish()
        (self.ids, self.name, self.pinyin, self.initials, self.extra, generation) = (ids, name, pinyin, initials, extra, current)
        last = nil
    }

    /// Ids of active children matching `search`, ranked like `NameSearch` then in roster order.
    ///
    /// Each column is scanned once for the needle (`KeyColumn.forEachMatch`), so rows that do not
    /// match cost nothing but the scan. When the needle extends the previous one (typing), only the
    /// rows that matched before are ranked again: every way to match — equal, prefix, contains,
    /// `|needle` in the haystack — still holds for a shorter needle.
    func search(_ search: String, in db: Database) throws -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        try refreshLocked(in: db)
        let q = search.trimmingCharacters(in: .whitespaces)
        let latin = q.lowercased().filter { !$0.isWhitespace }
        let pinyinMode = !latin.isEmpty && latin.allSatisfy { $0.isASCII && $0.isLetter }
        let needle = Array((pinyinMode ? latin : q.lowercased()).utf8)
        let bar = Array("|".utf8) + needle
        // The best rank of each row: 0 equal, 1 prefix, 2 contains, 3 another field, 4 no match.
        var best = [UInt8](repeating: 4, count: ids.count)
        if let last, last.generation == generation, last.pinyinMode == pinyinMode, needle.starts(with: last.needle) {
            needle.withUnsafeBufferPointer { n in
                bar.withUnsafeBufferPointer { b in
                    for i in last.rows { best[Int(i)] = rank(Int(i), pinyinMode: pinyinMode, needle: n, bar: b) }
                }
            }
        } else if pinyinMode {
            pinyin.forEachMatch(needle) { row, at, length in best[row] = min(best[row], at > 0 ? 2 : length == needle.count ? 0 : 1) }
            initials.forEachMatch(needle) { row, at, length in
                if at == 0 { best[row] = min(best[row], length == needle.count ? 0 : 1) }
            }
            extra.forEachMatch(bar) { row, _, _ in best[row] = min(best[row], 3) }
        } else {
            name.forEachMatch(needle) { row, at, length in best[row] = at > 0 ? 2 : length == needle.count ? 0 : 1 }
            extra.forEachMatch(needle) { row, _, _ in best[row] = min(best[row], 3) }
        }
        var buckets: [[Int64]] = [[], [], [], []]
        var matched: [Int32] = []
        for (i, r) in best.enumerated() where r < 4 {
            buckets[Int(r)].append(ids[i])
            matched.append(Int32(i))
        }
        last = (generation, pinyinMode, needle, matched)
        return buckets.flatMap { $0 }
    }

    /// The rank of one row, as `search` gives it.
    private func rank(_ i: Int, pinyinMode: Bool, needle n: UnsafeBufferPointer<UInt8>, bar: UnsafeBufferPointer<UInt8>) -> UInt8 {
        if pinyinMode {
            let p = pinyin.relation(i, n), k = initials.relation(i, n)
            if p == .equal || k == .equal { return 0 }
            if p == .prefix || k == .prefix { return 1 }
            if p == .contains { return 2 }
            return extra.relation(i, bar) != .none ? 3 : 4
        }
        switch name.relation(i, n) {
        case .equal: return 0
        case .prefix: return 1
        case .contains: return 2
        case .none: return extra.relation(i, n) != .none ? 3 : 4
        }
    }
}

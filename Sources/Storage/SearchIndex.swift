import Foundation
import GRDB

/// An in-memory copy of the search keys of the active children, for search-as-you-type at county
/// scale: SQLite's `LIKE '%…%'` must scan every row (≈ 50 ms at 100,000 children), while comparing
/// bytes in memory takes a few milliseconds. It gives exactly the ids and order of `NameSearch`
/// (a test compares both) and is rebuilt when the `ChildGeneration` moves (any change to `child`
/// from any process).
final class SearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Int64 = -1
    /// Ids in roster order (name_sort, id).
    private var ids: [Int64] = []
    /// The keys of row `i` (the lowercased name, the pinyin, the initials and the `|`-separated
    /// haystack), each kind in its own column so one scan of a column finds every row it matches.
    private var name = KeyColumn(), pinyin = KeyColumn(), initials = KeyColumn(), extra = KeyColumn()
    /// The parts of each haystack that start with a letter (a guardian's pinyin and initials), one
    /// value per part, with the row each belongs to: a pinyin query matches the haystack when it
    /// starts one of its parts (`|needle`), and only these parts can start with a letter.
    private var letterParts = KeyColumn()
    private var rowOfPart: [Int32] = []
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
        let current = try ChildGeneration.read(db)
        guard current != generation else { return }
        var ids: [Int64] = []
        var name = KeyColumn(), pinyin = KeyColumn(), initials = KeyColumn(), extra = KeyColumn()
        var letterParts = KeyColumn(), rowOfPart: [Int32] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, name_pinyin, name_initials, search_extra FROM child WHERE status = 'active' ORDER BY name_sort, id
            """)
        while let r = try rows.next() {
            ids.append(r[0])
            // The keys' bytes straight from SQLite, without making Strings of them.
            let row = Int32(ids.count - 1)
            try Self.withBytes(r, 1) { bytes in
                if !name.appendLowercased(bytes) { name.append(String(decoding: bytes, as: UTF8.self).lowercased()) }
            }
            try Self.withBytes(r, 2) { pinyin.append(bytes: $0) }
            try Self.withBytes(r, 3) { initials.append(bytes: $0) }
            try Self.withBytes(r, 4) { haystack in
                extra.append(bytes: haystack)
                var start = 0
                for i in 0...haystack.count where i == haystack.count || haystack[i] == UInt8(ascii: "|") {
                    if i > start, Self.isLetter(haystack[start]) {
                        letterParts.append(bytes: UnsafeRawBufferPointer(rebasing: haystack[start..<i]))
                        rowOfPart.append(row)
                    }
                    start = i + 1
                }
            }
        }
        name.finish(); pinyin.finish(); initials.finish(); extra.finish(); letterParts.finish()
        (self.ids, self.name, self.pinyin, self.initials, self.extra, generation) = (ids, name, pinyin, initials, extra, current)
        (self.letterParts, self.rowOfPart) = (letterParts, rowOfPart)
        last = nil
    }

    /// Calls `body` with the bytes of column `index` of a row (empty for NULL), without copying.
    static func withBytes(_ row: Row, _ index: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            data.withUnsafeBytes(body)
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
         (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
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
        // Narrowing pays when few rows matched before; else scanning the columns is cheaper.
        if let last, last.generation == generation, last.pinyinMode == pinyinMode, needle.starts(with: last.needle),
           last.rows.count * 16 <= ids.count {
            needle.withUnsafeBufferPointer { n in
                bar.withUnsafeBufferPointer { b in
                    for i in last.rows { best[Int(i)] = rank(Int(i), pinyinMode: pinyinMode, needle: n, bar: b) }
                }
            }
        } else if pinyinMode {
            pinyin.forEachMatch(needle) { row, at, length in best[row] = min(best[row], at > 0 ? 2 : length == needle.count ? 0 : 1) }
            initials.forEachPrefixed(needle) { row, length in best[row] = min(best[row], length == needle.count ? 0 : 1) }
            letterParts.forEachPrefixed(needle) { part, _ in
                let row = Int(rowOfPart[part])
                best[row] = min(best[row], 3)
            }
        } else {
            name.forEachMatch(needle) { row, at, length in best[row] = at > 0 ? 2 : length == needle.count ? 0 : 1 }
            extra.forEachMatch(needle) { row, _, _ in best[row] = min(best[row], 3) }
        }
        // Rank by rank, each in roster order: count, then place.
        var next = [0, 0, 0, 0, 0]
        for r in best { next[Int(r)] += 1 }
        let found = next[0] + next[1] + next[2] + next[3]
        next = [0, next[0], next[0] + next[1], next[0] + next[1] + next[2], found]
        var result = [Int64](repeating: 0, count: found)
        var matched: [Int32] = []
        matched.reserveCapacity(found)
        for (i, r) in best.enumerated() where r < 4 {
            result[next[Int(r)]] = ids[i]
            next[Int(r)] += 1
            matched.append(Int32(i))
        }
        last = (generation, pinyinMode, needle, matched)
        return result
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

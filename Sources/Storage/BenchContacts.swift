import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// Adds synthetic contacts to a demo database until it holds `total` (for the county-scale
    /// benchmark: one million contacts). Each is dated within its pairing and the year before
    /// `today`, deterministic from `seed`, in one transaction. Refuses a real database. Returns how
    /// many were added.
    @discardableResult
    public func topUpDemoContacts(to total: Int, seed: UInt64, today: LocalDate) throws -> Int {
        try writer.write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'is_demo'") == "1" else {
                throw NotADemoDatabase()
            }
            let have = try Int.fetchOne(db, sql: "SELECT count(*) FROM contact") ?? 0
            guard total > have else { return 0 }
            let pairings = try Row.fetchAll(db, sql: "SELECT child_id, mentor_id, start_date, end_date FROM pairing").compactMap { r -> (Int64, Int64, Int, Int)? in
                guard let start = LocalDate(parsing: r[2]) else { return nil }
                let end = (r[3] as String?).flatMap { LocalDate(parsing: $0) } ?? today
                let from = max(start.dayNumber, today.dayNumber - 365), to = min(end.dayNumber, today.dayNumber)
                return from <= to ? (r[0], r[1], from, to) : nil
            }
            guard !pairings.isEmpty else { return 0 }
            var rng = SeededRandom(seed: seed ^ 0x434F_4E54_4143_54) // "CONTACT"
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO contact(child_id, mentor_id, kind, date, summary, created_at, updated_at, actor, source)
                VALUES (?, ?, ?, ?, ?, 'bench', 'bench', 'demo', 'bench')
                """)
            let kinds = ContactKind.allCases.map(\.rawValue)
            var added = 0
            var attempts = 0
            while have + added < total, attempts < (total - have) * 2 {
                attempts += 1
                let p = pairings[rng.int(pairings.count)]
                let day = LocalDate(dayNumber: p.2 + rng.int(p.3 - p.2 + 1))
                try insert.execute(arguments: [p.0, p.1, kinds[rng.int(kinds.count)], day.description, "#\(attempts)"])
                added += db.changesCount
            }
            return added
        }
    }
}

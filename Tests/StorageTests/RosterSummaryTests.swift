import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// The header counts are read from small indexes (see `rosterSummary`); they must equal the plain
/// definitions, counted child by child, whatever the data.
@Suite("Roster summary")
struct RosterSummaryTests {
    let today = LocalDate(year: 2026, month: 11, day: 23)!

    /// The definitions, one child at a time.
    func plainCounts(_ db: AppDatabase) throws -> (active: Int, archived: Int, unpaired: Int, homes: Int) {
        try db.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM child WHERE status = 'active'")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM child WHERE status = 'archived'")!,
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM child c WHERE c.status = 'active' AND NOT EXISTS
                    (SELECT 1 FROM pairing p WHERE p.child_id = c.id AND p.pair_role = 'primary' AND p.end_date IS NULL)
                """)!,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT household_id) FROM child WHERE status = 'active'")!)
        }
    }

    func expectMatches(_ db: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let plain = try plainCounts(db)
        let s = try db.rosterSummary()
        #expect(s.activeChildren == plain.active, sourceLocation: sourceLocation)
        #expect(s.archivedChildren == plain.archived, sourceLocation: sourceLocation)
        #expect(s.unpaired == plain.unpaired, sourceLocation: sourceLocation)
        #expect(s.unpaired == (try db.unpairedCount()), sourceLocation: sourceLocation)
        #expect(s.households == plain.homes, sourceLocation: sourceLocation)
        let header = try db.rosterSummary(countingHouseholds: false)
        #expect(header.households == nil, sourceLocation: sourceLocation)
        #expect(header.unpaired == s.unpaired && header.activeChildren == s.activeChildren, sourceLocation: sourceLocation)
    }

    @Test func emptyDatabase() throws {
        let db = try AppDatabase.inMemory()
        let s = try db.rosterSummary()
        #expect(s.activeChildren == 0 && s.archivedChildren == 0 && s.unpaired == 0 && s.households == 0)
    }

    @Test func demoDataWithArchivedAndPairedChildren() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 400, seed: 3, referenceDate: today))
        let plain = try plainCounts(db)
        #expect(plain.archived > 0 && plain.unpaired > 0 && plain.unpaired < plain.active)
        try expectMatches(db)
    }

    /// An archived child keeping an active primary pairing (written past the screens, which end
    /// pairings on archiving) must not lower the unpaired count of the active children.
    @Test func archivedChildWithAnActivePairingWrittenBySQL() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 200, seed: 5, referenceDate: today))
        let before = try plainCounts(db)
        try db.writer.write { db in
            let child = try Int64.fetchOne(db, sql: """
                SELECT c.id FROM child c WHERE c.status = 'active' AND NOT EXISTS
                    (SELECT 1 FROM pairing p WHERE p.child_id = c.id AND p.pair_role = 'primary' AND p.end_date IS NULL)
                """)!
            let mentor = try Int64.fetchOne(db, sql: """
                SELECT m.id FROM mentor m WHERE m.status = 'active' AND m.capacity >
                    (SELECT count(*) FROM pairing p WHERE p.mentor_id = m.id AND p.end_date IS NULL)
                """)!
            try db.execute(sql: """
                INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, created_at, actor)
                VALUES (?, ?, 'primary', '2026-03-01', 't', 'sql')
                """, arguments: [child, mentor])
            try db.execute(sql: "UPDATE child SET status = 'archived', archive_reason = 'other' WHERE id = ?", arguments: [child])
        }
        let after = try plainCounts(db)
        #expect(after.archived == before.archived + 1)
        #expect(after.unpaired == before.unpaired - 1)
        try expectMatches(db)
    }
}

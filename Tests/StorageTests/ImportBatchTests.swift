import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// Imports write in batches (`ChildBatch`); what they store must be what a child saved on its own
/// stores: the same columns, search keys, guardian and home, and one `created` history line.
@Suite("Import batches")
struct ImportBatchTests {
    let today = LocalDate(year: 2026, month: 11, day: 23)!

    func stored(_ db: AppDatabase) throws -> [[String: String]] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.*, g.name AS g_name, g.name_pinyin AS g_pinyin, g.phone AS g_phone, g.capacity_notes AS g_notes,
                       h.address AS h_address, h.grid_id AS h_grid, h.created_at AS h_created,
                       (SELECT count(*) FROM child_history x WHERE x.child_id = c.id AND x.field = 'created') AS created_lines
                FROM child c LEFT JOIN guardian g ON g.id = c.guardian_id LEFT JOIN household h ON h.id = c.household_id
                ORDER BY c.id
                """).map { row in
                var out: [String: String] = [:]
                for (column, value) in row where !["id", "household_id", "guardian_id", "version"].contains(column) {
                    out[column] = value.description
                }
                return out
            }
        }
    }

    @Test func aBatchStoresWhatSingleSavesStore() throws {
        let demo = try AppDatabase.inMemory()
        try demo.fillDemo(DemoOptions(children: 150, seed: 12, referenceDate: today))
        // Every child on its own address, so single saves (one home each) and the import agree on homes.
        let children = try demo.childrenForExport(includeArchived: true).enumerated().map { i, c in
            var c = c
            c.address += "-\(i)"
            return c
        }
        let imported = try AppDatabase.inMemory(), single = try AppDatabase.inMemory()
        let outcomes = try imported.importChildren(children, fileName: "f.csv", actor: "a", timestamp: "t")
        #expect(outcomes.allSatisfy { if case .created = $0 { true } else { false } })
        try single.writer.write { db in
            var w = try ChildWriter(db: db, timestamp: "t")
            for c in children {
                let home = try w.insertHousehold(address: c.address, grid: c.gridName)
                let guardian = try c.guardian.map { try w.insertGuardian($0, household: home) }
                let id = try w.insertChild(c, household: home, guardian: guardian)
                try w.recordHistory(child: id, actor: "a", field: "created", old: nil, new: "import:f.csv")
            }
        }
        let a = try stored(imported), b = try stored(single)
        #expect(a.count == children.count)
        for (x, y) in zip(a, b) { #expect(x == y) }
        // Ids follow on from those in use, in file order.
        let ids = outcomes.compactMap { if case .created(let id) = $0 { id } else { nil } }
        #expect(ids == Array(1...Int64(children.count)))
        let again = try imported.importChildren(children, fileName: "f.csv", actor: "a", timestamp: "t")
        #expect(again.allSatisfy { if case .alreadyInDatabase = $0 { true } else { false } })
        let more = try imported.importChildren([Child(name: "新来的")], fileName: "g.csv", actor: "a", timestamp: "t")
        #expect(more == [.created(Int64(children.count) + 1)])
    }

    /// Imports run with SQLite's per-row reference checks off; `brokenReferences` is what stands in
    /// for them: it finds a new row naming a missing parent, and nothing in a sound import.
    @Test func brokenReferencesAreFoundInTheNewRows() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 10, seed: 4, referenceDate: today))
        let outcomes = try db.importChildren([Child(name: "甲", sex: .male, gridName: "一组", address: "一号", guardian: Guardian(name: "乙", relation: .other))],
                                             fileName: "a.csv", actor: "t", timestamp: "2026-11-23T09:00:00+08:00")
        guard case .created = outcomes.first else { Issue.record("not imported: \(outcomes)"); return }
        try db.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                let batch = try ChildBatch(db: db, timestamp: "t", actor: "t", source: "s")
                #expect(try ChildBatch.brokenReferences(db, since: batch.first) == 0)
                let first = batch.first
                try db.execute(sql: "INSERT INTO child(id, name, guardian_id, created_at, updated_at) VALUES (?, '丙', 99999, 'a', 'a')",
                               arguments: [first.child])
                #expect(try ChildBatch.brokenReferences(db, since: first) == 1)
                try db.execute(sql: "INSERT INTO child_history(child_id, at, actor, field) VALUES (88888, 'a', 'a', 'created')")
                try db.execute(sql: "INSERT INTO household(id, address, grid_id, created_at) VALUES (?, '', 77777, 'a')",
                               arguments: [first.household])
                #expect(try ChildBatch.brokenReferences(db, since: first) == 3)
                // The rows before the batch are not looked at again.
                #expect(try ChildBatch.brokenReferences(db, since: (first.child + 1, first.household + 1, first.guardian, first.history + 1)) == 0)
                return .rollback
            }
        }
        #expect(try db.writer.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
    }

}

import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// The generation that caches of the roster compare moves on every insert, update and delete of a
/// child — with no insert trigger since v10 — and not on a rolled-back write or a write elsewhere.
struct ChildGenerationTests {
    let today = LocalDate(year: 2026, month: 11, day: 23)!

    @Test func movesOnInsertUpdateDeleteOnly() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 20, seed: 5, referenceDate: today))
        func generation() throws -> Int64 { try db.writer.read(ChildGeneration.read) }
        var seen: Set<Int64> = [try generation()]
        func expectMoved(_ what: Comment) throws {
            let now = try generation()
            #expect(!seen.contains(now), what)
            seen.insert(now)
        }

        let id = try db.addChild(Child(name: "测试", sex: .female), timestamp: "2026-11-23T10:00:00+08:00")
        try expectMoved("insert")
        try db.writer.write { try $0.execute(sql: "UPDATE child SET notes = 'x' WHERE id = ?", arguments: [id]) }
        try expectMoved("update")
        let unchanged = try generation()
        try db.writer.write { try $0.execute(sql: "UPDATE mentor SET capacity = capacity + 1 WHERE id = 1") }
        #expect(try generation() == unchanged, "a mentor's change")
        _ = try? db.writer.write { db in
            try db.execute(sql: "INSERT INTO child(name, created_at, updated_at) VALUES ('回滚', 'a', 'b')")
            throw StorageError.invalid(field: "test", reason: "roll back")
        }
        #expect(try generation() == unchanged, "a rolled-back insert")
        // Deleting the newest child lowers the largest id: the counter still moves.
        try db.writer.write { db in
            try db.execute(sql: "DELETE FROM child_history WHERE child_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM child WHERE id = ?", arguments: [id])
        }
        try expectMoved("delete of the newest child")
        try db.writer.write { db in
            try db.execute(sql: "INSERT INTO child(name, created_at, updated_at) VALUES ('再建', 'a', 'b')")
        }
        try expectMoved("an insert that takes the deleted id again")
    }
}

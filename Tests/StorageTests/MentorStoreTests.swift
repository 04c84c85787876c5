import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// Shared by the mentor and pairing tests.
enum MentorFixture {
    static let day = LocalDate(year: 2026, month: 3, day: 1)!
    static func date(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

    static func child(_ db: AppDatabase, _ name: String, grid: String? = "石桥村1组") throws -> Int64 {
        try db.addChild(Child(name: name, gridName: grid), timestamp: "t0")
    }

    static func mentor(_ db: AppDatabase, _ name: String, phone: String, role: MentorRole = .volunteer,
                       grid: String? = "石桥村1组", capacity: Int? = nil) throws -> Int64 {
        try db.addMentor(Mentor(name: name, role: role, phone: phone, organisation: "镇志愿服务队", gridName: grid, capacity: capacity),
                         actor: "协调员", timestamp: "t0")
    }
}

@Suite("Mentor registry")
struct MentorStoreTests {
    typealias F = MentorFixture

    @Test func addsAndReadsBackWithHistory() throws {
        let db = try AppDatabase.inMemory()
        let id = try db.addMentor(Mentor(name: " 李秀英 ", role: .caringMother, phone: "13912340824", organisation: "镇妇联",
                                         gridName: "柳湾村2组"), actor: "甲", timestamp: "t1")
        let m = try #require(try db.mentor(id: id))
        #expect(m == Mentor(id: id, name: "李秀英", role: .caringMother, phone: "13912340824", organisation: "镇妇联",
                            gridName: "柳湾村2组", capacity: 2))
        #expect(try db.filterOptions().grids.contains("柳湾村2组"))
        #expect(try db.mentorVersion(id: id) == 1)
        #expect(try db.mentorHistory(id: id) == [HistoryEntry(at: "t1", actor: "甲", field: "created", old: nil, new: "form")])
        #expect(try db.findMentor(phone: "139 1234 0824") == id)
    }

    @Test func phoneMustBeValidAndUnique() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: PairingError.invalidPhone) { try F.mentor(db, "张三", phone: "12345") }
        #expect(throws: StorageError.refused(.emptyName)) { try F.mentor(db, "  ", phone: "13912340824") }
        let a = try F.mentor(db, "张三", phone: "0817-2345678")
        #expect(throws: PairingError.duplicatePhone) { try F.mentor(db, "李四", phone: "08172345678") }
        let b = try F.mentor(db, "李四", phone: "13800000001")
        var changed = try #require(try db.mentor(id: b))
        changed.phone = "0817-2345678"
        #expect(throws: PairingError.duplicatePhone) {
            try db.updateMentor(changed, id: b, expectedVersion: nil, actor: "x", timestamp: "t")
        }
        // The schema holds the rule too, whatever writes the row.
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO mentor(name, role, phone, capacity, created_at, updated_at) VALUES ('王五', 'volunteer', '0817-2345678', 2, 't', 't')
                    """)
            }
        }
        #expect(try db.mentorIDs(search: "") == [b, a]) // li si, zhang san
    }

    @Test func searchesLikeTheRoster() throws {
        let db = try AppDatabase.inMemory()
        let li = try F.mentor(db, "李秀英", phone: "13912340824", role: .caringMother)
        let zhang = try F.mentor(db, "张建国", phone: "13800001111", role: .teacher, grid: "柳湾村2组")
        let zeng = try F.mentor(db, "曾小明", phone: "0817-2345678")
        #expect(try db.mentorIDs(search: "秀") == [li])
        #expect(try db.mentorIDs(search: "lixiuying") == [li])
        #expect(try db.mentorIDs(search: "li xiu") == [li])
        #expect(try db.mentorIDs(search: "zjg") == [zhang])
        #expect(try db.mentorIDs(search: "zeng") == [zeng]) // polyphonic surname read as zēng
        #expect(try db.mentorIDs(search: "1111") == [zhang])
        #expect(try db.mentorIDs(search: "0817-23") == [zeng])
        #expect(try db.mentorIDs(search: "妇联").isEmpty)
        #expect(try db.mentorIDs(search: "志愿") == [li, zeng, zhang]) // the fixture's organisation, pinyin order
        #expect(try db.mentorIDs(search: "z") == [zeng, zhang]) // zeng xiao ming < zhang jian guo
        #expect(try db.mentorIDs(filter: MentorFilter(role: .teacher)) == [zhang])
        #expect(try db.mentorIDs(filter: MentorFilter(grid: "柳湾村2组")) == [zhang])
        try db.markMentorLeft(id: zeng, on: F.day, actor: "x", timestamp: "t")
        #expect(try db.mentorIDs(search: "z") == [zhang])
        #expect(try db.mentorIDs(search: "z", filter: MentorFilter(includeLeft: true)) == [zeng, zhang])
    }

    @Test func freeCapacityFilterAndRows() throws {
        let db = try AppDatabase.inMemory()
        let a = try F.mentor(db, "甲", phone: "13800000001", capacity: 1)
        let b = try F.mentor(db, "乙", phone: "13800000002")
        let c1 = try F.child(db, "王小明")
        try db.pair(child: c1, mentor: a, role: .primary, start: F.day, actor: "x", timestamp: "t")
        #expect(try db.mentorIDs(filter: MentorFilter(freeCapacityOnly: true)) == [b])
        let rows = try db.mentorRows(ids: [a, b, 999])
        #expect(rows.map(\.load) == [1, 0])
        #expect(rows[0] == MentorRow(id: a, name: "甲", role: .volunteer, phone: "13800000001", organisation: "镇志愿服务队",
                                     gridName: "石桥村1组", capacity: 1, load: 1, status: .active, leftOn: nil, lastContact: nil))
        #expect(rows[0].freeCapacity == 0 && rows[1].freeCapacity == 2)
        #expect(try db.mentorCounts() == (active: 2, withFreeCapacity: 1))
    }

    @Test func updatesKeepHistoryAndRefuseStaleVersions() throws {
        let db = try AppDatabase.inMemory()
        let id = try F.mentor(db, "李秀英", phone: "13912340824")
        var m = try #require(try db.mentor(id: id))
        m.name = "李秀瑛"; m.capacity = 3; m.gridName = nil
        #expect(try db.updateMentor(m, id: id, expectedVersion: 1, actor: "乙", timestamp: "t2") == 2)
        let h = try db.mentorHistory(id: id)
        #expect(h.map(\.field) == ["capacity", "grid", "name", "created"])
        #expect(h[0] == HistoryEntry(at: "t2", actor: "乙", field: "capacity", old: "2", new: "3"))
        #expect(h[1].old == "石桥村1组" && h[1].new == "")
        #expect(try db.mentorIDs(search: "lixiuying") == [id]) // pinyin keys rewritten
        m.organisation = "另一人"
        #expect(throws: SaveConflict(currentVersion: 2)) {
            try db.updateMentor(m, id: id, expectedVersion: 1, actor: "丙", timestamp: "t3")
        }
        #expect(throws: PairingError.unknownMentor) { try db.updateMentor(m, id: 999, expectedVersion: nil, actor: "x", timestamp: "t") }
    }

    @Test func capacityCannotDropBelowTheCurrentLoad() throws {
        let db = try AppDatabase.inMemory()
        let id = try F.mentor(db, "李秀英", phone: "13912340824")
        for name in ["王一", "王二"] {
            try db.pair(child: try F.child(db, name), mentor: id, role: .primary, start: F.day, actor: "x", timestamp: "t")
        }
        var m = try #require(try db.mentor(id: id))
        m.capacity = 1
        #expect(throws: PairingError.capacityBelowLoad(capacity: 1, load: 2)) {
            try db.updateMentor(m, id: id, expectedVersion: nil, actor: "x", timestamp: "t")
        }
        m.capacity = 2; m.organisation = "镇妇联"
        try db.updateMentor(m, id: id, expectedVersion: nil, actor: "x", timestamp: "t")
    }

    @Test func leavingThroughTheFormEndsPairingsToo() throws {
        let db = try AppDatabase.inMemory()
        let id = try F.mentor(db, "李秀英", phone: "13912340824")
        let c = try F.child(db, "王小明")
        try db.pair(child: c, mentor: id, role: .primary, start: F.day, actor: "x", timestamp: "t")
        var m = try #require(try db.mentor(id: id))
        m.status = .left
        #expect(throws: StorageError.refused(.leftOnRequired)) {
            try db.updateMentor(m, id: id, expectedVersion: nil, actor: "x", timestamp: "t")
        }
        m.leftOn = F.date("2026-06-30")
        try db.updateMentor(m, id: id, expectedVersion: nil, actor: "x", timestamp: "t")
        let p = try #require(try db.pairings(childID: c).first?.pairing)
        #expect(p.end == F.date("2026-06-30") && p.endReason == .mentorLeft)
        #expect(try db.unpairedChildIDs() == [c])
    }

    @Test func capacityRulesPerRoleLiveInSettings() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.capacity(for: .volunteer) == 2)
        #expect(try db.capacity(for: .teacher) == MentorRole.teacher.defaultCapacity)
        try db.setCapacity(1, for: .volunteer, actor: "t", timestamp: "t")
        #expect(try db.capacity(for: .volunteer) == 1)
        let stored = try db.writer.read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = 'capacity.volunteer'") }
        #expect(stored == "1")
        #expect(throws: StorageError.self) { try db.setCapacity(-1, for: .volunteer, actor: "t", timestamp: "t") }
        // An existing mentor keeps their own capacity.
        let id = try F.mentor(db, "甲", phone: "13800000001", capacity: 2)
        try db.setCapacity(3, for: .volunteer, actor: "t", timestamp: "t")
        #expect(try db.mentor(id: id)?.capacity == 2)
    }

    /// A capacity change is one audit entry (the capacity in force before, stored or the role's default,
    /// and the new one); the same capacity again, or a refused one, writes none.
    @Test func capacityChangesAreAudited() throws {
        let db = try AppDatabase.inMemory()
        let before = try db.auditCount()
        let first = try db.setCapacity(3, for: .volunteer, actor: "王主任", timestamp: "2026-11-23T10:00:00+08:00")
        #expect(first == SettingChange(old: "2", new: "3"))
        #expect(try !db.setCapacity(3, for: .volunteer, actor: "王主任", timestamp: "2026-11-23T10:01:00+08:00").changed)
        #expect(try !db.setCapacity(MentorRole.teacher.defaultCapacity, for: .teacher, actor: "王主任", timestamp: "x").changed,
                "the default again: nothing changes")
        #expect(throws: StorageError.self) { try db.setCapacity(-1, for: .volunteer, actor: "王主任", timestamp: "x") }
        try db.setCapacity(1, for: .volunteer, actor: "李四", timestamp: "2026-11-23T10:02:00+08:00")
        let entries = try db.auditEntries().dropFirst(before)
        #expect(entries.map(\.actor) == ["王主任", "李四"])
        #expect(entries.allSatisfy { $0.entity == "setting" && $0.action == "write" && $0.field == "capacity.volunteer" })
        #expect(entries.map(\.old) == ["2", "3"])
        #expect(entries.map(\.new) == ["3", "1"])
        #expect(entries.map(\.at) == ["2026-11-23T10:00:00+08:00", "2026-11-23T10:02:00+08:00"])
        #expect(try db.capacity(for: .volunteer) == 1)
        #expect(try db.verifyAudit() == nil)
    }

    @Test func migrationV2AppliesToADatabaseCreatedAtV1() throws {
        let dir = NSTemporaryDirectory() + "shouhu-mentors-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/v1.sqlite"
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v1-foundation")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO child(name, name_sort, created_at, updated_at) VALUES ('王小明', 'wang xiao ming', 't', 't')
                    """)
            }
            #expect(try queue.read { try Migrations.migrator.appliedIdentifiers($0) } == ["v1-foundation"])
        }
        let db = try AppDatabase.open(path: path)
        #expect(try db.appliedMigrations() == ["v1-foundation", "v2-mentors", "v3-semesters", "v4-activities", "v5-search-generation", "v6-contacts",
                                                "v7-accounts", "v8-audit", "v9-consent", "v10-no-insert-trigger", "v11-checks-without-lists"])
        #expect(try db.integrityCheck() == "ok")
        #expect(try db.unpairedCount() == 1)
        let m = try F.mentor(db, "李秀英", phone: "13912340824")
        try db.pair(child: try #require(try db.rosterIDs().first), mentor: m, role: .primary, start: F.day, actor: "x", timestamp: "t")
        #expect(try db.unpairedCount() == 0)
    }
}

@Suite("Demo mentors and pairings")
struct DemoMentorTests {
    static let today = LocalDate(year: 2026, month: 11, day: 23)!

    static func demo(children: Int = 300, seed: UInt64 = 7, mentorSeed: UInt64? = nil) throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: children, seed: seed, referenceDate: today))
        try db.fillDemoMentors(seed: mentorSeed ?? seed, referenceDate: today)
        return db
    }

    static func dump(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT name || '|' || role || '|' || phone || '|' || organisation || '|' || ifnull(grid_id, '') || '|' || capacity
                       || '|' || status || '|' || ifnull(left_on, '') FROM mentor ORDER BY id
                """) + String.fetchAll(db, sql: """
                SELECT child_id || '|' || mentor_id || '|' || pair_role || '|' || start_date || '|' || ifnull(end_date, '')
                       || '|' || ifnull(end_reason, '') FROM pairing ORDER BY id
                """)
        }
    }

    @Test func sameSeedSameMentorsAndPairings() throws {
        let a = try Self.dump(try Self.demo()), b = try Self.dump(try Self.demo())
        #expect(a == b)
        #expect(a != (try Self.dump(try Self.demo(mentorSeed: 8))))
        // Filling again replaces rather than adds.
        let db = try Self.demo()
        try db.fillDemoMentors(seed: 7, referenceDate: Self.today)
        #expect(try Self.dump(db) == a)
    }

    @Test func demoPairingsFollowTheRules() throws {
        let db = try Self.demo(children: 600, seed: 11)
        let active = try db.rosterSummary().activeChildren
        let mentors = try db.mentorRows(ids: try db.mentorIDs(filter: MentorFilter(includeLeft: true)))
        #expect(abs(mentors.count - active / 3) <= 1)
        #expect(mentors.allSatisfy { $0.load <= $0.capacity && Phone.isValid($0.phone) })
        #expect(Set(mentors.map(\.phone)).count == mentors.count)
        #expect(Set(mentors.map(\.role)).count >= 6)
        #expect(mentors.filter { $0.status == .left }.allSatisfy { $0.load == 0 && $0.leftOn != nil })
        #expect(try db.capacityOverrides().isEmpty)
        let paired = Double(active - (try db.unpairedCount())) / Double(active)
        #expect(paired > 0.7 && paired < 0.9)
        let counts = try db.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT pair_role || ':' || ifnull(end_reason, 'active') AS k, count(*) AS n FROM pairing GROUP BY k
                """).reduce(into: [String: Int]()) { $0[$1["k"]] = $1["n"] }
        }
        #expect((counts["class_teacher:active"] ?? 0) > active / 5)
        #expect((counts["student_helper:active"] ?? 0) > 0)
        for reason in ["mentor_left", "reassigned", "child_archived"] { #expect((counts["primary:" + reason] ?? 0) > 0, "\(reason)") }
        // Same grid is preferred for primary mentors.
        let sameGrid = try db.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM pairing p JOIN child c ON c.id = p.child_id JOIN mentor m ON m.id = p.mentor_id
                WHERE p.pair_role = 'primary' AND p.end_date IS NULL AND m.grid_id = c.grid_id
                """) ?? 0
        }
        #expect(Double(sameGrid) / Double(active - (try db.unpairedCount())) > 0.6)
        // The history is within capacity too: on the day any pairing started, its mentor had no more than capacity.
        let overAtSomeTime = try db.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM pairing p JOIN mentor m ON m.id = p.mentor_id
                WHERE (SELECT count(*) FROM pairing q WHERE q.mentor_id = p.mentor_id AND q.start_date <= p.start_date
                       AND (q.end_date IS NULL OR q.end_date > p.start_date)) > m.capacity
                """) ?? -1
        }
        #expect(overAtSomeTime == 0)
        #expect(try db.integrityCheck() == "ok")
    }

    @Test func refusesARealDatabase() throws {
        let db = try AppDatabase.inMemory()
        _ = try MentorFixture.child(db, "王小明")
        #expect(throws: NotADemoDatabase.self) { try db.fillDemoMentors(seed: 1, referenceDate: Self.today) }
    }
}

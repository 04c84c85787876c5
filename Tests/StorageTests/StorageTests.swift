import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

private let today = LocalDate(year: 2026, month: 11, day: 23)!

private func tempDir() -> String {
    let dir = NSTemporaryDirectory() + "shouhu-storage-\(UUID().uuidString)"
    return dir
}

@Suite("Database file and migrations")
struct DatabaseFileTests {
    @Test func migratesFromEmptyAndUsesWAL() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/nested/shouhu.sqlite"
        let db = try AppDatabase.open(path: path)
        #expect(try db.appliedMigrations() == ["v1-foundation", "v2-mentors", "v3-semesters", "v4-activities", "v5-search-generation", "v6-contacts",
                                                "v7-accounts", "v8-audit", "v9-consent", "v10-no-insert-trigger", "v11-checks-without-lists"])
        #expect(try db.journalMode() == "wal")
        #expect(try db.foreignKeysEnabled())
        #expect(try db.integrityCheck() == "ok")
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: dir + "/nested")
        #expect((dirAttrs[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func reopeningKeepsData() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let id = try AppDatabase.open(path: path).addChild(Child(name: "王小明"), timestamp: "t")
        #expect(try AppDatabase.open(path: path).child(id: id)?.name == "王小明")
    }

    @Test func refusesANewerSchema() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        let db = try AppDatabase.open(path: path)
        try db.writer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: StorageError.newerVersion(path: path)) { try AppDatabase.open(path: path) }
    }

    @Test func refusesACorruptFile() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/broken.sqlite"
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try AppDatabase.open(path: path)
            Issue.record("a corrupt file was opened")
        } catch let e as StorageError {
            guard case .cannotOpen(let p, _) = e else { Issue.record("wrong error \(e)"); return }
            #expect(p == path)
            #expect(e.description.contains("backup"))
        }
    }

    @Test func missingDirectoryIsNamed() throws {
        let blocker = tempDir()
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        #expect(throws: StorageError.self) { try AppDatabase.open(path: blocker + "/sub/s.sqlite") }
    }

    @Test func locationFollowsFlagThenEnvThenXDG() {
        #expect(DatabaseLocation.resolve(explicit: "/a.sqlite", demo: false, environment: ["SHOUHU_DB": "/b"]) == "/a.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, demo: false, environment: ["SHOUHU_DB": "/b"]) == "/b")
        #expect(DatabaseLocation.resolve(explicit: nil, demo: false, environment: ["XDG_DATA_HOME": "/x"]) == "/x/shouhu/shouhu.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, demo: false, environment: ["HOME": "/home/u"])
                == "/home/u/.local/share/shouhu/shouhu.sqlite")
        // The demo database is never the real one, even when SHOUHU_DB is set.
        #expect(DatabaseLocation.resolve(explicit: nil, demo: true, environment: ["SHOUHU_DB": "/b", "XDG_DATA_HOME": "/x"])
                == "/x/shouhu/demo.sqlite")
    }
}

@Suite("Child records")
struct ChildRecordTests {
    @Test func roundTripsEveryField() throws {
        let db = try AppDatabase.inMemory()
        let child = Child(
            name: "曾小明", sex: .male, ethnicity: "土家族", idNumber: "51072220150305117" + "1",
            birthDate: LocalDate(year: 2015, month: 3, day: 5), schoolName: "青山镇中心小学", className: "五年级(2)班",
            gridName: "石桥村3组", address: "石桥村3组15号",
            guardian: Guardian(name: "曾国福", relation: .paternalGrandfather, phone: "13912340824", capacityNotes: "年迈"),
            father: Parent(name: "曾建明", workPlace: "广东省深圳市", phone: "13800000001"),
            mother: Parent(name: "李秀英", workPlace: "浙江省宁波市", phone: "13800000002"),
            leftBehindType: .bothAway, hardship: true, dibao: false, disability: true, health: "哮喘", interests: "画画",
            careNoticeGiven: true, careNoticeDate: LocalDate(year: 2025, month: 9, day: 1), weeklyParentContact: true,
            notes: "父母春节回家")
        let id = try db.addChild(child, timestamp: "2026-11-23T09:00:00+08:00")
        var expected = child
        expected.id = id
        #expect(try db.child(id: id) == expected)
        #expect(try db.child(id: id + 100) == nil)
    }

    @Test func emptyNamesAndDuplicateIDsAreRefused() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: StorageError.refused(.emptyName)) { try db.addChild(Child(name: "  "), timestamp: "t") }
        _ = try db.addChild(Child(name: "甲", idNumber: "11010519491231002X"), timestamp: "t")
        #expect(throws: DatabaseError.self) { try db.addChild(Child(name: "乙", idNumber: "11010519491231002x"), timestamp: "t") }
        #expect(try db.rosterIDs().count == 1) // the failed save left nothing behind
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM household") } == 1)
    }

    @Test func foreignKeysAreEnforced() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in
                try db.execute(sql: "INSERT INTO child(name, grid_id, created_at, updated_at) VALUES ('x', 999, 't', 't')")
            }
        }
    }
}

@Suite("Demo data")
struct DemoDataTests {
    func dump(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, id_number, birth_date, sex, guardian_relation FROM child ORDER BY id")
                .map { "\($0)" }
        }
    }

    @Test func sameSeedSameData() throws {
        let a = try AppDatabase.inMemory(), b = try AppDatabase.inMemory(), c = try AppDatabase.inMemory()
        try a.fillDemo(DemoOptions(children: 150, seed: 7, referenceDate: today))
        try b.fillDemo(DemoOptions(children: 150, seed: 7, referenceDate: today))
        try c.fillDemo(DemoOptions(children: 150, seed: 8, referenceDate: today))
        #expect(try dump(a) == dump(b))
        #expect(try dump(a) != dump(c))
    }

    @Test func dataIsPlausibleAndValid() throws {
        let db = try AppDatabase.inMemory()
        var reported: [(Int, Int)] = []
        try db.fillDemo(DemoOptions(children: 1200, seed: 11, referenceDate: today)) { reported.append(($0, $1)) }
        #expect(reported.last.map { $0 == (1200, 1200) } == true)
        let summary = try db.rosterSummary()
        #expect(summary.isDemo)
        #expect(summary.activeChildren + summary.archivedChildren == 1200)
        #expect(summary.communityName.contains("演示"))
        let rows = try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT c.*, g.phone AS gphone FROM child c JOIN guardian g ON g.id = c.guardian_id")
        }
        #expect(rows.count == 1200)
        var withID = 0
        for r in rows {
            let birth = try #require(LocalDate(parsing: r["birth_date"] as String))
            #expect((3...15).contains(birth.age(on: today)))
            if let raw = r["id_number"] as String? {
                withID += 1
                let id = try IDNumber.validate(raw)
                #expect(id.birthDate == birth)
                #expect(id.sex.rawValue == r["sex"] as String)
            }
            #expect(Phone.isMobile(r["gphone"] as String))
            #expect(Phone.isMobile(r["father_phone"] as String))
            let name: String = r["name"]
            #expect((2...3).contains(name.count))
            #expect(!(r["name_pinyin"] as String).isEmpty)
        }
        #expect(withID > 1100) // a few have no ID number yet, as in real sweeps
    }

    @Test func refusesToMixWithRealRecords() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.addChild(Child(name: "真实儿童"), timestamp: "t")
        #expect(throws: NotADemoDatabase.self) { try db.fillDemo(DemoOptions(children: 5, referenceDate: today)) }
        #expect(try db.rosterIDs().count == 1)
    }

    @Test func regeneratingADemoDatabaseReplacesIt() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 50, seed: 1, referenceDate: today))
        try db.fillDemo(DemoOptions(children: 20, seed: 2, referenceDate: today))
        let s = try db.rosterSummary()
        #expect(s.activeChildren + s.archivedChildren == 20)
    }
}

@Suite("Roster search")
struct RosterSearchTests {
    func make(_ names: [String]) throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        for n in names { _ = try db.addChild(Child(name: n), timestamp: "t") }
        return db
    }

    func names(_ db: AppDatabase, _ q: String) throws -> [String] {
        try db.rosterRows(ids: db.rosterIDs(search: q)).map(\.name)
    }

    @Test func chineseRanksExactThenPrefixThenContains() throws {
        let db = try make(["李明", "明亮", "王明", "明", "张三"])
        #expect(try names(db, "明") == ["明", "明亮", "李明", "王明"])
    }

    @Test func pinyinAndInitials() throws {
        let db = try make(["张三丰", "张三", "张珊珊", "曾小明", "赵四", "单丽"])
        #expect(try names(db, "zhangsan") == ["张三", "张三丰"])
        #expect(try names(db, "zs") == ["张三", "赵四", "张三丰", "张珊珊"])
        #expect(try names(db, "zeng") == ["曾小明"])
        #expect(try names(db, "zxm") == ["曾小明"])
        #expect(try names(db, "shanli") == ["单丽"])
        #expect(try names(db, "ZhangSan") == ["张三", "张三丰"])
        #expect(try names(db, "zhang san") == ["张三", "张三丰"])
        #expect(try names(db, "shan") == ["单丽", "张珊珊"]) // prefix before contains
    }

    @Test func emptySearchListsAllByPinyin() throws {
        let db = try make(["张三", "阿明", "曾小明", "白雪"])
        #expect(try names(db, "") == ["阿明", "白雪", "曾小明", "张三"])
    }

    @Test func wildcardsAreLiteral() throws {
        let db = try make(["张三", "李四"])
        #expect(try names(db, "%") == [])
        #expect(try names(db, "_") == [])
    }

    @Test func archivedChildrenAreNotListed() throws {
        let db = try make(["张三"])
        _ = try db.addChild(Child(name: "张四", status: .archived, archiveReason: .turned16, archivedOn: today), timestamp: "t")
        #expect(try names(db, "张") == ["张三"])
        #expect(try db.rosterSummary().archivedChildren == 1)
    }

    @Test func rowsKeepTheRequestedOrder() throws {
        let db = try make(["甲", "乙", "丙"])
        let ids = try db.rosterIDs()
        #expect(try db.rosterRows(ids: ids.reversed()).map(\.id) == ids.reversed())
        #expect(try db.rosterRows(ids: []) == [])
    }
}

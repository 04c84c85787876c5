import Domain
import Foundation
import Testing
@testable import Storage

@Suite("Roster filters and order")
struct RosterFilterTests {
    let today = LocalDate(year: 2026, month: 11, day: 23)!

    func make() throws -> (AppDatabase, [String: Int64]) {
        let db = try AppDatabase.inMemory()
        var ids: [String: Int64] = [:]
        func add(_ c: Child) throws { ids[c.name] = try db.addChild(c, timestamp: "t") }
        try add(Child(name: "甲", birthDate: LocalDate(year: 2021, month: 11, day: 23), schoolName: "中心幼儿园", className: "大班",
                      gridName: "一组", leftBehindType: .bothAway))                          // 5 today
        try add(Child(name: "乙", birthDate: LocalDate(year: 2020, month: 11, day: 23), schoolName: "中心小学", className: "一年级(1)班",
                      gridName: "二组", leftBehindType: .fatherAway, hardship: true))        // 6 today
        try add(Child(name: "丙", birthDate: LocalDate(year: 2014, month: 11, day: 24), schoolName: "中心小学", className: "六年级(2)班",
                      gridName: "一组", leftBehindType: .bothAway, disability: true))      // 11 (12 tomorrow)
        try add(Child(name: "丁", birthDate: LocalDate(year: 2010, month: 11, day: 23), gridName: "二组")) // 16 today
        try add(Child(name: "戊", gridName: "一组", status: .archived, archiveReason: .movedAway, archivedOn: today))
        return (db, ids)
    }

    func names(_ db: AppDatabase, _ q: RosterQuery, _ ids: [String: Int64]) throws -> [String] {
        let byID = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        return try db.rosterIDs(q, today: today).map { byID[$0]! }
    }

    @Test func ageBandsCountWholeYearsOnToday() throws {
        let (db, ids) = try make()
        #expect(try names(db, RosterQuery(filter: RosterFilter(ageBand: .under6)), ids) == ["甲"])
        #expect(try Set(names(db, RosterQuery(filter: RosterFilter(ageBand: .primary)), ids)) == ["乙", "丙"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(ageBand: .middle)), ids) == [])
        #expect(try names(db, RosterQuery(filter: RosterFilter(ageBand: .over15)), ids) == ["丁"])
    }

    @Test func fieldsCombine() throws {
        let (db, ids) = try make()
        #expect(try Set(names(db, RosterQuery(filter: RosterFilter(grid: "一组")), ids)) == ["甲", "丙"])
        #expect(try Set(names(db, RosterQuery(filter: RosterFilter(school: "中心小学")), ids)) == ["乙", "丙"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(className: "大班")), ids) == ["甲"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(hardship: true)), ids) == ["乙"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(disability: true)), ids) == ["丙"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(grid: "一组", leftBehindType: .bothAway, disability: false)), ids) == ["甲"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(archive: .archived)), ids) == ["戊"])
        #expect(try names(db, RosterQuery(filter: RosterFilter(archive: .all)), ids).count == 5)
        #expect(try names(db, RosterQuery(search: "丙", filter: RosterFilter(grid: "二组")), ids) == [])
    }

    @Test func sortByAgeAndGrid() throws {
        let (db, ids) = try make()
        #expect(try names(db, RosterQuery(sort: .age), ids) == ["甲", "乙", "丙", "丁"])
        let byGrid = try names(db, RosterQuery(sort: .grid), ids)
        #expect(Set(byGrid.prefix(2)) == ["甲", "丙"] && Set(byGrid.suffix(2)) == ["乙", "丁"])
    }

    @Test func sortByLastContactPutsTheLongestWithoutOneFirst() throws {
        let (db, ids) = try make()
        let m = try db.addMentor(Mentor(name: "李秀英", role: .volunteer, phone: "13912340824"), actor: "x", timestamp: "t")
        let day = LocalDate(year: 2026, month: 11, day: 23)!
        let byName = ids
        // 甲 seen last week, 乙 in September, 丙 and 丁 never (they come first, by pinyin).
        try db.addContact(Contact(childID: byName["甲"]!, mentorID: m, kind: .visit, date: LocalDate(year: 2026, month: 11, day: 16)!),
                          today: day, actor: "x", timestamp: "t")
        try db.addContact(Contact(childID: byName["乙"]!, mentorID: m, kind: .talk, date: LocalDate(year: 2026, month: 9, day: 10)!),
                          today: day, actor: "x", timestamp: "t")
        let order = try names(db, RosterQuery(sort: .lastContact), ids)
        #expect(Set(order.prefix(2)) == ["丙", "丁"])
        #expect(Array(order.suffix(2)) == ["乙", "甲"])
    }

    @Test func optionsComeFromTheData() throws {
        let (db, _) = try make()
        let o = try db.filterOptions()
        #expect(o.grids == ["一组", "二组"])
        #expect(o.schools.count == 2 && o.classes.count == 3)
    }
}

@Suite("In-memory search index")
struct SearchIndexTests {
    let today = LocalDate(year: 2026, month: 11, day: 23)!

    @Test func givesExactlyWhatSQLGives() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 600, seed: 5, referenceDate: today))
        let rows = try db.rosterRows(ids: try db.rosterIDs())
        var queries = ["王", "小", "明", "zhang", "wang", "zs", "wx", "li", "q", "0", "13", "5107", "x", "奶", "石桥", "%", "_", "zz"]
        for r in rows.prefix(40) {
            queries.append(String(r.name.prefix(1)))
            queries.append(PinyinKeys(name: r.name).initials)
            queries.append(PinyinKeys(name: r.name).full)
            if let g = r.guardianName { queries.append(g) }
        }
        for q in queries {
            let fast = try db.rosterIDs(RosterQuery(search: q), today: today)
            let sql = try db.sqlRosterIDs(RosterQuery(search: q), today: today)
            #expect(fast == sql, "query \(q)")
        }
    }

    /// Typing narrows the previous result; every prefix, a backspace, a change of mode (pinyin to
    /// digits), spaces and a fragment spanning two keys must still give exactly what SQL gives.
    @Test func typingOneCharacterAtATimeGivesWhatSQLGives() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 500, seed: 8, referenceDate: today))
        let rows = try db.rosterRows(ids: try db.rosterIDs())
        var typed = ["zhang san", "wangx", "zh3", "z1", "王x", "1390", "51", "aia", "|z", "xiao|", "liu", "ll", "dw"]
        for r in rows.prefix(25) {
            typed.append(r.name)
            typed.append(PinyinKeys(name: r.name).full)
            typed.append(PinyinKeys(name: r.name).initials + "x")
            if let g = r.guardianName { typed.append(PinyinKeys(name: g).full) }
        }
        for text in typed {
            var q = ""
            var steps: [String] = []
            for c in text { q.append(c); steps.append(q) }
            steps.append(String(q.dropLast()))   // a backspace
            steps.append(q)                      // and the character again
            for step in steps {
                let fast = try db.rosterIDs(RosterQuery(search: step), today: today)
                let sql = try db.sqlRosterIDs(RosterQuery(search: step), today: today)
                #expect(fast == sql, "typing \(text): \(step)")
            }
        }
    }

    /// Names are lowercased byte by byte when only A–Z can change; anything else goes to Swift.
    @Test func namesWithLatinLettersAreFoundAsSQLFindsThem() throws {
        let names = ["张三", "ANNA·玛丽", "阿依古丽·买买提", "Ａｌｉ木", "Ⅱ号", "Zoë李", "Σοφία", "玛丽亚·Anna"]
        func byBytes(_ name: String) -> String? {
            var column = KeyColumn()
            let done = Array(name.utf8).withUnsafeBytes { column.appendLowercased($0) }
            return done ? String(decoding: column.bytes, as: UTF8.self) : nil
        }
        for name in names {
            if let lower = byBytes(name) { #expect(lower == name.lowercased(), "\(name)") }
        }
        #expect(byBytes("ANNA·玛丽") == "anna·玛丽")
        #expect(byBytes("Ａｌｉ木") == nil)
        #expect(byBytes("Ⅱ号") == nil)
        let db = try AppDatabase.inMemory()
        var ids: [String: Int64] = [:]
        for name in names { ids[name] = try db.addChild(Child(name: name), timestamp: "t") }
        for q in ["anna·", "ANNA·玛", "·", "zoë", "玛丽", "Anna", "ZOË"] {
            #expect(try db.rosterIDs(RosterQuery(search: q), today: today) == (try db.sqlRosterIDs(RosterQuery(search: q), today: today)),
                    "query \(q)")
        }
        // Letters beyond ASCII: SQLite's LIKE folds only A–Z, the index folds every letter.
        #expect(try db.rosterIDs(search: "ａｌ") == [ids["Ａｌｉ木"]!])
        #expect(try db.rosterIDs(search: "ⅱ") == [ids["Ⅱ号"]!])
        #expect(try db.rosterIDs(search: "ΣΟΦ") == [ids["Σοφία"]!])
    }

    @Test func aNarrowedSearchSeesWritesMadeWhileTyping() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.addChild(Child(name: "周一"), timestamp: "t")
        #expect(try db.rosterIDs(search: "zh").count == 1)
        let id = try db.addChild(Child(name: "张三"), timestamp: "t")
        #expect(try db.rosterIDs(search: "zha") == [id])
        #expect(try db.rosterIDs(search: "zhan") == [id])
    }

    @Test func followsChangesFromAnyWrite() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.addChild(Child(name: "张三"), timestamp: "t")
        #expect(try db.rosterIDs(search: "张").count == 1)
        let id = try db.addChild(Child(name: "张四"), timestamp: "t")
        #expect(try db.rosterIDs(search: "张").count == 2)
        try db.archiveChild(id: id, reason: .movedAway, on: today, actor: "t", timestamp: "t")
        #expect(try db.rosterIDs(search: "张").count == 1)
        var renamed = try #require(try db.child(id: 1))
        renamed.name = "李三"
        _ = try db.updateChild(renamed, id: 1, expectedVersion: nil, actor: "t", timestamp: "t")
        #expect(try db.rosterIDs(search: "张").isEmpty)
        #expect(try db.rosterIDs(search: "lisan") == [1])
    }
}

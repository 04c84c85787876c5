import Domain
import Foundation
import GRDB
import Testing
@testable import Interchange
@testable import Storage

/// The children and mentors of `PairingFixture`, their pairings, one recorded contact, and a contacts
/// sheet with every problem once.
enum ContactFixture {
    typealias P = PairingFixture

    static func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

    static func database() throws -> (AppDatabase, PairingFixture.Ids) {
        let (db, ids) = try P.database()
        // 王小明 – 陈芳 (primary, from 2026-09-01) comes with the pairing fixture.
        try db.pair(child: ids.b, mentor: ids.m1, role: .primary, start: day("2026-09-01"), actor: "t", timestamp: "t")
        try db.pair(child: ids.g, mentor: ids.m3, role: .classTeacher, start: day("2026-09-01"), actor: "t", timestamp: "t")
        try db.pair(child: ids.noID, mentor: ids.m3, role: .classTeacher, start: day("2026-09-01"), actor: "t", timestamp: "t")
        let ended = try db.pair(child: ids.c, mentor: ids.m2, role: .studentHelper, start: day("2025-09-01"), actor: "t", timestamp: "t")
        try db.endPairing(id: ended, on: day("2026-06-30"), reason: .other, actor: "t", timestamp: "t")
        try db.addContact(Contact(childID: ids.a, mentorID: ids.m2, kind: .teacher, date: day("2026-09-15"), summary: "班主任反映上课专心"),
                          today: today, actor: "t", timestamp: "t")
        return (db, ids)
    }

    /// Headers by their aliases, as a township's register names them.
    static let header = ["序号", "儿童姓名", "身份证号", "出生日期", "帮扶人", "联系电话", "帮扶类型", "记录日期", "走访地点", "帮扶内容",
                         "发现问题", "下步措施", "填表人"]

    static func line(_ n: String, _ child: String, _ id: String, birth: String = "", _ mentor: String, _ phone: String,
                     _ kind: String, _ date: String, place: String = "", summary: String = "", concerns: String = "",
                     follow: String = "") -> [String] {
        [n, child, id, birth, mentor, phone, kind, date, place, summary, concerns, follow, "村委会"]
    }

    static let letter = "亲爱的小红：你好！最近学习怎么样？"

    /// Spreadsheet rows (row numbers in the comments) and what becomes of each.
    static var rows: [[String]] {
        [
            ["青山村帮扶记录登记表"],                                                                                     // 1
            header,                                                                                                    // 2
            line("1", "王小明", P.idA, "陈芳", P.m2, "走访", "2026-10-08", place: "家中", summary: "作业完成好", concerns: "健康",
                 follow: "下月再访"),                                                                                    // 3: imported
            line("2", "王小红", P.idB, "李秀英", P.m1, "写信", "2026-10-10", summary: letter),                               // 4: imported, content left out
            line("3", "无名", P.idNobody, "陈芳", P.m2, "谈心", "2026-10-01"),                                              // 5: unknown child
            line("4", "赵强", P.idC, "某人", P.unknownPhone, "谈心", "2026-10-01"),                                        // 6: unknown mentor
            line("5", "王小明", P.idA, "陈芳", P.m2, "聚餐", "2026-10-01"),                                                 // 7: bad kind
            line("6", "王小明", P.idA, "陈芳", P.m2, "谈心", "十月"),                                                      // 8: bad date
            line("7", "王小明", P.idA, "陈芳", P.m2, "谈心", "2026-11-24"),                                                // 9: after today
            line("8", "王小明", P.idA, "陈芳", P.m2, "", ""),                                                             // 10: no kind, no date
            line("9", "赵强", P.idC, "王老师", P.m3, "电话", "2026-10-12"),                                                // 11: imported, not paired
            line("10", "王小明", P.idA, "陈芳", "139-0000-0002", "家访", "2026/10/8", place: "家中", summary: "作业完成好"), // 12: repeats row 3
            line("11", "王小明", P.idA, "陈芳", P.m2, "联系班主任", "2026-09-15", summary: "班主任反映上课专心"),               // 13: in the database
            line("12", "错名", P.idG, "王老帅", P.m3, "与监护人沟通", "2026-10-20"),                                        // 14: imported, names differ
            line("13", P.noIDName, "", birth: P.noIDBirth, "王老师", P.m3, "谈心", "2026-10-21"),                           // 15: imported, by name + birth
            line("14", "王小明", P.idA, "陈芳", P.m2, "谈心", "2026-10-22", concerns: "安全、吵架"),                          // 16: bad concern
            line("15", "王小明", P.idA, "陈芳", P.m2, "谈心", "2026-10-23", place: String(repeating: "村", count: 201),
                 summary: String(repeating: "好", count: 1001)),                                                      // 17: too long
            line("16", "王小明", badCheckID("2015-03-07", male: true), "陈芳", "1390000", "谈心", "2026-10-24"),            // 18: bad ID, bad phone
            line("17", "王小红", P.idB, "李秀英", P.m1, "亲情电话", "2026-11-01", concerns: "安全、学习,心理"),                // 19: imported
            line("18", "王小红", P.idB, "李秀英", P.m1, "写信", "2026-10-10", summary: "另一封信"),                           // 20: same letter as row 4
            line("19", "赵强", P.idC, "陈芳", P.m2, "走访", "2026-06-30"),                                                // 21: imported, last day paired
            line("20", "赵强", P.idC, "陈芳", P.m2, "走访", "2026-07-01"),                                                // 22: imported, not paired
        ]
    }

    static func text(newline: String = "\r\n") -> String { rows.map(csvLine).joined(separator: newline) + newline }

    static let importedRows = [3, 4, 11, 14, 15, 19, 21, 22]
    static let rejectedRows = [5, 6, 7, 8, 9, 10, 16, 17, 18]
}

func importContacts(_ data: Data, into db: AppDatabase, dryRun: Bool = false, strict: Bool = false,
                    keepLetterContent: Bool = false) throws -> ContactImportResult {
    try ContactImport.run(try ContactReader.read(data, today: today), into: db,
                          options: importOptions("帮扶记录.csv", dryRun: dryRun, strict: strict), today: today,
                          keepLetterContent: keepLetterContent)
}

extension AppDatabase {
    func contactCountIncludingDeleted() throws -> Int { try count("contact") }

    /// (source, actor) of a contact.
    func contactSource(id: Int64) throws -> (String, String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT source, actor FROM contact WHERE id = ?", arguments: [id]).map { ($0[0], $0[1]) }
        }
    }
}

@Suite("Contact import")
struct ContactSheetTests {
    typealias F = ContactFixture

    func status(_ r: ContactImportResult, row: Int) -> SheetRowStatus? {
        r.sheet.rows.firstIndex { $0.row == row }.map { r.statuses[$0] }
    }

    func issues(_ r: ContactImportResult, row: Int) -> [SheetIssue<ContactColumn>] {
        r.sheet.rows.first { $0.row == row }?.issues ?? []
    }

    func data(_ rows: [[String]]) -> Data { Data((rows.map(csvLine).joined(separator: "\n") + "\n").utf8) }

    @Test func everyProblemIsNamedByRowAndColumn() throws {
        let (db, _) = try F.database()
        let r = try importContacts(gb18030(F.text()), into: db)
        #expect(r.sheet.encoding == .gb18030)
        #expect(r.sheet.header.row == 2)
        #expect(r.sheet.header.unknown.map(\.header) == ["填表人"])
        #expect((r.read, r.imported, r.duplicates, r.rejected) == (20, 8, 3, 9))
        for row in F.importedRows {
            guard case .imported = status(r, row: row) else { Issue.record("row \(row): \(String(describing: status(r, row: row)))"); continue }
        }
        #expect(F.rejectedRows.allSatisfy { status(r, row: $0) == .rejected })
        #expect(issues(r, row: 3).isEmpty)
        #expect(issues(r, row: 4) == [SheetIssue(.summary, .letterContentLeftOut)], "a warning: the letter is recorded")
        #expect(issues(r, row: 5) == [SheetIssue(.childIDNumber, .rule(.unknownChild))])
        #expect(issues(r, row: 6) == [SheetIssue(.mentorPhone, .rule(.unknownMentor))])
        #expect(issues(r, row: 7) == [SheetIssue(.kind, .choice("聚餐"))])
        #expect(issues(r, row: 8) == [SheetIssue(.date, .date)])
        #expect(issues(r, row: 9) == [SheetIssue(.date, .dateInFuture)])
        #expect(issues(r, row: 10) == [SheetIssue(.kind, .required), SheetIssue(.date, .required)])
        #expect(issues(r, row: 11) == [SheetIssue(.mentorPhone, .notPaired)])
        #expect(status(r, row: 12) == .duplicateInFile(firstRow: 3))
        #expect(status(r, row: 13) == .duplicateInDatabase)
        #expect(issues(r, row: 14) == [SheetIssue(.childName, .nameDiffers), SheetIssue(.mentorName, .nameDiffers)])
        #expect(issues(r, row: 15).isEmpty)
        #expect(issues(r, row: 16) == [SheetIssue(.concerns, .choice("吵架"))])
        #expect(issues(r, row: 17) == [SheetIssue(.place, .tooLong(max: 200)), SheetIssue(.summary, .tooLong(max: 1000))])
        #expect(issues(r, row: 18).map(\.column) == [.childIDNumber, .mentorPhone])
        #expect(issues(r, row: 18).last == SheetIssue(.mentorPhone, .phone))
        #expect(issues(r, row: 19).isEmpty)
        #expect(status(r, row: 20) == .duplicateInFile(firstRow: 4), "one letter a day: its content is not what tells letters apart")
        #expect(issues(r, row: 21).isEmpty, "the pairing's last day counts")
        #expect(issues(r, row: 22) == [SheetIssue(.mentorPhone, .notPaired)], "the day after the pairing ended")
        #expect(r.succeeded)
        #expect(try db.contactCount() == 1 + 8)

        // The notes: rejects by row and column, warnings, duplicates, the ignored column.
        let notes = r.notes
        #expect(notes.first == SheetNote(row: 2, kind: .unknownColumn, column: nil, detail: .unknownColumn(header: "填表人"), name: ""))
        #expect(notes.contains(SheetNote(row: 9, kind: .rejected, column: .date, detail: .problem(.field(.dateInFuture)),
                                         name: "王小明 / 陈芳")))
        #expect(notes.contains(SheetNote(row: 11, kind: .warning, column: .mentorPhone, detail: .problem(.notPaired),
                                         name: "赵强 / 王老师")))
        #expect(notes.contains(SheetNote(row: 12, kind: .duplicate, column: .childIDNumber, detail: .duplicateInFile(firstRow: 3),
                                         name: "王小明 / 陈芳")))
    }

    @Test func whatIsWritten() throws {
        let (db, ids) = try F.database()
        let r = try importContacts(utf8BOM(F.text()), into: db)
        let visit = try #require(try db.contacts(childID: ids.a).first { $0.contact.kind == .visit })
        #expect(visit.contact == Contact(id: visit.contact.id, childID: ids.a, mentorID: ids.m2, kind: .visit, date: F.day("2026-10-08"),
                                         place: "家中", summary: "作业完成好", concerns: [.health], followUp: "下月再访"))
        #expect(visit.author == "tester")
        let id = try #require(visit.contact.id)
        #expect(try db.contactSource(id: id)! == ("import:帮扶记录.csv", "tester"))
        #expect(try db.contactHistory(id: id).map(\.field) == ["created"])
        #expect(try db.contactHistory(id: id).first?.new == "import:帮扶记录.csv")
        let b = try db.contacts(childID: ids.b)
        #expect(b.map(\.contact.kind) == [.call, .letter])
        #expect(b.last?.contact.summary == "", "the letter's content is not stored")
        #expect(b.first?.contact.concerns == [.safety, .schooling, .emotional])
        #expect(try db.contacts(childID: ids.noID).map(\.contact.kind) == [.talk])
        #expect(try db.contacts(childID: ids.c).map(\.contact.date) == [F.day("2026-10-12"), F.day("2026-07-01"), F.day("2026-06-30")])
        #expect(r.imported == 8)
    }

    @Test func keepLetterContentStoresIt() throws {
        let (db, ids) = try F.database()
        let r = try importContacts(utf8BOM(F.text()), into: db, keepLetterContent: true)
        #expect(issues(r, row: 4).isEmpty)
        guard case .imported = status(r, row: 20) else { Issue.record("row 20: another letter, kept: \(String(describing: status(r, row: 20)))"); return }
        let letters = try db.contacts(childID: ids.b).filter { $0.contact.kind == .letter }.map(\.contact.summary)
        #expect(Set(letters) == [F.letter, "另一封信"])
        // Without the flag, the same letters (content left out) are the ones already recorded.
        let again = try importContacts(utf8BOM(F.text()), into: db)
        #expect(status(again, row: 4) == .duplicateInDatabase)
        #expect(again.imported == 0)
    }

    @Test func reRunningAddsNothing() throws {
        let (db, _) = try F.database()
        let data = utf8BOM(F.text())
        _ = try importContacts(data, into: db)
        let before = try db.contactCountIncludingDeleted()
        let again = try importContacts(data, into: db)
        #expect(again.imported == 0)
        #expect(again.duplicates == 11)
        #expect(F.importedRows.allSatisfy { status(again, row: $0) == .duplicateInDatabase })
        #expect(try db.contactCountIncludingDeleted() == before)
        #expect(!again.succeeded, "nothing new, rows still rejected")
    }

    @Test func aDeletedContactIsNoDuplicate() throws {
        let (db, ids) = try F.database()
        let rows = [F.header, F.line("1", "王小明", F.P.idA, "陈芳", F.P.m2, "走访", "2026-10-08", summary: "作业完成好")]
        _ = try importContacts(data(rows), into: db)
        let id = try #require(try db.contacts(childID: ids.a).first { $0.contact.kind == .visit }?.contact.id)
        try db.deleteContact(id: id, actor: "协调员", timestamp: "t")
        let again = try importContacts(data(rows), into: db)
        #expect(again.imported == 1)
    }

    @Test func strictWritesNothingEvenWhenOnlyTheDatabaseRefuses() throws {
        let (db, _) = try F.database()
        let strict = try importContacts(utf8BOM(F.text()), into: db, strict: true)
        #expect(strict.refusedByStrict && !strict.succeeded)
        #expect(try db.contactCount() == 1)
        // Every row readable; one names a child the database does not have.
        let rows = [F.header,
                    F.line("1", "王小明", F.P.idA, "陈芳", F.P.m2, "走访", "2026-10-08"),
                    F.line("2", "无名", F.P.idNobody, "陈芳", F.P.m2, "走访", "2026-10-08")]
        let r = try importContacts(data(rows), into: db, strict: true)
        #expect(r.refusedByStrict)
        #expect(r.rejected == 1 && r.imported == 0)
        #expect(r.statuses.first == .notWritten)
        #expect(try db.contactCount() == 1)
        let loose = try importContacts(data(rows), into: db)
        #expect((loose.imported, loose.rejected) == (1, 1))
        #expect(try db.contactCount() == 2)
    }

    @Test func dryRunCountsButWritesNothing() throws {
        let (db, _) = try F.database()
        let dry = try importContacts(utf8BOM(F.text()), into: db, dryRun: true)
        #expect((dry.imported, dry.duplicates, dry.rejected) == (8, 3, 9))
        #expect(dry.dryRun)
        #expect(try db.contactCountIncludingDeleted() == 1)
    }

    @Test func aChildWithoutIDNumberMustBeUnique() throws {
        let (db, _) = try F.database()
        _ = try db.addChild(Child(name: F.P.noIDName, birthDate: LocalDate(parsing: F.P.noIDBirth), address: "别处"), timestamp: "t")
        let rows = [F.header,
                    F.line("1", F.P.noIDName, "", birth: F.P.noIDBirth, "王老师", F.P.m3, "谈心", "2026-10-21"),
                    F.line("2", F.P.noIDName, "", "王老师", F.P.m3, "谈心", "2026-10-21"),
                    F.line("3", "", "", birth: F.P.noIDBirth, "王老师", F.P.m3, "谈心", "2026-10-21")]
        let r = try importContacts(data(rows), into: db)
        #expect(issues(r, row: 2) == [SheetIssue(.childName, .ambiguousChild(count: 2))])
        #expect(issues(r, row: 3) == [SheetIssue(.childIDNumber, .required)], "no ID number and no birth date")
        #expect(issues(r, row: 4) == [SheetIssue(.childIDNumber, .required)], "no ID number and no name")
        #expect(r.rejected == 3 && !r.succeeded)
    }

    @Test func theKeyColumnsMustBeThere() throws {
        let missing = SheetReadError.missingColumns(["儿童身份证号", "帮扶人电话", "类型", "日期"])
        #expect(throws: missing) { try ContactReader.read(Data("儿童身份证号,帮扶人电话,日期\n1,2,3\n".utf8), today: today) }
        #expect(throws: missing) { try ContactReader.read(Data("儿童姓名,类型,日期\n王小明,走访,2026-10-01\n".utf8), today: today) }
        #expect(throws: SheetReadError.file(.empty)) { try ContactReader.read(Data("\n\n".utf8), today: today) }
        // The English headers and the codes work too.
        let sheet = try ContactReader.read(Data("child_id_number,mentor_phone,kind,date,summary,concerns,follow_up\n\(F.P.idA),\(F.P.m2),visit,2026-10-01,ok,\"safety,health\",\n".utf8), today: today)
        #expect(sheet.rows.first?.value?.kind == .visit)
        #expect(sheet.rows.first?.value?.concerns == [.safety, .health])
    }

    @Test(arguments: [("记录日期", ContactColumn.date), ("走访日期", .date), ("帮扶日期", .date), ("帮扶类型", .kind), ("类型", .kind),
                      ("内容", .summary), ("情况", .summary), ("帮扶内容", .summary), ("摘要", .summary), ("关注事项", .concerns),
                      ("地点", .place), ("跟进", .followUp), ("跟进措施", .followUp), ("帮扶人电话", .mentorPhone),
                      ("联系电话", .mentorPhone), ("儿童身份证号", .childIDNumber), ("身份证号码", .childIDNumber),
                      ("帮扶人姓名", .mentorName), ("儿童姓名", .childName), ("出生日期", .childBirthDate)])
    func headerAliases(header: String, column: ContactColumn) {
        #expect(SheetHeader<ContactColumn>.aliasTable[RosterColumns.normalize(header)] == column)
    }

    @Test func noAliasNamesTwoColumns() {
        var owner: [String: ContactColumn] = [:]
        for column in ContactColumn.allCases {
            for alias in [column.header, column.rawValue, column.englishName] + column.aliases {
                let key = RosterColumns.normalize(alias)
                if let other = owner[key], other != column { Issue.record("\(alias) names \(other) and \(column)") }
                owner[key] = column
            }
        }
    }

    @Test(arguments: [("走访", ContactKind.visit), ("家访", .visit), ("谈心", .talk), ("联系班主任", .teacher),
                      ("与监护人沟通", .guardian), ("写信", .letter), ("电话", .call), ("亲情电话", .call), ("其他", .other),
                      ("visit", .visit), ("Letter", .letter)])
    func kindWords(word: String, kind: ContactKind) {
        #expect(ContactKind(sheet: word) == kind)
    }

    @Test func concernWords() {
        #expect(ContactValues.concerns("").concerns.isEmpty)
        #expect(ContactValues.concerns("无").concerns.isEmpty && ContactValues.concerns("无").unknown == nil)
        #expect(ContactValues.concerns("情绪、安全，学业;监护 健康").concerns == Concern.allCases)
        #expect(ContactValues.concerns("emotional,safety").concerns == [.safety, .emotional])
        #expect(ContactValues.concerns("安全、打架").unknown == "打架")
        #expect(ContactValues.concernsText([.safety, .health]) == "安全、健康")
        for c in Concern.allCases { #expect(ContactValues.concerns(ContactValues.label(c)).concerns == [c]) }
        for k in ContactKind.allCases { #expect(ContactKind(sheet: k.sheetName) == k) }
    }
}

import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

/// Children, mentors and one pairing in a database, and a pairings sheet breaking every rule once.
enum PairingFixture {
    static let idA = validID("2015-03-07", male: true, seq: 1)
    static let idB = validID("2016-04-04", male: false, seq: 2)
    static let idC = validID("2014-05-05", male: true, seq: 3)
    static let idArchived = validID("2013-06-06", male: false, seq: 4)
    static let idG = validID("2017-07-07", male: true, seq: 5)
    static let idNobody = validID("2012-01-01", male: true, seq: 9)
    /// M1 takes one child, M2 two, M3 is a teacher, M4 has left.
    static let m1 = "13900000001", m2 = "13900000002", m3 = "0838-2210003", m4 = "13900000004", unknownPhone = "13900009999"
    static let noIDName = "周杰", noIDBirth = "2016-05-01"

    struct Ids { var a, b, c, archived, noID, f, g: Int64; var m1, m2, m3, m4: Int64 }

    static func database() throws -> (AppDatabase, Ids) {
        let db = try AppDatabase.inMemory()
        func child(_ name: String, _ id: String?, birth: String? = nil, archived: Bool = false) throws -> Int64 {
            try db.addChild(Child(name: name, idNumber: id, birthDate: birth.flatMap(LocalDate.init(parsing:)),
                                  schoolName: "青山镇中心小学", className: "三年级(2)班", gridName: "青山村1组",
                                  address: name + "家", guardian: Guardian(name: name + "奶奶", relation: .paternalGrandmother,
                                                                         phone: "13700000000"),
                                  status: archived ? .archived : .active, archiveReason: archived ? .movedAway : nil,
                                  archivedOn: archived ? LocalDate(year: 2026, month: 7, day: 1) : nil), timestamp: "t")
        }
        func mentor(_ name: String, _ role: MentorRole, _ phone: String, capacity: Int? = nil) throws -> Int64 {
            try db.addMentor(Mentor(name: name, role: role, phone: phone, organisation: "青山村", gridName: "青山村1组",
                                    capacity: capacity), actor: "t", timestamp: "t")
        }
        let ids = Ids(a: try child("王小明", idA), b: try child("王小红", idB), c: try child("赵强", idC),
                      archived: try child("孙丽", idArchived, archived: true), noID: try child(noIDName, nil, birth: noIDBirth),
                      f: try child("冯雪", nil, birth: "2016-09-09"), g: try child("郑红", idG),
                      m1: try mentor("李秀英", .volunteer, m1, capacity: 1), m2: try mentor("陈芳", .caringMother, m2, capacity: 2),
                      m3: try mentor("王老师", .teacher, m3), m4: try mentor("刘强", .volunteer, m4))
        try db.markMentorLeft(id: ids.m4, on: LocalDate(year: 2026, month: 8, day: 31)!, actor: "t", timestamp: "t")
        try db.pair(child: ids.a, mentor: ids.m2, role: .primary, start: LocalDate(year: 2026, month: 9, day: 1)!, actor: "t", timestamp: "t")
        return (db, ids)
    }

    static let header = ["序号", "儿童姓名", "儿童身份证号", "出生日期", "帮扶人", "帮扶人电话", "结对角色", "开始日期", "结束日期",
                         "结束原因", "超额理由", "填表人"]

    static func line(_ n: String, _ child: String, _ id: String, birth: String = "", _ mentor: String, _ phone: String,
                     _ role: String, _ start: String, end: String = "", reason: String = "", override: String = "") -> [String] {
        [n, child, id, birth, mentor, phone, role, start, end, reason, override, "村委会"]
    }

    /// Spreadsheet rows (row numbers in the comments) and what becomes of each.
    static var rows: [[String]] {
        [
            ["青山村结对名单"],                                                                                  // 1
            header,                                                                                            // 2
            line("1", "王小明", idA, "陈芳", m2, "一对一", "2026-09-01"),                                          // 3: already in the database
            line("2", "王小红", idB, "李秀英", m1, "一对一帮扶", "2026-09-01"),                                     // 4: imported; M1 now full
            line("3", "赵强", idC, "李秀英", m1, "主帮扶人", "2026-09-02"),                                        // 5: capacity
            line("4", "王小红", idB, "陈芳", m2, "primary", "2026-09-03"),                                        // 6: second primary
            line("5", "无名", idNobody, "陈芳", m2, "一对一", "2026-09-01"),                                        // 7: unknown child
            line("6", "赵强", idC, "某人", unknownPhone, "一对一", "2026-09-01"),                                  // 8: unknown mentor
            line("7", "赵强", idC, "王老师", m3, "班主任", "2026-09-01", end: "2026-08-01", reason: "改派"),          // 9: end before start
            line("8", "孙丽", idArchived, "王老师", m3, "班主任", "2026-09-01"),                                    // 10: child archived
            line("9", "赵强", idC, "刘强", m4, "一对一", "2026-09-01"),                                            // 11: mentor left
            line("10", noIDName, "", birth: noIDBirth, "王老师", m3, "class_teacher", "2026/9/1"),               // 12: imported, found by name + birth
            line("11", "赵强", idC, "陈芳", m2, "一对一", "2025-09-01", end: "2026-06-30", reason: "改派"),          // 13: imported (history)
            line("12", "王小红", idB, "李秀英", "139-0000-0001", "一对一", "2026.09.01"),                          // 14: repeats row 4
            line("13", "赵强", idC, "李秀英", m1, "一对一", "2026-09-05", override: "同村，住得近"),                  // 15: imported over capacity
            line("14", "孙丽", idArchived, "刘强", m4, "一对一", "2025-03-01", end: "2025-12-31", reason: "帮扶人离开"), // 16: imported (history)
            line("15", "冯雪", "", birth: "2016-09-09", "陈芳", m2, "学习帮手", "2026-09-01", reason: "其他"),        // 17: reason without end date
            line("16", "错名", idG, "王老师", m3, "班主任", "2026-09-01"),                                         // 18: imported, name warning
        ]
    }

    static func text(newline: String = "\r\n") -> String { rows.map(csvLine).joined(separator: newline) + newline }

    static let importedRows = [4, 12, 13, 15, 16, 18]
    static let rejectedRows = [5, 6, 7, 8, 9, 10, 11, 17]
}

func importPairings(_ data: Data, into db: AppDatabase, dryRun: Bool = false, strict: Bool = false) throws -> PairingImportResult {
    try PairingImport.run(try PairingReader.read(data), into: db, options: importOptions("结对.csv", dryRun: dryRun, strict: strict))
}

@Suite("Pairing import")
struct PairingSheetTests {
    func status(_ r: PairingImportResult, row: Int) -> SheetRowStatus? {
        r.sheet.rows.firstIndex { $0.row == row }.map { r.statuses[$0] }
    }

    func issues(_ r: PairingImportResult, row: Int) -> [SheetIssue<PairingColumn>] {
        r.sheet.rows.first { $0.row == row }?.issues ?? []
    }

    @Test func everyRuleRejectsItsRowWithItsReason() throws {
        let (db, _) = try PairingFixture.database()
        let r = try importPairings(gb18030(PairingFixture.text()), into: db)
        #expect(r.sheet.encoding == .gb18030)
        #expect(r.sheet.header.unknown.map(\.header) == ["填表人"])
        #expect((r.read, r.imported, r.duplicates, r.rejected) == (16, 6, 2, 8))
        for row in PairingFixture.importedRows {
            guard case .imported = status(r, row: row) else { Issue.record("row \(row): \(String(describing: status(r, row: row)))"); continue }
        }
        #expect(PairingFixture.rejectedRows.allSatisfy { status(r, row: $0) == .rejected })
        #expect(issues(r, row: 5) == [SheetIssue(.mentorPhone, .rule(.capacityReached(limit: 1, current: 1)))])
        #expect(issues(r, row: 6) == [SheetIssue(.role, .rule(.childAlreadyHasPrimary))])
        #expect(issues(r, row: 7) == [SheetIssue(.childIDNumber, .rule(.unknownChild))])
        #expect(issues(r, row: 8) == [SheetIssue(.mentorPhone, .rule(.unknownMentor))])
        #expect(issues(r, row: 9) == [SheetIssue(.end, .rule(.endBeforeStart))])
        #expect(issues(r, row: 10) == [SheetIssue(.childIDNumber, .rule(.childArchived))])
        #expect(issues(r, row: 11) == [SheetIssue(.mentorPhone, .rule(.mentorLeft))])
        #expect(issues(r, row: 17) == [SheetIssue(.end, .required)])
        #expect(issues(r, row: 18) == [SheetIssue(.childName, .nameDiffers)], "a warning: the row is imported")
        #expect(status(r, row: 3) == .duplicateInDatabase)
        #expect(status(r, row: 14) == .duplicateInFile(firstRow: 4))
        #expect(r.succeeded)
        #expect(try db.count("pairing") == 1 + 6)
    }

    @Test func whatIsWrittenKeepsTheRules() throws {
        let (db, ids) = try PairingFixture.database()
        _ = try importPairings(utf8BOM(PairingFixture.text()), into: db)
        #expect(try db.primaryMentorID(childID: ids.b) == ids.m1)
        #expect(try db.primaryMentorID(childID: ids.c) == ids.m1, "row 15, over capacity with a reason")
        let overrides = try db.capacityOverrides()
        #expect(overrides.map(\.pairing.overrideReason) == ["同村，住得近"])
        #expect(overrides.first?.pairing.childID == ids.c)
        let noID = try db.pairings(childID: ids.noID)
        #expect(noID.map(\.pairing.role) == [.classTeacher])
        #expect(noID.first?.pairing.start == LocalDate(year: 2026, month: 9, day: 1))
        #expect(noID.first?.actor == "tester")
        let history = try db.pairings(childID: ids.c).filter { !$0.pairing.isActive }
        #expect(history.map(\.pairing.endReason) == [.reassigned])
        #expect(history.first?.pairing.end == LocalDate(year: 2026, month: 6, day: 30))
        // History of an archived child with a mentor who left is recorded as it was.
        let archived = try db.pairings(childID: ids.archived)
        #expect(archived.map(\.pairing.endReason) == [.mentorLeft])
    }

    @Test func reRunningAddsNothing() throws {
        let (db, _) = try PairingFixture.database()
        let data = utf8BOM(PairingFixture.text())
        _ = try importPairings(data, into: db)
        let before = try db.count("pairing")
        let again = try importPairings(data, into: db)
        #expect(again.imported == 0)
        #expect(again.duplicates == 8)
        #expect(PairingFixture.importedRows.allSatisfy { status(again, row: $0) == .duplicateInDatabase })
        #expect(try db.count("pairing") == before)
    }

    @Test func strictWritesNothingEvenWhenOnlyARuleRefuses() throws {
        let (db, ids) = try PairingFixture.database()
        let strict = try importPairings(utf8BOM(PairingFixture.text()), into: db, strict: true)
        #expect(strict.refusedByStrict && !strict.succeeded)
        #expect(try db.count("pairing") == 1)
        // Every row readable; one refused by the capacity rule, found only while writing.
        let rows = [PairingFixture.header,
                    PairingFixture.line("1", "王小红", PairingFixture.idB, "李秀英", PairingFixture.m1, "一对一", "2026-09-01"),
                    PairingFixture.line("2", "赵强", PairingFixture.idC, "李秀英", PairingFixture.m1, "一对一", "2026-09-01")]
        let data = Data((rows.map(csvLine).joined(separator: "\n") + "\n").utf8)
        let r = try importPairings(data, into: db, strict: true)
        #expect(r.refusedByStrict)
        #expect(r.rejected == 1 && r.imported == 0)
        #expect(r.statuses.first == .notWritten)
        #expect(try db.count("pairing") == 1)
        #expect(try db.primaryMentorID(childID: ids.b) == nil)
        // Without --strict the good row is written.
        let loose = try importPairings(data, into: db)
        #expect((loose.imported, loose.rejected) == (1, 1))
        #expect(try db.primaryMentorID(childID: ids.b) == ids.m1)
    }

    @Test func dryRunCountsButWritesNothing() throws {
        let (db, _) = try PairingFixture.database()
        let dry = try importPairings(utf8BOM(PairingFixture.text()), into: db, dryRun: true)
        #expect((dry.imported, dry.duplicates, dry.rejected) == (6, 2, 8))
        #expect(try db.count("pairing") == 1)
    }

    @Test func aChildWithoutIDNumberMustBeUnique() throws {
        let (db, _) = try PairingFixture.database()
        // A second child with the same name and birth date, also without ID number.
        _ = try db.addChild(Child(name: PairingFixture.noIDName, birthDate: LocalDate(parsing: PairingFixture.noIDBirth),
                                  address: "别处"), timestamp: "t")
        let rows = [PairingFixture.header,
                    PairingFixture.line("1", PairingFixture.noIDName, "", birth: PairingFixture.noIDBirth, "王老师",
                                        PairingFixture.m3, "班主任", "2026-09-01"),
                    PairingFixture.line("2", PairingFixture.noIDName, "", "王老师", PairingFixture.m3, "班主任", "2026-09-01")]
        let r = try importPairings(Data((rows.map(csvLine).joined(separator: "\n") + "\n").utf8), into: db)
        #expect(issues(r, row: 2) == [SheetIssue(.childName, .ambiguousChild(count: 2))])
        #expect(issues(r, row: 3) == [SheetIssue(.childIDNumber, .required)], "no ID number and no birth date")
        #expect(r.rejected == 2)
    }

    @Test func badValuesAreRejectedByColumn() throws {
        let (db, _) = try PairingFixture.database()
        let rows = [PairingFixture.header,
                    PairingFixture.line("1", "王小红", PairingFixture.idB, "李秀英", "1390000", "一对一", "2026-09-01"),
                    PairingFixture.line("2", "王小红", badCheckID("2016-04-04", male: false), "李秀英", PairingFixture.m1, "一对一", "2026-09-01"),
                    PairingFixture.line("3", "王小红", PairingFixture.idB, "李秀英", PairingFixture.m1, "老乡", "九月"),
                    PairingFixture.line("4", "王小红", PairingFixture.idB, "李秀英", PairingFixture.m1, "", "", end: "2026-13-01",
                                        reason: "吵架")]
        let r = try importPairings(Data((rows.map(csvLine).joined(separator: "\n") + "\n").utf8), into: db)
        #expect(issues(r, row: 2) == [SheetIssue(.mentorPhone, .phone)])
        #expect(issues(r, row: 3).map(\.column) == [.childIDNumber])
        #expect(issues(r, row: 4) == [SheetIssue(.role, .choice("老乡")), SheetIssue(.start, .date)])
        #expect(issues(r, row: 5) == [SheetIssue(.role, .required), SheetIssue(.start, .required),
                                      SheetIssue(.end, .noSuchDate(year: 2026, month: 13, day: 1)),
                                      SheetIssue(.endReason, .choice("吵架"))])
        #expect(r.rejected == 4 && !r.succeeded)
    }

    @Test func aFileWithoutTheKeyColumnsIsRefused() throws {
        #expect(throws: SheetReadError.missingColumns(["儿童身份证号", "帮扶人电话"])) {
            try PairingReader.read(Data("儿童姓名,开始日期\n王小明,2026-09-01\n".utf8))
        }
    }

    @Test(arguments: [("一对一", PairRole.primary), ("一对一帮扶", .primary), ("主帮扶人", .primary), ("班主任", .classTeacher),
                      ("学习帮手", .studentHelper), ("class_teacher", .classTeacher), ("student_helper", .studentHelper),
                      ("primary", .primary)])
    func pairRoleWords(word: String, role: PairRole) {
        #expect(PairingValues.role(word) == role)
    }

    @Test(arguments: [("帮扶人离开", PairingEndReason.mentorLeft), ("儿童归档", .childArchived), ("改派", .reassigned),
                      ("儿童迁出", .childMoved), ("其他", .other), ("mentor_left", .mentorLeft), ("child_moved", .childMoved)])
    func endReasonWords(word: String, reason: PairingEndReason) {
        #expect(PairingValues.endReason(word) == reason)
    }
}

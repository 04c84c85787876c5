import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

/// A roster as communities keep them: a title row, aliases, a numbering column, an unknown column,
/// stray spaces, quoted commas and line breaks, blank rows, duplicates and bad rows. Generated
/// here, then saved as GB18030, UTF-8 with BOM + CRLF, and plain UTF-8 + LF.
enum MessyRoster {
    static let header = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号码", "学校", "班级", "网格", "住址", "监护人",
                         "监护人关系", "联系电话", "父亲姓名", "父亲务工地", "母亲姓名", "母亲务工地", "留守类型", "是否困境儿童",
                         "是否残疾", "健康状况", "兴趣爱好", "备注", "填表人"]
    static let id1 = validID("2015-03-07", male: true, seq: 1)
    static let id2 = validID("2017-08-20", male: false, seq: 2)
    static let id11 = validID("2014-11-30", male: false, seq: 11)

    static func line(_ n: String, _ name: String, sex: String = "男", birth: String = "", id: String = "",
                     school: String = "青山镇中心小学", cls: String = "三年级(2)班", address: String = "青山村1组12号",
                     guardian: String = "王国福", relation: String = "爷爷", phone: String = "13912345678",
                     interests: String = "画画", notes: String = "") -> [String] {
        [n, name, sex, "汉", birth, id, school, cls, "青山村1组", address, guardian, relation, phone, "王大军", "广东省东莞市",
         "李春梅", "浙江省义乌市", "父母均外出", "否", "否", "良好", interests, notes, "村委会"]
    }

    /// Spreadsheet rows: 1 title, 2 header, then the data (row numbers in the comments).
    static var rows: [[String]] {
        [
            ["青山村留守儿童花名册（2026年秋季）"],                                                         // 1
            header,                                                                                     // 2
            line("1", " 王小明 ", birth: "2015.03", id: id1, address: " 青山村1组12号 ", interests: "画画,唱歌",
                 notes: "父母春节回家\n需要学习辅导"),                                                       // 3: imported
            line("2", "王小红", sex: "女", birth: "2017-08-20", id: id2),                                   // 4: imported, same home
            [],                                                                                         // 5: blank
            line("4", "赵强", id: badCheckID("2016-02-02", male: true)),                                  // 6: bad check character
            line("5", "孙丽", sex: "女", birth: "2016-06-06", phone: "1391234"),                          // 7: bad phone
            line("6", "王小明", birth: "2015-03-07", id: id1),                                            // 8: repeats row 3
            line("7", "周杰", birth: "2016-05-01", address: "青山村2组3号", guardian: "周母", relation: "母亲",
                 phone: "13800001111"),                                                                 // 9: imported, no ID
            line("8", "周杰", birth: "2016-05-01", address: "青山村2组3号", guardian: "周母", relation: "母亲",
                 phone: "13800001111"),                                                                 // 10: repeats row 9
            line("9", "吴敏", sex: "未知", birth: "2016-01-01"),                                          // 11: unknown sex
            line("10", "", birth: "2016-01-01"),                                                        // 12: no name
            line("11", "郑红", sex: "男", id: id11.lowercased(), address: "青山村3组8号", guardian: "郑奶奶",
                 relation: "奶奶", phone: "13700002222"),                                               // 13: imported, sex warning
            Array(repeating: "", count: header.count),                                                  // 14: ,,,, blank
            line("13", "冯雪", sex: "女", birth: "2016-09-09", address: "青山村4组1号", guardian: "冯爷爷",
                 phone: "13600003333", notes: "他说\"谢谢\""),                                           // 15: imported
            line("14", "陈晨", birth: "2016-10-10", school: "", cls: "二年级1班"),                         // 16: class without school
        ]
    }

    static func text(newline: String) -> String {
        rows.map(csvLine).joined(separator: newline) + newline
    }

    static let read = 12, imported = 5, duplicates = 2, rejected = 5
    static let rejectedRows = [6, 7, 11, 12, 16]
    static let importedRows = [3, 4, 9, 13, 15]
}

@Suite("Importing a messy roster")
struct MessyImportTests {
    static let variants: [(String, Data)] = [
        ("GB18030 CRLF", gb18030(MessyRoster.text(newline: "\r\n"))),
        ("UTF-8 BOM CRLF", utf8BOM(MessyRoster.text(newline: "\r\n"))),
        ("UTF-8 LF", Data(MessyRoster.text(newline: "\n").utf8)),
    ]

    @Test(arguments: variants)
    func exactCountsRowsAndReasons(name: String, data: Data) throws {
        let db = try AppDatabase.inMemory()
        let result = try importData(data, into: db)
        #expect((result.read, result.imported, result.duplicates, result.rejected)
            == (MessyRoster.read, MessyRoster.imported, MessyRoster.duplicates, MessyRoster.rejected), "\(name)")
        #expect(result.succeeded)
        #expect(result.roster.header.row == 2)
        #expect(result.roster.header.unknown.map(\.header) == ["填表人"])
        let rows = zip(result.roster.rows, result.statuses)
        #expect(rows.filter { $0.1 == .rejected }.map(\.0.row) == MessyRoster.rejectedRows)
        #expect(rows.filter { if case .imported = $0.1 { return true } else { return false } }.map(\.0.row) == MessyRoster.importedRows)
        #expect(rows.compactMap { if case let .duplicateInFile(first, match) = $0.1 { return [$0.0.row, first, match == .idNumber ? 1 : 0] } else { return nil } }
            == [[8, 3, 1], [10, 9, 0]])

        // Reasons: row, column, problem.
        let rejects = result.notes.filter { $0.kind == .rejected }
        #expect(rejects.map(\.row) == [6, 7, 11, 12, 16])
        #expect(rejects.map(\.column) == [.field(.idNumber), .field(.guardianPhone), .field(.sex), .field(.name), .field(.school)])
        #expect(rejects[2].detail == .problem(.choice("未知")))
        #expect(rejects[3].detail == .problem(.required))
        let warnings = result.notes.filter { $0.kind == .warning }
        #expect(warnings.map(\.row) == [13])
        #expect(warnings.first?.detail == .problem(.sexContradictsID(.female)))

        #expect(try db.count("child") == 5)
        let ids = try db.rosterIDs()
        let children = try ids.compactMap { try db.child(id: $0) }
        let ming = try #require(children.first { $0.idNumber == MessyRoster.id1 })
        #expect(ming.name == "王小明")
        #expect(ming.address == "青山村1组12号")
        #expect(ming.birthDate == LocalDate(year: 2015, month: 3, day: 7))
        #expect(ming.ethnicity == "汉族")
        #expect(ming.interests == "画画,唱歌")
        #expect(ming.notes == "父母春节回家\n需要学习辅导")
        #expect(ming.guardian == Guardian(name: "王国福", relation: .paternalGrandfather, phone: "13912345678"))
        #expect(ming.leftBehindType == .bothAway)
        #expect(ming.schoolName == "青山镇中心小学" && ming.className == "三年级(2)班" && ming.gridName == "青山村1组")
        #expect(children.first { $0.name == "冯雪" }?.notes == "他说\"谢谢\"")
        #expect(children.first { $0.name == "郑红" }?.idNumber == MessyRoster.id11.uppercased())
    }

    @Test func reRunningAddsNothing() throws {
        let db = try AppDatabase.inMemory()
        let data = gb18030(MessyRoster.text(newline: "\r\n"))
        _ = try importData(data, into: db)
        let again = try importData(data, into: db)
        #expect((again.imported, again.duplicates, again.rejected) == (0, 7, 5))
        #expect(again.statuses.filter { if case .duplicateInDatabase = $0 { return true } else { return false } }.count == 7)
        #expect(!again.succeeded, "nothing imported and rows rejected")
        #expect(try db.count("child") == 5)
        #expect(try db.count("child_history") == 5)
    }

    @Test func siblingsShareAHouseholdAndGuardian() throws {
        let db = try AppDatabase.inMemory()
        let result = try importData(utf8BOM(MessyRoster.text(newline: "\r\n")), into: db)
        let created = result.statuses.compactMap { if case .imported(let id) = $0 { return id } else { return nil } }
        let homes = try created.map { try db.householdAndGuardian(child: $0) }
        #expect(homes[0] == homes[1], "王小明 and 王小红: same address and guardian")
        #expect(Set(homes.map { $0.0 }).count == 4)
        #expect(try db.count("household") == 4)
        #expect(try db.count("guardian") == 4)
        // A later import of a third sibling joins the same home.
        let third = csvLine(MessyRoster.header) + "\n"
            + csvLine(MessyRoster.line("1", "王小刚", birth: "2019-01-01", id: validID("2019-01-01", male: true, seq: 5))) + "\n"
        let later = try importData(Data(third.utf8), into: db)
        guard case .imported(let id) = later.statuses.first else { Issue.record("\(later.statuses)"); return }
        #expect(try db.householdAndGuardian(child: id) == homes[0])
    }

    @Test func historyRecordsTheFileAndActor() throws {
        let db = try AppDatabase.inMemory()
        let result = try importData(Data(MessyRoster.text(newline: "\n").utf8), into: db)
        let created = result.statuses.compactMap { if case .imported(let id) = $0 { return id } else { return nil } }
        let history = try db.history()
        #expect(history.map(\.child) == created)
        #expect(history.allSatisfy { $0.actor == "tester" && $0.field == "created" && $0.new == "import:花名册.csv" })
    }

    @Test func strictWritesNothingWhenARowIsRejected() throws {
        let db = try AppDatabase.inMemory()
        let result = try importData(gb18030(MessyRoster.text(newline: "\r\n")), into: db, strict: true)
        #expect(result.refusedByStrict)
        #expect(!result.succeeded)
        #expect(result.rejected == 5 && result.imported == 0)
        #expect(try db.count("child") == 0)
        #expect(try db.count("household") == 0)
        // With only good rows, strict imports.
        let good = csvLine(MessyRoster.header) + "\n" + csvLine(MessyRoster.line("1", "王小明", id: MessyRoster.id1)) + "\n"
        let ok = try importData(Data(good.utf8), into: db, strict: true)
        #expect(ok.succeeded && ok.imported == 1)
    }

    @Test func dryRunCountsExactlyButWritesNothing() throws {
        let db = try AppDatabase.inMemory()
        let dry = try importData(gb18030(MessyRoster.text(newline: "\r\n")), into: db, dryRun: true)
        #expect((dry.imported, dry.duplicates, dry.rejected) == (5, 2, 5))
        #expect(dry.succeeded)
        for table in ["child", "household", "guardian", "child_history", "school", "grid"] {
            #expect(try db.count(table) == 0, "\(table)")
        }
    }

    @Test func anIDNumberAddedLaterDoesNotCreateASecondFile() throws {
        let db = try AppDatabase.inMemory()
        let without = csvLine(MessyRoster.header) + "\n" + csvLine(MessyRoster.line("1", "王小明", birth: "2015-03-07")) + "\n"
        #expect(try importData(Data(without.utf8), into: db).imported == 1)
        let with = csvLine(MessyRoster.header) + "\n" + csvLine(MessyRoster.line("1", "王小明", birth: "2015-03-07", id: MessyRoster.id1)) + "\n"
        let second = try importData(Data(with.utf8), into: db)
        #expect(second.statuses == [.duplicateInDatabase(.profile)])
        #expect(try db.count("child") == 1)
    }
}

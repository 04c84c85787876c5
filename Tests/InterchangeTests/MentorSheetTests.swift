import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

/// A mentors sheet as a community keeps it: a title row, aliases (帮扶人姓名, 身份, 手机号, 网格, 工作单位,
/// 结对上限), a numbering column, an unknown column, and good, bad and duplicate rows.
enum MentorFixture {
    static let header = ["序号", "帮扶人姓名", "身份", "手机号", "网格", "工作单位", "结对上限", "状态", "离开日期", "备注"]
    static let inDatabasePhone = "13912340008"

    static func line(_ n: String, _ name: String, _ role: String, _ phone: String, grid: String = "青山村1组",
                     unit: String = "青山村妇联", capacity: String = "", status: String = "", left: String = "") -> [String] {
        [n, name, role, phone, grid, unit, capacity, status, left, "—"]
    }

    /// Spreadsheet rows (row numbers in the comments).
    static var rows: [[String]] {
        [
            ["青山村帮扶人名册"],                                                                   // 1
            header,                                                                               // 2
            line("1", " 李秀英 ", "爱心妈妈", "13912340001", capacity: "2"),                     // 3: imported
            line("2", "王老师", "班主任", "0838-2212345", unit: "青山镇中心小学, 三年级"),          // 4: imported, rule capacity
            line("3", "张三", "志愿者", "1391234"),                                               // 5: bad phone
            line("4", "李四", "领导", "13912340004"),                                             // 6: unknown role
            line("5", "李秀英", "志愿者", "139-1234-0001"),                                        // 7: repeats row 3's phone
            line("6", "赵六", "volunteer", inDatabasePhone),                                     // 8: phone already in the database
            [],                                                                                   // 9: blank
            line("7", "", "志愿者", "13912340010"),                                               // 10: no name
            line("8", "孙七", "caring mother", "13912340011", capacity: "三"),                    // 11: capacity not a number
            line("9", "周八", "学习帮手", "13912340012", status: "已离开"),                        // 12: left without a date
            line("10", "吴九", "社会工作者", "１３９１２３４００１３", left: "2026/6/30"),           // 13: imported, left
            line("11", "郑十", "proxy_parent", "13912340014", grid: "", unit: "", capacity: "1人"), // 14: imported
        ]
    }

    static func text(newline: String = "\r\n") -> String { rows.map(csvLine).joined(separator: newline) + newline }

    static let importedRows = [3, 4, 13, 14]
    static let rejectedRows = [5, 6, 10, 11, 12]

    /// A database with one mentor already there (row 8's phone) and a rule of 45 children for teachers.
    static func database() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.setCapacity(45, for: .teacher, actor: "t", timestamp: "t")
        try db.addMentor(Mentor(name: "赵六", role: .volunteer, phone: inDatabasePhone), actor: "t", timestamp: "t")
        return db
    }
}

func importMentors(_ data: Data, into db: AppDatabase, dryRun: Bool = false, strict: Bool = false,
                   file: String = "帮扶人.csv") throws -> MentorImportResult {
    try MentorImport.run(try MentorReader.read(data), into: db, options: importOptions(file, dryRun: dryRun, strict: strict))
}

@Suite("Mentor import")
struct MentorSheetTests {
    func status(_ r: MentorImportResult, row: Int) -> SheetRowStatus? {
        r.sheet.rows.firstIndex { $0.row == row }.map { r.statuses[$0] }
    }

    func issues(_ r: MentorImportResult, row: Int) -> [SheetIssue<MentorColumn>] {
        r.sheet.rows.first { $0.row == row }?.issues ?? []
    }

    @Test func aliasesTitleRowAndEveryKindOfRow() throws {
        let db = try MentorFixture.database()
        let r = try importMentors(utf8BOM(MentorFixture.text()), into: db)
        #expect(r.sheet.header.row == 2)
        #expect(r.sheet.header.unknown.map(\.header) == ["备注"])
        #expect(Set(r.sheet.header.columns.values) == Set(MentorColumn.allCases))
        #expect((r.read, r.imported, r.duplicates, r.rejected) == (11, 4, 2, 5))
        for row in MentorFixture.importedRows {
            guard case .imported = status(r, row: row) else { Issue.record("row \(row): \(String(describing: status(r, row: row)))"); continue }
        }
        #expect(MentorFixture.rejectedRows.allSatisfy { status(r, row: $0) == .rejected })
        #expect(issues(r, row: 5) == [SheetIssue(.phone, .phone)])
        #expect(issues(r, row: 6) == [SheetIssue(.role, .choice("领导"))])
        #expect(issues(r, row: 10) == [SheetIssue(.name, .required)])
        #expect(issues(r, row: 11) == [SheetIssue(.capacity, .choice("三"))])
        #expect(issues(r, row: 12) == [SheetIssue(.leftOn, .required)])
        #expect(status(r, row: 7) == .duplicateInFile(firstRow: 3))
        #expect(status(r, row: 8) == .duplicateInDatabase)
        #expect(r.succeeded)
        #expect(try db.count("mentor") == 5)
    }

    @Test func valuesAreStoredAsTheSheetSaysAndBlankCapacityFollowsTheRule() throws {
        let db = try MentorFixture.database()
        _ = try importMentors(utf8BOM(MentorFixture.text()), into: db)
        let byPhone = Dictionary(uniqueKeysWithValues: try db.mentorsForExport().map { ($0.phone, $0) })
        let li = try #require(byPhone["13912340001"])
        #expect((li.name, li.role, li.capacity, li.gridName, li.organisation) == ("李秀英", .caringMother, 2, "青山村1组", "青山村妇联"))
        let teacher = try #require(byPhone["0838-2212345"])
        #expect(teacher.role == .teacher)
        #expect(teacher.capacity == 45, "blank capacity: the community's rule for teachers")
        #expect(teacher.organisation == "青山镇中心小学, 三年级")
        let wu = try #require(byPhone["13912340013"], "full-width digits read as ASCII")
        #expect((wu.role, wu.status, wu.leftOn) == (.socialWorker, .left, LocalDate(year: 2026, month: 6, day: 30)))
        #expect(wu.capacity == MentorRole.socialWorker.defaultCapacity)
        let zheng = try #require(byPhone["13912340014"])
        #expect((zheng.role, zheng.capacity, zheng.gridName, zheng.organisation) == (.proxyParent, 1, nil, ""))
        // Each new mentor has its history line.
        let id = try #require(try db.findMentor(phone: "13912340001"))
        let history = try db.mentorHistory(id: id)
        #expect(history.map(\.field) == ["created"])
        #expect(history.first?.new == "import:帮扶人.csv")
        #expect(history.first?.actor == "tester")
        // Found by search like any mentor.
        #expect(try db.mentorIDs(search: "lxy").contains(id))
    }

    @Test func gb18030FileReadsTheSame() throws {
        let db = try MentorFixture.database()
        let sheet = try MentorReader.read(gb18030(MentorFixture.text()))
        #expect(sheet.encoding == .gb18030)
        let r = try MentorImport.run(sheet, into: db, options: importOptions("帮扶人.csv"))
        #expect((r.read, r.imported, r.duplicates, r.rejected) == (11, 4, 2, 5))
        #expect(try db.mentorsForExport().contains { $0.name == "李秀英" && $0.role == .caringMother })
        // Asking for the wrong encoding fails the whole file.
        #expect(throws: SheetReadError.file(.wrongEncoding(asked: .utf8, looksLike: .gb18030))) {
            try MentorReader.read(gb18030(MentorFixture.text()), encoding: .utf8)
        }
    }

    @Test func reRunningAddsNothing() throws {
        let db = try MentorFixture.database()
        let data = utf8BOM(MentorFixture.text())
        _ = try importMentors(data, into: db)
        let again = try importMentors(data, into: db)
        #expect((again.imported, again.duplicates, again.rejected) == (0, 6, 5))
        #expect(!again.succeeded, "rows are still rejected and nothing could be imported: exit 1, as for children")
        #expect(try db.count("mentor") == 5)
        #expect(try db.count("mentor_history") == 5)
    }

    @Test func strictWritesNothingAndDryRunWritesNothing() throws {
        let db = try MentorFixture.database()
        let data = utf8BOM(MentorFixture.text())
        let strict = try importMentors(data, into: db, strict: true)
        #expect(strict.refusedByStrict && !strict.succeeded)
        #expect(strict.imported == 0)
        #expect(try db.count("mentor") == 1)
        let dry = try importMentors(data, into: db, dryRun: true)
        #expect((dry.imported, dry.duplicates, dry.rejected) == (4, 2, 5))
        #expect(try db.count("mentor") == 1)
        #expect(try db.count("mentor_history") == 1)
    }

    @Test func notesNameRowColumnAndReason() throws {
        let db = try MentorFixture.database()
        let r = try importMentors(utf8BOM(MentorFixture.text()), into: db)
        let notes = r.notes
        #expect(notes.first == SheetNote(row: 2, kind: .unknownColumn, column: nil, detail: .unknownColumn(header: "备注"), name: ""))
        #expect(notes.contains(SheetNote(row: 5, kind: .rejected, column: .phone, detail: .problem(.field(.phone)), name: "张三")))
        #expect(notes.contains(SheetNote(row: 7, kind: .duplicate, column: .phone, detail: .duplicateInFile(firstRow: 3), name: "李秀英")))
        #expect(notes.contains(SheetNote(row: 8, kind: .duplicate, column: .phone, detail: .duplicateInDatabase, name: "赵六")))
        #expect(notes.count == 1 + 5 + 2)
    }

    @Test func headerWithoutNameColumnFailsTheFile() throws {
        #expect(throws: SheetReadError.file(.missingNameColumn)) { try MentorReader.read(Data("电话,角色\n13912340001,志愿者\n".utf8)) }
        #expect(throws: SheetReadError.file(.empty)) { try MentorReader.read(Data("\n,,\n".utf8)) }
    }

    @Test(arguments: [
        ("爱心妈妈", MentorRole.caringMother), ("代理家长", .proxyParent), ("志愿者", .volunteer), ("班主任", .teacher),
        ("教师", .teacher), ("班主任/教师", .teacher), ("学习帮手", .studentHelper), ("儿童主任", .childDirector),
        ("社工", .socialWorker), ("caring_mother", .caringMother), ("Social Worker", .socialWorker), ("child-director", .childDirector),
    ])
    func roleWords(word: String, role: MentorRole) {
        #expect(MentorValues.role(word) == role)
    }

    @Test func exportedWordsAreTheCatalogs() throws {
        let zh = try zhCatalog()
        for role in MentorRole.allCases {
            #expect(MentorValues.label(role) == zh["mrole." + role.rawValue])
            #expect(MentorValues.role(MentorValues.label(role)) == role)
        }
        for column in MentorColumn.allCases where zh["mf." + column.rawValue] != nil {
            #expect(column.header == zh["mf." + column.rawValue])
        }
        #expect(Array(MentorColumn.allCases.prefix(6)).allSatisfy { zh["mf." + $0.rawValue] != nil })
        #expect(MentorValues.label(.left) == zh["mentor.status_left"])
        for status in MentorStatus.allCases { #expect(MentorValues.status(MentorValues.label(status)) == status) }
        for role in PairRole.allCases {
            #expect(PairingValues.label(role) == zh["prole." + role.rawValue])
            #expect(PairingValues.role(PairingValues.label(role)) == role)
        }
        for reason in PairingEndReason.allCases {
            #expect(PairingValues.label(reason) == zh["pend." + reason.rawValue])
            #expect(PairingValues.endReason(PairingValues.label(reason)) == reason)
        }
    }
}

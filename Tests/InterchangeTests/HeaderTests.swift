import Domain
import Foundation
import Testing
@testable import Interchange

@Suite("Headers, aliases and the words of the roster")
struct HeaderTests {
    @Test(arguments: [
        ("姓名", ChildField.name), ("性别", .sex), ("民族", .ethnicity), ("出生日期", .birthDate), ("出生年月", .birthDate),
        ("身份证号", .idNumber), ("身份证号码", .idNumber), ("公民身份号码", .idNumber), ("就读学校", .school), ("学校", .school),
        ("年级班级", .className), ("班级", .className), ("所属网格", .grid), ("网格", .grid), ("家庭住址", .address),
        ("住址", .address), ("监护人姓名", .guardianName), ("监护人", .guardianName), ("与儿童关系", .guardianRelation),
        ("监护人关系", .guardianRelation), ("监护人电话", .guardianPhone), ("联系电话", .guardianPhone), ("父亲姓名", .fatherName),
        ("父亲务工地", .fatherWorkPlace), ("母亲姓名", .motherName), ("母亲务工地", .motherWorkPlace), ("留守类型", .leftBehindType),
        ("是否困境儿童", .hardship), ("是否残疾", .disability), ("健康状况", .health), ("兴趣爱好", .interests), ("备注", .notes),
        // Decorations spreadsheets add, and English headers.
        (" 姓 名 ", .name), ("*姓名", .name), ("身份证号码（18位）", .idNumber), ("出生日期(年月日)", .birthDate),
        ("Name", .name), ("Date of birth", .birthDate), ("ID number", .idNumber), ("guardian_phone", .guardianPhone),
        ("Parents away", .leftBehindType), ("Home address", .address),
    ])
    func aliasesNameTheirField(header: String, field: ChildField) {
        #expect(RosterColumns.column(forHeader: header) == .field(field), "\(header)")
    }

    @Test func everyFieldIsReadBackUnderItsOwnHeaderAndRawName() {
        for field in ChildField.allCases {
            #expect(RosterColumns.column(forHeader: RosterColumns.chineseHeader(field)) == .field(field))
            #expect(RosterColumns.column(forHeader: field.rawValue) == .field(field))
        }
    }

    @Test func headerMapReportsUnknownColumnsAndIgnoresNumbering() {
        let map = HeaderMap(record: CSVRecord(row: 2, fields: ["序号", "姓名", "填表人", "", "性别", "联系电话", "监护人电话", "年龄"]))
        #expect(map.row == 2)
        #expect(map.columns == [1: .field(.name), 4: .field(.sex), 5: .field(.guardianPhone)])
        // The second column naming the guardian's phone is reported, like an unknown one.
        #expect(map.unknown.map(\.header) == ["填表人", "监护人电话"])
        #expect(map.unknown.map(\.index) == [2, 6])
    }

    @Test func theHeaderRowMayFollowATitleRow() throws {
        let records = try CSVParser.parse(Array("青山村留守儿童花名册,,\n\n序号,姓名,性别\n1,张三,男\n".utf8))
        let map = try #require(HeaderMap.find(in: records))
        #expect(map.row == 3)
        #expect(map.columns[1] == .field(.name))
    }

    /// The export's headers and words are those of the zh-Hans catalog, so the roster reads the
    /// same on screen and in the spreadsheet; and FieldParsing reads each word back.
    @Test func headersAndWordsMatchTheCatalog() throws {
        let zh = try zhCatalog()
        for field in ChildField.allCases {
            #expect(RosterColumns.chineseHeader(field) == zh["cf." + field.rawValue], "cf.\(field.rawValue)")
        }
        #expect(RosterColumns.statusHeader == zh["field.status"])
        for sex in Sex.allCases {
            #expect(RosterValues.label(sex) == zh["sex." + sex.rawValue])
            #expect(FieldParsing.sex(RosterValues.label(sex)) == sex)
        }
        for r in GuardianRelation.allCases {
            #expect(RosterValues.label(r) == zh["relation." + r.rawValue])
            #expect(FieldParsing.relation(RosterValues.label(r)) == r)
        }
        for t in LeftBehindType.allCases {
            #expect(RosterValues.label(t) == zh["type." + t.rawValue])
            #expect(FieldParsing.leftBehindType(RosterValues.label(t)) == t)
        }
        for s in ChildStatus.allCases {
            #expect(RosterValues.label(s) == zh["status." + s.rawValue])
            #expect(RosterValues.status(RosterValues.label(s)) == s)
        }
        for a in ArchiveReason.allCases {
            #expect(RosterValues.label(a) == zh["archive." + a.rawValue])
            #expect(RosterValues.archiveReason(RosterValues.label(a)) == a)
        }
        #expect(RosterValues.label(true) == zh["value.yes"])
        #expect(RosterValues.label(false) == zh["value.no"])
        #expect(FieldParsing.yesNo(RosterValues.label(true)) == true)
        #expect(FieldParsing.yesNo(RosterValues.label(false)) == false)
    }
}

import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

@Suite("Export, and export → import → export")
struct RoundTripTests {
    /// A demo database: 300 synthetic children, some archived, some without ID number, siblings.
    func demo() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 300, seed: 7, referenceDate: today))
        return db
    }

    func export(_ db: AppDatabase, includeArchived: Bool) throws -> Data {
        RosterExport.csv(try db.childrenForExport(includeArchived: includeArchived), includeArchived: includeArchived)
    }

    @Test(arguments: [false, true])
    func exportImportExportGivesIdenticalFiles(includeArchived: Bool) throws {
        let source = try demo()
        let first = try export(source, includeArchived: includeArchived)
        let target = try AppDatabase.inMemory()
        let result = try importData(first, into: target)
        let expected = try source.childrenForExport(includeArchived: includeArchived).count
        #expect(result.read == expected)
        #expect(result.imported == expected, "\(result.notes.prefix(5))")
        #expect(result.rejected == 0 && result.duplicates == 0)
        let second = try export(target, includeArchived: includeArchived)
        #expect(second == first)
        // And the files are the same children, field by field.
        let a = try source.childrenForExport(includeArchived: includeArchived).map { c -> Child in var c = c; c.id = nil; return c }
        let b = try target.childrenForExport(includeArchived: includeArchived).map { c -> Child in var c = c; c.id = nil; return c }
        #expect(a == b)
    }

    @Test func archivedFilesAreLeftOutUnlessAsked() throws {
        let db = try demo()
        let all = try db.childrenForExport(includeArchived: true)
        let active = try db.childrenForExport(includeArchived: false)
        #expect(all.count == 300)
        #expect(active.count == all.filter { $0.status == .active }.count)
        #expect(active.count < all.count, "the demo has archived files")
        #expect(all.suffix(all.count - active.count).allSatisfy { $0.status == .archived }, "archived files come last")
    }

    @Test func csvIsUTF8WithBOMAndCRLFAndTheRosterHeaders() throws {
        let data = try export(demo(), includeArchived: false)
        let bytes = [UInt8](data)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == ChildField.allCases.map(RosterColumns.chineseHeader).joined(separator: ","))
        #expect(lines[0].hasPrefix("姓名,性别,民族,身份证号,出生日期,就读学校,年级班级,所属网格,家庭住址,监护人姓名,与儿童关系,监护人电话"))
        // Every LF belongs to a CRLF outside quotes (the demo has no line breaks inside values).
        #expect(text.utf8.filter { $0 == 0x0A }.count == lines.count - 1)
        // ID and phone numbers are kept as text for Excel: a tab inside the quotes.
        let first = try CSVParser.parse(Array(text.utf8))[1]
        #expect(first.fields.count == ChildField.allCases.count)
        #expect(lines[1].contains(",\"\t"))
    }

    @Test func exportWithArchivedAddsTheStatusColumns() throws {
        let data = try export(demo(), includeArchived: true)
        let header = String(decoding: [UInt8](data).dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")[0]
        #expect(header.hasSuffix(",备注,监护人同意日期,同意方式,档案状态,归档原因,归档日期"))
    }

    @Test func unusualValuesSurviveTheRoundTrip() throws {
        let source = try AppDatabase.inMemory()
        let tricky = Child(name: "欧阳,小\"雪\"", sex: .female, ethnicity: "土家族", idNumber: validID("2016-04-04", male: false),
                           birthDate: LocalDate(year: 2016, month: 4, day: 4), schoolName: "青山小学", className: "一年级(1)班",
                           gridName: "一组", address: "村口, 老槐树下", guardian: Guardian(name: "欧阳奶奶", relation: .paternalGrandmother,
                           phone: "0838-2212345", capacityNotes: "年迈\n不识字"),
                           father: Parent(name: "欧阳军", workPlace: "=外地", phone: "13912345678"), leftBehindType: .fatherAway,
                           hardship: true, notes: "第一行\n第二行\n\"引号\"，逗号,完", status: .archived, archiveReason: .movedAway,
                           archivedOn: LocalDate(year: 2026, month: 7, day: 1))
        _ = try source.addChild(tricky, timestamp: "t")
        let first = try export(source, includeArchived: true)
        let target = try AppDatabase.inMemory()
        #expect(try importData(first, into: target).imported == 1)
        #expect(try export(target, includeArchived: true) == first)
        var back = try #require(try target.childrenForExport(includeArchived: true).first)
        back.id = nil
        #expect(back == tricky)
    }

    @Test func jsonExport() throws {
        let children = try demo().childrenForExport(includeArchived: true)
        let data = RosterExport.json(children)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.count == children.count)
        let keys = Set(ChildField.allCases.map(\.rawValue) + ["status", "archive_reason", "archived_on"])
        #expect(array.allSatisfy { Set($0.keys) == keys })
        let first = array[0]
        #expect(first["name"] as? String == children[0].name)
        #expect(first["sex"] as? String == children[0].sex?.rawValue)
        #expect(first["hardship"] as? Bool == children[0].hardship)
        #expect(first["guardian_relation"] as? String == children[0].guardian?.relation?.rawValue)
        #expect(String(decoding: RosterExport.json([]), as: UTF8.self) == "[\n]\n")
    }
}

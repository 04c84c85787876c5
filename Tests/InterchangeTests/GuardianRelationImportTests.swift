import Domain
import Foundation
import GRDB
import Scheduling
import Testing
@testable import Interchange
@testable import Storage

/// A roster without 与儿童关系 must not make a relation up: the children's guardians stay of unknown
/// relation (NULL), the report counts them under 监护情况未填, and export → import keeps them so.
@Suite("Guardian relation left unknown by an import")
struct GuardianRelationImportTests {
    /// Three children with a guardian and no relation column: one guardian is the father by name.
    static let csv = """
        姓名,性别,出生日期,学校,班级,家庭住址,监护人姓名,监护人电话,父亲姓名
        张小雨,女,2016-03-04,青山小学,三年级(1)班,青山村1组2号,李秀英,13912345678,张大山
        王小明,男,2015-05-06,青山小学,四年级(1)班,青山村1组3号,王国福,13912345679,王建军
        刘小兵,男,2014-07-08,青山小学,五年级(1)班,青山村1组4号,刘大军,13912345670,刘大军

        """

    func relations(_ db: AppDatabase) throws -> [String: String?] {
        try db.writer.read { db in
            var out: [String: String?] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT name, guardian_relation FROM child") { out[r[0]] = r[1] as String? }
            return out
        }
    }

    @Test func importWithoutTheColumnKeepsTheRelationUnknown() throws {
        let db = try AppDatabase.inMemory()
        let result = try importData(utf8BOM(Self.csv), into: db)
        #expect(result.imported == 3 && result.rejected == 0)
        let stored = try relations(db)
        #expect(stored["张小雨"] == .some(nil))
        #expect(stored["王小明"] == .some(nil))
        // The name matching the father's still says father.
        #expect(stored["刘小兵"] == .some("father"))
        let read = try #require(try db.childrenForExport(includeArchived: false).first { $0.name == "张小雨" })
        #expect(read.guardian?.name == "李秀英")
        #expect(read.guardian?.relation == nil)
    }

    @Test func theReportCountsThemAsNotFilledNotAsPlacedWithOthers() throws {
        let db = try AppDatabase.inMemory()
        _ = try importData(utf8BOM(Self.csv), into: db)
        let period = try db.reportPeriod(try #require(ReportPeriod(parsing: "2026")))
        let f = try db.reportFigures(period: period, rules: .fiveOnes, today: today)
        #expect(f.children == 3)
        #expect(f.byCare[.unknown] == 2)
        #expect(f.byCare[.parents] == 1)
        #expect((f.byCare[.others] ?? 0) == 0)
    }

    @Test func exportAndImportAgainKeepTheRelationEmpty() throws {
        let source = try AppDatabase.inMemory()
        _ = try importData(utf8BOM(Self.csv), into: source)
        let first = RosterExport.csv(try source.childrenForExport(includeArchived: false), includeArchived: false)
        let text = String(decoding: [UInt8](first).dropFirst(3), as: UTF8.self)
        #expect(text.contains("与儿童关系"))
        #expect(!text.contains("其他"))
        let target = try AppDatabase.inMemory()
        #expect(try importData(first, into: target).imported == 3)
        #expect(try relations(target) == relations(source))
        let second = RosterExport.csv(try target.childrenForExport(includeArchived: false), includeArchived: false)
        #expect(second == first)
        // JSON says null, not a word.
        let json = try #require(try JSONSerialization.jsonObject(with: RosterExport.json(try target.childrenForExport(includeArchived: false))) as? [[String: Any]])
        let zhang = try #require(json.first { $0["name"] as? String == "张小雨" })
        #expect(zhang["guardian_relation"] is NSNull)
    }
}

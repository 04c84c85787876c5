import Domain
import Foundation
import Testing
@testable import Interchange

@Suite("From a spreadsheet row to a child file")
struct RowConversionTests {
    /// Reads a header line and one data line; returns the row.
    func row(_ header: [String], _ values: [String]) throws -> ImportRow {
        let text = csvLine(header) + "\r\n" + csvLine(values) + "\r\n"
        let roster = try RosterReader.read(Data(text.utf8), today: today)
        return try #require(roster.rows.first)
    }

    @Test func birthDateAndSexComeFromTheIDNumberWhenMissing() throws {
        let id = validID("2015-03-07", male: false)
        let r = try row(["姓名", "身份证号", "性别", "出生日期"], ["李小红", id.lowercased(), "", ""])
        let child = try #require(r.child)
        #expect(child.idNumber == id.uppercased())
        #expect(child.birthDate == LocalDate(year: 2015, month: 3, day: 7))
        #expect(child.sex == .female)
        #expect(r.issues.isEmpty)
    }

    /// A line break typed inside a cell (Alt+Enter) makes an address one line; a note keeps its lines.
    @Test func lineBreaksInACellStayOnlyInNotes() throws {
        let r = try row(["姓名", "家庭住址", "备注"], ["李小红", "白云村3组\n 18号", "第一行\n第二行"])
        let child = try #require(r.child)
        #expect(child.address == "白云村3组 18号")
        #expect(child.notes == "第一行\n第二行")
    }

    @Test func yearAndMonthOnlyTakeTheDayFromTheIDNumber() throws {
        let id = validID("2015-03-07", male: true)
        let ok = try row(["姓名", "身份证号", "出生年月"], ["王明", id, "2015.03"])
        #expect(ok.child?.birthDate == LocalDate(year: 2015, month: 3, day: 7))
        #expect(ok.issues.isEmpty)
        // A different month is a warning (the ID number wins), not a reject.
        let off = try row(["姓名", "身份证号", "出生年月"], ["王明", id, "2015年4月"])
        #expect(off.child?.birthDate == LocalDate(year: 2015, month: 3, day: 7))
        #expect(off.issues == [ImportIssue(.field(.birthDate), .birthDateContradictsID(LocalDate(year: 2015, month: 3, day: 7)!))])
        // Without an ID number a month is not a date.
        let none = try row(["姓名", "出生年月"], ["王明", "2015.03"])
        #expect(none.isRejected)
        #expect(none.issues == [ImportIssue(.field(.birthDate), .date)])
    }

    @Test(arguments: ["2015-03-07", "20150307", "2015/3/7", "2015.3.7", "2015年3月7日", "2015/3/7 0:00", "42070", "２０１５-０３-０７"])
    func datesAsSpreadsheetsWriteThem(text: String) throws {
        let r = try row(["姓名", "出生日期"], ["王明", text])
        #expect(r.child?.birthDate == LocalDate(year: 2015, month: 3, day: 7), "\(text)")
    }

    @Test func numbersAreCleanedOfSpreadsheetArtefacts() throws {
        let id = validID("2016-01-02", male: true)
        let r = try row(["姓名", "身份证号", "监护人", "联系电话", "父亲电话", "母亲电话"],
                        ["张三", "'" + id, "张奶奶", "139 1234 5678", "=\"13812345678\"", "１３７１２３４５６７８"])
        let child = try #require(r.child)
        #expect(child.idNumber == id)
        #expect(child.guardian?.phone == "13912345678")
        #expect(child.father.phone == "13812345678")
        #expect(child.mother.phone == "13712345678")
        let dashed = try row(["姓名", "联系电话", "监护人"], ["张三", "139-1234-5678", "李四"])
        #expect(dashed.child?.guardian?.phone == "13912345678")
        let landline = try row(["姓名", "联系电话", "监护人"], ["张三", "0838-2212345", "李四"])
        #expect(landline.child?.guardian?.phone == "0838-2212345")
    }

    @Test func guardianRules() throws {
        // No relation: the father when the name is the father's, else unknown (never a made-up 其他).
        let father = try row(["姓名", "监护人", "父亲姓名"], ["张三", "张大山", "张大山"])
        #expect(father.child?.guardian?.relation == .father)
        let other = try row(["姓名", "监护人"], ["张三", "李四"])
        #expect(other.child?.guardian != nil)
        #expect(other.child?.guardian?.relation == nil)
        let emptyCell = try row(["姓名", "监护人", "与儿童关系"], ["张三", "李四", ""])
        #expect(emptyCell.child?.guardian?.relation == nil)
        #expect(emptyCell.issues.isEmpty)
        // A relation or phone without a guardian name is rejected.
        let noName = try row(["姓名", "监护人", "与儿童关系", "联系电话"], ["张三", "", "奶奶", ""])
        #expect(noName.isRejected)
        #expect(noName.blocking == [ImportIssue(.field(.guardianName), .required)])
        let phoneOnly = try row(["姓名", "联系电话"], ["张三", "13912345678"])
        #expect(phoneOnly.blocking == [ImportIssue(.field(.guardianName), .required)])
        // Nothing about a guardian: no guardian.
        let none = try row(["姓名", "监护人"], ["张三", ""])
        #expect(none.child != nil)
        #expect(none.child?.guardian == nil)
    }

    @Test func unknownWordsRejectTheRowNamingTheValue() throws {
        let r = try row(["姓名", "性别", "与儿童关系", "监护人", "留守类型", "是否残疾"], ["张三", "未知", "曾祖母", "王五", "都在家", "也许"])
        #expect(r.isRejected)
        #expect(r.blocking == [ImportIssue(.field(.sex), .choice("未知")), ImportIssue(.field(.guardianRelation), .choice("曾祖母")),
                               ImportIssue(.field(.leftBehindType), .choice("都在家")), ImportIssue(.field(.disability), .choice("也许"))])
    }

    @Test func aClassNeedsASchool() throws {
        let r = try row(["姓名", "班级"], ["张三", "三年级2班"])
        #expect(r.blocking == [ImportIssue(.field(.school), .required)])
    }

    @Test func gradeAndClassColumnsAreJoined() throws {
        let r = try row(["姓名", "学校", "年级", "班级"], ["张三", "青山小学", "三年级", "2班"])
        #expect(r.child?.className == "三年级2班")
    }

    @Test func validationProblemsRejectAndWarnings() throws {
        let bad = try row(["姓名", "身份证号", "联系电话", "监护人"], ["张三", badCheckID("2015-03-07", male: true), "1391234", "李四"])
        #expect(bad.isRejected)
        #expect(bad.blocking.map(\.column) == [.field(.idNumber), .field(.guardianPhone)])
        if case .id(.checkCharacter) = bad.blocking.first?.problem {} else { Issue.record("check character: \(bad.blocking)") }
        // Sex contradicting the ID number, and a 19-year-old: imported, with warnings.
        let doubtful = try row(["姓名", "身份证号", "性别", "出生日期"], ["张三", validID("2007-05-01", male: true), "女", "2007-05-01"])
        #expect(doubtful.child != nil)
        #expect(doubtful.warnings.map(\.column) == [.field(.sex), .field(.birthDate)])
        #expect(!doubtful.isRejected)
        let noName = try row(["姓名", "性别"], ["", "男"])
        #expect(noName.blocking == [ImportIssue(.field(.name), .required)])
    }

    @Test func ethnicityShortFormsAndFlags() throws {
        let r = try row(["姓名", "民族", "是否困境儿童", "是否低保", "是否残疾"], ["张三", "苗", "是", "√", "否"])
        let c = try #require(r.child)
        #expect(c.ethnicity == "苗族")
        #expect(c.hardship && c.dibao && !c.disability)
    }

    @Test func archiveColumns() throws {
        let archived = try row(["姓名", "档案状态", "归档原因", "归档日期"], ["张三", "已归档", "父母返乡", "2026-06-30"])
        #expect(archived.child?.status == .archived)
        #expect(archived.child?.archiveReason == .parentReturned)
        #expect(archived.child?.archivedOn == LocalDate(year: 2026, month: 6, day: 30))
        let noReason = try row(["姓名", "档案状态"], ["张三", "已归档"])
        #expect(noReason.child?.archiveReason == .other)
        let active = try row(["姓名", "档案状态"], ["张三", "在册"])
        #expect(active.child?.status == .active)
        let bad = try row(["姓名", "档案状态"], ["张三", "删除"])
        #expect(bad.blocking == [ImportIssue(.status, .choice("删除"))])
    }
}

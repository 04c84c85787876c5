import Domain
import Foundation
import GRDB
import Testing
@testable import Interchange
@testable import Storage

@Suite("Pairing cards (爱心结对卡)")
struct PairingCardsTests {
    func demo() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 300, seed: 11, referenceDate: today))
        return db
    }

    func activePairings(_ db: AppDatabase) throws -> (all: Int, primary: Int, classTeacher: Int) {
        try db.writer.read { db in
            func count(_ condition: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM pairing WHERE end_date IS NULL \(condition)") ?? 0
            }
            return (try count(""), try count("AND pair_role = 'primary'"), try count("AND pair_role = 'class_teacher'"))
        }
    }

    func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func oneCardPerActivePairingWithTheDutiesOfItsRole() throws {
        let db = try demo()
        let records = try db.pairingCards()
        let active = try activePairings(db)
        #expect(active.all > 50 && active.classTeacher > 0, "the demo has pairings of several roles")
        #expect(records.count == active.all)
        let md = String(decoding: PairingCards.render(records, today: today, format: .md), as: UTF8.self)
        let html = String(decoding: PairingCards.render(records, today: today, format: .html), as: UTF8.self)
        #expect(occurrences("# 爱心结对卡\n", in: md) == active.all)
        #expect(occurrences("<section class=\"card\"", in: html) == active.all)
        #expect(md.contains("第 \(active.all) 张，共 \(active.all) 张"))
        for duty in PairingCards.fiveOnes {
            #expect(occurrences(". ☐ \(duty)　", in: md) == active.primary, "\(duty)")
            #expect(occurrences("<span class=\"box\"></span>\(duty)<span class=\"done\">", in: html) == active.primary, "\(duty)")
        }
        #expect(PairingCards.fiveOnes == ["到留守儿童家中走访一次", "谈心一次", "与班主任联系一次", "与监护人沟通一次", "给留守儿童写信一次"])
        #expect(occurrences("每月谈心一次", in: md) == active.classTeacher)
        #expect(occurrences("☐ 9月　☐ 10月　☐ 11月　☐ 12月　☐ 1月", in: md) == active.classTeacher)
        #expect(occurrences("2026年秋季学期", in: md) == active.all)
        #expect(md.contains("（2026-09-01 至 2027-01-31）"))
    }

    @Test func noIDNumberIsPrintedButPhonesAreInFull() throws {
        let db = try demo()
        let records = try db.pairingCards()
        let ids = try db.writer.read { db in try String.fetchAll(db, sql: "SELECT id_number FROM child WHERE id_number IS NOT NULL") }
        #expect(ids.count > 100)
        for format in PairingCards.Format.allCases {
            let text = String(decoding: PairingCards.render(records, today: today, format: format), as: UTF8.self)
            for id in ids { #expect(!text.contains(id), "\(format): an ID number is printed") }
            #expect(text.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "\(format): something like an ID number")
            #expect(!text.contains("身份证"))
            #expect(text.contains(records[0].mentorPhone), "the mentor's phone in full")
            #expect(records.compactMap(\.guardianPhone).allSatisfy { text.contains($0) }, "guardians' phones in full")
            #expect(!text.contains("****"), "nothing masked")
        }
    }

    @Test func htmlIsPrintReady() throws {
        let records = try demo().pairingCards()
        let html = String(decoding: PairingCards.render(records, today: today, format: .html), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("page-break-after: always"))
        #expect(html.contains("break-after: page"))
        #expect(html.contains("font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"SimSun\", sans-serif"))
        #expect(occurrences("<th>帮扶人签名</th><th>儿童（监护人）签名</th><th>协调员签名</th>", in: html) == records.count)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing loaded from the network")
        let md = String(decoding: PairingCards.render(records, today: today, format: .md), as: UTF8.self)
        #expect(occurrences("page-break-after: always", in: md) == records.count - 1, "between cards, not after the last")
        #expect(occurrences("| 帮扶人签名 | 儿童（监护人）签名 | 协调员签名 |", in: md) == records.count)
    }

    @Test func oneCardInDetail() throws {
        let db = try AppDatabase.inMemory()
        let child = try db.addChild(Child(name: "王<小>明|", sex: .male, idNumber: validID("2016-05-05", male: true),
                                          birthDate: LocalDate(year: 2016, month: 5, day: 5), schoolName: "青山小学",
                                          className: "四年级(1)班", gridName: "青山村1组", address: "青山村1组12号",
                                          guardian: Guardian(name: "王国福", relation: .paternalGrandfather, phone: "13912345678")),
                                    timestamp: "t")
        let mentor = try db.addMentor(Mentor(name: "李秀英", role: .caringMother, phone: "13800001111", organisation: "镇妇联"),
                                      actor: "t", timestamp: "t")
        let teacher = try db.addMentor(Mentor(name: "张老师", role: .teacher, phone: "0838-2212345"), actor: "t", timestamp: "t")
        try db.pair(child: child, mentor: mentor, role: .primary, start: LocalDate(year: 2026, month: 3, day: 2)!, actor: "t", timestamp: "t")
        let ended = try db.pair(child: child, mentor: teacher, role: .classTeacher, start: LocalDate(year: 2026, month: 3, day: 2)!,
                                actor: "t", timestamp: "t")
        try db.endPairing(id: ended, on: LocalDate(year: 2026, month: 7, day: 1)!, reason: .other, actor: "t", timestamp: "t")
        let records = try db.pairingCards()
        #expect(records.count == 1, "ended pairings have no card")
        let spring = LocalDate(year: 2027, month: 3, day: 1)!
        let card = try #require(PairingCards.cards(records, today: spring).first)
        #expect(card.semesterTitle == "2027年春季学期")
        #expect(card.semesterSpan == "2027-02-01 至 2027-07-31")
        #expect(card.sections.map(\.title) == ["结对儿童", "监护人", "帮扶人"])
        let lines = card.sections.flatMap(\.lines).map { "\($0.label)：\($0.value)" }
        #expect(lines == ["姓名：王<小>明|", "性别：男", "年龄：10 岁", "学校班级：青山小学 四年级(1)班", "所属网格：青山村1组",
                          "家庭住址：青山村1组12号", "姓名：王国福", "与儿童关系：爷爷", "联系电话：13912345678",
                          "姓名：李秀英", "身份：爱心妈妈", "联系电话：13800001111", "单位：镇妇联", "结对角色：一对一帮扶",
                          "结对日期：2026-03-02"])
        #expect(card.duties == PairingCards.fiveOnes)
        #expect(card.signatures == ["帮扶人签名", "儿童（监护人）签名", "协调员签名"])
        // Values are escaped for each format.
        let html = String(decoding: PairingCards.render(records, today: spring, format: .html), as: UTF8.self)
        #expect(html.contains("<td>王&lt;小&gt;明|</td>"))
        let md = String(decoding: PairingCards.render(records, today: spring, format: .md), as: UTF8.self)
        #expect(md.contains("| 姓名 | 王\\<小\\>明\\| |"))
        #expect(!md.contains("page-break"), "a single card needs no page break")
    }

    @Test func noActivePairingsStillWritesAValidFile() throws {
        let md = String(decoding: PairingCards.render([], today: today, format: .md), as: UTF8.self)
        #expect(md.contains("没有进行中的结对"))
        let html = String(decoding: PairingCards.render([], today: today, format: .html), as: UTF8.self)
        #expect(html.contains("没有进行中的结对") && html.hasSuffix("</html>\n"))
    }
}

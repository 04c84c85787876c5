import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

@Suite("Mentors and pairings: export, and export → import → export")
struct MentorPairingRoundTripTests {
    /// A demo database: 300 synthetic children with mentors (some left) and pairings (some ended, some
    /// children without ID number).
    func demo() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 300, seed: 7, referenceDate: today))
        return db
    }

    /// A database holding the same children as `source` (through the roster export).
    func sameChildren(as source: AppDatabase) throws -> AppDatabase {
        let target = try AppDatabase.inMemory()
        let roster = RosterExport.csv(try source.childrenForExport(includeArchived: true), includeArchived: true)
        #expect(try importData(roster, into: target).rejected == 0)
        return target
    }

    func files(_ db: AppDatabase) throws -> (mentors: Data, pairings: Data) {
        (MentorSheetExport.csv(try db.mentorsForExport()), PairingSheetExport.csv(try db.pairingsForExport()))
    }

    @Test func demoExportImportExportGivesIdenticalFiles() throws {
        let source = try demo()
        let first = try files(source)
        let target = try sameChildren(as: source)
        let m = try importMentors(first.mentors, into: target)
        #expect(m.read == (try source.mentorsForExport().count))
        #expect(m.imported == m.read && m.rejected == 0 && m.duplicates == 0, "\(m.notes.prefix(3))")
        let p = try importPairings(first.pairings, into: target)
        #expect(p.read == (try source.pairingsForExport().count))
        #expect(p.imported == p.read && p.rejected == 0 && p.duplicates == 0, "\(p.notes.prefix(3))")
        let second = try files(target)
        #expect(second.mentors == first.mentors)
        #expect(second.pairings == first.pairings)
        // The demo exercises what matters: left mentors, ended pairings, children without ID number.
        let pairings = try source.pairingsForExport()
        #expect(try source.mentorsForExport().contains { $0.status == .left })
        #expect(pairings.contains { $0.end != nil } && pairings.contains { $0.end == nil })
        #expect(pairings.contains { $0.childIDNumber == nil })
        #expect(try target.unpairedCount() == source.unpairedCount())
        // Importing both files again adds nothing.
        #expect(try importMentors(first.mentors, into: target).imported == 0)
        let again = try importPairings(first.pairings, into: target)
        #expect(again.imported == 0 && again.duplicates == p.read && again.succeeded)
    }

    @Test func overridesAndUnusualValuesSurvive() throws {
        let source = try AppDatabase.inMemory()
        func child(_ name: String, _ seq: Int) throws -> Int64 {
            try source.addChild(Child(name: name, sex: .male, idNumber: validID("2015-01-0\(seq)", male: true, seq: seq),
                                      birthDate: LocalDate(year: 2015, month: 1, day: seq), address: name + "家"), timestamp: "t")
        }
        // 艾米 sorts before 赵强, so the file lists the override before the pairing that filled the place.
        let zhao = try child("赵强", 1), ai = try child("艾米", 2), bai = try child("白雪", 3), chen = try child("陈晨", 4)
        let tight = try source.addMentor(Mentor(name: "欧阳,\"老\"师", role: .volunteer, phone: "0838-2212345",
                                                organisation: "=镇政府, 三楼", gridName: "一组", capacity: 1), actor: "t", timestamp: "t")
        let two = try source.addMentor(Mentor(name: "李秀英", role: .caringMother, phone: "13912340001", capacity: 2),
                                       actor: "t", timestamp: "t")
        let d = { (day: Int) in LocalDate(year: 2026, month: 9, day: day)! }
        try source.pair(child: zhao, mentor: tight, role: .primary, start: d(1), actor: "t", timestamp: "t")
        try source.pair(child: ai, mentor: tight, role: .primary, start: d(2), overrideReason: "同村，\n家近", actor: "t", timestamp: "t")
        // An override that a later end made unnecessary is still the record of that decision.
        let ended = try source.pair(child: bai, mentor: two, role: .primary, start: d(1), actor: "t", timestamp: "t")
        try source.pair(child: chen, mentor: two, role: .studentHelper, start: d(1), actor: "t", timestamp: "t")
        try source.pair(child: zhao, mentor: two, role: .studentHelper, start: d(3), overrideReason: "暂代", actor: "t", timestamp: "t")
        try source.endPairing(id: ended, on: d(20), reason: .childMoved, actor: "t", timestamp: "t")
        #expect(try source.capacityOverrides().count == 2)

        let first = try files(source)
        let target = try sameChildren(as: source)
        #expect(try importMentors(first.mentors, into: target).imported == 2)
        let p = try importPairings(first.pairings, into: target)
        #expect((p.imported, p.rejected) == (5, 0), "\(p.notes)")
        let second = try files(target)
        #expect(second.mentors == first.mentors)
        #expect(second.pairings == first.pairings)
        #expect(try target.capacityOverrides().map(\.pairing.overrideReason) == source.capacityOverrides().map(\.pairing.overrideReason))
        let mentor = try #require(try target.mentorsForExport().first { $0.phone == "0838-2212345" })
        #expect((mentor.name, mentor.organisation, mentor.gridName, mentor.capacity) == ("欧阳,\"老\"师", "=镇政府, 三楼", "一组", 1))
    }

    @Test func csvIsUTF8WithBOMAndCRLFAndChineseHeaders() throws {
        let (mentors, pairings) = try files(demo())
        for (data, header) in [(mentors, "姓名,角色,联系电话,所属网格,单位,可结对人数,状态,离开日期"),
                               (pairings, "儿童姓名,儿童身份证号,出生日期,帮扶人姓名,帮扶人电话,结对角色,开始日期,结束日期,结束原因,超额理由")] {
            let bytes = [UInt8](data)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines[0] == header)
            #expect(text.utf8.filter { $0 == 0x0A }.count == lines.count - 1, "every LF belongs to a CRLF")
            // Phones (and ID numbers) are kept as text for Excel: a tab inside the quotes.
            #expect(lines[1].contains(",\"\t"))
        }
        let first = try CSVParser.parse(Array(String(decoding: [UInt8](mentors).dropFirst(3), as: UTF8.self).utf8))[1]
        #expect(first.fields.count == MentorColumn.allCases.count)
        #expect(Phone.isValid(first.fields[2]), "the parser trims the tab")
    }

    @Test func jsonExports() throws {
        let db = try demo()
        let mentors = try db.mentorsForExport(), pairings = try db.pairingsForExport()
        let m = try #require(try JSONSerialization.jsonObject(with: MentorSheetExport.json(mentors)) as? [[String: Any]])
        #expect(m.count == mentors.count)
        #expect(m.allSatisfy { Set($0.keys) == Set(MentorColumn.allCases.map(\.rawValue)) })
        #expect(m[0]["capacity"] as? Int == mentors[0].capacity)
        #expect(m[0]["role"] as? String == mentors[0].role.rawValue)
        let p = try #require(try JSONSerialization.jsonObject(with: PairingSheetExport.json(pairings)) as? [[String: Any]])
        #expect(p.count == pairings.count)
        #expect(p.allSatisfy { Set($0.keys) == Set(PairingColumn.allCases.map(\.rawValue)) })
        #expect(p[0]["pair_role"] as? String == pairings[0].role.rawValue)
        #expect(String(decoding: PairingSheetExport.json([]), as: UTF8.self) == "[\n]\n")
    }
}

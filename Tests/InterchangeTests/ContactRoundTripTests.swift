import Domain
import Foundation
import GRDB
import Testing
@testable import Interchange
@testable import Storage

@Suite("Contacts: export, and export → import → export")
struct ContactRoundTripTests {
    /// A demo database (300 synthetic children, mentors, pairings) with a log of contacts on every
    /// pairing: a visit with concerns, a letter (content not kept), a talk whose summary holds a comma,
    /// quotes and a line break, a call whose place starts with `=`; one contact outside any pairing and
    /// one deleted.
    static func source() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 300, seed: 7, referenceDate: today))
        try addContacts(to: db)
        return db
    }

    /// The contacts of `source()`, on the pairings `db` holds.
    static func addContacts(to db: AppDatabase) throws {
        let pairings = try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT child_id, mentor_id, start_date, end_date FROM pairing ORDER BY id").map {
                (child: $0[0] as Int64, mentor: $0[1] as Int64, start: LocalDate(parsing: $0[2] as String)!,
                 end: ($0[3] as String?).flatMap { LocalDate(parsing: $0) })
            }
        }
        func add(_ c: Contact) { _ = try? db.addContact(c, today: today, actor: "李秀英", timestamp: "t") }
        for (n, p) in pairings.enumerated() {
            let last = min(p.end ?? today, today)
            guard p.start <= last else { continue }
            func day(_ offset: Int) -> LocalDate { min(p.start.adding(days: offset), last) }
            add(Contact(childID: p.child, mentorID: p.mentor, kind: .visit, date: day(3), place: "家中", summary: "作业完成好",
                        concerns: n % 3 == 0 ? [.health, .safety] : [], followUp: n % 2 == 0 ? "下月再访" : ""))
            add(Contact(childID: p.child, mentorID: p.mentor, kind: .letter, date: day(10)))
            if n % 4 == 0 {
                add(Contact(childID: p.child, mentorID: p.mentor, kind: .talk, date: day(20),
                            summary: "说\"想妈妈\"，\n哭了, 后来好些", concerns: [.emotional]))
            }
            if n % 5 == 0 {
                add(Contact(childID: p.child, mentorID: p.mentor, kind: .call, date: day(25), place: "=电话", followUp: "-"))
            }
        }
        let first = try #require(pairings.first)
        // Before the pairing began: recorded all the same (it counts toward nothing).
        add(Contact(childID: first.child, mentorID: first.mentor, kind: .other, date: first.start.adding(days: -30), summary: "开学前"))
        let gone = try db.addContact(Contact(childID: first.child, mentorID: first.mentor, kind: .talk, date: first.start, summary: "删掉的"),
                                     today: today, actor: "t", timestamp: "t")
        try db.deleteContact(id: gone, actor: "t", timestamp: "t")
    }

    /// A database holding the same children, mentors and pairings as `source` (through their exports).
    static func sameRegisters(as source: AppDatabase) throws -> AppDatabase {
        let target = try AppDatabase.inMemory()
        #expect(try importData(RosterExport.csv(try source.childrenForExport(includeArchived: true), includeArchived: true),
                               into: target).rejected == 0)
        #expect(try importMentors(MentorSheetExport.csv(try source.mentorsForExport()), into: target).rejected == 0)
        #expect(try importPairings(PairingSheetExport.csv(try source.pairingsForExport()), into: target).rejected == 0)
        return target
    }

    @Test func exportImportExportGivesIdenticalFiles() throws {
        let source = try Self.source()
        let rows = try source.contactsForExport()
        #expect(rows.count == (try source.contactCount()), "deleted contacts are left out")
        #expect(!rows.contains { $0.contact.summary == "删掉的" })
        #expect(rows.contains { $0.childIDNumber == nil }, "children without ID number have contacts too")
        let first = ContactSheetExport.csv(rows)
        let target = try Self.sameRegisters(as: source)
        let r = try importContacts(first, into: target)
        #expect(r.read == rows.count)
        #expect(r.imported == r.read && r.rejected == 0 && r.duplicates == 0, "\(r.notes.prefix(3))")
        #expect(r.notes.filter { $0.detail == .problem(.notPaired) }.count == 1, "only the contact before its pairing")
        #expect(!r.notes.contains { $0.detail == .problem(.letterContentLeftOut) }, "no letter content to leave out")
        #expect(ContactSheetExport.csv(try target.contactsForExport()) == first)
        // Importing the file again, or into the database it came from, adds nothing.
        let again = try importContacts(first, into: target)
        #expect(again.imported == 0 && again.duplicates == r.read && again.succeeded)
        let home = try importContacts(first, into: source)
        #expect(home.imported == 0 && home.duplicates == r.read)
        #expect(try source.contactCount() == rows.count)
    }

    @Test func keptLetterContentRoundTripsWithTheFlag() throws {
        let source = try Self.sameRegisters(as: try Self.source())
        let p = try #require(try source.pairingsForExport().first { $0.end == nil && $0.childIDNumber != nil && $0.start <= today })
        let line = [p.childName, p.childIDNumber!, "", p.mentorName, p.mentorPhone, "写信", p.start.description, "", "见字如面，\"加油\"", "", ""]
        let file = utf8BOM(csvLine(ContactColumn.allCases.map(\.header)) + "\r\n" + csvLine(line) + "\r\n")
        #expect(try importContacts(file, into: source, keepLetterContent: true).imported == 1)
        let exported = ContactSheetExport.csv(try source.contactsForExport())
        let copy = try Self.sameRegisters(as: source)
        #expect(try importContacts(exported, into: copy, keepLetterContent: true).imported == 1)
        #expect(ContactSheetExport.csv(try copy.contactsForExport()) == exported)
        // Without the flag the letter is recorded without its content, and that is what exports.
        let plain = try Self.sameRegisters(as: source)
        let r = try importContacts(exported, into: plain)
        #expect(r.imported == 1 && r.notes.contains { $0.detail == .problem(.letterContentLeftOut) })
        #expect(try plain.contactsForExport().map(\.contact.summary) == [""])
    }

    @Test func fromAndToKeepTheDaysBetween() throws {
        let db = try Self.source()
        let all = try db.contactsForExport()
        #expect(all.map(\.contact.date) == all.map(\.contact.date).sorted(), "by date")
        let from = LocalDate(year: 2026, month: 9, day: 1)!, to = LocalDate(year: 2026, month: 9, day: 30)!
        let september = try db.contactsForExport(from: from, to: to)
        #expect(!september.isEmpty)
        #expect(september == all.filter { $0.contact.date >= from && $0.contact.date <= to })
        #expect(try db.contactsForExport(from: to.adding(days: 1)) == all.filter { $0.contact.date > to })
        #expect(try db.contactsForExport(to: from) == all.filter { $0.contact.date <= from })
    }

    @Test func csvIsUTF8WithBOMAndCRLFAndChineseHeaders() throws {
        let data = ContactSheetExport.csv(try Self.source().contactsForExport())
        let bytes = [UInt8](data)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("儿童姓名,儿童身份证号,出生日期,帮扶人姓名,帮扶人电话,类型,日期,地点,摘要,关注事项,跟进\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains(",走访,") && text.contains(",写信,") && !text.contains("健康、安全"))
        #expect(text.contains("安全、健康"), "concerns in Concern order, joined by 、")
        #expect(text.contains("\"\t=电话\""), "a formula-like value is defused with a tab")
        let records = try CSVParser.parse(Array(text.utf8))
        #expect(records.dropFirst().allSatisfy { $0.fields.count == ContactColumn.allCases.count })
    }

    @Test func jsonExport() throws {
        let rows = try Self.source().contactsForExport()
        let json = try #require(try JSONSerialization.jsonObject(with: ContactSheetExport.json(rows)) as? [[String: Any]])
        #expect(json.count == rows.count)
        #expect(json.allSatisfy { Set($0.keys) == Set(ContactColumn.allCases.map(\.rawValue)) })
        #expect(json[0]["kind"] as? String == rows[0].contact.kind.rawValue)
        #expect(json[0]["date"] as? String == rows[0].contact.date.description)
        let withConcerns = try #require(rows.firstIndex { !$0.contact.concerns.isEmpty })
        #expect(json[withConcerns]["concerns"] as? [String] == rows[withConcerns].contact.concerns.map(\.rawValue))
        #expect(String(decoding: ContactSheetExport.json([]), as: UTF8.self) == "[\n]\n")
    }
}

import Domain
import Foundation
import GRDB
import Scheduling
import Testing
@testable import Storage

@Suite("Contact log")
struct ContactStoreTests {
    typealias F = MentorFixture
    let today = F.date("2026-11-23")

    @Test func recordsEditsAndDeletesWithHistory() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "李秀英", phone: "13912340824")
        let c = try F.child(db, "王小明")
        let id = try db.addContact(Contact(childID: c, mentorID: m, kind: .visit, date: F.date("2026-10-08"), place: " 家中 ",
                                           summary: "作业完成好", concerns: [.health, .safety], followUp: "下月再访"),
                                   today: today, actor: "李秀英", timestamp: "t1")
        var row = try #require(try db.contact(id: id))
        #expect(row.contact.place == "家中")
        #expect(row.contact.concerns == [.safety, .health])
        #expect(row.childName == "王小明" && row.mentorName == "李秀英" && row.author == "李秀英" && row.version == 1)
        #expect(try db.mentorRows(ids: [m]).first?.lastContact == F.date("2026-10-08"))

        var changed = row.contact
        changed.summary = "作业完成好，情绪稳定"
        #expect(try db.updateContact(changed, id: id, expectedVersion: 1, today: today, actor: "协调员", timestamp: "t2") == 2)
        #expect(throws: SaveConflict.self) {
            try db.updateContact(changed, id: id, expectedVersion: 1, today: today, actor: "协调员", timestamp: "t3")
        }
        row = try #require(try db.contact(id: id))
        #expect(row.contact.summary == "作业完成好，情绪稳定")
        #expect(try db.contactHistory(id: id).map(\.field) == ["created", "summary"])

        try db.deleteContact(id: id, actor: "协调员", timestamp: "t4")
        #expect(try db.contact(id: id) == nil)
        #expect(try db.contacts(childID: c).isEmpty)
        #expect(try db.mentorRows(ids: [m]).first?.lastContact == nil)
        #expect(throws: ContactError.unknownContact) { try db.deleteContact(id: id, actor: "x", timestamp: "t5") }
        #expect(try db.contactHistory(id: id).last?.field == "deleted")
    }

    @Test func refusesWhatCannotBeTrue() throws {
        let db = try AppDatabase.inMemory()
        let m = try F.mentor(db, "李秀英", phone: "13912340824")
        let c = try F.child(db, "王小明")
        let ok = Contact(childID: c, mentorID: m, kind: .talk, date: today)
        try db.addContact(ok, today: today, actor: "x", timestamp: "t")
        #expect(throws: ContactError.self) { try db.addContact(ok, today: today, actor: "x", timestamp: "t") }
        var future = ok; future.date = today.adding(days: 1)
        #expect(throws: ContactError.futureDate) { try db.addContact(future, today: today, actor: "x", timestamp: "t") }
        var nobody = ok; nobody.childID = 999
        #expect(throws: ContactError.unknownChild) { try db.addContact(nobody, today: today, actor: "x", timestamp: "t") }
        var noMentor = ok; noMentor.mentorID = 999; noMentor.kind = .call
        #expect(throws: ContactError.unknownMentor) { try db.addContact(noMentor, today: today, actor: "x", timestamp: "t") }
        #expect(try db.contactCount() == 1)
        // The schema refuses a kind the program does not know, whatever writes the row.
        #expect(throws: DatabaseError.self) {
            try db.writer.write { try $0.execute(sql: """
                INSERT INTO contact(child_id, mentor_id, kind, date, created_at, updated_at, actor) VALUES (?, ?, 'party', '2026-10-01', 't', 't', 'sql')
                """, arguments: [c, m]) }
        }
    }

    @Test func engineInputForASemesterAndForOneMentor() throws {
        let db = try AppDatabase.inMemory()
        let a = try F.mentor(db, "甲", phone: "13800000001"), b = try F.mentor(db, "乙", phone: "13800000002")
        let kids = try ["王一", "王二", "王三"].map { try F.child(db, $0) }
        try db.pair(child: kids[0], mentor: a, role: .primary, start: F.date("2026-08-01"), actor: "x", timestamp: "t")
        try db.pair(child: kids[1], mentor: b, role: .primary, start: F.date("2026-08-01"), actor: "x", timestamp: "t")
        // Ended before the semester: not read.
        let old = try db.pair(child: kids[2], mentor: a, role: .primary, start: F.date("2026-03-01"), actor: "x", timestamp: "t")
        try db.endPairing(id: old, on: F.date("2026-06-30"), reason: .other, actor: "x", timestamp: "t")
        try db.addContact(Contact(childID: kids[0], mentorID: a, kind: .visit, date: F.date("2026-10-01")), today: today, actor: "x", timestamp: "t")
        try db.addContact(Contact(childID: kids[1], mentorID: b, kind: .letter, date: F.date("2026-10-02")), today: today, actor: "x", timestamp: "t")
        // Before the semester: not read.
        try db.addContact(Contact(childID: kids[0], mentorID: a, kind: .talk, date: F.date("2026-08-20")), today: today, actor: "x", timestamp: "t")
        try db.archiveChild(id: kids[1], reason: .movedAway, on: F.date("2026-11-01"), actor: "x", timestamp: "t")

        let input = try db.obligationInput(rules: .fiveOnes, semesterID: "2026-autumn", today: today)
        #expect(input.pairings.count == 2)
        #expect(input.contacts.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.letter, .visit])
        #expect(input.archivedOn == [kids[1]: F.date("2026-11-01")])
        let report = ObligationEngine.evaluate(input)
        #expect(report.rows.count == 10)
        #expect(report.rows.filter { $0.state == .done }.count == 2)
        // Archiving ended the second child's pairing: what was not done is not owed.
        #expect(report.rows.filter { $0.childID == kids[1] && $0.state == .notOwed }.allSatisfy { $0.reason == .childArchived })

        let mine = try db.obligationInput(rules: .fiveOnes, semesterID: "2026-autumn", mentorID: a, today: today)
        #expect(mine.pairings.map(\.mentorID) == [a])
        #expect(mine.contacts.allSatisfy { $0.mentorID == a })

        let labels = try db.obligationChildLabels(ids: [kids[0]])
        #expect(labels[kids[0]]?.name == "王一" && labels[kids[0]]?.grid == "石桥村1组")
        #expect(try db.obligationMentorLabels(ids: [a])[a]?.phone == "13800000001")
    }
}

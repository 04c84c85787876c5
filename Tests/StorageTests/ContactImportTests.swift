import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

@Suite("Contact import (store)")
struct ContactImportTests {
    typealias F = MentorFixture
    let today = F.date("2026-11-23")

    /// A valid ID number born on `birth` (YYYYMMDD), sequence `seq`.
    static func idNumber(_ birth: String, seq: Int) -> String {
        let first17 = "510722" + birth + String(format: "%03d", seq)
        return first17 + String(IDNumber.checkCharacter(forFirst17: Array(first17))!)
    }

    struct World {
        var db: AppDatabase
        var child: Int64, other: Int64, noID: Int64
        var mentor: Int64, teacher: Int64
        let childID = ContactImportTests.idNumber("20150307", seq: 13)
        let otherID = ContactImportTests.idNumber("20160404", seq: 24)
        let mentorPhone = "13912340824", teacherPhone = "0838-2210003"
    }

    /// Two children with ID numbers and one without; a volunteer paired with the first child from
    /// 2026-09-01 to 2026-10-31, and a teacher paired with the second (class teacher) from 2026-09-01.
    func world() throws -> World {
        let db = try AppDatabase.inMemory()
        let probe = World(db: db, child: 0, other: 0, noID: 0, mentor: 0, teacher: 0)
        var w = probe
        w.child = try db.addChild(Child(name: "王小明", idNumber: probe.childID), timestamp: "t")
        w.other = try db.addChild(Child(name: "王小红", idNumber: probe.otherID), timestamp: "t")
        w.noID = try db.addChild(Child(name: "周杰", birthDate: F.date("2016-05-01")), timestamp: "t")
        w.mentor = try F.mentor(db, "李秀英", phone: probe.mentorPhone)
        w.teacher = try F.mentor(db, "王老师", phone: probe.teacherPhone, role: .teacher)
        let p = try db.pair(child: w.child, mentor: w.mentor, role: .primary, start: F.date("2026-09-01"), actor: "x", timestamp: "t")
        try db.endPairing(id: p, on: F.date("2026-10-31"), reason: .other, actor: "x", timestamp: "t")
        try db.pair(child: w.other, mentor: w.teacher, role: .classTeacher, start: F.date("2026-09-01"), actor: "x", timestamp: "t")
        return w
    }

    func item(_ w: World, _ kind: ContactKind = .visit, _ date: String, summary: String = "", child: String? = nil,
              phone: String? = nil) -> ContactImportItem {
        ContactImportItem(childIDNumber: child ?? w.childID, childName: "王小明", mentorPhone: phone ?? w.mentorPhone,
                          mentorName: "李秀英", kind: kind, date: F.date(date), summary: summary)
    }

    func run(_ w: World, _ items: [ContactImportItem], keep: Bool = false, dryRun: Bool = false,
             rollback: Bool = false) throws -> [ContactImportOutcome.Result] {
        try w.db.importContacts(items, today: today, keepLetterContent: keep, source: "import:记录.csv", actor: "tester",
                                timestamp: "t", dryRun: dryRun, rollbackIfRefused: rollback).map(\.result)
    }

    func isCreated(_ r: ContactImportOutcome.Result) -> Bool { if case .created = r { return true } else { return false } }

    @Test func importingTwiceAddsNothing() throws {
        let w = try world()
        let items = [item(w, .visit, "2026-10-08", summary: "作业完成好"), item(w, .talk, "2026-10-09"),
                     item(w, .visit, "2026-10-08", summary: "作业完成好"), item(w, .visit, "2026-10-08", summary: "另一次")]
        let first = try run(w, items)
        #expect(first.map(isCreated) == [true, true, false, true])
        #expect(first[2] == .repeats(0))
        #expect(try w.db.contactCount() == 3)
        #expect(try run(w, items) == [.alreadyInDatabase, .alreadyInDatabase, .alreadyInDatabase, .alreadyInDatabase])
        #expect(try w.db.contactCount() == 3)
        // Dashes in the phone, or the ID number in lower case, do not make another contact.
        let spelled = item(w, .talk, "2026-10-09", child: w.childID.lowercased(), phone: "139-1234-0824")
        #expect(try run(w, [spelled]) == [.alreadyInDatabase])
    }

    @Test func refusalsAndRollback() throws {
        let w = try world()
        let good = item(w, .visit, "2026-10-08")
        let unknownChild = item(w, .visit, "2026-10-08", child: Self.idNumber("20120101", seq: 99))
        let unknownMentor = item(w, .visit, "2026-10-08", phone: "13900009999")
        let future = item(w, .visit, "2026-11-24")
        #expect(try run(w, [good, unknownChild, unknownMentor, future], rollback: true).dropFirst()
                == [.unknownChild, .unknownMentor, .futureDate])
        #expect(try w.db.contactCount() == 0, "rolled back: one transaction")
        #expect(try run(w, [good, unknownChild], dryRun: true).map(isCreated) == [true, false])
        #expect(try w.db.contactCount() == 0, "a dry run writes nothing")
        #expect(try run(w, [good, unknownChild]).map(isCreated) == [true, false])
        #expect(try w.db.contactCount() == 1, "without rollback the good row is written")
        let history = try w.db.contactHistory(id: try #require(try w.db.contacts(childID: w.child).first?.contact.id))
        #expect(history == [HistoryEntry(at: "t", actor: "tester", field: "created", old: nil, new: "import:记录.csv")])
    }

    @Test func warnsWhenNotPairedOnTheDay() throws {
        let w = try world()
        let days = ["2026-08-31", "2026-09-01", "2026-10-31", "2026-11-01"]
        let outcomes = try w.db.importContacts(days.map { item(w, .call, $0) }, today: today, actor: "t", timestamp: "t")
        #expect(outcomes.map(\.notPaired) == [true, false, false, true], "the pairing's first and last days count")
        #expect(outcomes.allSatisfy { isCreated($0.result) })
        // Any role counts; another mentor's pairing does not.
        let teacher = ContactImportItem(childIDNumber: w.otherID, mentorPhone: w.teacherPhone, kind: .teacher, date: F.date("2026-10-01"))
        var stranger = teacher; stranger.mentorPhone = w.mentorPhone
        let more = try w.db.importContacts([teacher, stranger], today: today, actor: "t", timestamp: "t")
        #expect(more.map(\.notPaired) == [false, true])
    }

    @Test func namesAreCompared() throws {
        let w = try world()
        var wrong = item(w, .visit, "2026-10-08"); wrong.childName = "王晓明"; wrong.mentorName = "李秀"
        var blank = item(w, .talk, "2026-10-08"); blank.childName = ""; blank.mentorName = ""
        let outcomes = try w.db.importContacts([wrong, blank, item(w, .call, "2026-10-08")], today: today, actor: "t", timestamp: "t")
        #expect(outcomes.map(\.childNameDiffers) == [true, false, false])
        #expect(outcomes.map(\.mentorNameDiffers) == [true, false, false])
    }

    @Test func aChildWithoutIDNumberIsFoundByNameAndBirthDate() throws {
        let w = try world()
        let found = ContactImportItem(childIDNumber: nil, childName: "周杰", childBirthDate: F.date("2016-05-01"),
                                      mentorPhone: w.teacherPhone, kind: .talk, date: F.date("2026-10-01"))
        var unknown = found; unknown.childBirthDate = F.date("2016-05-02")
        var noBirth = found; noBirth.childBirthDate = nil
        let r = try run(w, [found, unknown, noBirth])
        #expect(isCreated(r[0]) && r[1] == .unknownChild && r[2] == .unknownChild)
        #expect(try w.db.contacts(childID: w.noID).count == 1)
        _ = try w.db.addChild(Child(name: "周杰", birthDate: F.date("2016-05-01"), address: "别处"), timestamp: "t")
        var again = found; again.date = F.date("2026-10-02")
        #expect(try run(w, [again]) == [.ambiguousChild(2)])
    }

    @Test func aLettersContentIsLeftOutUnlessKept() throws {
        let w = try world()
        let letter = item(w, .letter, "2026-10-10", summary: "亲爱的小明：你好！")
        let outcomes = try w.db.importContacts([letter, item(w, .letter, "2026-10-11")], today: today, actor: "t", timestamp: "t")
        #expect(outcomes.map(\.letterContentLeftOut) == [true, false], "nothing to leave out in an empty letter")
        #expect(try w.db.contacts(childID: w.child).map(\.contact.summary) == ["", ""])
        // The same letter, with other content or none: the fact and the date are recorded already.
        var other = letter; other.summary = "另一封"
        #expect(try run(w, [other, item(w, .letter, "2026-10-10")]) == [.alreadyInDatabase, .alreadyInDatabase])
        // Kept on request, and then the content tells letters apart.
        #expect(try run(w, [other], keep: true).map(isCreated) == [true])
        #expect(try run(w, [other], keep: true) == [.alreadyInDatabase])
        #expect(Set(try w.db.contacts(childID: w.child).map(\.contact.summary)) == ["", "另一封"])
        // Only letters lose their content.
        let outcome = try w.db.importContacts([item(w, .visit, "2026-10-10", summary: "家中")], today: today, actor: "t", timestamp: "t")
        #expect(outcome.map(\.letterContentLeftOut) == [false])
        #expect(try w.db.contacts(childID: w.child).contains { $0.contact.summary == "家中" })
    }

    @Test func exportLeavesOutDeletedContactsAndKeepsTheRange() throws {
        let w = try world()
        _ = try run(w, [item(w, .visit, "2026-09-05", summary: " 家中 "), item(w, .talk, "2026-10-01"), item(w, .call, "2026-11-01")])
        let gone = try #require(try w.db.contacts(childID: w.child).first { $0.contact.kind == .talk }?.contact.id)
        try w.db.deleteContact(id: gone, actor: "x", timestamp: "t")
        let all = try w.db.contactsForExport()
        #expect(all.map(\.contact.kind) == [.visit, .call])
        #expect(all.first?.contact.summary == "家中", "texts are trimmed as the form trims them")
        #expect(all.first?.childName == "王小明" && all.first?.childIDNumber == w.childID)
        #expect(all.first?.mentorName == "李秀英" && all.first?.mentorPhone == w.mentorPhone)
        #expect(try w.db.contactsForExport(from: F.date("2026-09-06")).map(\.contact.kind) == [.call])
        #expect(try w.db.contactsForExport(to: F.date("2026-09-05")).map(\.contact.kind) == [.visit])
        #expect(try w.db.contactsForExport(from: F.date("2026-09-06"), to: F.date("2026-10-31")).isEmpty)
        // Deleted: the same contact may be imported again.
        #expect(try run(w, [item(w, .talk, "2026-10-01")]).map(isCreated) == [true])
    }
}

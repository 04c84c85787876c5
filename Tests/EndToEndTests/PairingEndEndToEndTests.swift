import Domain
import Foundation
import Storage
import XCTest

/// Ending one pairing in a real terminal (`u` in a mentor's file), and the contact form's warning on a
/// visit dated before the pairing began.
final class PairingEndEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// 1. A mentor with one child: `2`, search, Enter, `u` → the form names the pairing, Ctrl-S asks,
    /// `y` ends it: the message says so, the child moves under 已结束结对, the load drops, the header's
    /// 未结对 rises by one, and the database and the audit trail have it.
    func testEndingAMentorsOnlyPairingFromTheirFile() throws {
        let db = try makeDemoDatabase(children: 300)
        let (mentor, pairing, unpairedBefore) = try withDatabase(db) { db -> (MentorRow, PairingRow, Int) in
            for m in try db.mentorRows(ids: try db.mentorIDs()) where try db.mentorIDs(search: m.name) == [m.id] {
                let active = try db.pairings(mentorID: m.id).filter(\.pairing.isActive)
                guard !active.isEmpty, active[0].pairing.role == .primary,
                      try db.pairings(childID: active[0].pairing.childID).filter(\.pairing.isActive).count == 1 else { continue }
                return (m, active[0], try db.unpairedCount())
            }
            throw E2EError.timeout("no mentor whose newest child has no other mentor in the demo")
        }

        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) == unpairedBefore }
        try send("2")
        try waitFor("the mentors list") { s in !RosterScreen.rows(s).isEmpty }
        try searchMentors(mentor.name) { s in MentorScreen.row(s, name: mentor.name) != nil }
        try send("Enter")
        let file = try waitForFile(of: mentor.name)
        XCTAssertTrue(file.contains(zh.text("mentor.section.children") + "  " + zh.text("pairing_end.keys_hint")), file)

        try send("u")
        // The first of the mentor's pairings is offered first (named, when it is their only one).
        let choice = zh.text("pairing_end.choice", pairing.childName, zh.text("prole.primary"), pairing.pairing.start.description)
        let form = try waitFor("the form ending the pairing") { s in
            s.contains(self.zh.text("pairing_end.title", mentor.name)) && s.contains(choice)
        }
        XCTAssertTrue(form.contains(zh.text("pairing_end.field_date")) && form.contains(Self.today), form)
        XCTAssertTrue(form.contains(zh.text("pend.other")), form)
        try send("C-s")
        let question = zh.text("pairing_end.confirm", pairing.childName, mentor.name, Self.today, zh.text("pend.other"))
        try waitFor("the question") { s in MentorScreen.promptLine(s).contains(question) }
        try send("y")
        let done = zh.text("pairing_end.done", pairing.childName, mentor.name, Self.today, zh.text("pend.other"))
        let after = try waitFor("the pairing ended") { s in
            s.contains(done) && s.contains(self.zh.text("mentor.section.ended")) && MentorScreen.unpaired(s) == unpairedBefore + 1
        }
        XCTAssertEqual(MentorScreen.field(after, zh.text("field.load")), "\(mentor.load - 1)/\(mentor.capacity)", after)
        XCTAssertEqual(after.contains(zh.text("pairing_end.keys_hint")), mentor.load > 1, "the key shows while there is a pairing to end\n\(after)")

        try withDatabase(db) { db in
            let row = try XCTUnwrap(try db.pairing(id: pairing.id))
            XCTAssertEqual(row.pairing.end, Self.todayDate)
            XCTAssertEqual(row.pairing.endReason, .other)
            XCTAssertEqual(row.endedBy, Self.actor)
            XCTAssertNil(try db.primaryMentorID(childID: pairing.pairing.childID))
            XCTAssertEqual(try db.unpairedCount(), unpairedBefore + 1)
            let entry = try XCTUnwrap(try db.auditEntries(childID: pairing.pairing.childID).last { $0.entity == "pairing" && $0.field == "end_date" })
            XCTAssertEqual(entry.actor, Self.actor)
            XCTAssertEqual(entry.new, Self.today + " other")
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 2. A child paired today: in the file, `c`, the date set a week back → the form warns
    /// `结对开始于 …，此记录不计入五个一` before saving; Ctrl-S saves all the same and says it again.
    func testAVisitBeforeThePairingBeganIsWarnedAndSaved() throws {
        let db = try makeDemoDatabase(children: 300)
        let weekAgo = Self.todayDate.adding(days: -7).description
        let (child, mentor) = try withDatabase(db) { db -> (Child, MentorRow) in
            for id in try db.unpairedChildIDs() {
                guard let c = try db.child(id: id), try db.rosterIDs(RosterQuery(search: c.name), today: Self.todayDate) == [id],
                      let m = try db.suggestions(forChild: id).first?.mentor else { continue }
                try db.pair(child: id, mentor: m.id, role: .primary, start: Self.todayDate, actor: "t", timestamp: "2026-11-23T09:00:00+08:00")
                return (c, m)
            }
            throw E2EError.timeout("no unpaired child with a unique name")
        }
        try startApp(["--db", db])
        try waitFor("the roster") { s in MentorScreen.unpaired(s) != nil }
        try openChildBySearch(child.name)
        try send("c")
        try waitFor("the contact form") { s in s.contains(self.zh.text("contact.form_title", child.name, mentor.name)) }
        try send("C-u")
        try type(weekAgo)
        let warning = zh.text("problem.contact_before_pairing", Self.today)
        try waitFor("the warning") { s in s.contains(warning) }
        try send("C-s")
        try waitFor("saved, the warning said again") { s in s.contains(self.zh.text("contact.saved_not_counted", warning)) }
        try withDatabase(db) { db in
            XCTAssertTrue(try db.contacts(childID: child.id!).contains { $0.contact.date.description == weekAgo && $0.contact.mentorID == mentor.id })
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}

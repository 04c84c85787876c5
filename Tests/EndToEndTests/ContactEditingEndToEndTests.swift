import Domain
import Foundation
import Storage
import XCTest

/// Correcting and deleting a recorded contact in a real terminal: recorded from the obligations grid,
/// its date corrected in the child's file, deleted there, and the grid's cell owed again; and a mentor
/// account refused another mentor's contact.
final class ContactEditingEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    func testRecordCorrectTheDateAndDeleteAContact() throws {
        let db = try makeDemoDatabase(children: 120)
        try startApp(["--db", db])
        try waitFor(zh.text("tab.obligations"))
        // Recorded from the grid: the first line's home visit.
        let (grid, firstRow, child, mentor) = try openObligationsGrid()
        XCTAssertEqual(marks(firstRow).first, "·", grid)
        try send("Enter")
        try waitFor(zh.text("contact.form_title", child, mentor))
        try send("Tab")
        try type("村口小卖部旁")
        try send("C-s")
        try waitFor("the visit marked done") { s in
            guard s.contains(self.zh.text("contact.saved")), let line = self.gridLine(s, child: child, mentor: mentor) else { return false }
            return self.marks(line).first == "✓"
        }
        let (childID, id) = try withDatabase(db) { d -> (Int64, Int64) in
            let childID = try XCTUnwrap(try d.rosterRows(ids: try d.rosterIDs()).first { $0.name == child }?.id)
            return (childID, try XCTUnwrap(try d.contacts(childID: childID).first?.contact.id))
        }

        // The child's file: Tab chooses the newest contact, E opens it, the date is corrected.
        try send("1")
        try send("/")
        try waitFor("the search prompt") { RosterScreen.isSearching($0) }
        try type(child)
        try waitFor("the child found") { s in RosterScreen.names(s).first == child }
        try send("Enter", "Enter")
        try waitFor(zh.text("detail.reveal_hint"))
        try send("Tab")
        try waitFor("the newest contact chosen") { s in
            s.split(separator: "\n").contains { $0.contains("▸ " + Self.today) && $0.contains("村口小卖部旁") }
        }
        try send("E")
        try waitFor(zh.text("contact.form_edit_title", child, mentor))
        try waitForField(zh.text("ctf.date"), value: Self.today)
        try send("C-u")
        try type("2026-11-20")
        try send("C-s")
        let corrected = try waitFor("the corrected date in the file") { s in
            s.contains(self.zh.text("contact.saved"))
                && s.split(separator: "\n").contains { $0.contains("▸ 2026-11-20") && $0.contains(self.zh.text("ckind.visit") + " · " + mentor) }
        }
        XCTAssertFalse(corrected.contains(zh.text("contact.form_edit_title", child, mentor)), corrected)

        // D asks, naming kind, date and mentor; n keeps it, D then y deletes it.
        try send("D")
        let question = zh.text("prompt.delete_contact", zh.text("ckind.visit"), "2026-11-20", mentor)
        try waitFor(question)
        try send("n")
        try waitFor("the question gone") { !$0.contains(question) }
        try send("D")
        try waitFor(question)
        try send("y")
        let after = try waitFor("the contact gone from the file") { s in
            s.contains(self.zh.text("contact.deleted")) && !s.contains("村口小卖部旁")
        }
        XCTAssertFalse(after.contains(question), after)

        // The grid counts again: the visit is owed.
        try send("4")
        try waitFor("the visit owed again") { s in
            guard let line = self.gridLine(s, child: child, mentor: mentor) else { return false }
            return self.marks(line).first == "·"
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)

        try withDatabase(db) { d in
            XCTAssertNil(try d.contact(id: id))
            XCTAssertFalse(try d.contacts(childID: childID).contains { $0.contact.id == id })
            let history = try d.contactHistory(id: id)
            XCTAssertEqual(history.map(\.field), ["created", "date", "deleted"])
            XCTAssertEqual(history[1].old, Self.today)
            XCTAssertEqual(history[1].new, "2026-11-20")
            XCTAssertTrue(history.allSatisfy { $0.actor == Self.actor }, "\(history)")
        }
    }

    /// A mentor account opens its own child's file, where a class teacher's contact is listed too:
    /// E and D on it are refused on screen and nothing changes.
    func testAMentorCannotCorrectAnotherMentorsContact() throws {
        let db = try makeDemoDatabase(children: 60)
        let (child, theirs, index) = try withDatabase(db) { d -> (String, Int64, Int) in
            XCTAssertTrue(try d.removeSetting(.isDemo))
            let mentor = try XCTUnwrap(try d.mentorIDs().first { try !d.pairedChildren(mentor: $0).isEmpty })
            let childID = try XCTUnwrap(try d.pairedChildren(mentor: mentor).first)
            let phone = try XCTUnwrap(try d.mentor(id: mentor)?.phone)
            try d.addUser(name: "liufang", role: .mentor, mentorPhone: phone, password: "mentor-pass-1", now: Date(), rounds: 1_000)
            let teacher = try d.addMentor(Mentor(name: "赵老师", role: .teacher, phone: "13700003333"), actor: "x", timestamp: "t")
            try d.pair(child: childID, mentor: teacher, role: .classTeacher, start: LocalDate(year: 2026, month: 9, day: 1)!,
                       actor: "x", timestamp: "t")
            let theirs = try d.addContact(Contact(childID: childID, mentorID: teacher, kind: .teacher, date: Self.todayDate,
                                                  summary: "班主任的记录"), today: Self.todayDate, actor: "x", timestamp: "t")
            let index = try XCTUnwrap(try d.contacts(childID: childID).firstIndex { $0.contact.id == theirs })
            return (try XCTUnwrap(try d.child(id: childID)?.name), theirs, index)
        }
        try startTUI(["--db", db], signIn: false)
        try signInOnScreen("liufang", password: "mentor-pass-1")
        try send("/")
        try waitFor("the search prompt") { RosterScreen.isSearching($0) }
        try type(child)
        try waitFor("the child found") { s in RosterScreen.names(s).first == child }
        try send("Enter", "Enter")
        // A mentor cannot reveal numbers: the file's footer does not offer `v`.
        try waitFor("the file, without the reveal key") { s in
            s.contains(self.zh.text("detail.reveal_hint_masked")) && !s.contains(self.zh.text("detail.reveal_hint"))
        }
        try send("Tab", times: index + 1)
        try waitFor("the teacher's contact chosen") { s in
            s.split(separator: "\n").contains { $0.contains("▸ ") && $0.contains("班主任的记录") }
        }
        try send("E")
        try waitFor(zh.text("contact.not_yours"))
        try send("D")
        let refused = try waitFor(zh.text("contact.not_yours"))
        XCTAssertFalse(refused.contains(zh.text("contact.form_edit_title", child, "赵老师")), refused)
        XCTAssertFalse(refused.contains("删除帮扶记录"), refused)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
        try withDatabase(db) { d in
            let stored = try XCTUnwrap(try d.contact(id: theirs))
            XCTAssertEqual(stored.version, 1)
            XCTAssertEqual(try d.contactHistory(id: theirs).map(\.field), ["created"])
        }
    }
}

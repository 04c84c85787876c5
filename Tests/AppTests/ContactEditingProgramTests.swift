import Domain
import Foundation
import Scheduling
import Storage
import Testing
import TerminalUI
@testable import App

/// Correcting and deleting contacts through the whole program (keys → update → runtime → database).
@Suite("Correcting and deleting contacts")
struct ContactEditingProgramTests {
    @Test func fromTheGridACheckMarkIsCorrectedAndDeleted() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        let s = p.state.strings
        p.press(.char("4"))
        let line = try #require(p.state.obligations.selectedLine)
        #expect(line.cells[0]?.state != .done)
        // Nothing recorded for the cell yet.
        p.press(.char("E"))
        #expect(p.state.contactForm == nil && p.state.message?.text == s[.contactCellNone])
        p.press(.enter, .tab)
        p.type("家中")
        p.press(.ctrl("s"))
        let done = try #require(p.state.obligations.selectedLine?.cells[0])
        let id = try #require(done.doneContactID)
        #expect(done.state == .done)
        p.press(.right, .left) // the next key clears the message: the line below says what the ✓ cell offers
        #expect(p.screen.contains(s.format(.obligationCellDone, "2026-11-23")))

        // E: the form of that contact; the date corrected.
        p.press(.char("E"))
        let form = try #require(p.state.contactForm)
        #expect(form.editing == id && form.value(.place) == "家中")
        #expect(p.screen.contains(s.format(.contactFormEditTitle, line.childName, line.mentorName)))
        p.press(.ctrl("u"))
        p.type("2026-11-20")
        p.press(.ctrl("s"))
        #expect(p.state.contactForm == nil)
        let corrected = try #require(try db.contact(id: id))
        #expect(corrected.contact.date == LocalDate(year: 2026, month: 11, day: 20) && corrected.version == 2)
        #expect(try db.contactHistory(id: id).map(\.field) == ["created", "date"])
        #expect(p.state.obligations.selectedLine?.cells[0]?.doneDates == [LocalDate(year: 2026, month: 11, day: 20)])

        // D: asked, naming kind, date and mentor; y deletes it and the visit is owed again.
        p.press(.char("D"))
        #expect(p.state.prompt == .deleteContact(corrected, partner: line.mentorName))
        #expect(p.screen.contains("删除帮扶记录：2026-11-20 走访 · \(line.mentorName)？"))
        p.press(.char("y"))
        #expect(try db.contact(id: id) == nil)
        #expect(try db.contactHistory(id: id).last.map { [$0.field, $0.actor] } == ["deleted", "local"])
        let after = try #require(p.state.obligations.selectedLine)
        #expect(after.pairingID == line.pairingID)
        #expect(after.cells[0]?.state != .done && after.tally.done == line.tally.done)
        #expect(p.state.message?.text == s[.contactDeletedMessage])
    }

    @Test func inAMentorsFileTabChoosesEAndDAct() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        p.press(.char("2"))
        // The first mentor with at least two contacts.
        var tries = 0
        while true {
            p.press(.enter)
            if (p.state.mentors.detail?.contacts.count ?? 0) >= 2 { break }
            p.press(.escape, .down)
            tries += 1
            try #require(tries < 40)
        }
        let mentor = try #require(p.state.mentors.detail?.mentorID)
        let second = try #require(p.state.mentors.detail?.contacts[1])
        let id = try #require(second.contact.id)
        #expect(p.screen.contains(p.state.strings[.contactKeysHint]))
        p.press(.tab, .tab, .char("E"))
        #expect(p.state.contactForm?.editing == id)
        p.press(.down)
        p.type("（补记）")
        p.press(.ctrl("s"))
        #expect(try db.contact(id: id)?.contact.place == second.contact.place + "（补记）")
        #expect(p.state.mentors.detail?.contacts[1].contact.place == second.contact.place + "（补记）")
        #expect(p.state.mentors.detail?.contactCursor == 1)
        p.press(.char("D"), .char("y"))
        #expect(try db.contact(id: id) == nil)
        #expect(p.state.mentors.detail?.contacts.contains { $0.contact.id == id } == false)
        #expect(try db.contacts(mentorID: mentor).allSatisfy { $0.contact.id != id })
    }

    @Test func inAChildsFileTheCoverageFollowsADelete() throws {
        let p = try makeProgram(size: Size(width: 120, height: 40))
        let db = p.runtime.database
        // A child whose talk of the term nobody has had yet (any of their mentors counts), and one recorded now.
        let input = try db.obligationInput(rules: .fiveOnes, semesterID: "2026-autumn", today: fixedToday)
        let candidates = ObligationEngine.evaluate(input).rows.filter { $0.rule == 1 && $0.state == .due }
        var found: PairingFact?
        for row in candidates where found == nil {
            let mine = try db.obligationInput(rules: .fiveOnes, semesterID: "2026-autumn", childID: row.childID, today: fixedToday)
            let coverage = ObligationEngine.childCoverage(ObligationEngine.evaluate(mine), mine)
            if coverage.contains(where: { $0.rule == 1 && $0.state == .due }) { found = input.pairings.first { $0.id == row.pairingID } }
        }
        let pairing = try #require(found)
        let talk = try db.addContact(Contact(childID: pairing.childID, mentorID: pairing.mentorID, kind: .talk, date: fixedToday,
                                             summary: "谈心：新学期"), today: fixedToday, actor: "local", timestamp: "t")
        let i = try #require(p.state.roster.ids.firstIndex(of: pairing.childID))
        for _ in 0..<i { p.press(.down) }
        p.press(.enter)
        let talkLine = try #require(p.state.detail?.file?.coverage.first { $0.nameZh == "谈心" })
        #expect(talkLine.state == .done)
        p.press(.tab) // the newest: the talk just recorded
        #expect(p.state.detail?.file?.contacts[0].contact.id == talk)
        p.press(.char("D"))
        #expect(p.screen.contains("删除帮扶记录：2026-11-23 谈心"))
        p.press(.char("y"))
        #expect(p.state.detail?.file?.contacts.contains { $0.contact.id == talk } == false)
        #expect(p.state.detail?.file?.coverage.first { $0.nameZh == "谈心" }?.state == .due)
    }

    @Test func aChangeByAnotherProcessIsAConflict() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        p.press(.char("2"), .enter)
        let row = try #require(p.state.mentors.detail?.contacts.first)
        let id = try #require(row.contact.id)
        p.press(.char("E"), .down)
        p.type("甲")
        // Someone else corrects the same contact meanwhile.
        var theirs = row.contact
        theirs.followUp = "他人补充"
        try db.updateContact(theirs, id: id, expectedVersion: row.version, today: fixedToday, actor: "other", timestamp: "t1")
        p.press(.ctrl("s"))
        #expect(p.state.prompt == .contactConflict)
        p.press(.char("y"))
        let saved = try #require(try db.contact(id: id))
        #expect(saved.contact.place == row.contact.place + "甲" && saved.version == row.version + 2)
        // Their change stays in the history.
        #expect(try db.contactHistory(id: id).contains { $0.field == "follow_up" && $0.actor == "other" })

        // A delete asked from a stale read is refused.
        p.press(.char("D"))
        let asked = try #require(try db.contact(id: id))
        var again = asked.contact
        again.summary = "又改了"
        try db.updateContact(again, id: id, expectedVersion: asked.version, today: fixedToday, actor: "other", timestamp: "t2")
        p.press(.char("y"))
        #expect(try db.contact(id: id) != nil)
        #expect(p.state.message?.text == p.state.strings[.contactChangedNotDeleted])
    }
}

@Suite("Correcting and deleting contacts: roles")
struct ContactEditingAccessTests {
    @Test func aMentorCannotCorrectOrDeleteAnotherMentorsContact() throws {
        let f = try AccessFixture()
        let child = f.mine[0]
        // A class teacher of the same child, with a contact of their own; and one of the mentor's.
        let teacher = try f.db.addMentor(Mentor(name: "赵老师", role: .teacher, phone: "13700002222"), actor: "x", timestamp: "t")
        try f.db.pair(child: child, mentor: teacher, role: .classTeacher, start: LocalDate(year: 2026, month: 9, day: 1)!,
                      actor: "x", timestamp: "t")
        let theirs = try f.db.addContact(Contact(childID: child, mentorID: teacher, kind: .teacher, date: fixedToday, summary: "班主任记录"),
                                         today: fixedToday, actor: "王主任", timestamp: "t")
        let mine = try f.db.addContact(Contact(childID: child, mentorID: f.mentorID, kind: .call, date: fixedToday, summary: "电话"),
                                       today: fixedToday, actor: "liufang", timestamp: "t")
        let p = try f.program()
        p.signIn("liufang", "mentor-pass-1")
        let i = try #require(p.state.roster.ids.firstIndex(of: child))
        for _ in 0..<i { p.press(.down) }
        p.press(.enter)
        let contacts = try #require(p.state.detail?.file?.contacts)
        let theirIndex = try #require(contacts.firstIndex { $0.contact.id == theirs })
        for _ in 0...theirIndex { p.press(.tab) }
        #expect(p.state.detail?.contactCursor == theirIndex)
        p.press(.char("E"))
        #expect(p.state.contactForm == nil && p.state.message?.text == p.state.strings[.contactNotYours])
        p.press(.char("D"))
        #expect(p.state.prompt == nil && p.state.message?.text == p.state.strings[.contactNotYours])

        // Commands sent straight to the runtime, as if a screen had a bug.
        let denied = Msg.failed(p.state.strings[.accessDenied])
        #expect(p.runtime.execute(.loadContact(id: theirs)) == denied)
        #expect(p.runtime.execute(.deleteContact(id: theirs, expectedVersion: nil)) == denied)
        var changed = Contact(childID: child, mentorID: teacher, kind: .teacher, date: fixedToday, summary: "改掉")
        #expect(p.runtime.execute(.saveContact(changed, id: theirs, expectedVersion: nil)) == denied)
        changed.mentorID = f.mentorID // claiming it as their own does not help
        #expect(p.runtime.execute(.saveContact(changed, id: theirs, expectedVersion: nil)) == denied)
        let stored = try #require(try f.db.contact(id: theirs))
        #expect(stored.version == 1 && stored.contact.summary == "班主任记录" && stored.contact.mentorID == teacher)

        // Their own: corrected, as themselves.
        let myIndex = try #require(contacts.firstIndex { $0.contact.id == mine })
        while p.state.detail?.contactCursor != myIndex { p.press(.tab) }
        p.press(.char("E"))
        #expect(p.state.contactForm?.editing == mine)
        #expect(p.state.contactForm?.partners.map(\.id) == [f.mentorID])
        p.press(.down)
        p.type("家里")
        p.press(.ctrl("s"))
        #expect(try f.db.contact(id: mine)?.contact.place == "家里")
        #expect(try f.db.contactHistory(id: mine).last.map { [$0.field, $0.actor] } == ["place", "liufang"])
    }

    @Test func aLetterKeptByItsAuthorStaysWhenAnotherCorrectsIt() throws {
        let f = try AccessFixture()
        let child = f.mine[0]
        let letter = try f.db.addContact(Contact(childID: child, mentorID: f.mentorID, kind: .letter,
                                                 date: LocalDate(year: 2026, month: 11, day: 2)!, summary: "亲爱的孩子：……"),
                                         today: fixedToday, actor: "王主任", timestamp: "t")
        let p = try f.program()
        p.signIn("liufang", "mentor-pass-1")
        // The mentor's form never holds the content.
        guard case .contactLoaded(_, let row?) = p.runtime.execute(.loadContact(id: letter)) else {
            Issue.record("the mentor's own letter did not load"); return
        }
        #expect(row.contact.summary.isEmpty)
        var form = ContactForm.editing(row, anchor: .child(.init(id: child, name: "x")), partners: [.init(id: f.mentorID, name: "y")],
                                       letterHidden: true)
        form.values[.date] = TextField("2026-11-03")
        let contact = try #require(form.contact())
        #expect(p.runtime.execute(.saveContact(contact, id: letter, expectedVersion: row.version))
            == .contactSaved(childID: child, mentorID: f.mentorID))
        let stored = try #require(try f.db.contact(id: letter))
        #expect(stored.contact.kind == .letter && stored.contact.summary == "亲爱的孩子：……")
        #expect(stored.contact.date == LocalDate(year: 2026, month: 11, day: 3))
    }
}

@Suite("Golden screens: correcting and deleting contacts")
struct ContactEditingGoldenTests {
    /// A mentor's file with the second contact chosen (Tab Tab) and the delete question asked (D).
    @Test(arguments: [Language.zhHans, .en])
    func deleteQuestionInAMentorsFile(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        p.press(.char("2"), .enter, .tab, .tab, .char("D"))
        expectGolden(p.screen, "contact-delete-\(language.rawValue)-80x24")
    }
}

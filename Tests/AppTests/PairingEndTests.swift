import Domain
import Foundation
import Scheduling
import Storage
import Testing
import TerminalUI
@testable import App

/// Ending one pairing (`u` in a mentor's or a child's file), and the contact form's warning on a
/// contact dated before the pairing began.
@Suite("Ending one pairing")
struct PairingEndTests {
    /// The first mentor with at least `count` active pairings, and those pairings.
    static func mentor(_ db: AppDatabase, withActive count: Int) throws -> (MentorRow, [PairingRow]) {
        for id in try db.mentorIDs() {
            let active = try db.pairings(mentorID: id).filter(\.pairing.isActive)
            if active.count >= count, let row = try db.mentorRows(ids: [id]).first { return (row, active) }
        }
        throw CocoaError(.featureUnsupported)
    }

    /// Opens the mentor's file on screen 2 (found by moving down the list).
    static func openMentor(_ p: Program, _ id: Int64) throws {
        p.press(.char("2"))
        let index = try #require(p.state.mentors.list.ids.firstIndex(of: id))
        for _ in 0..<index { p.press(.down) }
        p.press(.enter)
        #expect(p.state.mentors.detail?.mentorID == id)
    }

    @Test func theMentorsFileOffersItsActivePairingsAndEndsTheChosenOne() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        let (mentor, active) = try Self.mentor(db, withActive: 2)
        try Self.openMentor(p, mentor.id)
        // The file names the key beside its children.
        #expect(p.screen.contains(p.state.strings[.mentorSectionChildren] + "  " + p.state.strings[.pairingEndKeysHint]))
        #expect(p.screen.contains("u " + p.state.strings[.actionEndPairing])) // the status bar at 100 columns

        p.press(.char("u"))
        let form = try #require(p.state.pairingEndForm)
        #expect(form.choices.map(\.id) == active.map(\.id))
        #expect(form.order == [.pairing, .date, .reason])
        #expect(form.focusedField == .date && form.value(.date) == fixedToday.description)
        #expect(form.value(.reason) == PairingEndReason.other.rawValue)
        #expect(p.state.keyContexts == [.form, .global] && p.state.isTextEntry)

        // Choose the second pairing (← → on the pairing field), a date before it began is refused.
        p.press(.up, .right)
        let chosen = active[1]
        #expect(p.state.pairingEndForm?.chosen?.id == chosen.id)
        p.press(.down, .ctrl("u"))
        let early = chosen.pairing.start.adding(days: -1)
        p.type(early.description)
        #expect(p.state.pairingEndForm?.issues(today: fixedToday)[.date] == .beforePairingStart(chosen.pairing.start))
        #expect(p.screen.contains(p.state.strings.format(.problemBeforePairingStart, chosen.pairing.start.description)))
        p.press(.ctrl("s"))
        #expect(p.state.prompt == nil)
        #expect(try db.pairing(id: chosen.id)?.pairing.isActive == true)
        // After today is refused too.
        p.press(.ctrl("u"))
        p.type(fixedToday.adding(days: 1).description)
        #expect(p.state.pairingEndForm?.issues(today: fixedToday)[.date] == .dateInFuture)
        // The day it began is allowed; the reason: 儿童迁出.
        p.press(.ctrl("u"))
        p.type(chosen.pairing.start.description)
        p.press(.tab, .right)
        #expect(p.state.pairingEndForm?.value(.reason) == PairingEndReason.childMoved.rawValue)
        p.press(.ctrl("s"))
        let request = PairingEndRequest(id: chosen.id, on: chosen.pairing.start, reason: .childMoved, childName: chosen.childName,
                                        mentorName: mentor.name)
        #expect(p.state.prompt == .endPairing(request))
        #expect(p.screen.contains(p.state.strings.format(.pairingEndConfirm, chosen.childName, mentor.name,
                                                         chosen.pairing.start.description, p.state.strings.label("pend", PairingEndReason.childMoved))))
        // No: back to the form, nothing ended.
        p.press(.char("n"))
        #expect(p.state.prompt == nil && p.state.pairingEndForm != nil)
        #expect(try db.pairing(id: chosen.id)?.pairing.isActive == true)
        let unpairedBefore = try db.unpairedCount()
        let childHadOnlyThis = try db.pairings(childID: chosen.pairing.childID).filter(\.pairing.isActive).count == 1
        p.press(.ctrl("s"), .char("y"))

        #expect(p.state.pairingEndForm == nil)
        let ended = try #require(try db.pairing(id: chosen.id))
        #expect(ended.pairing.end == chosen.pairing.start && ended.pairing.endReason == .childMoved && ended.endedBy == "local")
        #expect(p.state.message?.text == p.state.strings.format(.pairingEndDone, chosen.childName, mentor.name,
                                                                 chosen.pairing.start.description, p.state.strings.label("pend", PairingEndReason.childMoved)))
        // The file shows it among the ended pairings, the load is one lower, the other pairing stays.
        let detail = try #require(p.state.mentors.detail)
        #expect(detail.row?.load == mentor.load - 1)
        #expect(detail.pairings.first { $0.id == chosen.id }?.pairing.isActive == false)
        #expect(detail.pairings.first { $0.id == active[0].id }?.pairing.isActive == true)
        #expect(p.screen.contains(p.state.strings[.mentorSectionEnded]))
        #expect(p.screen.contains(MentorsView.pairingText(ended, showChild: true, p.state.strings)))
        // A primary pairing that was the child's only one leaves the child unpaired (the header's count).
        let unpaired = unpairedBefore + (childHadOnlyThis && chosen.pairing.role == .primary ? 1 : 0)
        #expect(try db.unpairedCount() == unpaired)
        #expect(p.state.summary?.unpaired == unpaired)
        // The audit trail has it, by whom, as the other pairing writes are.
        let entry = try #require(try db.auditEntries(childID: chosen.pairing.childID).last { $0.entity == "pairing" && $0.field == "end_date" })
        #expect(entry.entityID == chosen.id && entry.actor == "local" && entry.new == chosen.pairing.start.description + " child_moved")
    }

    @Test func theUpdateAsksThenSendsOneCommandAndReadsEverythingAgain() throws {
        var s = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans))
        let start = LocalDate(year: 2026, month: 9, day: 1)!
        let row = PairingRow(pairing: Pairing(id: 9, childID: 3, mentorID: 5, role: .primary, start: start), childName: "张三",
                             mentorName: "李芳", mentorRole: .volunteer, mentorPhone: "13912340824", actor: "demo", createdAt: "")
        s.screen = .mentors
        s.mentors.loadedQuery = MentorQuery()
        s.mentors.detail = MentorDetailState(mentorID: 5)
        s.mentors.detail?.row = MentorRow(id: 5, name: "李芳", role: .volunteer, phone: "13912340824", organisation: "", gridName: nil,
                                          capacity: 2, load: 1, status: .active, leftOn: nil)
        s.mentors.detail?.pairings = [row]
        s.mentors.detail?.loaded = true
        #expect(Update.update(&s, .key(.char("u"))) == [])
        #expect(s.pairingEndForm?.order == [.date, .reason]) // one pairing: named, not offered
        #expect(View.render(s).text.contains(s.strings.format(.pairingEndChoice, "张三", s.strings.label("prole", PairRole.primary), "2026-09-01")))
        #expect(Update.update(&s, .key(.ctrl("s"))) == [])
        #expect(Update.update(&s, .key(.char("y"))) == [.endPairing(id: 9, on: fixedToday, reason: .other)])
        #expect(Update.update(&s, .pairingEnded(childID: 3, mentorID: 5)) == [
            .loadSummary, .loadRosterIDs(s.roster.rosterQuery), .loadMentorCounts, .loadMentorDetail(5), .loadMentorIDs(MentorQuery()),
        ])
        #expect(s.pairingEndForm == nil)

        // Refused by the store: a date before the start keeps the form; an ended pairing closes it and reads the file again.
        _ = Update.update(&s, .key(.char("u")))
        _ = Update.update(&s, .pairingRefused(.endBeforeStart))
        #expect(s.pairingEndForm != nil)
        #expect(s.message == StatusMessage(s.strings.format(.pairingEndRefused, s.strings[.importRuleEndBeforeStart]), isError: true))
        #expect(Update.update(&s, .pairingRefused(.alreadyEnded)) == [.loadMentorDetail(5)])
        #expect(s.pairingEndForm == nil)
        #expect(s.message?.text == "无法结束结对：这个结对已经结束")

        // Nothing to end: said, no form.
        s.mentors.detail?.pairings = [PairingRow(pairing: Pairing(id: 9, childID: 3, mentorID: 5, role: .primary, start: start, end: fixedToday,
                                                                  endReason: .other),
                                                 childName: "张三", mentorName: "李芳", mentorRole: .volunteer, mentorPhone: "", actor: "", createdAt: "")]
        #expect(Update.update(&s, .key(.char("u"))) == [])
        #expect(s.pairingEndForm == nil && s.message == StatusMessage(s.strings[.pairingEndNone], isError: true))
    }

    @Test func aChildsFileEndsItsPairingAndTheChildIsUnpaired() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        // A child with exactly one active pairing, a primary one.
        var found: (Int64, PairingRow)?
        for id in p.state.roster.ids {
            let active = try db.pairings(childID: id).filter(\.pairing.isActive)
            if active.count == 1, active[0].pairing.role == .primary { found = (id, active[0]); break }
        }
        let (child, pairing) = try #require(found)
        let index = try #require(p.state.roster.ids.firstIndex(of: child))
        for _ in 0..<index { p.press(.down) }
        p.press(.enter)
        let before = try db.unpairedCount()
        p.press(.char("u"))
        #expect(p.state.pairingEndForm?.choices.map(\.id) == [pairing.id])
        #expect(p.screen.contains(p.state.strings.format(.pairingEndTitle, pairing.childName)))
        p.press(.ctrl("s"), .char("y"))
        #expect(try db.pairing(id: pairing.id)?.pairing.end == fixedToday)
        #expect(try db.primaryMentorID(childID: child) == nil)
        #expect(p.state.summary?.unpaired == before + 1)
        #expect(p.state.detail?.file?.pairings.allSatisfy { !$0.pairing.isActive } == true)
        // Again: nothing left to end.
        p.press(.char("u"))
        #expect(p.state.pairingEndForm == nil && p.state.message?.text == p.state.strings[.pairingEndNone])
    }

    @Test func aMentorAccountCannotEndAPairingByTheKeyNorByTheCommand() throws {
        let f = try AccessFixture()
        let p = try f.program()
        p.signIn("liufang", "mentor-pass-1")
        #expect(p.state.principal.role == .mentor)
        let pairing = try #require(try f.db.pairings(mentorID: f.mentorID).first(where: \.pairing.isActive))
        p.press(.char("2"), .enter)
        #expect(p.state.mentors.detail?.mentorID == f.mentorID)
        #expect(!p.screen.contains(p.state.strings[.pairingEndKeysHint]))
        p.press(.char("u"))
        #expect(p.state.pairingEndForm == nil)
        #expect(p.state.message?.text == p.state.strings[.accessDenied])
        // Straight to the runtime: refused, nothing ends.
        #expect(p.runtime.execute(.endPairing(id: pairing.id, on: fixedToday, reason: .other)) == .failed(p.state.strings[.accessDenied]))
        #expect(try f.db.pairing(id: pairing.id)?.pairing.isActive == true)
    }

    @Test func theRuntimeRefusesAFutureDayAndAnEndedPairing() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        let db = p.runtime.database
        let (_, active) = try Self.mentor(db, withActive: 1)
        let id = active[0].id
        let future = p.runtime.execute(.endPairing(id: id, on: fixedToday.adding(days: 1), reason: .other))
        #expect(future == .failed(p.state.strings.format(.pairingEndRefused, p.state.strings[.problemDateInFuture])))
        #expect(p.runtime.execute(.endPairing(id: id, on: active[0].pairing.start.adding(days: -1), reason: .other)) == .pairingRefused(.endBeforeStart))
        #expect(p.runtime.execute(.endPairing(id: id, on: fixedToday, reason: .other))
                    == .pairingEnded(childID: active[0].pairing.childID, mentorID: active[0].pairing.mentorID))
        #expect(p.runtime.execute(.endPairing(id: id, on: fixedToday, reason: .other)) == .pairingRefused(.alreadyEnded))
        #expect(p.runtime.execute(.endPairing(id: 999_999, on: fixedToday, reason: .other)) == .pairingRefused(.unknownPairing))
    }
}

@Suite("Contact form: a contact before the pairing began")
struct ContactBeforePairingTests {
    @Test func spansSayWhenAContactCountsForNothing() {
        let start = LocalDate(year: 2026, month: 11, day: 23)!
        let spans = [PairingSpan(start: LocalDate(year: 2026, month: 3, day: 1)!, end: LocalDate(year: 2026, month: 6, day: 30)!),
                     PairingSpan(start: start)]
        #expect(PairingSpan.contactProblem(on: start, spans: spans) == nil)
        #expect(PairingSpan.contactProblem(on: LocalDate(year: 2026, month: 6, day: 30)!, spans: spans) == nil)
        #expect(PairingSpan.contactProblem(on: LocalDate(year: 2026, month: 9, day: 1)!, spans: spans) == .contactOutsidePairing)
        #expect(PairingSpan.contactProblem(on: LocalDate(year: 2026, month: 2, day: 1)!, spans: spans)
                    == .contactBeforePairing(LocalDate(year: 2026, month: 3, day: 1)!))
        #expect(PairingSpan.contactProblem(on: start, spans: []) == nil) // nothing known: no warning
        #expect(FieldProblem.contactBeforePairing(start).isBlocking == false && FieldProblem.beforePairingStart(start).isBlocking)
    }

    @Test func aVisitAWeekBeforeTodaysPairingWarnsAndIsSavedAllTheSame() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        let child = try #require(try db.unpairedChildIDs().first)
        let mentor = try #require(try db.suggestions(forChild: child).first?.mentor)
        try db.pair(child: child, mentor: mentor.id, role: .primary, start: fixedToday, actor: "t", timestamp: "2026-11-23T09:00:00+08:00")
        // The child's file, `c`: the form knows when the pair began.
        p.dispatch(.rosterIDsLoaded(p.state.roster.rosterQuery, ids: [child]))
        p.press(.enter, .char("c"))
        let form = try #require(p.state.contactForm)
        #expect(form.partner?.spans == [PairingSpan(start: fixedToday)])
        #expect(form.issues(today: fixedToday)[.date] == nil)
        p.press(.ctrl("u"))
        let weekAgo = fixedToday.adding(days: -7)
        p.type(weekAgo.description)
        let warning = p.state.strings.format(.problemContactBeforePairing, fixedToday.description)
        #expect(warning == "结对开始于 2026-11-23，此记录不计入五个一")
        #expect(p.state.contactForm?.issues(today: fixedToday)[.date] == .contactBeforePairing(fixedToday))
        #expect(p.screen.contains("! " + String(warning.prefix(10)))) // beside the field
        #expect(p.screen.contains(warning)) // in whole on the message line
        p.press(.ctrl("s"))
        #expect(p.state.contactForm == nil)
        #expect(p.state.message?.text == p.state.strings.format(.contactSavedNotCounted, warning))
        #expect(try db.contacts(childID: child).contains { $0.contact.date == weekAgo && $0.contact.mentorID == mentor.id })
    }

    @Test func fromTheGridTheFormReadsThePairsDatesFirst() throws {
        var s = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans))
        let line = ObligationLine(pairingID: 1, childID: 3, mentorID: 5, childName: "张三", mentorName: "李芳", grid: "", school: "",
                                  address: "", childSort: "", mentorSort: "", cells: [], tally: ObligationTally())
        #expect(ContactFormUpdate.openFromGrid(&s, line: line, kind: .visit) == [.loadPairingSpans(child: 3, mentor: 5)])
        #expect(s.contactForm?.partner?.spans == nil)
        _ = Update.update(&s, .pairingSpansLoaded(child: 3, mentor: 6, [PairingSpan(start: fixedToday)])) // another pair: ignored
        #expect(s.contactForm?.partner?.spans == nil)
        _ = Update.update(&s, .pairingSpansLoaded(child: 3, mentor: 5, [PairingSpan(start: fixedToday)]))
        #expect(s.contactForm?.partner?.spans == [PairingSpan(start: fixedToday)])
        s.contactForm?.values[.date] = TextField(fixedToday.adding(days: -3).description)
        #expect(s.contactForm?.issues(today: fixedToday)[.date] == .contactBeforePairing(fixedToday))
        // A warning does not stop the save.
        #expect(Update.update(&s, .key(.ctrl("s"))).first.map { if case .saveContact = $0 { return true } else { return false } } == true)
    }
}

@Suite("Golden screens: ending a pairing, a contact before the pairing")
struct PairingEndGoldenTests {
    @Test(arguments: [Language.zhHans, .en])
    func endForm(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        let (mentor, _) = try PairingEndTests.mentor(p.runtime.database, withActive: 2)
        try PairingEndTests.openMentor(p, mentor.id)
        expectGolden(p.screen, "pairing-end-file-\(language.rawValue)-80x24")
        p.press(.char("u"), .tab, .right) // the reason: 儿童迁出
        expectGolden(p.screen, "pairing-end-form-\(language.rawValue)-80x24")
        p.press(.ctrl("s"))
        expectGolden(p.screen, "pairing-end-confirm-\(language.rawValue)-80x24")
    }

    @Test(arguments: [Language.zhHans, .en])
    func contactBeforePairing(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        let db = p.runtime.database
        let child = try #require(try db.unpairedChildIDs().first)
        let mentor = try #require(try db.suggestions(forChild: child).first?.mentor)
        try db.pair(child: child, mentor: mentor.id, role: .primary, start: fixedToday, actor: "t", timestamp: "2026-11-23T09:00:00+08:00")
        p.dispatch(.rosterIDsLoaded(p.state.roster.rosterQuery, ids: [child]))
        p.press(.enter, .char("c"), .ctrl("u"))
        p.type(fixedToday.adding(days: -7).description)
        expectGolden(p.screen, "contact-before-pairing-\(language.rawValue)-80x24")
    }
}

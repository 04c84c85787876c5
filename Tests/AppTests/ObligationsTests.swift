import Domain
import Foundation
import Scheduling
import Storage
import Testing
import TerminalUI
@testable import App

@Suite("Golden screens: obligations")
struct ObligationGoldenTests {
    @Test(arguments: [Language.zhHans, .en], GoldenScreenTests.sizes)
    func grid(language: Language, size: Size) throws {
        let p = try makeProgram(size: size, language: language)
        p.press(.char("4"))
        expectGolden(p.screen, "obligations-\(language.rawValue)-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Language.zhHans, .en])
    func weekDashboardAndForm(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        p.press(.char("4"), .char("t"))
        expectGolden(p.screen, "obligations-week-\(language.rawValue)-80x24")
        p.press(.char("d"))
        expectGolden(p.screen, "obligations-dashboard-\(language.rawValue)-80x24")
        p.press(.escape, .right, .enter)
        expectGolden(p.screen, "contact-form-\(language.rawValue)-80x24")
    }
}

@Suite("Obligations screen")
struct ObligationsScreenTests {
    @Test func recordingFromACellTurnsItDone() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("4"))
        let o = p.state.obligations
        let board = try #require(o.board)
        #expect(board.semester.id == "2026-autumn")
        #expect(board.rules.map(\.kind) == [.visit, .talk, .teacher, .guardian, .letter])
        // The first line (most overdue, then least done) has the home visit still due.
        let line = try #require(o.selectedLine)
        let cell = try #require(line.cells[0])
        #expect(cell.state != .done)
        p.press(.enter)
        let form = try #require(p.state.contactForm)
        #expect(form.childID == line.childID && form.mentorID == line.mentorID)
        #expect(form.value(.kind) == "visit" && form.value(.date) == "2026-11-23")
        p.press(.tab)
        p.type("家中")
        p.press(.ctrl("s"))
        #expect(p.state.contactForm == nil)
        #expect(p.state.message?.text == p.state.strings[.contactSavedMessage])
        // The grid was evaluated again: the same pairing is selected and its visit is done today.
        let after = try #require(p.state.obligations.selectedLine)
        #expect(after.pairingID == line.pairingID)
        #expect(after.cells[0]?.state == .done)
        #expect(after.cells[0]?.doneDates == [fixedToday])
        let rows = try p.runtime.database.contacts(childID: line.childID)
        #expect(rows.first?.contact.place == "家中" && rows.first?.author == "local")
    }

    @Test func aContactInTheFutureIsRefusedInTheForm() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("4"), .enter, .ctrl("u"))
        p.type("2026-12-01")
        p.press(.ctrl("s"))
        #expect(p.state.contactForm != nil)
        #expect(p.screen.contains(p.state.strings[.problemDateInFuture]))
        #expect(try p.runtime.database.contactCount() == p.runtime.database.contactCount())
    }

    @Test func lettersKeepOnlyTheFactUnlessAskedTo() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("4"))
        let line = try #require(p.state.obligations.selectedLine)
        for _ in 0..<4 { p.press(.right) }
        p.press(.enter)
        #expect(p.state.contactForm?.value(.kind) == "letter")
        #expect(p.state.contactForm?.order.contains(.keepLetter) == true)
        p.press(.tab, .tab)
        p.type("亲爱的小朋友：")
        p.press(.ctrl("s"))
        let letter = try #require(try p.runtime.database.contacts(childID: line.childID).first { $0.contact.kind == .letter && $0.contact.date == fixedToday })
        #expect(letter.contact.summary.isEmpty)
    }

    @Test func filtersSortAndSemesters() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("4"))
        let all = p.state.obligations.visible.count
        #expect(all > 5)
        let mentor = try #require(p.state.obligations.selectedLine).mentorID
        p.press(.char("m"))
        #expect(p.state.obligations.visible.allSatisfy { p.state.obligations.board!.lines[$0].mentorID == mentor })
        p.press(.char("m"))
        #expect(p.state.obligations.visible.count == all)
        p.press(.char("s")) // overdue only: none in the current semester at the demo's pace
        #expect(p.state.obligations.filter.state == .overdue)
        p.press(.char("s"), .char("s")) // done
        #expect(p.state.obligations.visible.allSatisfy { p.state.obligations.board!.lines[$0].cells.contains { $0?.state == .done } })
        p.press(.char("s"), .char("s"))
        #expect(p.state.obligations.filter.state == nil)
        p.press(.char("/"))
        let name = p.state.obligations.board!.lines[p.state.obligations.visible[3]].childName
        p.type(name)
        #expect(p.state.obligations.visible.allSatisfy { p.state.obligations.board!.lines[$0].childName.contains(name) })
        p.press(.escape, .escape)
        #expect(p.state.obligations.visible.count == all)
        // The previous semester is over: what was not done is overdue.
        p.press(.char("["))
        #expect(p.state.obligations.board?.semester.id == "2026-spring")
        #expect(p.state.obligations.board!.lines.contains { $0.tally.overdue > 0 })
        p.press(.char("o"))
        #expect(p.state.obligations.sort == .child)
    }

    @Test func weekListOrdersOverdueFirst() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("4"), .char("["), .char("t"))
        guard case .week(let mentor) = p.state.obligations.mode else { Issue.record("not in the week list"); return }
        let items = p.state.obligations.dueItems(mentorID: mentor)
        #expect(!items.isEmpty && items.allSatisfy(\.overdue))
        p.press(.enter)
        #expect(p.state.contactForm?.mentorID == mentor)
    }

    @Test func recordFromAChildsFileAndAMentorsFile() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        let db = p.runtime.database
        let paired = try #require(try db.obligationInput(rules: .fiveOnes, semesterID: "2026-autumn", today: fixedToday)
            .pairings.first { $0.end == nil })
        let index = try #require(p.state.roster.ids.firstIndex(of: paired.childID))
        for _ in 0..<index { p.press(.down) }
        p.press(.enter, .char("c"))
        let form = try #require(p.state.contactForm)
        #expect(form.childID == paired.childID)
        p.press(.escape)
        #expect(p.state.contactForm == nil)
        // A child without a mentor is told to pair first.
        let unpaired = try #require(try db.unpairedChildIDs().first)
        p.press(.escape)
        let i2 = try #require(p.state.roster.ids.firstIndex(of: unpaired))
        while p.state.roster.cursor > i2 { p.press(.up) }
        while p.state.roster.cursor < i2 { p.press(.down) }
        p.press(.enter, .char("c"))
        #expect(p.state.contactForm == nil)
        #expect(p.state.message?.isError == true)
    }

    @Test func aMentorsFileOpensTheirWeek() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("2"), .enter)
        let id = try #require(p.state.mentors.detail?.mentorID)
        p.press(.char("t"))
        #expect(p.state.screen == .obligations)
        #expect(p.state.obligations.mode == .week(mentorID: id))
        #expect(p.state.obligations.board != nil)
        p.press(.escape)
        #expect(p.state.obligations.mode == .grid)
    }

    @Test func comingBackToTheScreenCountsAgain() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("4"))
        let line = try #require(p.state.obligations.selectedLine)
        #expect(line.cells[1]?.state != .done)
        // Another terminal (or an import) records the talk meanwhile.
        try p.runtime.database.addContact(Contact(childID: line.childID, mentorID: line.mentorID, kind: .talk, date: fixedToday),
                                          today: fixedToday, actor: "other", timestamp: "t")
        p.press(.char("1"), .char("4"))
        let again = try #require(p.state.obligations.board?.lines.first { $0.pairingID == line.pairingID })
        #expect(again.cells[1]?.state == .done)
    }

    @Test func aChildsFileShowsTheTermsFiveOnes() throws {
        let p = try makeProgram(size: Size(width: 120, height: 40))
        let db = p.runtime.database
        let input = try db.obligationInput(rules: .fiveOnes, semesterID: "2026-autumn", today: fixedToday)
        let undone = try #require(ObligationEngine.evaluate(input).rows.first { $0.rule == 3 && $0.state == .due })
        let pairing = try #require(input.pairings.first { $0.id == undone.pairingID })
        // A class teacher of the child (any of the child's mentors counts for the child's own coverage).
        let teacher = try db.addMentor(Mentor(name: "赵老师", role: .teacher, phone: "13700001111"), actor: "x", timestamp: "t")
        try db.pair(child: pairing.childID, mentor: teacher, role: .classTeacher, start: LocalDate(year: 2026, month: 9, day: 1)!,
                    actor: "x", timestamp: "t")
        try db.addContact(Contact(childID: pairing.childID, mentorID: teacher, kind: .guardian, date: LocalDate(year: 2026, month: 10, day: 9)!),
                          today: fixedToday, actor: "x", timestamp: "t")
        let i = try #require(p.state.roster.ids.firstIndex(of: pairing.childID))
        for _ in 0..<i { p.press(.down) }
        p.press(.enter)
        let coverage = try #require(p.state.detail?.file?.coverage)
        #expect(coverage.map(\.nameZh) == ["家访", "谈心", "联系班主任", "监护人沟通", "写信"])
        #expect(coverage[3].state == .done && coverage[3].date == LocalDate(year: 2026, month: 10, day: 9))
        // Scroll to it: the line is in the pairings section of the file.
        var seen = p.screen
        for _ in 0..<4 where !seen.contains("监护人沟通 ✓ 10-09") { p.press(.pageDown); seen = p.screen }
        #expect(seen.contains("监护人沟通 ✓ 10-09"), "\(seen)")
    }

    @Test func cellMarks() {
        let cell = ObligationCell(states: [.done, .overdue, .overdue, .due], doneDates: [], targets: [], current: 3)
        #expect(cell.mark == "!2")
        #expect(ObligationCell(states: [.done, .due], doneDates: [], targets: [], current: 1).mark == "·")
        #expect(ObligationCell(states: [.done, .notOwed], doneDates: [], targets: [], current: 1).mark == "✓")
        #expect(ObligationCell(states: [.notOwed], doneDates: [], targets: [], current: nil).mark == "–")
    }
}

@Suite("Reports screen")
struct ReportsScreenTests {
    @Test(arguments: [Language.zhHans, .en])
    func golden(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        p.press(.char("5"))
        expectGolden(p.screen, "reports-\(language.rawValue)-80x24")
        p.press(.down, .down, .enter)
        expectGolden(p.screen, "reports-drill-\(language.rawValue)-80x24")
    }

    @Test func drillOpenAndComeBack() throws {
        let p = try makeProgram(size: Size(width: 100, height: 30))
        p.press(.char("5"))
        let doc = try #require(p.state.reports.document)
        #expect(p.state.reports.period?.id == "2026-autumn")
        #expect(doc.sections.count >= 8)
        // The second line is 男 (boys): Enter lists exactly the boys on the roster.
        p.press(.down, .enter)
        let drill = try #require(p.state.reports.drill)
        #expect(drill.slice == .sex(.male))
        let boys = try p.runtime.database.reportChildren(.sex(.male), period: p.state.reports.period!)
        #expect(drill.list.ids == boys)
        p.press(.enter)
        #expect(p.state.screen == .roster)
        #expect(p.state.detail?.childID == boys.first)
        #expect(p.state.detail?.child?.sex == .male)
        p.press(.escape)
        #expect(p.state.screen == .reports)
        #expect(p.state.reports.drill != nil)
        p.press(.escape)
        #expect(p.state.reports.drill == nil)
        // Periods: previous semester, then the kind cycles to a quarter.
        p.press(.char("["))
        #expect(p.state.reports.period?.id == "2026-spring")
        p.press(.char("p"))
        #expect(p.state.reports.period?.kind == .quarter)
        // The quarter holding the spring term's end, named in words; its five ones are the spring term's,
        // counted to the quarter's end.
        #expect(p.state.reports.period?.id == "2026-Q3")
        let quarter = try #require(p.state.reports.document)
        #expect(quarter.periodLine.hasPrefix("统计期：2026年第三季度（2026-07-01 至 2026-09-30）"))
        #expect(quarter.sections.contains { $0.title == "七、“五个一”完成情况（2026年春季学期，截至 2026-09-30）" })
    }
}

@Suite("A child's file: who opened it")
struct FileAccessTests {
    @Test func openingsAndRevealsAreListedNewestFirst() throws {
        let p = try makeProgram(size: Size(width: 120, height: 40))
        p.press(.enter)
        let id = try #require(p.state.detail?.childID)
        p.press(.char("v"), .escape, .enter)
        #expect(p.state.detail?.childID == id)
        let access = try #require(p.state.detail?.file?.access)
        #expect(access.map(\.action) == ["open", "reveal", "open"])
        #expect(access.allSatisfy { $0.childID == id && $0.actor == "local" })
        let lines = DetailView.lines(p.state).compactMap { line -> String? in
            if case .field(_, let text) = line { return text }
            return nil
        }
        #expect(lines.contains { $0.hasPrefix(p.state.strings.text("audit.access.reveal")) })
    }
}

@Suite("Header")
struct HeaderTests {
    @Test func countsStayWhenTheNameIsLong() throws {
        // 300 children in English at 80 columns: the counts do not fit beside the whole community name.
        let p = try makeProgram(size: Size(width: 80, height: 24), language: .en, children: 300)
        let header = String(p.screen.split(separator: "\n")[0])
        let s = try #require(p.state.summary)
        #expect(header.contains(p.state.strings.format(.headerCounts, s.activeChildren, s.unpaired, s.archivedChildren)), "\(header)")
        #expect(header.contains("…"))
    }
}

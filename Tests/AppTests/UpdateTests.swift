import Domain
import Storage
import Testing
import TerminalUI
@testable import App

@Suite("Update")
struct UpdateTests {
    func state(_ size: Size = Size(width: 80, height: 24)) throws -> AppState {
        AppState(size: size, today: fixedToday, strings: try Strings.load(.zhHans))
    }

    func row(_ id: Int64) -> RosterRow {
        RosterRow(id: id, name: "儿童\(id)", sex: .male, birthDate: nil, schoolName: nil, className: nil, gridName: nil,
                  guardianName: nil, guardianRelation: nil, leftBehindType: nil)
    }

    @Test func startLoadsSummaryAndIDs() throws {
        var s = try state()
        #expect(Update.start(&s) == [.loadSummary, .loadRosterIDs(RosterQuery(search: "")), .loadDraft(key: "form:local")])
    }

    @Test func idsLoadedRequestsOnlyTheVisibleWindow() throws {
        var s = try state()
        let cmds = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: Array(1...100)))
        #expect(s.rosterPageSize == 18)
        #expect(cmds == [.loadRosterRows(Array(1...18))])
        #expect(s.roster.cursor == 0 && s.roster.top == 0)
    }

    @Test func movingPastTheWindowLoadsTheNextRows() throws {
        var s = try state()
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: Array(1...100)))
        _ = Update.update(&s, .rosterRowsLoaded((1...18).map(row)))
        #expect(Update.update(&s, .key(.down)) == [])
        #expect(s.roster.cursor == 1)
        for _ in 0..<16 { _ = Update.update(&s, .key(.char("j"))) }
        #expect(s.roster.cursor == 17 && s.roster.top == 0)
        #expect(Update.update(&s, .key(.down)) == [.loadRosterRows([19])])
        #expect(s.roster.top == 1)
        #expect(Update.update(&s, .key(.char("G"))) == [.loadRosterRows(Array(83...100))])
        #expect(s.roster.cursor == 99 && s.roster.top == 82)
        _ = Update.update(&s, .key(.char("g")))
        #expect(s.roster.cursor == 0 && s.roster.top == 0)
        _ = Update.update(&s, .key(.pageDown))
        #expect(s.roster.cursor == 18 && s.roster.top == 18)
        _ = Update.update(&s, .key(.pageUp))
        #expect(s.roster.cursor == 0 && s.roster.top == 0)
        _ = Update.update(&s, .key(.up))
        #expect(s.roster.cursor == 0)
    }

    @Test func loadedRowsOutsideTheWindowAreDropped() throws {
        var s = try state()
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: Array(1...100)))
        _ = Update.update(&s, .rosterRowsLoaded((1...18).map(row)))
        _ = Update.update(&s, .key(.end))
        _ = Update.update(&s, .rosterRowsLoaded((83...100).map(row)))
        #expect(Set(s.roster.rows.keys) == Set(83...100))
    }

    @Test func typingSearchesOnEveryKeystroke() throws {
        var s = try state()
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: Array(1...5)))
        #expect(Update.update(&s, .key(.char("/"))) == [.prepareSearch])
        #expect(s.roster.searching)
        #expect(Update.update(&s, .key(.char("王"))) == [.loadRosterIDs(RosterQuery(search: "王"))])
        // Letters bound elsewhere (q, j) are text while searching.
        #expect(Update.update(&s, .key(.char("q"))) == [.loadRosterIDs(RosterQuery(search: "王q"))])
        #expect(s.running)
        #expect(Update.update(&s, .key(.backspace)) == [.loadRosterIDs(RosterQuery(search: "王"))])
        // A reply for an older query is ignored.
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: "王q"), ids: [9]))
        #expect(s.roster.ids == Array(1...5))
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: "王"), ids: [2, 4]))
        #expect(s.roster.ids == [2, 4])
        #expect(Update.update(&s, .key(.enter)) == [])
        #expect(!s.roster.searching && s.roster.query == "王")
        #expect(Update.update(&s, .key(.escape)) == [.loadRosterIDs(RosterQuery(search: ""))])
        #expect(s.roster.query.isEmpty)
    }

    @Test func ctrlUClearsTheSearchField() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("/")))
        _ = Update.update(&s, .key(.char("李")))
        #expect(Update.update(&s, .key(.ctrl("u"))) == [.loadRosterIDs(RosterQuery(search: ""))])
        #expect(s.roster.searching && s.roster.query.isEmpty)
    }

    @Test func selectionFollowsTheChildAcrossSearches() throws {
        var s = try state()
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: [1, 2, 3, 4]))
        _ = Update.update(&s, .key(.down)); _ = Update.update(&s, .key(.down))
        #expect(s.roster.selectedID == 3)
        s.roster.query = "x"
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: "x"), ids: [3, 4]))
        #expect(s.roster.selectedID == 3)
    }

    @Test func enterOpensTheDetailAndEscGoesBack() throws {
        var s = try state()
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: [7, 8]))
        _ = Update.update(&s, .key(.down))
        #expect(Update.update(&s, .key(.enter)) == [.loadDetail(8)])
        #expect(s.detail?.childID == 8 && s.detail?.loaded == false)
        #expect(s.keyContexts == [.detail, .global])
        _ = Update.update(&s, .detailLoaded(id: 99, file: ChildFile(child: Child(name: "别人"), version: 1, history: [], growth: [])))
        #expect(s.detail?.loaded == false) // a stale reply is ignored
        _ = Update.update(&s, .detailLoaded(id: 8, file: ChildFile(child: Child(name: "王小明"), version: 1, history: [], growth: [])))
        #expect(s.detail?.child?.name == "王小明")
        _ = Update.update(&s, .key(.char("v")))
        #expect(s.detail?.reveal == true)
        _ = Update.update(&s, .key(.escape))
        #expect(s.detail == nil)
        #expect(s.roster.selectedID == 8)
    }

    @Test func helpOpensAndClosesAndQuitQuits() throws {
        var s = try state()
        _ = Update.update(&s, .key(.function(1)))
        #expect(s.showHelp)
        _ = Update.update(&s, .key(.char("q")))  // q closes help first
        #expect(!s.showHelp && s.running)
        _ = Update.update(&s, .key(.char("?")))
        _ = Update.update(&s, .key(.escape))
        #expect(!s.showHelp)
        _ = Update.update(&s, .key(.char("q")))
        #expect(!s.running)
    }

    /// Help opens at the keys of the screen it was asked from: the calendar's on the calendar, the
    /// top (keys that work everywhere) on the roster.
    @Test func helpOpensAtTheKeysOfTheScreenItWasAskedFrom() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("?")))
        #expect(s.helpScroll == 0)
        _ = Update.update(&s, .key(.escape))
        _ = Update.update(&s, .key(.char("3")))
        #expect(s.screen == .calendar)
        _ = Update.update(&s, .key(.char("?")))
        let lines = HelpView.lines(s)
        #expect(s.helpScroll > 0 && s.helpScroll < lines.count)
        #expect(lines[s.helpScroll].text == s.strings[KeyContext.calendar.title])
        // Help scrolls to its very end (its last lines repeat keys of earlier sections).
        let end = HelpView.maxScroll(s)
        let shown = HelpView.layout(lines, scroll: end, height: HelpView.columnHeight(s), columns: HelpView.columnCount(s))
        #expect(end > s.helpScroll && shown.count == lines.count - end)
        #expect(View.render(s).text.contains(s.strings[KeyContext.calendar.title]))
    }

    @Test func tooSmallOnlyQuits() throws {
        var s = try state(Size(width: 70, height: 20))
        #expect(s.isTooSmall)
        _ = Update.update(&s, .key(.char("?")))
        #expect(!s.showHelp)
        _ = Update.update(&s, .resized(Size(width: 80, height: 24)))
        #expect(!s.isTooSmall)
        _ = Update.update(&s, .resized(Size(width: 40, height: 10)))
        _ = Update.update(&s, .key(.ctrl("c")))
        #expect(!s.running)
    }

    @Test func resizeKeepsTheCursorVisibleAndLoadsNewRows() throws {
        var s = try state()
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(search: ""), ids: Array(1...100)))
        _ = Update.update(&s, .rosterRowsLoaded((1...18).map(row)))
        _ = Update.update(&s, .key(.char("G")))
        _ = Update.update(&s, .rosterRowsLoaded((83...100).map(row)))
        let cmds = Update.update(&s, .resized(Size(width: 120, height: 40)))
        #expect(s.rosterPageSize == 34)
        #expect(s.roster.top == 66)
        #expect(cmds == [.loadRosterRows(Array(67...82))])
    }

    @Test func failuresShowAMessageThatTheNextKeyClears() throws {
        var s = try state()
        _ = Update.update(&s, .failed("磁盘已满"))
        #expect(s.message == StatusMessage("磁盘已满", isError: true))
        _ = Update.update(&s, .key(.down))
        #expect(s.message == nil)
    }
}

@Suite("Filters, order and notes")
struct FilterUpdateTests {
    func state() throws -> AppState {
        var s = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans))
        _ = Update.update(&s, .rosterIDsLoaded(RosterQuery(), ids: [1, 2, 3]))
        return s
    }

    @Test func filterPanelAppliesOnlyOnEnter() throws {
        var s = try state()
        #expect(Update.update(&s, .key(.char("f"))) == [.loadFilterOptions])
        _ = Update.update(&s, .filterOptionsLoaded(FilterOptions(grids: ["一组", "二组"], schools: [], classes: [])))
        _ = Update.update(&s, .key(.right))
        #expect(s.filterPanel?.draft.grid == "一组")
        _ = Update.update(&s, .key(.down)); _ = Update.update(&s, .key(.down)); _ = Update.update(&s, .key(.down))
        _ = Update.update(&s, .key(.right))
        #expect(s.filterPanel?.draft.ageBand == .under6)
        #expect(s.roster.filter.isEmpty)
        let cmds = Update.update(&s, .key(.enter))
        let expected = RosterQuery(filter: RosterFilter(grid: "一组", ageBand: .under6))
        #expect(cmds == [.loadRosterIDs(expected)])
        #expect(s.filterPanel == nil && s.roster.rosterQuery == expected)
        // Esc closes without applying; c clears.
        _ = Update.update(&s, .key(.char("f")))
        _ = Update.update(&s, .key(.char("c")))
        #expect(s.filterPanel?.draft.isEmpty == true)
        _ = Update.update(&s, .key(.escape))
        #expect(s.roster.filter == expected.filter)
    }

    @Test func orderCycles() throws {
        var s = try state()
        #expect(Update.update(&s, .key(.char("o"))) == [.loadRosterIDs(RosterQuery(sort: .age))])
        _ = Update.update(&s, .key(.char("o")))
        #expect(Update.update(&s, .key(.char("o"))) == [.loadRosterIDs(RosterQuery(sort: .lastContact))])
        _ = Update.update(&s, .key(.char("o")))
        #expect(s.roster.sort == .pinyin)
    }

    @Test func growthNoteIsTypedOnTheMessageLine() throws {
        var s = try state()
        _ = Update.update(&s, .key(.enter))
        _ = Update.update(&s, .detailLoaded(id: 1, file: ChildFile(child: Child(id: 1, name: "甲"), version: 1, history: [], growth: [])))
        _ = Update.update(&s, .key(.char("n")))
        #expect(s.prompt == .growthNote)
        for c in "书法比赛获奖" { _ = Update.update(&s, .key(.char(c))) }
        _ = Update.update(&s, .key(.backspace))
        #expect(Update.update(&s, .key(.enter)) == [.addGrowthNote(id: 1, on: fixedToday, note: "书法比赛获")])
        #expect(s.prompt == nil)
    }

    @Test func archiveAsksForAReasonAndRestoreAsksYesNo() throws {
        var s = try state()
        _ = Update.update(&s, .key(.enter))
        _ = Update.update(&s, .detailLoaded(id: 1, file: ChildFile(child: Child(id: 1, name: "甲"), version: 1, history: [], growth: [])))
        _ = Update.update(&s, .key(.char("x")))
        #expect(s.prompt == .archiveReason)
        #expect(Update.update(&s, .key(.char("9"))) == [] && s.prompt == .archiveReason)
        // Its status bar offers no "y yes": the question lists the numbers to press.
        let bar = View.render(s).text.components(separatedBy: "\n").last ?? ""
        #expect(!bar.contains(s.strings[.actionYes]) && bar.contains(s.strings[.actionNo]), "\(bar)")
        #expect(Update.update(&s, .key(.char("2"))) == [.archive(id: 1, reason: .parentReturned, on: fixedToday)])
        let archived = Child(id: 1, name: "甲", status: .archived, archiveReason: .parentReturned, archivedOn: fixedToday)
        _ = Update.update(&s, .detailLoaded(id: 1, file: ChildFile(child: archived, version: 2, history: [], growth: [])))
        _ = Update.update(&s, .key(.char("x")))
        #expect(s.prompt == .restore)
        #expect(Update.update(&s, .key(.char("y"))) == [.restore(id: 1)])
    }
}

@Suite("Resizing keeps screens whole")
struct ResizeTests {
    @Test func detailAndHelpScrollShrinkWhenTheWindowGrows() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.enter)
        for _ in 0..<5 { p.press(.pageDown) }
        #expect((p.state.detail?.scroll ?? 0) > 0)
        p.dispatch(.resized(Size(width: 100, height: 60)))
        #expect(p.state.detail?.scroll == 0)
        p.dispatch(.resized(Size(width: 80, height: 24)))
        p.press(.escape, .char("?"))
        for _ in 0..<3 { p.press(.pageDown) }
        #expect(p.state.helpScroll > 0)
        p.dispatch(.resized(Size(width: 100, height: 200)))
        #expect(p.state.helpScroll == 0)
    }
}

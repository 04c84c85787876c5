import Domain
import Storage
import Testing
import TerminalUI
@testable import App

/// A long roster is read a window at a time (`Runtime.rosterWindow`); people must not see the
/// difference. Two programs over the same database, one reading every id and one reading a few
/// at a time, get the same keys and must show the same screens.
@Suite("Roster read in windows")
struct RosterWindowTests {
    /// Two programs, each on its own database filled from the same seed; `db` is the windowed one's.
    func pair(window: Int, size: Size = Size(width: 80, height: 24)) throws -> (whole: Program, windowed: Program, db: AppDatabase) {
        let strings = try Strings.load(.zhHans)
        func program(_ window: Int) throws -> Program {
            let db = try AppDatabase.inMemory()
            try db.fillDemo(DemoOptions(children: 300, seed: 7, referenceDate: fixedToday))
            let p = Program(state: AppState(size: size, today: fixedToday, strings: strings),
                            runtime: Runtime(database: db, strings: strings, today: fixedToday, now: { "2026-11-23T10:00:00+08:00" },
                                             rosterWindow: window),
                            backend: TestBackend(size: size))
            p.start()
            return p
        }
        let windowed = try program(window)
        return (try program(100_000), windowed, windowed.runtime.database)
    }

    static let script: [Key] = Array(repeating: .down, count: 25) + Array(repeating: .pageDown, count: 4)
        + [.end, .up, .up, .up, .pageUp, .pageUp, .home, .char("G"), .char("g"), .pageDown, .pageDown, .down]
        // A search, a child chosen among the results, the search cleared: it stays selected.
        + [.char("/"), .char("王"), .down, .down, .enter, .escape]
        + [.char("/"), .char("z"), .char("h"), .enter, .down, .down, .down, .escape, .end]
        // Other orders are read whole; back to pinyin order, the child stays selected.
        + [.char("o"), .down, .down, .char("o"), .char("o"), .char("o"), .pageDown]
        // Archiving the selected child reloads the list.
        + [.enter, .char("x"), .char("2"), .escape, .down, .pageDown, .char("G"), .up]

    @Test(arguments: [7, 40])
    func sameScreensAsTheWholeList(window: Int) throws {
        let (whole, windowed, _) = try pair(window: window)
        #expect(windowed.screen == whole.screen)
        for (i, key) in Self.script.enumerated() {
            whole.press(key)
            windowed.press(key)
            #expect(windowed.screen == whole.screen, "after key \(i): \(key)")
            #expect(windowed.state.roster.selectedID == whole.state.roster.selectedID, "after key \(i): \(key)")
        }
        // It did read windows: never the whole list.
        #expect(windowed.state.roster.ids.count < windowed.state.roster.count)
        #expect(whole.state.roster.ids.count == whole.state.roster.count)
    }

    @Test func resizingReadsWhatTheLargerScreenShows() throws {
        let (whole, windowed, _) = try pair(window: 7)
        for p in [whole, windowed] { p.press(.pageDown, .pageDown, .down) }
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 100, height: 60)] {
            whole.dispatch(.resized(size))
            windowed.dispatch(.resized(size))
            #expect(windowed.screen == whole.screen)
            #expect(!windowed.screen.contains("…\n"), "every visible row is loaded")
        }
    }

    /// A child added by another process shows up when the roster scrolls to it, and the position
    /// and count follow the database (a whole list would show it only after the next reload).
    @Test func aChangeFromElsewhereIsPickedUpWhileScrolling() throws {
        let (_, windowed, db) = try pair(window: 20)
        windowed.press(.pageDown)
        let before = windowed.state.roster.count
        _ = try db.addChild(Child(name: "左子墨", birthDate: LocalDate(year: 2018, month: 5, day: 1)), timestamp: "t")
        windowed.press(.char("G"))
        #expect(windowed.state.roster.count == before + 1)
        #expect(windowed.state.roster.selectedID == (try db.rosterIDs().last))
        windowed.press(.char("g"))
        #expect(windowed.state.roster.selectedID == (try db.rosterIDs().first))
    }
}

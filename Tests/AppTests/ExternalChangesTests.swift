import Domain
import Foundation
import Storage
import Testing
import TerminalUI
@testable import App

/// What another connection commits shows on the open screen without a key; this program's own
/// writes and unchanged versions read nothing again (see `ExternalChanges`).
struct ExternalChangesTests {
    final class Clock: @unchecked Sendable { var now = 0.0 }

    func program(path: String, clock: Clock) throws -> Program {
        let db = try AppDatabase.open(path: path)
        let strings = try Strings.load(.zhHans)
        let size = Size(width: 100, height: 30)
        let p = Program(state: AppState(size: size, today: fixedToday, strings: strings),
                        runtime: Runtime(database: db, strings: strings, today: fixedToday), backend: TestBackend(size: size),
                        clock: { clock.now })
        p.start()
        return p
    }

    @Test func anotherConnectionsSaveShowsAndOurOwnDoesNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-external-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("roster.sqlite").path
        try AppDatabase.open(path: path).fillDemo(DemoOptions(children: 40, seed: 3, referenceDate: fixedToday))
        let clock = Clock()
        let p = try program(path: path, clock: clock)
        #expect(p.checkExternalChanges() == false) // the first read only notes the version
        let before = try #require(p.state.summary?.activeChildren)

        // Nothing changed: nothing is read again.
        clock.now += 2
        #expect(p.checkExternalChanges() == false)

        // Another connection (as another process would) adds a child whose pinyin sorts first.
        let other = try AppDatabase.open(path: path)
        _ = try other.addChild(Child(name: "阿宝", sex: .male), timestamp: "2026-11-23T09:00:00+08:00")
        // Within the second, the version is not read again.
        clock.now += 0.5
        #expect(p.checkExternalChanges() == false)
        #expect(p.state.summary?.activeChildren == before)
        clock.now += 1
        #expect(p.checkExternalChanges() == true)
        #expect(p.state.summary?.activeChildren == before + 1)
        #expect(p.state.roster.list.rows[try #require(p.state.roster.list.id(at: 0))]?.name == "阿宝")

        // This program's own write does not move its version (it already shows what it saved).
        _ = try p.runtime.database.addChild(Child(name: "阿丙", sex: .female), timestamp: "2026-11-23T09:05:00+08:00")
        clock.now += 2
        #expect(p.checkExternalChanges() == false)
    }

    @Test func aChangeRereadsWhatIsShownAndDropsWhatOtherScreensKept() throws {
        var state = AppState(size: Size(width: 100, height: 30), today: fixedToday, strings: try Strings.load(.zhHans))
        #expect(ExternalChanges.versionRead(&state, 5).isEmpty)
        #expect(ExternalChanges.versionRead(&state, 5).isEmpty)
        state.mentors.loadedQuery = state.mentors.mentorQuery
        state.screen = .roster
        let commands = ExternalChanges.versionRead(&state, 6)
        #expect(commands.contains(.loadSummary))
        #expect(commands.contains(.loadRosterIDs(state.roster.rosterQuery)))
        #expect(!commands.contains(.loadMentorCounts))
        #expect(state.mentors.loadedQuery == nil) // the mentors list reads afresh when shown

        state.screen = .mentors
        state.mentors.loadedQuery = state.mentors.mentorQuery
        let onMentors = ExternalChanges.versionRead(&state, 7)
        #expect(onMentors.contains(.loadMentorIDs(state.mentors.mentorQuery)) && onMentors.contains(.loadMentorCounts))
    }
}

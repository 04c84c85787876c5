import Domain
import Foundation
import Storage
import Testing
import TerminalUI
@testable import App

/// A demo database (60 children) with three accounts: a coordinator, a mentor linked to a mentor
/// who has children, and a viewer; plus a child of another mentor.
struct AccessFixture {
    let db: AppDatabase
    let mentorID: Int64
    let mine: [Int64]
    let other: Int64
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 60, seed: 7, referenceDate: fixedToday))
        var found: (Int64, [Int64])?
        for id in try db.mentorIDs() {
            let children = try db.pairedChildren(mentor: id)
            if children.count >= 2 { found = (id, children); break }
        }
        let (mentor, children) = try #require(found)
        mentorID = mentor
        mine = children
        let others = try db.rosterIDs().filter { !children.contains($0) }
        other = try #require(others.first)
        let phone = try #require(try db.mentor(id: mentor)?.phone)
        try db.addUser(name: "王主任", role: .coordinator, password: "coordinator-1", now: Self.t0, rounds: 1_000)
        try db.addUser(name: "liufang", role: .mentor, mentorPhone: phone, password: "mentor-pass-1", now: Self.t0, rounds: 1_000)
        try db.addUser(name: "guest", role: .viewer, password: "viewer-pass-1", now: Self.t0, rounds: 1_000)
    }

    /// A program that starts on the sign-in screen (as the TUI does for a database with accounts).
    func program(size: Size = Size(width: 100, height: 30), idleLimit: Double? = nil, clock: @escaping () -> Double = { 0 })
        throws -> Program {
        let strings = try Strings.load(.zhHans)
        var state = AppState(size: size, today: fixedToday, strings: strings)
        state.signIn = SignInForm(mode: .signIn)
        state.accountsInUse = true
        let runtime = Runtime(database: db, strings: strings, today: fixedToday, session: Session(), clock: { Self.t0 })
        let p = Program(state: state, runtime: runtime, backend: TestBackend(size: size), idleLimit: idleLimit, clock: clock)
        p.start()
        return p
    }

    func names(_ ids: [Int64]) throws -> [String] { try db.rosterRows(ids: ids).map(\.name) }
}

extension Program {
    func signIn(_ name: String, _ password: String) {
        type(name)
        press(.tab)
        type(password)
        press(.enter)
    }
}

@Suite("Sign-in, roles and the idle lock")
struct AccessTests {
    @Test func nothingShowsOrRunsBeforeSignIn() throws {
        let f = try AccessFixture()
        let p = try f.program()
        let everyone = try f.names(try f.db.rosterIDs())
        #expect(!everyone.contains { p.screen.contains($0) })
        #expect(p.state.roster.ids.isEmpty)
        #expect(p.runtime.execute(.loadRosterIDs(RosterQuery())) == .failed(p.state.strings[.accessDenied]))
        #expect(p.runtime.execute(.loadDetail(f.other)) == .failed(p.state.strings[.accessDenied]))
        // The first-account command is refused on a database that has accounts.
        #expect(p.runtime.execute(.createCoordinator(name: "x", password: "12345678")) == .failed(p.state.strings[.accessDenied]))
    }

    @Test func oneMessageForAWrongNameOrAWrongPassword() throws {
        let f = try AccessFixture()
        let p = try f.program()
        p.signIn("王主任", "wrong-password")
        let wrongPassword = try #require(p.state.signIn?.error)
        #expect(p.state.signIn?.password.text == "" && p.state.signIn?.focus == .password)
        p.press(.ctrl("u"), .backTab, .ctrl("u"))
        p.signIn("nobody", "coordinator-1")
        #expect(p.state.signIn?.error == wrongPassword)
        #expect(p.screen.contains(wrongPassword))
        #expect(!p.screen.contains("coordinator-1") && !p.screen.contains("wrong-password"), "passwords show as dots")
        p.press(.ctrl("u"), .backTab, .ctrl("u"))
        p.signIn("王主任", "coordinator-1")
        #expect(p.state.signIn == nil)
        #expect(p.state.principal == .coordinator("王主任"))
        #expect(p.state.roster.ids.count == 59) // the demo roster's active children
        #expect(try f.db.auditEntries(actor: "王主任").last?.action == "sign_in")
    }

    @Test func aMentorReachesOnlyTheirOwnChildrenByAnyPath() throws {
        let f = try AccessFixture()
        let p = try f.program()
        p.signIn("liufang", "mentor-pass-1")
        #expect(p.state.principal.role == .mentor)
        // The roster: their own children only.
        #expect(Set(p.state.roster.ids) == Set(f.mine))
        let otherName = try #require(try f.names([f.other]).first)
        #expect(!p.screen.contains(otherName))
        // Search: the other child's name finds nothing.
        p.press(.char("/"))
        p.type(otherName)
        #expect(p.state.roster.ids.allSatisfy(f.mine.contains))
        p.press(.escape)
        // Commands sent straight to the runtime, as if a screen had a bug.
        let denied = Msg.failed(p.state.strings[.accessDenied])
        #expect(p.runtime.execute(.loadDetail(f.other)) == denied)
        #expect(p.runtime.execute(.loadRosterRows([f.other])) == .rosterRowsLoaded([]))
        #expect(p.runtime.execute(.loadEditor(f.mine[0])) == denied)
        let contact = Contact(childID: f.other, mentorID: f.mentorID, kind: .visit, date: fixedToday)
        #expect(p.runtime.execute(.saveContact(contact, id: nil, expectedVersion: nil)) == denied)
        #expect(p.runtime.execute(.loadAttendanceCandidates(query: "")) == denied)
        #expect(p.runtime.execute(.recordReveal(f.mine[0])) == denied)
        // The obligations grid: their own lines.
        if case .obligationsLoaded(_, let board) = p.runtime.execute(.loadObligations(semesterID: nil)) {
            #expect(!board.lines.isEmpty && board.lines.allSatisfy { $0.mentorID == f.mentorID })
        } else {
            Issue.record("obligations did not load")
        }
        // The mentor list: themselves only.
        if case .mentorIDsLoaded(_, let ids) = p.runtime.execute(.loadMentorIDs(MentorQuery())) {
            #expect(ids == [f.mentorID])
        }
        // Their own child's file opens, with the ID number masked; v is refused.
        p.press(.enter)
        let file = try #require(p.state.detail?.file)
        let opened = p.state.detail!.childID
        #expect(f.mine.contains(opened))
        if let id = file.child.idNumber { #expect(id.contains("****")) }
        p.press(.char("v"))
        #expect(p.state.detail?.reveal == false && p.state.message?.text == p.state.strings[.accessDenied])
        // And they record a contact for their own child, as themselves.
        let own = Contact(childID: f.mine[0], mentorID: f.mentorID, kind: .call, date: fixedToday)
        #expect(p.runtime.execute(.saveContact(own, id: nil, expectedVersion: nil)) == .contactSaved(childID: f.mine[0], mentorID: f.mentorID))
        #expect(try f.db.auditEntries(childID: opened).contains { $0.actor == "liufang" && $0.action == "open" })
    }

    @Test func aViewerSeesTheMaskedRosterAndNoFile() throws {
        let f = try AccessFixture()
        let p = try f.program()
        p.signIn("guest", "viewer-pass-1")
        #expect(p.state.roster.ids.count == 59)
        p.press(.enter)
        #expect(p.state.detail == nil && p.state.message?.text == p.state.strings[.accessDenied])
        #expect(!p.screen.contains(p.state.strings[.actionOpen]), "the status bar offers no key the role may not use")
        let denied = Msg.failed(p.state.strings[.accessDenied])
        #expect(p.runtime.execute(.loadDetail(f.other)) == denied)
        #expect(p.runtime.execute(.loadMentorRows([f.mentorID])) == .mentorRowsLoaded([]))
        #expect(p.runtime.execute(.loadMonth(year: 2026, month: 11)) != denied)
        p.press(.char("2"))
        #expect(p.state.screen == .roster)
    }

    @Test func theFirstAccountIsACoordinator() throws {
        let db = try AppDatabase.inMemory()
        let strings = try Strings.load(.en)
        var state = AppState(size: Size(width: 100, height: 30), today: fixedToday, strings: strings)
        state.signIn = SignInForm(mode: .firstAccount)
        state.accountsInUse = true
        let p = Program(state: state, runtime: Runtime(database: db, strings: strings, today: fixedToday, session: Session()),
                        backend: TestBackend(size: Size(width: 100, height: 30)))
        p.start()
        #expect(p.screen.contains(strings[.signInFirstTitle]))
        p.type("Wang")
        p.press(.tab)
        p.type("first-password")
        p.press(.tab)
        p.type("other-password")
        p.press(.enter)
        #expect(p.state.signIn?.error == strings[.userPasswordMismatch])
        p.type("first-password")
        p.press(.tab)
        p.type("first-password")
        p.press(.enter)
        #expect(p.state.signIn == nil && p.state.principal == .coordinator("Wang"))
        #expect(try db.users().map(\.role) == [.coordinator])
        #expect(p.runtime.execute(.createCoordinator(name: "x", password: "12345678")) == .failed(strings[.accessDenied]))
    }

    @Test func idleLockHidesTheScreenAndKeepsTheForm() throws {
        let f = try AccessFixture()
        var now = 0.0
        let p = try f.program(idleLimit: 300, clock: { now })
        p.signIn("王主任", "coordinator-1")
        p.press(.char("a"))
        p.type("半填的名字")
        #expect(!p.checkIdle(lastInput: 0), "not yet")
        now = 301
        #expect(p.checkIdle(lastInput: 0))
        #expect(p.state.lock != nil)
        #expect(!p.screen.contains("半填的名字") && p.screen.contains(p.state.strings[.lockTitle]))
        // Nothing runs while locked.
        #expect(p.runtime.execute(.loadSummary) == .failed(p.state.strings[.accessDenied]))
        p.type("wrong-one")
        p.press(.enter)
        #expect(p.state.lock?.error == p.state.strings[.userSignInFailed])
        p.type("coordinator-1")
        p.press(.enter)
        #expect(p.state.lock == nil)
        #expect(p.screen.contains("半填的名字"), "the half-typed form is still there\n\(p.screen)")
    }

    @Test func thePrivacyKeyLocksAtOnceAndRevealsAreAudited() throws {
        let f = try AccessFixture()
        let p = try f.program()
        p.signIn("王主任", "coordinator-1")
        p.press(.enter)
        let child = try #require(p.state.detail?.childID)
        p.press(.char("v"))
        #expect(p.state.detail?.reveal == true)
        #expect(try f.db.auditEntries(childID: child).map(\.action).suffix(2) == ["open", "reveal"])
        p.press(.ctrl("l"))
        #expect(p.state.lock != nil)
        let name = try #require(p.state.detail?.child?.name)
        #expect(!p.screen.contains(name))
        p.type("coordinator-1")
        p.press(.enter)
        #expect(p.screen.contains(name))
    }

    /// The calendar's `S` form saves term dates through the same store as `shouhu semester set`: the
    /// signed-in coordinator is the "who" of its audit entry; a viewer or mentor is refused and nothing is written.
    @Test func termDatesFromTheScreenAreACoordinatorsAndAudited() throws {
        let db = try AppDatabase.inMemory()
        let strings = try Strings.load(.zhHans)
        let command = Command.setSemester(id: "2026-autumn", from: LocalDate(year: 2026, month: 9, day: 1)!,
                                          to: LocalDate(year: 2027, month: 1, day: 24)!)
        for p in [Principal(name: "guest", role: .viewer), Principal(name: "liufang", role: .mentor, mentorID: 1)] {
            let runtime = Runtime(database: db, strings: strings, today: fixedToday, session: Session(signedIn: p))
            #expect(runtime.execute(command) == .failed(strings[.accessDenied]))
        }
        #expect(try db.auditCount() == 0 && !db.semesterEntry(id: "2026-autumn").isCustom)
        let runtime = Runtime(database: db, strings: strings, today: fixedToday, session: Session(signedIn: .coordinator("王主任")),
                              now: { "2026-11-23T10:00:00+08:00" })
        #expect(runtime.execute(command) == .semesterSaved)
        #expect(runtime.execute(command) == .semesterSaved)
        let entries = try db.auditEntries()
        #expect(entries.count == 1, "the same dates again write nothing")
        #expect(entries.first.map { [$0.at, $0.actor, $0.entity, $0.field ?? "", $0.old ?? "", $0.new ?? ""] }
                == ["2026-11-23T10:00:00+08:00", "王主任", "semester", "2026-autumn", "", "2026-09-01..2027-01-24"])
    }
}


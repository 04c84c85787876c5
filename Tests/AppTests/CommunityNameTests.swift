import Domain
import Foundation
import Storage
import Testing
import TerminalUI
@testable import App

/// The first account of a database may also name the community; the header shows it at once.
@Suite("The community's name on the first-account screen")
struct CommunityNameTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func program(_ db: AppDatabase, _ language: Language = .zhHans, community: String = "",
                 size: Size = Size(width: 80, height: 24)) throws -> Program {
        let strings = try Strings.load(language)
        var state = AppState(size: size, today: fixedToday, strings: strings)
        state.signIn = SignInForm(mode: .firstAccount, community: community)
        state.accountsInUse = true
        let runtime = Runtime(database: db, strings: strings, today: fixedToday, session: Session(),
                              now: { "2026-11-23T10:00:00+08:00" }, clock: { Self.t0 })
        let p = Program(state: state, runtime: runtime, backend: TestBackend(size: size))
        p.start()
        return p
    }

    func firstAccount(_ p: Program, _ name: String = "王主任", password: String = "first-password") {
        p.type(name)
        p.press(.tab)
        p.type(password)
        p.press(.tab)
        p.type(password)
        p.press(.tab)
    }

    @Test(arguments: Language.allCases)
    func theScreenHasEveryFieldAt80x24(language: Language) throws {
        let p = try program(try AppDatabase.inMemory(), language)
        let s = p.state.strings
        for key: StringKey in [.signInFirstTitle, .signInName, .signInPassword, .signInAgain, .signInCommunity] {
            #expect(p.screen.contains(s[key]), "\(key) missing:\n\(p.screen)")
        }
        #expect(p.state.signIn?.fields.last == .community)
    }

    @Test func theNameIsStoredWithTheAccountAndShowsInTheHeader() throws {
        let db = try AppDatabase.inMemory()
        let p = try program(db)
        firstAccount(p)
        #expect(p.state.signIn?.focus == .community)
        p.type(" 青山镇留守儿童之家 ")
        #expect(p.screen.contains(" 青山镇留守儿童之家"), "the name is shown as typed, not as dots")
        p.press(.enter)
        #expect(p.state.signIn == nil && p.state.principal == .coordinator("王主任"))
        #expect(try db.setting(.communityName) == "青山镇留守儿童之家")
        let header = try #require(p.screen.split(separator: "\n").first)
        #expect(header.contains("守护 · 青山镇留守儿童之家"), "\(header)")
        let entry = try #require(try db.auditEntries().last)
        #expect(entry.actor == "王主任" && entry.entity == "setting" && entry.field == "community_name" && entry.old == nil
                && entry.new == "青山镇留守儿童之家")
    }

    @Test func leftEmptyNothingIsStored() throws {
        let db = try AppDatabase.inMemory()
        let p = try program(db, .en)
        firstAccount(p, "Wang")
        p.press(.enter)
        #expect(p.state.signIn == nil && p.state.principal == .coordinator("Wang"))
        #expect(try db.setting(.communityName) == nil)
        #expect(try db.auditEntries().allSatisfy { $0.entity != "setting" })
    }

    @Test func aNameStoredAlreadyShowsAndStaysWithoutAnEntry() throws {
        let db = try AppDatabase.inMemory()
        try db.setCommunitySetting(.communityName, to: "石桥村", actor: "shouhu", timestamp: "2026-11-22T10:00:00+08:00")
        let p = try program(db, community: "石桥村")
        #expect(p.screen.contains("石桥村"))
        firstAccount(p)
        p.press(.enter)
        #expect(p.state.signIn == nil)
        #expect(try db.setting(.communityName) == "石桥村")
        #expect(try db.auditEntries().filter { $0.entity == "setting" }.count == 1, "unchanged: no second entry")
    }

    @Test func aRefusedNameCreatesNoAccount() throws {
        let db = try AppDatabase.inMemory()
        let p = try program(db)
        firstAccount(p)
        p.type(String(repeating: "镇", count: 61))
        p.press(.enter)
        let s = p.state.strings
        #expect(p.state.signIn?.error == s.describe(.tooLong(maximum: 60)))
        #expect(p.state.signIn?.focus == .community && p.state.signIn?.checking == false)
        #expect(p.screen.contains(s.format(.settingsNameTooLong, 60)))
        #expect(try !db.hasUsers() && db.setting(.communityName) == nil)
        // The runtime refuses it too, whoever sends the command.
        #expect(p.runtime.execute(.createCoordinator(name: "x", password: "12345678", community: "a\u{202E}b"))
                == .signInRefused(s[.settingsNameControl]))
        #expect(try !db.hasUsers())
        p.press(.ctrl("u"))
        p.type("青山镇")
        p.press(.enter)
        #expect(p.state.signIn == nil)
        #expect(try db.setting(.communityName) == "青山镇" && db.users().map(\.name) == ["王主任"])
    }
}

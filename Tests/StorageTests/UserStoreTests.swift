import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// A cheap hash cost for the rules below (one test checks the standard cost itself).
private let fast = 1_000
private let t0 = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18, a fixed "now"

private func mentorDatabase() throws -> (AppDatabase, phone: String) {
    let db = try AppDatabase.inMemory()
    let phone = "13912340824"
    _ = try db.addMentor(Mentor(name: "刘芳", role: .caringMother, phone: phone), actor: "test", timestamp: "2026-11-23T09:00:00+08:00")
    return (db, phone)
}

@Suite("Accounts")
struct UserStoreTests {
    @Test func addListAndRoles() throws {
        let (db, phone) = try mentorDatabase()
        #expect(try !db.hasUsers())
        try db.addUser(name: "王主任", role: .coordinator, password: "qingshan-2026", now: t0, rounds: fast)
        try db.addUser(name: "liufang", role: .mentor, mentorPhone: phone, password: "liufang-2026", now: t0, rounds: fast)
        try db.addUser(name: "viewer", role: .viewer, password: "viewer-2026", now: t0, rounds: fast)
        #expect(try db.hasUsers())
        let users = try db.users()
        #expect(users.map(\.name) == ["liufang", "viewer", "王主任"])
        #expect(users[0].role == .mentor && users[0].mentorName == "刘芳" && users[0].mentorID != nil)
        #expect(users[2].role == .coordinator && users[2].mentorID == nil && !users[2].disabled)

        #expect(throws: UserError.duplicateName) { try db.addUser(name: "LiuFang", role: .viewer, password: "12345678", now: t0, rounds: fast) }
        #expect(throws: UserError.mentorRequired) { try db.addUser(name: "m2", role: .mentor, password: "12345678", now: t0, rounds: fast) }
        #expect(throws: UserError.unknownMentor) {
            try db.addUser(name: "m2", role: .mentor, mentorPhone: "13800000000", password: "12345678", now: t0, rounds: fast)
        }
        #expect(throws: UserError.mentorNotAllowed) {
            try db.addUser(name: "v2", role: .viewer, mentorPhone: phone, password: "12345678", now: t0, rounds: fast)
        }
        #expect(throws: UserError.passwordTooShort(minimum: 8)) { try db.addUser(name: "v2", role: .viewer, password: "short", now: t0, rounds: fast) }
        #expect(throws: UserError.emptyName) { try db.addUser(name: "  ", role: .viewer, password: "12345678", now: t0, rounds: fast) }
        #expect(try db.users().count == 3)
    }

    @Test func passwordsAreSaltedHashesNeverText() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "a", role: .viewer, password: "same-password", now: t0)
        try db.addUser(name: "b", role: .viewer, password: "same-password", now: t0)
        let rows = try db.writer.read { db in try Row.fetchAll(db, sql: #"SELECT * FROM "user" ORDER BY name"#) }
        #expect(rows.count == 2)
        for row in rows {
            #expect(row["password_rounds"] as Int == 600_000)
            #expect(row["password_scheme"] as String == "pbkdf2-sha256")
            #expect((row["password_hash"] as Data).count == 32)
            #expect((row["password_salt"] as Data).count == 16)
            #expect(!row.description.contains("same-password"))
        }
        #expect(rows[0]["password_salt"] as Data != rows[1]["password_salt"] as Data)
        #expect(rows[0]["password_hash"] as Data != rows[1]["password_hash"] as Data)
        #expect(try db.authenticate(name: "a", password: "same-password", now: t0).name == "a")
    }

    @Test func fiveFailuresLockForFiveMinutes() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "王主任", role: .coordinator, password: "qingshan-2026", now: t0, rounds: fast)
        for attempt in 1...4 {
            #expect(throws: SignInFailure.wrongNameOrPassword) { try db.authenticate(name: "王主任", password: "guess\(attempt)", now: t0) }
            #expect(try db.user(named: "王主任")?.failedAttempts == attempt)
        }
        let until = t0.addingTimeInterval(300)
        #expect(throws: SignInFailure.locked(until: until)) { try db.authenticate(name: "王主任", password: "guess5", now: t0) }
        // Locked: even the right password is refused, and nothing more is counted.
        #expect(throws: SignInFailure.locked(until: until)) {
            try db.authenticate(name: "王主任", password: "qingshan-2026", now: t0.addingTimeInterval(299))
        }
        #expect(try db.user(named: "王主任")?.isLocked(at: t0.addingTimeInterval(299)) == true)
        // Five minutes on, the right password opens and clears the count.
        let account = try db.authenticate(name: "王主任", password: "qingshan-2026", now: t0.addingTimeInterval(300))
        #expect(account.failedAttempts == 0 && account.lockedUntil == nil)
    }

    @Test func aSuccessResetsTheCountAndALapsedLockStartsAgain() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "u", role: .viewer, password: "right-one", now: t0, rounds: fast)
        for _ in 1...3 { _ = try? db.authenticate(name: "u", password: "wrong", now: t0) }
        _ = try db.authenticate(name: "u", password: "right-one", now: t0)
        for _ in 1...4 { _ = try? db.authenticate(name: "u", password: "wrong", now: t0) }
        #expect(try db.user(named: "u")?.lockedUntil == nil, "3 + 4 failures with a success between do not lock")
        _ = try? db.authenticate(name: "u", password: "wrong", now: t0)
        #expect(try db.user(named: "u")?.isLocked(at: t0) == true)
        // After the lock, one wrong password is the first of a new count, not a new lock.
        #expect(throws: SignInFailure.wrongNameOrPassword) { try db.authenticate(name: "u", password: "wrong", now: t0.addingTimeInterval(301)) }
        #expect(try db.user(named: "u")?.failedAttempts == 1)
        #expect(try db.user(named: "u")?.lockedUntil == nil)
    }

    @Test func unknownNamesAndWrongPasswordsFailAlike() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "u", role: .viewer, password: "right-one", now: t0, rounds: fast)
        #expect(throws: SignInFailure.wrongNameOrPassword) { try db.authenticate(name: "nobody", password: "right-one", now: t0) }
        #expect(throws: SignInFailure.wrongNameOrPassword) { try db.authenticate(name: "u", password: "wrong-one", now: t0) }
        try db.disableUser(name: "u")
        #expect(throws: SignInFailure.disabled) { try db.authenticate(name: "u", password: "right-one", now: t0) }
        #expect(try db.user(named: "u")?.disabled == true)
        #expect(throws: UserError.unknownUser) { try db.disableUser(name: "nobody") }
    }

    @Test func newPasswordReplacesTheOldAndLiftsALock() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "u", role: .viewer, password: "first-one", now: t0, rounds: fast)
        for _ in 1...5 { _ = try? db.authenticate(name: "u", password: "wrong", now: t0) }
        try db.setPassword(name: "u", password: "second-one", rounds: fast)
        #expect(throws: SignInFailure.wrongNameOrPassword) { try db.authenticate(name: "u", password: "first-one", now: t0) }
        #expect(try db.authenticate(name: "u", password: "second-one", now: t0).name == "u")
        #expect(throws: UserError.unknownUser) { try db.setPassword(name: "nobody", password: "second-one", rounds: fast) }
    }

    @Test func theLockIsInTheFile() throws {
        let dir = NSTemporaryDirectory() + "shouhu-users-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sqlite"
        try AppDatabase.open(path: path).addUser(name: "u", role: .viewer, password: "right-one", now: t0, rounds: fast)
        for _ in 1...5 { _ = try? AppDatabase.open(path: path).authenticate(name: "u", password: "wrong", now: t0) }
        #expect(throws: SignInFailure.locked(until: t0.addingTimeInterval(300))) {
            try AppDatabase.open(path: path).authenticate(name: "u", password: "right-one", now: t0.addingTimeInterval(60))
        }
    }
}

/// Audit entries of accounts and sign-ins are stamped like every other write (`+08:00`); a trail that
/// holds the UTC stamps of earlier versions still verifies and reads in order.
@Suite("Audit times")
struct AuditTimeTests {
    @Test func accountEntriesUseTheCommunitysOffset() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "王主任", role: .coordinator, password: "qingshan-2026", now: t0, rounds: fast, actor: "王主任")
        _ = try db.authenticate(name: "王主任", password: "qingshan-2026", now: t0)
        #expect(throws: SignInFailure.wrongNameOrPassword) { try db.authenticate(name: "王主任", password: "wrong-password", now: t0) }
        try db.setPassword(name: "王主任", password: "qingshan-2027", rounds: fast, actor: "王主任", now: t0)
        let entries = try db.auditEntries()
        #expect(entries.count == 4)
        #expect(entries.allSatisfy { $0.at == "2026-11-18T19:06:40+08:00" }, "\(entries.map(\.at))")
        #expect(AuditTime.stamp(t0) == "2026-11-18T19:06:40+08:00")
        #expect(AuditTime.stamp(t0, in: TimeZone(identifier: "UTC")!) == "2026-11-18T11:06:40Z")
    }

    @Test func aTrailWithBothFormsVerifiesAndReadsInOrder() throws {
        let db = try AppDatabase.inMemory()
        // As an earlier version wrote a sign-in: UTC.
        try db.writer.write { db in
            try AuditChain.append(db, at: "2026-11-18T11:06:40Z", actor: "王主任", action: .signIn, entity: "user", entityID: 1,
                                  childID: nil, field: nil, old: nil, new: nil)
        }
        try db.setCapacity(3, for: .volunteer, actor: "王主任", timestamp: AuditTime.stamp(t0.addingTimeInterval(60)))
        try db.recordAccess(.export, entity: "children", detail: "3", actor: "王主任", timestamp: "2026-11-18T19:08:00+08:00")
        #expect(try db.auditEntries().map(\.at) == ["2026-11-18T11:06:40Z", "2026-11-18T19:07:40+08:00", "2026-11-18T19:08:00+08:00"])
        #expect(try db.verifyAudit() == nil)
    }
}


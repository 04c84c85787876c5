import Domain
import Foundation
import GRDB

/// An account of the program (never its password).
public struct UserAccount: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var role: UserRole
    /// The mentor record a mentor account speaks for.
    public var mentorID: Int64?
    /// That mentor's name, for lists.
    public var mentorName: String?
    /// Failed sign-ins in a row since the last success or lock.
    public var failedAttempts: Int
    /// Until when sign-in is refused after too many failures (nil: not locked).
    public var lockedUntil: Date?
    public var disabled: Bool

    public func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }
}

/// Why an account could not be added or changed.
public enum UserError: Error, Equatable {
    case emptyName
    case duplicateName
    case unknownUser
    /// A mentor account needs the phone of a mentor record; other roles take none.
    case mentorRequired
    case mentorNotAllowed
    case unknownMentor
    case passwordTooShort(minimum: Int)
}

/// Why a sign-in failed. Whatever the case, the user is told one thing — the name or the password
/// is wrong, or the account is locked — never which.
public enum SignInFailure: Error, Equatable {
    case wrongNameOrPassword
    case locked(until: Date)
    case disabled
}

/// The rules of sign-in.
public enum SignInPolicy {
    /// Failures in a row that lock an account.
    public static let maxFailures = 5
    /// How long a lock lasts.
    public static let lockDuration: TimeInterval = 5 * 60
    public static let minimumPasswordLength = 8
}

extension AppDatabase {
    /// Adds an account. `mentorPhone` names the mentor record of a mentor account.
    @discardableResult
    public func addUser(name: String, role: UserRole, mentorPhone: String? = nil, password: String, now: Date,
                        rounds: Int = PasswordHash.standardRounds, actor: String = "local") throws -> Int64 {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw UserError.emptyName
        }
        var mentorID: Int64?
        switch (role, mentorPhone?.isEmpty == false ? mentorPhone : nil) {
        case (.mentor, nil): throw UserError.mentorRequired
        case (.mentor, let phone?):
            guard let id = try findMentor(phone: phone) else { throw UserError.unknownMentor }
            mentorID = id
        case (_, nil): break
        case (_, _?): throw UserError.mentorNotAllowed
        }
        try Self.checkPassword(password)
        if try user(named: name) != nil { throw UserError.duplicateName }
        let hash = try PasswordHash.make(password, rounds: rounds) // slow on purpose: outside the transaction
        return try writer.write { db in
            if try Bool.fetchOne(db, sql: #"SELECT 1 FROM "user" WHERE name = ?"#, arguments: [name]) == true {
                throw UserError.duplicateName
            }
            try db.execute(sql: """
                INSERT INTO "user"(name, role, mentor_id, password_hash, password_salt, password_scheme, password_rounds, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, role.rawValue, mentorID, hash.hash, hash.salt, PasswordHash.scheme, hash.rounds,
                                 Self.timestamp(now)])
            let id = db.lastInsertedRowID
            try AuditChain.append(db, at: AuditTime.stamp(now), actor: actor, action: .account, entity: "user", entityID: id,
                                  childID: nil, field: "created", old: nil, new: name + " " + role.rawValue)
            return id
        }
    }

    /// Sets a new password (and clears a lock: whoever may do this may let the user in again).
    public func setPassword(name: String, password: String, rounds: Int = PasswordHash.standardRounds, actor: String = "local",
                            now: Date = Date()) throws {
        try Self.checkPassword(password)
        guard let account = try user(named: name) else { throw UserError.unknownUser }
        let hash = try PasswordHash.make(password, rounds: rounds)
        try writer.write { db in
            try db.execute(sql: """
                UPDATE "user" SET password_hash = ?, password_salt = ?, password_scheme = ?, password_rounds = ?,
                       failed_attempts = 0, locked_until = NULL WHERE id = ?
                """, arguments: [hash.hash, hash.salt, PasswordHash.scheme, hash.rounds, account.id])
            try AuditChain.append(db, at: AuditTime.stamp(now), actor: actor, action: .account, entity: "user", entityID: account.id,
                                  childID: nil, field: "password", old: nil, new: nil)
        }
    }

    /// Disables an account: it can no longer sign in; its history stays.
    public func disableUser(name: String, actor: String = "local", now: Date = Date()) throws {
        guard let account = try user(named: name) else { throw UserError.unknownUser }
        try writer.write { db in
            try db.execute(sql: #"UPDATE "user" SET disabled = 1 WHERE id = ?"#, arguments: [account.id])
            try AuditChain.append(db, at: AuditTime.stamp(now), actor: actor, action: .account, entity: "user", entityID: account.id,
                                  childID: nil, field: "disabled", old: "0", new: "1")
        }
    }

    /// Every account, by name.
    public func users() throws -> [UserAccount] {
        try writer.read { db in try Row.fetchAll(db, sql: Self.userSelect + " ORDER BY u.name").map(Self.account) }
    }

    /// Whether any account exists (a database without one is open to whoever runs the program).
    public func hasUsers() throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: #"SELECT EXISTS (SELECT 1 FROM "user")"#) ?? false }
    }

    public func user(named name: String) throws -> UserAccount? {
        try writer.read { db in
            try Row.fetchOne(db, sql: Self.userSelect + " WHERE u.name = ?", arguments: [name.trimmingCharacters(in: .whitespaces)])
                .map(Self.account)
        }
    }

    /// Signs in: the account when `password` is right, else `SignInFailure`. Five failures in a row
    /// lock the account for five minutes, counted in the database (so across processes and restarts).
    /// While locked, even the right password is refused and nothing is counted.
    public func authenticate(name: String, password: String, now: Date) throws -> UserAccount {
        let name = name.trimmingCharacters(in: .whitespaces)
        let stored = try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, password_hash, password_salt, password_rounds FROM "user" WHERE name = ?
                """, arguments: [name])
        }
        guard let stored, let account = try user(named: name) else {
            _ = try? Self.decoy.matches(password) // the same work whether or not the name exists
            throw SignInFailure.wrongNameOrPassword
        }
        if account.disabled {
            _ = try? Self.decoy.matches(password)
            throw SignInFailure.disabled
        }
        if let until = account.lockedUntil, until > now { throw SignInFailure.locked(until: until) }
        let hash = PasswordHash(hash: stored["password_hash"], salt: stored["password_salt"], rounds: stored["password_rounds"])
        if try hash.matches(password) {
            try writer.write { db in
                try db.execute(sql: #"UPDATE "user" SET failed_attempts = 0, locked_until = NULL WHERE id = ?"#,
                               arguments: [account.id])
                try AuditChain.append(db, at: AuditTime.stamp(now), actor: account.name, action: .signIn, entity: "user",
                                      entityID: account.id, childID: nil, field: nil, old: nil, new: nil)
            }
            return try user(named: name) ?? account
        }
        let lockedUntil: Date? = try writer.write { db in
            // Counted inside the write so two processes failing at once both count; a lock that has
            // run out starts the count again.
            try db.execute(sql: """
                UPDATE "user" SET failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN 1
                                                         ELSE failed_attempts + 1 END,
                                  locked_until = CASE WHEN locked_until <= ? THEN NULL ELSE locked_until END
                WHERE id = ?
                """, arguments: [Self.timestamp(now), Self.timestamp(now), account.id])
            let failures = try Int.fetchOne(db, sql: #"SELECT failed_attempts FROM "user" WHERE id = ?"#, arguments: [account.id]) ?? 0
            try AuditChain.append(db, at: AuditTime.stamp(now), actor: account.name, action: .signIn, entity: "user",
                                  entityID: account.id, childID: nil, field: "failed", old: nil, new: String(failures))
            guard failures >= SignInPolicy.maxFailures else { return nil }
            let stamp = Self.timestamp(now.addingTimeInterval(SignInPolicy.lockDuration))
            let until = Self.parseTimestamp(stamp) ?? now.addingTimeInterval(SignInPolicy.lockDuration)
            try db.execute(sql: #"UPDATE "user" SET failed_attempts = 0, locked_until = ? WHERE id = ?"#,
                           arguments: [stamp, account.id])
            return until
        }
        if let lockedUntil { throw SignInFailure.locked(until: lockedUntil) }
        throw SignInFailure.wrongNameOrPassword
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= SignInPolicy.minimumPasswordLength else {
            throw UserError.passwordTooShort(minimum: SignInPolicy.minimumPasswordLength)
        }
    }

    /// A hash no password matches, checked when the name is unknown so that case takes as long.
    static let decoy = PasswordHash(hash: Data(count: 32), salt: Data(count: 16), rounds: PasswordHash.standardRounds)

    static let userSelect = """
        SELECT u.id, u.name, u.role, u.mentor_id, m.name AS mentor_name, u.failed_attempts, u.locked_until, u.disabled
        FROM "user" u LEFT JOIN mentor m ON m.id = u.mentor_id
        """

    static func account(_ r: Row) -> UserAccount {
        UserAccount(id: r["id"], name: r["name"], role: UserRole(rawValue: r["role"]) ?? .viewer, mentorID: r["mentor_id"],
                    mentorName: r["mentor_name"], failedAttempts: r["failed_attempts"],
                    lockedUntil: (r["locked_until"] as String?).flatMap(parseTimestamp), disabled: r["disabled"])
    }

    /// `2026-11-23T01:05:00Z`: UTC, so text order is time order (the lock is compared in SQL). The
    /// account table's own times only; audit entries are stamped in the community's zone (`AuditTime`).
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    static func parseTimestamp(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
}

import Domain

/// Who is signed in at this terminal, shared by the runtime's copies. Only the runtime changes it (after
/// checking a password): the screens learn the outcome from `.signedIn`, and cannot grant themselves a role.
public final class Session: @unchecked Sendable {
    /// Nil until someone signs in (or creates the first account).
    public private(set) var principal: Principal?
    /// Locked after a while without a key (or with the privacy key): no command runs until the password is typed again.
    public private(set) var locked = false
    /// Whether signing in and unlocking need a password (a database with accounts).
    public let needsPassword: Bool

    /// A session that starts signed in (a demo database, one without accounts, tests).
    public init(signedIn principal: Principal) {
        self.principal = principal
        needsPassword = false
    }

    /// A session that waits for a sign-in with a password.
    public init() {
        principal = nil
        needsPassword = true
    }

    func signIn(_ p: Principal) { principal = p; locked = false }
    func lock() { if principal != nil { locked = true } }
    func unlock() { locked = false }

    /// Commands run only for someone signed in whose screen is not locked.
    var isOpen: Bool { principal != nil && !locked }
}

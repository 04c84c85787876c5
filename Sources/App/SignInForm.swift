import Domain
import TerminalUI

/// The sign-in screen: a name and a password; or, on a database without accounts, the first account
/// (a coordinator): a name and the password twice. Passwords are shown as dots and never leave this
/// value except in the command that checks them.
public struct SignInForm: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case signIn, firstAccount }
    public enum Field: Int, CaseIterable, Sendable { case name, password, again }

    public var mode: Mode
    public var name = TextField()
    public var password = TextField()
    public var again = TextField()
    public var focus: Field = .name
    /// The last refusal (one message, whichever part was wrong).
    public var error: String?
    /// Waiting for the runtime's answer (hashing takes a moment).
    public var checking = false

    public init(mode: Mode) { self.mode = mode }

    /// The fields of this mode, in order.
    public var fields: [Field] { mode == .signIn ? [.name, .password] : [.name, .password, .again] }

    public subscript(field: Field) -> TextField {
        get {
            switch field {
            case .name: return name
            case .password: return password
            case .again: return again
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .password: password = newValue
            case .again: again = newValue
            }
        }
    }
}

/// The screen hidden by the idle lock or the privacy key: only the password field shows.
public struct LockScreen: Equatable, Sendable {
    public var password = TextField()
    public var error: String?
    public var checking = false
    public init() {}
}

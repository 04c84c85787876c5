import Domain
import TerminalUI

/// The sign-in screen: a name and a password; or, on a database without accounts, the first account
/// (a coordinator): a name, the password twice and, optionally, the community's name (the header's
/// and every report's; left empty, nothing is stored). Passwords are shown as dots and never leave
/// this value except in the command that checks them.
public struct SignInForm: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case signIn, firstAccount }
    public enum Field: Int, CaseIterable, Sendable { case name, password, again, community }

    public var mode: Mode
    public var name = TextField()
    public var password = TextField()
    public var again = TextField()
    /// The community's name (first account only; optional).
    public var community = TextField()
    public var focus: Field = .name
    /// The last refusal (one message, whichever part was wrong).
    public var error: String?
    /// Waiting for the runtime's answer (hashing takes a moment).
    public var checking = false

    /// `community`: the name already stored, shown in the first account's field to keep or change.
    public init(mode: Mode, community: String = "") {
        self.mode = mode
        self.community = TextField(community)
    }

    /// The fields of this mode, in order.
    public var fields: [Field] { mode == .signIn ? [.name, .password] : [.name, .password, .again, .community] }

    /// Fields that may be left empty.
    public static let optional: Set<Field> = [.community]

    public subscript(field: Field) -> TextField {
        get {
            switch field {
            case .name: return name
            case .password: return password
            case .again: return again
            case .community: return community
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .password: password = newValue
            case .again: again = newValue
            case .community: community = newValue
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

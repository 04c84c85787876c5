/// Who is at the terminal or running a command, and what their role lets them do. The screens hide
/// what a role may not use, but the rules live here and are applied below them: the runtime refuses
/// commands and narrows queries with these, and the command line checks them before any work.
public struct Principal: Equatable, Sendable {
    /// The account name (or, on a demo database or one without accounts, who the system says is
    /// logged in): the "who" of the history and the audit trail.
    public var name: String
    public var role: UserRole
    /// The mentor record a mentor account speaks for.
    public var mentorID: Int64?

    public init(name: String, role: UserRole, mentorID: Int64? = nil) {
        self.name = name; self.role = role; self.mentorID = mentorID
    }

    /// Everything allowed (a demo database, or tests).
    public static func coordinator(_ name: String) -> Principal { Principal(name: name, role: .coordinator) }

    public var isCoordinator: Bool { role == .coordinator }
    /// Sees every child; otherwise only the children of `mentorScope` (or, for a viewer, the masked roster).
    public var seesEveryChild: Bool { role != .mentor }
    /// The mentor whose paired children are all this account may reach (nil: no such narrowing).
    public var mentorScope: Int64? { role == .mentor ? (mentorID ?? -1) : nil }
    /// Opens a child's file (a mentor: their own paired children only).
    public var opensFiles: Bool { role != .viewer }
    /// Records contacts (a mentor: as themselves, for their own paired children).
    public var recordsContacts: Bool { role != .viewer }
    /// Adds, edits, archives children and mentors, pairs them, plans activities, takes attendance.
    public var edits: Bool { role == .coordinator }
    /// Sees whole ID numbers and phones on request (`v`).
    public var reveals: Bool { role == .coordinator }
    /// Takes personal data out of the program (exports, backups).
    public var exports: Bool { role == .coordinator }
}

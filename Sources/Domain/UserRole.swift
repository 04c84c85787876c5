/// What an account may do. A **coordinator** does everything; a **mentor** account is linked to a
/// mentor record and sees its own paired children; a **viewer** sees aggregates, the calendar and a
/// masked roster. (The rules are enforced by the layers above storage; this is the vocabulary.)
public enum UserRole: String, CaseIterable, Codable, Sendable {
    case coordinator
    case mentor
    case viewer
}

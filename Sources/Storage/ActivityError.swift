import Domain
import Foundation
import Scheduling

/// Which occurrences of a recurring activity a change applies to.
public enum ActivityScope: Equatable, Sendable {
    /// Only the one activity (one occurrence of a series).
    case occurrence
    /// This occurrence and every later one of its series (the same as `.occurrence` outside a series).
    case series
}

/// Why an activity was not saved. Screens word each case from the string catalog; `description` is
/// English, for logs and tests.
public enum ActivityError: Error, Equatable, CustomStringConvertible {
    /// The title is empty or only spaces.
    case emptyTitle
    /// A start or end time that is not `HH:mm` (00:00–23:59); the text as given.
    case badTime(String)
    /// An end time without a start time.
    case endWithoutStart
    /// The end time is before the start time.
    case endBeforeStart
    /// No activity with that id (or it was deleted).
    case unknownActivity
    /// A child id that is not in the roster.
    case unknownChild
    /// The repeat rule cannot be used (why).
    case badRecurrence(Recurrence.Problem)
    /// The repeat rule gives no day between the first day and the last.
    case noOccurrences
    /// The repeat rule gives more occurrences than are created at once (how many).
    case tooManyOccurrences(Int)

    /// The most occurrences one `addRecurringActivity` creates (a weekly activity for about eight years).
    public static let maxOccurrences = 400

    public var description: String {
        switch self {
        case .emptyTitle: return "the activity needs a title"
        case let .badTime(t): return "'\(t)' is not a time like 09:30 (hours 00–23, minutes 00–59)"
        case .endWithoutStart: return "an end time needs a start time (leave both empty for an all-day activity)"
        case .endBeforeStart: return "the activity cannot end before it starts"
        case .unknownActivity: return "there is no such activity (it may have been deleted)"
        case .unknownChild: return "a child ticked for attendance is not in the roster"
        case let .badRecurrence(why): return "the repeat rule cannot be used: \(why)"
        case .noOccurrences: return "the repeat rule gives no day between the first day and the last"
        case let .tooManyOccurrences(n):
            return "the repeat rule gives \(n) occurrences; at most \(Self.maxOccurrences) are created at once (choose an earlier last day)"
        }
    }
}

extension Activity {
    /// The activity as it is stored: title and texts trimmed, times as `HH:mm` (an empty time is none).
    /// Throws `ActivityError` for an empty title, a malformed time, an end without a start or before it.
    public func validated() throws -> Activity {
        var v = self
        v.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.title.isEmpty else { throw ActivityError.emptyTitle }
        v.startTime = try startTime.flatMap(Activity.normalisedTime)
        v.endTime = try endTime.flatMap(Activity.normalisedTime)
        if v.endTime != nil && v.startTime == nil { throw ActivityError.endWithoutStart }
        if let s = v.startTime, let e = v.endTime, e < s { throw ActivityError.endBeforeStart }
        v.place = place.trimmingCharacters(in: .whitespacesAndNewlines)
        v.organiser = organiser.trimmingCharacters(in: .whitespacesAndNewlines)
        v.notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        return v
    }

    /// `9:30` or `09:30` → `09:30`; empty → nil; anything else throws `ActivityError.badTime`.
    public static func normalisedTime(_ text: String) throws -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { throw ActivityError.badTime(text) }
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
}

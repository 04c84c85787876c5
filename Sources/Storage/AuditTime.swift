import Foundation

/// The time of an audit entry (and of a history line): ISO 8601 to the second with the community's
/// offset, `2026-11-23T09:05:00+08:00`, the form every write of the program uses.
///
/// Sign-ins and account changes recorded by earlier versions are in UTC (`2026-11-23T01:05:00Z`);
/// they stay as they were (the trail is append-only and hashed), and both forms name the same instant.
/// The trail is read in the order of its entry numbers, never by comparing these texts.
///
///     AuditTime.stamp(date)   // "2026-11-23T09:05:00+08:00"
public enum AuditTime {
    /// The community's time zone when nothing else is said.
    public static let defaultZone = TimeZone(identifier: "Asia/Shanghai")!

    public static func stamp(_ date: Date, in zone: TimeZone = defaultZone) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = zone
        return f.string(from: date)
    }
}

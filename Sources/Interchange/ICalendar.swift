import Domain
import Foundation
import Scheduling

/// Writes activities as an iCalendar file (RFC 5545) that calendar programs import: UTF-8, CRLF line
/// ends, content lines folded at 75 octets without splitting a character, one VEVENT per activity
/// with a stable UID (`activity-<id>@shouhu`), all-day activities as DATE values (DTEND the next day),
/// timed ones in `TZID=Asia/Shanghai` with its VTIMEZONE, text escaped, cancelled ones
/// `STATUS:CANCELLED`.
///
///     let ics = ICalendarWriter(calendarName: "2026年秋季学期 行事历", stamp: ICalendarWriter.utcStamp(Date()))
///         .document(activities)
public struct ICalendarWriter: Sendable {
    public var calendarName: String
    /// DTSTAMP of every event: when the file was made, in UTC (`20261123T020000Z`).
    public var stamp: String
    public var timeZoneID = "Asia/Shanghai"

    public init(calendarName: String, stamp: String) {
        self.calendarName = calendarName; self.stamp = stamp
    }

    /// The whole file: lines folded, each ending in CRLF.
    public func document(_ activities: [Activity]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shouhu//Shouhu Activity Calendar//ZH", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(calendarName), "X-WR-TIMEZONE:" + timeZoneID,
        ]
        if activities.contains(where: { !$0.isAllDay }) { lines += timeZone }
        for (index, a) in activities.enumerated() { lines += event(a, index: index) }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }

    /// China Standard Time: UTC+8 all year (the 1986–1991 summer time is not carried).
    var timeZone: [String] {
        ["BEGIN:VTIMEZONE", "TZID:" + timeZoneID, "X-LIC-LOCATION:" + timeZoneID, "BEGIN:STANDARD", "TZOFFSETFROM:+0800",
         "TZOFFSETTO:+0800", "TZNAME:CST", "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE"]
    }

    func event(_ a: Activity, index: Int) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:" + Self.uid(a, index: index), "DTSTAMP:" + stamp]
        if let start = a.startTime {
            lines.append("DTSTART;TZID=\(timeZoneID):" + Self.dateTime(a.date, start))
            if let end = a.endTime { lines.append("DTEND;TZID=\(timeZoneID):" + Self.dateTime(a.date, end)) }
        } else {
            lines.append("DTSTART;VALUE=DATE:" + Self.basicDate(a.date))
            lines.append("DTEND;VALUE=DATE:" + Self.basicDate(a.date.adding(days: 1)))
        }
        lines.append("SUMMARY:" + Self.escape(a.title))
        if !a.place.isEmpty { lines.append("LOCATION:" + Self.escape(a.place)) }
        let description = [a.organiser.isEmpty ? nil : "组织: " + a.organiser, a.notes.isEmpty ? nil : a.notes].compactMap { $0 }
        if !description.isEmpty { lines.append("DESCRIPTION:" + Self.escape(description.joined(separator: "\n"))) }
        lines.append("CATEGORIES:" + Self.escape(ActivityCategoryNames.chinese(a.category)))
        lines.append("STATUS:" + (a.cancelled ? "CANCELLED" : "CONFIRMED"))
        if !a.isAllDay { lines.append("TRANSP:OPAQUE") } else { lines.append("TRANSP:TRANSPARENT") }
        lines.append("END:VEVENT")
        return lines
    }

    /// `activity-12@shouhu`: the same activity keeps its UID in every export, so re-importing updates it.
    public static func uid(_ a: Activity, index: Int = 0) -> String {
        if let id = a.id { return "activity-\(id)@shouhu" }
        return "activity-unsaved-\(basicDate(a.date))-\(index)@shouhu"
    }

    /// `20261017`.
    public static func basicDate(_ d: LocalDate) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    /// `20261017T093000` (local time, to go with a TZID).
    static func dateTime(_ d: LocalDate, _ hhmm: String) -> String {
        basicDate(d) + "T" + hhmm.replacingOccurrences(of: ":", with: "") + "00"
    }

    /// A moment in UTC as iCalendar writes it: `20261123T020000Z`.
    public static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma escaped; any line break as
    /// `\n`; other control characters (except tab) dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in normalised.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Undoes `escape` (for tests and readers): `\n` → line break, `\,` → `,`…
    public static func unescape(_ text: String) -> String {
        var out = ""
        var escaping = false
        for ch in text {
            if escaping {
                out.append(ch == "n" || ch == "N" ? "\n" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Folds one content line (RFC 5545 §3.1): physical lines of at most `limit` octets, each
    /// continuation starting with a space; a break never falls inside a character (nor inside a
    /// UTF-8 sequence). Lines are joined with CRLF; no CRLF is added at the end.
    public static func fold(_ line: String, limit: Int = 75) -> String {
        var out = ""
        var used = 0
        func put(_ piece: String, octets: Int) {
            if used + octets > limit && used > 1 {
                out += "\r\n "
                used = 1
            }
            out += piece
            used += octets
        }
        for ch in line {
            let octets = ch.utf8.count
            if octets <= limit - 1 {
                put(String(ch), octets: octets)
            } else {
                // A cluster longer than a whole line (a long emoji sequence): break between its scalars.
                for scalar in ch.unicodeScalars { put(String(scalar), octets: String(scalar).utf8.count) }
            }
        }
        return out
    }

    /// Undoes folding: a CRLF (or LF) followed by a space or tab is removed.
    public static func unfold(_ text: String) -> String {
        var out = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.first {
            if s == "\r", scalars.dropFirst().first == "\n", let next = scalars.dropFirst(2).first, next == " " || next == "\t" {
                scalars = scalars.dropFirst(3)
            } else if s == "\n", let next = scalars.dropFirst().first, next == " " || next == "\t" {
                scalars = scalars.dropFirst(2)
            } else {
                out.unicodeScalars.append(s)
                scalars = scalars.dropFirst()
            }
        }
        return out
    }
}

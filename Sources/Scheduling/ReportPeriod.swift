import Domain
import Foundation

/// The period a report covers: a semester (`2026-autumn`), a quarter (`2026-Q3`), a year (`2026`),
/// a month (`2026-10`) or a range (`2026-09-01..2026-12-31`).
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case semester, quarter, year, month, range }

    public var kind: Kind
    /// As written: `2026-autumn`, `2026-Q3`, `2026`, `2026-10`, `2026-09-01..2026-12-31`.
    public var id: String
    public var start: LocalDate
    public var end: LocalDate

    public init(kind: Kind, id: String, start: LocalDate, end: LocalDate) {
        self.kind = kind; self.id = id; self.start = start; self.end = end
    }

    public var description: String { id }

    /// Parses a period. A semester gets its default dates here; the store replaces them with the
    /// community's own (`AppDatabase.reportPeriod(_:)`). Nil for anything else, or a range that ends
    /// before it starts.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let range = t.range(of: "..") {
            guard let a = LocalDate(parsing: String(t[..<range.lowerBound])), let b = LocalDate(parsing: String(t[range.upperBound...])),
                  a <= b else { return nil }
            self.init(kind: .range, id: "\(a)..\(b)", start: a, end: b)
            return
        }
        if let s = Semester(id: t) {
            self.init(kind: .semester, id: s.id, start: s.start, end: s.end)
            return
        }
        let parts = t.split(separator: "-").map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), (1900...2199).contains(year) else { return nil }
        if parts.count == 1 {
            self.init(kind: .year, id: first, start: LocalDate(year: year, month: 1, day: 1)!, end: LocalDate(year: year, month: 12, day: 31)!)
            return
        }
        guard parts.count == 2 else { return nil }
        let second = parts[1].uppercased()
        if second.hasPrefix("Q"), let q = Int(second.dropFirst()), (1...4).contains(q) {
            let m = (q - 1) * 3 + 1
            self.init(kind: .quarter, id: "\(year)-Q\(q)", start: LocalDate(year: year, month: m, day: 1)!,
                      end: LocalDate(year: year, month: m + 2, day: LocalDate.daysIn(month: m + 2, year: year))!)
            return
        }
        if let m = Int(second), (1...12).contains(m), second.count <= 2 {
            self.init(kind: .month, id: String(format: "%04d-%02d", year, m), start: LocalDate(year: year, month: m, day: 1)!,
                      end: LocalDate(year: year, month: m, day: LocalDate.daysIn(month: m, year: year))!)
            return
        }
        return nil
    }

    /// The period of the same kind before (a range: the same length just before).
    public var previous: ReportPeriod { shifted(by: -1) }
    /// The period of the same kind after.
    public var next: ReportPeriod { shifted(by: 1) }

    func shifted(by step: Int) -> ReportPeriod {
        switch kind {
        case .semester:
            let s = Semester(id: id)!
            let other = Semester(id: step < 0 ? s.previousID : s.nextID)!
            return ReportPeriod(parsing: other.id)!
        case .year:
            return ReportPeriod(parsing: String(start.year + step))!
        case .quarter:
            var q = (start.month - 1) / 3 + 1 + step, y = start.year
            if q < 1 { q = 4; y -= 1 } else if q > 4 { q = 1; y += 1 }
            return ReportPeriod(parsing: "\(y)-Q\(q)")!
        case .month:
            var m = start.month + step, y = start.year
            if m < 1 { m = 12; y -= 1 } else if m > 12 { m = 1; y += 1 }
            return ReportPeriod(parsing: String(format: "%04d-%02d", y, m))!
        case .range:
            let days = end.dayNumber - start.dayNumber + 1
            let a = start.adding(days: step * days), b = end.adding(days: step * days)
            return ReportPeriod(kind: .range, id: "\(a)..\(b)", start: a, end: b)
        }
    }

    /// The semesters (by id) whose default dates overlap the period.
    public var semesterIDs: [String] {
        var out: [String] = []
        var s = Semester.standard(containing: start)
        // The term before may reach into the period with a community's own dates; start one earlier.
        s = Semester(id: s.previousID)!
        while s.start <= end.adding(days: 62) {
            out.append(s.id)
            s = Semester(id: s.nextID)!
        }
        return out
    }
}

/// An age band of a report, inclusive (`0–5`).
public struct AgeBand: Hashable, Sendable, CustomStringConvertible {
    public var low: Int
    public var high: Int
    public init(_ low: Int, _ high: Int) { self.low = low; self.high = high }
    public var description: String { "\(low)-\(high)" }

    /// 0–5, 6–11, 12–15: preschool, primary, junior secondary (the ages of left-behind children).
    public static let standard = [AgeBand(0, 5), AgeBand(6, 11), AgeBand(12, 15)]

    /// Parses `0-5,6-11,12-15`; nil when a band is malformed, reversed or overlaps another.
    public static func parse(_ text: String) -> [AgeBand]? {
        var bands: [AgeBand] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard ends.count == 2, let a = ends[0], let b = ends[1], a >= 0, b >= a, b < 30 else { return nil }
            bands.append(AgeBand(a, b))
        }
        bands.sort { $0.low < $1.low }
        for (x, y) in zip(bands, bands.dropFirst()) where y.low <= x.high { return nil }
        return bands.isEmpty ? nil : bands
    }
}

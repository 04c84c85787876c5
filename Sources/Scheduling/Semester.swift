import Domain

/// A school term: autumn (秋季学期) or spring (春季学期).
///
/// Default bounds are autumn 1 Sep – 31 Jan and spring 1 Feb – 31 Jul; a community may store
/// its own dates (they differ by province), which later replace these defaults.
public struct Semester: Hashable, Sendable {
    public enum Term: String, Sendable { case autumn, spring }

    /// The calendar year in which the term starts (2026 for 2026-autumn, 2027 for 2027-spring).
    public let year: Int
    public let term: Term
    public let start: LocalDate
    public let end: LocalDate

    /// `2026-autumn`.
    public var id: String { "\(year)-\(term.rawValue)" }

    public init(year: Int, term: Term, start: LocalDate, end: LocalDate) {
        self.year = year; self.term = term; self.start = start; self.end = end
    }

    /// The default semester of this kind and year.
    public static func standard(year: Int, term: Term) -> Semester {
        switch term {
        case .autumn:
            return Semester(year: year, term: .autumn,
                            start: LocalDate(year: year, month: 9, day: 1)!,
                            end: LocalDate(year: year + 1, month: 1, day: 31)!)
        case .spring:
            return Semester(year: year, term: .spring,
                            start: LocalDate(year: year, month: 2, day: 1)!,
                            end: LocalDate(year: year, month: 7, day: 31)!)
        }
    }

    /// The default semester a date falls in; August belongs to the coming autumn term (summer holiday).
    public static func standard(containing date: LocalDate) -> Semester {
        switch date.month {
        case 1: return standard(year: date.year - 1, term: .autumn)
        case 2...7: return standard(year: date.year, term: .spring)
        default: return standard(year: date.year, term: .autumn)
        }
    }

    /// Parses `2026-autumn` / `2027-spring` into the default semester of that id.
    public init?(id: String) {
        let parts = id.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), (1900...2199).contains(y),
              let t = Term(rawValue: String(parts[1])) else { return nil }
        self = Semester.standard(year: y, term: t)
    }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }
}

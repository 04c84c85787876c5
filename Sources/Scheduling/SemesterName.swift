import Domain

extension Semester.Term {
    /// 秋季 / 春季.
    public var chineseName: String { self == .autumn ? "秋季" : "春季" }
    /// Autumn / Spring.
    public var englishName: String { self == .autumn ? "Autumn" : "Spring" }
}

extension Semester {
    /// `2026年秋季学期`, `2027年春季学期`: how registers and plans name a term.
    public var displayName: String { "\(year)年\(term.chineseName)学期" }

    /// `Autumn term 2026`, `Spring term 2027`.
    public var englishName: String { "\(term.englishName) term \(year)" }

    /// The semesters just before and after this one (autumn 2026 → spring 2026 and spring 2027).
    public var previousID: String { term == .autumn ? "\(year)-spring" : "\(year - 1)-autumn" }
    public var nextID: String { term == .autumn ? "\(year + 1)-spring" : "\(year)-autumn" }
}

extension ReportPeriod {
    /// The period in a reader's words: `2026年秋季学期` (the semester's own `displayName`), `2026年第四季度`,
    /// `2026年10月`, `2026年`, `2026-09-01至2026-12-31`.
    public var displayName: String {
        switch kind {
        case .semester: return Semester(id: id)?.displayName ?? id
        case .quarter: return "\(start.year)年第\(["一", "二", "三", "四"][(start.month - 1) / 3])季度"
        case .month: return "\(start.year)年\(start.month)月"
        case .year: return "\(start.year)年"
        case .range: return "\(start)至\(end)"
        }
    }

    /// `Autumn term 2026` (the semester's own `englishName`), `2026 Q4`, `October 2026`, `2026`,
    /// `2026-09-01 to 2026-12-31`.
    public var englishName: String {
        switch kind {
        case .semester: return Semester(id: id)?.englishName ?? id
        case .quarter: return "\(start.year) Q\((start.month - 1) / 3 + 1)"
        case .month:
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                          "November", "December"]
            return "\(months[start.month - 1]) \(start.year)"
        case .year: return String(start.year)
        case .range: return "\(start) to \(end)"
        }
    }
}

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

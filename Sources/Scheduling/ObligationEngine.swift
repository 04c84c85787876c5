import Domain

/// A pairing as the engine needs it.
public struct PairingFact: Equatable, Sendable {
    public var id: Int64
    public var childID: Int64
    public var mentorID: Int64
    public var role: PairRole
    public var start: LocalDate
    /// The last day of the pairing (inclusive); nil while active.
    public var end: LocalDate?
    public var endReason: PairingEndReason?

    public init(id: Int64, childID: Int64, mentorID: Int64, role: PairRole, start: LocalDate, end: LocalDate? = nil,
                endReason: PairingEndReason? = nil) {
        self.id = id; self.childID = childID; self.mentorID = mentorID; self.role = role; self.start = start
        self.end = end; self.endReason = endReason
    }
}

/// A recorded contact as the engine needs it (the date as a day number, for speed).
public struct ContactFact: Equatable, Sendable {
    public var id: Int64
    public var childID: Int64
    public var mentorID: Int64
    public var kind: ContactKind
    public var day: Int32

    public init(id: Int64, childID: Int64, mentorID: Int64, kind: ContactKind, date: LocalDate) {
        self.init(id: id, childID: childID, mentorID: mentorID, kind: kind, day: Int32(date.dayNumber))
    }

    /// With the date as days since 1970-01-01 (`LocalDate.dayNumber`).
    public init(id: Int64, childID: Int64, mentorID: Int64, kind: ContactKind, day: Int32) {
        self.id = id; self.childID = childID; self.mentorID = mentorID; self.kind = kind; self.day = day
    }

    public var date: LocalDate { LocalDate(dayNumber: Int(day)) }
}

/// What the engine needs to know: the rules, the semester, the pairings, the archived children,
/// the contacts and today. Nothing is read from a clock or a database.
public struct ObligationInput: Sendable {
    public var rules: ObligationRules
    public var semester: Semester
    /// The last day of the semester before (for months and quarters starting in a holiday gap).
    public var previousEnd: LocalDate?
    public var pairings: [PairingFact]
    /// Archived children and the day they were archived.
    public var archivedOn: [Int64: LocalDate]
    public var contacts: [ContactFact]
    public var today: LocalDate

    public init(rules: ObligationRules, semester: Semester, previousEnd: LocalDate? = nil, pairings: [PairingFact],
                archivedOn: [Int64: LocalDate] = [:], contacts: [ContactFact], today: LocalDate) {
        self.rules = rules; self.semester = semester; self.previousEnd = previousEnd; self.pairings = pairings
        self.archivedOn = archivedOn; self.contacts = contacts; self.today = today
    }
}

/// Where an obligation stands.
public enum ObligationState: String, CaseIterable, Codable, Sendable {
    case done, due, overdue
    case notOwed = "not_owed"
}

/// Why a pairing does not owe a period's obligation.
public enum NotOwedReason: String, CaseIterable, Codable, Sendable {
    /// Active for fewer than the minimum days of the period.
    case tooFewDays = "too_few_days"
    /// The child was archived before the target date.
    case childArchived = "child_archived"
    /// The mentor left before the target date.
    case mentorLeft = "mentor_left"
    /// The pairing ended (reassigned, moved, …) before the target date.
    case endedEarly = "ended_early"
}

/// One pairing × obligation × period.
public struct Obligation: Equatable, Sendable {
    public var pairingID: Int64
    public var childID: Int64
    public var mentorID: Int64
    /// Index into the rules.
    public var rule: Int16
    /// Index into the periods of that rule (`ObligationReport.periods[rule]`).
    public var period: Int16
    public var state: ObligationState
    public var reason: NotOwedReason?
    /// The contact that fulfilled it (the `count`-th one), 0 when not done.
    public var contactID: Int64
    var doneDay: Int32
    var targetDay: Int32

    /// The date it was done, if it was.
    public var date: LocalDate? { state == .done ? LocalDate(dayNumber: Int(doneDay)) : nil }
    /// The date it is (or was) due by.
    public var target: LocalDate { LocalDate(dayNumber: Int(targetDay)) }
}

/// The engine's answer for a semester: the rules and periods it used and one row per owed-or-not cell.
public struct ObligationReport: Sendable {
    public var rules: ObligationRules
    public var semester: Semester
    /// The periods of each rule, in rule order.
    public var periods: [[Period]]
    /// Grouped by pairing (in child, mentor order), then rule, then period.
    public var rows: [Obligation]

    public func period(of row: Obligation) -> Period { periods[Int(row.rule)][Int(row.period)] }
    public func rule(of row: Obligation) -> ObligationRule { rules.rules[Int(row.rule)] }
}

/// The five-ones engine: pure, deterministic (today is a parameter).
///
/// A contact counts for a pairing when its mentor, child and kind match and its date lies in the
/// period and within the pairing's dates. A pairing owes a period when it is active at least the
/// minimum days of it (never more than the period's length); the target is the period's end, or
/// `withinDays` after the later of the period's and the pairing's start. Not done: **overdue** once
/// today is past the target, else **due**; **not owed** when the pairing ended (or the child was
/// archived) before the target, or it was active too few days.
public enum ObligationEngine {
    public static func evaluate(_ input: ObligationInput) -> ObligationReport {
        let rules = input.rules
        let periods = rules.rules.map { Period.periods($0.period, of: input.semester, previousEnd: input.previousEnd) }
        let contacts = sortedContacts(input.contacts)
        // Pairings in (child, mentor) order, to walk the contacts once alongside them.
        let order = input.pairings.indices.sorted {
            let a = input.pairings[$0], b = input.pairings[$1]
            return (a.childID, a.mentorID, $0) < (b.childID, b.mentorID, $1)
        }
        var rows: [Obligation] = []
        rows.reserveCapacity(input.pairings.count * max(1, rules.rules.count))
        let compact = rules.rules.map { CompactRule($0, defaultMinDays: rules.minDays) }
        let days = periods.map { $0.map { CompactPeriod(start: Int32($0.start.dayNumber), end: Int32($0.end.dayNumber)) } }
        let today = Int32(input.today.dayNumber)
        var cursor = 0
        for index in order {
            let p = input.pairings[index]
            while cursor < contacts.count, (contacts[cursor].childID, contacts[cursor].mentorID) < (p.childID, p.mentorID) {
                cursor += 1
            }
            var end = cursor
            while end < contacts.count, contacts[end].childID == p.childID, contacts[end].mentorID == p.mentorID { end += 1 }
            evaluate(pairing: p, contacts: contacts[cursor..<end], rules: compact, periods: days,
                     archivedOn: input.archivedOn[p.childID], today: today, into: &rows)
        }
        return ObligationReport(rules: rules, semester: input.semester, periods: periods, rows: rows)
    }

    /// Contacts in (child, mentor, day, id) order; already sorted input is only checked.
    static func sortedContacts(_ contacts: [ContactFact]) -> [ContactFact] {
        func less(_ a: ContactFact, _ b: ContactFact) -> Bool {
            if a.childID != b.childID { return a.childID < b.childID }
            if a.mentorID != b.mentorID { return a.mentorID < b.mentorID }
            if a.day != b.day { return a.day < b.day }
            return a.id < b.id
        }
        var i = 1
        while i < contacts.count, !less(contacts[i], contacts[i - 1]) { i += 1 }
        if i >= contacts.count { return contacts }
        var sorted = contacts
        sorted.sort(by: less)
        return sorted
    }

    /// A rule as the inner loop reads it: plain values, no strings or sets to retain per pairing.
    struct CompactRule {
        var kind: ContactKind
        var roles: UInt8
        var count: Int
        var withinDays: Int32?
        var minDays: Int32

        init(_ r: ObligationRule, defaultMinDays: Int) {
            kind = r.kind
            roles = r.pairRoles.reduce(0) { $0 | CompactRule.bit($1) }
            count = r.count
            withinDays = r.withinDays.map(Int32.init)
            minDays = Int32(r.minDays ?? defaultMinDays)
        }

        static func bit(_ role: PairRole) -> UInt8 {
            switch role {
            case .primary: return 1
            case .classTeacher: return 2
            case .studentHelper: return 4
            }
        }
    }

    /// A period as day numbers.
    struct CompactPeriod { var start: Int32; var end: Int32 }

    static func evaluate(pairing p: PairingFact, contacts: ArraySlice<ContactFact>, rules: [CompactRule], periods: [[CompactPeriod]],
                         archivedOn: LocalDate?, today: Int32, into out: inout [Obligation]) {
        let pStart = Int32(p.start.dayNumber)
        // The pairing's effective last day: its end, or the day the child was archived if earlier.
        var pEnd: Int32? = p.end.map { Int32($0.dayNumber) }
        var endReason: NotOwedReason? = p.endReason.map(reason)
        if let archived = archivedOn.map({ Int32($0.dayNumber) }), pEnd == nil || archived < pEnd! {
            pEnd = archived
            endReason = .childArchived
        }
        let role = CompactRule.bit(p.role)
        for r in rules.indices where rules[r].roles & role != 0 {
            let rule = rules[r]
            for t in periods[r].indices {
                let tStart = periods[r][t].start, tEnd = periods[r][t].end
                let aStart = max(pStart, tStart)
                let aEnd = min(pEnd ?? tEnd, tEnd)
                guard aStart <= aEnd else { continue }
                var row = Obligation(pairingID: p.id, childID: p.childID, mentorID: p.mentorID, rule: Int16(r), period: Int16(t),
                                     state: .due, reason: nil, contactID: 0, doneDay: 0, targetDay: tEnd)
                if let within = rule.withinDays { row.targetDay = min(tEnd, aStart + within - 1) }
                var found = 0
                for c in contacts where c.kind == rule.kind && c.day >= aStart && c.day <= aEnd {
                    found += 1
                    if found == rule.count { row.state = .done; row.doneDay = c.day; row.contactID = c.id; break }
                }
                if row.state != .done {
                    if let e = pEnd, e < row.targetDay {
                        row.state = .notOwed; row.reason = endReason ?? .endedEarly
                    } else if aEnd - aStart + 1 < min(rule.minDays, tEnd - tStart + 1) {
                        row.state = .notOwed; row.reason = .tooFewDays
                    } else if today > row.targetDay {
                        row.state = .overdue
                    }
                }
                out.append(row)
            }
        }
    }

    static func reason(_ r: PairingEndReason) -> NotOwedReason {
        switch r {
        case .childArchived: return .childArchived
        case .mentorLeft: return .mentorLeft
        case .reassigned, .childMoved, .other: return .endedEarly
        }
    }
}

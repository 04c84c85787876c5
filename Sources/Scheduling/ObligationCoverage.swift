import Domain

/// Counts of obligations by state; completion is done ÷ owed (owed = done + due + overdue).
public struct ObligationTally: Equatable, Sendable {
    public var done = 0, due = 0, overdue = 0, notOwed = 0

    public init() {}

    public mutating func add(_ state: ObligationState) {
        switch state {
        case .done: done += 1
        case .due: due += 1
        case .overdue: overdue += 1
        case .notOwed: notOwed += 1
        }
    }

    public var owed: Int { done + due + overdue }
    /// 0…1; nil when nothing is owed.
    public var completion: Double? { owed == 0 ? nil : Double(done) / Double(owed) }

    public static func of<S: Sequence>(_ rows: S) -> ObligationTally where S.Element == Obligation {
        var t = ObligationTally()
        for r in rows { t.add(r.state) }
        return t
    }
}

/// A tally with what it counts (a mentor's name, a grid), for lists in display order.
public struct Tallied<Key: Hashable & Sendable>: Equatable, Sendable {
    public var key: Key
    public var tally: ObligationTally

    public init(key: Key, tally: ObligationTally) { self.key = key; self.tally = tally }
}

/// One child × obligation × period: the child's own coverage.
public struct ChildCoverage: Equatable, Sendable {
    public var childID: Int64
    public var rule: Int16
    public var period: Int16
    public var state: ObligationState
    public var reason: NotOwedReason?
    /// The date it was done (by whichever of the child's mentors), if it was.
    public var date: LocalDate?
}

extension ObligationEngine {
    /// The child's own coverage: a child is covered for an obligation when any of their mentors
    /// (of any pair role, while paired with them) made a contact of that kind in the period —
    /// not only the mentor who owes it. A child appears for the obligations their pairings owe.
    /// Not done: overdue if any pairing's is overdue, else due if any is due, else not owed.
    public static func childCoverage(_ report: ObligationReport, _ input: ObligationInput) -> [ChildCoverage] {
        let contacts = sortedContacts(input.contacts)
        var pairingsByChild: [Int64: [PairingFact]] = [:]
        for p in input.pairings { pairingsByChild[p.childID, default: []].append(p) }
        var rowsByChild: [Int64: [Obligation]] = [:]
        var childOrder: [Int64] = []
        for row in report.rows {
            if rowsByChild[row.childID] == nil { childOrder.append(row.childID) }
            rowsByChild[row.childID, default: []].append(row)
        }
        // Where each child's contacts start and end in the sorted array.
        var ranges: [Int64: Range<Int>] = [:]
        var i = 0
        while i < contacts.count {
            var j = i
            while j < contacts.count, contacts[j].childID == contacts[i].childID { j += 1 }
            ranges[contacts[i].childID] = i..<j
            i = j
        }
        var out: [ChildCoverage] = []
        for child in childOrder {
            let rows = rowsByChild[child]!
            let pairings = pairingsByChild[child] ?? []
            let mine = ranges[child].map { contacts[$0] } ?? []
            // (rule, period) in first-seen order.
            var keys: [Int32] = []
            var groups: [Int32: [Obligation]] = [:]
            for row in rows {
                let key = Int32(row.rule) << 16 | Int32(row.period)
                if groups[key] == nil { keys.append(key) }
                groups[key, default: []].append(row)
            }
            for key in keys {
                let group = groups[key]!
                let first = group[0]
                let rule = report.rules.rules[Int(first.rule)]
                let period = report.periods[Int(first.rule)][Int(first.period)]
                var cell = ChildCoverage(childID: child, rule: first.rule, period: first.period, state: .notOwed,
                                         reason: first.reason, date: nil)
                if let done = group.compactMap(\.date).min() {
                    cell.state = .done; cell.date = done; cell.reason = nil
                } else if let other = mine.first(where: { c in
                    c.kind == rule.kind && period.contains(c.date)
                        && pairings.contains { $0.mentorID == c.mentorID && $0.start <= c.date && ($0.end.map { c.date <= $0 } ?? true) }
                }) {
                    cell.state = .done; cell.date = other.date; cell.reason = nil
                } else if group.contains(where: { $0.state == .overdue }) {
                    cell.state = .overdue; cell.reason = nil
                } else if group.contains(where: { $0.state == .due }) {
                    cell.state = .due; cell.reason = nil
                }
                out.append(cell)
            }
        }
        return out
    }
}

import Domain
import Foundation
import GRDB
import Scheduling

/// Every figure of a report for one period. Children are those on the roster at the period's end;
/// ages are at the period's end.
public struct ReportFigures: Sendable {
    public var period: ReportPeriod
    public var bands: [AgeBand]
    public var communityName: String
    /// Evaluated as of this day (the day after the period's end, or today when the period is not over).
    public var asOf: LocalDate

    public var children: Int
    public var bySex: [Sex: Int]
    public var sexUnknown: Int
    /// In band order.
    public var byAgeBand: [(band: AgeBand, count: Int)]
    public var ageUnknown: Int
    public var byType: [LeftBehindType: Int]
    public var typeUnknown: Int
    public var byCare: [CareGroup: Int]
    public var hardship: Int
    public var disability: Int
    public var added: Int
    public var archived: [ArchiveReason: Int]
    /// Files with every required field (建档).
    public var complete: Int
    public var missing: [ChildField: Int]
    public var mentorsByRole: [MentorRole: Int]
    /// Children with an active primary mentor at the period's end.
    public var covered: Int
    /// The semesters whose five ones the report counts (see `AppDatabase.fiveOnesSemesters(for:)`), in order.
    public var fiveOnesSemesters: [Semester]
    public var fiveOnes: ObligationTally
    /// Per obligation of the rules, in rule order: (id, name zh, name en, kind, tally).
    public var fiveOnesByRule: [(id: String, nameZh: String, nameEn: String, kind: ContactKind, tally: ObligationTally)]
    /// Lowest completion first (most owed first among equals, then by name).
    public var fiveOnesByGrid: [(grid: String, tally: ObligationTally)]
    /// The `reportMentorLimit` mentors with the lowest completion (most owed first among equals).
    public var fiveOnesByMentor: [(mentor: String, tally: ObligationTally)]
    public var contactsByKind: [ContactKind: Int]
    public var activities: Int
    public var activitiesByCategory: [ActivityCategory: Int]
    /// Attendance marks (a child at an activity counts once per activity).
    public var attendance: Int
    /// Different children who came to at least one activity.
    public var childrenReached: Int

    /// 0…1 of the children.
    public func share(_ n: Int) -> Double { children == 0 ? 0 : Double(n) / Double(children) }
    public var grandparentCareShare: Double { share(byCare[.grandparents] ?? 0) }
    public var coverage: Double { share(covered) }
    public var fileRate: Double { share(complete) }
    public var archivedTotal: Int { archived.values.reduce(0, +) }
    public var contactsTotal: Int { contactsByKind.values.reduce(0, +) }
    public var mentorsTotal: Int { mentorsByRole.values.reduce(0, +) }
}

extension AppDatabase {
    /// The period with this community's semester dates (a semester id gets the stored dates).
    public func reportPeriod(_ parsed: ReportPeriod) throws -> ReportPeriod {
        guard parsed.kind == .semester else { return parsed }
        let s = try semester(id: parsed.id)
        return ReportPeriod(kind: .semester, id: parsed.id, start: s.start, end: s.end)
    }

    /// Every figure of the report for `period` (see `ReportFigures`). What happened in the period
    /// (files added and archived, contacts by kind, activities) counts from its start to its end; the
    /// rest is as it stood on its last day. The five ones are those of `fiveOnesSemesters(for:)`,
    /// evaluated with `rules` as they stood at the period's end (see `fiveOnesReports`).
    public func reportFigures(period: ReportPeriod, bands: [AgeBand] = AgeBand.standard, rules: ObligationRules,
                              today: LocalDate) throws -> ReportFigures {
        // A period that is over is judged the day after its end: what was not done by then is overdue.
        let asOf = min(today, period.end.adding(days: 1))
        let semesters = try fiveOnesSemesters(for: period)
        let fiveOnes = Background { try self.fiveOnesReports(semesters, upTo: period.end, rules: rules, asOf: asOf) }
        let facts = try childFacts()
        let covered = try childrenWithPrimaryMentor(on: period.end)
        let end = period.end
        var f = ReportFigures(period: period, bands: bands, communityName: try setting(.communityName) ?? "", asOf: asOf,
                              children: 0, bySex: [:], sexUnknown: 0, byAgeBand: bands.map { ($0, 0) }, ageUnknown: 0, byType: [:],
                              typeUnknown: 0, byCare: [:], hardship: 0, disability: 0, added: 0, archived: [:], complete: 0,
                              missing: [:], mentorsByRole: [:], covered: 0, fiveOnesSemesters: semesters, fiveOnes: ObligationTally(), fiveOnesByRule: [],
                              fiveOnesByGrid: [], fiveOnesByMentor: [], contactsByKind: [:], activities: 0,
                              activitiesByCategory: [:], attendance: 0, childrenReached: 0)
        var gridOf: [Int64: String] = [:]
        for c in facts {
            gridOf[c.id] = c.grid
            if let created = c.created, period.start <= created, created <= end { f.added += 1 }
            if let on = c.archivedOn, period.start <= on, on <= end { f.archived[c.archiveReason ?? .other, default: 0] += 1 }
            guard c.isActive(at: end) else { continue }
            f.children += 1
            if let s = c.sex { f.bySex[s, default: 0] += 1 } else { f.sexUnknown += 1 }
            if let age = c.age(at: end), let i = bands.firstIndex(where: { $0.low <= age && age <= $0.high }) {
                f.byAgeBand[i].count += 1
            } else {
                f.ageUnknown += 1
            }
            if let t = c.type { f.byType[t, default: 0] += 1 } else { f.typeUnknown += 1 }
            f.byCare[c.care, default: 0] += 1
            if c.hardship { f.hardship += 1 }
            if c.disability { f.disability += 1 }
            if c.missing.isEmpty { f.complete += 1 }
            for field in c.missing { f.missing[field, default: 0] += 1 }
            if covered.contains(c.id) { f.covered += 1 }
        }
        try writer.read { db in
            let e = end.description, s = period.start.description
            for r in try Row.fetchAll(db, sql: """
                SELECT role, count(*) FROM mentor WHERE status = 'active' OR left_on > ? GROUP BY role
                """, arguments: [e]) {
                if let role = MentorRole(rawValue: r[0]) { f.mentorsByRole[role] = r[1] }
            }
            for r in try Row.fetchAll(db, sql: """
                SELECT kind, count(*) FROM contact WHERE deleted = 0 AND date BETWEEN ? AND ? GROUP BY kind
                """, arguments: [s, e]) {
                if let kind = ContactKind(rawValue: r[0]) { f.contactsByKind[kind] = r[1] }
            }
            let live = "a.deleted = 0 AND a.cancelled = 0 AND a.date BETWEEN ? AND ?"
            for r in try Row.fetchAll(db, sql: "SELECT category, count(*) FROM activity a WHERE \(live) GROUP BY category",
                                      arguments: [s, e]) {
                if let c = ActivityCategory(rawValue: r[0]) { f.activitiesByCategory[c] = r[1] }
            }
            f.activities = f.activitiesByCategory.values.reduce(0, +)
            let att = try Row.fetchOne(db, sql: """
                SELECT count(*), count(DISTINCT t.child_id) FROM activity_attendance t JOIN activity a ON a.id = t.activity_id
                WHERE \(live)
                """, arguments: [s, e])
            f.attendance = att?[0] ?? 0
            f.childrenReached = att?[1] ?? 0
        }
        try addFiveOnes(&f, try fiveOnes.value(), rules: rules, gridOf: gridOf)
        return f
    }

    /// The semesters whose five ones a report of `period` counts, with this community's dates. One rule
    /// for every format and screen:
    ///
    /// - a semester: itself;
    /// - a quarter or a month: the one semester it belongs to, the one its first day falls in (in a
    ///   holiday gap between two terms, the next one), as the rules' own quarters and months belong to
    ///   the semester they start in. So 2026-Q3 (July–September) is the spring term 2026 and never also
    ///   the autumn term that begins in September; 2026-Q4 and 2026-10 are the autumn term 2026;
    /// - a year or a range: the semesters that start in it (a year: its spring and its autumn term), or,
    ///   when none does, the one its first day belongs to.
    ///
    /// Whatever the semesters, they are counted as of the period's end (`fiveOnesReports`).
    public func fiveOnesSemesters(for period: ReportPeriod) throws -> [Semester] {
        let candidates = try period.semesterIDs.map { try semester(id: $0) }.sorted { $0.start < $1.start }
        // The semester the first day belongs to: the first one not over by then.
        let first = candidates.first { $0.end >= period.start }
        switch period.kind {
        case .semester:
            return [try semester(id: period.id)]
        case .quarter, .month:
            return first.map { [$0] } ?? []
        case .year, .range:
            let starting = candidates.filter { period.start <= $0.start && $0.start <= period.end }
            return starting.isEmpty ? (first.map { [$0] } ?? []) : starting
        }
    }

    /// The five ones of `semesters` as they stood at the end of the report's period (`upTo`): contacts
    /// dated up to that day, pairings begun by then (an end or an archiving after it not yet known), the
    /// obligation periods (a semester, or a rule's month, quarter or week) begun by then; what was not
    /// done is overdue when its target is before `asOf` (the day after the period's end, or today).
    /// So a month or quarter report shows its semester's completion so far: done by the period's end
    /// out of what was owed by then.
    private func fiveOnesReports(_ semesters: [Semester], upTo end: LocalDate, rules: ObligationRules,
                                 asOf: LocalDate) throws -> [ObligationReport] {
        let last = Int32(end.dayNumber)
        return try semesters.map { semester in
            var input = try obligationInput(rules: rules, semesterID: semester.id, today: asOf)
            input.contacts.removeAll { $0.day > last }
            input.pairings.removeAll { $0.start > end }
            for i in input.pairings.indices where (input.pairings[i].end.map { $0 > end } ?? false) {
                input.pairings[i].end = nil
                input.pairings[i].endReason = nil
            }
            input.archivedOn = input.archivedOn.filter { $0.value <= end }
            var report = ObligationEngine.evaluate(input)
            let periods = report.periods
            report.rows.removeAll { periods[Int($0.rule)][Int($0.period)].start > end }
            return report
        }
    }

    private func addFiveOnes(_ f: inout ReportFigures, _ reports: [ObligationReport], rules: ObligationRules,
                             gridOf: [Int64: String]) throws {
        var byRule = rules.rules.map { _ in ObligationTally() }
        var byGrid: [String: ObligationTally] = [:]
        var byMentor: [Int64: ObligationTally] = [:]
        for report in reports {
            for row in report.rows {
                f.fiveOnes.add(row.state)
                byRule[Int(row.rule)].add(row.state)
                byGrid[gridOf[row.childID] ?? "", default: ObligationTally()].add(row.state)
                byMentor[row.mentorID, default: ObligationTally()].add(row.state)
            }
        }
        f.fiveOnesByRule = rules.rules.enumerated().map { (i, r) in (r.id, r.nameZh, r.nameEn, r.kind, byRule[i]) }
        // Like the mentors: lowest completion first (most owed first among equals, then by name), so the
        // grids that need help head the list; a grid owing nothing comes last.
        f.fiveOnesByGrid = byGrid.map { ($0.key, $0.value) }
            .sorted { ($0.tally.completion ?? 2, -$0.tally.owed, $0.grid) < ($1.tally.completion ?? 2, -$1.tally.owed, $1.grid) }
        // The mentors who most need help: lowest completion first (most owed first among equals); names
        // are read for those listed only (a county has tens of thousands of mentors).
        let lowest = byMentor.filter { $0.value.owed > 0 }
            .sorted { ($0.value.completion ?? 2, -$0.value.owed, $0.key) < ($1.value.completion ?? 2, -$1.value.owed, $1.key) }
            .prefix(Self.reportMentorLimit)
        let names = try obligationMentorLabels(ids: lowest.map(\.key))
        f.fiveOnesByMentor = lowest.map { (names[$0.key]?.name ?? "#\($0.key)", $0.value) }
    }

    /// How many mentors the report lists under the five ones (lowest completion first).
    public static let reportMentorLimit = 30

    /// The ids of the children behind a figure, in roster (pinyin) order.
    public func reportChildren(_ slice: ChildSlice, period: ReportPeriod, bands: [AgeBand] = AgeBand.standard) throws -> [Int64] {
        let covered = slice == .uncovered ? try childrenWithPrimaryMentor(on: period.end) : []
        let ids = Set(try childFacts().filter { slice.contains($0, period, bands: bands, covered: covered) }.map(\.id))
        let order = try writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM child ORDER BY name_sort, id") }
        return order.filter(ids.contains)
    }
}

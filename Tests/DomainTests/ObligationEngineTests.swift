import Domain
import Foundation
import Scheduling
import Testing

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }
private let autumn = Semester.standard(year: 2026, term: .autumn) // 2026-09-01 … 2027-01-31

private func pairing(_ id: Int64, child: Int64 = 1, mentor: Int64 = 10, role: PairRole = .primary, from: String = "2026-08-01",
                     to: String? = nil, reason: PairingEndReason? = nil) -> PairingFact {
    PairingFact(id: id, childID: child, mentorID: mentor, role: role, start: day(from), end: to.map(day),
                endReason: to == nil ? nil : (reason ?? .other))
}

private func contact(_ id: Int64, child: Int64 = 1, mentor: Int64 = 10, _ kind: ContactKind, _ date: String) -> ContactFact {
    ContactFact(id: id, childID: child, mentorID: mentor, kind: kind, date: day(date))
}

private func run(_ rules: ObligationRules = .fiveOnes, pairings: [PairingFact], contacts: [ContactFact] = [],
                 archived: [Int64: LocalDate] = [:], today: String, semester: Semester = autumn) -> ObligationReport {
    ObligationEngine.evaluate(ObligationInput(rules: rules, semester: semester, pairings: pairings, archivedOn: archived,
                                              contacts: contacts, today: day(today)))
}

/// The row of a rule (by id) for a pairing, in the only or the given period.
private func cell(_ report: ObligationReport, pairing: Int64, rule: String, period: String? = nil) -> Obligation? {
    report.rows.first { row in
        row.pairingID == pairing && report.rule(of: row).id == rule && (period == nil || report.period(of: row).id == period)
    }
}

@Suite("Five-ones engine")
struct ObligationEngineTests {
    /// One primary pairing for the whole semester, no contacts: every one of the five is due
    /// before the end and overdue after it.
    @Test(arguments: [("2026-11-23", ObligationState.due), ("2027-01-31", .due), ("2027-02-01", .overdue)])
    func fiveOnesDueThenOverdue(today: String, expected: ObligationState) {
        let r = run(pairings: [pairing(1)], today: today)
        #expect(r.rows.count == 5)
        #expect(r.rows.allSatisfy { $0.state == expected && $0.target == day("2027-01-31") })
        #expect(r.rows.map { r.rule(of: $0).kind } == [.visit, .talk, .teacher, .guardian, .letter])
        #expect(r.rows.allSatisfy { r.period(of: $0).id == "2026-autumn" })
    }

    struct ContactCase: Sendable, CustomTestStringConvertible {
        var name: String
        var contact: ContactFact
        var expected: ObligationState
        var testDescription: String { name }
    }

    /// A contact counts only when mentor, child and kind match and the date lies in the period
    /// and within the pairing's dates.
    @Test(arguments: [
        ContactCase(name: "match", contact: contact(7, .visit, "2026-10-01"), expected: .done),
        ContactCase(name: "first day of the semester", contact: contact(7, .visit, "2026-09-01"), expected: .done),
        ContactCase(name: "last day of the semester", contact: contact(7, .visit, "2027-01-31"), expected: .done),
        ContactCase(name: "day after the semester", contact: contact(7, .visit, "2027-02-01"), expected: .overdue),
        ContactCase(name: "day before the semester", contact: contact(7, .visit, "2026-08-31"), expected: .overdue),
        ContactCase(name: "other mentor", contact: contact(7, mentor: 11, .visit, "2026-10-01"), expected: .overdue),
        ContactCase(name: "other child", contact: contact(7, child: 2, .visit, "2026-10-01"), expected: .overdue),
        ContactCase(name: "other kind", contact: contact(7, .call, "2026-10-01"), expected: .overdue),
    ])
    func whichContactsCount(_ c: ContactCase) {
        let r = run(pairings: [pairing(1)], contacts: [c.contact], today: "2027-02-10")
        let visit = cell(r, pairing: 1, rule: "visit")!
        #expect(visit.state == c.expected)
        if c.expected == .done {
            #expect(visit.date == c.contact.date)
            #expect(visit.contactID == 7)
        } else {
            #expect(visit.date == nil)
        }
    }

    @Test func contactOutsideThePairingDatesDoesNotCount() {
        // Paired from 1 Oct: a visit on 20 Sep (before the pairing) does not count.
        let r = run(pairings: [pairing(1, from: "2026-10-01")], contacts: [contact(1, .visit, "2026-09-20")], today: "2026-11-23")
        #expect(cell(r, pairing: 1, rule: "visit")?.state == .due)
    }

    @Test func midSemesterReassignment() {
        // Mentor 10 from before the semester until 15 Nov (reassigned), mentor 11 from 16 Nov.
        let old = pairing(1, mentor: 10, to: "2026-11-15", reason: .reassigned)
        let new = pairing(2, mentor: 11, from: "2026-11-16")
        // A visit-within-six-weeks rule and the plain letter rule.
        var rules = ObligationRules.fiveOnes
        rules.rules[0].withinDays = 42
        let contacts = [contact(1, mentor: 10, .talk, "2026-10-10"), contact(2, mentor: 11, .talk, "2026-11-20")]
        let r = run(rules, pairings: [old, new], contacts: contacts, today: "2026-12-01")
        // The old mentor: visit target (12 Oct) passed while paired → overdue; the letter's target (31 Jan)
        // comes after the pairing ended → not owed; their talk is done.
        #expect(cell(r, pairing: 1, rule: "visit")?.state == .overdue)
        #expect(cell(r, pairing: 1, rule: "visit")?.target == day("2026-10-12"))
        #expect(cell(r, pairing: 1, rule: "letter")?.state == .notOwed)
        #expect(cell(r, pairing: 1, rule: "letter")?.reason == .endedEarly)
        #expect(cell(r, pairing: 1, rule: "talk")?.date == day("2026-10-10"))
        // The new mentor: six weeks from their own start (16 Nov + 41 = 27 Dec), still due.
        #expect(cell(r, pairing: 2, rule: "visit")?.state == .due)
        #expect(cell(r, pairing: 2, rule: "visit")?.target == day("2026-12-27"))
        #expect(cell(r, pairing: 2, rule: "talk")?.state == .done)
        // Each mentor's workload counts only their own contacts: the old mentor's talk is not the new one's.
        #expect(cell(r, pairing: 2, rule: "talk")?.contactID == 2)
    }

    @Test func childArchivedMidPeriod() {
        // Archived on 1 Dec; the pairing was ended that day with reason child_archived.
        let p = pairing(1, to: "2026-12-01", reason: .childArchived)
        let r = run(pairings: [p], contacts: [contact(1, .visit, "2026-10-01")], archived: [1: day("2026-12-01")],
                    today: "2027-02-10")
        #expect(cell(r, pairing: 1, rule: "visit")?.state == .done)
        for rule in ["talk", "teacher", "guardian", "letter"] {
            #expect(cell(r, pairing: 1, rule: rule)?.state == .notOwed)
            #expect(cell(r, pairing: 1, rule: rule)?.reason == .childArchived)
        }
    }

    @Test func archivedChildWithAnOpenPairingIsNotOwed() {
        // Even if the pairing row was left open, the archive date ends what is owed.
        let r = run(pairings: [pairing(1)], archived: [1: day("2026-10-15")], today: "2027-02-10")
        #expect(r.rows.allSatisfy { $0.state == .notOwed && $0.reason == .childArchived })
    }

    @Test func mentorLeft() {
        let r = run(pairings: [pairing(1, to: "2026-12-20", reason: .mentorLeft)], today: "2027-02-10")
        #expect(r.rows.allSatisfy { $0.state == .notOwed && $0.reason == .mentorLeft })
    }

    @Test(arguments: [
        // (pairing start, expected state of the letter at 2027-02-10, reason)
        ("2027-01-02", ObligationState.overdue, nil as NotOwedReason?), // 30 days: owed
        ("2027-01-03", .notOwed, .tooFewDays),                           // 29 days: not owed
        ("2027-01-31", .notOwed, .tooFewDays),                           // one day
    ])
    func minimumDays(start: String, expected: ObligationState, reason: NotOwedReason?) {
        let r = run(pairings: [pairing(1, from: start)], today: "2027-02-10")
        #expect(cell(r, pairing: 1, rule: "letter")?.state == expected)
        #expect(cell(r, pairing: 1, rule: "letter")?.reason == reason)
    }

    @Test func pairingOutsideTheSemesterHasNoRows() {
        #expect(run(pairings: [pairing(1, from: "2027-02-01")], today: "2026-11-23").rows.isEmpty)
        #expect(run(pairings: [pairing(1, from: "2026-03-01", to: "2026-08-31")], today: "2026-11-23").rows.isEmpty)
    }

    @Test func onlyTheRolesARuleNames() {
        let r = run(pairings: [pairing(1, role: .classTeacher), pairing(2, child: 2, role: .studentHelper)], today: "2026-11-23")
        #expect(r.rows.isEmpty)
    }

    @Test func monthlyAndQuarterlyRules() {
        // "One call a month, one visit a quarter", and the class teacher's monthly talk.
        let rules = ObligationRules(minDays: 30, rules: [
            ObligationRule(id: "call", nameZh: "电话", nameEn: "Call", kind: .call, period: .month, minDays: 14),
            ObligationRule(id: "visit-q", nameZh: "家访", nameEn: "Visit", kind: .visit, period: .quarter),
            ObligationRule(id: "teacher-talk", nameZh: "班主任谈心", nameEn: "Teacher talk", kind: .talk,
                           pairRoles: [.classTeacher], period: .month, minDays: 14),
        ])
        let contacts = [contact(1, .call, "2026-09-05"), contact(2, .call, "2026-10-31"), contact(3, .visit, "2026-11-02"),
                        contact(4, child: 1, mentor: 20, .talk, "2026-09-30")]
        let r = run(rules, pairings: [pairing(1), pairing(2, mentor: 20, role: .classTeacher)], contacts: contacts,
                    today: "2026-11-23")
        #expect(r.periods[0].map(\.id) == ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"])
        // Quarters belong to the semester they start in: Q4 and 2027-Q1 (Q3 began in the spring term).
        #expect(r.periods[1].map(\.id) == ["2026-Q4", "2027-Q1"])
        #expect(r.periods[1][1].end == day("2027-03-31"))
        let calls = r.rows.filter { $0.pairingID == 1 && $0.rule == 0 }.map(\.state)
        #expect(calls == [.done, .done, .due, .due, .due])
        #expect(cell(r, pairing: 1, rule: "visit-q", period: "2026-Q4")?.state == .done)
        #expect(cell(r, pairing: 1, rule: "visit-q", period: "2027-Q1")?.state == .due)
        let talks = r.rows.filter { $0.pairingID == 2 }.map(\.state)
        #expect(talks == [.done, .overdue, .due, .due, .due])
    }

    @Test func februaryIsOwedUnderAMonthlyRule() {
        // A 28-day month never reaches a 30-day minimum: the minimum is capped at the period's length.
        let rules = ObligationRules(minDays: 30, rules: [
            ObligationRule(id: "call", nameZh: "电话", nameEn: "Call", kind: .call, period: .month)])
        let spring = Semester.standard(year: 2027, term: .spring)
        let r = run(rules, pairings: [pairing(1)], today: "2027-03-05", semester: spring)
        #expect(cell(r, pairing: 1, rule: "call", period: "2027-02")?.state == .overdue)
    }

    @Test func targetWindowWithinSixWeeks() {
        var rules = ObligationRules.fiveOnes
        rules.rules[0].withinDays = 42
        #expect(cell(run(rules, pairings: [pairing(1)], today: "2026-10-12"), pairing: 1, rule: "visit")?.state == .due)
        #expect(cell(run(rules, pairings: [pairing(1)], today: "2026-10-13"), pairing: 1, rule: "visit")?.state == .overdue)
        // A visit after the window still counts as done (late, but done).
        let late = run(rules, pairings: [pairing(1)], contacts: [contact(1, .visit, "2026-11-01")], today: "2026-11-23")
        #expect(cell(late, pairing: 1, rule: "visit")?.state == .done)
    }

    @Test func countAboveOne() {
        let rules = ObligationRules(minDays: 30, rules: [
            ObligationRule(id: "talks", nameZh: "谈心", nameEn: "Talks", kind: .talk, count: 2)])
        let one = run(rules, pairings: [pairing(1)], contacts: [contact(1, .talk, "2026-09-10")], today: "2026-11-23")
        #expect(one.rows[0].state == .due)
        let two = run(rules, pairings: [pairing(1)], contacts: [contact(1, .talk, "2026-09-10"), contact(2, .talk, "2026-10-10")],
                      today: "2026-11-23")
        #expect(two.rows[0].state == .done && two.rows[0].date == day("2026-10-10") && two.rows[0].contactID == 2)
    }

    @Test func todayIsTheLocalDateInChina() {
        // 16:30 UTC on 31 Jan is already 1 Feb in Beijing: the semester's obligations are overdue there.
        let instant = ISO8601DateFormatter().date(from: "2027-01-31T16:30:00Z")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        let today = LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        #expect(today == day("2027-02-01"))
        #expect(run(pairings: [pairing(1)], today: today.description).rows.allSatisfy { $0.state == .overdue })
        // The same instant read in UTC is still 31 Jan: due.
        #expect(run(pairings: [pairing(1)], today: "2027-01-31").rows.allSatisfy { $0.state == .due })
    }

    @Test func changingRulesNeverTouchesContacts() {
        let contacts = [contact(1, .visit, "2026-10-01"), contact(2, .letter, "2026-10-02")]
        let before = contacts
        _ = run(pairings: [pairing(1)], contacts: contacts, today: "2026-11-23")
        var rules = ObligationRules.fiveOnes
        rules.rules.removeFirst()
        let r = run(rules, pairings: [pairing(1)], contacts: contacts, today: "2026-11-23")
        #expect(contacts == before)
        #expect(r.rows.count == 4)
        #expect(cell(r, pairing: 1, rule: "letter")?.state == .done)
    }

    @Test func unsortedInputGivesTheSameAnswer() {
        var ps: [PairingFact] = []
        for i in 1...30 {
            let start = LocalDate(year: 2026, month: i % 9 + 1, day: 1)!.description
            ps.append(pairing(Int64(i), child: Int64(i % 7 + 1), mentor: Int64(i % 5 + 10), from: start))
        }
        let kinds = ContactKind.allCases
        var cs: [ContactFact] = []
        for i in 0..<300 {
            cs.append(contact(Int64(i), child: Int64(i % 7 + 1), mentor: Int64(i % 5 + 10), kinds[i % kinds.count],
                              LocalDate(year: 2026, month: 9, day: 1)!.adding(days: (i * 37) % 150).description))
        }
        let a = run(pairings: ps, contacts: cs, today: "2026-12-01")
        let b = run(pairings: ps, contacts: cs.reversed(), today: "2026-12-01")
        #expect(a.rows == b.rows)
        #expect(a.rows.contains { $0.state == .done })
    }

    @Test func childCoverageCountsAnyMentorOfTheChild() {
        // The class teacher (pair role class_teacher) visited; the primary mentor did not.
        let primary = pairing(1, mentor: 10)
        let teacher = pairing(2, mentor: 20, role: .classTeacher)
        let stranger = contact(2, mentor: 99, .talk, "2026-10-01") // never paired with the child: does not count
        let input = ObligationInput(rules: .fiveOnes, semester: autumn, pairings: [primary, teacher],
                                    contacts: [contact(1, mentor: 20, .visit, "2026-10-01"), stranger], today: day("2027-02-10"))
        let report = ObligationEngine.evaluate(input)
        #expect(cell(report, pairing: 1, rule: "visit")?.state == .overdue) // the mentor's own workload
        let coverage = ObligationEngine.childCoverage(report, input)
        #expect(coverage.count == 5)
        #expect(coverage[0].state == .done && coverage[0].date == day("2026-10-01"))
        #expect(coverage[1].state == .overdue)
    }

    @Test func tally() {
        let r = run(pairings: [pairing(1)], contacts: [contact(1, .visit, "2026-10-01")], today: "2026-11-23")
        let t = ObligationTally.of(r.rows)
        #expect(t.done == 1)
        #expect(t.due == 4)
        #expect(t.owed == 5)
        #expect(t.completion == 0.2)
    }
}

@Suite("Obligation periods")
struct PeriodTests {
    @Test func weeksStartOnMondayAndCarryTheISOWeek() {
        let weeks = Period.periods(.week, of: autumn)
        // 2026-09-01 is a Tuesday: the first week of the term starts Monday 7 Sep (ISO week 37).
        #expect(weeks.first?.start == day("2026-09-07"))
        #expect(weeks.first?.id == "2026-W37")
        #expect(weeks.last?.start == day("2027-01-25"))
        #expect(weeks.last?.id == "2027-W04")
        #expect(weeks.allSatisfy { $0.days == 7 })
        // 28 Dec 2026 is in ISO week 53 of 2026.
        #expect(weeks.contains { $0.id == "2026-W53" && $0.start == day("2026-12-28") })
    }

    @Test func everyMonthBelongsToExactlyOneSemester() {
        // With a community's own dates leaving gaps, each month still lands in one term.
        let a = Semester(year: 2026, term: .autumn, start: day("2026-09-01"), end: day("2027-01-20"))
        let s = Semester(year: 2027, term: .spring, start: day("2027-02-20"), end: day("2027-07-10"))
        let months = Period.periods(.month, of: a, previousEnd: day("2026-08-31")).map(\.id)
            + Period.periods(.month, of: s, previousEnd: a.end).map(\.id)
        #expect(months == ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01",
                           "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07"])
    }
}

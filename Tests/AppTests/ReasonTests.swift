import Domain
import Foundation
import GRDB
import Interchange
import Scheduling
import Storage
import TestSupport
import Testing
@testable import App

/// The values a Chinese message quotes (`“kind”` → `kind`).
private func quotedValues(_ text: String) -> [String] {
    var out: [String] = [], current: String?
    for ch in text {
        if ch == "\u{201C}" { current = "" } else if ch == "\u{201D}" { if let c = current { out.append(c) }; current = nil } else { current?.append(ch) }
    }
    return out
}

/// A reason rendered in both languages: the Chinese one holds no English word — neither outside its
/// quoted values nor any word of the English reason (bar the data both quote) — and the English one
/// says `english`.
private func expectBoth(_ zh: String, _ en: String, english: String, data: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(englishWords(inChinese: zh, data: data).isEmpty, "English in “\(zh)”", sourceLocation: sourceLocation)
    let dataWords = Set(data.flatMap(asciiWords).map { $0.lowercased() })
    let quoted = Set(quotedValues(zh).flatMap(asciiWords).map { $0.lowercased() })
    let zhWords = Set(asciiWords(zh).map { $0.lowercased() })
    for w in asciiWords(en).map({ $0.lowercased() }) where !dataWords.contains(w) && !quoted.contains(w) {
        #expect(!zhWords.contains(w), "“\(w)” of “\(en)” in “\(zh)”", sourceLocation: sourceLocation)
    }
    #expect(english.isEmpty || en.contains(english), "“\(english)” in “\(en)”", sourceLocation: sourceLocation)
    #expect(!zh.contains("{") || zh.contains("{nth") || zh.contains("{day"), "a placeholder left in “\(zh)”", sourceLocation: sourceLocation)
    #expect(!en.contains("{0}") && !en.contains("{1}"), "a placeholder left in “\(en)”", sourceLocation: sourceLocation)
}

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

@Suite("Reasons in the user's language")
struct ReasonTests {
    let zh: Strings
    let en: Strings

    init() throws {
        zh = try Strings.load(.zhHans)
        en = try Strings.load(.en)
    }

    // MARK: Rules and plan files

    /// `shouhu rules check` on a file with a problem on nearly every line: each problem named by
    /// file, line and column, the reason in Chinese or in English.
    @Test func aRulesFileWithErrors() throws {
        let yaml = Fixtures.faultyRulesYAML
        let error = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: yaml) }
        #expect(error.problems.count >= 8)
        let file = "five-ones.yaml"
        for p in error.problems {
            let (z, e) = (zh.describe(p, file: file), en.describe(p, file: file))
            #expect(z.hasPrefix("\(file) 第 \(p.line) 行第 \(p.column) 列："), "\(z)")
            #expect(e.hasPrefix("\(file) line \(p.line), column \(p.column): "), "\(e)")
            expectBoth(z, e, english: "", data: [file])
        }
        func line(_ n: Int) throws -> TemplateProblem { try #require(error.problems.first { $0.line == n }) }
        expectBoth(zh.describe(try line(5), file: file), en.describe(try line(5), file: file),
                   english: "line 5, column 11: unknown kind 'party'; use one of ", data: [file])
        let kind = zh.describe(try line(5))
        #expect(kind.hasPrefix("第 5 行第 11 列：“kind”的值“party”无法识别；可用：“"), "\(kind)")
        expectBoth(zh.describe(try line(1)), en.describe(try line(1)), english: "min_days must be a whole number from 1 to 366, not '400'")
        expectBoth(zh.describe(try line(7)), en.describe(try line(7)), english: "the id 'visit' is already used by the rule at line 3")
        expectBoth(zh.describe(try line(10)), en.describe(try line(10)), english: "unknown key 'colour' (known: count, id, kind")
        expectBoth(zh.describe(try line(11)), en.describe(try line(11)), english: "the rule needs an id")
        expectBoth(zh.describe(try line(14)), en.describe(try line(14)), english: "unknown pair_role 'uncle'; use one of")
        expectBoth(zh.describe(try line(15)), en.describe(try line(15)), english: "unknown key 'extra' (known: min_days, rules)")
    }

    @Test func syntaxErrorsAndEmptyFiles() throws {
        let syntax = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: "rules:\n  - id: a\n   kind: [\n") }
        let p = try #require(syntax.problems.first)
        expectBoth(zh.describe(p), en.describe(p), english: "YAML syntax: ")
        #expect(zh.describe(p).contains("文件格式有误"))
        let tab = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: "rules:\n  - id: a\n\tkind: visit\n") }
        if case .syntax(let kind, _)? = tab.problems.first?.reason { #expect(kind == .tab, "\(tab.problems)") } else {
            Issue.record("not a syntax error: \(tab.problems)")
        }
        #expect(zh.describe(try #require(tab.problems.first)).contains("制表符"))
        let empty = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: "") }
        expectBoth(zh.describe(empty.problems[0]), en.describe(empty.problems[0]), english: "the rules file is empty")
    }

    /// A semester plan with problems (`shouhu calendar apply-template`), and every other reason a
    /// rules or plan file can give: each worded in both languages.
    @Test func everyReasonOfAFileInBothLanguages() throws {
        let planned = try #require(throws: TemplateReadError.self) {
            try SemesterTemplateReader.read(yaml: """
                autumn:
                  - title: 茶话会
                    category: outing
                    month: 9
                    week: 2
                    weekday: 8
                  - title: 时间
                    category: other
                    date: "10-02"
                    time: "11:00-09:00"
                winter: []
                """)
        }
        let byLine = Dictionary(grouping: planned.problems, by: \.line).mapValues { $0[0] }
        expectBoth(zh.describe(try #require(byLine[3])), en.describe(try #require(byLine[3])), english: "unknown category 'outing'")
        expectBoth(zh.describe(try #require(byLine[6])), en.describe(try #require(byLine[6])),
                   english: "weekday must be a whole number from 1 to 7, not '8'")
        expectBoth(zh.describe(try #require(byLine[10])), en.describe(try #require(byLine[10])),
                   english: "time '11:00-09:00': the activity cannot end before it starts")
        expectBoth(zh.describe(try #require(byLine[11])), en.describe(try #require(byLine[11])), english: "unknown section 'winter'")

        let reasons: [TemplateProblem.Reason] = [
            .notUTF8, .tooLarge(megabytes: 3), .syntax(.other, detail: "did not find expected key"),
            .unreadableText(detail: "invalid leading UTF-8 octet"), .notMapping(.rulesFile), .notMapping(.rule),
            .notMapping(.template), .notMapping(.entry), .notMapping(.key("monthly")), .keyNotText,
            .repeatedKey("title", in: .entry), .notSingleValue(key: "name"), .needsValue(key: "count"),
            .outOfRange(key: "count", range: 1...100, given: "0"), .unknownKey("colour", known: ["id", "kind"]),
            .unknownValue(key: "period", value: "fortnight", known: PeriodUnit.allCases.map(\.rawValue)), .notList(key: "rules"),
            .rulesFileEmpty, .noRules, .ruleListEmpty, .missingID, .badID("家 访"), .duplicateID("visit", firstLine: 3),
            .missingName(ruleID: "visit"), .missingKind(ruleID: "visit", known: ContactKind.allCases.map(\.rawValue)), .noPairRole,
            .templateEmpty, .unknownSection("winter"), .noEntries, .missingTitle, .missingCategory(title: "茶话会"), .keyWithAt,
            .duplicateKey("时间", firstLine: 16), .missingDateRule, .severalDateRules(["date", "festival"]),
            .goesWith(key: "week", partner: "month", used: "date"), .goesWith(key: "offset", partner: "festival", used: nil),
            .monthNeedsWeekAndWeekday, .weekZero, .badMonthDay("11-31"), .monthlyNeedsDayOrWeekday,
            .recurrence(.weekOfMonth(5)), .recurrence(.weekday(0)), .recurrence(.dayOfMonth(32)),
            .badTime("25:00", endBeforeStart: false), .badTime("11:00-09:00", endBeforeStart: true),
        ] + TemplateProblem.Syntax.allCases.map { .syntax($0, detail: "found character that cannot start any token") }
        for reason in reasons {
            let (z, e) = (zh.describe(reason), en.describe(reason))
            expectBoth(z, e, english: "")
            #expect(!z.isEmpty && !asciiWords(e).isEmpty, "\(reason): “\(z)” / “\(e)”")
        }
    }

    /// The plan's skipped entries (`skipped<TAB>title<TAB>reason`) and its date rules.
    @Test func skippedEntriesOfAPlan() throws {
        let semester = Semester(year: 2026, term: .autumn, start: day("2026-09-01"), end: day("2027-01-10"))
        let rules: [SemesterTemplate.DateRule] = [.monthWeek(month: 9, week: 2, weekday: 6), .monthWeek(month: 1, week: -1, weekday: 5),
                                                  .fixed(month: 2, day: 29), .festival(.springFestival, offset: 3),
                                                  .festival(.doubleNinth, offset: -1), .festival(.newYear, offset: 0),
                                                  .monthly(.monthlyOnDay(31))]
        for rule in rules { expectBoth(zh.describe(rule), en.describe(rule), english: "") }
        #expect(zh.describe(SemesterTemplate.DateRule.monthWeek(month: 9, week: 2, weekday: 6)) == "9月第2个星期六")
        #expect(zh.describe(SemesterTemplate.DateRule.festival(.doubleNinth, offset: -1)) == "重阳节前 1 天")
        #expect(en.describe(SemesterTemplate.DateRule.festival(.doubleNinth, offset: -1)).hasPrefix("1 days before Double Ninth"))
        let template = SemesterTemplate(name: "t", entries: [
            .init(key: "spring", title: "春节", category: .festival, terms: [.autumn], rule: .festival(.springFestival, offset: 3)),
            .init(key: "leap", title: "闰日", category: .other, terms: [.autumn], rule: .fixed(month: 2, day: 29)),
        ])
        let skipped = template.plan(for: semester).skipped
        #expect(skipped.count == 2)
        for s in skipped {
            expectBoth(zh.describe(s.reason), en.describe(s.reason), english: s.key == "leap" ? "has no day in 2026/2027" : "outside the semester")
        }
        expectBoth(zh.describe(SemesterPlan.SkipReason.noMonthlyDay(start: semester.start, end: semester.end)),
                   en.describe(SemesterPlan.SkipReason.noMonthlyDay(start: semester.start, end: semester.end)),
                   english: "the monthly rule has no day in the semester (2026-09-01 – 2027-01-10)")
    }

    // MARK: The store

    /// A semester refused in the TUI (`S` on the calendar): the line names the terms in the user's
    /// language and gives the reason in it.
    @Test func aRefusedSemesterInTheInterface() throws {
        let db = try AppDatabase.inMemory()
        try db.setSemester(id: "2027-spring", from: day("2027-02-20"), to: day("2027-07-05"), actor: "t", timestamp: "t")
        let command = Command.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-02-25"))
        guard case .failed(let z) = Runtime(database: db, strings: zh, today: fixedToday).execute(command),
              case .failed(let e) = Runtime(database: db, strings: en, today: fixedToday).execute(command) else {
            Issue.record("the overlap was not refused"); return
        }
        #expect(z == "学期日期未保存：2026年秋季学期（2026-09-01 至 2027-02-25）会与2027年春季学期（“2027-spring”，2027-02-20 至 2027-07-05）重叠；请先修改那个学期的日期")
        expectBoth(z, e, english: "Autumn term 2026 (2026-09-01 – 2027-02-25) would overlap Spring term 2027 (2027-spring, 2027-02-20 – 2027-07-05)")
        #expect(!e.contains("学期"), "no Chinese term name in English: \(e)")

        let refusals: [SemesterRefusal] = [
            .badID("2026-fall", years: 1950...2150),
            .endsBeforeStart(Semester(year: 2026, term: .autumn, start: day("2027-01-24"), end: day("2026-09-01"))),
            .outsideYears(Semester.standard(year: 2026, term: .autumn)),
            .startOutside(Semester(year: 2026, term: .autumn, start: day("2027-09-01"), end: day("2028-01-24")),
                          earliest: day("2026-07-01"), latest: day("2026-10-31")),
            .endsTooLate(Semester(year: 2027, term: .spring, start: day("2027-02-20"), end: day("2027-09-30")), lastEnd: day("2027-08-31")),
        ]
        for r in refusals { expectBoth(zh.describe(r), en.describe(r), english: "") }
        expectBoth(zh.describe(refusals[0]), en.describe(refusals[0]), english: "'2026-fall' is not a semester id")
    }

    /// Every refusal of the store, and the schema's own (triggers and constraints) as SQLite reports
    /// them: Chinese without English, English saying why.
    @Test func everyRefusalOfTheStore() throws {
        let all: [StorageRefusal] = [.emptyName, .emptyNote, .negativeCapacity, .leftOnRequired, .unknownChild,
                                     .pairingChildArchived, .pairingMentorLeft, .pairingCapacityReached,
                                     .auditEntryChanged, .auditEntryDeleted]
            + StorageRefusal.Constraint.allCases.map { .constraint($0) }
        for r in all {
            let (z, e) = (try #require(zh.explain(StorageError.refused(r))), try #require(en.explain(StorageError.refused(r))))
            expectBoth(z, e, english: "")
        }
        // The triggers' messages, as SQLite hands them over, never reach the screen.
        let capacity = DatabaseError(resultCode: .SQLITE_CONSTRAINT_TRIGGER, message: "pairing: mentor capacity reached")
        #expect(StorageRefusal(capacity) == .pairingCapacityReached)
        expectBoth(try #require(zh.explain(capacity)), try #require(en.explain(capacity)), english: "the mentor is at capacity")
        let audit = DatabaseError(resultCode: .SQLITE_CONSTRAINT_TRIGGER, message: "audit: entries are never changed")
        expectBoth(try #require(zh.explain(audit)), try #require(en.explain(audit)), english: "audit entries are never changed")
        let archived = DatabaseError(resultCode: .SQLITE_CONSTRAINT_TRIGGER, message: "pairing: child is archived")
        expectBoth(try #require(zh.explain(archived)), try #require(en.explain(archived)), english: "the file is archived")
        let unique = DatabaseError(resultCode: .SQLITE_CONSTRAINT_UNIQUE, message: "UNIQUE constraint failed: child.id_number")
        expectBoth(try #require(zh.explain(unique)), try #require(en.explain(unique)), english: "duplicate")
        #expect(!(try #require(en.explain(unique))).contains("id_number"), "no column names")
        // A consistency check of an import, and a conflict.
        expectBoth(try #require(zh.explain(StorageError.invalid(field: "reference", reason: "2 new rows refer to missing rows"))),
                   try #require(en.explain(StorageError.invalid(field: "reference", reason: "2 new rows refer to missing rows"))),
                   english: "consistency check")
        #expect(zh.explain(CocoaError(.featureUnsupported)) == nil)
    }

    /// A read-only database: the write refused in one plain line in each language.
    @Test func aReadOnlyDatabase() throws {
        let error = DatabaseError(resultCode: .SQLITE_READONLY, message: "attempt to write a readonly database")
        expectBoth(try #require(zh.explain(error)), try #require(en.explain(error)), english: "read-only")
        expectBoth(try #require(zh.explain(StorageError.readOnly(path: "/srv/shouhu.sqlite"))),
                   try #require(en.explain(StorageError.readOnly(path: "/srv/shouhu.sqlite"))), english: "read-only")
        expectBoth(try #require(zh.explain(StorageError.newerVersion(path: "/srv/shouhu.sqlite"))),
                   try #require(en.explain(StorageError.newerVersion(path: "/srv/shouhu.sqlite"))), english: "newer version")
    }

    /// Pairing over capacity (the form and imports), and a mentor's capacity lowered below the children
    /// they have (the mentor form): the store's refusal read in the user's language.
    @Test func aPairingOverCapacity() throws {
        let db = try AppDatabase.inMemory()
        let mentor = try db.addMentor(Mentor(name: "王芳", role: .volunteer, phone: "13912340824", capacity: 1), actor: "t", timestamp: "t")
        let first = try db.addChild(Child(name: "李明"), timestamp: "t")
        let second = try db.addChild(Child(name: "李华"), timestamp: "t")
        try db.pair(child: first, mentor: mentor, role: .primary, start: fixedToday, actor: "t", timestamp: "t")
        let refused = try #require(throws: PairingError.self) {
            try db.pair(child: second, mentor: mentor, role: .primary, start: fixedToday, actor: "t", timestamp: "t")
        }
        #expect(refused == .capacityReached(limit: 1, current: 1))
        expectBoth(zh.pairingRefusal(refused), en.pairingRefusal(refused), english: "cannot pair: capacity reached: the mentor has 1 children and the limit is 1")
        #expect(zh.pairingRefusal(refused) == "无法结对：该帮扶人已结对 1 名，达到上限 1 名（如需超额，请填写“超额理由”）")
        #expect(!en.pairingRefusal(refused).contains("超额"), "no Chinese in English")

        // The mentor form: capacity 0 for a mentor with a child.
        for (strings, english) in [(zh, ""), (en, "capacity 0 is below the 1 children this mentor has now")] {
            let runtime = Runtime(database: db, strings: strings, today: fixedToday)
            let row = try #require(try db.mentorRows(ids: [mentor]).first)
            let m = Mentor(name: row.name, role: row.role, phone: row.phone, organisation: row.organisation, capacity: 0)
            let msg = runtime.execute(.saveMentor(m, capacityGiven: true, id: mentor, expectedVersion: nil))
            #expect(msg == .pairingRefused(.capacityBelowLoad(capacity: 0, load: 1)))
            var state = AppState(size: .init(width: 100, height: 30), today: fixedToday, strings: strings)
            state.mentorForm = .editing(row, version: 1)
            _ = Update.update(&state, msg)
            let text = try #require(state.message?.text)
            if strings.language == .zhHans {
                #expect(englishWords(inChinese: text).isEmpty, "\(text)")
                #expect(text == zh.format(.importRuleCapacityBelowLoad, 0, 1))
            } else {
                #expect(text.contains(english), "\(text)")
            }
        }
        // Every other refusal of a pairing, in both languages.
        let errors: [PairingError] = [.capacityBelowLoad(capacity: 1, load: 2), .childAlreadyHasPrimary, .alreadyPaired, .unknownChild,
                                      .unknownMentor, .unknownPairing, .childArchived, .mentorLeft, .endBeforeStart, .alreadyEnded,
                                      .duplicatePhone, .invalidPhone]
        for e in errors { expectBoth(zh.pairingRefusal(e), en.pairingRefusal(e), english: "") }
    }

    /// Activities: a repeat rule refused in the interface, and every other reason.
    @Test func activityRefusals() throws {
        let db = try AppDatabase.inMemory()
        let activity = Activity(title: "亲情电话", category: .familyCall, date: day("2026-09-01"))
        let command = Command.addRecurringActivity(activity, rule: .weekly(weekday: 9), until: day("2026-09-30"))
        guard case .failed(let z) = Runtime(database: db, strings: zh, today: fixedToday).execute(command),
              case .failed(let e) = Runtime(database: db, strings: en, today: fixedToday).execute(command) else {
            Issue.record("the rule was not refused"); return
        }
        expectBoth(z, e, english: "the repeat rule cannot be used: weekday must be 1 (Monday) – 7 (Sunday), not 9")
        let errors: [ActivityError] = [.emptyTitle, .badTime("25:00"), .endWithoutStart, .endBeforeStart, .unknownActivity, .unknownChild,
                                       .badRecurrence(.dayOfMonth(32)), .badRecurrence(.weekOfMonth(0)), .noOccurrences,
                                       .tooManyOccurrences(526)]
        for error in errors {
            expectBoth(try #require(zh.explain(error)), try #require(en.explain(error)), english: "")
        }
        expectBoth(zh.describe(ActivityError.tooManyOccurrences(526)), en.describe(ActivityError.tooManyOccurrences(526)),
                   english: "gives 526 occurrences; at most 400")
    }

    /// Rules stored by a newer program, an archived-only purge, demo data refused, and an error no refusal
    /// explains (a bug) — the last keeps its own words for whoever fixes it, after a line in the
    /// user's language.
    @Test func otherRefusals() throws {
        let stored = StoredRulesUnreadable(problem: TemplateProblem(line: 3, column: 5, reason: .unknownValue(
            key: "period", value: "fortnight", known: PeriodUnit.allCases.map(\.rawValue))))
        expectBoth(try #require(zh.explain(stored)), try #require(en.explain(stored)),
                   english: "the rules stored in the database cannot be read (line 3, column 5: unknown period 'fortnight'")
        expectBoth(try #require(zh.explain(PurgeError.notArchived(7))), try #require(en.explain(PurgeError.notArchived(7))),
                   english: "file 7 is not archived")
        let real = try AppDatabase.inMemory()
        _ = try real.addChild(Child(name: "王小明"), timestamp: "t")
        let notDemo = try #require(throws: NotADemoDatabase.self) { try real.fillDemo(DemoOptions(children: 5, referenceDate: fixedToday)) }
        expectBoth(try #require(zh.explain(notDemo)), try #require(en.explain(notDemo)), english: "this database holds real records")
        struct Odd: Error {}
        #expect(zh.explain(Odd()) == nil)
        #expect(zh.unexpected(Odd()).hasPrefix("出现了意外的错误"))
    }
}

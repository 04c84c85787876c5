import Domain
import Foundation
import Interchange
import Scheduling
import Storage

/// The reasons lower layers give as data — the store's refusals, the rules and plan files' problems,
/// the plan's skipped entries — worded from the catalog in the user's language. Storage, Interchange
/// and Scheduling hold no sentence a person reads; their `description`s are English, for logs and tests.
extension Strings {
    /// Why `error` stopped a command, in plain words without SQL or values; nil when it is none of
    /// the refusals and faults the program knows (a bug: see `unexpected(_:)`).
    public func explain(_ error: any Error) -> String? {
        switch error {
        case let e as PairingError: return pairingRefusal(e)
        case let e as ContactError: return describe(e)
        case let e as ActivityError: return describe(e)
        case let e as TemplateReadError: return e.problems.first.map(describe)
        case let e as StoredRulesUnreadable: return storedRulesUnreadable(e)
        case let e as PurgeError:
            switch e { case .notArchived(let id): return format(.purgeNotArchived, id) }
        case is SaveConflict: return self[.storageSaveConflict]
        case is NotADemoDatabase: return self[.demoRefused]
        case let e as StorageError:
            switch e {
            case .refused(let r): return describe(r)
            case .invalid: return self[.refusalInvalidInternal]
            case .newerVersion: return self[.faultNewer]
            case .directory(let path, _): return format(.faultDirectory, path)
            case .cannotOpen, .busy, .readOnly, .diskFull: break
            }
        default: break
        }
        if let fault = StorageFault(error) { return describe(fault) }
        if let refusal = StorageRefusal(error) { return describe(refusal) }
        return nil
    }

    /// The line for an error no refusal explains (a bug), with its own words for whoever fixes it.
    public func unexpected(_ error: any Error) -> String { format(.errorUnexpected, "\(error)") }

    // MARK: The store

    /// A refusal of the store.
    public func describe(_ refusal: StorageRefusal) -> String {
        switch refusal {
        case .emptyName: return self[.refusalEmptyName]
        case .emptyNote: return self[.refusalEmptyNote]
        case .negativeCapacity: return self[.refusalNegativeCapacity]
        case .leftOnRequired: return self[.refusalLeftOnRequired]
        case .unknownChild: return self[.refusalUnknownChild]
        case .semester(let r): return describe(r)
        case .pairingChildArchived: return self[.pairErrorArchived]
        case .pairingMentorLeft: return self[.pairErrorMentorLeft]
        case .pairingCapacityReached: return self[.refusalPairingCapacity]
        case .auditEntryChanged: return self[.refusalAuditChanged]
        case .auditEntryDeleted: return self[.refusalAuditDeleted]
        case .constraint(let c): return label("constraint", c)
        }
    }

    /// A term's name in the interface's language: `2026年秋季学期`, `Autumn term 2026`.
    public func semesterName(_ s: Semester) -> String { language == .en ? s.englishName : s.displayName }

    /// Why a semester's id or dates were refused.
    public func describe(_ refusal: SemesterRefusal) -> String {
        switch refusal {
        case let .badID(id, years): return format(.semesterBadID, id, years.lowerBound, years.upperBound)
        case let .endsBeforeStart(s): return format(.semesterEndsBeforeStart, semesterName(s), s.end, s.start)
        case let .outsideYears(s): return format(.semesterOutsideYears, semesterName(s))
        case let .startOutside(s, earliest, latest): return format(.semesterStartOutside, semesterName(s), earliest, latest, s.start)
        case let .endsTooLate(s, lastEnd): return format(.semesterEndsTooLate, semesterName(s), lastEnd, s.end)
        case let .overlaps(s, other):
            return format(.semesterOverlaps, semesterName(s), s.start, s.end, semesterName(other), other.id, other.start, other.end)
        }
    }

    /// Why a pairing or mentor write was refused: the reason alone.
    public func describe(_ error: PairingError) -> String {
        switch error {
        case let .capacityReached(limit, current): return format(.importRuleCapacityReached, current, limit)
        case let .capacityBelowLoad(capacity, load): return format(.importRuleCapacityBelowLoad, capacity, load)
        case .childAlreadyHasPrimary: return self[.importRuleChildHasPrimary]
        case .alreadyPaired: return self[.pairErrorAlreadyPaired]
        case .unknownChild: return self[.pairErrorUnknownChild]
        case .unknownMentor: return self[.pairErrorUnknownMentor]
        case .unknownPairing: return self[.importRuleUnknownPairing]
        case .childArchived: return self[.pairErrorArchived]
        case .mentorLeft: return self[.pairErrorMentorLeft]
        case .endBeforeStart: return self[.importRuleEndBeforeStart]
        case .alreadyEnded: return self[.importRuleAlreadyEnded]
        case .duplicatePhone: return self[.mentorErrorDuplicatePhone]
        case .invalidPhone: return self[.problemPhone]
        }
    }

    /// A pairing refused, as the screens say it: `无法结对：<reason>`, or the reason alone where it
    /// says so itself (already paired, archived, mentor left, the phone).
    public func pairingRefusal(_ error: PairingError) -> String {
        switch error {
        case .alreadyPaired, .childArchived, .mentorLeft, .duplicatePhone, .invalidPhone: return describe(error)
        default: return format(.pairErrorOther, describe(error))
        }
    }

    /// Why an activity was not saved.
    public func describe(_ error: ActivityError) -> String {
        switch error {
        case .emptyTitle: return self[.activityErrorEmptyTitle]
        case .badTime(let text): return format(.activityErrorBadTime, text)
        case .endWithoutStart: return self[.activityErrorEndWithoutStart]
        case .endBeforeStart: return self[.activityErrorEndBeforeStart]
        case .unknownActivity: return self[.activityErrorUnknown]
        case .unknownChild: return self[.activityErrorUnknownChild]
        case .badRecurrence(let p): return format(.activityErrorBadRecurrence, describe(p))
        case .noOccurrences: return self[.activityErrorNoOccurrences]
        case .tooManyOccurrences(let n): return format(.activityErrorTooMany, n, ActivityError.maxOccurrences)
        }
    }

    /// Why a repeat rule cannot be used.
    public func describe(_ problem: Recurrence.Problem) -> String {
        switch problem {
        case .weekday(let n): return format(.recurrenceWeekday, n)
        case .dayOfMonth(let n): return format(.recurrenceDayOfMonth, n)
        case .weekOfMonth(let n): return format(.recurrenceWeekOfMonth, n)
        }
    }

    // MARK: Rules and plan files

    /// A problem of a rules or plan file with its line and column: `第 4 行第 12 列：…`.
    public func describe(_ problem: TemplateProblem) -> String {
        format(.yamlAt, problem.line, problem.column, describe(problem.reason))
    }

    /// A problem of a rules or plan file, named with the file: `bad.yaml 第 4 行第 12 列：…`.
    public func describe(_ problem: TemplateProblem, file: String) -> String {
        format(.rulesProblem, file, problem.line, problem.column, describe(problem.reason))
    }

    /// The stored rules no longer read (rules of a newer program).
    public func storedRulesUnreadable(_ error: StoredRulesUnreadable) -> String {
        format(.rulesStoredUnreadable, error.problem.map(describe) ?? "")
    }

    /// A key, value or name of the file as the message quotes it (`“kind”`; plain in English).
    func token(_ text: String) -> String { format(.yamlToken, text) }

    /// A list of keys or values of the file, quoted.
    func tokens(_ list: [String]) -> String { list.map(token).joined(separator: self[.yamlListSeparator]) }

    func describe(_ subject: TemplateProblem.Subject) -> String {
        switch subject {
        case .rulesFile: return self[.yamlSubjectRulesFile]
        case .rule: return self[.yamlSubjectRule]
        case .template: return self[.yamlSubjectTemplate]
        case .entry: return self[.yamlSubjectEntry]
        case .key(let k): return token(k)
        }
    }

    /// Why a line of a rules or plan file cannot be used.
    public func describe(_ reason: TemplateProblem.Reason) -> String {
        switch reason {
        case .notUTF8: return self[.yamlNotUTF8]
        case .tooLarge(let mb): return format(.yamlTooLarge, mb)
        case let .syntax(kind, detail): return format(.yamlSyntax, label("yamlsyntax", kind), detail)
        case .unreadableText(let detail): return format(.yamlUnreadableText, detail)
        case .notMapping(let what): return format(.yamlNotMapping, describe(what))
        case .keyNotText: return self[.yamlKeyNotText]
        case let .repeatedKey(key, what): return format(.yamlRepeatedKey, token(key), describe(what))
        case .notSingleValue(let key): return format(.yamlNotSingleValue, token(key))
        case .needsValue(let key): return format(.yamlNeedsValue, token(key))
        case let .outOfRange(key, range, given):
            return format(.yamlOutOfRange, token(key), range.lowerBound, range.upperBound, token(given))
        case let .unknownKey(key, known): return format(.yamlUnknownKey, token(key), tokens(known))
        case let .unknownValue(key, value, known): return format(.yamlUnknownValue, token(key), token(value), tokens(known))
        case .notList(let key): return format(.yamlNotList, token(key))
        case .rulesFileEmpty: return self[.yamlRulesEmpty]
        case .noRules: return self[.yamlNoRules]
        case .ruleListEmpty: return self[.yamlRuleListEmpty]
        case .missingID: return self[.yamlMissingID]
        case .badID(let id): return format(.yamlBadID, token(id))
        case let .duplicateID(id, line): return format(.yamlDuplicateID, token(id), line)
        case .missingName(let id): return format(.yamlMissingName, token(id))
        case let .missingKind(id, known): return format(.yamlMissingKind, token(id), tokens(known))
        case .noPairRole: return self[.yamlNoPairRole]
        case .templateEmpty: return self[.yamlTemplateEmpty]
        case .unknownSection(let key): return format(.yamlUnknownSection, token(key))
        case .noEntries: return self[.yamlNoEntries]
        case .missingTitle: return self[.yamlMissingTitle]
        case .missingCategory(let title): return format(.yamlMissingCategory, token(title))
        case .keyWithAt: return self[.yamlKeyWithAt]
        case let .duplicateKey(key, line): return format(.yamlDuplicateKey, token(key), line)
        case .missingDateRule: return self[.yamlMissingDateRule]
        case .severalDateRules(let given): return format(.yamlSeveralDateRules, tokens(given))
        case let .goesWith(key, partner, used):
            if let used { return format(.yamlGoesWithUsed, token(key), token(partner), token(used)) }
            return format(.yamlGoesWith, token(key), token(partner))
        case .monthNeedsWeekAndWeekday: return self[.yamlMonthNeedsWeek]
        case .weekZero: return self[.yamlWeekZero]
        case .badMonthDay(let text): return format(.yamlBadMonthDay, token(text))
        case .monthlyNeedsDayOrWeekday: return self[.yamlMonthlyNeeds]
        case .recurrence(let p): return describe(p)
        case let .badTime(text, endBeforeStart): return format(endBeforeStart ? .yamlTimeEndBeforeStart : .yamlBadTime, token(text))
        }
    }

    // MARK: The semester plan

    /// A date rule of the plan: `9月第2个星期六`, `10月1日`, `重阳节前 1 天`.
    public func describe(_ rule: SemesterTemplate.DateRule) -> String {
        switch rule {
        case let .monthWeek(month, week, weekday):
            let weekdayName = label("weekday", WeekdayKey(weekday))
            return week == -1 ? format(.planRuleLastWeekday, month, weekdayName) : format(.planRuleMonthWeek, month, week, weekdayName)
        case let .fixed(month, day): return format(.planRuleFixed, month, day)
        case let .festival(festival, offset):
            let name = language == .en ? festival.englishName : festival.chineseName
            if offset == 0 { return name }
            return format(offset < 0 ? .planRuleBefore : .planRuleAfter, name, abs(offset))
        case .monthly: return self[.planRuleMonthly]
        }
    }

    /// Why a plan's entry has no day in the semester.
    public func describe(_ reason: SemesterPlan.SkipReason) -> String {
        switch reason {
        case let .noDay(rule, years): return format(.planSkipNoDay, describe(rule), years.map(String.init).joined(separator: "/"))
        case let .outside(rule, days, start, end):
            return format(.planSkipOutside, describe(rule), days.map(\.description).joined(separator: self[.yamlListSeparator]), start, end)
        case let .noMonthlyDay(start, end): return format(.planSkipNoMonthlyDay, start, end)
        }
    }
}

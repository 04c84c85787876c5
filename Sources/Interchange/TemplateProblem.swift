import Foundation
import Scheduling
import Yams

/// One problem of a YAML file of ours (the obligation rules, a semester plan), at a line and column
/// (both from 1), and why, as data: the interface words the reason from its string catalog.
/// `message` and `description` are English, for logs and tests.
public struct TemplateProblem: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var reason: Reason

    public init(line: Int, column: Int, reason: Reason) {
        self.line = line; self.column = column; self.reason = reason
    }

    /// The reason in English.
    public var message: String { reason.description }

    public var description: String { "line \(line), column \(column): \(message)" }

    /// What a value must be given inside: names the place of a shape problem.
    public enum Subject: Equatable, Sendable, CustomStringConvertible {
        case rulesFile, rule, template, entry
        /// The value of a key (`monthly`).
        case key(String)

        public var description: String {
            switch self {
            case .rulesFile: return "the rules file"
            case .rule: return "a rule"
            case .template: return "the template"
            case .entry: return "an entry"
            case .key(let k): return k
            }
        }
    }

    /// The kind of a YAML syntax error, for a plain hint (libyaml's own words are English).
    public enum Syntax: String, CaseIterable, Equatable, Sendable {
        /// A tab where YAML wants spaces.
        case tab
        /// A quoted text that never ends.
        case unclosedQuote = "unclosed_quote"
        /// A `[` or `{` that is never closed.
        case unclosedBracket = "unclosed_bracket"
        /// Indentation, or a colon or dash where it cannot be.
        case indentation
        /// `*name` with no `&name` before it.
        case undefinedAlias = "undefined_alias"
        case other

        /// The kind of libyaml's `problem` (and its `context`).
        init(problem: String, context: String?) {
            let p = problem.lowercased(), c = (context ?? "").lowercased()
            if p.contains("tab") { self = .tab }
            else if p.contains("undefined alias") { self = .undefinedAlias }
            else if c.contains("quoted scalar") { self = .unclosedQuote }
            else if c.contains("flow") || p.contains("',' or ']'") || p.contains("',' or '}'") { self = .unclosedBracket }
            else if p.contains("cannot start any token") { self = .tab }
            else if p.contains("expected key") || p.contains("not allowed in this context") || p.contains("expected ':'")
                        || p.contains("expected '-'") || p.contains("expected node content") || p.contains("indentation") {
                self = .indentation
            } else { self = .other }
        }
    }

    /// Why a line of the file cannot be used.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        // The file as a whole
        /// The bytes are not UTF-8 text.
        case notUTF8
        /// The file is far too large for a file of this kind (its size in MB).
        case tooLarge(megabytes: Int)
        /// YAML syntax: its kind, and libyaml's words (English, kept for the English message).
        case syntax(Syntax, detail: String)
        /// The text holds characters YAML cannot read (libyaml's words).
        case unreadableText(detail: String)

        // Shapes and values
        /// `subject` must be a mapping of `key: value` lines.
        case notMapping(Subject)
        /// A key that is a list or a mapping.
        case keyNotText
        /// `key` appears twice in `subject`.
        case repeatedKey(String, in: Subject)
        /// `key` must be a single value, not a list or mapping.
        case notSingleValue(key: String)
        /// `key` is given without a value.
        case needsValue(key: String)
        /// `key` must be a whole number in `range`; `given` as written.
        case outOfRange(key: String, range: ClosedRange<Int>, given: String)
        /// A key this file does not know, with the keys it does.
        case unknownKey(String, known: [String])
        /// A value of `key` (kind, period, pair_role, category, festival) that is not one of `known`.
        case unknownValue(key: String, value: String, known: [String])
        /// `key` must be a list of entries (lines starting with `- `).
        case notList(key: String)

        // The obligation rules
        /// Nothing in the file.
        case rulesFileEmpty
        /// No `rules:` key.
        case noRules
        /// `rules:` is an empty list.
        case ruleListEmpty
        /// A rule without an id.
        case missingID
        /// An id with characters other than letters, digits, `-` and `_`.
        case badID(String)
        /// Two rules with one id; the first one's line.
        case duplicateID(String, firstLine: Int)
        /// The rule (its id) has no name.
        case missingName(ruleID: String)
        /// The rule (its id) has no kind; the kinds there are.
        case missingKind(ruleID: String, known: [String])
        /// `pair_role` is an empty list.
        case noPairRole

        // The semester plan
        /// Nothing in the file.
        case templateEmpty
        /// A top-level key other than the sections and `name`.
        case unknownSection(String)
        /// No entry in any section.
        case noEntries
        /// An entry without a title.
        case missingTitle
        /// The entry (its title) has no category.
        case missingCategory(title: String)
        /// A key holding `@` (it separates a key from its month).
        case keyWithAt
        /// Two entries with one key; the first one's line.
        case duplicateKey(String, firstLine: Int)
        /// No date rule (month/week/weekday, date, festival or monthly).
        case missingDateRule
        /// More than one date rule (those given).
        case severalDateRules([String])
        /// `key` may be given only with `partner` (`used` is the date rule given instead, if any).
        case goesWith(key: String, partner: String, used: String?)
        /// `month` without `week` and `weekday`.
        case monthNeedsWeekAndWeekday
        /// `week: 0`.
        case weekZero
        /// `date` is not a month and day like `10-01`.
        case badMonthDay(String)
        /// `monthly` needs `nth` and `weekday`, or `day`.
        case monthlyNeedsDayOrWeekday
        /// A monthly rule that cannot be used.
        case recurrence(Recurrence.Problem)
        /// A time that is not `09:30` or `09:30-11:00` (or ends before it starts).
        case badTime(String, endBeforeStart: Bool)

        public var description: String {
            switch self {
            case .notUTF8: return "the file is not UTF-8 text"
            case .tooLarge(let mb): return "the file is \(mb) MB, far too large for a YAML file of this kind (at most 1 MB)"
            case let .syntax(_, detail): return "YAML syntax: \(detail)"
            case .unreadableText(let detail): return "cannot read the text: \(detail)"
            case .notMapping(let what): return "\(what) must be a mapping of `key: value` lines"
            case .keyNotText: return "a key must be plain text"
            case let .repeatedKey(key, what): return "'\(key)' is given twice in \(what)"
            case .notSingleValue(let key): return "\(key) must be a single value, not a list or mapping"
            case .needsValue(let key): return "\(key) needs a value"
            case let .outOfRange(key, range, given):
                return "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(given)'"
            case let .unknownKey(key, known): return "unknown key '\(key)' (known: \(known.joined(separator: ", ")))"
            case let .unknownValue(key, value, known): return "unknown \(key) '\(value)'; use one of \(known.joined(separator: ", "))"
            case .notList(let key): return "\(key) must be a list of entries (lines starting with '- ')"
            case .rulesFileEmpty: return "the rules file is empty; it needs min_days and a list of rules"
            case .noRules: return "the file has no rules: list them under 'rules:'"
            case .ruleListEmpty: return "the list of rules is empty"
            case .missingID: return "the rule needs an id (a short name such as visit)"
            case .badID(let id): return "the id '\(id)' may hold only letters, digits, - and _"
            case let .duplicateID(id, line): return "the id '\(id)' is already used by the rule at line \(line)"
            case .missingName(let id): return "the rule '\(id)' needs a name"
            case let .missingKind(id, known): return "the rule '\(id)' needs a kind (\(known.joined(separator: ", ")))"
            case .noPairRole: return "pair_role needs at least one role"
            case .templateEmpty: return "the template is empty; it needs at least one of the sections autumn, spring, every_term"
            case .unknownSection(let key): return "unknown section '\(key)'; use autumn, spring or every_term (and name)"
            case .noEntries: return "the template has no entries"
            case .missingTitle: return "the entry needs a title"
            case .missingCategory(let title): return "the entry '\(title)' needs a category"
            case .keyWithAt: return "a key may not contain '@'"
            case let .duplicateKey(key, line):
                return "the key '\(key)' is already used by the entry at line \(line) (give each entry its own key)"
            case .missingDateRule: return "the entry needs a date rule: month/week/weekday, date, festival or monthly"
            case .severalDateRules(let given): return "the entry has more than one date rule (\(given.joined(separator: ", "))); keep one"
            case let .goesWith(key, partner, used):
                return "\(key) goes with \(partner)" + (used.map { " (\($0) is used here)" } ?? "")
            case .monthNeedsWeekAndWeekday: return "month needs week and weekday (week: 2, weekday: 6 is the second Saturday)"
            case .weekZero: return "week must be 1–5, or -1 for the last"
            case .badMonthDay(let text): return "date '\(text)' is not a month and day like \"10-01\""
            case .monthlyNeedsDayOrWeekday: return "monthly needs nth and weekday ({nth: 1, weekday: 6}), or day ({day: 15})"
            case .recurrence(let p): return p.description
            case let .badTime(text, endBeforeStart):
                let why = endBeforeStart ? "the activity cannot end before it starts" : "'\(text)' is not a time like 09:30"
                return "time '\(text)': \(why); write \"09:30\" or \"09:30-11:00\""
            }
        }
    }
}

/// A template file that cannot be used: every problem found, in file order.
public struct TemplateReadError: Error, Equatable, CustomStringConvertible {
    public var problems: [TemplateProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }

    public init(problems: [TemplateProblem]) { self.problems = problems }

    /// Problems found at the very end of `yaml` (a node that never came) name its last line.
    init(problems: [TemplateProblem], within yaml: String) {
        let lastLine = max(1, yaml.split(separator: "\n", omittingEmptySubsequences: false).count)
        self.problems = problems.map { p in
            p.line <= lastLine ? p : TemplateProblem(line: lastLine, column: 1, reason: p.reason)
        }
    }

    /// A problem of the whole file (line 1, column 1).
    static func file(_ reason: TemplateProblem.Reason) -> TemplateReadError {
        TemplateReadError(problems: [TemplateProblem(line: 1, column: 1, reason: reason)])
    }

    /// The bytes of a YAML file of ours (a few kilobytes): anything over 1 MiB is refused from its
    /// size, before it is read (a wrong file chosen, or a log of gigabytes).
    static func smallFile(_ url: URL) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= 1 << 20 else { throw file(.tooLarge(megabytes: size >> 20)) }
        return try Data(contentsOf: url)
    }

    /// The problem of a YAML syntax error in `yaml`. An error at the end of the text (a key never
    /// finished) names the last line, not one past it.
    static func syntaxProblem(_ error: YamlError, in yaml: String) -> TemplateProblem {
        let lastLine = max(1, yaml.split(separator: "\n", omittingEmptySubsequences: false).count)
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { " (\($0.text) at line \(min($0.mark.line, lastLine)))" } ?? ""
            return TemplateProblem(line: min(mark.line, lastLine), column: mark.line > lastLine ? 1 : mark.column,
                                   reason: .syntax(TemplateProblem.Syntax(problem: problem, context: context?.text),
                                                   detail: "\(problem)\(ctx)"))
        case let .reader(problem, _, _, _):
            return TemplateProblem(line: 1, column: 1, reason: .unreadableText(detail: problem))
        default:
            return TemplateProblem(line: 1, column: 1, reason: .syntax(.other, detail: "\(error)"))
        }
    }
}

/// The obligation rules stored in a database (by `shouhu rules set`) no longer read: only rules of a
/// newer program can fail here, since they were checked before they were stored.
public struct StoredRulesUnreadable: Error, Equatable {
    /// The first problem found.
    public var problem: TemplateProblem?

    public init(problem: TemplateProblem?) { self.problem = problem }
}

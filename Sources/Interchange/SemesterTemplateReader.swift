import Domain
import Foundation
import Scheduling
import Storage
import Yams

/// Reads a semester plan template (YAML, format in `Resources/templates/semester-plan.yaml`) into a
/// `SemesterTemplate`, or throws `TemplateReadError` naming the line of each problem (YAML syntax
/// errors as Yams reports them, unknown keys, bad dates, rules, categories, times, repeated keys).
public enum SemesterTemplateReader {
    public static func read(contentsOf url: URL) throws -> SemesterTemplate {
        let data = try TemplateReadError.smallFile(url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateReadError.file(.notUTF8)
        }
        return try read(yaml: text)
    }

    public static func read(yaml: String) throws -> SemesterTemplate {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw TemplateReadError(problems: [TemplateReadError.syntaxProblem(error, in: yaml)])
        }
        var reader = Reader()
        let template = reader.template(root)
        if !reader.problems.isEmpty {
            let sorted = reader.problems.enumerated().sorted { ($0.1.line, $0.1.column, $0.0) < ($1.1.line, $1.1.column, $1.0) }
            throw TemplateReadError(problems: sorted.map(\.1), within: yaml)
        }
        return template
    }
}

private struct Reader: YAMLChecking {
    var problems: [TemplateProblem] = []
    /// Entry keys seen per term, for the repeated-key check.
    var seen: [Semester.Term: [String: Int]] = [:]

    static let sections: [(String, Set<Semester.Term>)] = [("autumn", [.autumn]), ("spring", [.spring]), ("every_term", [.autumn, .spring])]
    static let entryKeys: Set<String> = ["key", "title", "category", "month", "week", "weekday", "date", "festival", "offset",
                                         "monthly", "time", "place", "organiser", "notes"]

    mutating func template(_ root: Node?) -> SemesterTemplate {
        guard let root, root.null == nil else {
            fail(nil, .templateEmpty)
            return SemesterTemplate(name: "", entries: [])
        }
        guard let map = mapping(root, .template) else { return SemesterTemplate(name: "", entries: []) }
        var name = ""
        var entries: [SemesterTemplate.Entry] = []
        for (key, value) in map {
            switch key {
            case "name": name = string(value, "name") ?? ""
            case "version": break
            default:
                guard let terms = Self.sections.first(where: { $0.0 == key })?.1 else {
                    fail(value, .unknownSection(key))
                    continue
                }
                if value.null != nil { continue }
                guard case let .sequence(items) = value else { fail(value, .notList(key: key)); continue }
                for item in items { if let e = entry(item, terms: terms) { entries.append(e) } }
            }
        }
        if problems.isEmpty && entries.isEmpty { fail(root, .noEntries) }
        return SemesterTemplate(name: name, entries: entries)
    }

    mutating func entry(_ node: Node, terms: Set<Semester.Term>) -> SemesterTemplate.Entry? {
        guard let map = mapping(node, .entry) else { return nil }
        let before = problems.count
        var fields: [String: Node] = [:]
        for (key, value) in map {
            if Self.entryKeys.contains(key) { fields[key] = value } else {
                fail(value, .unknownKey(key, known: Self.entryKeys.sorted()))
            }
        }
        let title = fields["title"].flatMap { string($0, "title") }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if title.isEmpty { fail(fields["title"] ?? node, .missingTitle) }
        var category: ActivityCategory?
        if let c = fields["category"], let text = string(c, "category") {
            category = ActivityCategoryNames.parse(text)
            if category == nil {
                fail(c, .unknownValue(key: "category", value: text, known: ActivityCategory.allCases.map(\.rawValue)))
            }
        } else if fields["category"] == nil { fail(node, .missingCategory(title: title)) }
        let rule = dateRule(fields, node)
        var (start, end): (String?, String?) = (nil, nil)
        if let t = fields["time"] { (start, end) = time(t) }
        let key = (fields["key"].flatMap { string($0, "key") } ?? title).trimmingCharacters(in: .whitespaces)
        if key.contains("@") { fail(fields["key"] ?? node, .keyWithAt) }
        for term in terms {
            if let line = seen[term]?[key] {
                fail(fields["key"] ?? fields["title"] ?? node, .duplicateKey(key, firstLine: line))
                break
            }
        }
        for term in terms { seen[term, default: [:]][key] = node.mark?.line ?? 0 }
        guard problems.count == before, let category, let rule else { return nil }
        return SemesterTemplate.Entry(
            key: key, title: title, category: category, terms: terms, rule: rule, startTime: start, endTime: end,
            place: fields["place"].flatMap { string($0, "place") } ?? "",
            organiser: fields["organiser"].flatMap { string($0, "organiser") } ?? "",
            notes: fields["notes"].flatMap { string($0, "notes") }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
            line: node.mark?.line ?? 0)
    }

    mutating func dateRule(_ f: [String: Node], _ node: Node) -> SemesterTemplate.DateRule? {
        let given = ["month", "date", "festival", "monthly"].filter { f[$0] != nil }
        guard given.count == 1 else {
            fail(node, given.isEmpty ? .missingDateRule : .severalDateRules(given))
            return nil
        }
        for extra in ["week", "weekday"] where f[extra] != nil && given[0] != "month" {
            fail(f[extra], .goesWith(key: extra, partner: "month", used: given[0]))
        }
        if let o = f["offset"], given[0] != "festival" { fail(o, .goesWith(key: "offset", partner: "festival", used: nil)) }
        switch given[0] {
        case "month":
            guard let month = int(f["month"]!, "month", 1...12) else { return nil }
            guard let wNode = f["week"], let dNode = f["weekday"] else {
                fail(node, .monthNeedsWeekAndWeekday)
                return nil
            }
            guard let week = int(wNode, "week", -1...5), let weekday = int(dNode, "weekday", 1...7) else { return nil }
            if week == 0 { fail(wNode, .weekZero); return nil }
            return .monthWeek(month: month, week: week, weekday: weekday)
        case "date":
            let n = f["date"]!
            guard let text = string(n, "date") else { return nil }
            let parts = text.split(separator: "-").map { Int($0) }
            guard parts.count == 2, let m = parts[0], let d = parts[1], (1...12).contains(m),
                  (1...LocalDate.daysIn(month: m, year: 2000)).contains(d) else {
                fail(n, .badMonthDay(text))
                return nil
            }
            return .fixed(month: m, day: d)
        case "festival":
            let n = f["festival"]!
            guard let text = string(n, "festival") else { return nil }
            let t = text.trimmingCharacters(in: .whitespaces)
            guard let festival = Festival(rawValue: t) ?? Festival.allCases.first(where: { $0.chineseName == t || $0.shortName == t }) else {
                fail(n, .unknownValue(key: "festival", value: text, known: Festival.allCases.map(\.rawValue)))
                return nil
            }
            let offset = f["offset"].map { int($0, "offset", -60...60) } ?? 0
            return offset.map { .festival(festival, offset: $0) }
        default:
            let n = f["monthly"]!
            guard let map = mapping(n, .key("monthly")) else { return nil }
            var values: [String: Int] = [:]
            for (key, value) in map {
                switch key {
                case "nth": if let v = int(value, "nth", -1...5) { values[key] = v }
                case "weekday": if let v = int(value, "weekday", 1...7) { values[key] = v }
                case "day": if let v = int(value, "day", 1...31) { values[key] = v }
                default: fail(value, .unknownKey(key, known: ["day", "nth", "weekday"]))
                }
            }
            let rule: Recurrence
            switch (values["nth"], values["weekday"], values["day"]) {
            case let (nth?, weekday?, nil): rule = .monthlyNthWeekday(n: nth, weekday: weekday)
            case let (nil, nil, day?): rule = .monthlyOnDay(day)
            default:
                fail(n, .monthlyNeedsDayOrWeekday)
                return nil
            }
            if let problem = rule.problem { fail(n, .recurrence(problem)); return nil }
            return .monthly(rule)
        }
    }

    /// `09:30` or `09:30-11:00` (also with `–`, `~`, `至`).
    mutating func time(_ node: Node) -> (String?, String?) {
        guard let text = string(node, "time") else { return (nil, nil) }
        let parts = text.split(whereSeparator: { "-–~～至".contains($0) }).map(String.init)
        do {
            guard (1...2).contains(parts.count), let start = try Activity.normalisedTime(parts[0]) else {
                throw ActivityError.badTime(text)
            }
            let end = parts.count == 2 ? try Activity.normalisedTime(parts[1]) : nil
            if let end, end < start { throw ActivityError.endBeforeStart }
            return (start, end)
        } catch {
            fail(node, .badTime(text, endBeforeStart: error as? ActivityError == .endBeforeStart))
            return (nil, nil)
        }
    }
}

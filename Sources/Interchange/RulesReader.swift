import Domain
import Foundation
import Scheduling
import Yams

/// Reads an obligation rules file (YAML, format in `Resources/rules/five-ones.yaml`) into
/// `ObligationRules`, or throws `TemplateReadError` naming the line of every problem: YAML syntax,
/// unknown or repeated keys, unknown kinds, roles and periods, numbers out of range, repeated ids.
public enum RulesReader {
    public static func read(contentsOf url: URL) throws -> ObligationRules {
        let data = try TemplateReadError.smallFile(url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateReadError.file(.notUTF8)
        }
        return try read(yaml: text)
    }

    public static func read(yaml: String) throws -> ObligationRules {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw TemplateReadError(problems: [TemplateReadError.syntaxProblem(error, in: yaml)])
        }
        var reader = RulesFileReader()
        let rules = reader.rules(root)
        if !reader.problems.isEmpty {
            let sorted = reader.problems.enumerated().sorted { ($0.1.line, $0.1.column, $0.0) < ($1.1.line, $1.1.column, $1.0) }
            throw TemplateReadError(problems: sorted.map(\.1), within: yaml)
        }
        return rules
    }
}

private struct RulesFileReader: YAMLChecking {
    var problems: [TemplateProblem] = []
    /// The id of the rule read last (even one with problems), for the repeated-id check.
    var lastID = ""
    static let ruleKeys: Set<String> = ["id", "name", "name_en", "kind", "pair_role", "period", "count", "within_days", "min_days"]

    mutating func rules(_ root: Node?) -> ObligationRules {
        var result = ObligationRules(minDays: 30, rules: [])
        guard let root, root.null == nil else {
            fail(nil, .rulesFileEmpty)
            return result
        }
        guard let map = mapping(root, .rulesFile) else { return result }
        var rulesNode: Node?
        for (key, value) in map {
            switch key {
            case "min_days": if let v = int(value, "min_days", 1...366) { result.minDays = v }
            case "version": break
            case "rules": rulesNode = value
            default: fail(value, .unknownKey(key, known: ["min_days", "rules"]))
            }
        }
        guard let rulesNode else { fail(root, .noRules); return result }
        guard case let .sequence(items) = rulesNode else {
            fail(rulesNode, .notList(key: "rules"))
            return result
        }
        var seen: [String: Int] = [:]
        for item in items {
            lastID = ""
            let rule = rule(item)
            if !lastID.isEmpty {
                if let line = seen[lastID] {
                    fail(item, .duplicateID(lastID, firstLine: line))
                    continue
                }
                seen[lastID] = item.mark?.line ?? 0
            }
            if let rule { result.rules.append(rule) }
        }
        if problems.isEmpty && result.rules.isEmpty { fail(rulesNode, .ruleListEmpty) }
        return result
    }

    mutating func rule(_ node: Node) -> ObligationRule? {
        guard let map = mapping(node, .rule) else { return nil }
        let before = problems.count
        var f: [String: Node] = [:]
        for (key, value) in map {
            if Self.ruleKeys.contains(key) { f[key] = value } else {
                fail(value, .unknownKey(key, known: Self.ruleKeys.sorted()))
            }
        }
        let id = f["id"].flatMap { string($0, "id") }?.trimmingCharacters(in: .whitespaces) ?? ""
        lastID = id
        if id.isEmpty {
            fail(f["id"] ?? node, .missingID)
        } else if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            fail(f["id"], .badID(id))
        }
        let name = f["name"].flatMap { string($0, "name") }?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { fail(f["name"] ?? node, .missingName(ruleID: id)) }
        let nameEn = f["name_en"].flatMap { string($0, "name_en") }?.trimmingCharacters(in: .whitespaces)
        var kind: ContactKind?
        if let k = f["kind"] {
            if let text = string(k, "kind") {
                kind = ContactKind(sheet: text)
                if kind == nil {
                    fail(k, .unknownValue(key: "kind", value: text, known: ContactKind.allCases.map(\.rawValue)))
                }
            }
        } else {
            fail(node, .missingKind(ruleID: id, known: ContactKind.allCases.map(\.rawValue)))
        }
        var roles: Set<PairRole> = [.primary]
        if let r = f["pair_role"] { roles = pairRoles(r) }
        var period = PeriodUnit.semester
        if let p = f["period"], let text = string(p, "period") {
            if let unit = PeriodUnit(rawValue: text.trimmingCharacters(in: .whitespaces)) { period = unit } else {
                fail(p, .unknownValue(key: "period", value: text, known: PeriodUnit.allCases.map(\.rawValue)))
            }
        }
        let count = f["count"].map { int($0, "count", 1...100) } ?? 1
        let within = f["within_days"].map { int($0, "within_days", 1...366) }
        let minDays = f["min_days"].map { int($0, "min_days", 1...366) }
        guard problems.count == before, let kind, let count else { return nil }
        if case .some(nil) = within { return nil }
        if case .some(nil) = minDays { return nil }
        return ObligationRule(id: id, nameZh: name, nameEn: nameEn ?? name, kind: kind, pairRoles: roles, period: period,
                              count: count, withinDays: within ?? nil, minDays: minDays ?? nil)
    }

    mutating func pairRoles(_ node: Node) -> Set<PairRole> {
        var nodes: [Node] = [node]
        if case let .sequence(items) = node { nodes = Array(items) }
        var roles: Set<PairRole> = []
        for n in nodes {
            guard let text = string(n, "pair_role") else { continue }
            if let role = PairRole(rawValue: text.trimmingCharacters(in: .whitespaces)) { roles.insert(role) } else {
                fail(n, .unknownValue(key: "pair_role", value: text, known: PairRole.allCases.map(\.rawValue)))
            }
        }
        if roles.isEmpty && nodes.isEmpty { fail(node, .noPairRole) }
        return roles
    }
}

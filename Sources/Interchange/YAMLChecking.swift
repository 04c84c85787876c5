import Yams

/// Reading a YAML file into values while collecting every problem with its line and column
/// (shared by the semester template and the obligation rules readers).
protocol YAMLChecking {
    var problems: [TemplateProblem] { get set }
}

extension YAMLChecking {
    mutating func fail(_ node: Node?, _ reason: TemplateProblem.Reason) {
        problems.append(TemplateProblem(line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, reason: reason))
    }

    mutating func mapping(_ node: Node, _ what: TemplateProblem.Subject) -> [(String, Node)]? {
        guard case let .mapping(map) = node else { fail(node, .notMapping(what)); return nil }
        var out: [(String, Node)] = []
        var keys: Set<String> = []
        for (k, v) in map {
            guard case let .scalar(s) = k else { fail(k, .keyNotText); continue }
            if !keys.insert(s.string).inserted { fail(k, .repeatedKey(s.string, in: what)); continue }
            out.append((s.string, v))
        }
        return out
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard case let .scalar(s) = node else { fail(node, .notSingleValue(key: key)); return nil }
        return node.null != nil ? nil : s.string
    }

    mutating func int(_ node: Node, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, key) else { fail(node, .needsValue(key: key)); return nil }
        guard let v = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(v) else {
            fail(node, .outOfRange(key: key, range: range, given: text))
            return nil
        }
        return v
    }
}

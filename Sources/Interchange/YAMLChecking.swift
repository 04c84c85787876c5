import Yams

/// Reading a YAML file into values while collecting every problem with its line and column
/// (shared by the semester template and the obligation rules readers).
protocol YAMLChecking {
    var problems: [TemplateProblem] { get set }
}

extension YAMLChecking {
    mutating func fail(_ node: Node?, _ message: String) {
        problems.append(TemplateProblem(line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
    }

    mutating func mapping(_ node: Node, _ what: String) -> [(String, Node)]? {
        guard case let .mapping(map) = node else { fail(node, "\(what) must be a mapping of `key: value` lines"); return nil }
        var out: [(String, Node)] = []
        var keys: Set<String> = []
        for (k, v) in map {
            guard case let .scalar(s) = k else { fail(k, "a key must be plain text"); continue }
            if !keys.insert(s.string).inserted { fail(k, "'\(s.string)' is given twice in \(what)"); continue }
            out.append((s.string, v))
        }
        return out
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case let .scalar(s) = node else { fail(node, "\(what) must be a single value, not a list or mapping"); return nil }
        return node.null != nil ? nil : s.string
    }

    mutating func int(_ node: Node, _ what: String, _ range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, what) else { fail(node, "\(what) needs a value"); return nil }
        guard let v = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(v) else {
            fail(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            return nil
        }
        return v
    }
}

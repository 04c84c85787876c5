import Foundation

/// The command line's usage errors in the user's words. ArgumentParser words its own errors in
/// English, in a few fixed shapes (`Unknown option '--x'`, `Missing expected argument '<file>'`…):
/// each shape is matched here and worded from the catalog, the names and values the user typed kept
/// as they are. A message of no known shape is kept whole after a generic lead-in, so nothing is lost.
public enum UsageWords {
    /// ArgumentParser's full text of a usage error (`Error: …`, `Help:  …`, `Usage: …`,
    /// `  See '…' for more information.`) in the user's words: the first line worded by `line`, the
    /// help label and the hint from the catalog, the usage itself as ArgumentParser gives it.
    public static func text(message: String, fullText: String, _ strings: Strings) -> String {
        var rest = Substring(fullText)
        let lead = "Error: " + message
        if rest.hasPrefix(lead) { rest = rest.dropFirst(lead.count) }
        if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        var out = [strings.format(.usageError, line(message, strings))]
        guard !rest.isEmpty else { return out[0] }
        for l in rest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if l.hasPrefix("Help:  ") {
                out.append(strings.format(.usageHelp, l.dropFirst("Help:  ".count)))
            } else if let g = seeHelp.match(l) {
                out.append("  " + strings.format(.usageSeeHelp, g[0]))
            } else {
                out.append(l)
            }
        }
        return out.joined(separator: "\n")
    }

    /// `message` (ArgumentParser's, or one of ours already worded by `worded`) in the user's words.
    public static func line(_ message: String, _ strings: Strings) -> String {
        if isWorded(message) { return message }
        for shape in shapes {
            if let g = shape.match(message) { return shape.word(g, strings) }
        }
        return strings.format(.usageNotUnderstood, message)
    }

    /// A usage error of our own, worded from the catalog, and remembered so that `line` keeps it as it is.
    public static func worded(_ key: StringKey, _ strings: Strings, _ args: [CustomStringConvertible]) -> String {
        let text = strings.text(key.rawValue, args)
        lock.lock(); defer { lock.unlock() }
        ours.insert(text)
        return text
    }

    /// Items as a list in the user's words: `“csv”、“json”`, `'csv', 'json'`.
    public static func list(_ items: [String], _ strings: Strings) -> String {
        items.map { strings.format(.usageItem, $0) }.joined(separator: strings[.usageItemSeparator])
    }

    // MARK: The shapes of ArgumentParser 1.8's messages (ErrorMessageGenerator)

    struct Shape {
        let regex: NSRegularExpression
        let word: ([String], Strings) -> String

        init(_ pattern: String, _ word: @escaping ([String], Strings) -> String) {
            regex = try! NSRegularExpression(pattern: "^" + pattern + "$")
            self.word = word
        }

        /// The captured groups when `text` has this shape.
        func match(_ text: String) -> [String]? {
            guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return (1..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    static let seeHelp = Shape("  See '(.+)' for more information\\.") { g, _ in g[0] }

    static let shapes: [Shape] = [
        Shape("Unknown option '(.+)'\\. Did you mean '(.+)'\\?") { g, s in s.format(.usageUnknownOptionSuggest, g[0], g[1]) },
        Shape("Unknown option '(.+)'") { g, s in s.format(.usageUnknownOption, g[0]) },
        Shape("Missing value for '(.+)'") { g, s in s.format(.usageMissingValue, g[0]) },
        Shape("The option '(.+)' does not take any value, but '(.*)' was specified\\.") { g, s in s.format(.usageTakesNoValue, g[0], g[1]) },
        Shape("Unexpected argument '(.*)'") { g, s in s.format(.usageUnexpectedArgument, g[0]) },
        Shape("(\\d+) unexpected arguments: (.*)") { g, s in s.format(.usageUnexpectedArguments, g[0], list(quoted(g[1]), s)) },
        Shape("Missing expected argument '(.+)'") { g, s in s.format(.usageMissingArgument, g[0]) },
        Shape("Missing one of: (.*)") { g, s in s.format(.usageMissingOneOf, list(quoted(g[0]), s)) },
        // Six choices or more come one a line (`  - value`).
        Shape("The value '(.*)' is invalid for '(.+?)'\\. Please provide one of the following:\\n((?:  - .*\\n?)+)") { g, s in
            let items = g[2].split(separator: "\n").map { String($0.dropFirst("  - ".count)) }
            return s.format(.usageInvalidValueChoices, g[0], g[1], list(items, s))
        },
        Shape("The value '(.*)' is invalid for '(.+?)'\\. Please provide one of (.*)\\.") { g, s in
            s.format(.usageInvalidValueChoices, g[0], g[1], list(quoted(g[2]), s))
        },
        Shape("The value '(.*)' is invalid for '(.+)'") { g, s in s.format(.usageInvalidValue, g[0], g[1]) },
        Shape("The value '(.*)' is invalid\\.") { g, s in s.format(.usageInvalidValuePlain, g[0]) },
        Shape("Invalid option: (.+)") { g, s in s.format(.usageInvalidOption, g[0]) },
        Shape("Missing required subcommand\\.") { _, s in s[.usageMissingSubcommand] },
    ]

    /// The items of `'a', 'b' or 'c'` / `'a' and 'b'`.
    static func quoted(_ text: String) -> [String] {
        quotedItem.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static let quotedItem = try! NSRegularExpression(pattern: "'([^']*)'")

    private static let lock = NSLock()
    nonisolated(unsafe) private static var ours = Set<String>()

    static func isWorded(_ message: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return ours.contains(message)
    }
}

import Foundation
import TestSupport
import ShouhuResources
import Testing
@testable import Interchange

/// Seeded property tests of the rules-file reader (YAML): the shipped rules file with lines
/// dropped, repeated, swapped, re-indented or changed, and bytes mutated. The reader never crashes:
/// it returns rules that hold (ids unique, counts and days in range) or a `TemplateReadError` whose
/// every problem names a line of the file and says what is wrong.
@Suite("Fuzzing: rules files")
struct FuzzRulesTests {
    static let shipped: String = {
        guard let url = ShouhuResources.rulesURL, let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    static let tokens = ["id:", "name:", "name_en:", "kind:", "pair_role:", "period:", "count:", "within_days:", "min_days:",
                         "rules:", "version:", "- ", "  ", "\t", ":", "[", "]", "{", "}", ",", "&a", "*a", "!!int", "~", "null",
                         "visit", "letter", "week", "month", "primary", "class_teacher", "0", "-1", "1e9", "366", "367",
                         "99999999999999999999", "\"", "'", "#", "|", ">", "---", "...", "走访", "\u{FEFF}", "\r", "\n"]

    /// Reads `yaml`; checks the result or the problems. Returns false when refused.
    @discardableResult
    static func read(_ yaml: String) -> Bool {
        let lines = yaml.components(separatedBy: "\n").count
        do {
            let rules = try RulesReader.read(yaml: yaml)
            if rules.rules.isEmpty || Set(rules.rules.map(\.id)).count != rules.rules.count
                || !(1...366).contains(rules.minDays) || rules.rules.contains(where: { !(1...100).contains($0.count) }) {
                Issue.record("accepted rules that do not hold: \(rules) from\n\(yaml)")
            }
            return true
        } catch let error as TemplateReadError {
            if error.problems.isEmpty { Issue.record("refused without a problem:\n\(yaml)") }
            for p in error.problems where p.message.isEmpty || p.line < 1 || p.line > lines {
                Issue.record("problem \(p) does not name a line of the file (\(lines) lines):\n\(yaml)")
            }
            return false
        } catch {
            Issue.record("unexpected error \(error) for\n\(yaml)")
            return false
        }
    }

    @Test func shippedRulesReadAsTheyAre() throws {
        #expect(!Self.shipped.isEmpty)
        #expect(Self.read(Self.shipped))
    }

    @Test func mutatedRulesFilesNeverCrashTheReader() {
        var f = Fuzz("rules-yaml")
        var tally = FuzzTally(label: "rules files (YAML)")
        // The rules part without the long comment, so mutations land on the YAML that matters.
        let body = Self.shipped.components(separatedBy: "\n").filter { !$0.hasPrefix("#") }
        for _ in 0..<Fuzz.cases(15_000) {
            var lines = body
            let yaml: String
            if f.chance(0.25) {
                yaml = String(decoding: f.mutate(Array(lines.joined(separator: "\n").utf8),
                                                 dictionary: Self.tokens.map { Array($0.utf8) }), as: UTF8.self)
            } else {
                for _ in 0..<f.int(1..<4) {
                    guard !lines.isEmpty else { break }
                    let i = f.int(0..<lines.count)
                    switch f.int(0..<6) {
                    case 0: lines.remove(at: i)
                    case 1: lines.insert(lines[i], at: f.int(0..<lines.count))
                    case 2: lines.swapAt(i, f.int(0..<lines.count))
                    case 3: lines[i] = String(repeating: " ", count: f.int(0..<6)) + lines[i].trimmingCharacters(in: .whitespaces)
                    case 4:
                        // A value replaced: everything after the first colon.
                        if let colon = lines[i].firstIndex(of: ":") {
                            lines[i] = String(lines[i][...colon]) + " " + f.pick(Self.tokens)
                        }
                    default:
                        var chars = Array(lines[i])
                        chars.insert(contentsOf: f.pick(Self.tokens), at: f.int(0..<(chars.count + 1)))
                        lines[i] = String(chars)
                    }
                }
                yaml = lines.joined(separator: "\n")
            }
            tally.cases += 1
            if !Self.read(yaml) { tally.rejected += 1 }
        }
        tally.report()
    }

    @Test func pathologicalDocuments() {
        // Deep nesting, long scalars, many keys, anchors and aliases: refused or read, never a crash.
        let docs = [
            String(repeating: "[", count: 5_000),
            String(repeating: "- ", count: 2_000) + "x",
            "min_days: " + String(repeating: "9", count: 10_000),
            "rules:\n" + String(repeating: "  - {id: a, name: a, kind: visit}\n", count: 2_000),
            "a: &a [*a]\nrules: *a",
            "rules: &r\n  - {id: x, name: x, kind: visit}\nmin_days: 30\nextra: *r",
            "\u{0}\u{1}\u{2}",
            "",
        ]
        for doc in docs { Self.read(doc) }
    }
}

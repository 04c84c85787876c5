import Foundation
import GRDB
import Storage

/// The writes `shouhu _robust write-stream` acknowledged, over every run on one database, and the
/// check that the database still holds each of them, whole.
struct CrashLedger {
    /// `r<run>-<n>`, ordered as written (runs one after another, writes in order within a run).
    struct Token: Comparable, Hashable, CustomStringConvertible {
        var run: Int, n: Int
        init?(_ text: Substring) {
            let parts = text.dropFirst().split(separator: "-")
            guard text.first == "r", parts.count == 2, let r = Int(parts[0]), let n = Int(parts[1]) else { return nil }
            run = r; self.n = n
        }
        static func < (a: Token, b: Token) -> Bool { (a.run, a.n) < (b.run, b.n) }
        var description: String { "r\(run)-\(n)" }
    }

    var children: [Int64: Token] = [:]
    /// The last acknowledged change per child: its version and token.
    var updates: [Int64: (version: Int, token: Token)] = [:]
    var contacts: [Int64: Token] = [:]
    var drafts: [String: Token] = [:]
    var imports: [Token: Int] = [:]
    private(set) var acknowledged = 0
    /// Writers ran side by side: their tokens are not in time order, so a draft is only checked to exist.
    var concurrent = false
    /// Changes refused because another writer saved the child first (side-by-side runs only).
    private(set) var conflicts = 0

    init(concurrent: Bool = false) { self.concurrent = concurrent }

    /// Reads the acknowledgement lines of one run. A line cut by the kill (no newline) is ignored:
    /// its write committed, but it was not acknowledged.
    mutating func add(output: String) throws {
        var lines = output.components(separatedBy: "\n")
        lines.removeLast() // after the last newline: empty, or a line cut short
        conflicts += lines.filter { $0.hasPrefix("CONFLICT ") }.count
        for line in lines where line.hasPrefix("ACK ") {
            let f = line.split(separator: " ")
            func token(_ i: Int) throws -> Token {
                guard f.count > i, let t = Token(f[i]) else { throw ProcessRunner.Failure(description: "bad line \(line)") }
                return t
            }
            switch f[1] {
            case "child": children[Int64(f[2])!] = try token(3)
            case "update":
                let id = Int64(f[2])!, version = Int(f[3])!
                if version > updates[id]?.version ?? 0 { updates[id] = (version, try token(4)) }
            case "contact": contacts[Int64(f[2])!] = try token(3)
            case "draft": drafts[String(f[2])] = try token(3)
            case "import": imports[try token(2)] = Int(f[3])!
            default: throw ProcessRunner.Failure(description: "unknown acknowledgement \(line)")
            }
            acknowledged += 1
        }
    }

    /// Every problem found in the database at `path` (empty when every acknowledged write is there,
    /// whole, and no write is there in part).
    func problems(in path: String) throws -> [String] {
        var out: [String] = []
        // First as the program opens it (recovering the write-ahead log of the killed process).
        let app = try AppDatabase.open(path: path)
        let integrity = try app.integrityCheck()
        if integrity != "ok" { out.append("integrity_check: \(integrity)") }
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !fk.isEmpty { out.append("foreign_key_check: \(fk.count) rows") }
            // Form-saved children: the record, its creation and one history line per change, together.
            var formChildren: [Int64: (notes: String, version: Int, changes: Int, created: Bool)] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT c.id, c.notes, c.version,
                       (SELECT count(*) FROM child_history h WHERE h.child_id = c.id AND h.field = 'notes') AS changes,
                       EXISTS (SELECT 1 FROM child_history h WHERE h.child_id = c.id AND h.field = 'created') AS created
                FROM child c WHERE c.name = '压测儿童'
                """) {
                formChildren[r["id"]] = (r["notes"], r["version"], r["changes"], r["created"])
            }
            for (id, c) in formChildren {
                if c.changes != c.version - 1 { out.append("child \(id): version \(c.version) but \(c.changes) changes in its history") }
                if !c.created { out.append("child \(id): no creation line in its history") }
                let prefix = c.version == 1 ? "new:" : "upd:"
                if !c.notes.hasPrefix(prefix) { out.append("child \(id): version \(c.version) with notes \(c.notes)") }
            }
            for (id, token) in children where formChildren[id] == nil {
                out.append("acknowledged child \(id) (\(token)) is missing")
            }
            for (id, u) in updates {
                guard let c = formChildren[id] else { out.append("updated child \(id) is missing"); continue }
                if c.version < u.version {
                    out.append("child \(id): version \(c.version), but version \(u.version) (\(u.token)) was acknowledged")
                } else if c.version == u.version, c.notes != "upd:\(u.token)" {
                    out.append("child \(id): version \(u.version) holds \(c.notes), not upd:\(u.token)")
                }
            }
            let summaries = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, summary FROM contact").map {
                ($0["id"] as Int64, $0["summary"] as String)
            })
            for (id, token) in contacts where summaries[id] != token.description {
                out.append("acknowledged contact \(id) (\(token)) is \(summaries[id].map { "“\($0)”" } ?? "missing")")
            }
            for (key, token) in drafts {
                let payload = try String.fetchOne(db, sql: "SELECT payload FROM draft WHERE key = ?", arguments: [key])
                guard let saved = payload.flatMap({ Token(Substring($0)) }) else { out.append("draft \(key) is missing"); continue }
                if saved < token, !concurrent { out.append("draft \(key) holds \(saved), older than the acknowledged \(token)") }
            }
            // Imports: all rows of a file or none, whether or not the import was acknowledged.
            var batches: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT notes, count(*) AS n FROM child WHERE notes LIKE 'imp:%' GROUP BY notes") {
                batches[r["notes"]] = r["n"]
            }
            for (notes, n) in batches {
                let expected = notes.split(separator: "/").last.flatMap { Int($0) } ?? -1
                if n != expected { out.append("import \(notes): \(n) of \(expected) rows (half an import)") }
            }
            for (token, rows) in imports where batches["imp:\(token)/\(rows)"] == nil {
                out.append("acknowledged import \(token) (\(rows) rows) is missing")
            }
        }
        return out
    }
}

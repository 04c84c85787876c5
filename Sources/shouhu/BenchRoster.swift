import App
import Domain
import Foundation
import Storage
import TerminalUI

/// The roster as a person feels it, in-process through the real update and render path at 120×40:
/// the first frame, the first `/` (it loads the search keys), scrolling, and search-as-you-type in
/// Chinese, full pinyin and initials (key → update → search → row query → render).
enum RosterBench {
    static let size = Size(width: 120, height: 40)

    static func figures(_ env: BenchEnv) throws -> [BenchFigure] {
        var out: [BenchFigure] = []
        for n in env.sizes {
            let q = try queries(env, n)
            let like = try env.baseline?.likeSearch(database: env.databases[n] ?? "", queries: q.han, children: n)
            var frames: [Double] = [], opens: [Double] = []
            var program: Program?
            for _ in 0..<env.runs {
                let (p, frame, open) = try coldStart(env, n)
                frames.append(frame); opens.append(open)
                program = p
            }
            guard let program else { continue }
            let half = env.keystrokes / 2
            let scroll = measure(program, keys: Array(repeating: .down, count: half) + Array(repeating: .pageDown, count: half))
            if let like { out.append(BenchFigure("sqlite3 `LIKE '%…%'` over names, \(n) (baseline)", samples: [like], target: "—")) }
            out += [
                BenchFigure("first frame, \(n) children", samples: frames, target: "≤ 150 ms", baseline: like),
                BenchFigure("first `/` (loads search keys), \(n)", samples: opens, target: "stated", baseline: like),
                BenchFigure("scroll keystroke, \(n)", samples: scroll, target: "p99 ≤ 16 ms", baseline: like, p99: true),
                BenchFigure("search keystroke 中文, \(n)", samples: measure(program, keys: searchKeys(q.han, env)),
                            target: "p99 ≤ 16 ms", baseline: like, p99: true),
                BenchFigure("search keystroke pinyin, \(n)", samples: measure(program, keys: searchKeys(q.pinyin, env)),
                            target: "p99 ≤ 16 ms", baseline: like, p99: true),
                BenchFigure("search keystroke initials, \(n)", samples: measure(program, keys: searchKeys(q.initials, env)),
                            target: "p99 ≤ 16 ms", baseline: like, p99: true),
            ]
        }
        return out
    }

    /// Opens the file, loads what the first screen needs and renders it; then the first `/`.
    static func coldStart(_ env: BenchEnv, _ n: Int) throws -> (Program, frame: Double, openSearch: Double) {
        let t = Clock.now()
        let db = try AppDatabase.open(path: env.databases[n] ?? "")
        let program = Program(state: AppState(size: size, today: env.today, strings: env.strings),
                              runtime: Runtime(database: db, strings: env.strings, today: env.today), backend: TestBackend(size: size))
        program.start()
        _ = View.render(program.state)
        let frame = Clock.since(t)
        let open = Clock.time {
            program.dispatch(.key(.char("/")))
            _ = View.render(program.state)
        }
        program.dispatch(.key(.escape))
        return (program, frame, open)
    }

    /// What is typed: the first two characters of 50 names spread over the roster, their full
    /// pinyin, their initials.
    static func queries(_ env: BenchEnv, _ n: Int) throws -> (han: [String], pinyin: [String], initials: [String]) {
        let db = try AppDatabase.open(path: env.databases[n] ?? "")
        let all = try db.rosterIDs()
        let picked = stride(from: 0, to: all.count, by: max(1, all.count / 50)).prefix(50).map { all[$0] }
        let names = try db.rosterRows(ids: picked).map(\.name)
        return (names.map { String($0.prefix(2)) }, names.map { PinyinKeys(name: $0).full }, names.map { PinyinKeys(name: $0).initials })
    }

    /// `/`, the query typed one character at a time, Esc — for each query, until `keystrokes` characters.
    static func searchKeys(_ queries: [String], _ env: BenchEnv) -> [Key] {
        var keys: [Key] = []
        var typed = 0
        for q in queries where typed < env.keystrokes {
            keys.append(.char("/"))
            for c in q { keys.append(.char(c)); typed += 1 }
            keys.append(.escape)
        }
        return keys
    }

    /// Latencies of key → update → commands → render, for typed characters and movement keys only.
    static func measure(_ program: Program, keys: [Key]) -> [Double] {
        var out: [Double] = []
        for key in keys {
            let t = Clock.now()
            program.dispatch(.key(key))
            _ = View.render(program.state)
            let elapsed = Clock.since(t)
            switch key {
            case .char(let c) where c != "/": out.append(elapsed)
            case .down, .pageDown: out.append(elapsed)
            default: break
            }
        }
        return out
    }
}

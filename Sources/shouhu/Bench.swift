import App
import ArgumentParser
import Domain
import Foundation
import Storage
import TerminalUI

/// `shouhu bench`: generates demo databases of several sizes and measures, in-process through the
/// real update and render path, what a person feels: the first frame, a scroll keystroke and a
/// search keystroke. Prints a table; nothing here is asserted (benchmarks report, tests test).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure start-up, scrolling and search-as-you-type at several roster sizes (use a release build).")

    @Option(name: .long, parsing: .upToNextOption, help: "Roster sizes to measure.")
    var children: [Int] = [1_000, 10_000, 100_000]

    @Option(name: .long, help: "Keystrokes measured per figure.")
    var keystrokes = 200

    @Option(name: .long, help: "Directory for the generated databases (default: a temporary one, removed afterwards).")
    var dir: String?

    mutating func run() throws {
        let today = LocalDate(year: 2026, month: 11, day: 23)!
        let strings = try Strings.load(.zhHans)
        let base = dir ?? NSTemporaryDirectory() + "shouhu-bench-\(ProcessInfo.processInfo.processIdentifier)"
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: base) } }
        print("| children | demo data | first frame | open search | scroll p50 / p99 | search 中文 p50 / p99 | pinyin p50 / p99 | initials p50 / p99 |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in children {
            let path = base + "/bench-\(n).sqlite"
            try? FileManager.default.removeItem(atPath: path)
            let t0 = Clock.now()
            try AppDatabase.open(path: path).fillDemo(DemoOptions(children: n, seed: 7, referenceDate: today))
            let generate = Clock.since(t0)

            // Cold start: open the file, load what the first screen needs, render it.
            let t1 = Clock.now()
            let db = try AppDatabase.open(path: path)
            let size = Size(width: 120, height: 40)
            let program = Program(state: AppState(size: size, today: today, strings: strings),
                                  runtime: Runtime(database: db, strings: strings, today: today), backend: TestBackend(size: size))
            program.start()
            _ = View.render(program.state)
            let firstFrame = Clock.since(t1)

            let scroll = measure(program, keys: Array(repeating: .down, count: keystrokes))
            // The first `/` loads the in-memory search keys; measured apart from typing.
            let t2 = Clock.now()
            program.dispatch(.key(.char("/")))
            _ = View.render(program.state)
            let openSearch = Clock.since(t2)
            program.dispatch(.key(.escape))
            let names = try db.rosterRows(ids: Array(try db.rosterIDs().prefix(50)))
            let han = searchKeys(names.map { String($0.name.prefix(2)) })
            let pinyin = searchKeys(names.map { PinyinKeys(name: $0.name).full })
            let initials = searchKeys(names.map { PinyinKeys(name: $0.name).initials })
            let s1 = measure(program, keys: han), s2 = measure(program, keys: pinyin), s3 = measure(program, keys: initials)
            print("| \(n) | \(ms(generate)) | \(ms(firstFrame)) | \(ms(openSearch)) | \(pair(scroll)) | \(pair(s1)) | \(pair(s2)) | \(pair(s3)) |")
        }
    }

    /// `/`, the query typed one character at a time, Esc — for each query, until `keystrokes` characters.
    func searchKeys(_ queries: [String]) -> [Key] {
        var keys: [Key] = []
        var typed = 0
        for q in queries where typed < keystrokes {
            keys.append(.char("/"))
            for c in q { keys.append(.char(c)); typed += 1 }
            keys.append(.escape)
        }
        return keys
    }

    /// Latencies (seconds) of key → update → commands → render, for the typed characters only.
    func measure(_ program: Program, keys: [Key]) -> [Double] {
        var out: [Double] = []
        for key in keys {
            let t = Clock.now()
            program.dispatch(.key(key))
            _ = View.render(program.state)
            if case .char(let c) = key, c != "/" { out.append(Clock.since(t)) } else if key == .down { out.append(Clock.since(t)) }
        }
        return out.sorted()
    }

    func pair(_ sorted: [Double]) -> String {
        guard !sorted.isEmpty else { return "—" }
        let p50 = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        return "\(ms(p50)) / \(ms(p99))"
    }

    func ms(_ seconds: Double) -> String { String(format: seconds < 0.01 ? "%.2f ms" : "%.0f ms", seconds * 1000) }
}

/// Monotonic time in seconds.
enum Clock {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func since(_ t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }
}

import App
import ArgumentParser
import Domain
import Foundation
import Storage

/// `shouhu bench`: generates demo databases of several sizes and prints one table of what a person
/// feels (first frame, keystrokes), what a county needs (import, export, memory), each with its
/// median, p99 (keystrokes), worst, target and ratio to the same work done by the `sqlite3` tool.
/// Nothing here is asserted (benchmarks report, tests test). Use a release build (`scripts/bench`).
///
/// The table is the concatenation of `sections`: adding a row is one function
/// `(BenchEnv) throws -> [BenchFigure]` appended there.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure start-up, keystrokes, import, export and memory at several roster sizes (use a release build).")

    @Option(name: .long, parsing: .upToNextOption, help: "Roster sizes to measure; the largest is the county data set.")
    var children: [Int] = [1_000, 10_000, 100_000]

    @Option(name: .long, help: "Keystrokes measured per keystroke figure.")
    var keystrokes = 200

    @Option(name: .long, help: "Runs of each one-shot figure (first frame, import, export).")
    var runs = 5

    @Option(name: .long, help: "Directory for the generated databases and CSV (default: a temporary one, removed afterwards).")
    var dir: String?

    @Flag(name: .long, help: "Reuse databases already generated in --dir.")
    var reuse = false

    @Flag(name: .long, help: "Skip the end-to-end keystroke through tmux.")
    var skipTerminal = false

    @Option(name: .long, help: "Only these sections (roster, sheets, county, memory, terminal), comma-separated.")
    var only: String?

    @Flag(name: .long, help: "Measure this process's CPU time instead of wall-clock time (for comparisons on a busy machine; the baseline and tmux figures stay wall-clock).")
    var cpuTime = false

    @Option(name: .long, help: .hidden)
    var probeMemory: String?

    /// The rows of the table, in order: a section is a name and a function giving its figures.
    static let sections: [(name: String, figures: (BenchEnv) throws -> [BenchFigure])] = [
        ("roster", RosterBench.figures),
        ("sheets", SheetBench.figures),
        ("county", CountyBench.figures),
        ("memory", MemoryProbe.figures),
        ("terminal", TerminalBench.figures),
    ]

    mutating func run() throws {
        if let probeMemory {
            try MemoryProbe.run(database: probeMemory)
            return
        }
        Clock.useCPUTime = cpuTime
        let base = dir ?? NSTemporaryDirectory() + "shouhu-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: base) } }
        let env = try BenchEnv(sizes: children.sorted(), keystrokes: keystrokes, runs: max(1, runs), directory: base,
                               reuse: reuse && dir != nil, terminal: !skipTerminal)
        note("machine: \(BenchEnv.machine)")
        BenchTable.printHeader()
        let chosen = only.map { Set($0.split(separator: ",").map(String.init)) }
        for section in Self.sections where chosen?.contains(section.name) ?? true {
            for figure in try section.figures(env) { BenchTable.printRow(figure) }
        }
    }
}

/// What every section of the benchmark shares: the sizes, the generated databases, the county CSV
/// and the `sqlite3` baseline.
final class BenchEnv {
    let sizes: [Int]
    let keystrokes: Int
    let runs: Int
    let directory: String
    let terminal: Bool
    static let benchToday = LocalDate(year: 2026, month: 11, day: 23)!
    var today: LocalDate { Self.benchToday }
    let strings: Strings
    /// Database path per roster size.
    private(set) var databases: [Int: String] = [:]
    /// The `sqlite3` tool, when installed.
    let baseline: SQLiteBaseline?

    var county: Int { sizes.last ?? 0 }
    var countyDatabase: String { databases[county] ?? "" }
    /// The county roster as exported (the file both imports read).
    var countyCSV: String { directory + "/roster-\(county).csv" }

    init(sizes: [Int], keystrokes: Int, runs: Int, directory: String, reuse: Bool, terminal: Bool) throws {
        self.sizes = sizes; self.keystrokes = keystrokes; self.runs = runs; self.directory = directory; self.terminal = terminal
        strings = try Strings.load(.zhHans)
        baseline = SQLiteBaseline.find()
        if baseline == nil { note("sqlite3 not found: the baseline (and the ratio column) is skipped") }
        for n in sizes {
            let path = directory + "/bench-\(n).sqlite"
            if reuse, FileManager.default.fileExists(atPath: path),
               let db = try? AppDatabase.open(path: path), try db.setting(.isDemo) == "1",
               let s = try? db.rosterSummary(countingHouseholds: false), s.activeChildren + s.archivedChildren == n {
                databases[n] = path
                continue
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let t = try Clock.time { try AppDatabase.open(path: path).fillDemo(DemoOptions(children: n, seed: 7, referenceDate: today)) }
            note("demo data, \(n) children: \(BenchFigure.duration(t))")
            databases[n] = path
        }
    }

    /// `uname -m` and the CPU model, for the README.
    static var machine: String {
        var u = utsname()
        uname(&u)
        let arch = withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(arch), \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}

/// A line on standard error (the table goes to standard output).
func note(_ text: String) {
    FileHandle.standardError.write(Data(("bench: " + text + "\n").utf8))
}

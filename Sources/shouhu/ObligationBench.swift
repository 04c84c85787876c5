import App
import ArgumentParser
import Domain
import Foundation
import Scheduling
import Storage

/// The five-ones figures of the benchmark: a whole semester for a county, and one mentor's rows.
enum ObligationBench {
    struct Figures {
        var pairings: Int
        var contacts: Int
        var rows: Int
        /// Read the semester's pairings and contacts, evaluate (seconds, sorted).
        var whole: [Double]
        /// The engine alone on data already read.
        var engine: [Double]
        /// One mentor: read and evaluate their rows.
        var oneMentor: [Double]
        /// The report of the semester (every figure, the five ones included).
        var report: [Double]
    }

    /// Measures on the database at `path` (a demo database; its contacts are topped up to `contacts`).
    static func measure(path: String, contacts: Int, today: LocalDate, runs: Int = 5) throws -> Figures {
        let db = try AppDatabase.open(path: path)
        try db.topUpDemoContacts(to: contacts, seed: 7, today: today)
        let semester = try db.currentSemester(today: today).id
        var whole: [Double] = [], engine: [Double] = [], mentor: [Double] = []
        var input: ObligationInput?
        var rows = 0
        for _ in 0..<runs {
            let t = Clock.now()
            let i = try db.obligationInput(rules: .fiveOnes, semesterID: semester, today: today)
            let report = ObligationEngine.evaluate(i)
            whole.append(Clock.since(t))
            rows = report.rows.count
            input = i
        }
        guard let input else { throw ValidationError("no runs") }
        for _ in 0..<runs {
            let t = Clock.now()
            _ = ObligationEngine.evaluate(input)
            engine.append(Clock.since(t))
        }
        // Mentors with pairings, spread over the registry.
        let mentors = Array(Set(input.pairings.map(\.mentorID))).sorted()
        let step = max(1, mentors.count / 50)
        for m in stride(from: 0, to: mentors.count, by: step).map({ mentors[$0] }) {
            let t = Clock.now()
            _ = ObligationEngine.evaluate(try db.obligationInput(rules: .fiveOnes, semesterID: semester, mentorID: m, today: today))
            mentor.append(Clock.since(t))
        }
        var report: [Double] = []
        let period = try db.reportPeriod(ReportPeriod(parsing: semester)!)
        for _ in 0..<max(1, runs / 2) {
            let t = Clock.now()
            _ = try db.reportFigures(period: period, rules: .fiveOnes, today: today)
            report.append(Clock.since(t))
        }
        return Figures(pairings: input.pairings.count, contacts: try db.contactCount(), rows: rows, whole: whole.sorted(),
                       engine: engine.sorted(), oneMentor: mentor.sorted(), report: report.sorted())
    }
}

/// `shouhu bench-obligations`: the five-ones figures alone (the `bench` table carries them too).
struct BenchObligations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-obligations", abstract: "Measure the five-ones engine at county scale (use a release build).",
        shouldDisplay: false)

    @Option(name: .long, help: "Children in the generated demo database.") var children = 100_000
    @Option(name: .long, help: "Contacts to top the database up to.") var contacts = 1_000_000
    @Option(name: .long, help: "Use (or create) this database file.") var db: String?

    mutating func run() throws {
        let today = LocalDate(year: 2026, month: 11, day: 23)!
        let path = db ?? NSTemporaryDirectory() + "shouhu-bench-obligations-\(children).sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            try AppDatabase.open(path: path).fillDemo(DemoOptions(children: children, seed: 7, referenceDate: today))
        }
        let f = try ObligationBench.measure(path: path, contacts: contacts, today: today)
        func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
        print("pairings \(f.pairings), contacts \(f.contacts), rows \(f.rows)")
        print("whole semester (read + evaluate): median \(ms(f.whole[f.whole.count / 2])), worst \(ms(f.whole.last!))")
        print("engine alone: median \(ms(f.engine[f.engine.count / 2])), worst \(ms(f.engine.last!))")
        print("one mentor: median \(ms(f.oneMentor[f.oneMentor.count / 2])), worst \(ms(f.oneMentor.last!))")
        print("report of the semester: median \(ms(f.report[f.report.count / 2])), worst \(ms(f.report.last!))")
    }
}

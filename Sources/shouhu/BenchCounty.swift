import App
import Domain
import Foundation
import Interchange
import Scheduling
import Storage

/// The county rows of the benchmark: the five ones for a whole semester and for one mentor, the
/// report of the semester, and a backup — on the county database with its contacts topped up to
/// one million.
enum CountyBench {
    static let contacts = 1_000_000

    static func figures(_ env: BenchEnv) throws -> [BenchFigure] {
        let db = try AppDatabase.open(path: env.countyDatabase)
        let added = try db.topUpDemoContacts(to: contacts, seed: 7, today: env.today)
        if added > 0 { note("contacts topped up by \(added) to \(contacts)") }
        let semester = try db.currentSemester(today: env.today).id
        var whole: [Double] = [], mentor: [Double] = [], report: [Double] = [], backup: [Double] = []
        var input: ObligationInput?
        for _ in 0..<env.runs {
            whole.append(try Clock.time {
                let i = try db.obligationInput(rules: .fiveOnes, semesterID: semester, today: env.today)
                _ = ObligationEngine.evaluate(i)
                input = i
            })
        }
        // One mentor's rows, for mentors spread over the registry.
        let mentors = Array(Set(input?.pairings.map(\.mentorID) ?? [])).sorted()
        for m in stride(from: 0, to: mentors.count, by: max(1, mentors.count / 100)).map({ mentors[$0] }) {
            mentor.append(try Clock.time {
                _ = ObligationEngine.evaluate(try db.obligationInput(rules: .fiveOnes, semesterID: semester, mentorID: m, today: env.today))
            })
        }
        let period = try db.reportPeriod(ReportPeriod(parsing: semester)!)
        for _ in 0..<env.runs {
            report.append(try Clock.time { _ = try db.reportFigures(period: period, rules: .fiveOnes, today: env.today) })
        }
        let copy = env.directory + "/backup.sqlite"
        for _ in 0..<max(1, env.runs / 2) {
            try? FileManager.default.removeItem(atPath: copy)
            backup.append(try Clock.time { try Backup.copy(database: env.countyDatabase, to: copy) })
        }
        try? FileManager.default.removeItem(atPath: copy)
        let pairs = input?.pairings.count ?? 0
        return [
            BenchFigure("five ones, whole semester (\(pairs) pairings, 1M contacts)", samples: whole, target: "≤ 0.5 s"),
            BenchFigure("five ones, one mentor's rows", samples: mentor, target: "≤ 5 ms"),
            BenchFigure("report of the semester", samples: report, target: "≤ 1 s"),
            BenchFigure("backup (online, county database)", samples: backup, target: "stated"),
        ]
    }
}

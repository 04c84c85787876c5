import Domain
import Foundation
import Interchange
import Storage

/// Spreadsheets at county size: the export of the roster, and the import of that file with full
/// validation into an empty database (decode, parse, check every row, write) — then once more
/// into the same database, where it must add nothing.
enum SheetBench {
    static func figures(_ env: BenchEnv) throws -> [BenchFigure] {
        let n = env.county
        let database = try AppDatabase.open(path: env.countyDatabase)
        var exports: [Double] = []
        for _ in 0..<env.runs {
            exports.append(try Clock.time {
                let children = try database.childrenForExport(includeArchived: true)
                try PrivateFile.write(RosterExport.csv(children, includeArchived: true), to: env.countyCSV)
            })
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: env.countyCSV))
        let rows = try RosterReader.read(data, today: env.today).rows.count
        let sqliteRuns = try env.baseline?.importCSV(env.countyCSV, runs: env.runs)
        let sqliteImport = sqliteRuns.map { $0.sorted()[$0.count / 2] }

        var imports: [Double] = [], reads: [Double] = []
        var again: Double = 0
        let target = env.directory + "/import-\(n).sqlite"
        for run in 0..<env.runs {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            let db = try AppDatabase.open(path: target)
            var imported = 0
            imports.append(try Clock.time { imported = try importFile(env.countyCSV, into: db, today: env.today).imported })
            reads.append(try Clock.time { _ = try RosterReader.read(Data(contentsOf: URL(fileURLWithPath: env.countyCSV)), today: env.today) })
            if imported != rows { note("import wrote \(imported) of \(rows) rows") }
            if run == env.runs - 1 {
                var added = -1
                again = try Clock.time { added = try importFile(env.countyCSV, into: db, today: env.today).imported }
                if added != 0 { note("re-import added \(added) rows (should add none)") }
            }
        }
        // The floor: SQLite alone writing the rows the import wrote, into an empty database.
        var floor: [Double] = []
        for _ in 0..<env.runs {
            let copy = env.directory + "/floor-\(n).sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
            let db = try AppDatabase.open(path: copy)
            var copied = 0
            floor.append(try Clock.time { copied = try db.copyRosterRows(from: target) })
            if copied != rows { note("floor copied \(copied) of \(rows) children") }
        }
        return (sqliteRuns.map { [BenchFigure("sqlite3 `.import` of the same file (baseline)", .rate(items: rows), samples: $0, target: "—")] } ?? []) + [
            BenchFigure("import \(BenchFigure.grouped(rows))-row roster CSV, full validation", .rate(items: rows), samples: imports,
                        target: "≥ 50,000 rows/s", baseline: sqliteImport),
            BenchFigure("of which reading and checking the file (no database)", .rate(items: rows), samples: reads, target: "stated",
                        baseline: sqliteImport),
            BenchFigure("floor: SQLite alone writing the same rows (no file, no checks)", .rate(items: rows), samples: floor,
                        target: "stated", baseline: sqliteImport),
            // What the two floors leave for the import's own work (pinyin, identity checks,
            // households, binding): if this alone is near the target, so is the best import.
            BenchFigure("floor: reading, then SQLite writing (the two rows above, added)", .rate(items: rows),
                        samples: zip(reads, floor).map { $0 + $1 }, target: "stated", baseline: sqliteImport),
            BenchFigure("same import again (adds nothing)", .rate(items: rows), samples: [again], target: "stated", baseline: sqliteImport),
            BenchFigure("export \(BenchFigure.grouped(rows)) children to CSV (with archived)", samples: exports, target: "stated", baseline: sqliteImport),
        ]
    }

    /// What `shouhu import children FILE` does, without the messages.
    static func importFile(_ path: String, into db: AppDatabase, today: LocalDate) throws -> ImportResult {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let roster = try RosterReader.read(data, today: today)
        return try RosterImport.run(roster, into: db, options: ImportOptions(fileName: "roster.csv", actor: "bench",
                                                                             timestamp: "2026-11-23T09:00:00+08:00"))
    }
}

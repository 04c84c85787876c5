import Domain
import Foundation
import Storage
import Testing
import TerminalUI
@testable import App

let fixedToday = LocalDate(year: 2026, month: 11, day: 23)!

/// A program over a real (in-memory) SQLite database filled with seeded demo data.
func makeProgram(size: Size, language: Language = .zhHans, children: Int = 60, seed: UInt64 = 7) throws -> Program {
    let db = try AppDatabase.inMemory()
    try db.fillDemo(DemoOptions(children: children, seed: seed, referenceDate: fixedToday))
    let strings = try Strings.load(language)
    let backend = TestBackend(size: size)
    let program = Program(state: AppState(size: size, today: fixedToday, strings: strings),
                          runtime: Runtime(database: db, strings: strings, today: fixedToday), backend: backend)
    program.start()
    return program
}

extension Program {
    func press(_ keys: Key...) { for k in keys { dispatch(.key(k)) } }
    func type(_ text: String) { for c in text { dispatch(.key(.char(c))) } }
    var screen: String { View.render(state).text }
}

/// Compares a screen's text with `Golden/<name>.txt`; `SHOUHU_RECORD=1 swift test` rewrites the files.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["SHOUHU_RECORD"] == "1" {
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file Golden/\(name).txt; run SHOUHU_RECORD=1 swift test to create it", sourceLocation: sourceLocation)
        return
    }
    let exp = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
    if exp != text {
        Issue.record("screen differs from Golden/\(name).txt:\n--- expected\n\(exp)\n--- actual\n\(text)", sourceLocation: sourceLocation)
    }
}

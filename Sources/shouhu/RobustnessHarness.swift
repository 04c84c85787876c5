import ArgumentParser
import Domain
import Foundation
import Interchange
import Storage

/// `shouhu _robust …` (hidden): the writers the crash and concurrency tests drive. Each write goes
/// through the same store calls as the screens and commands, and is acknowledged on standard output
/// (one line, written straight to the descriptor) only after its transaction committed, so a test
/// that kills the process knows exactly which writes must survive.
///
/// They write synthetic records only, and refuse a database that holds real ones (like `demo`).
struct RobustnessHarness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_robust",
        abstract: "Test harness for crash and concurrency tests (synthetic data only).",
        shouldDisplay: false,
        subcommands: [WriteStream.self, SaveChild.self])

    /// Every form-saved child of the harness has this name and birth date, so a later run finds them.
    static let childName = "压测儿童"
    static let birthDate = LocalDate(year: 2015, month: 6, day: 1)!
    static let mentorPhone = "13800000000"

    /// Opens the database for the harness, marking a new one as synthetic; refuses one with real records.
    static func open(_ path: String) throws -> AppDatabase {
        let database = try AppDatabase.open(path: path, busyTimeout: 30)
        if try database.setting(.isDemo) != "1" {
            let s = try database.rosterSummary()
            guard s.activeChildren + s.archivedChildren == 0 else {
                FileHandle.standardError.write(Data("this database holds real records; the harness writes only to its own\n".utf8))
                throw ExitCode(1)
            }
            try database.setSetting(.isDemo, "1")
        }
        return database
    }

    /// One line on standard output, written at once (no buffer a kill could lose).
    static func acknowledge(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    static var timestamp: String { Import.Children.timestamp(ProcessInfo.processInfo.environment) }

    /// `_robust write-stream --db PATH --run N`: form saves (new and changed children), contacts,
    /// drafts and small roster imports, in a seeded random order, until killed (or `--count` writes).
    ///
    /// Acknowledgements (`<token>` is `r<run>-<n>`, unique over all runs):
    ///
    ///     ACK child <id> <token>            a new child, notes `new:<token>`
    ///     ACK update <id> <version> <token> a changed child, notes `upd:<token>`
    ///     ACK contact <id> <token>          a contact whose summary is the token
    ///     ACK draft <key> <token>           a draft whose payload is the token
    ///     ACK import <token> <rows>         that many children with notes `imp:<token>/<rows>`
    struct WriteStream: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-stream")

        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("run"), help: "Run number: seeds the order and makes the tokens unique.") var runNumber: Int
        @Option(name: .long) var count = Int.max

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let today = env["SHOUHU_TODAY"].flatMap(LocalDate.init(parsing:)) ?? LocalDate(year: 2026, month: 11, day: 23)!
            let database = try RobustnessHarness.open(common.db ?? "")
            var rng = SplitMix64(seed: UInt64(runNumber) &* 0x9E37_79B9 &+ 1)
            let mentor = try database.findMentor(phone: RobustnessHarness.mentorPhone)
                ?? database.addMentor(Mentor(name: "压测帮扶人", role: .volunteer, phone: RobustnessHarness.mentorPhone),
                                      actor: "harness", timestamp: RobustnessHarness.timestamp)
            var children = try database.findChildren(name: RobustnessHarness.childName, birthDate: RobustnessHarness.birthDate)
            RobustnessHarness.acknowledge("READY \(children.count)")
            var n = 0
            while n < count {
                n += 1
                let token = "r\(runNumber)-\(n)"
                let ts = RobustnessHarness.timestamp
                switch rng.next(100) {
                case 0..<35:
                    let child = Child(name: RobustnessHarness.childName, sex: rng.next(2) == 0 ? .male : .female,
                                      birthDate: RobustnessHarness.birthDate, address: "压测村\(rng.next(50))组",
                                      guardian: Guardian(name: "压测监护人", relation: .paternalGrandmother), notes: "new:" + token)
                    let saved = try database.saveNewChild(child, actor: "harness", source: "form", timestamp: ts)
                    RobustnessHarness.acknowledge("ACK child \(saved.id) \(token)")
                    children.append(saved.id)
                case 35..<60 where !children.isEmpty:
                    let id = children[rng.next(children.count)]
                    guard var child = try database.child(id: id), let version = try database.childVersion(id: id) else { continue }
                    child.notes = "upd:" + token
                    do {
                        let saved = try database.updateChild(child, id: id, expectedVersion: version, actor: "harness", timestamp: ts)
                        RobustnessHarness.acknowledge("ACK update \(id) \(saved.version) \(token)")
                    } catch is SaveConflict {
                        // Another writer changed it since it was read (side-by-side runs): told, not saved.
                        RobustnessHarness.acknowledge("CONFLICT \(id) \(token)")
                    }
                case 60..<80 where !children.isEmpty:
                    let date = today.adding(days: -rng.next(120))
                    let contact = Contact(childID: children[rng.next(children.count)], mentorID: mentor,
                                          kind: ContactKind.allCases[rng.next(ContactKind.allCases.count)], date: date,
                                          place: "", summary: token, concerns: [], followUp: "")
                    let id = try database.addContact(contact, today: today, actor: "harness", timestamp: ts)
                    RobustnessHarness.acknowledge("ACK contact \(id) \(token)")
                case 80..<90:
                    let key = "crash:\(rng.next(4))"
                    try database.saveDraft(Draft(key: key, kind: "harness", payload: token, updatedAt: ts))
                    RobustnessHarness.acknowledge("ACK draft \(key) \(token)")
                default:
                    let rows = 10 + rng.next(40)
                    var csv = "姓名,性别,家庭住址,备注\n"
                    for r in 0..<rows { csv += "导入儿童\(token)-\(r),\(r % 2 == 0 ? "男" : "女"),压测村\(r)号,imp:\(token)/\(rows)\n" }
                    let roster = try RosterReader.read(Data(csv.utf8), today: today)
                    let result = try RosterImport.run(roster, into: database, options: ImportOptions(
                        fileName: "harness.csv", actor: "harness", timestamp: ts))
                    guard result.imported == rows else { throw ValidationError("import wrote \(result.imported) of \(rows) rows") }
                    RobustnessHarness.acknowledge("ACK import \(token) \(rows)")
                }
            }
        }
    }

    /// `_robust save-child --db PATH --id N --expect-version V --notes TEXT [--go FILE]`: waits until
    /// FILE exists (so two processes save at the same moment), then saves the child's notes as the
    /// form does: `saved <version>` and status 0, or `conflict <current version>` and status 3.
    struct SaveChild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "save-child")

        @OptionGroup var common: CommonOptions
        @Option(name: .long) var id: Int64
        @Option(name: .long) var expectVersion: Int
        @Option(name: .long) var notes: String
        @Option(name: .long) var go: String?

        mutating func run() throws {
            let database = try RobustnessHarness.open(common.db ?? "")
            guard var child = try database.child(id: id) else { throw ValidationError("no child \(id)") }
            if let go {
                let deadline = Date().addingTimeInterval(30)
                while !FileManager.default.fileExists(atPath: go), Date() < deadline { usleep(1_000) }
            }
            child.notes = notes
            do {
                let saved = try database.updateChild(child, id: id, expectedVersion: expectVersion, actor: "harness",
                                                     timestamp: RobustnessHarness.timestamp)
                RobustnessHarness.acknowledge("saved \(saved.version)")
            } catch let conflict as SaveConflict {
                RobustnessHarness.acknowledge("conflict \(conflict.currentVersion)")
                throw ExitCode(3)
            }
        }
    }
}

/// A small seeded generator (SplitMix64): the same run number gives the same stream of writes.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<bound.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}

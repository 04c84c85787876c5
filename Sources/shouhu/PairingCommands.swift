import App
import ArgumentParser
import Domain
import Foundation
import Storage

/// `shouhu pairing list|end`: the pairings (结对) with their numbers, and ending one of them, as `u` does
/// in a mentor's or a child's file. A coordinator's once the database has accounts; an ending goes into
/// the pairing's history and the audit trail like every pairing write.
struct PairingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairing",
        abstract: "List pairings with their numbers, or end one pairing.",
        subcommands: [List.self, End.self])

    /// A child named on the command line: the 18-character ID number, or the file number (digits).
    static func findChild(_ text: String, _ database: AppDatabase, _ strings: Strings) throws -> Int64 {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 18 || t.count == 15, let id = try database.findChild(idNumber: t.uppercased()) { return id }
        if t.count < 15, let id = Int64(t.hasPrefix("#") ? String(t.dropFirst()) : t), try database.child(id: id) != nil { return id }
        throw CalendarCommandError(strings.format(.pairingCLIUnknownChild, text))
    }

    static func findMentor(_ phone: String, _ database: AppDatabase, _ strings: Strings) throws -> Int64 {
        guard let id = try database.findMentor(phone: phone) else { throw CalendarCommandError(strings.format(.pairingCLIUnknownMentor, phone)) }
        return id
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List pairings (active ones unless --all): number, child (file number), mentor, role, dates, reason.",
            discussion: """
            Phones are masked as in the screens. The number is what `shouhu pairing end` takes.
            Example: shouhu pairing list --mentor 13912340824
            """)

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "Only this child's pairings (ID number, or the file number).")
        var child: String?

        @Option(name: .long, help: "Only this mentor's pairings (their phone).")
        var mentor: String?

        @Flag(name: .long, help: "Ended pairings too.")
        var all = false

        mutating func run() throws {
            let (database, _, strings) = try CLIAccess.open(common, need: .coordinator)
            var rows: [PairingRow]
            if let child {
                rows = try database.pairings(childID: try PairingCommand.findChild(child, database, strings))
                if let mentor {
                    let m = try PairingCommand.findMentor(mentor, database, strings)
                    rows = rows.filter { $0.pairing.mentorID == m }
                }
            } else if let mentor {
                rows = try database.pairings(mentorID: try PairingCommand.findMentor(mentor, database, strings))
            } else {
                rows = try database.pairings(activeOnly: !all)
            }
            if !all { rows = rows.filter(\.pairing.isActive) }
            guard !rows.isEmpty else {
                CLIAccess.note(strings[.pairingCLIListNone])
                return
            }
            print(strings[.pairingCLIListHeader])
            for r in rows {
                let p = r.pairing
                print([String(r.id), r.childName, "#\(p.childID)", r.mentorName, Phone.masked(r.mentorPhone), strings.label("prole", p.role),
                       p.start.description, p.end?.description ?? "", p.endReason.map { strings.label("pend", $0) } ?? ""]
                    .map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t"))
            }
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End one pairing: by its number, or by --child and --mentor.",
            discussion: """
            The end date is today unless --on gives an earlier one (not before the pairing began). Reasons: \
            \(PairingEndForm.reasons.map(\.rawValue).joined(separator: ", ")) (default other); archiving a child's file ends \
            its pairings with child_archived. A coordinator's once the database has accounts (--user); recorded in the \
            pairing's history and the audit trail.
            Examples: shouhu pairing end 42 --reason child_moved
                      shouhu pairing end --child 510722201503051172 --mentor 13912340824 --on 2026-12-01
            """)

        @OptionGroup var common: CommonOptions

        @Argument(help: "The pairing's number (shouhu pairing list shows it).")
        var number: Int64?

        @Option(name: .long, help: "The child (ID number, or the file number).")
        var child: String?

        @Option(name: .long, help: "The mentor (their phone).")
        var mentor: String?

        @Option(name: .long, help: "Which of the pair's pairings, when they have several: primary, class_teacher, student_helper.")
        var role: String?

        @Option(name: .long, help: "The last day of the pairing (default today).")
        var on: String?

        @Option(name: .long, help: "Why it ends: other (default), child_moved, reassigned, mentor_left.")
        var reason = PairingEndReason.other.rawValue

        mutating func validate() throws {
            guard (number != nil) != (child != nil || mentor != nil), number != nil || (child != nil && mentor != nil) else {
                throw usageError(.pairingCLINeedsTarget)
            }
            guard let r = PairingEndReason(rawValue: reason), PairingEndForm.reasons.contains(r) else {
                throw usageError(.pairingCLIBadReason, reason, labelledChoices(PairingEndForm.reasons, kind: "pend"))
            }
            if let role, PairRole(rawValue: role) == nil {
                let strings = Faults.strings()
                let items = strings.map { UsageWords.list(PairRole.allCases.map(\.rawValue), $0) }
                    ?? PairRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw usageError(.usageInvalidValueChoices, role, "--role", items)
            }
            if let on, LocalDate(parsing: on) == nil { throw usageError(.cliBadDate, "--on", on, "2026-12-01") }
        }

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let (database, principal, strings) = try CLIAccess.open(common, need: .coordinator)
            let today = try common.today(env)
            let row = try pairing(database, strings)
            let p = row.pairing
            if let end = p.end {
                throw CalendarCommandError(strings.format(.pairingCLIAlreadyEnded, row.id, end.description,
                                                          p.endReason.map { strings.label("pend", $0) } ?? ""))
            }
            let date = on.flatMap { LocalDate(parsing: $0) } ?? today
            guard date <= today else { throw CalendarCommandError(strings.format(.pairingCLIFuture, date.description, today.description)) }
            guard date >= p.start else {
                throw CalendarCommandError(strings.format(.pairingCLIBeforeStart, date.description, p.start.description))
            }
            let why = PairingEndReason(rawValue: reason) ?? .other
            try database.endPairing(id: row.id, on: date, reason: why, actor: principal.name, timestamp: Import.Children.timestamp(env))
            print(strings.format(.pairingCLIEnded, row.id, row.childName, row.mentorName, strings.label("prole", p.role),
                                 date.description, strings.label("pend", why)))
        }

        /// The pairing named by its number, or the one active pairing of the child and mentor (in `--role`).
        func pairing(_ database: AppDatabase, _ strings: Strings) throws -> PairingRow {
            if let number {
                guard let row = try database.pairing(id: number) else {
                    throw CalendarCommandError(strings.format(.pairingCLIUnknownPairing, number))
                }
                return row
            }
            let c = try PairingCommand.findChild(child ?? "", database, strings)
            let m = try PairingCommand.findMentor(mentor ?? "", database, strings)
            let active = try database.pairings(childID: c).filter {
                $0.pairing.mentorID == m && $0.pairing.isActive && (role == nil || $0.pairing.role.rawValue == role)
            }
            let childName = try database.child(id: c)?.name ?? (child ?? "")
            let mentorName = try database.mentor(id: m)?.name ?? (mentor ?? "")
            guard let first = active.first else {
                throw CalendarCommandError(strings.format(.pairingCLINotPaired, childName, mentorName))
            }
            guard active.count == 1 else {
                throw CalendarCommandError(strings.format(.pairingCLISeveral, childName, mentorName, active.count))
            }
            return first
        }
    }
}

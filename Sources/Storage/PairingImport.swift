import Domain
import Foundation
import GRDB

/// One pairing read from a spreadsheet, offered to `importPairings`.
public struct PairingImportItem: Equatable, Sendable {
    /// The child's ID number (upper case), or nil: then the child is found by name and birth date.
    public var childIDNumber: String?
    public var childName: String
    public var childBirthDate: LocalDate?
    /// Identifies the mentor (dashes and spaces ignored).
    public var mentorPhone: String
    /// As written in the file; only compared with the record (a warning when it differs).
    public var mentorName: String
    public var role: PairRole
    public var start: LocalDate
    /// Set for a pairing that has ended (history): it is recorded as ended, without the rules for
    /// active pairings (capacity, single primary, archived child, mentor who left).
    public var end: LocalDate?
    /// `other` when an end date is given without a reason.
    public var endReason: PairingEndReason?
    /// The coordinator's reason for pairing beyond capacity (kept as the record of that decision).
    public var overrideReason: String?

    public init(childIDNumber: String?, childName: String, childBirthDate: LocalDate? = nil, mentorPhone: String,
                mentorName: String = "", role: PairRole, start: LocalDate, end: LocalDate? = nil,
                endReason: PairingEndReason? = nil, overrideReason: String? = nil) {
        self.childIDNumber = childIDNumber; self.childName = childName; self.childBirthDate = childBirthDate
        self.mentorPhone = mentorPhone; self.mentorName = mentorName; self.role = role; self.start = start
        self.end = end; self.endReason = endReason; self.overrideReason = overrideReason
    }
}

/// What became of one pairing offered to `importPairings`.
public struct PairingImportOutcome: Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        /// A new pairing with this id (rolled back again in a dry run or when `rollbackIfRefused` applied).
        case created(Int64)
        /// The same pairing (child, mentor, pair role, start date) is already in the database.
        case alreadyInDatabase
        /// The same pairing on an earlier item of this import, at the given index.
        case repeats(Int)
        /// A rule refused it: `unknownChild`, `unknownMentor`, `capacityReached`, `childAlreadyHasPrimary`,
        /// `alreadyPaired`, `childArchived`, `mentorLeft`, `endBeforeStart`.
        case refused(PairingError)
        /// No ID number, and this many children have the name and birth date given.
        case ambiguousChild(Int)
    }

    public var result: Result
    /// The child was found, but the name in the file is not the child's (a mistyped ID number?).
    public var childNameDiffers: Bool
    /// The mentor was found by phone, but the name in the file is not theirs.
    public var mentorNameDiffers: Bool

    public init(_ result: Result, childNameDiffers: Bool = false, mentorNameDiffers: Bool = false) {
        self.result = result; self.childNameDiffers = childNameDiffers; self.mentorNameDiffers = mentorNameDiffers
    }

    public var isRefused: Bool {
        switch result {
        case .refused, .ambiguousChild: return true
        default: return false
        }
    }
}

extension AppDatabase {
    /// Adds pairings read from a spreadsheet, all in ONE transaction.
    ///
    /// Children are found by ID number (or, without one, by name and birth date), mentors by phone, with
    /// one bulk read each. A pairing already present (same child, mentor, pair role and start date), or
    /// repeating an earlier item, is not created twice, so re-running an import adds nothing.
    ///
    /// Active pairings go through the store's own rules (`insertPairing`): archived child, mentor who
    /// left, same pair already active, second primary mentor, capacity. Items with an override reason
    /// are written after the others, so that a reason in the file never takes a place another pairing
    /// needed; the reason is kept as the file gives it. Ended pairings are history: they are recorded as
    /// they were (end date not before the start date), whatever the child's or mentor's status now.
    ///
    /// With `dryRun`, or with `rollbackIfRefused` when any item was refused, everything is rolled back
    /// at the end, so the outcomes are exactly those of a real import.
    public func importPairings(_ items: [PairingImportItem], actor: String, timestamp: String, dryRun: Bool = false,
                               rollbackIfRefused: Bool = false, audit: ImportAuditNote? = nil,
                               progress: ((Int, Int) -> Void)? = nil) throws -> [PairingImportOutcome] {
        try writer.writeWithoutTransaction { db in
            var outcomes: [PairingImportOutcome] = []
            try db.inTransaction(.immediate) {
                outcomes = try Self.importPairings(db, items, actor: actor, timestamp: timestamp, progress: progress)
                if dryRun || (rollbackIfRefused && outcomes.contains(where: \.isRefused)) { return .rollback }
                try audit?.record(db, outcomes, actor: actor, timestamp: timestamp) { outcome in
                    switch outcome.result {
                    case .created: return .created
                    case .alreadyInDatabase, .repeats: return .duplicate
                    case .refused, .ambiguousChild: return .refused
                    }
                }
                return .commit
            }
            return outcomes
        }
    }

    private struct KnownForPairing {
        var childrenByID: [String: (id: Int64, name: String)] = [:]
        /// name + birth date → child ids.
        var childrenByProfile: [String: [Int64]] = [:]
        var mentors: [String: (id: Int64, name: String)] = [:]
        /// child|mentor|role|start of every pairing, active or ended.
        var pairings: Set<String> = []

        static func profile(_ name: String, _ birth: String) -> String { name + "\u{1F}" + birth }
        static func pairing(_ child: Int64, _ mentor: Int64, _ role: String, _ start: String) -> String {
            "\(child)|\(mentor)|\(role)|\(start)"
        }
    }

    private static func loadKnownForPairing(_ db: Database) throws -> KnownForPairing {
        var known = KnownForPairing()
        let children = try Row.fetchCursor(db, sql: "SELECT id, name, id_number, birth_date FROM child")
        while let r = try children.next() {
            let id: Int64 = r[0], name: String = r[1]
            if let number = r[2] as String?, !number.isEmpty { known.childrenByID[number.uppercased()] = (id, name) }
            if let birth = r[3] as String? { known.childrenByProfile[KnownForPairing.profile(name, birth), default: []].append(id) }
        }
        for r in try Row.fetchAll(db, sql: "SELECT id, phone, name FROM mentor") { known.mentors[compactPhone(r[1])] = (r[0], r[2]) }
        let pairings = try Row.fetchCursor(db, sql: "SELECT child_id, mentor_id, pair_role, start_date FROM pairing")
        while let r = try pairings.next() { known.pairings.insert(KnownForPairing.pairing(r[0], r[1], r[2], r[3])) }
        return known
    }

    private static func importPairings(_ db: Database, _ items: [PairingImportItem], actor: String, timestamp: String,
                                       progress: ((Int, Int) -> Void)?) throws -> [PairingImportOutcome] {
        let known = try loadKnownForPairing(db)
        let insertEnded = try db.makeStatement(sql: """
            INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, end_date, end_reason, override_reason,
                created_at, actor, ended_at, ended_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var outcomes = [PairingImportOutcome?](repeating: nil, count: items.count)
        var seen: [String: Int] = [:]
        func hasOverride(_ item: PairingImportItem) -> Bool { item.end == nil && !(item.overrideReason ?? "").isEmpty }
        let order = items.indices.filter { !hasOverride(items[$0]) } + items.indices.filter { hasOverride(items[$0]) }
        let step = max(500, items.count / 100)
        for (done, index) in order.enumerated() {
            if let progress, done > 0, done % step == 0 { progress(done, items.count) }
            let item = items[index]
            // The child: by ID number, else by name and birth date.
            let child: Int64
            var childNameDiffers = false
            if let number = item.childIDNumber?.uppercased(), !number.isEmpty {
                guard let found = known.childrenByID[number] else { outcomes[index] = .init(.refused(.unknownChild)); continue }
                child = found.id
                childNameDiffers = !item.childName.isEmpty && item.childName != found.name
            } else {
                let ids = item.childBirthDate.map { known.childrenByProfile[KnownForPairing.profile(item.childName, $0.description)] ?? [] } ?? []
                guard ids.count == 1 else {
                    outcomes[index] = .init(ids.isEmpty ? .refused(.unknownChild) : .ambiguousChild(ids.count))
                    continue
                }
                child = ids[0]
            }
            guard let mentor = known.mentors[compactPhone(item.mentorPhone)] else {
                outcomes[index] = .init(.refused(.unknownMentor), childNameDiffers: childNameDiffers)
                continue
            }
            let mentorNameDiffers = !item.mentorName.isEmpty && item.mentorName != mentor.name
            func outcome(_ result: PairingImportOutcome.Result) -> PairingImportOutcome {
                PairingImportOutcome(result, childNameDiffers: childNameDiffers, mentorNameDiffers: mentorNameDiffers)
            }
            let key = KnownForPairing.pairing(child, mentor.id, item.role.rawValue, item.start.description)
            if known.pairings.contains(key) { outcomes[index] = outcome(.alreadyInDatabase); continue }
            if let earlier = seen[key] { outcomes[index] = outcome(.repeats(earlier)); continue }
            let reason = item.overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
            let overrideReason = reason?.isEmpty == false ? reason : nil
            do {
                let id: Int64
                if let end = item.end {
                    guard end >= item.start else { throw PairingError.endBeforeStart }
                    try mapConstraint {
                        try insertEnded.execute(arguments: [
                            child, mentor.id, item.role.rawValue, item.start.description, end.description,
                            (item.endReason ?? .other).rawValue, overrideReason, timestamp, actor, timestamp, actor,
                        ])
                    }
                    id = db.lastInsertedRowID
                    let value = AuditChain.pairingValue(mentor: mentor.id, role: item.role.rawValue, start: item.start.description)
                    try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "pairing", entityID: id,
                                          childID: child, field: "created", old: nil, new: value)
                    try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "pairing", entityID: id,
                                          childID: child, field: "end_date", old: nil,
                                          new: end.description + " " + (item.endReason ?? .other).rawValue)
                } else {
                    id = try insertPairing(db, child: child, mentor: mentor.id, role: item.role, start: item.start,
                                           overrideReason: overrideReason, actor: actor, timestamp: timestamp)
                    if let overrideReason {
                        // Not needed now (the file's order or today's load differ from the day it was decided):
                        // keep the coordinator's recorded decision all the same.
                        try db.execute(sql: "UPDATE pairing SET override_reason = ? WHERE id = ? AND override_reason IS NULL",
                                       arguments: [overrideReason, id])
                        if db.changesCount > 0 {
                            try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "pairing", entityID: id,
                                                  childID: child, field: "override_reason", old: nil, new: overrideReason)
                        }
                    }
                }
                seen[key] = index
                outcomes[index] = outcome(.created(id))
            } catch let error as PairingError {
                outcomes[index] = outcome(.refused(error))
            }
        }
        progress?(items.count, items.count)
        return outcomes.map { $0! }
    }
}

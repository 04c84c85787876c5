import Domain
import Foundation
import GRDB

/// What became of one child offered to `importChildren`.
public enum ChildImportOutcome: Equatable, Sendable {
    /// A new file was created with this id (rolled back again in a dry run).
    case created(Int64)
    /// The child already has a file in the database: nothing was written.
    case alreadyInDatabase(ChildIdentity.Match)
    /// The same child appeared earlier in this import, at the given index: nothing was written.
    case repeats(Int, ChildIdentity.Match)
}

/// How imports recognise a child that already has a file.
///
/// - With an ID number: the ID number (upper case). A file without ID number for the same child
///   (same name, birth date, guardian name and address) also counts, so adding the ID number in
///   the spreadsheet later does not create a second file.
/// - Without ID number: name, birth date, guardian name and home address together, so re-running
///   an import never adds anything, while two children called 张伟 in different homes stay apart.
public enum ChildIdentity {
    /// What made two children the same.
    public enum Match: Equatable, Sendable {
        case idNumber
        /// Name, birth date, guardian name and address.
        case profile
    }

    public static func idKey(_ c: Child) -> String? {
        guard let raw = c.idNumber.map(trimmed), !raw.isEmpty else { return nil }
        return raw.uppercased()
    }

    public static func profileKey(_ c: Child) -> String {
        profileKey(name: c.name, birthDate: c.birthDate?.description, guardian: c.guardian?.name, address: c.address)
    }

    static func profileKey(name: String, birthDate: String?, guardian: String?, address: String?) -> String {
        trimmed(name) + "\u{1F}" + (birthDate ?? "") + "\u{1F}" + trimmed(guardian ?? "") + "\u{1F}" + trimmed(address ?? "")
    }

    /// Without surrounding white space; values are nearly always trimmed already, and Foundation's
    /// trimming costs a microsecond or two even then, so look at the ends first.
    static func trimmed(_ s: String) -> String {
        guard let first = s.first, let last = s.last, first.isWhitespace || last.isWhitespace else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }
}

extension AppDatabase {
    /// Saves children read from a spreadsheet, all in ONE transaction, skipping those that already
    /// have a file (see `ChildIdentity`) or repeat an earlier child of the same import.
    ///
    /// Households: children with the same non-empty address and the same guardian (name, phone and
    /// capacity notes) share one household and one guardian record — siblings on the roster, or a
    /// home already in the database. Every other child gets a household and guardian of its own.
    /// Each new file gets a history line: field `created`, new value `import:<file name>`.
    ///
    /// With `dryRun` everything is written and then rolled back, so the outcomes are exactly those
    /// of a real import. `progress(done, total)` is called every few hundred children. With `audit`, a
    /// real import leaves one audit entry (see `ImportAuditNote`) in the same transaction.
    public func importChildren(_ children: [Child], fileName: String, actor: String, timestamp: String,
                               dryRun: Bool = false, audit: ImportAuditNote? = nil,
                               progress: ((Int, Int) -> Void)? = nil) throws -> [ChildImportOutcome] {
        try writer.writeWithoutTransaction { db in
            var outcomes: [ChildImportOutcome] = []
            // A page cache large enough for the indexes a county roster touches, so the one
            // transaction does not spill pages to the log and read them back (the connection's
            // own size again afterwards).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            // References are checked once for all new rows before the commit (see `ChildBatch`),
            // not by SQLite row by row; on again for every other write of this connection.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            // A multi-row INSERT keeps a statement journal (to undo a half-done statement); past
            // 64 KiB SQLite writes it to a temporary file, unless temporary storage is in memory.
            let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = \(tempStore)") }
            try db.inTransaction(.immediate) {
                outcomes = try Self.importChildren(db, children, source: "import:" + fileName, actor: actor,
                                                   timestamp: timestamp, progress: progress)
                if dryRun { return .rollback }
                try audit?.record(db, outcomes, actor: actor, timestamp: timestamp) { outcome in
                    if case .created = outcome { return .created } else { return .duplicate }
                }
                return .commit
            }
            return outcomes
        }
    }

    private struct KnownChildren {
        var ids: Set<TextKey> = []
        var profiles: Set<TextKey> = []          // every child
        var profilesWithoutID: Set<TextKey> = []
    }

    private static func loadKnownChildren(_ db: Database) throws -> KnownChildren {
        var known = KnownChildren()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.id_number, c.name, c.birth_date, g.name, h.address
            FROM child c
            LEFT JOIN guardian g ON g.id = c.guardian_id
            LEFT JOIN household h ON h.id = c.household_id
            """)
        while let r = try rows.next() {
            let id: String? = r[0]
            let profile = TextKey(ChildIdentity.profileKey(name: r[1], birthDate: r[2], guardian: r[3], address: r[4]))
            known.profiles.insert(profile)
            if let id, !id.isEmpty { known.ids.insert(TextKey(id.uppercased())) } else { known.profilesWithoutID.insert(profile) }
        }
        return known
    }

    /// What an import works out for a child without the database, on the prefetching thread.
    private struct Prepared: @unchecked Sendable {
        var keys: Result<ChildKeys, any Error>
        var id: TextKey?
        var profile: TextKey
        /// Address and guardian, when the child has both (siblings share the home).
        var home: TextKey?

        init(_ child: Child, pinyin: inout PinyinCache) {
            keys = Result { try ChildKeys(child, pinyin: &pinyin) }
            id = ChildIdentity.idKey(child).map(TextKey.init)
            profile = TextKey(ChildIdentity.profileKey(child))
            home = child.guardian.flatMap { child.address.isEmpty ? nil : TextKey(householdKey(address: child.address, guardian: $0)) }
        }
    }

    private static func householdKey(address: String, guardian: Guardian) -> String {
        [address, guardian.name, guardian.phone, guardian.capacityNotes].joined(separator: "\u{1F}")
    }

    /// Households with an address and a guardian, by `householdKey`.
    private static func loadHouseholds(_ db: Database) throws -> [TextKey: (household: Int64, guardian: Int64)] {
        var homes: [TextKey: (household: Int64, guardian: Int64)] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT h.id, g.id, h.address, g.name, g.phone, g.capacity_notes
            FROM guardian g JOIN household h ON h.id = g.household_id
            WHERE h.address <> ''
            ORDER BY g.id
            """)
        while let r = try rows.next() {
            let key = TextKey(householdKey(address: r[2], guardian: Guardian(name: r[3], relation: .other, phone: r[4], capacityNotes: r[5])))
            if homes[key] == nil { homes[key] = (r[0], r[1]) }
        }
        return homes
    }

    private static func importChildren(_ db: Database, _ children: [Child], source: String, actor: String,
                                       timestamp: String, progress: ((Int, Int) -> Void)?) throws -> [ChildImportOutcome] {
        let known = try loadKnownChildren(db)
        var homes = try loadHouseholds(db)
        var writer = try ChildWriter(db: db, timestamp: timestamp)
        var batch = try ChildBatch(db: db, timestamp: timestamp, actor: actor, source: source)
        var seenIDs: [TextKey: Int] = [:]
        var seenProfiles: [TextKey: Int] = [:]
        var seenProfilesWithoutID: [TextKey: Int] = [:]
        var outcomes: [ChildImportOutcome] = []
        outcomes.reserveCapacity(children.count)
        let step = max(500, children.count / 100)
        let prepared = ChunkPrefetcher(children) { slice in
            var pinyin = PinyinCache()
            return slice.map { Prepared($0, pinyin: &pinyin) }
        }
        defer { prepared.cancel() }
        for k in 0..<prepared.chunkCount {
            for (offset, p) in prepared.chunk(k).enumerated() {
                let index = k * prepared.chunkSize + offset
                let child = children[index]
                if let progress, index > 0, index % step == 0 { progress(index, children.count) }
                if let id = p.id {
                    if known.ids.contains(id) { outcomes.append(.alreadyInDatabase(.idNumber)); continue }
                    if known.profilesWithoutID.contains(p.profile) { outcomes.append(.alreadyInDatabase(.profile)); continue }
                    if let earlier = seenIDs[id] { outcomes.append(.repeats(earlier, .idNumber)); continue }
                    if let earlier = seenProfilesWithoutID[p.profile] { outcomes.append(.repeats(earlier, .profile)); continue }
                } else {
                    if known.profiles.contains(p.profile) { outcomes.append(.alreadyInDatabase(.profile)); continue }
                    if let earlier = seenProfiles[p.profile] { outcomes.append(.repeats(earlier, .profile)); continue }
                }
                let keys = try p.keys.get()

                let household: Int64
                let guardian: Int64?
                if let homeKey = p.home, let home = homes[homeKey] {
                    household = home.household
                    guardian = home.guardian
                } else {
                    household = batch.addHousehold(address: child.address, gridID: try writer.gridID(child.gridName))
                    guardian = child.guardian.map { batch.addGuardian($0, pinyin: keys.guardianPinyin ?? "", household: household) }
                    if let homeKey = p.home, let guardian { homes[homeKey] = (household, guardian) }
                }
                let childID = try batch.add(child, values: try writer.fileValues(child, keys: keys), household: household, guardian: guardian)
                outcomes.append(.created(childID))
                if let id = p.id { seenIDs[id] = index } else { seenProfilesWithoutID[p.profile] = seenProfilesWithoutID[p.profile] ?? index }
                seenProfiles[p.profile] = seenProfiles[p.profile] ?? index
            }
        }
        try batch.flush()
        let broken = try ChildBatch.brokenReferences(db, since: batch.first)
        guard broken == 0 else { throw StorageError.refused(.constraint(.foreignKey)) }
        progress?(children.count, children.count)
        return outcomes
    }
}

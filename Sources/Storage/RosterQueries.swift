import Domain
import Foundation
import GRDB

/// What the header of the roster needs: the community and the counts.
public struct RosterSummary: Equatable, Sendable {
    public var communityName: String
    public var isDemo: Bool
    public var activeChildren: Int
    public var archivedChildren: Int
    /// Homes with an active child; nil when not counted (the screens do not show it, and at county
    /// scale it costs more than the rest of the first frame).
    public var households: Int?
    /// Active children without an active primary mentor (未结对).
    public var unpaired: Int

    public init(communityName: String, isDemo: Bool, activeChildren: Int, archivedChildren: Int, households: Int?, unpaired: Int = 0) {
        self.communityName = communityName; self.isDemo = isDemo; self.activeChildren = activeChildren
        self.archivedChildren = archivedChildren; self.households = households; self.unpaired = unpaired
    }
}

extension AppDatabase {
    /// The header's counts. Each is read from a small index rather than by visiting every child, so
    /// the first frame costs the same at 300 or 100,000 children: active = all − archived (few);
    /// unpaired = active − active children with an active primary pairing, and those are the
    /// entries of the partial unique index `pairing_one_primary` (one per child, each naming an
    /// existing child) less the few that belong to archived children.
    public func rosterSummary(countingHouseholds: Bool = true) throws -> RosterSummary {
        try writer.read { db in
            let name = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'community_name'") ?? ""
            let demo = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'is_demo'") == "1"
            let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM child") ?? 0
            let archived = try Int.fetchOne(db, sql: "SELECT count(*) FROM child WHERE status = 'archived'") ?? 0
            let primaries = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM pairing INDEXED BY pairing_one_primary WHERE pair_role = 'primary' AND end_date IS NULL
                """) ?? 0
            let archivedPrimaries = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM child c WHERE c.status = 'archived' AND EXISTS
                    (SELECT 1 FROM pairing p WHERE p.child_id = c.id AND p.pair_role = 'primary' AND p.end_date IS NULL)
                """) ?? 0
            let households = countingHouseholds ? try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT household_id) FROM child WHERE status = 'active' AND household_id IS NOT NULL
                """) ?? 0 : nil
            let active = all - archived
            return RosterSummary(communityName: name, isDemo: demo, activeChildren: active, archivedChildren: archived,
                                 households: households, unpaired: active - (primaries - archivedPrimaries))
        }
    }

    /// Ids of the active children matching `search` (see `rosterIDs(_:today:)`), in pinyin order.
    ///
    /// The search is a name fragment in Chinese (`小明`), full pinyin (`zhangxiao`, spaces ignored),
    /// pinyin initials (`zxm`), an ID-number or phone fragment, or the guardian's name (Chinese, pinyin
    /// or initials). Ranking: exact name, then prefix, then contains, then other fields. Pinyin keys
    /// are stored columns computed at write time; nothing is transliterated here.
    public func rosterIDs(search: String = "") throws -> [Int64] {
        // Age bands are not used here, so any date serves as "today".
        try rosterIDs(RosterQuery(search: search), today: LocalDate(year: 2000, month: 1, day: 1)!)
    }

    /// Roster lines for the given ids, in the order given (ids not found are skipped).
    public func rosterRows(ids: [Int64]) throws -> [RosterRow] {
        guard !ids.isEmpty else { return [] }
        return try writer.read { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.name, c.sex, c.birth_date, s.name AS school, k.name AS class, g.name AS grid,
                       gu.name AS guardian, c.guardian_relation, c.left_behind_type
                FROM child c
                LEFT JOIN school_class k ON k.id = c.school_class_id
                LEFT JOIN school s ON s.id = k.school_id
                LEFT JOIN grid g ON g.id = c.grid_id
                LEFT JOIN guardian gu ON gu.id = c.guardian_id
                WHERE c.id IN (\(placeholders))
                """, arguments: StatementArguments(ids))
            var byID: [Int64: RosterRow] = [:]
            for r in rows {
                let id: Int64 = r["id"]
                byID[id] = RosterRow(
                    id: id, name: r["name"], sex: (r["sex"] as String?).flatMap(Sex.init(rawValue:)),
                    birthDate: (r["birth_date"] as String?).flatMap { LocalDate(parsing: $0) },
                    schoolName: r["school"], className: r["class"], gridName: r["grid"], guardianName: r["guardian"],
                    guardianRelation: (r["guardian_relation"] as String?).flatMap(GuardianRelation.init(rawValue:)),
                    leftBehindType: (r["left_behind_type"] as String?).flatMap(LeftBehindType.init(rawValue:)))
            }
            return ids.compactMap { byID[$0] }
        }
    }

    /// The whole file of one child, or nil when no such child exists.
    public func child(id: Int64) throws -> Child? {
        try writer.read { db in try Self.child(db, id: id) }
    }

    static func child(_ db: Database, id: Int64) throws -> Child? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT c.*, s.name AS school, k.name AS class, g.name AS grid, h.address AS address,
                   gu.name AS guardian_name, gu.phone AS guardian_phone, gu.capacity_notes AS guardian_notes
            FROM child c
            LEFT JOIN school_class k ON k.id = c.school_class_id
            LEFT JOIN school s ON s.id = k.school_id
            LEFT JOIN grid g ON g.id = c.grid_id
            LEFT JOIN household h ON h.id = c.household_id
            LEFT JOIN guardian gu ON gu.id = c.guardian_id
            WHERE c.id = ?
            """, arguments: [id]) else { return nil }
        let date: (String) -> LocalDate? = { col in (r[col] as String?).flatMap { LocalDate(parsing: $0) } }
        var guardian: Guardian?
        if let gname = r["guardian_name"] as String? {
            guardian = Guardian(name: gname,
                                relation: (r["guardian_relation"] as String?).flatMap(GuardianRelation.init(rawValue:)),
                                phone: r["guardian_phone"] ?? "", capacityNotes: r["guardian_notes"] ?? "")
        }
        return Child(
            id: r["id"], name: r["name"], sex: (r["sex"] as String?).flatMap(Sex.init(rawValue:)), ethnicity: r["ethnicity"],
            idNumber: r["id_number"], birthDate: date("birth_date"), schoolName: r["school"], className: r["class"],
            gridName: r["grid"], address: r["address"] ?? "", guardian: guardian,
            father: Parent(name: r["father_name"], workPlace: r["father_work_place"], phone: r["father_phone"]),
            mother: Parent(name: r["mother_name"], workPlace: r["mother_work_place"], phone: r["mother_phone"]),
            leftBehindType: (r["left_behind_type"] as String?).flatMap(LeftBehindType.init(rawValue:)),
            hardship: r["hardship"], dibao: r["dibao"], disability: r["disability"], health: r["health"],
            interests: r["interests"], careNoticeGiven: r["care_notice_given"], careNoticeDate: date("care_notice_date"),
            weeklyParentContact: r["weekly_parent_contact"], notes: r["notes"],
            status: ChildStatus(rawValue: r["status"]) ?? .active,
            archiveReason: (r["archive_reason"] as String?).flatMap(ArchiveReason.init(rawValue:)),
            archivedOn: date("archived_on"), consentDate: date("consent_date"), consentForm: r["consent_form"] ?? "")
    }

    static func escapeLike(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

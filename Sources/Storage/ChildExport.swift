import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// Every child file, whole, for export: one query joining school, class, grid, household and
    /// guardian. Roster order (pinyin of the name, then id); archived files, when included, come last.
    public func childrenForExport(includeArchived: Bool) throws -> [Child] {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.id, c.name, c.sex, c.ethnicity, c.id_number, c.birth_date, s.name, k.name, g.name, h.address,
                       gu.name, c.guardian_relation, gu.phone, gu.capacity_notes,
                       c.father_name, c.father_work_place, c.father_phone, c.mother_name, c.mother_work_place, c.mother_phone,
                       c.left_behind_type, c.hardship, c.dibao, c.disability, c.health, c.interests,
                       c.care_notice_given, c.care_notice_date, c.weekly_parent_contact, c.notes,
                       c.status, c.archive_reason, c.archived_on, c.consent_date, c.consent_form
                FROM child c
                LEFT JOIN school_class k ON k.id = c.school_class_id
                LEFT JOIN school s ON s.id = k.school_id
                LEFT JOIN grid g ON g.id = c.grid_id
                LEFT JOIN household h ON h.id = c.household_id
                LEFT JOIN guardian gu ON gu.id = c.guardian_id
                \(includeArchived ? "" : "WHERE c.status = 'active'")
                ORDER BY c.status = 'archived', c.name_sort, c.id
                """)
            var children: [Child] = []
            while let r = try rows.next() { children.append(Self.exportedChild(r)) }
            return children
        }
    }

    /// Reads the row of `childrenForExport` by column position (names cost a lookup per value).
    private static func exportedChild(_ r: Row) -> Child {
        func date(_ i: Int) -> LocalDate? { (r[i] as String?).flatMap { LocalDate(parsing: $0) } }
        var guardian: Guardian?
        if let name = r[10] as String? {
            guardian = Guardian(name: name, relation: (r[11] as String?).flatMap(GuardianRelation.init(rawValue:)),
                                phone: r[12] ?? "", capacityNotes: r[13] ?? "")
        }
        return Child(
            id: r[0], name: r[1], sex: (r[2] as String?).flatMap(Sex.init(rawValue:)), ethnicity: r[3],
            idNumber: r[4], birthDate: date(5), schoolName: r[6], className: r[7], gridName: r[8], address: r[9] ?? "",
            guardian: guardian,
            father: Parent(name: r[14], workPlace: r[15], phone: r[16]),
            mother: Parent(name: r[17], workPlace: r[18], phone: r[19]),
            leftBehindType: (r[20] as String?).flatMap(LeftBehindType.init(rawValue:)),
            hardship: r[21], dibao: r[22], disability: r[23], health: r[24], interests: r[25],
            careNoticeGiven: r[26], careNoticeDate: date(27), weeklyParentContact: r[28], notes: r[29],
            status: ChildStatus(rawValue: r[30]) ?? .active,
            archiveReason: (r[31] as String?).flatMap(ArchiveReason.init(rawValue:)), archivedOn: date(32),
            consentDate: date(33), consentForm: r[34] ?? "")
    }
}

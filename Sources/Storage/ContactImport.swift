import Domain
import Foundation
import GRDB

/// One contact read from a spreadsheet, offered to `importContacts`.
public struct ContactImportItem: Equatable, Sendable {
    /// The child's ID number (upper case), or nil: then the child is found by name and birth date.
    public var childIDNumber: String?
    /// As written in the file; compared with the record (a warning when it differs), or, without ID
    /// number, what finds the child with the birth date.
    public var childName: String
    public var childBirthDate: LocalDate?
    /// Identifies the mentor (dashes and spaces ignored).
    public var mentorPhone: String
    /// As written in the file; only compared with the record (a warning when it differs).
    public var mentorName: String
    public var kind: ContactKind
    public var date: LocalDate
    public var place: String
    /// For a letter: its content, kept only with `keepLetterContent`.
    public var summary: String
    public var concerns: [Concern]
    public var followUp: String

    public init(childIDNumber: String?, childName: String = "", childBirthDate: LocalDate? = nil, mentorPhone: String,
                mentorName: String = "", kind: ContactKind, date: LocalDate, place: String = "", summary: String = "",
                concerns: [Concern] = [], followUp: String = "") {
        self.childIDNumber = childIDNumber; self.childName = childName; self.childBirthDate = childBirthDate
        self.mentorPhone = mentorPhone; self.mentorName = mentorName; self.kind = kind; self.date = date
        self.place = place; self.summary = summary; self.concerns = Concern.allCases.filter(concerns.contains)
        self.followUp = followUp
    }
}

/// What became of one contact offered to `importContacts`.
public struct ContactImportOutcome: Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        /// A new contact with this id (rolled back again in a dry run or when `rollbackIfRefused` applied).
        case created(Int64)
        /// The same contact (child, mentor, kind, date, summary) is already in the database.
        case alreadyInDatabase
        /// The same contact on an earlier item of this import, at the given index.
        case repeats(Int)
        /// No child with this ID number (or name and birth date).
        case unknownChild
        /// No mentor with this phone.
        case unknownMentor
        /// No ID number, and this many children have the name and birth date given.
        case ambiguousChild(Int)
        /// Dated after today.
        case futureDate
    }

    public var result: Result
    /// The child was found by ID number, but the name in the file is not the child's.
    public var childNameDiffers: Bool
    /// The mentor was found by phone, but the name in the file is not theirs.
    public var mentorNameDiffers: Bool
    /// No pairing of this mentor with this child covers the date: the contact counts toward no obligation.
    public var notPaired: Bool
    /// A letter whose content was in the file and was not stored (only the fact and the date).
    public var letterContentLeftOut: Bool

    public init(_ result: Result, childNameDiffers: Bool = false, mentorNameDiffers: Bool = false, notPaired: Bool = false,
                letterContentLeftOut: Bool = false) {
        self.result = result; self.childNameDiffers = childNameDiffers; self.mentorNameDiffers = mentorNameDiffers
        self.notPaired = notPaired; self.letterContentLeftOut = letterContentLeftOut
    }

    public var isRefused: Bool {
        switch result {
        case .unknownChild, .unknownMentor, .ambiguousChild, .futureDate: return true
        case .created, .alreadyInDatabase, .repeats: return false
        }
    }
}

extension AppDatabase {
    /// Adds contacts read from a spreadsheet, all in ONE transaction.
    ///
    /// Children are found by ID number (or, without one, by name and birth date) and mentors by phone,
    /// with one bulk read each; the pairings are read once too, to warn about a contact on a date the
    /// mentor was not paired with the child (it is recorded, but counts toward no obligation).
    ///
    /// A letter's content is not stored unless `keepLetterContent` (未成年人保护法 art. 63): the row
    /// records the fact and the date, and its outcome says the content was left out. Such a letter is
    /// a duplicate of any letter of the same mentor to the same child on the same date.
    ///
    /// A contact already present (same child, mentor, kind, date and summary, not deleted), or repeating
    /// an earlier item, is not created twice, so re-running an import adds nothing. With `dryRun`, or
    /// with `rollbackIfRefused` when any item was refused, everything is rolled back at the end.
    public func importContacts(_ items: [ContactImportItem], today: LocalDate, keepLetterContent: Bool = false,
                               source: String = "import", actor: String, timestamp: String, dryRun: Bool = false,
                               rollbackIfRefused: Bool = false, audit: ImportAuditNote? = nil,
                               progress: ((Int, Int) -> Void)? = nil) throws -> [ContactImportOutcome] {
        try writer.writeWithoutTransaction { db in
            var outcomes: [ContactImportOutcome] = []
            try db.inTransaction(.immediate) {
                outcomes = try Self.importContacts(db, items, today: today, keepLetterContent: keepLetterContent, source: source,
                                                   actor: actor, timestamp: timestamp, progress: progress)
                if dryRun || (rollbackIfRefused && outcomes.contains(where: \.isRefused)) { return .rollback }
                try audit?.record(db, outcomes, actor: actor, timestamp: timestamp) { outcome in
                    switch outcome.result {
                    case .created: return .created
                    case .alreadyInDatabase, .repeats: return .duplicate
                    default: return .refused
                    }
                }
                return .commit
            }
            return outcomes
        }
    }

    private struct KnownForContact {
        var childrenByID: [String: (id: Int64, name: String)] = [:]
        /// name + birth date → child ids.
        var childrenByProfile: [String: [Int64]] = [:]
        var mentors: [String: (id: Int64, name: String)] = [:]
        /// child|mentor → the dates of each of their pairings, any role.
        var pairings: [String: [(start: LocalDate, end: LocalDate?)]] = [:]

        static func profile(_ name: String, _ birth: String) -> String { name + "\u{1F}" + birth }
        static func pair(_ child: Int64, _ mentor: Int64) -> String { "\(child)|\(mentor)" }

        func paired(_ child: Int64, _ mentor: Int64, on date: LocalDate) -> Bool {
            (pairings[Self.pair(child, mentor)] ?? []).contains { $0.start <= date && ($0.end.map { date <= $0 } ?? true) }
        }
    }

    private static func loadKnownForContact(_ db: Database) throws -> KnownForContact {
        var known = KnownForContact()
        let children = try Row.fetchCursor(db, sql: "SELECT id, name, id_number, birth_date FROM child")
        while let r = try children.next() {
            let id: Int64 = r[0], name: String = r[1]
            if let number = r[2] as String?, !number.isEmpty { known.childrenByID[number.uppercased()] = (id, name) }
            if let birth = r[3] as String? { known.childrenByProfile[KnownForContact.profile(name, birth), default: []].append(id) }
        }
        for r in try Row.fetchAll(db, sql: "SELECT id, phone, name FROM mentor") { known.mentors[compactPhone(r[1])] = (r[0], r[2]) }
        let pairings = try Row.fetchCursor(db, sql: "SELECT child_id, mentor_id, start_date, end_date FROM pairing")
        while let r = try pairings.next() {
            guard let start = LocalDate(parsing: r[2] as String) else { continue }
            known.pairings[KnownForContact.pair(r[0], r[1]), default: []].append((start, (r[3] as String?).flatMap { LocalDate(parsing: $0) }))
        }
        return known
    }

    private static func importContacts(_ db: Database, _ items: [ContactImportItem], today: LocalDate, keepLetterContent: Bool,
                                       source: String, actor: String, timestamp: String,
                                       progress: ((Int, Int) -> Void)?) throws -> [ContactImportOutcome] {
        let known = try loadKnownForContact(db)
        let insert = try db.makeStatement(sql: """
            INSERT INTO contact(child_id, mentor_id, kind, date, place, summary, concerns, follow_up, created_at, updated_at,
                actor, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Both use the unique index contact_once (child, mentor, kind, date, summary).
        let same = try db.makeStatement(sql: """
            SELECT 1 FROM contact WHERE child_id = ? AND mentor_id = ? AND kind = ? AND date = ? AND summary = ? AND deleted = 0
            """)
        let anyLetter = try db.makeStatement(sql: """
            SELECT 1 FROM contact WHERE child_id = ? AND mentor_id = ? AND kind = 'letter' AND date = ? AND deleted = 0
            """)
        var outcomes: [ContactImportOutcome] = []
        outcomes.reserveCapacity(items.count)
        /// child|mentor|kind|date|summary (summary left out for a letter whose content is not kept) → index.
        var seen: [String: Int] = [:]
        let step = max(500, items.count / 100)
        for (index, item) in items.enumerated() {
            if let progress, index > 0, index % step == 0 { progress(index, items.count) }
            // The child: by ID number, else by name and birth date.
            let child: Int64
            var childNameDiffers = false
            if let number = item.childIDNumber?.uppercased(), !number.isEmpty {
                guard let found = known.childrenByID[number] else { outcomes.append(.init(.unknownChild)); continue }
                child = found.id
                childNameDiffers = !item.childName.isEmpty && item.childName != found.name
            } else {
                let ids = item.childBirthDate.map { known.childrenByProfile[KnownForContact.profile(item.childName, $0.description)] ?? [] } ?? []
                guard ids.count == 1 else {
                    outcomes.append(.init(ids.isEmpty ? .unknownChild : .ambiguousChild(ids.count)))
                    continue
                }
                child = ids[0]
            }
            guard let mentor = known.mentors[compactPhone(item.mentorPhone)] else {
                outcomes.append(.init(.unknownMentor, childNameDiffers: childNameDiffers))
                continue
            }
            var contact = normalized(Contact(childID: child, mentorID: mentor.id, kind: item.kind, date: item.date, place: item.place,
                                             summary: item.summary, concerns: item.concerns, followUp: item.followUp))
            let leftOut = contact.kind == .letter && !keepLetterContent && !contact.summary.isEmpty
            if contact.kind == .letter && !keepLetterContent { contact.summary = "" }
            func outcome(_ result: ContactImportOutcome.Result) -> ContactImportOutcome {
                ContactImportOutcome(result, childNameDiffers: childNameDiffers,
                                     mentorNameDiffers: !item.mentorName.isEmpty && item.mentorName != mentor.name,
                                     notPaired: !known.paired(child, mentor.id, on: contact.date), letterContentLeftOut: leftOut)
            }
            if contact.date > today { outcomes.append(outcome(.futureDate)); continue }
            let factOnly = contact.kind == .letter && !keepLetterContent
            let key = [String(child), String(mentor.id), contact.kind.rawValue, contact.date.description, factOnly ? "" : contact.summary]
                .joined(separator: "\u{1F}")
            if let earlier = seen[key] { outcomes.append(outcome(.repeats(earlier))); continue }
            let present = factOnly
                ? try Bool.fetchOne(anyLetter, arguments: [child, mentor.id, contact.date.description]) != nil
                : try Bool.fetchOne(same, arguments: [child, mentor.id, contact.kind.rawValue, contact.date.description,
                                                      contact.summary]) != nil
            if present { outcomes.append(outcome(.alreadyInDatabase)); continue }
            try insert.execute(arguments: [child, mentor.id, contact.kind.rawValue, contact.date.description, contact.place,
                                           contact.summary, contact.concernCodes, contact.followUp, timestamp, timestamp, actor, source])
            let id = db.lastInsertedRowID
            try recordContactHistory(db, contact: id, at: timestamp, actor: actor, field: "created", old: nil, new: source)
            seen[key] = index
            outcomes.append(outcome(.created(id)))
        }
        progress?(items.count, items.count)
        return outcomes
    }
}

/// One contact as the contacts spreadsheet writes it: the child and mentor by what identifies them in files.
public struct ContactExportRow: Equatable, Sendable {
    public var childName: String
    public var childIDNumber: String?
    public var childBirthDate: LocalDate?
    public var mentorName: String
    public var mentorPhone: String
    public var contact: Contact

    public init(childName: String, childIDNumber: String?, childBirthDate: LocalDate?, mentorName: String, mentorPhone: String,
                contact: Contact) {
        self.childName = childName; self.childIDNumber = childIDNumber; self.childBirthDate = childBirthDate
        self.mentorName = mentorName; self.mentorPhone = mentorPhone; self.contact = contact
    }
}

extension AppDatabase {
    /// Every contact not deleted, dated from `from` to `to` (both included, either open), for export: one
    /// query. Ordered by date, then the child as the roster export orders children (active files first,
    /// pinyin, id), mentor phone, kind and summary, so a database rebuilt from the exported files exports
    /// the same rows in the same order.
    public func contactsForExport(from: LocalDate? = nil, to: LocalDate? = nil) throws -> [ContactExportRow] {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.name, c.id_number, c.birth_date, m.name, m.phone, k.kind, k.date, k.place, k.summary, k.concerns,
                       k.follow_up, k.id, k.child_id, k.mentor_id
                FROM contact k JOIN child c ON c.id = k.child_id JOIN mentor m ON m.id = k.mentor_id
                WHERE k.deleted = 0 AND (?1 IS NULL OR k.date >= ?1) AND (?2 IS NULL OR k.date <= ?2)
                ORDER BY k.date, c.status = 'archived', c.name_sort, c.id, replace(m.phone, '-', ''), k.kind, k.summary, k.id
                """, arguments: [from?.description, to?.description])
            var out: [ContactExportRow] = []
            while let r = try rows.next() {
                guard let kind = ContactKind(rawValue: r[5]), let date = LocalDate(parsing: r[6] as String) else { continue }
                let contact = Contact(id: r[11], childID: r[12], mentorID: r[13], kind: kind, date: date, place: r[7], summary: r[8],
                                      concerns: Contact.concerns(fromCodes: r[9]), followUp: r[10])
                out.append(ContactExportRow(
                    childName: r[0], childIDNumber: (r[1] as String?).flatMap { $0.isEmpty ? nil : $0 },
                    childBirthDate: (r[2] as String?).flatMap { LocalDate(parsing: $0) }, mentorName: r[3], mentorPhone: r[4],
                    contact: contact))
            }
            return out
        }
    }
}

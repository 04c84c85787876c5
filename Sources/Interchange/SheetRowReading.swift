import Domain
import Foundation

/// A sheet whose rows name a child (by ID number, or by name with birth date) and a mentor (by
/// phone): the pairings and contacts sheets.
protocol ChildMentorColumns: SheetColumn {
    static var childName: Self { get }
    static var childIDNumber: Self { get }
    static var childBirthDate: Self { get }
    static var mentorName: Self { get }
    static var mentorPhone: Self { get }
}

extension PairingColumn: ChildMentorColumns {}
extension ContactColumn: ChildMentorColumns {}

/// One row being read: its values by column and the problems found so far. The reading rules every
/// such sheet shares live here once (dates, choices, lengths, the child and the mentor).
struct SheetRowReading<Column: SheetColumn> {
    let record: CSVRecord
    let at: [Column: Int]
    let memo: ParseMemo
    var issues: [SheetIssue<Column>] = []

    init(_ record: CSVRecord, at: [Column: Int], memo: ParseMemo) { self.record = record; self.at = at; self.memo = memo }

    func value(_ c: Column) -> String { at[c].map { $0 < record.fields.count ? record.fields[$0] : "" } ?? "" }

    /// A date, or nil when empty (a problem when it cannot be read).
    mutating func date(_ c: Column) -> LocalDate? {
        let raw = value(c)
        if raw.isEmpty { return nil }
        if let d = memo.date(raw) { return d }
        issues.append(SheetIssue(c, FieldParsing.dateProblem(raw)))
        return nil
    }

    /// One of a column's words, or nil when empty (a problem when it is none of them).
    mutating func choice<T>(_ c: Column, _ parse: (String) -> T?) -> T? {
        let raw = value(c)
        if raw.isEmpty { return nil }
        if let v = parse(raw) { return v }
        issues.append(SheetIssue(c, .choice(raw)))
        return nil
    }

    /// The text, with a problem when it is longer than `max` characters.
    mutating func text(_ c: Column, max: Int) -> String {
        let v = value(c)
        if v.count > max { issues.append(SheetIssue(c, .tooLong(max: max))) }
        return v
    }
}

/// Who a row is about: the child's ID number (upper case, "" without one), name and birth date, and the
/// mentor's phone and name.
struct ChildAndMentor {
    var idNumber: String
    var childName: String
    var birthDate: LocalDate?
    var phone: String
    var mentorName: String

    /// "Child / mentor", for the report file only.
    var names: String { [childName, mentorName].filter { !$0.isEmpty }.joined(separator: " / ") }
}

extension SheetRowReading where Column: ChildMentorColumns {
    /// Reads the child (a valid ID number, or else the name with the birth date) and the mentor's phone.
    mutating func childAndMentor() -> ChildAndMentor {
        let childName = value(.childName)
        let idText = RosterValues.numberText(value(.childIDNumber)).uppercased()
        if !idText.isEmpty {
            do { _ = try IDNumber.validate(idText) } catch { issues.append(SheetIssue(.childIDNumber, .id(error))) }
        }
        let birth = date(.childBirthDate)
        // Without an ID number the child is found by name and birth date; both are needed.
        if idText.isEmpty, childName.isEmpty || (birth == nil && value(.childBirthDate).isEmpty) {
            issues.append(SheetIssue(.childIDNumber, .required))
        }
        let phone = RosterValues.phone(value(.mentorPhone))
        if phone.isEmpty {
            issues.append(SheetIssue(.mentorPhone, .required))
        } else if !Phone.isValid(phone) {
            issues.append(SheetIssue(.mentorPhone, .phone))
        }
        return ChildAndMentor(idNumber: idText, childName: childName, birthDate: birth, phone: phone, mentorName: value(.mentorName))
    }
}

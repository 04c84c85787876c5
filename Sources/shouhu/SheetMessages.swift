import App
import Domain
import Foundation
import Interchange
import Storage

/// A column of the mentors or pairings sheet, with the words its import uses in the user's language:
/// the column's name, the reason a row is a duplicate and the summary line.
protocol CatalogSheetColumn: SheetColumn {
    /// The column's name in messages.
    func name(_ strings: Strings) -> String
    /// Why a row is a duplicate: of the row `firstRow` of the file, or (nil) of a record in the database.
    static func duplicate(_ strings: Strings, firstRow: Int?) -> String
    /// `读取 {0} 行，导入 {1} …，重复 {2} …，拒绝 {3} 行`, counted in mentors, pairings or contacts.
    static var summary: StringKey { get }
    /// A store rule's reason as the row's refusal: `无法结对：<reason>` unless the sheet says otherwise.
    static func refused(_ strings: Strings, _ reason: String) -> String
}

extension CatalogSheetColumn {
    static func refused(_ strings: Strings, _ reason: String) -> String { strings.format(.pairErrorOther, reason) }
}

extension MentorColumn: CatalogSheetColumn {
    /// The mentor form's names (`mf.*`), and the catalog's names for the two columns the form has not.
    func name(_ strings: Strings) -> String {
        switch self {
        case .status: return strings[.importColumnMentorStatus]
        case .leftOn: return strings[.importColumnMentorLeftOn]
        case .name, .role, .phone, .grid, .organisation, .capacity: return strings.label("mf", self)
        }
    }

    static func duplicate(_ strings: Strings, firstRow: Int?) -> String {
        firstRow.map { strings.format(.importMentorDuplicateInFile, $0) } ?? strings[.importMentorDuplicateInDatabase]
    }

    static var summary: StringKey { .importMentorSummary }
}

extension PairingColumn: CatalogSheetColumn {
    func name(_ strings: Strings) -> String {
        switch self {
        case .childName: return strings[.importColumnChildName]
        case .childIDNumber: return strings[.importColumnChildIDNumber]
        case .childBirthDate: return strings[.importColumnChildBirthDate]
        case .mentorName: return strings[.importColumnMentorName]
        case .mentorPhone: return strings[.importColumnMentorPhone]
        case .role: return strings[.importColumnPairRole]
        case .start: return strings[.importColumnStartDate]
        case .end: return strings[.importColumnEndDate]
        case .endReason: return strings[.importColumnEndReason]
        case .overrideReason: return strings[.importColumnOverrideReason]
        }
    }

    static func duplicate(_ strings: Strings, firstRow: Int?) -> String {
        firstRow.map { strings.format(.importPairingDuplicateInFile, $0) } ?? strings[.importPairingDuplicateInDatabase]
    }

    static var summary: StringKey { .importPairingSummary }
}

extension ContactColumn: CatalogSheetColumn {
    func name(_ strings: Strings) -> String {
        switch self {
        case .childName: return strings[.importColumnChildName]
        case .childIDNumber: return strings[.importColumnChildIDNumber]
        case .childBirthDate: return strings[.importColumnChildBirthDate]
        case .mentorName: return strings[.importColumnMentorName]
        case .mentorPhone: return strings[.importColumnMentorPhone]
        case .kind: return strings[.importColumnContactKind]
        case .date: return strings[.importColumnContactDate]
        case .place: return strings[.importColumnPlace]
        case .summary: return strings[.importColumnSummary]
        case .concerns: return strings[.importColumnConcerns]
        case .followUp: return strings[.importColumnFollowUp]
        }
    }

    static func duplicate(_ strings: Strings, firstRow: Int?) -> String {
        firstRow.map { strings.format(.importContactDuplicateInFile, $0) } ?? strings[.importContactDuplicateInDatabase]
    }

    static var summary: StringKey { .importContactSummary }

    /// An unknown child or mentor on a contact row is no pairing refused: the reason alone.
    static func refused(_ strings: Strings, _ reason: String) -> String { reason }
}

/// The messages of a mentors or pairings import in the user's language, as `ImportMessages` words
/// them for children.
struct SheetMessages<Column: CatalogSheetColumn> {
    let strings: Strings

    func columnName(_ column: Column?) -> String { column?.name(strings) ?? "" }

    func reason(_ detail: SheetNote<Column>.Detail) -> String {
        switch detail {
        case .problem(let p): return problem(p)
        case .duplicateInDatabase: return Column.duplicate(strings, firstRow: nil)
        case .duplicateInFile(let first): return Column.duplicate(strings, firstRow: first)
        case .unknownColumn(let header): return strings.format(.importUnknownColumn, header)
        }
    }

    func problem(_ problem: SheetProblem) -> String {
        switch problem {
        case .field(let p): return strings.describe(p)
        case .rule(let error): return rule(error)
        case .ambiguousChild(let count): return strings.format(.importAmbiguousChild, count)
        case .nameDiffers: return strings[.importNameDiffers]
        case .notPaired: return strings[.importContactNotPaired]
        case .letterContentLeftOut: return strings[.importContactLetterLeftOut]
        }
    }

    /// A rule's refusal: the words the app's screens use where they fit, else `无法结对：<reason>`.
    func rule(_ error: PairingError) -> String {
        switch error {
        case .alreadyPaired: return strings[.pairErrorAlreadyPaired]
        case .childArchived: return strings[.pairErrorArchived]
        case .mentorLeft: return strings[.pairErrorMentorLeft]
        case .invalidPhone: return strings[.problemPhone]
        case .duplicatePhone: return strings[.mentorErrorDuplicatePhone]
        case let .capacityReached(limit, current): return cannotPair(strings.format(.importRuleCapacityReached, current, limit))
        case let .capacityBelowLoad(capacity, load): return cannotPair(strings.format(.importRuleCapacityBelowLoad, capacity, load))
        case .childAlreadyHasPrimary: return cannotPair(strings[.importRuleChildHasPrimary])
        case .unknownChild: return cannotPair(strings[.importRuleUnknownChild])
        case .unknownMentor: return cannotPair(strings[.importRuleUnknownMentor])
        case .unknownPairing: return cannotPair(strings[.importRuleUnknownPairing])
        case .endBeforeStart: return cannotPair(strings[.importRuleEndBeforeStart])
        case .alreadyEnded: return cannotPair(strings[.importRuleAlreadyEnded])
        }
    }

    private func cannotPair(_ reason: String) -> String { Column.refused(strings, reason) }

    func lines(_ notes: [SheetNote<Column>]) -> [String] {
        notes.compactMap { note in
            ImportMessages.line(strings, note.kind, row: note.row, column: columnName(note.column), reason: reason(note.detail),
                                duplicateInDatabase: note.detail == .duplicateInDatabase)
        }
    }

    func report(_ notes: [SheetNote<Column>]) -> Data {
        let words = ImportMessages(strings: strings)
        return SheetReport.csv(notes, headers: words.reportHeaders) { note in
            var column = columnName(note.column)
            if case .unknownColumn(let header) = note.detail { column = header }
            return (words.result(note.kind), column, reason(note.detail))
        }
    }

    func describe(_ error: SheetReadError) -> String {
        switch error {
        case .file(let e): return ImportMessages(strings: strings).describe(e)
        case .missingColumns(let headers):
            let list = headers.map { "“\($0)”" }.joined(separator: strings[.importListAnd])
            return strings.format(.errorGeneric, strings.format(.importMissingColumns, list))
        }
    }
}

import Domain
import Foundation

/// The roster (花名册) as a spreadsheet file or JSON.
///
/// CSV: the Chinese headers in `ChildField` order (plus 档案状态/归档原因/归档日期 when archived files
/// are included), values in the words `RosterReader` reads back, so export → import → export gives
/// the same bytes. ID and phone numbers, and any value starting with `=`, `+`, `-` or `@`, get a
/// leading tab inside the quotes: Excel and WPS then keep them as text (an 18-digit ID number would
/// otherwise become `1.10105E+17` and lose its last digits) and never run them as formulas. The
/// importer trims the tab away.
public enum RosterExport {
    public static func columns(includeArchived: Bool) -> [RosterColumn] {
        ChildField.allCases.map(RosterColumn.field) + (includeArchived ? [.status, .archiveReason, .archivedOn] : [])
    }

    public static func csv(_ children: [Child], includeArchived: Bool) -> Data {
        let columns = columns(includeArchived: includeArchived)
        var writer = CSVTextWriter()
        writer.writeRow(columns.map(RosterColumns.header))
        for child in children {
            writer.writeRow(columns.map { spreadsheetSafe(cell(child, $0), column: $0) })
        }
        return writer.data
    }

    /// The value of one column, as the roster writes it.
    public static func cell(_ c: Child, _ column: RosterColumn) -> String {
        switch column {
        case .status: return RosterValues.label(c.status)
        case .archiveReason: return c.archiveReason.map(RosterValues.label) ?? ""
        case .archivedOn: return c.archivedOn?.description ?? ""
        case .grade: return ""
        case .field(let f):
            switch f {
            case .name: return c.name
            case .sex: return c.sex.map(RosterValues.label) ?? ""
            case .ethnicity: return c.ethnicity
            case .idNumber: return c.idNumber ?? ""
            case .birthDate: return c.birthDate?.description ?? ""
            case .school: return c.schoolName ?? ""
            case .className: return c.className ?? ""
            case .grid: return c.gridName ?? ""
            case .address: return c.address
            case .guardianName: return c.guardian?.name ?? ""
            case .guardianRelation: return c.guardian?.relation.map(RosterValues.label) ?? ""
            case .guardianPhone: return c.guardian?.phone ?? ""
            case .guardianNotes: return c.guardian?.capacityNotes ?? ""
            case .fatherName: return c.father.name
            case .fatherWorkPlace: return c.father.workPlace
            case .fatherPhone: return c.father.phone
            case .motherName: return c.mother.name
            case .motherWorkPlace: return c.mother.workPlace
            case .motherPhone: return c.mother.phone
            case .leftBehindType: return c.leftBehindType.map(RosterValues.label) ?? ""
            case .hardship: return RosterValues.label(c.hardship)
            case .dibao: return RosterValues.label(c.dibao)
            case .disability: return RosterValues.label(c.disability)
            case .health: return c.health
            case .interests: return c.interests
            case .careNotice: return RosterValues.label(c.careNoticeGiven)
            case .careNoticeDate: return c.careNoticeDate?.description ?? ""
            case .weeklyContact: return RosterValues.label(c.weeklyParentContact)
            case .notes: return c.notes
            case .consentDate: return c.consentDate?.description ?? ""
            case .consentForm: return c.consentForm
            }
        }
    }

    static let numberColumns: Set<RosterColumn> = [.field(.idNumber), .field(.guardianPhone), .field(.fatherPhone), .field(.motherPhone)]

    static func spreadsheetSafe(_ value: String, column: RosterColumn) -> String {
        CSVTextWriter.spreadsheetSafe(value, asText: numberColumns.contains(column))
    }

    /// A JSON array, one object per child with the `ChildField` raw names as keys (and `status`,
    /// `archive_reason`, `archived_on`), stored values (`male`, `paternal_grandmother`, ISO dates),
    /// `null` for unknown values and `true`/`false` for the flags.
    public static func json(_ children: [Child]) -> Data {
        var out = "[\n"
        for (i, c) in children.enumerated() {
            var pairs: [(String, String)] = []
            for f in ChildField.allCases { pairs.append((f.rawValue, jsonValue(c, f))) }
            pairs.append(("status", quoted(c.status.rawValue)))
            pairs.append(("archive_reason", c.archiveReason.map { quoted($0.rawValue) } ?? "null"))
            pairs.append(("archived_on", c.archivedOn.map { quoted($0.description) } ?? "null"))
            out += "  {" + pairs.map { quoted($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
            out += i == children.count - 1 ? "\n" : ",\n"
        }
        out += "]\n"
        return Data(out.utf8)
    }

    static func jsonValue(_ c: Child, _ f: ChildField) -> String {
        func opt(_ s: String?) -> String { s.map(quoted) ?? "null" }
        switch f {
        case .sex: return opt(c.sex?.rawValue)
        case .idNumber: return opt(c.idNumber)
        case .birthDate: return opt(c.birthDate?.description)
        case .school: return opt(c.schoolName)
        case .className: return opt(c.className)
        case .grid: return opt(c.gridName)
        case .guardianName: return opt(c.guardian?.name)
        case .guardianRelation: return opt(c.guardian?.relation?.rawValue)
        case .guardianPhone: return opt(c.guardian?.phone)
        case .guardianNotes: return opt(c.guardian?.capacityNotes)
        case .leftBehindType: return opt(c.leftBehindType?.rawValue)
        case .careNoticeDate: return opt(c.careNoticeDate?.description)
        case .consentDate: return opt(c.consentDate?.description)
        case .hardship: return String(c.hardship)
        case .dibao: return String(c.dibao)
        case .disability: return String(c.disability)
        case .careNotice: return String(c.careNoticeGiven)
        case .weeklyContact: return String(c.weeklyParentContact)
        default: return quoted(cell(c, .field(f)))
        }
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

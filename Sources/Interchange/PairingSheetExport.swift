import Domain
import Foundation
import Storage

/// Every pairing, active and ended (the full history), as a spreadsheet file or JSON.
///
/// CSV: UTF-8 with BOM and CRLF, the Chinese headers of `PairingColumn` in order, values in the words
/// `PairingReader` reads back, so export → import (into a database holding the same children and
/// mentors) → export gives the same bytes. 出生日期 is written only for a child without ID number,
/// whom it identifies with the name. ID and phone numbers carry a leading tab for Excel.
public enum PairingSheetExport {
    public static let columns = PairingColumn.allCases

    static let numberColumns: Set<PairingColumn> = [.childIDNumber, .mentorPhone]

    public static func csv(_ pairings: [PairingExportRow]) -> Data {
        var writer = CSVTextWriter()
        writer.writeRow(columns.map(\.header))
        for p in pairings {
            writer.writeRow(columns.map { CSVTextWriter.spreadsheetSafe(cell(p, $0), asText: numberColumns.contains($0)) })
        }
        return writer.data
    }

    /// The value of one column, as the sheet writes it.
    public static func cell(_ p: PairingExportRow, _ column: PairingColumn) -> String {
        switch column {
        case .childName: return p.childName
        case .childIDNumber: return p.childIDNumber ?? ""
        case .childBirthDate: return p.childIDNumber == nil ? p.childBirthDate?.description ?? "" : ""
        case .mentorName: return p.mentorName
        case .mentorPhone: return p.mentorPhone
        case .role: return PairingValues.label(p.role)
        case .start: return p.start.description
        case .end: return p.end?.description ?? ""
        case .endReason: return p.endReason.map(PairingValues.label) ?? ""
        case .overrideReason: return p.overrideReason ?? ""
        }
    }

    /// A JSON array, one object per pairing with the `PairingColumn` raw names as keys, stored values
    /// (`primary`, `mentor_left`, ISO dates) and `null` for values not set.
    public static func json(_ pairings: [PairingExportRow]) -> Data {
        JSONLines.array(pairings.map { p in
            [("child_name", RosterExport.quoted(p.childName)), ("child_id_number", JSONLines.optional(p.childIDNumber)),
             ("child_birth_date", JSONLines.optional(p.childBirthDate?.description)),
             ("mentor_name", RosterExport.quoted(p.mentorName)), ("mentor_phone", RosterExport.quoted(p.mentorPhone)),
             ("pair_role", RosterExport.quoted(p.role.rawValue)), ("start_date", RosterExport.quoted(p.start.description)),
             ("end_date", JSONLines.optional(p.end?.description)), ("end_reason", JSONLines.optional(p.endReason?.rawValue)),
             ("override_reason", JSONLines.optional(p.overrideReason))]
        })
    }
}

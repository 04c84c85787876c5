import Domain
import Foundation

/// The mentor registry (帮扶人名册) as a spreadsheet file or JSON.
///
/// CSV: UTF-8 with BOM and CRLF like the roster, the Chinese headers of `MentorColumn` in order, every
/// mentor (active and left: pairing history names them), values in the words `MentorReader` reads back,
/// so export → import → export gives the same bytes. Phones carry a leading tab so Excel keeps them as
/// text; values starting with `=`, `+`, `-` or `@` too, so they never run as formulas.
public enum MentorSheetExport {
    public static let columns = MentorColumn.allCases

    public static func csv(_ mentors: [Mentor]) -> Data {
        var writer = CSVTextWriter()
        writer.writeRow(columns.map(\.header))
        for mentor in mentors {
            writer.writeRow(columns.map { CSVTextWriter.spreadsheetSafe(cell(mentor, $0), asText: $0 == .phone) })
        }
        return writer.data
    }

    /// The value of one column, as the sheet writes it.
    public static func cell(_ m: Mentor, _ column: MentorColumn) -> String {
        switch column {
        case .name: return m.name
        case .role: return MentorValues.label(m.role)
        case .phone: return m.phone
        case .grid: return m.gridName ?? ""
        case .organisation: return m.organisation
        case .capacity: return String(m.capacity)
        case .status: return MentorValues.label(m.status)
        case .leftOn: return m.leftOn?.description ?? ""
        }
    }

    /// A JSON array, one object per mentor with the `MentorColumn` raw names as keys, stored values
    /// (`caring_mother`, `left`, ISO dates), `null` for unknown values and a number for the capacity.
    public static func json(_ mentors: [Mentor]) -> Data {
        JSONLines.array(mentors.map { m in
            [("name", RosterExport.quoted(m.name)), ("role", RosterExport.quoted(m.role.rawValue)),
             ("phone", RosterExport.quoted(m.phone)), ("grid", JSONLines.optional(m.gridName)),
             ("organisation", RosterExport.quoted(m.organisation)), ("capacity", String(m.capacity)),
             ("status", RosterExport.quoted(m.status.rawValue)), ("left_on", JSONLines.optional(m.leftOn?.description))]
        })
    }
}

/// JSON arrays of flat objects, written as the roster's JSON export writes them (one object a line).
enum JSONLines {
    static func optional(_ s: String?) -> String { s.map(RosterExport.quoted) ?? "null" }

    static func array(_ objects: [[(String, String)]]) -> Data {
        var out = "[\n"
        for (i, pairs) in objects.enumerated() {
            out += "  {" + pairs.map { RosterExport.quoted($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
            out += i == objects.count - 1 ? "\n" : ",\n"
        }
        out += "]\n"
        return Data(out.utf8)
    }
}

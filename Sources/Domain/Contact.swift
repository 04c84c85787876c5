import Foundation

/// What a mentor did with or for a child. The raw values are the codes of files and JSON output.
public enum ContactKind: String, CaseIterable, Codable, Sendable {
    case visit      // 走访 (home visit)
    case talk       // 谈心 (heart-to-heart talk)
    case teacher    // 联系班主任 (contact with the class teacher)
    case guardian   // 与监护人沟通 (communication with the guardian)
    case letter     // 写信
    case call       // 亲情电话 (phone call)
    case other      // 其他

    /// The Chinese word a register and an import file use (`走访`, `谈心`, … `电话`, `其他`).
    public var sheetName: String {
        switch self {
        case .visit: return "走访"
        case .talk: return "谈心"
        case .teacher: return "联系班主任"
        case .guardian: return "与监护人沟通"
        case .letter: return "写信"
        case .call: return "电话"
        case .other: return "其他"
        }
    }

    /// Reads a kind from a file cell: the Chinese word (also `家访`, `亲情电话`, `监护人`, `班主任`) or the code.
    public init?(sheet text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let k = ContactKind(rawValue: t.lowercased()) { self = k; return }
        switch t {
        case "走访", "家访", "入户走访": self = .visit
        case "谈心", "谈心谈话": self = .talk
        case "联系班主任", "班主任": self = .teacher
        case "与监护人沟通", "监护人沟通", "监护人": self = .guardian
        case "写信", "书信": self = .letter
        case "电话", "亲情电话": self = .call
        case "其他", "其它": self = .other
        default: return nil
        }
    }
}

/// Something a contact found that needs attention (关注事项).
public enum Concern: String, CaseIterable, Codable, Sendable {
    case safety, health, schooling, guardianship, emotional
}

/// One contact of a mentor with a child (帮扶记录).
///
/// Letters: by default only the fact and the date are kept (`summary` empty); their content, when
/// kept, is shown to its author and to coordinators only (未成年人保护法 art. 63).
public struct Contact: Equatable, Codable, Sendable {
    public var id: Int64?
    public var childID: Int64
    public var mentorID: Int64
    public var kind: ContactKind
    public var date: LocalDate
    public var place: String
    public var summary: String
    /// In `Concern.allCases` order, without repeats.
    public var concerns: [Concern]
    public var followUp: String

    public init(id: Int64? = nil, childID: Int64, mentorID: Int64, kind: ContactKind, date: LocalDate, place: String = "",
                summary: String = "", concerns: [Concern] = [], followUp: String = "") {
        self.id = id; self.childID = childID; self.mentorID = mentorID; self.kind = kind; self.date = date
        self.place = place; self.summary = summary
        self.concerns = Concern.allCases.filter(concerns.contains); self.followUp = followUp
    }

    /// Concerns as stored: `safety,health`.
    public var concernCodes: String { concerns.map(\.rawValue).joined(separator: ",") }

    public static func concerns(fromCodes text: String) -> [Concern] {
        let codes = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return Concern.allCases.filter { codes.contains($0.rawValue) }
    }
}

extension LocalDate: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

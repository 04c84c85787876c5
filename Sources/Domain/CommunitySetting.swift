/// A setting of the community that a coordinator may change (`shouhu settings set NAME VALUE`), named
/// as on the command line, with the check of its value. Pure: the value is checked and normalized
/// here, stored by Storage (`setCommunitySetting`).
///
///     try CommunitySetting.communityName.normalize("  青山镇留守儿童之家 ")   // "青山镇留守儿童之家"
///     try CommunitySetting.idleMinutes.normalize("0.50")                     // "0.5"
public enum CommunitySetting: String, CaseIterable, Sendable {
    /// The community (社区/村/镇) name of the header and of every report.
    case communityName = "community-name"
    /// Minutes without a key before the screen locks; 0 never.
    case idleMinutes = "idle-minutes"

    /// The longest community name, in characters.
    public static let nameMaximum = 60
    /// The longest idle delay, in minutes (a day).
    public static let idleMaximum = 1440
    /// The idle delay when none is set.
    public static let idleDefault = 5

    /// Why a value was refused.
    public enum Problem: Error, Equatable, Sendable {
        /// Empty, or spaces only.
        case empty
        /// More than `maximum` characters.
        case tooLong(maximum: Int)
        /// A control or formatting character (line break, tab, escape, bidi override…).
        case controlCharacter
        /// Not a number of minutes from 0 to `maximum` (digits, maybe a decimal point).
        case notMinutes(maximum: Int)
    }

    /// The value as it is stored, or the problem. A name loses the spaces at its ends; minutes are
    /// written plainly (`010` → `10`, `0.50` → `0.5`).
    public func normalize(_ text: String) throws(Problem) -> String {
        switch self {
        case .communityName: return try Self.communityName(text)
        case .idleMinutes: return try Self.minutesText(Self.minutes(text))
        }
    }

    /// `normalize` as a result, for callers that cannot throw.
    public func check(_ text: String) -> Result<String, Problem> {
        do throws(Problem) { return .success(try normalize(text)) } catch { return .failure(error) }
    }

    static func communityName(_ text: String) throws(Problem) -> String {
        if text.unicodeScalars.contains(where: Self.isRefused) { throw .controlCharacter }
        let name = text.trimmingWhitespace
        if name.isEmpty { throw .empty }
        if name.isLonger(than: nameMaximum) { throw .tooLong(maximum: nameMaximum) }
        return name
    }

    /// Control characters (C0, DEL, C1), formatting characters (bidi overrides and isolates, zero-width
    /// joiners, soft hyphen) and line or paragraph separators: none belongs in a place name, and each
    /// could garble a report or the screen.
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Minutes: ASCII digits with at most one decimal point (`10`, `0.5`, `.5`), 0 to `idleMaximum`.
    public static func minutes(_ text: String) throws(Problem) -> Double {
        let t = text.trimmingWhitespace
        let digits = t.filter { $0 != "." }
        guard !digits.isEmpty, t.count - digits.count <= 1, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Double(t), value.isFinite, value >= 0, value <= Double(idleMaximum) else {
            throw .notMinutes(maximum: idleMaximum)
        }
        return value
    }

    static func minutesText(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

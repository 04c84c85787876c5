import Foundation

/// The 18-character resident identity number (居民身份证号码, GB 11643-1999).
///
///     let id = try IDNumber.validate("11010519491231002X")
///     id.birthDate  // 1949-12-31
///     id.sex        // .female (sequence 002: even)
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public let birthDate: LocalDate
    public let sex: Sex

    public var description: String { value }

    /// Why a string is not a valid ID number.
    public enum Problem: Error, Equatable, Sendable {
        case length(Int)
        case characters
        case region
        case birthDate
        case checkCharacter(expected: Character)
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// Province-level codes in use (first two digits).
    static let provinces: Set<Int> = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
                                      41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
                                      71, 81, 82]

    /// The MOD 11-2 check character for the first 17 digits.
    public static func checkCharacter(forFirst17 digits: some Collection<Character>) -> Character? {
        guard digits.count == 17 else { return nil }
        var sum = 0
        for (c, w) in zip(digits, weights) {
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            sum += d * w
        }
        return checkChars[sum % 11]
    }

    /// Validates length, region, birth date and check character; a lowercase `x` is accepted as `X`.
    public static func validate(_ raw: String) throws(Problem) -> IDNumber {
        let text = raw.trimmingWhitespace.uppercased()
        let bytes = Array(text.utf8)
        if bytes.count == 18, bytes.allSatisfy({ $0 < 0x80 }) { return try validate(ascii: bytes, text: text) }
        return try validate(characters: text)
    }

    /// The checks on `Character`s, for anything but 18 ASCII bytes (and as the reference in tests).
    static func validate(characters text: String) throws(Problem) -> IDNumber {
        let chars = Array(text)
        guard chars.count == 18 else { throw .length(chars.count) }
        guard chars[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }),
              chars[17].isASCII, chars[17].isNumber || chars[17] == "X" else { throw .characters }
        let province = Int(String(chars[0..<2]))!
        guard provinces.contains(province), String(chars[2..<6]) != "0000" || province >= 71 else { throw .region }
        guard let y = Int(String(chars[6..<10])), let m = Int(String(chars[10..<12])), let d = Int(String(chars[12..<14])),
              let birth = LocalDate(year: y, month: m, day: d) else { throw .birthDate }
        let expected = checkCharacter(forFirst17: chars[0..<17])!
        guard expected == chars[17] else { throw .checkCharacter(expected: expected) }
        let seq = chars[16].wholeNumberValue!
        return IDNumber(value: text, birthDate: birth, sex: seq % 2 == 1 ? .male : .female)
    }

    /// The same checks, in the same order, on 18 ASCII bytes (nearly every ID number): no
    /// `Character`s to make.
    private static func validate(ascii b: [UInt8], text: String) throws(Problem) -> IDNumber {
        func digit(_ i: Int) -> Int? { b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digit($1)! } }
        guard (0..<17).allSatisfy({ digit($0) != nil }), digit(17) != nil || b[17] == UInt8(ascii: "X") else { throw .characters }
        let province = number(0..<2)
        guard provinces.contains(province), number(2..<6) != 0 || province >= 71 else { throw .region }
        guard let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else { throw .birthDate }
        var sum = 0
        for i in 0..<17 { sum += digit(i)! * weights[i] }
        let expected = checkChars[sum % 11]
        guard expected == Character(Unicode.Scalar(b[17])) else { throw .checkCharacter(expected: expected) }
        return IDNumber(value: text, birthDate: birth, sex: digit(16)! % 2 == 1 ? .male : .female)
    }

    private init(value: String, birthDate: LocalDate, sex: Sex) {
        self.value = value; self.birthDate = birthDate; self.sex = sex
    }

    /// `5107**********1171`: the first four and last four characters, as lists show it.
    public static func masked(_ value: String) -> String {
        let c = Array(value)
        guard c.count > 8 else { return String(repeating: "*", count: c.count) }
        return String(c[0..<4]) + String(repeating: "*", count: c.count - 8) + String(c[(c.count - 4)...])
    }
}

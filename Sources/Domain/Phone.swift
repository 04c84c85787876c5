import Foundation

/// Phone numbers as the registers hold them.
public enum Phone {
    /// Mainland mobile number: 11 digits, `^1[3-9]\d{9}$`.
    public static func isMobile(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 11, c[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(c[1]) else { return false }
        return c.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Landline with area code: `0xx-xxxxxxx(x)` or `0xxx-xxxxxxx(x)`, the dash optional.
    public static func isLandline(_ s: String) -> Bool {
        let digits = s.replacingOccurrences(of: "-", with: "")
        guard s.filter({ $0 == "-" }).count <= 1, digits.first == "0",
              digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return (10...12).contains(digits.count)
    }

    public static func isValid(_ s: String) -> Bool { isMobile(s) || isLandline(s) }

    /// `139****0824` for mobiles; other numbers keep only their last four digits.
    public static func masked(_ s: String) -> String {
        let c = Array(s)
        if c.count == 11 { return String(c[0..<3]) + "****" + String(c[7...]) }
        guard c.count > 4 else { return String(repeating: "*", count: c.count) }
        return String(repeating: "*", count: c.count - 4) + String(c[(c.count - 4)...])
    }
}

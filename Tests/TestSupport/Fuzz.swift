import Foundation

/// Seeded fuzzing for the property tests: deterministic inputs, so a failure names its seed and case
/// and replays. `SHOUHU_FUZZ_SCALE=N` runs N times as many cases (the long run), `SHOUHU_FUZZ_SEED`
/// another stream. One target, shared by every test target that fuzzes.
public struct Fuzz: RandomNumberGenerator {
    public static let environment = ProcessInfo.processInfo.environment
    public static var scale: Int { max(1, Int(environment["SHOUHU_FUZZ_SCALE"] ?? "") ?? 1) }
    public static var baseSeed: UInt64 { UInt64(environment["SHOUHU_FUZZ_SEED"] ?? "") ?? 20_261_123 }

    /// `n` cases, times the scale.
    public static func cases(_ n: Int) -> Int { n * scale }

    /// A generator for one test, seeded from the base seed and the test's label.
    public init(_ label: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x0100_0000_01B3 }
        state = Fuzz.baseSeed ^ h
        self.label = label
    }

    public let label: String
    public private(set) var state: UInt64

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// A string of `count` picks from `alphabet`.
    public mutating func string(_ alphabet: [String], count: Int) -> String {
        var s = ""
        for _ in 0..<count { s += pick(alphabet) }
        return s
    }

    /// Bytes that break text formats: NUL, 0xFF, lone continuation and lead bytes, a BOM, quotes,
    /// separators, line ends.
    public static let interestingBytes: [[UInt8]] = [
        [0x00], [0xFF], [0x80], [0xC0], [0xE4], [0xE4, 0xB8], [0xEF, 0xBB, 0xBF], [0x22], [0x2C], [0x3B], [0x09],
        [0x0D], [0x0A], [0x0D, 0x0A], [0x22, 0x22], [0x20], [0x1A], [0xA1, 0xA1], [0x81, 0x30, 0x81, 0x30],
    ]

    /// One to four libFuzzer-style mutations of `input`: bit flips, random bytes, inserted tokens
    /// (from `dictionary` and the interesting bytes), deleted, duplicated and moved ranges, truncation.
    public mutating func mutate(_ input: [UInt8], dictionary: [[UInt8]] = []) -> [UInt8] {
        var b = input
        for _ in 0..<int(1..<5) {
            let n = b.count
            switch int(0..<9) {
            case 0 where n > 0: let i = int(0..<n); b[i] ^= UInt8(1 << int(0..<8))
            case 1 where n > 0: b[int(0..<n)] = UInt8(int(0..<256))
            case 2: b.insert(UInt8(int(0..<256)), at: int(0..<(n + 1)))
            case 3: b.insert(contentsOf: pick(Fuzz.interestingBytes), at: int(0..<(n + 1)))
            case 4 where !dictionary.isEmpty: b.insert(contentsOf: pick(dictionary), at: int(0..<(n + 1)))
            case 5 where n > 1:
                let i = int(0..<n), len = int(1..<min(64, n - i) + 1)
                b.removeSubrange(i..<(i + len))
            case 6 where n > 1:
                let i = int(0..<n), len = int(1..<min(64, n - i) + 1)
                b.insert(contentsOf: Array(b[i..<(i + len)]), at: int(0..<(n + 1)))
            case 7 where n > 2:
                let i = int(0..<n), len = int(1..<min(64, n - i) + 1)
                let chunk = Array(b[i..<(i + len)])
                b.removeSubrange(i..<(i + len))
                b.insert(contentsOf: chunk, at: int(0..<(b.count + 1)))
            case 8 where n > 0: b.removeSubrange(int(0..<n)...)
            default: b.append(UInt8(int(0..<256)))
            }
        }
        return b
    }

    /// A short printable form of an input for a failure message.
    public static func show(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(300), as: UTF8.self).debugDescription
        return "\(bytes.count) bytes: \(text)\(bytes.count > 300 ? "…" : "")"
    }
}

/// Counts what a fuzz test did, for the line it prints (`fuzz <label>: N cases … in S s`).
public struct FuzzTally {
    public let label: String
    let started = Date()
    public var cases = 0
    public var rejected = 0

    public init(label: String) { self.label = label }

    public func report(_ extra: String = "") {
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        print("fuzz \(label): \(cases) cases (\(rejected) rejected, each with a message)\(extra.isEmpty ? "" : ", " + extra) in \(seconds) s")
    }
}

import Foundation
import TestSupport
import Testing
@testable import Domain

/// Seeded property tests of the ID-number validator (GB 11643): random and mutated strings never
/// crash it; what it accepts is well-formed; every single-digit error and adjacent transposition of
/// a valid number is refused with a reason.
@Suite("Fuzzing: ID numbers")
struct FuzzIDNumberTests {
    static let provinces = Array(IDNumber.provinces).sorted()

    /// A valid number: a real province, any area, a real date from 1900 to 2030, any sequence.
    static func validNumber(_ f: inout Fuzz) -> (String, LocalDate) {
        let province = f.pick(provinces)
        let area = String(format: "%04d", f.int(1..<10_000))
        var date: LocalDate?
        while date == nil { date = LocalDate(year: f.int(1900..<2031), month: f.int(1..<13), day: f.int(1..<32)) }
        let d = date!
        let first17 = String(format: "%02d", province) + area + String(format: "%04d%02d%02d", d.year, d.month, d.day)
            + String(format: "%03d", f.int(0..<1000))
        return (first17 + String(IDNumber.checkCharacter(forFirst17: Array(first17))!), d)
    }

    /// Checks what `validate` says about `raw`; returns whether it was accepted.
    @discardableResult
    static func check(_ raw: String) -> Bool {
        do throws(IDNumber.Problem) {
            let id = try IDNumber.validate(raw)
            let c = Array(id.value)
            #expect(c.count == 18, "accepted \(raw.debugDescription) as \(id.value)")
            #expect(c[..<17].allSatisfy { $0.isASCII && $0.isNumber }, "\(raw.debugDescription)")
            #expect(IDNumber.checkCharacter(forFirst17: c[..<17]) == c[17], "\(raw.debugDescription)")
            #expect(id.value == raw.trimmingCharacters(in: .whitespaces).uppercased())
            let birth = String(c[6..<14])
            #expect(String(format: "%04d%02d%02d", id.birthDate.year, id.birthDate.month, id.birthDate.day) == birth)
            #expect(id.sex == (c[16].wholeNumberValue! % 2 == 1 ? .male : .female))
            #expect(IDNumber.masked(id.value).count == 18)
            return true
        } catch {
            // Typed throws: the reason is one of `IDNumber.Problem`, each of which the app words.
            if case .length(let n) = error { #expect(n != 18, "length problem for 18 characters: \(raw.debugDescription)") }
            return false
        }
    }

    @Test func randomStringsNeverCrashAndAcceptedOnesAreWellFormed() {
        var f = Fuzz("id-random")
        var tally = FuzzTally(label: "ID numbers (random strings)")
        let alphabet = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "x", " ", "\t", "-", "Ｘ", "１", "٣", "〇",
                        "王", "a", "\u{301}", "👍", "\u{0}", "\n", "₁", "²"]
        for _ in 0..<Fuzz.cases(20_000) {
            let raw: String
            switch f.int(0..<3) {
            case 0: raw = f.string(alphabet, count: f.int(0..<25))
            case 1: raw = f.string(Array(alphabet[0..<12]), count: f.int(15..<21))
            default:
                // A valid number with noise around or inside.
                var s = Array(Self.validNumber(&f).0)
                for _ in 0..<f.int(0..<3) { s.insert(Character(f.pick(alphabet)), at: f.int(0..<(s.count + 1))) }
                raw = String(s)
            }
            tally.cases += 1
            if !Self.check(raw) { tally.rejected += 1 }
        }
        tally.report()
    }

    @Test func validNumbersPassAndEverySingleErrorIsCaught() throws {
        var f = Fuzz("id-valid")
        var tally = FuzzTally(label: "ID numbers (valid, and one digit changed or swapped)")
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for _ in 0..<Fuzz.cases(10_000) {
            let (number, date) = Self.validNumber(&f)
            tally.cases += 1
            let id = try? IDNumber.validate(number)
            #expect(id?.birthDate == date, "\(number) should be valid")
            #expect(try IDNumber.validate(" " + number.lowercased() + " ").value == number)

            // One character changed: always refused (MOD 11-2 catches every single substitution).
            var changed = Array(number)
            let i = f.int(0..<18)
            var replacement = f.pick(digits + ["X"])
            while replacement == changed[i] { replacement = f.pick(digits + ["X"]) }
            changed[i] = replacement
            tally.cases += 1
            tally.rejected += 1
            #expect(!Self.check(String(changed)), "\(number) with position \(i) changed to \(replacement) was accepted")

            // Two neighbours of the first 17 swapped: refused unless they were equal.
            var swapped = Array(number)
            let j = f.int(0..<16)
            guard swapped[j] != swapped[j + 1] else { continue }
            swapped.swapAt(j, j + 1)
            tally.cases += 1
            tally.rejected += 1
            #expect(!Self.check(String(swapped)), "\(number) with positions \(j) and \(j + 1) swapped was accepted")
        }
        tally.report()
    }
}

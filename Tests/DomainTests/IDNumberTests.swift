@testable import Domain
import Foundation
import Testing

@Suite("ID numbers (GB 11643)")
struct IDNumberTests {
    @Test func publishedExampleIsValid() throws {
        let id = try IDNumber.validate("11010519491231002X")
        #expect(id.birthDate == LocalDate(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)
        #expect(id.value == "11010519491231002X")
    }

    @Test func lowercaseXIsAccepted() throws {
        #expect(try IDNumber.validate(" 11010519491231002x ").value == "11010519491231002X")
    }

    @Test(arguments: [
        ("110105194912310021", IDNumber.Problem.checkCharacter(expected: "X")),
        ("11010519990230002X", .birthDate),
        ("00010519491231002X", .region),
        ("99010519491231002X", .region),
        ("1101051949123100", .length(16)),
        ("1101051949123100A2", .characters),
        ("", .length(0)),
    ])
    func invalidNumbersAreNamed(input: String, problem: IDNumber.Problem) {
        #expect(throws: problem) { try IDNumber.validate(input) }
    }

    @Test func checkCharacterAndSexFromSequence() throws {
        let first17 = Array("51072220150305117")
        let check = try #require(IDNumber.checkCharacter(forFirst17: first17))
        let id = try IDNumber.validate(String(first17) + String(check))
        #expect(id.sex == .male)
        #expect(id.birthDate == LocalDate(year: 2015, month: 3, day: 5))
    }

    @Test func maskingKeepsFourAndFour() {
        #expect(IDNumber.masked("510722201503051171") == "5107**********1171")
    }
}

@Suite("Phones")
struct PhoneTests {
    @Test(arguments: ["13912340824", "15000000000", "19999999999"])
    func mobiles(_ s: String) { #expect(Phone.isMobile(s)) }

    @Test(arguments: ["12912340824", "1391234082", "139123408245", "1391234082a", "+8613912340824"])
    func notMobiles(_ s: String) { #expect(!Phone.isMobile(s)) }

    @Test func landlines() {
        #expect(Phone.isLandline("028-85551234"))
        #expect(Phone.isLandline("0831-5551234"))
        #expect(!Phone.isLandline("28-85551234"))
        #expect(!Phone.isLandline("028-8555-1234"))
    }

    @Test func masking() {
        #expect(Phone.masked("13912340824") == "139****0824")
        #expect(Phone.masked("028-85551234") == "********1234")
    }

    /// 18 ASCII characters take a faster path; it must agree with the character-by-character one.
    @Test func theASCIIPathAgreesWithTheCharacterPath() {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(n)) }
        let valid = ["11010519491231002X", "510722201905039454", "710000201001010012", "810000200002290017"]
        var inputs = valid
        for base in valid {
            for _ in 0..<300 {
                var c = Array(base)
                c[next(18)] = Array("0123456789Xx-A ")[next(15)]
                if next(4) == 0 { c[next(18)] = Array("0123456789")[next(10)] }
                inputs.append(String(c))
            }
        }
        inputs += ["000000000000000000", "110000000000000000", "1101051949123100２X", "11010519491231002", "1101051949123100211"]
        for text in inputs {
            let fast = Result { () throws(IDNumber.Problem) in try IDNumber.validate(text) }
            let slow = Result { () throws(IDNumber.Problem) in try IDNumber.validate(characters: text.trimmingCharacters(in: .whitespaces).uppercased()) }
            #expect(fast == slow, "\(text)")
        }
    }
}

import Testing
@testable import Domain

/// The checks of `shouhu settings set` (and of the first account's community name).
@Suite("Community settings: what may be stored")
struct CommunitySettingTests {
    typealias P = CommunitySetting.Problem
    let name = CommunitySetting.communityName
    let minutes = CommunitySetting.idleMinutes

    @Test func namesAreTrimmedAndKept() throws {
        #expect(try name.normalize("青山镇留守儿童之家") == "青山镇留守儿童之家")
        #expect(try name.normalize("  青山镇 石桥村\u{3000}") == "青山镇 石桥村", "spaces inside stay, those at the ends go")
        #expect(try name.normalize("Qingshan Town (青山镇)") == "Qingshan Town (青山镇)")
        let longest = String(repeating: "镇", count: CommunitySetting.nameMaximum)
        #expect(try name.normalize(longest) == longest)
        #expect(name.check("e\u{301}" + String(repeating: "x", count: 59)) == .success("e\u{301}" + String(repeating: "x", count: 59)),
                "a letter with its accent is one character")
    }

    @Test(arguments: [
        ("", P.empty), ("   ", P.empty), ("\u{3000}\u{3000}", P.empty),
        (String(repeating: "镇", count: 61), P.tooLong(maximum: 60)), (String(repeating: "a", count: 200), P.tooLong(maximum: 60)),
        ("青山\n镇", P.controlCharacter), ("青山镇\t", P.controlCharacter), ("\u{1B}[2J青山镇", P.controlCharacter),
        ("青山镇\r", P.controlCharacter), ("青山\u{7F}镇", P.controlCharacter), ("青山\u{85}镇", P.controlCharacter),
        ("\u{202E}镇山青", P.controlCharacter), ("青山\u{2066}镇", P.controlCharacter), ("青山\u{200D}镇", P.controlCharacter),
        ("青山\u{2028}镇", P.controlCharacter), ("\0", P.controlCharacter),
    ])
    func namesRefused(text: String, problem: P) {
        #expect(name.check(text) == .failure(problem), "\(text.unicodeScalars.map(\.value))")
    }

    @Test func minutesAreWrittenPlainly() throws {
        #expect(try minutes.normalize("10") == "10")
        #expect(try minutes.normalize(" 010 ") == "10")
        #expect(try minutes.normalize("0") == "0")
        #expect(try minutes.normalize("0.5") == "0.5")
        #expect(try minutes.normalize(".5") == "0.5")
        #expect(try minutes.normalize("2.50") == "2.5")
        #expect(try minutes.normalize("5.0") == "5")
        #expect(try minutes.normalize("1440") == "1440")
        #expect(try CommunitySetting.minutes("0.25") == 0.25)
    }

    @Test(arguments: ["", " ", "-1", "-0.5", "ten", "十", "１０", "1e1", "0x10", "inf", "nan", "1,5", "1..5", "1.2.3", ".", "+5",
                      "1441", "99999999999999999999", "5 分钟", "5min"])
    func minutesRefused(text: String) {
        #expect(minutes.check(text) == .failure(.notMinutes(maximum: 1440)), "\(text)")
    }

    @Test func namesOnTheCommandLine() {
        #expect(CommunitySetting(rawValue: "community-name") == .communityName)
        #expect(CommunitySetting(rawValue: "idle-minutes") == .idleMinutes)
        #expect(CommunitySetting.allCases.count == 2)
    }
}

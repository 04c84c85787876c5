import App
import ArgumentParser
import Domain
import Foundation
import Storage
import TerminalUI

/// `shouhu review`: the files that need a coordinator's attention under the privacy rules.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List active children under 14 without a guardian's consent, and those who turned 16 (due for review).",
        discussion: """
        A child's data under 14 is sensitive personal information (个人信息保护法 art. 28, 31): record the guardian's consent
        (date and form) in the child's file. At 16 a child leaves the programme's age range: review, archive, or keep with a reason.
        One child a line: name, grid, date of birth, age (tab-separated), under a heading with the count.
        """)

    @OptionGroup var common: CommonOptions

    mutating func run() throws {
        let (database, principal, strings) = try CLIAccess.open(common)
        let today = try common.today(ProcessInfo.processInfo.environment)
        let active = try database.childrenForExport(includeArchived: false)
        let noConsent = active.filter { c in c.consentDate == nil && (c.age(on: today).map { $0 < Child.consentAge } ?? false) }
        let turned16 = active.filter { c in c.age(on: today).map { $0 >= Child.reviewAge } ?? false }
        try database.recordAccess(.export, entity: "review", detail: String(noConsent.count + turned16.count), actor: principal.name,
                                  timestamp: Import.Children.timestamp(ProcessInfo.processInfo.environment))
        print(strings.format(.reviewConsentHeader, noConsent.count))
        for c in noConsent { print(Self.line(c, today)) }
        print(strings.format(.reviewAgeHeader, turned16.count))
        for c in turned16 { print(Self.line(c, today)) }
    }

    static func line(_ c: Child, _ today: LocalDate) -> String {
        [c.name, c.gridName ?? "", c.birthDate?.description ?? "", c.age(on: today).map(String.init) ?? ""]
            .map { InertText.make($0) }.joined(separator: "\t")
    }
}

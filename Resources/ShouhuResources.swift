import Foundation

/// Gives the other modules the bundle that holds `Resources/` (string catalogs, templates, rules files).
public enum ShouhuResources {
    public static var bundle: Bundle { Bundle.module }

    /// URL of a file under `Resources/i18n`, or nil when the bundle does not carry it.
    public static func catalogURL(language: String) -> URL? {
        bundle.url(forResource: language, withExtension: "json", subdirectory: "i18n")
    }

    /// URL of a shipped template under `Resources/templates` (`templateURL(name: "semester-plan.yaml")`),
    /// or nil when the bundle does not carry it.
    public static func templateURL(name: String) -> URL? {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return bundle.url(forResource: base, withExtension: ext.isEmpty ? nil : ext, subdirectory: "templates")
    }

    /// The shipped obligation rules (`Resources/rules/five-ones.yaml`).
    public static var rulesURL: URL? { bundle.url(forResource: "five-ones", withExtension: "yaml", subdirectory: "rules") }
}

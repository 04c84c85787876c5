import Foundation

/// Gives the other modules the bundle that holds `Resources/` (string catalogs and, later, rules files).
public enum ShouhuResources {
    public static var bundle: Bundle { Bundle.module }

    /// URL of a file under `Resources/i18n`, or nil when the bundle does not carry it.
    public static func catalogURL(language: String) -> URL? {
        bundle.url(forResource: language, withExtension: "json", subdirectory: "i18n")
    }
}

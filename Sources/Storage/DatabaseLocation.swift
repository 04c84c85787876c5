import Foundation

/// Where the database file lives: `--db PATH`, else `SHOUHU_DB`, else `$XDG_DATA_HOME/shouhu/shouhu.sqlite`
/// (`~/.local/share/shouhu/shouhu.sqlite`). The demo database is a separate file beside it, never the real one.
public enum DatabaseLocation {
    public static func resolve(explicit: String?, demo: Bool, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if !demo, let env = environment["SHOUHU_DB"], !env.isEmpty { return env }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return base + "/shouhu/" + (demo ? "demo.sqlite" : "shouhu.sqlite")
    }

    /// Creates the parent directory (0700) when missing.
    public static func prepareDirectory(for path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue { throw StorageError.directory(path: dir, reason: "not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageError.directory(path: dir, reason: "could not be created")
        }
    }
}

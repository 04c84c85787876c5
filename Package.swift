// swift-tools-version:6.0
import PackageDescription

// Layers (dependencies point down only):
//   shouhu (executable: CLI, wiring, run loop)
//     ├── CursesBackend (the only code touching curses) ── CNcursesw
//     └── App (screens: state, Msg, update, view; keymap; commands; strings)
//           ├── TerminalUI (cells, buffer, widgets, width) ── CWidth
//           ├── Storage (GRDB: migrations, records, queries, demo data; all SQL)
//           ├── Scheduling (semesters, dates; pure)
//           └── Domain (value types, validation; pure)
let package = Package(
    name: "Shouhu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shouhu", targets: ["shouhu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CWidth", path: "Sources/CWidth"),
        .target(name: "Domain", path: "Sources/Domain"),
        .target(name: "Scheduling", dependencies: ["Domain"], path: "Sources/Scheduling"),
        .target(
            name: "Storage",
            dependencies: [
                "Domain", "Scheduling", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the one query that reads a million rows (ObligationQueries.contactFacts).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // AES-GCM for encrypted backups; scrypt (CryptoExtras) for passphrases and passwords.
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Sources/Storage"
        ),
        // Spreadsheet files: CSV import (UTF-8/GB18030, header aliases, line-numbered rejects) and export.
        .target(
            name: "Interchange",
            dependencies: ["Domain", "Scheduling", "Storage", "TerminalUI", .product(name: "Yams", package: "Yams")],
            path: "Sources/Interchange"
        ),
        .target(name: "TerminalUI", dependencies: ["CWidth"], path: "Sources/TerminalUI"),
        // The string catalogs live at the top-level Resources/ folder; this tiny target owns them.
        .target(
            name: "ShouhuResources",
            path: "Resources",
            exclude: ["README.md"],
            resources: [.copy("i18n"), .copy("templates"), .copy("rules")]
        ),
        .target(
            name: "App",
            dependencies: ["Domain", "Scheduling", "Storage", "Interchange", "TerminalUI", "ShouhuResources"],
            path: "Sources/App"
        ),
        .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalUI"], path: "Sources/CursesBackend"),
        .executableTarget(
            name: "shouhu",
            dependencies: [
                "App", "Storage", "Domain", "Scheduling", "TerminalUI", "CursesBackend", "Interchange", "ShouhuResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/shouhu"
        ),
        // Seeded fuzzing (deterministic cases, `SHOUHU_FUZZ_SCALE`), shared by the test targets that fuzz.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "Scheduling", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Domain"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "Storage", "Domain", "Scheduling", "ShouhuResources", "TerminalUI", "TestSupport"]),
        // Golden screens are read from Tests/AppTests/Golden via #filePath (SHOUHU_RECORD=1 rewrites them).
        // GRDB: a constraint failure of the schema is built as SQLite reports it (reasons in the user's language).
        .testTarget(name: "AppTests", dependencies: ["App", "Storage", "Domain", "Scheduling", "Interchange", "TerminalUI", "TestSupport",
                                                     .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Golden"]),
        // GRDB: a test holds a write transaction open on the database while the binary runs.
        .testTarget(name: "EndToEndTests", dependencies: ["Storage", "Domain", "Scheduling", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)

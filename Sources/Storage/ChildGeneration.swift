import GRDB

/// Which state of the `child` table a cache (the in-memory search keys, a roster window) was read
/// from, so it is reloaded when any process changes a child.
///
/// Two parts, packed in one number: the `child_generation` counter, bumped by triggers on every
/// UPDATE and DELETE of a child, and the largest child id. A new child always takes an id above
/// every other (SQLite gives max + 1; imports assign the same), so an insert moves the largest id
/// and needs no trigger of its own: a per-row trigger made every imported row run a sub-program
/// and an UPDATE of `setting` (v10 dropped it). The counter sits in the high 32 bits, the id in the
/// low 32 — neither comes near 2³¹ in a county's lifetime.
enum ChildGeneration {
    static func read(_ db: Database) throws -> Int64 {
        let counter = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'child_generation'") ?? 0
        let largest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM child") ?? 0
        return counter << 32 | (largest & 0xFFFF_FFFF)
    }
}

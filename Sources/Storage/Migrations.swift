import GRDB

/// The schema, as a list of migrations. A shipped migration is never edited: add a new one.
/// Migrations use string table and column names only, never app types.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
            CREATE TABLE setting (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            -- 网格 / village group.
            CREATE TABLE grid (
                id      INTEGER PRIMARY KEY,
                name    TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                village TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE school (
                id   INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
            );
            CREATE TABLE school_class (
                id        INTEGER PRIMARY KEY,
                school_id INTEGER NOT NULL REFERENCES school(id),
                name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
                UNIQUE (school_id, name)
            );
            -- A home visited in the sweep: address once, one or more children.
            CREATE TABLE household (
                id         INTEGER PRIMARY KEY,
                address    TEXT NOT NULL DEFAULT '',
                grid_id    INTEGER REFERENCES grid(id),
                created_at TEXT NOT NULL
            );
            CREATE INDEX household_grid ON household(grid_id);
            CREATE TABLE guardian (
                id             INTEGER PRIMARY KEY,
                household_id   INTEGER REFERENCES household(id),
                name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
                name_pinyin    TEXT NOT NULL DEFAULT '',
                phone          TEXT NOT NULL DEFAULT '',
                capacity_notes TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX guardian_household ON guardian(household_id);
            CREATE TABLE child (
                id                    INTEGER PRIMARY KEY,
                household_id          INTEGER REFERENCES household(id),
                guardian_id           INTEGER REFERENCES guardian(id),
                guardian_relation     TEXT CHECK (guardian_relation IN ('paternal_grandfather','paternal_grandmother',
                                          'maternal_grandfather','maternal_grandmother','father','mother',
                                          'uncle_or_aunt','sibling','other_relative','other')),
                name                  TEXT NOT NULL CHECK (length(trim(name)) > 0),
                name_pinyin           TEXT NOT NULL DEFAULT '',
                name_initials         TEXT NOT NULL DEFAULT '',
                name_sort             TEXT NOT NULL DEFAULT '',
                -- Lowercase haystack for "contains" search: ID number, guardian name and pinyin, phones.
                search_extra          TEXT NOT NULL DEFAULT '',
                sex                   TEXT CHECK (sex IN ('male','female')),
                ethnicity             TEXT NOT NULL DEFAULT '',
                id_number             TEXT UNIQUE,
                birth_date            TEXT,
                school_class_id       INTEGER REFERENCES school_class(id),
                grid_id               INTEGER REFERENCES grid(id),
                left_behind_type      TEXT CHECK (left_behind_type IN ('both_away','father_away','mother_away')),
                father_name           TEXT NOT NULL DEFAULT '',
                father_work_place     TEXT NOT NULL DEFAULT '',
                father_phone          TEXT NOT NULL DEFAULT '',
                mother_name           TEXT NOT NULL DEFAULT '',
                mother_work_place     TEXT NOT NULL DEFAULT '',
                mother_phone          TEXT NOT NULL DEFAULT '',
                hardship              INTEGER NOT NULL DEFAULT 0,
                dibao                 INTEGER NOT NULL DEFAULT 0,
                disability            INTEGER NOT NULL DEFAULT 0,
                health                TEXT NOT NULL DEFAULT '',
                interests             TEXT NOT NULL DEFAULT '',
                care_notice_given     INTEGER NOT NULL DEFAULT 0,
                care_notice_date      TEXT,
                weekly_parent_contact INTEGER NOT NULL DEFAULT 0,
                notes                 TEXT NOT NULL DEFAULT '',
                status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','archived')),
                archive_reason        TEXT CHECK (archive_reason IN ('turned_16','parent_returned','moved_away','other')),
                archived_on           TEXT,
                version               INTEGER NOT NULL DEFAULT 1,
                created_at            TEXT NOT NULL,
                updated_at            TEXT NOT NULL,
                CHECK (status = 'active' OR archive_reason IS NOT NULL)
            );
            -- Covers the roster order and the name/pinyin search, so a search scans this narrow
            -- index instead of whole rows (about 10x faster at 100,000 children).
            CREATE INDEX child_roster ON child(status, name_sort, id, name, name_pinyin, name_initials, search_extra);
            CREATE INDEX child_household ON child(household_id);
            CREATE INDEX child_guardian ON child(guardian_id);
            CREATE INDEX child_class ON child(school_class_id);
            CREATE INDEX child_grid ON child(grid_id);
            -- 成长记录: dated notes in a child's file.
            CREATE TABLE growth_record (
                id         INTEGER PRIMARY KEY,
                child_id   INTEGER NOT NULL REFERENCES child(id),
                date       TEXT NOT NULL,
                note       TEXT NOT NULL CHECK (length(trim(note)) > 0),
                author     TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL
            );
            CREATE INDEX growth_record_child ON growth_record(child_id, date);
            -- Every change to a child file: who, when, which field, old and new value.
            CREATE TABLE child_history (
                id        INTEGER PRIMARY KEY,
                child_id  INTEGER NOT NULL REFERENCES child(id),
                at        TEXT NOT NULL,
                actor     TEXT NOT NULL,
                field     TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT
            );
            CREATE INDEX child_history_child ON child_history(child_id, id);
            -- Half-typed forms, saved on every keystroke so a dropped session loses nothing.
            CREATE TABLE draft (
                key        TEXT PRIMARY KEY NOT NULL,
                kind       TEXT NOT NULL,
                payload    TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """)
        }
        migrator.registerMigration("v2-mentors") { db in
            try db.execute(sql: """
            -- 帮扶人: the people who care for the children. The phone identifies a mentor in files.
            CREATE TABLE mentor (
                id            INTEGER PRIMARY KEY,
                name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
                name_pinyin   TEXT NOT NULL DEFAULT '',
                name_initials TEXT NOT NULL DEFAULT '',
                name_sort     TEXT NOT NULL DEFAULT '',
                -- Lowercase haystack for "contains" search: |phone|organisation|.
                search_extra  TEXT NOT NULL DEFAULT '',
                role          TEXT NOT NULL CHECK (role IN ('caring_mother','proxy_parent','volunteer','teacher',
                                  'student_helper','child_director','social_worker')),
                phone         TEXT NOT NULL UNIQUE CHECK (length(trim(phone)) > 0),
                organisation  TEXT NOT NULL DEFAULT '',
                grid_id       INTEGER REFERENCES grid(id),
                -- How many children at once (active pairings of any pair role).
                capacity      INTEGER NOT NULL CHECK (capacity >= 0),
                status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','left')),
                left_on       TEXT,
                version       INTEGER NOT NULL DEFAULT 1,
                created_at    TEXT NOT NULL,
                updated_at    TEXT NOT NULL,
                CHECK (status = 'active' OR left_on IS NOT NULL)
            );
            CREATE INDEX mentor_list ON mentor(status, name_sort, id, name, name_pinyin, name_initials, search_extra);
            CREATE INDEX mentor_grid ON mentor(grid_id);
            CREATE INDEX mentor_role ON mentor(role);
            -- 结对: a child and a mentor from a start date until an end date with a reason. Never deleted.
            CREATE TABLE pairing (
                id              INTEGER PRIMARY KEY,
                child_id        INTEGER NOT NULL REFERENCES child(id),
                mentor_id       INTEGER NOT NULL REFERENCES mentor(id),
                pair_role       TEXT NOT NULL CHECK (pair_role IN ('primary','class_teacher','student_helper')),
                start_date      TEXT NOT NULL,
                end_date        TEXT,
                end_reason      TEXT CHECK (end_reason IN ('mentor_left','child_archived','reassigned','child_moved','other')),
                -- Set when the coordinator paired beyond the mentor's capacity: the reason they gave.
                override_reason TEXT,
                created_at      TEXT NOT NULL,
                actor           TEXT NOT NULL,
                ended_at        TEXT,
                ended_by        TEXT,
                CHECK (end_date IS NULL OR end_date >= start_date),
                CHECK ((end_date IS NULL) = (end_reason IS NULL))
            );
            -- At most one active primary mentor per child, whatever writes the row.
            CREATE UNIQUE INDEX pairing_one_primary ON pairing(child_id) WHERE pair_role = 'primary' AND end_date IS NULL;
            -- The same child, mentor and role are never paired twice at once.
            CREATE UNIQUE INDEX pairing_no_twin ON pairing(child_id, mentor_id, pair_role) WHERE end_date IS NULL;
            CREATE INDEX pairing_child ON pairing(child_id, start_date);
            CREATE INDEX pairing_mentor ON pairing(mentor_id, start_date);
            -- Mentor load (active pairings) for lists, filters and suggestions.
            CREATE INDEX pairing_mentor_active ON pairing(mentor_id) WHERE end_date IS NULL;
            CREATE INDEX pairing_override ON pairing(start_date) WHERE override_reason IS NOT NULL;
            -- Second line of defence behind the API: no new active pairing beyond capacity without an
            -- override reason, with an archived child, or with a mentor who has left.
            CREATE TRIGGER pairing_insert_rules BEFORE INSERT ON pairing WHEN NEW.end_date IS NULL
            BEGIN
                SELECT RAISE(ABORT, 'pairing: child is archived')
                    WHERE (SELECT status FROM child WHERE id = NEW.child_id) = 'archived';
                SELECT RAISE(ABORT, 'pairing: mentor has left')
                    WHERE (SELECT status FROM mentor WHERE id = NEW.mentor_id) = 'left';
                SELECT RAISE(ABORT, 'pairing: mentor capacity reached')
                    WHERE NEW.override_reason IS NULL
                      AND (SELECT count(*) FROM pairing WHERE mentor_id = NEW.mentor_id AND end_date IS NULL)
                          >= (SELECT capacity FROM mentor WHERE id = NEW.mentor_id);
            END;
            -- Every change to a mentor: who, when, which field, old and new value.
            CREATE TABLE mentor_history (
                id        INTEGER PRIMARY KEY,
                mentor_id INTEGER NOT NULL REFERENCES mentor(id),
                at        TEXT NOT NULL,
                actor     TEXT NOT NULL,
                field     TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT
            );
            CREATE INDEX mentor_history_mentor ON mentor_history(mentor_id, id);
            """)
        }
        migrator.registerMigration("v3-semesters") { db in
            try db.execute(sql: """
            -- A community's own term dates (they differ by province). A term without a row here has the
            -- default dates (autumn 1 Sep – 31 Jan, spring 1 Feb – 31 Jul).
            CREATE TABLE semester (
                id         TEXT PRIMARY KEY NOT NULL CHECK (id GLOB '[0-9][0-9][0-9][0-9]-autumn' OR id GLOB '[0-9][0-9][0-9][0-9]-spring'),
                name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
                start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                end_date   TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                CHECK (end_date >= start_date)
            );
            """)
        }
        migrator.registerMigration("v4-activities") { db in
            try db.execute(sql: """
            -- 行事历: one row per activity; a recurring one is one row per occurrence sharing series_id.
            -- Deleting sets deleted = 1: the row and its history stay.
            CREATE TABLE activity (
                id           INTEGER PRIMARY KEY,
                title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
                category     TEXT NOT NULL CHECK (category IN ('home_activity','festival','family_call','parent_meeting',
                                 'training','counselling','safety_education','visit','other')),
                date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                -- HH:mm; both NULL for an all-day activity.
                start_time   TEXT CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
                end_time     TEXT CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
                place        TEXT NOT NULL DEFAULT '',
                organiser    TEXT NOT NULL DEFAULT '',
                notes        TEXT NOT NULL DEFAULT '',
                series_id    TEXT,
                -- Set by a semester template: the entry it came from, unique per semester (applying twice adds nothing).
                template_key TEXT,
                semester_id  TEXT,
                cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
                deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
                version      INTEGER NOT NULL DEFAULT 1,
                created_at   TEXT NOT NULL,
                updated_at   TEXT NOT NULL,
                CHECK (end_time IS NULL OR (start_time IS NOT NULL AND end_time >= start_time)),
                CHECK (template_key IS NULL OR semester_id IS NOT NULL)
            );
            -- The month grid and the agenda read by date.
            CREATE INDEX activity_date ON activity(date, start_time) WHERE deleted = 0;
            CREATE INDEX activity_series ON activity(series_id, date) WHERE series_id IS NOT NULL;
            CREATE UNIQUE INDEX activity_template ON activity(template_key, semester_id) WHERE template_key IS NOT NULL;
            -- Which children came.
            CREATE TABLE activity_attendance (
                activity_id INTEGER NOT NULL REFERENCES activity(id),
                child_id    INTEGER NOT NULL REFERENCES child(id),
                marked_at   TEXT NOT NULL,
                actor       TEXT NOT NULL,
                PRIMARY KEY (activity_id, child_id)
            ) WITHOUT ROWID;
            CREATE INDEX activity_attendance_child ON activity_attendance(child_id);
            -- Every change to an activity: who, when, which field, old and new value.
            CREATE TABLE activity_history (
                id          INTEGER PRIMARY KEY,
                activity_id INTEGER NOT NULL REFERENCES activity(id),
                at          TEXT NOT NULL,
                actor       TEXT NOT NULL,
                field       TEXT NOT NULL,
                old_value   TEXT,
                new_value   TEXT
            );
            CREATE INDEX activity_history_activity ON activity_history(activity_id, id);
            """)
        }
        migrator.registerMigration("v5-search-generation") { db in
            // Bumped by every change to a child, from any process, so caches of the roster (the
            // in-memory search index) know when to reload.
            try db.execute(sql: """
            INSERT INTO setting(key, value) VALUES ('child_generation', '0') ON CONFLICT(key) DO NOTHING;
            CREATE TRIGGER child_generation_insert AFTER INSERT ON child BEGIN
                UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'child_generation';
            END;
            CREATE TRIGGER child_generation_update AFTER UPDATE ON child BEGIN
                UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'child_generation';
            END;
            CREATE TRIGGER child_generation_delete AFTER DELETE ON child BEGIN
                UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'child_generation';
            END;
            """)
        }
        migrator.registerMigration("v6-contacts") { db in
            try db.execute(sql: """
            -- 帮扶记录: a mentor's contact with a child. Counted against the obligation rules (五个一);
            -- changing the rules never changes these rows. Deleting sets deleted = 1.
            CREATE TABLE contact (
                id         INTEGER PRIMARY KEY,
                child_id   INTEGER NOT NULL REFERENCES child(id),
                mentor_id  INTEGER NOT NULL REFERENCES mentor(id),
                kind       TEXT NOT NULL CHECK (kind IN ('visit','talk','teacher','guardian','letter','call','other')),
                date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                place      TEXT NOT NULL DEFAULT '',
                -- For a letter: its content, only when the author chose to keep it (shown to the author
                -- and coordinators only).
                summary    TEXT NOT NULL DEFAULT '',
                -- Comma-separated: safety, health, schooling, guardianship, emotional.
                concerns   TEXT NOT NULL DEFAULT '',
                follow_up  TEXT NOT NULL DEFAULT '',
                deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
                version    INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                -- Who recorded it (the author).
                actor      TEXT NOT NULL,
                source     TEXT NOT NULL DEFAULT 'form'
            );
            -- The engine reads a semester's contacts in (child, mentor, date) order.
            CREATE INDEX contact_date ON contact(date, child_id, mentor_id, kind) WHERE deleted = 0;
            CREATE INDEX contact_child ON contact(child_id, date) WHERE deleted = 0;
            CREATE INDEX contact_mentor ON contact(mentor_id, date) WHERE deleted = 0;
            -- The same contact is never recorded twice (importing a file again adds nothing).
            CREATE UNIQUE INDEX contact_once ON contact(child_id, mentor_id, kind, date, summary) WHERE deleted = 0;
            -- Every change to a contact: who, when, which field, old and new value.
            CREATE TABLE contact_history (
                id         INTEGER PRIMARY KEY,
                contact_id INTEGER NOT NULL REFERENCES contact(id),
                at         TEXT NOT NULL,
                actor      TEXT NOT NULL,
                field      TEXT NOT NULL,
                old_value  TEXT,
                new_value  TEXT
            );
            CREATE INDEX contact_history_contact ON contact_history(contact_id, id);
            """)
        }
        migrator.registerMigration("v7-accounts") { db in
            // Who may use the program. Passwords are stored as PBKDF2-SHA256 hashes with a salt of
            // their own; `rounds` is kept per user so the cost can be raised without a migration.
            // Five failures in a row set `locked_until` (kept here, so a restart does not reset it).
            try db.execute(sql: """
            CREATE TABLE "user" (
                id              INTEGER PRIMARY KEY,
                name            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
                role            TEXT NOT NULL CHECK (role IN ('coordinator','mentor','viewer')),
                mentor_id       INTEGER REFERENCES mentor(id),
                password_hash   BLOB NOT NULL,
                password_salt   BLOB NOT NULL,
                password_scheme TEXT NOT NULL DEFAULT 'pbkdf2-sha256',
                password_rounds INTEGER NOT NULL CHECK (password_rounds > 0),
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until    TEXT,
                disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                created_at      TEXT NOT NULL,
                CHECK ((role = 'mentor') = (mentor_id IS NOT NULL))
            );
            CREATE INDEX user_mentor ON "user"(mentor_id);
            """)
        }
        migrator.registerMigration("v8-audit") { db in
            // The audit trail: every write (from the history writers, in the same transaction), every
            // opening of a child's file and reveal of its numbers, exports, sign-ins. Append-only: the
            // triggers refuse changes, and each entry's hash covers the one before (see AuditChain), so
            // an entry edited or deleted behind the program's back shows in `shouhu audit verify`.
            try db.execute(sql: """
            CREATE TABLE audit (
                id        INTEGER PRIMARY KEY,
                at        TEXT NOT NULL,
                actor     TEXT NOT NULL,
                action    TEXT NOT NULL,
                entity    TEXT NOT NULL,
                entity_id INTEGER,
                -- The child concerned (a child's own record, a contact, a pairing), for `audit log --child`.
                child_id  INTEGER,
                field     TEXT,
                old_value TEXT,
                new_value TEXT,
                prev_hash TEXT NOT NULL,
                hash      TEXT NOT NULL
            );
            CREATE INDEX audit_child ON audit(child_id, id) WHERE child_id IS NOT NULL;
            CREATE INDEX audit_actor ON audit(actor COLLATE NOCASE, id);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
                SELECT RAISE(ABORT, 'audit: entries are never changed');
            END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
                SELECT RAISE(ABORT, 'audit: entries are never deleted');
            END;
            """)
            // The history kept so far starts the trail, oldest first.
            try AuditChain.seedFromHistory(db)
        }
        migrator.registerMigration("v9-consent") { db in
            // A guardian's consent for a child under 14 (个人信息保护法 art. 31): date and form.
            try db.execute(sql: """
            ALTER TABLE child ADD COLUMN consent_date TEXT CHECK (consent_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
            ALTER TABLE child ADD COLUMN consent_form TEXT NOT NULL DEFAULT '';
            """)
        }
        migrator.registerMigration("v10-no-insert-trigger") { db in
            // A new child moves the largest child id, which `ChildGeneration` reads: the per-row
            // insert trigger only slowed imports down (a sub-program and an UPDATE per row).
            try db.execute(sql: "DROP TRIGGER child_generation_insert")
        }
        migrator.registerMigration("v11-checks-without-lists") { db in
            // The same CHECK rules as comparisons instead of lists (see TableRebuild: half an import's time).
            try TableRebuild.rebuild(db, tables: ["child", "mentor", "pairing", "activity", "contact", "user"])
        }
        return migrator
    }
}

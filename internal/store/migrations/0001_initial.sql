-- 0001: the first schema.
--
-- Identifying data (names, contacts, narratives...) never appears in a plain
-- column: it lives only in sealed revision bodies. Plain columns hold what
-- lists and filters need and what does not identify a person.
-- Times are UTC RFC 3339 text, so they sort and compare as strings.
-- The migrator adds schema_migrations, user_version and application_id in
-- the same transaction as this file.

-- The office this installation belongs to: exactly one row once set up.
CREATE TABLE office (
    id          TEXT PRIMARY KEY,          -- UUID; the author of this office's revisions
    name        TEXT NOT NULL,
    country     TEXT NOT NULL              -- ISO 3166-1 alpha-2, upper case
                CHECK (length(country) = 2 AND country = upper(country)),
    lang        TEXT NOT NULL,             -- default language of the window and documents
    code_prefix TEXT NOT NULL,             -- case codes read PREFIX-YYYY-NNNN
    created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER office_single_row BEFORE INSERT ON office
WHEN (SELECT count(*) FROM office) > 0
BEGIN
    SELECT RAISE(ABORT, 'office is already set up');
END;

-- People who log in. Key-wrapping columns (password hash parameters and
-- the wrapped data key) come with the vault migration.
CREATE TABLE users (
    id         TEXT PRIMARY KEY,           -- UUID
    username   TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'caseworker')),
    disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

-- One row per document that travels between offices (case, person,
-- consent, referral, interview session, note, attachment, partner): its
-- current head revision and the plain columns lists and filters need,
-- derived from that head.
CREATE TABLE records (
    id          TEXT PRIMARY KEY,          -- UUID, the same in every office
    kind        TEXT NOT NULL,
    -- Deferred so a record and its first revision can be inserted in
    -- either order inside one transaction.
    head        TEXT REFERENCES revisions (id) DEFERRABLE INITIALLY DEFERRED,
    code        TEXT,                      -- case code; cases only
    status      TEXT,
    stage       TEXT,
    priority    TEXT,
    is_child    INTEGER NOT NULL DEFAULT 0 CHECK (is_child IN (0, 1)),
    -- No foreign key: an imported record may be assigned to a user of
    -- another office.
    assigned_to TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Not unique: uniqueness of codes is casework's rule for this office, and
-- an import must never fail on another office's numbering.
CREATE INDEX records_code ON records (code) WHERE code IS NOT NULL;
CREATE INDEX records_kind_status ON records (kind, deleted, status);
CREATE INDEX records_assigned ON records (assigned_to) WHERE assigned_to IS NOT NULL;

-- Every version of every record, from this office or imported. Rows are
-- only ever added: import applies revisions it has not seen.
CREATE TABLE revisions (
    id         TEXT PRIMARY KEY,           -- UUID
    record_id  TEXT NOT NULL REFERENCES records (id),
    -- JSON array of parent revision ids: none for the first, two after a merge.
    parents    TEXT NOT NULL DEFAULT '[]'
               CHECK (json_valid(parents) AND json_type(parents) = 'array'),
    -- No foreign keys on the author: most revisions of imported records
    -- come from other offices and their users.
    office_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    hlc        TEXT NOT NULL,              -- hybrid logical clock, sortable as text
    body       BLOB,                       -- sealed JSON
    tombstone  INTEGER NOT NULL DEFAULT 0 CHECK (tombstone IN (0, 1)),
    created_at TEXT NOT NULL,
    CHECK (tombstone = 1 OR body IS NOT NULL)
) STRICT;

CREATE INDEX revisions_record ON revisions (record_id, hlc);
-- Exports ask for an office's revisions since the last export to a partner.
CREATE INDEX revisions_office_hlc ON revisions (office_id, hlc);

-- Append-only audit trail. Each entry carries the hash of the previous one,
-- so an edited or deleted entry breaks the chain; the triggers stop
-- accidents, the chain catches the rest. Details never hold personal data.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after a deletion
    at        TEXT NOT NULL,
    user_id   TEXT,                       -- NULL when no user is known (failed login)
    action    TEXT NOT NULL,
    record_id TEXT,
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;

CREATE INDEX audit_record ON audit (record_id) WHERE record_id IS NOT NULL;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;

-- Preferences of this installation (language, window size, auto-lock...).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- 0004: exchange between offices (issue 7).
--
-- None of these tables holds personal data: ids, sequence numbers, field
-- paths and times. The values in conflict stay in the sealed revisions.

-- Where a revision came from: NULL when written here, else the office
-- whose export file brought it. An export to an office leaves out what
-- that office sent.
ALTER TABLE revisions ADD COLUMN received_from TEXT;
-- A supervisor's resolution of a conflict names the merge revision it
-- resolves, so the other offices close the same conflict when it arrives.
ALTER TABLE revisions ADD COLUMN resolves TEXT;

-- Per receiving office: the last local revision (rowid) it was sent, and
-- when. Exports "since last time" start after it.
CREATE TABLE exchange_sent (
    office_id TEXT PRIMARY KEY,
    upto      INTEGER NOT NULL DEFAULT 0,
    sent_at   TEXT NOT NULL
) STRICT;

-- Records left out of an export to an office because consent did not
-- allow it: sent whole, every revision, once consent allows.
CREATE TABLE exchange_withheld (
    office_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (office_id, record_id)
) STRICT;

-- Export files written and read. An export id is applied once; a sender's
-- sequence number belongs to one export id.
CREATE TABLE exchange_files (
    export_id  TEXT PRIMARY KEY,
    direction  TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    office_id  TEXT NOT NULL,                   -- sender (in) or this office (out)
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    UNIQUE (direction, office_id, seq)
) STRICT;

-- Fields changed on both sides of a merge, until a supervisor resolves
-- them. merge_rev is the merge revision that holds the provisional values;
-- mine_rev and theirs_rev are its parents as this office saw them.
CREATE TABLE conflicts (
    id           TEXT PRIMARY KEY,              -- UUID
    record_id    TEXT NOT NULL REFERENCES records (id),
    merge_rev    TEXT NOT NULL REFERENCES revisions (id),
    base_rev     TEXT,                          -- NULL when the sides share no ancestor
    mine_rev     TEXT NOT NULL REFERENCES revisions (id),
    theirs_rev   TEXT NOT NULL REFERENCES revisions (id),
    fields       TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'array'),
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  TEXT,                          -- user id, or the office whose revision resolved it
    resolved_rev TEXT,
    UNIQUE (merge_rev)
) STRICT;

CREATE INDEX conflicts_open ON conflicts (record_id) WHERE resolved_at IS NULL;

-- Exports pick revisions by local order (rowid) since the last one sent,
-- not by office and clock stamp: this index only slowed every write.
DROP INDEX revisions_office_hlc;

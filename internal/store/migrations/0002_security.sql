-- 0002: office security (issue 3).
--
-- Keys never appear in the clear: the office identity is sealed with the
-- data key, and the data key is stored only wrapped, once per user under
-- their password and once under the recovery code. Wrapped keys hold their
-- argon2id parameters, so those can be raised later without a migration.

-- Letterhead: public contact details of the office, printed on letters.
ALTER TABLE office ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE office ADD COLUMN phone   TEXT NOT NULL DEFAULT '';
ALTER TABLE office ADD COLUMN email   TEXT NOT NULL DEFAULT '';
ALTER TABLE office ADD COLUMN logo    BLOB;                   -- PNG or JPEG
-- The office identity (age X25519 and Ed25519 private keys), sealed with
-- the data key; its associated data names the office id.
ALTER TABLE office ADD COLUMN identity BLOB;
-- The public half, for the office card; readable without a password.
ALTER TABLE office ADD COLUMN age_recipient   TEXT NOT NULL DEFAULT '';   -- age1...
ALTER TABLE office ADD COLUMN sign_public_key BLOB;                       -- Ed25519, 32 bytes

-- Users: display name, wrapped data key and login state. The failure
-- count and lockout live here so that they survive a restart.
ALTER TABLE users ADD COLUMN name         TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN wrapped_key  BLOB;              -- vault.WrappedKey, context "user:<id>"
ALTER TABLE users ADD COLUMN failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0);
ALTER TABLE users ADD COLUMN locked_until TEXT;              -- refuse logins before this time
ALTER TABLE users ADD COLUMN last_login   TEXT;

-- Other wraps of the data key, one per context; "recovery" is the wrap
-- under the recovery code shown once at setup.
CREATE TABLE key_wraps (
    context    TEXT PRIMARY KEY,
    wrapped    BLOB NOT NULL,                -- vault.WrappedKey
    created_at TEXT NOT NULL
) STRICT;

-- The audit listing filters by user and by action, newest first.
CREATE INDEX audit_user ON audit (user_id, seq) WHERE user_id IS NOT NULL;
CREATE INDEX audit_action ON audit (action, seq);

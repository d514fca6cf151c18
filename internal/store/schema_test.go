package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

func TestSchema_Rules(t *testing.T) {
	const now = `'2025-03-10T09:30:00Z'`
	cases := []struct {
		name    string
		stmts   []string // run in one transaction
		wantErr string   // "" means it must commit
	}{
		{"given a record and its first revision in one transaction when committed then both are kept", []string{
			`INSERT INTO records (id, kind, head, created_at, updated_at) VALUES ('c1', 'case', 'r1', ` + now + `, ` + now + `)`,
			`INSERT INTO revisions (id, record_id, office_id, user_id, hlc, body, created_at) VALUES ('r1', 'c1', 'o', 'u', '1', x'00', ` + now + `)`,
		}, ""},
		{"given a revision of a missing record when written then refused", []string{
			`INSERT INTO revisions (id, record_id, office_id, user_id, hlc, body, created_at) VALUES ('r1', 'nope', 'o', 'u', '1', x'00', ` + now + `)`,
		}, "FOREIGN KEY"},
		{"given a record whose head never arrives when committed then refused", []string{
			`INSERT INTO records (id, kind, head, created_at, updated_at) VALUES ('c1', 'case', 'r-missing', ` + now + `, ` + now + `)`,
		}, "FOREIGN KEY"},
		{"given parents that are not a JSON array when written then refused", []string{
			`INSERT INTO records (id, kind, created_at, updated_at) VALUES ('c1', 'case', ` + now + `, ` + now + `)`,
			`INSERT INTO revisions (id, record_id, parents, office_id, user_id, hlc, body, created_at) VALUES ('r1', 'c1', '{}', 'o', 'u', '1', x'00', ` + now + `)`,
		}, "CHECK"},
		{"given a second office row when written then refused", []string{
			`INSERT INTO office (id, name, country, lang, code_prefix, created_at) VALUES ('o1', 'Abidjan', 'CI', 'fr', 'ABJ', ` + now + `)`,
			`INSERT INTO office (id, name, country, lang, code_prefix, created_at) VALUES ('o2', 'Dakar', 'SN', 'fr', 'DKR', ` + now + `)`,
		}, "office is already set up"},
		{"given an unknown role when a user is written then refused", []string{
			`INSERT INTO users (id, username, role, created_at) VALUES ('u1', 'ama', 'root', ` + now + `)`,
		}, "CHECK"},
		{"given usernames differing only in case when written then refused", []string{
			`INSERT INTO users (id, username, role, created_at) VALUES ('u1', 'ama', 'admin', ` + now + `)`,
			`INSERT INTO users (id, username, role, created_at) VALUES ('u2', 'AMA', 'caseworker', ` + now + `)`,
		}, "UNIQUE"},
		{"given an audit entry when edited then refused", []string{
			`INSERT INTO audit (at, action, prev_hash, hash) VALUES (` + now + `, 'login', x'00', x'01')`,
			`UPDATE audit SET action = 'nothing'`,
		}, "append-only"},
		{"given an audit entry when deleted then refused", []string{
			`INSERT INTO audit (at, action, prev_hash, hash) VALUES (` + now + `, 'login', x'00', x'01')`,
			`DELETE FROM audit`,
		}, "append-only"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t, t.TempDir())
			err := db.update(context.Background(), "test", func(tx *sql.Tx) error {
				for _, s := range c.stmts {
					if _, err := tx.Exec(s); err != nil {
						return err
					}
				}
				return nil
			})
			switch {
			case c.wantErr == "" && err != nil:
				t.Errorf("want a commit, got %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Errorf("got %v, want an error containing %q", err, c.wantErr)
			}
		})
	}
}

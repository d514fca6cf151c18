package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// schemaOf lists the schema objects of db, to compare a migrated database
// with a fresh one.
func schemaOf(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.r.Query(`SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var objs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		objs = append(objs, s)
	}
	return objs
}

func TestMigrate_FromEveryVersion(t *testing.T) {
	ctx := context.Background()
	fresh := schemaOf(t, openDB(t, t.TempDir()))
	// Version 0 is an empty file; every later one is a database left by an
	// earlier build, so each new migration is tested against real old data.
	for from := 0; from <= latestVersion; from++ {
		t.Run(fmt.Sprintf("given a database at version %d when opened then it is at version %d with its data", from, latestVersion), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, nil, 0o600); err != nil { // SQLite's empty database
				t.Fatal(err)
			}
			if from > 0 {
				raw := rawDB(t, path)
				if v, err := migrate(ctx, raw, from); err != nil || v != from {
					t.Fatalf("migrate to %d: %d, %v", from, v, err)
				}
				// settings exists from version 1 on; its rows must survive.
				if _, err := raw.Exec(`INSERT INTO settings VALUES ('marker', 'kept')`); err != nil {
					t.Fatal(err)
				}
				raw.Close()
			}

			db := openDB(t, dir)
			if db.SchemaVersion() != latestVersion {
				t.Errorf("SchemaVersion = %d, want %d", db.SchemaVersion(), latestVersion)
			}
			var versions []int
			rows, err := db.r.Query(`SELECT version FROM schema_migrations ORDER BY version`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v int
				rows.Scan(&v)
				versions = append(versions, v)
			}
			rows.Close()
			if want := seq(latestVersion); !slices.Equal(versions, want) {
				t.Errorf("schema_migrations = %v, want %v", versions, want)
			}
			if got := schemaOf(t, db); !slices.Equal(got, fresh) {
				t.Errorf("schema differs from a fresh database:\n%q\nwant\n%q", got, fresh)
			}
			if from > 0 && setting(t, db, "marker") != "kept" {
				t.Error("data written before migrating was lost")
			}
			if err := db.Check(ctx); err != nil {
				t.Errorf("Check: %v", err)
			}
		})
	}
}

// seq returns 1..n.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

func TestMigrate_FailureChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	closeDB(t, openDB(t, dir))
	// A migration whose second statement fails, added for this test only.
	saved, savedLatest := migrations, latestVersion
	t.Cleanup(func() { migrations, latestVersion = saved, savedLatest })
	migrations = append(slices.Clip(saved), migration{version: savedLatest + 1, name: "bad.sql",
		sql: `CREATE TABLE half_done (x TEXT); CREATE TABLE settings (x TEXT);`})
	latestVersion++

	t.Run("given a failing migration when opened then the database stays at the previous version", func(t *testing.T) {
		before := snapshot(t, dir)
		if db, err := Open(dir); err == nil {
			db.Close()
			t.Fatal("Open succeeded with a failing migration")
		}
		assertUnchanged(t, dir, before)
		migrations, latestVersion = saved, savedLatest
		db := openDB(t, dir)
		var n int
		if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("half_done tables: %d, %v; the failed migration left a trace", n, err)
		}
	})
}

func TestLoadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	cases := []struct {
		name      string
		files     fstest.MapFS
		wantPanic bool
	}{
		{"given numbered files when loaded then they load in order", fstest.MapFS{
			"migrations/0001_a.sql": file("A"), "migrations/0002_b.sql": file("B")}, false},
		{"given a gap in the numbers when loaded then it panics", fstest.MapFS{
			"migrations/0001_a.sql": file("A"), "migrations/0003_c.sql": file("C")}, true},
		{"given a badly named file when loaded then it panics", fstest.MapFS{
			"migrations/1_a.sql": file("A")}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if r := recover(); (r != nil) != c.wantPanic {
					t.Errorf("panic = %v, want panic %v", r, c.wantPanic)
				}
			}()
			ms := loadMigrations(c.files)
			if ms[0].version != 1 || ms[1].sql != "B" {
				t.Errorf("loaded %+v", ms)
			}
		})
	}
}

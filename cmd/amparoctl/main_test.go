package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/store"
)

// result is what one amparoctl invocation printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// ctl runs amparoctl in-process with the given environment variables.
func ctl(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, env{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }})
	return result{code, out.String(), errb.String()}
}

// newOffice makes a data folder with an initialised database in it.
func newOffice(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "office")
	db, err := store.Open(dir)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestUsageErrorsExitTwo(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "Commands:"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"unknown flag", []string{"verify", "--nope"}, "flag provided but not defined"},
		{"backup without --out", []string{"backup"}, "needs --out"},
		{"restore without file", []string{"restore"}, "exactly one backup FILE"},
		{"version with argument", []string{"version", "x"}, "no arguments"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ctl(t, nil, c.args...)
			if r.code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, exitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr+r.stdout, c.want) {
				t.Fatalf("output lacks %q: stdout %q stderr %q", c.want, r.stdout, r.stderr)
			}
		})
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	if r := ctl(t, nil, "help"); r.code != exitOK || !strings.Contains(r.stdout, "restore") {
		t.Fatalf("help: %+v", r)
	}
	for name := range commands() {
		t.Run(name, func(t *testing.T) {
			r := ctl(t, nil, name, "-h")
			if r.code != exitOK || !strings.Contains(r.stderr, "usage: amparoctl "+name) {
				t.Fatalf("%s -h: %+v", name, r)
			}
		})
	}
}

func TestVersionPrintsBuildFacts(t *testing.T) {
	r := ctl(t, nil, "version")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Amparo ") || !strings.Contains(r.stdout, "Go go1.") {
		t.Fatalf("version: %+v", r)
	}
}

func TestVerify(t *testing.T) {
	t.Run("given a healthy office, verify exits 0", func(t *testing.T) {
		dir := newOffice(t)
		if r := ctl(t, nil, "verify", "--data", dir); r.code != exitOK || !strings.HasPrefix(r.stdout, "ok:") {
			t.Fatalf("verify: %+v", r)
		}
	})
	t.Run("given AMPARO_DATA, verify uses it", func(t *testing.T) {
		dir := newOffice(t)
		if r := ctl(t, map[string]string{"AMPARO_DATA": dir}, "verify"); r.code != exitOK {
			t.Fatalf("verify: %+v", r)
		}
	})
	t.Run("given an empty folder, verify refuses and creates nothing", func(t *testing.T) {
		dir := t.TempDir()
		r := ctl(t, nil, "verify", "--data", dir)
		if r.code != exitFailed || !strings.Contains(r.stderr, "there is no Amparo office") {
			t.Fatalf("verify: %+v", r)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("verify wrote %d files into an empty folder", len(entries))
		}
	})
	t.Run("given a damaged database, verify exits 1 with one sentence", func(t *testing.T) {
		dir := newOffice(t)
		damage(t, filepath.Join(dir, store.FileName))
		r := ctl(t, nil, "verify", "--data", dir)
		if r.code != exitFailed || !strings.Contains(r.stderr, "damaged") || strings.Count(r.stderr, "\n") != 1 {
			t.Fatalf("verify: %+v", r)
		}
	})
	t.Run("given a file that is not Amparo's, verify says so", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, store.FileName), []byte("shopping list\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r := ctl(t, nil, "verify", "--data", dir)
		if r.code != exitFailed || !strings.Contains(r.stderr, "not an Amparo database") {
			t.Fatalf("verify: %+v", r)
		}
	})
}

// damage overwrites the middle of a database file with garbage.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 3; i < len(b)/3+8192 && i < len(b); i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBackupAndRestoreRoundTrip(t *testing.T) {
	dir := newOffice(t)
	setSetting(t, dir, "office.motto", "before")
	copyPath := filepath.Join(t.TempDir(), "copy.db")

	if r := ctl(t, nil, "backup", "--data", dir, "--out", copyPath); r.code != exitOK {
		t.Fatalf("backup: %+v", r)
	}
	if r := ctl(t, nil, "backup", "--data", dir, "--out", copyPath); r.code != exitFailed {
		t.Fatalf("backup over an existing file must be refused: %+v", r)
	}
	setSetting(t, dir, "office.motto", "after")

	if r := ctl(t, nil, "restore", copyPath, "--data", dir); r.code != exitOK {
		t.Fatalf("restore: %+v", r)
	}
	if got := getSetting(t, dir, "office.motto"); got != "before" {
		t.Fatalf("after restore the setting is %q, want %q", got, "before")
	}
	if r := ctl(t, nil, "verify", "--data", dir); r.code != exitOK {
		t.Fatalf("verify after restore: %+v", r)
	}
}

func TestRestoreRefusesABadFileAndKeepsTheDatabase(t *testing.T) {
	dir := newOffice(t)
	setSetting(t, dir, "office.motto", "keep me")
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, []byte("this is not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	r := ctl(t, nil, "restore", bad, "--data", dir)
	if r.code != exitFailed {
		t.Fatalf("restore of a bad file: %+v", r)
	}
	after, err := os.ReadFile(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the database file")
	}
	if got := getSetting(t, dir, "office.motto"); got != "keep me" {
		t.Fatalf("setting is %q after a refused restore", got)
	}
}

func setSetting(t *testing.T, dir, key, value string) {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetSetting(t.Context(), key, value); err != nil {
		t.Fatal(err)
	}
}

func getSetting(t *testing.T, dir, key string) string {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v, _, err := db.Setting(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

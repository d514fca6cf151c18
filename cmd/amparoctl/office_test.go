package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

const adminPassword = "lighthouse harbour 42"

// noTerminal makes every prompt fail as it does in a script without a tty.
func noTerminal(t *testing.T) {
	t.Helper()
	old := prompter
	prompter = func(string, bool) (string, error) { return "", errNoTerminal }
	t.Cleanup(func() { prompter = old })
}

// initOffice creates an office through `amparoctl init` and returns its
// folder and recovery code.
func initOffice(t *testing.T) (string, string) {
	t.Helper()
	noTerminal(t)
	dir := filepath.Join(t.TempDir(), "office")
	r := ctl(t, map[string]string{"AMPARO_PASSWORD": adminPassword},
		"init", "--data", dir, "--office", "Centro de Acolhimento da Praia", "--country", "cv", "--lang", "pt", "--admin", "amelia")
	if r.code != exitOK {
		t.Fatalf("init: %+v", r)
	}
	code := regexp.MustCompile(`[0-9A-Z]{4}(-[0-9A-Z]{4})+`).FindString(r.stdout)
	if code == "" {
		t.Fatalf("init printed no recovery code: %q", r.stdout)
	}
	return dir, code
}

func admin() map[string]string {
	return map[string]string{"AMPARO_USER": "amelia", "AMPARO_PASSWORD": adminPassword}
}

func TestInitCreatesOfficeAndPrintsRecoveryCodeOnce(t *testing.T) {
	dir, _ := initOffice(t)
	if r := ctl(t, admin(), "verify", "--data", dir); r.code != exitOK || !strings.Contains(r.stdout, "ok: sealing self-test") {
		t.Fatalf("verify after init: %+v", r)
	}
	t.Run("a second init on the same folder is refused", func(t *testing.T) {
		r := ctl(t, map[string]string{"AMPARO_PASSWORD": adminPassword},
			"init", "--data", dir, "--office", "Other", "--country", "SN", "--lang", "fr", "--admin", "awa")
		if r.code != exitFailed || !strings.Contains(r.stderr, "not empty") {
			t.Fatalf("second init: %+v", r)
		}
	})
}

func TestInitRefusals(t *testing.T) {
	noTerminal(t)
	cases := []struct {
		name string
		vars map[string]string
		args []string
		code int
		want string
	}{
		{"no password and no terminal", nil, []string{"--office", "O", "--country", "CV", "--lang", "pt", "--admin", "amelia"}, exitFailed, "AMPARO_PASSWORD"},
		{"short password", map[string]string{"AMPARO_PASSWORD": "short"}, []string{"--office", "O", "--country", "CV", "--lang", "pt", "--admin", "amelia"}, exitFailed, "too short"},
		{"password is the username", map[string]string{"AMPARO_PASSWORD": "amelia.mendes"}, []string{"--office", "O", "--country", "CV", "--lang", "pt", "--admin", "amelia.mendes"}, exitFailed, "username"},
		{"missing flags", map[string]string{"AMPARO_PASSWORD": adminPassword}, []string{"--office", "O"}, exitUsage, "needs --office"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "office")
			r := ctl(t, c.vars, append([]string{"init", "--data", dir}, c.args...)...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Fatalf("got %+v, want exit %d and %q", r, c.code, c.want)
			}
			if _, err := os.Stat(dir); err == nil {
				entries, _ := os.ReadDir(dir)
				if len(entries) > 0 {
					t.Fatalf("a refused init left %d files behind", len(entries))
				}
			}
		})
	}
}

func TestUserAdd(t *testing.T) {
	dir, _ := initOffice(t)
	vars := admin()
	vars["AMPARO_NEW_PASSWORD"] = "mango season 2026"
	r := ctl(t, vars, "user", "add", "--data", dir, "--username", "joao", "--name", "João Tavares", "--role", "caseworker")
	if r.code != exitOK || !strings.Contains(r.stdout, "joao") {
		t.Fatalf("user add: %+v", r)
	}
	t.Run("the new user can log in", func(t *testing.T) {
		r := ctl(t, map[string]string{"AMPARO_USER": "joao", "AMPARO_PASSWORD": "mango season 2026"}, "verify", "--data", dir)
		if r.code != exitOK {
			t.Fatalf("verify as joao: %+v", r)
		}
	})
	t.Run("a case worker may not add users", func(t *testing.T) {
		v := map[string]string{"AMPARO_USER": "joao", "AMPARO_PASSWORD": "mango season 2026", "AMPARO_NEW_PASSWORD": "another long one"}
		r := ctl(t, v, "user", "add", "--data", dir, "--username", "maria", "--role", "admin")
		if r.code != exitFailed || !strings.Contains(r.stderr, "role does not allow") {
			t.Fatalf("user add by case worker: %+v", r)
		}
	})
	t.Run("the same username twice is refused", func(t *testing.T) {
		r := ctl(t, vars, "user", "add", "--data", dir, "--username", "joao", "--role", "caseworker")
		if r.code != exitFailed || !strings.Contains(r.stderr, "already taken") {
			t.Fatalf("duplicate user: %+v", r)
		}
	})
	t.Run("a wrong admin password is refused", func(t *testing.T) {
		v := map[string]string{"AMPARO_USER": "amelia", "AMPARO_PASSWORD": "not the password", "AMPARO_NEW_PASSWORD": "another long one"}
		r := ctl(t, v, "user", "add", "--data", dir, "--username", "maria", "--role", "caseworker")
		if r.code != exitFailed || !strings.Contains(r.stderr, "wrong username or password") {
			t.Fatalf("wrong password: %+v", r)
		}
	})
	t.Run("an unknown role is a usage error", func(t *testing.T) {
		r := ctl(t, vars, "user", "add", "--data", dir, "--username", "maria", "--role", "boss")
		if r.code != exitUsage {
			t.Fatalf("unknown role: %+v", r)
		}
	})
}

func TestVerifyFindsAnEditedAuditEntry(t *testing.T) {
	dir, _ := initOffice(t)
	// A second login adds entries, so the edited one is not the last.
	if r := ctl(t, admin(), "verify", "--data", dir); r.code != exitOK {
		t.Fatalf("verify: %+v", r)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "amparo.db"))
	if err != nil {
		t.Fatal(err)
	}
	// As an attacker with the file would: remove the guard, rewrite history.
	var seq int64
	if err := db.QueryRow(`SELECT min(seq) FROM audit WHERE action = 'login'`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP TRIGGER audit_no_update`,
		`UPDATE audit SET detail = 'nothing happened' WHERE seq = ` + itoa(seq),
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	r := ctl(t, admin(), "verify", "--data", dir)
	if r.code != exitFailed || !strings.Contains(r.stderr, "audit trail is broken at entry "+itoa(seq)) {
		t.Fatalf("verify after tampering: %+v", r)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

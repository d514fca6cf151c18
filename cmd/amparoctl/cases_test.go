package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// officeWithSupervisor makes an office whose supervisor can work on cases
// (the admin role does not see case files).
func officeWithSupervisor(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir, _ := initOffice(t)
	vars := admin()
	vars["AMPARO_NEW_PASSWORD"] = "supervisor password 1"
	if r := ctl(t, vars, "user", "add", "--data", dir, "--username", "fatou", "--name", "Fatou Ndiaye", "--role", "supervisor"); r.code != exitOK {
		t.Fatalf("user add: %+v", r)
	}
	return dir, map[string]string{"AMPARO_USER": "fatou", "AMPARO_PASSWORD": "supervisor password 1"}
}

func writeCaseFile(t *testing.T, doc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "case.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCaseAddListShow(t *testing.T) {
	dir, sup := officeWithSupervisor(t)
	file := writeCaseFile(t, `{
  "person": {"firstName": "José", "lastName": "Tavares", "gender": "Masculine", "ageEstimate": 15, "ageEstimateBy": "appearance"},
  "trafficking": {"status": "PossibleVictimOfTrafficking"}
}`)
	r := ctl(t, sup, "case", "add", "--data", dir, "--file", file)
	if r.code != exitOK {
		t.Fatalf("case add: %+v", r)
	}
	code := strings.TrimSpace(r.stdout)
	if !regexp.MustCompile(`^[A-Z0-9-]+-\d{4}-\d{4}$`).MatchString(code) {
		t.Fatalf("case add printed %q, want a case code", code)
	}

	r = ctl(t, sup, "case", "list", "--data", dir)
	if r.code != exitOK || !strings.Contains(r.stdout, code) || !strings.Contains(r.stdout, "José Tavares") {
		t.Fatalf("case list: %+v", r)
	}
	r = ctl(t, sup, "case", "list", "--data", dir, "--json", "--search", "jose")
	var rows []struct{ Code, Name string }
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 1 || rows[0].Code != code {
		t.Fatalf("case list --json --search jose: %v %+v", err, r)
	}

	r = ctl(t, sup, "case", "show", code, "--data", dir, "--json")
	var shown struct {
		Code   string
		Person struct{ FirstName string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil || shown.Code != code || shown.Person.FirstName != "José" {
		t.Fatalf("case show --json: %v %+v", err, r)
	}
	if r := ctl(t, sup, "case", "show", "XX-2026-9999", "--data", dir); r.code != exitFailed {
		t.Fatalf("show of an unknown code: %+v", r)
	}
}

func TestCaseAddRefusals(t *testing.T) {
	dir, sup := officeWithSupervisor(t)
	cases := []struct {
		name, doc, want string
	}{
		{"unknown field", `{"persn": {}}`, "not a valid case document"},
		{"birth date in the future", `{"person": {"firstName": "Ana", "birthDate": "2999-01-01"}}`, "person.birthDate (future)"},
		{"no name at all", `{"person": {"gender": "Feminine"}}`, "(required)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ctl(t, sup, "case", "add", "--data", dir, "--file", writeCaseFile(t, c.doc))
			if r.code != exitFailed || !strings.Contains(r.stderr, c.want) {
				t.Fatalf("got %+v, want exit 1 and %q", r, c.want)
			}
		})
	}
	t.Run("the admin does not see case files", func(t *testing.T) {
		r := ctl(t, admin(), "case", "list", "--data", dir)
		if r.code != exitFailed || !strings.Contains(r.stderr, "role does not allow") {
			t.Fatalf("admin case list: %+v", r)
		}
	})
}

func TestSeedAddsFictionalCases(t *testing.T) {
	dir, sup := officeWithSupervisor(t)
	if r := ctl(t, sup, "seed", "--data", dir, "--cases", "25", "--seed", "7"); r.code != exitOK || !strings.Contains(r.stdout, "25 fictional cases") {
		t.Fatalf("seed: %+v", r)
	}
	r := ctl(t, sup, "case", "list", "--data", dir, "--json")
	var rows []struct{ Code string }
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 25 {
		t.Fatalf("after seeding 25: %v, %d rows", err, len(rows))
	}
	if r := ctl(t, sup, "seed", "--data", dir); r.code != exitUsage {
		t.Fatalf("seed without --cases: %+v", r)
	}
}

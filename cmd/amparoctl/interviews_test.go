package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGuideListAndCheck: the shipped guides list; a broken office file is
// named with its path and line, and the others still load.
func TestGuideListAndCheck(t *testing.T) {
	dir, _ := initOffice(t)
	r := ctl(t, nil, "guide", "list", "--data", dir, "--json", "--lang", "fr")
	var rows []struct{ ID, Title, Source string }
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &rows) != nil || len(rows) != 3 {
		t.Fatalf("guide list: %+v", r)
	}
	for _, row := range rows {
		if row.ID == "child-first-interview" && !strings.Contains(row.Title, "enfant") {
			t.Errorf("French title %q", row.Title)
		}
	}
	if r := ctl(t, nil, "guide", "check", "--data", dir); r.code != exitOK || !strings.Contains(r.stdout, "3 guides and 4 indicator sets") {
		t.Fatalf("check: %+v", r)
	}

	own := filepath.Join(dir, "indicators")
	if err := os.MkdirAll(own, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(own, "adult-labour.json"), []byte("{\n  \"id\": \"adult-labour\",\n  \"version\": \"two\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = ctl(t, nil, "screening", "check", "--data", dir)
	if r.code != exitFailed || !strings.Contains(r.stdout, filepath.Join(own, "adult-labour.json")+":3: type: version") {
		t.Fatalf("check with a broken file: %+v", r)
	}
	r = ctl(t, nil, "screening", "sets", "--data", dir)
	if r.code != exitFailed || !strings.Contains(r.stdout, "child-labour") || strings.Contains(r.stdout, "adult-labour") {
		t.Fatalf("sets with a broken file: %+v", r)
	}
}

// TestScreeningRunSaveShow: a screening of a case by the command line,
// saved as a revision and shown again.
func TestScreeningRunSaveShow(t *testing.T) {
	dir, sup := officeWithSupervisor(t)
	file := writeCaseFile(t, `{"person": {"firstName": "Awa", "gender": "Feminine", "ageEstimate": 15, "ageEstimateBy": "appearance"},
  "trafficking": {"control": ["DebtBondage"]}}`)
	code := strings.TrimSpace(ctl(t, sup, "case", "add", "--data", dir, "--file", file).stdout)

	// Without ticks: the case's answers pre-tick; a child gets the child set.
	r := ctl(t, sup, "screening", "run", "--data", dir, "--case", code, "--json")
	var rep screeningReport
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &rep) != nil || rep.Set != "child-labour" ||
		!strings.Contains(strings.Join(rep.Ticked, ","), "debt-bondage") || rep.Saved {
		t.Fatalf("run: %+v", r)
	}
	if r := ctl(t, sup, "screening", "run", "--data", dir, "--case", code, "--tick", "ex-nope"); r.code != exitFailed || !strings.Contains(r.stderr, "no indicator ex-nope") {
		t.Fatalf("unknown indicator: %+v", r)
	}
	r = ctl(t, sup, "screening", "run", "--data", dir, "--case", code, "--save",
		"--tick", "vr-difficult-family,vr-economic,vr-lack-information,ex-excessive-hours,ex-no-education")
	if r.code != exitOK || !strings.Contains(r.stdout, "Screening flag: likely trafficked") || !strings.Contains(r.stdout, "never a legal determination") {
		t.Fatalf("run --save: %+v", r)
	}
	r = ctl(t, sup, "screening", "show", code, "--data", dir, "--json")
	if r.code != exitOK || !strings.Contains(r.stdout, `"flag": true`) {
		t.Fatalf("show: %+v", r)
	}
	r = ctl(t, sup, "case", "show", code, "--data", dir, "--json")
	if !strings.Contains(r.stdout, `"ChildLabour"`) {
		t.Errorf("the case lacks the exploitation type: %s", r.stdout)
	}
	if r := ctl(t, sup, "interview", "list", code, "--data", dir); r.code != exitOK || !strings.Contains(r.stdout, "STARTED") {
		t.Fatalf("interview list: %+v", r)
	}
}

// TestPocketGuidePDF writes a pocket guide and reads it back.
func TestPocketGuidePDF(t *testing.T) {
	dir, _ := initOffice(t)
	out := filepath.Join(t.TempDir(), "guide.pdf")
	if r := ctl(t, nil, "letter", "pocket-guide", "--data", dir, "--guide", "child-first-interview", "--lang", "pt", "--out", out); r.code != exitOK {
		t.Fatalf("pocket-guide: %+v", r)
	}
	text, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(text), "criança") {
		t.Errorf("the Portuguese pocket guide does not read back: %.200s", text)
	}
	if r := ctl(t, nil, "letter", "pocket-guide", "--data", dir, "--guide", "nope", "--out", out); r.code != exitFailed {
		t.Fatalf("unknown guide: %+v", r)
	}
	if r := ctl(t, nil, "letter", "pocket-guide", "--data", dir, "--guide", "safety-check", "--lang", "de", "--out", out); r.code != exitUsage {
		t.Fatalf("unknown language: %+v", r)
	}
}

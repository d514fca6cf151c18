package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText extracts a PDF's text with pdftotext.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// TestReferralByCommandLine: the admin adds a partner; a supervisor drafts
// a referral, cannot send it without consent, records consent, sends it,
// prints the letter (the name only once consent to share it is recorded),
// the consent form, the case summary and the blank intake form.
func TestReferralByCommandLine(t *testing.T) {
	dir, sup := officeWithSupervisor(t)
	r := ctl(t, admin(), "partner", "add", "--data", dir, "--name", "Instituto Cabo-verdiano da Criança e do Adolescente",
		"--type", "CentralGovernmentOrganisation", "--service", "child-care,psychosocial", "--lang", "pt", "--phone", "+238 260 00 00")
	if r.code != exitOK {
		t.Fatalf("partner add: %+v", r)
	}
	partner := strings.TrimSpace(r.stdout)
	if r := ctl(t, sup, "partner", "add", "--data", dir, "--name", "X", "--type", "NGO"); r.code != exitFailed || !strings.Contains(r.stderr, "role does not allow") {
		t.Fatalf("a supervisor adds a partner: %+v", r)
	}
	r = ctl(t, sup, "partner", "list", "--data", dir, "--search", "crianca", "--json")
	var partners []struct{ ID, Name string }
	if r.code != exitOK || json.Unmarshal([]byte(r.stdout), &partners) != nil || len(partners) != 1 || partners[0].ID != partner {
		t.Fatalf("partner list: %+v", r)
	}

	file := writeCaseFile(t, `{"person": {"firstName": "Joana", "lastName": "Semedo", "gender": "Feminine", "ageEstimate": 24, "ageEstimateBy": "self-reported"}}`)
	code := strings.TrimSpace(ctl(t, sup, "case", "add", "--data", dir, "--file", file).stdout)
	r = ctl(t, sup, "referral", "add", "--data", dir, "--case", code, "--partner", partner, "--service", "psychosocial",
		"--priority", "urgent", "--reason", "Precisa de acompanhamento psicológico.", "--share", "name,languages")
	number := strings.TrimSpace(r.stdout)
	if r.code != exitOK || number != code+"-R1" {
		t.Fatalf("referral add: %+v", r)
	}
	if r := ctl(t, sup, "referral", "move", number, "--data", dir, "--to", "sent", "--how", "hand"); r.code != exitFailed || !strings.Contains(r.stderr, "no consent to refer") {
		t.Fatalf("send without consent: %+v", r)
	}
	if r := ctl(t, sup, "consent", "add", "--data", dir, "--case", code, "--purpose", "referral", "--partner", partner, "--service", "psychosocial"); r.code != exitOK {
		t.Fatalf("consent add: %+v", r)
	}
	if r := ctl(t, sup, "referral", "move", number, "--data", dir, "--to", "sent", "--how", "hand"); r.code != exitOK || !strings.Contains(r.stdout, "sent, due") {
		t.Fatalf("send: %+v", r)
	}
	if r := ctl(t, sup, "referral", "list", code, "--data", dir, "--open"); r.code != exitOK || !strings.Contains(r.stdout, number) {
		t.Fatalf("referral list: %+v", r)
	}

	out := t.TempDir()
	letter := filepath.Join(out, "letter.pdf")
	if r := ctl(t, sup, "letter", "referral", "--data", dir, "--case", code, "--partner", partner, "--out", letter); r.code != exitOK {
		t.Fatalf("letter referral: %+v", r)
	}
	text := pdfText(t, letter)
	if strings.Contains(text, "Semedo") || !strings.Contains(text, code) {
		t.Errorf("the letter without consent to share the name:\n%s", text)
	}
	if r := ctl(t, sup, "consent", "add", "--data", dir, "--case", code, "--purpose", "sharing", "--partner", partner, "--share", "name"); r.code != exitOK {
		t.Fatalf("consent add sharing: %+v", r)
	}
	if r := ctl(t, sup, "letter", "referral", "--data", dir, "--case", code, "--partner", partner, "--lang", "fr", "--out", letter); r.code != exitOK {
		t.Fatalf("letter referral fr: %+v", r)
	}
	if text := pdfText(t, letter); !strings.Contains(text, "Joana Semedo") {
		t.Errorf("the letter with consent to share the name lacks it:\n%s", text)
	}
	for _, doc := range [][]string{
		{"consent", "--case", code},
		{"summary", "--case", code, "--lang", "en"},
		{"intake-blank", "--lang", "fr"},
	} {
		path := filepath.Join(out, doc[0]+".pdf")
		args := append(append([]string{"letter"}, doc...), "--data", dir, "--out", path)
		if r := ctl(t, sup, args...); r.code != exitOK {
			t.Fatalf("letter %s: %+v", doc[0], r)
		}
		if text := pdfText(t, path); len(strings.TrimSpace(text)) < 100 {
			t.Errorf("letter %s is nearly empty: %q", doc[0], text)
		}
	}
	if text := pdfText(t, filepath.Join(out, "summary.pdf")); !strings.Contains(text, number) {
		t.Errorf("the summary does not list the referral")
	}
}

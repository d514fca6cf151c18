package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCardTrustAndIdentity: two offices swap cards; a supervisor trusts the
// other office's card (a wrong fingerprint is refused), lists and revokes
// it; the admin exports the identity, readable by its owner only.
func TestCardTrustAndIdentity(t *testing.T) {
	praia, sup := officeWithSupervisor(t)
	dakar, dakarSup := officeWithSupervisor(t)
	dir := t.TempDir()
	dakarCard := filepath.Join(dir, "dakar.card")
	r := ctl(t, dakarSup, "card", "--data", dakar, "--out", dakarCard)
	if r.code != exitOK || !strings.Contains(r.stdout, "Fingerprint: ") {
		t.Fatalf("card: %+v", r)
	}
	fp := strings.TrimSpace(r.stdout[strings.Index(r.stdout, "Fingerprint: ")+len("Fingerprint: "):])

	if r := ctl(t, sup, "trust", dakarCard, "--data", praia, "--fingerprint", "AAAA-BBBB-CCCC-DDDD"); r.code != exitFailed || !strings.Contains(r.stderr, "does not match") {
		t.Fatalf("a wrong fingerprint: %+v", r)
	}
	if r := ctl(t, admin(), "trust", dakarCard, "--data", praia); r.code != exitFailed || !strings.Contains(r.stderr, "role does not allow") {
		t.Fatalf("the admin trusts: %+v", r)
	}
	r = ctl(t, sup, "trust", dakarCard, "--data", praia, "--fingerprint", strings.ToLower(strings.ReplaceAll(fp, "-", " ")))
	if r.code != exitOK || !strings.Contains(r.stdout, fp) {
		t.Fatalf("trust: %+v", r)
	}
	own := filepath.Join(dir, "praia.card")
	if r := ctl(t, sup, "card", "--data", praia, "--out", own); r.code != exitOK {
		t.Fatal(r)
	}
	if r := ctl(t, sup, "trust", own, "--data", praia); r.code != exitFailed || !strings.Contains(r.stderr, "own card") {
		t.Fatalf("trusting the own card: %+v", r)
	}
	junk := filepath.Join(dir, "junk.card")
	os.WriteFile(junk, []byte(`{"format":"something else"}`), 0o600)
	if r := ctl(t, sup, "trust", junk, "--data", praia); r.code != exitFailed || !strings.Contains(r.stderr, "not an Amparo office card") {
		t.Fatalf("a junk card: %+v", r)
	}
	r = ctl(t, sup, "trust", "--list", "--data", praia)
	if r.code != exitOK || !strings.Contains(r.stdout, fp) || !strings.Contains(r.stdout, "yes") {
		t.Fatalf("list: %+v", r)
	}
	officeID := strings.Fields(strings.Split(r.stdout, "\n")[1])[0]
	if r := ctl(t, sup, "trust", "--revoke", officeID, "--data", praia); r.code != exitOK {
		t.Fatalf("revoke: %+v", r)
	}
	if r := ctl(t, sup, "trust", "--list", "--data", praia); !strings.Contains(r.stdout, "revoked") {
		t.Fatalf("list after revoke: %+v", r)
	}

	idFile := filepath.Join(dir, "praia.identity")
	if r := ctl(t, sup, "identity", "export", "--data", praia, "--out", idFile); r.code != exitFailed {
		t.Fatalf("a supervisor exports the identity: %+v", r)
	}
	if r := ctl(t, admin(), "identity", "export", "--data", praia, "--out", idFile); r.code != exitOK {
		t.Fatalf("identity export: %+v", r)
	}
	fi, err := os.Stat(idFile)
	b, _ := os.ReadFile(idFile)
	if err != nil || fi.Mode().Perm() != 0o600 || !strings.HasPrefix(string(b), "AGE-SECRET-KEY-1") {
		t.Fatalf("identity file: %v %v %.20s", err, fi.Mode(), b)
	}
	if r := ctl(t, admin(), "identity", "export", "--data", praia, "--out", idFile); r.code != exitFailed {
		t.Fatalf("overwriting an identity file: %+v", r)
	}
}

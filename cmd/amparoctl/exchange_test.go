package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
)

// officeCard writes the office's card with `amparoctl card` and returns
// the file, the office id and the fingerprint it printed.
func officeCard(t *testing.T, dir string, sup map[string]string) (string, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "office.card")
	r := ctl(t, sup, "card", "--data", dir, "--out", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "Fingerprint: ") {
		t.Fatalf("card: %+v", r)
	}
	fp := strings.TrimSpace(r.stdout[strings.Index(r.stdout, "Fingerprint: ")+len("Fingerprint: "):])
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var card domain.OfficeCard
	if err := json.Unmarshal(b, &card); err != nil || card.OfficeID == "" {
		t.Fatalf("card file: %v %s", err, b)
	}
	return path, card.OfficeID, fp
}

// addCase adds a case by command and returns its code.
func addCase(t *testing.T, dir string, sup map[string]string, first string) string {
	t.Helper()
	file := writeCaseFile(t, `{"person": {"firstName": "`+first+`", "lastName": "Semedo", "gender": "Feminine", "ageEstimate": 24, "ageEstimateBy": "self-reported"}}`)
	r := ctl(t, sup, "case", "add", "--data", dir, "--file", file)
	if r.code != exitOK {
		t.Fatalf("case add: %+v", r)
	}
	return strings.TrimSpace(r.stdout)
}

// shareConsent records by command the person's consent to share every
// part of the case with partner (an office id or a directory id).
func shareConsent(t *testing.T, dir string, sup map[string]string, code, partner string) {
	t.Helper()
	args := []string{"consent", "add", "--data", dir, "--case", code, "--purpose", "sharing", "--partner", partner}
	for _, item := range domain.ShareFields {
		args = append(args, "--share", item)
	}
	if r := ctl(t, sup, args...); r.code != exitOK {
		t.Fatalf("consent add: %+v", r)
	}
}

// untar reads a tar archive into its members, in order.
func untar(t *testing.T, b []byte) ([]string, map[string][]byte) {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(b))
	var names []string
	members := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the decrypted file is not a tar archive: %v", err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, hdr.Name)
		members[hdr.Name] = data
	}
	return names, members
}

// TestExchangeByCommandLine: two offices swap cards and trust each other;
// a case with consent to share goes from Praia to Dakar; importing the
// file again is refused; no conflicts. Dakar's identity, exported by its
// admin, opens the file with the age tool, and the archive inside names
// Praia as sender. A passphrase file goes to a third office that trusts
// nobody yet: it trusts Praia on the import, by the fingerprint.
func TestExchangeByCommandLine(t *testing.T) {
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Fatalf("the age command-line tool is needed to decrypt an export file (`make deps` installs it): %v", err)
	}
	praia, sup := officeWithSupervisor(t)
	dakar, dsup := officeWithSupervisor(t)
	praiaCard, praiaID, praiaFP := officeCard(t, praia, sup)
	dakarCard, dakarID, dakarFP := officeCard(t, dakar, dsup)
	if r := ctl(t, sup, "trust", dakarCard, "--data", praia, "--fingerprint", dakarFP); r.code != exitOK {
		t.Fatalf("trust at Praia: %+v", r)
	}
	if r := ctl(t, dsup, "trust", praiaCard, "--data", dakar, "--fingerprint", praiaFP); r.code != exitOK {
		t.Fatalf("trust at Dakar: %+v", r)
	}

	code := addCase(t, praia, sup, "Joana")
	withheld := addCase(t, praia, sup, "Maria") // no consent: left out
	shareConsent(t, praia, sup, code, dakarID)
	out := filepath.Join(t.TempDir(), "praia-to-dakar.amparo")
	r := ctl(t, sup, "export", "--data", praia, "--to", dakarID, "--out", out)
	if r.code != exitOK || !strings.Contains(r.stdout, "Export file written: "+out+" (number 1): 1 cases, 2 records, 2 revisions, 0 attachments, 0 deletions.") ||
		!strings.Contains(r.stdout, "Left out, no consent to share with ") || !strings.Contains(r.stdout, ": "+withheld+"\n") {
		t.Fatalf("export: %+v", r)
	}
	if r := ctl(t, sup, "export", "--data", praia, "--to", dakarID, "--out", filepath.Join(t.TempDir(), "x.amparo")); r.code != exitFailed ||
		!strings.Contains(r.stderr, "nothing new to send") {
		t.Fatalf("a second export: %+v", r)
	}

	r = ctl(t, dsup, "import", out, "--data", dakar)
	want := "Imported file number 1 from Centro de Acolhimento da Praia: 2 new records, 0 updated, 0 with conflicts to review, 0 revisions already here.\nCases: " + code + "\n"
	if r.code != exitOK || r.stdout != want {
		t.Fatalf("import: %+v\nwant stdout %q", r, want)
	}
	if r := ctl(t, dsup, "case", "show", code, "--data", dakar, "--json"); r.code != exitOK || !strings.Contains(r.stdout, `"Joana"`) {
		t.Fatalf("the case at Dakar: %+v", r)
	}
	if r := ctl(t, dsup, "case", "show", withheld, "--data", dakar); r.code != exitFailed {
		t.Fatalf("the withheld case at Dakar: %+v", r)
	}
	r = ctl(t, dsup, "import", out, "--data", dakar)
	if r.code != exitFailed || !strings.Contains(r.stderr, "already imported") || r.stdout != "" {
		t.Fatalf("import again: %+v", r)
	}
	if r := ctl(t, dsup, "import", out, "--data", praia); r.code != exitFailed || !strings.Contains(r.stderr, "addressed to another office") {
		t.Fatalf("import at the sender: %+v", r)
	}
	if r := ctl(t, dsup, "conflicts", "list", "--data", dakar); r.code != exitOK || r.stdout != "No conflicts to review.\n" {
		t.Fatalf("conflicts list: %+v", r)
	}
	if r := ctl(t, dsup, "conflicts", "list", "--data", dakar, "--json"); r.code != exitOK || strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("conflicts list --json: %+v", r)
	}

	// The age tool opens the file with Dakar's identity, not with Praia's.
	dir := t.TempDir()
	dakarIdentity := filepath.Join(dir, "dakar.identity")
	if r := ctl(t, admin(), "identity", "export", "--data", dakar, "--out", dakarIdentity); r.code != exitOK {
		t.Fatalf("identity export: %+v", r)
	}
	praiaIdentity := filepath.Join(dir, "praia.identity")
	if r := ctl(t, admin(), "identity", "export", "--data", praia, "--out", praiaIdentity); r.code != exitOK {
		t.Fatalf("identity export: %+v", r)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(agePath, "-d", "-i", dakarIdentity, out)
	cmd.Stderr = &stderr
	plain, err := cmd.Output()
	if err != nil {
		t.Fatalf("age -d: %v: %s", err, stderr.String())
	}
	names, members := untar(t, plain)
	if names[0] != "manifest.json" || !slices.Contains(names, "manifest.sig") || !slices.Contains(names, "revisions.jsonl") {
		t.Fatalf("archive members %v", names)
	}
	var m struct {
		Format     string   `json:"format"`
		Sender     string   `json:"sender"`
		Recipients []string `json:"recipients"`
		Sequence   int      `json:"sequence"`
		SenderCard struct {
			OfficeID string `json:"officeId"`
			Name     string `json:"name"`
		} `json:"senderCard"`
		Members map[string]string `json:"members"`
	}
	if err := json.Unmarshal(members["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != "amparo-export/1" || m.Sender != praiaID || m.SenderCard.OfficeID != praiaID ||
		m.SenderCard.Name != "Centro de Acolhimento da Praia" || !slices.Equal(m.Recipients, []string{dakarID}) || m.Sequence != 1 ||
		len(m.Members) != len(names)-2 {
		t.Fatalf("manifest %s", members["manifest.json"])
	}
	var content []byte // what the manifest's hashes cover
	for _, n := range names[2:] {
		if m.Members[n] == "" {
			t.Fatalf("member %s not in the manifest", n)
		}
		content = append(content, members[n]...)
	}
	if len(members["manifest.sig"]) != 64 || bytes.Count(members["revisions.jsonl"], []byte("\n")) != 2 ||
		!bytes.Contains(content, []byte(code)) || !bytes.Contains(content, []byte("Joana")) {
		t.Fatalf("signature %d bytes, revisions %q", len(members["manifest.sig"]), members["revisions.jsonl"])
	}
	// The file is not readable with the sender's own identity: only the receiver's.
	if plain, err := exec.Command(agePath, "-d", "-i", praiaIdentity, out).Output(); err == nil || len(plain) != 0 {
		t.Fatalf("age -d with Praia's identity: %v, %d bytes", err, len(plain))
	}
	// Nor is the victim's name in the file, in the clear.
	if raw, _ := os.ReadFile(out); bytes.Contains(raw, []byte("Joana")) || bytes.Contains(raw, []byte(code)) {
		t.Fatal("the export file holds plain text")
	}

	// A passphrase file for an office Praia has not pinned yet.
	lisboa, lsup := officeWithSupervisor(t)
	lisboaCard, _, _ := officeCard(t, lisboa, lsup)
	r = ctl(t, admin(), "partner", "add", "--data", praia, "--name", "Centro de Lisboa", "--type", "NGO", "--service", "psychosocial",
		"--card", lisboaCard)
	if r.code != exitOK {
		t.Fatalf("partner add: %+v", r)
	}
	partner := strings.TrimSpace(r.stdout)
	handed := addCase(t, praia, sup, "Rosa")
	shareConsent(t, praia, sup, handed, partner)
	const pass = "copper-lantern-meadow-42"
	withPass := map[string]string{"AMPARO_EXPORT_PASSPHRASE": pass}
	for k, v := range sup {
		withPass[k] = v
	}
	passFile := filepath.Join(t.TempDir(), "praia-hand-over.amparo")
	if r := ctl(t, sup, "export", "--data", praia, "--passphrase", "--case", handed, "--out", passFile); r.code != exitUsage {
		t.Fatalf("--passphrase without --partner: %+v", r)
	}
	r = ctl(t, withPass, "export", "--data", praia, "--passphrase", "--case", handed, "--partner", partner, "--out", passFile)
	if r.code != exitOK || !strings.Contains(r.stdout, "(number 2): 1 cases") || strings.Contains(r.stdout, pass) {
		t.Fatalf("passphrase export: %+v", r)
	}
	if raw, _ := os.ReadFile(passFile); !bytes.Contains(raw, []byte("\n-> scrypt ")) {
		t.Fatalf("not a passphrase file: %.80q", raw)
	}
	lisboaPass := map[string]string{"AMPARO_EXPORT_PASSPHRASE": pass}
	for k, v := range lsup {
		lisboaPass[k] = v
	}
	if r := ctl(t, lsup, "import", passFile, "--data", lisboa); r.code != exitFailed || !strings.Contains(r.stderr, "AMPARO_EXPORT_PASSPHRASE") {
		t.Fatalf("import without the passphrase: %+v", r)
	}
	r = ctl(t, lisboaPass, "import", passFile, "--data", lisboa)
	if r.code != exitFailed || !strings.Contains(r.stderr, "not trusted here") || !strings.Contains(r.stderr, "--trust "+praiaFP) {
		t.Fatalf("import from an office not trusted: %+v", r)
	}
	r = ctl(t, lisboaPass, "import", passFile, "--data", lisboa, "--trust", praiaFP)
	if r.code != exitOK || !strings.Contains(r.stdout, "is now trusted. Fingerprint: "+praiaFP) ||
		!strings.Contains(r.stdout, "Imported file number 2 from Centro de Acolhimento da Praia: 2 new records") ||
		!strings.Contains(r.stdout, "Cases: "+handed+"\n") {
		t.Fatalf("import with --trust: %+v", r)
	}
	if r := ctl(t, lsup, "case", "show", handed, "--data", lisboa, "--json"); r.code != exitOK || !strings.Contains(r.stdout, `"Rosa"`) {
		t.Fatalf("the case at Lisboa: %+v", r)
	}
	if r := ctl(t, lsup, "trust", "--list", "--data", lisboa); r.code != exitOK || !strings.Contains(r.stdout, praiaID) || !strings.Contains(r.stdout, praiaFP) {
		t.Fatalf("Lisboa's trusted offices: %+v", r)
	}
}

// TestExchangeConflictByCommandLine: both offices move the same referral
// at once; after the files cross, `conflicts list` shows it at both, and
// `conflicts resolve --keep theirs` at Praia settles it; the next file
// closes Dakar's and both hold the same referral.
func TestExchangeConflictByCommandLine(t *testing.T) {
	praia, sup := officeWithSupervisor(t)
	dakar, dsup := officeWithSupervisor(t)
	praiaCard, praiaID, praiaFP := officeCard(t, praia, sup)
	dakarCard, dakarID, dakarFP := officeCard(t, dakar, dsup)
	ctl(t, sup, "trust", dakarCard, "--data", praia, "--fingerprint", dakarFP)
	ctl(t, dsup, "trust", praiaCard, "--data", dakar, "--fingerprint", praiaFP)
	r := ctl(t, admin(), "partner", "add", "--data", praia, "--name", "Instituto Cabo-verdiano da Criança e do Adolescente",
		"--type", "CentralGovernmentOrganisation", "--service", "psychosocial", "--lang", "pt")
	if r.code != exitOK {
		t.Fatalf("partner add: %+v", r)
	}
	partner := strings.TrimSpace(r.stdout)
	code := addCase(t, praia, sup, "Joana")
	shareConsent(t, praia, sup, code, dakarID)
	if r := ctl(t, sup, "consent", "add", "--data", praia, "--case", code, "--purpose", "referral", "--partner", partner, "--service", "psychosocial"); r.code != exitOK {
		t.Fatalf("consent add: %+v", r)
	}
	r = ctl(t, sup, "referral", "add", "--data", praia, "--case", code, "--partner", partner, "--service", "psychosocial",
		"--priority", "urgent", "--reason", "Precisa de acompanhamento psicológico.")
	number := strings.TrimSpace(r.stdout)
	if r.code != exitOK {
		t.Fatalf("referral add: %+v", r)
	}
	exportTo := func(from string, s map[string]string, toID string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "file.amparo")
		if r := ctl(t, s, "export", "--data", from, "--to", toID, "--out", out); r.code != exitOK {
			t.Fatalf("export: %+v", r)
		}
		return out
	}
	if r := ctl(t, dsup, "import", exportTo(praia, sup, dakarID), "--data", dakar); r.code != exitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := ctl(t, sup, "referral", "move", number, "--data", praia, "--to", "sent", "--how", "hand"); r.code != exitOK {
		t.Fatalf("move at Praia: %+v", r)
	}
	if r := ctl(t, dsup, "referral", "move", number, "--data", dakar, "--to", "sent", "--how", "email"); r.code != exitOK {
		t.Fatalf("move at Dakar: %+v", r)
	}
	toDakar, toPraia := exportTo(praia, sup, dakarID), exportTo(dakar, dsup, praiaID)
	for _, step := range []struct {
		dir, file string
		s         map[string]string
	}{{dakar, toDakar, dsup}, {praia, toPraia, sup}} {
		r := ctl(t, step.s, "import", step.file, "--data", step.dir)
		if r.code != exitOK || !strings.Contains(r.stdout, "1 with conflicts to review") || !strings.Contains(r.stdout, "conflicts list") {
			t.Fatalf("crossing import: %+v", r)
		}
	}
	var ids []string
	for _, side := range []struct {
		dir string
		s   map[string]string
	}{{praia, sup}, {dakar, dsup}} {
		r := ctl(t, side.s, "conflicts", "list", "--data", side.dir)
		if r.code != exitOK || !strings.Contains(r.stdout, code) || !strings.Contains(r.stdout, "referral") || strings.Count(r.stdout, "\n") != 2 {
			t.Fatalf("conflicts list: %+v", r)
		}
		id := regexp.MustCompile(`(?m)^([0-9a-f-]{36})\s`).FindStringSubmatch(r.stdout)
		if id == nil {
			t.Fatalf("no conflict id in %q", r.stdout)
		}
		ids = append(ids, id[1])
	}
	if r := ctl(t, sup, "conflicts", "resolve", ids[0], "--data", praia, "--keep", "both"); r.code != exitUsage {
		t.Fatalf("resolve --keep both: %+v", r)
	}
	r = ctl(t, sup, "conflicts", "resolve", ids[0], "--data", praia, "--keep", "theirs")
	if r.code != exitOK || !strings.Contains(r.stdout, "Conflict on "+code+" resolved, keeping theirs values") {
		t.Fatalf("resolve: %+v", r)
	}
	if r := ctl(t, sup, "conflicts", "resolve", ids[0], "--data", praia, "--keep", "mine"); r.code != exitFailed || !strings.Contains(r.stderr, "already resolved") {
		t.Fatalf("resolve again: %+v", r)
	}
	r = ctl(t, dsup, "import", exportTo(praia, sup, dakarID), "--data", dakar)
	if r.code != exitOK || strings.Contains(r.stdout, "conflicts list") {
		t.Fatalf("the resolution to Dakar: %+v", r)
	}
	var lists []string
	for _, side := range []struct {
		dir string
		s   map[string]string
	}{{praia, sup}, {dakar, dsup}} {
		if r := ctl(t, side.s, "conflicts", "list", "--data", side.dir); r.stdout != "No conflicts to review.\n" {
			t.Fatalf("conflicts after the resolution: %+v", r)
		}
		r := ctl(t, side.s, "referral", "list", code, "--data", side.dir, "--json")
		if r.code != exitOK || !strings.Contains(r.stdout, number) {
			t.Fatalf("referral list: %+v", r)
		}
		lists = append(lists, r.stdout)
	}
	if lists[0] != lists[1] || !strings.Contains(lists[0], "email") || strings.Contains(lists[0], `"hand"`) {
		t.Fatalf("the referral after keeping Dakar's values:\nPraia %s\nDakar %s", lists[0], lists[1])
	}
}

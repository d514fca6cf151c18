package casework

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	other := d.create(d.kofi, fileAdult())
	scan := []byte("%PDF-1.4 scanned birth certificate")

	a, err := d.kofi.AddAttachment(ctx, domain.Attachment{CaseID: c.ID, Kind: domain.AttachmentDocument,
		Name: `C:\Users\kofi\Scans\birth-certificate.pdf`, MIME: "application/pdf", Data: scan})
	t.Run("given a file when attached then its metadata, without the bytes, and audited with the size", func(t *testing.T) {
		if err != nil || a.ID == "" || a.Name != "birth-certificate.pdf" || a.Size != int64(len(scan)) || a.Data != nil ||
			a.AddedBy != d.users["kofi"].ID || !a.AddedAt.Equal(t0) || a.Kind != domain.AttachmentDocument {
			t.Fatalf("AddAttachment = %+v, %v", a, err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditAttachmentAdd || e.RecordID != a.ID || e.Detail != "case="+c.ID+" size=34" {
			t.Errorf("audit = %+v", e)
		}
	})
	d.clock.Advance(time.Minute)
	photo, _ := d.kofi.AddAttachment(ctx, domain.Attachment{CaseID: c.ID, Name: "photo", Data: []byte{0xff, 0xd8, 0xff}})
	if _, err := d.kofi.AddAttachment(ctx, domain.Attachment{CaseID: other.ID, Name: "x.txt", Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	t.Run("given attachments when listed then the case's own, newest first, with no bytes", func(t *testing.T) {
		list, err := d.kofi.Attachments(ctx, c.ID)
		if err != nil || len(list) != 2 || list[0].ID != photo.ID || list[1].ID != a.ID {
			t.Fatalf("Attachments = %+v, %v", list, err)
		}
		for _, x := range list {
			if x.Data != nil {
				t.Errorf("attachment %s listed with its bytes", x.Name)
			}
		}
		if list[0].Kind != domain.AttachmentOther || list[0].MIME != "application/octet-stream" {
			t.Errorf("defaults = %+v", list[0])
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseView || e.Detail != "part=attachments" {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given an attachment when opened then its bytes and an attachment.read entry", func(t *testing.T) {
		got, err := d.sam.AttachmentData(ctx, a.ID)
		if err != nil || !bytes.Equal(got, scan) {
			t.Fatalf("AttachmentData = %q, %v", got, err)
		}
		e := d.lastAudit(1)[0]
		if e.Action != domain.AuditAttachmentRead || e.RecordID != a.ID || e.UserID != d.users["sam"].ID || e.Detail != "case="+c.ID {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given another worker then neither the list nor the bytes", func(t *testing.T) {
		_, err := d.tina.Attachments(ctx, c.ID)
		wantErr(t, "Attachments", err, ErrForbidden)
		_, err = d.tina.AttachmentData(ctx, a.ID)
		wantErr(t, "AttachmentData", err, ErrForbidden)
	})
	t.Run("given an id that is not an attachment then ErrNotFound", func(t *testing.T) {
		_, err := d.kofi.AttachmentData(ctx, c.ID)
		wantErr(t, "AttachmentData(case id)", err, ErrNotFound)
		_, err = d.kofi.AttachmentData(ctx, dataRecordID(a.ID))
		wantErr(t, "AttachmentData(data record id)", err, ErrNotFound)
	})

	sizes := []struct {
		name string
		size int
		ok   bool
	}{
		{"exactly the limit", domain.MaxAttachmentBytes, true},
		{"one byte over", domain.MaxAttachmentBytes + 1, false},
	}
	for _, tt := range sizes {
		t.Run("given a file of "+tt.name, func(t *testing.T) {
			data := bytes.Repeat([]byte{0xa5}, tt.size)
			data[len(data)-1] = 0x5a
			before := len(d.audit())
			got, err := d.kofi.AddAttachment(ctx, domain.Attachment{CaseID: c.ID, Name: "big.bin", Data: data})
			if !tt.ok {
				wantRule(t, "AddAttachment", err, RuleTooLarge)
				if len(d.audit()) != before {
					t.Error("a refused file was audited as attached")
				}
				return
			}
			if err != nil || got.Size != int64(tt.size) {
				t.Fatalf("AddAttachment = %+v, %v", got, err)
			}
			if data[0] != 0xa5 || data[len(data)-1] != 0x5a {
				t.Error("AddAttachment changed the caller's bytes")
			}
			back, err := d.kofi.AttachmentData(ctx, got.ID)
			if err != nil || !bytes.Equal(back, data) {
				t.Errorf("AttachmentData = %d bytes, %v", len(back), err)
			}
		})
	}
	invalid := []struct {
		name string
		a    domain.Attachment
		want []Problem
	}{
		{"empty file", domain.Attachment{CaseID: c.ID, Name: "x.pdf"}, []Problem{{"data", RuleRequired}}},
		{"no name", domain.Attachment{CaseID: c.ID, Name: `C:\scans\ `, Data: []byte("x")}, []Problem{{"name", RuleRequired}}},
		{"unknown kind", domain.Attachment{CaseID: c.ID, Name: "x", Kind: "video", Data: []byte("x")}, []Problem{{"kind", RuleUnknownValue}}},
	}
	for _, tt := range invalid {
		t.Run("given an attachment with "+tt.name, func(t *testing.T) {
			_, err := d.kofi.AddAttachment(ctx, tt.a)
			wantProblems(t, "AddAttachment", err, tt.want...)
		})
	}
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		"passport.jpg":                    "passport.jpg",
		`C:\Users\ama\passport.jpg`:       "passport.jpg",
		"/home/ama/Documents/consent.pdf": "consent.pdf",
		" scan\x00\n.png ":                "scan.png",
		strings.Repeat("a", 300):          strings.Repeat("a", 255),
	} {
		if got := cleanFileName(in); got != want {
			t.Errorf("cleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCaseFileCanary fills a case file with distinctive names, contacts,
// notes, consents and an attachment, then scans the database and its WAL,
// open and after closing: none of it may be on disk in the clear.
func TestCaseFileCanary(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	secrets := []string{
		"Vexmorandine", "Trullowayne", "Sisi Quorble", "+233 24 771 9043", "771 9043", "vexmo@example.org",
		"Plankenfurrow", "Gnarlisbeth", "dravenquist-shelter", "Xoomberlyn", "ATTACHED-PAYLOAD-Zephyrquilt",
		"wobbelgrast.pdf",
	}
	c := fileChild()
	c.Person.FirstName, c.Person.LastName, c.Person.Aliases = "Vexmorandine", "Trullowayne", []string{"Sisi Quorble"}
	c.Person.ContactConsent, c.Person.Phone, c.Person.Email, c.Person.Address = true, "+233 24 771 9043", "vexmo@example.org", "Plankenfurrow Street"
	c.Child.Guardian = domain.Guardian{Name: "Gnarlisbeth Trullowayne", Relation: "mother"}
	c.Trafficking.Narrative = "taken to dravenquist-shelter by Xoomberlyn"
	cs := d.create(d.kofi, c)
	edit := cs
	edit.Person.MiddleName = "Gnarlisbeth"
	if _, err := d.kofi.UpdateCase(ctx, edit); err != nil {
		t.Fatal(err)
	}
	if _, err := d.kofi.AddNote(ctx, cs.ID, "Xoomberlyn called Vexmorandine twice"); err != nil {
		t.Fatal(err)
	}
	consent := consentBy(cs.ID, domain.ConsentAssistance, domain.GivenByGuardian)
	consent.GiverName = "Gnarlisbeth Trullowayne"
	if _, err := d.kofi.AddConsent(ctx, consent); err != nil {
		t.Fatal(err)
	}
	payload := bytes.Repeat([]byte("ATTACHED-PAYLOAD-Zephyrquilt "), 2000)
	a, err := d.kofi.AddAttachment(ctx, domain.Attachment{CaseID: cs.ID, Name: "wobbelgrast.pdf", Data: payload})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.kofi.History(ctx, cs.ID); err != nil {
		t.Fatal(err)
	}

	t.Run("given the scanner then it finds a canary where there is one", func(t *testing.T) {
		probe := t.TempDir() + "/probe"
		os.WriteFile(probe, append([]byte("xx"), payload[:64]...), 0o600)
		b, _ := os.ReadFile(probe)
		if !bytes.Contains(b, forms("ATTACHED-PAYLOAD-Zephyrquilt")[0]) {
			t.Fatal("the probe misses the payload")
		}
	})
	t.Run("given the office open then neither the database nor its WAL holds any of it", func(t *testing.T) {
		scan(t, d.db.Path(), secrets)
		if fi, err := os.Stat(d.db.Path() + "-wal"); err == nil && fi.Size() > 0 {
			scan(t, d.db.Path()+"-wal", secrets)
		}
	})
	t.Run("given the office open then the sealed records still open", func(t *testing.T) {
		got, err := d.kofi.AttachmentData(ctx, a.ID)
		if err != nil || !bytes.Equal(got, payload) {
			t.Errorf("AttachmentData = %d bytes, %v", len(got), err)
		}
		back, err := d.kofi.Case(ctx, cs.ID)
		if err != nil || back.Person.FirstName != "Vexmorandine" {
			t.Errorf("Case = %v", err)
		}
	})
	if err := d.db.Close(); err != nil {
		t.Fatal(err)
	}
	t.Run("given the office closed then the database holds none of it", func(t *testing.T) {
		scan(t, d.db.Path(), secrets)
	})
}

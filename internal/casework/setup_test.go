package casework

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

func TestSetup(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)

	t.Run("given an empty folder when asked then not set up, and login says so", func(t *testing.T) {
		if ok, err := f.svc.IsSetUp(ctx); ok || err != nil {
			t.Errorf("IsSetUp = %v, %v", ok, err)
		}
		_, err := f.svc.Login(ctx, "ama", []byte(adminPW))
		wantErr(t, "Login", err, ErrNotSetUp)
		_, err = f.svc.Office(ctx)
		wantErr(t, "Office", err, ErrNotSetUp)
		_, err = f.svc.LoginUsers(ctx)
		wantErr(t, "LoginUsers", err, ErrNotSetUp)
	})
	t.Run("given valid input when set up then the office is filled in and readable without login", func(t *testing.T) {
		in := setupInput()
		in.Office.Country = "ci" // forgiven
		code, err := f.svc.Setup(ctx, in)
		if err != nil {
			t.Fatalf("Setup: %v", err)
		}
		if norm, err := vault.NormalizeRecoveryCode(code); err != nil || norm != code {
			t.Errorf("recovery code of %d characters does not read back: %v", len(code), err)
		}
		o, err := f.svc.Office(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if o.ID == "" || o.Name != officeName || o.Country != "CI" || o.Lang != "fr" || o.CodePrefix != "CA" ||
			!o.CreatedAt.Equal(t0) || o.Address != "Rue 12, Cocody" {
			t.Errorf("Office = %+v", o)
		}
		row, err := f.db.Office(ctx)
		if err != nil || len(row.Identity) == 0 || !strings.HasPrefix(row.AgeRecipient, "age1") || len(row.SignPublicKey) != 32 {
			t.Errorf("office keys: identity %d bytes, recipient %q, signing key %d bytes, %v",
				len(row.Identity), row.AgeRecipient, len(row.SignPublicKey), err)
		}
		users, err := f.svc.LoginUsers(ctx)
		if err != nil || len(users) != 1 || users[0].Username != "ama" || users[0].Role != domain.RoleAdmin || users[0].Name != "Ama Mensah" {
			t.Errorf("LoginUsers = %+v, %v", users, err)
		}
		var actions []domain.AuditAction
		for _, e := range f.audit() {
			actions = append(actions, e.Action)
			if e.UserID != users[0].ID {
				t.Errorf("entry %s by %q, want the admin", e.Action, e.UserID)
			}
		}
		if !slices.Equal(actions, []domain.AuditAction{domain.AuditSetup, domain.AuditUserAdd}) {
			t.Errorf("audit = %v", actions)
		}
		if err := f.svc.VerifyAudit(ctx); err != nil {
			t.Errorf("VerifyAudit: %v", err)
		}
	})
	t.Run("given an office when set up again then ErrAlreadySetUp", func(t *testing.T) {
		_, err := f.svc.Setup(ctx, setupInput())
		wantErr(t, "Setup", err, ErrAlreadySetUp)
	})
}

func TestSetup_Refusals(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name      string
		change    func(*SetupInput)
		wantField string // a *ValidationError on this field
		wantRule  PasswordRule
	}{
		{"given no office name", func(in *SetupInput) { in.Office.Name = "  " }, "office.name", ""},
		{"given an unknown country", func(in *SetupInput) { in.Office.Country = "XX" }, "office.country", ""},
		{"given a withdrawn country code", func(in *SetupInput) { in.Office.Country = "UK" }, "office.country", ""},
		{"given no country", func(in *SetupInput) { in.Office.Country = "" }, "office.country", ""},
		{"given an unsupported language", func(in *SetupInput) { in.Office.Lang = "de" }, "office.lang", ""},
		{"given a bad code prefix", func(in *SetupInput) { in.Office.CodePrefix = "A-B" }, "office.code_prefix", ""},
		{"given a username with spaces", func(in *SetupInput) { in.AdminUsername = "ama mensah" }, "username", ""},
		{"given a two-letter username", func(in *SetupInput) { in.AdminUsername = "am" }, "username", ""},
		{"given no admin name", func(in *SetupInput) { in.AdminName = "" }, "name", ""},
		{"given a short password", func(in *SetupInput) { in.Password = []byte("short") }, "", PasswordTooShort},
		{"given the office name as password", func(in *SetupInput) { in.Password = []byte("centre abidjan") }, "", PasswordIsOfficeName},
	}
	for _, c := range cases {
		t.Run(c.name+" when set up then refused and nothing is written", func(t *testing.T) {
			f := newFixture(t)
			in := setupInput()
			c.change(&in)
			_, err := f.svc.Setup(ctx, in)
			var ve *ValidationError
			var pe *PasswordError
			switch {
			case c.wantField != "" && (!errors.As(err, &ve) || ve.Field != c.wantField):
				t.Errorf("Setup = %v, want a validation error on %s", err, c.wantField)
			case c.wantRule != "" && (!errors.As(err, &pe) || pe.Rule != c.wantRule):
				t.Errorf("Setup = %v, want password rule %s", err, c.wantRule)
			}
			if ok, _ := f.svc.IsSetUp(ctx); ok {
				t.Error("a refused setup created the office")
			}
		})
	}
}

// TestSetup_DefaultKDF is the one test that pays for real argon2id: what
// production stores must meet SECURITY.md (64 MiB, 3 passes).
func TestSetup_DefaultKDF(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	svc := New(f.db, nil)
	if _, err := svc.Setup(ctx, setupInput()); err != nil {
		t.Fatal(err)
	}
	u, err := f.db.UserByUsername(ctx, "ama")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := f.db.KeyWrap(ctx, "recovery")
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]vault.KDFParams{"admin": u.WrappedKey.KDF, "recovery": rec.KDF} {
		if p.MemoryKiB < 64*1024 || p.Time < 3 || len(p.Salt) < 16 {
			t.Errorf("%s wrap: argon2id %d KiB, %d passes, %d-byte salt; want >= 64 MiB, 3 passes, 16 bytes",
				name, p.MemoryKiB, p.Time, len(p.Salt))
		}
	}
}

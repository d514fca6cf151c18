package casework

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

func TestAddUser(t *testing.T) {
	ctx := context.Background()
	f := newOffice(t)
	admin := f.login("ama", adminPW)
	ok := NewUser{Username: " Mariana.Sow ", Name: " Mariana Sow ", Role: domain.RoleSupervisor, Password: []byte("plum orchard sailing")}

	t.Run("given a valid user when added then they can log in, and it is audited", func(t *testing.T) {
		u, err := admin.AddUser(ctx, ok)
		if err != nil {
			t.Fatal(err)
		}
		if u.Username != "mariana.sow" || u.Name != "Mariana Sow" || u.Role != domain.RoleSupervisor || u.ID == "" {
			t.Errorf("AddUser = %+v", u)
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditUserAdd || e.RecordID != u.ID || e.UserID != admin.User().ID || e.Detail != "role=supervisor" {
			t.Errorf("last audit = %+v", e)
		}
		f.login("MARIANA.SOW", "plum orchard sailing")
	})
	cases := []struct {
		name   string
		change func(*NewUser)
		field  string
		rule   string
		want   error
	}{
		{"a taken username in another case", func(u *NewUser) { u.Username = "AMA" }, "", "", ErrUsernameTaken},
		{"a short username", func(u *NewUser) { u.Username = "ab" }, "username", domain.RuleLength, nil},
		{"a long username", func(u *NewUser) { u.Username = "abcdefghijklmnopqrstuvwxyz0123456" }, "username", domain.RuleLength, nil},
		{"a username with a space", func(u *NewUser) { u.Username = "kofi b" }, "username", domain.RuleFormat, nil},
		{"a username with an accent", func(u *NewUser) { u.Username = "jérôme" }, "username", domain.RuleFormat, nil},
		{"no username", func(u *NewUser) { u.Username = " " }, "username", domain.RuleRequired, nil},
		{"no name", func(u *NewUser) { u.Name = "" }, "name", domain.RuleRequired, nil},
		{"an unknown role", func(u *NewUser) { u.Role = "root" }, "role", domain.RuleUnknown, nil},
	}
	for _, c := range cases {
		t.Run("given "+c.name+" when added then refused", func(t *testing.T) {
			u := ok
			u.Username = "kwame"
			c.change(&u)
			_, err := admin.AddUser(ctx, u)
			var ve *ValidationError
			switch {
			case c.want != nil:
				wantErr(t, "AddUser", err, c.want)
			case !errors.As(err, &ve) || ve.Field != c.field || ve.Rule != c.rule:
				t.Errorf("AddUser = %v, want %s %s", err, c.field, c.rule)
			}
		})
	}
	t.Run("given the username as password when added then refused", func(t *testing.T) {
		u := NewUser{Username: "kwame.mensah", Name: "Kwame", Role: domain.RoleCaseworker, Password: []byte("Kwame.Mensah2025")}
		var pe *PasswordError
		if _, err := admin.AddUser(ctx, u); !errors.As(err, &pe) || pe.Rule != PasswordIsUsername {
			t.Errorf("AddUser = %v, want %s", err, PasswordIsUsername)
		}
	})
}

func TestSetUserDisabled(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	admin := f.login("ama", adminPW)

	t.Run("given the only admin when disabled then ErrLastAdmin", func(t *testing.T) {
		wantErr(t, "SetUserDisabled", admin.SetUserDisabled(ctx, users["ama"].ID, true), ErrLastAdmin)
	})
	t.Run("given a second admin when the first is disabled then allowed, but not the second", func(t *testing.T) {
		second, err := admin.AddUser(ctx, NewUser{Username: "abena", Name: "Abena", Role: domain.RoleAdmin, Password: []byte("plum orchard sailing")})
		if err != nil {
			t.Fatal(err)
		}
		wantErr(t, "disable ama", admin.SetUserDisabled(ctx, users["ama"].ID, true), nil)
		other := f.login("abena", "plum orchard sailing")
		wantErr(t, "disable abena", other.SetUserDisabled(ctx, second.ID, true), ErrLastAdmin)
		wantErr(t, "enable ama", other.SetUserDisabled(ctx, users["ama"].ID, false), nil)
		es := f.lastAudit(3) // disable, abena's login, enable
		if es[0].Action != domain.AuditUserDisable || es[2].Action != domain.AuditUserEnable || es[2].RecordID != users["ama"].ID {
			t.Errorf("audit = %+v", es)
		}
	})
	t.Run("given a user when disabled then never deleted and listed as disabled", func(t *testing.T) {
		wantErr(t, "disable tina", admin.SetUserDisabled(ctx, users["tina"].ID, true), nil)
		n := len(f.audit())
		wantErr(t, "disable tina again", admin.SetUserDisabled(ctx, users["tina"].ID, true), nil)
		if len(f.audit()) != n {
			t.Error("a change that changed nothing was audited")
		}
		all, err := admin.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range all {
			found = found || u.ID == users["tina"].ID && u.Disabled
		}
		if !found {
			t.Errorf("Users = %+v; want tina, disabled", all)
		}
	})
	t.Run("given an unknown id when disabled then ErrUnknownUser", func(t *testing.T) {
		wantErr(t, "SetUserDisabled", admin.SetUserDisabled(ctx, "no-such-id", true), ErrUnknownUser)
		wantErr(t, "ResetPassword", admin.ResetPassword(ctx, "no-such-id", []byte("plum orchard sailing")), ErrUnknownUser)
	})
}

func TestResetPassword(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	for range 5 {
		f.svc.Login(ctx, "kofi", []byte("forgotten it again"))
	}
	admin := f.login("ama", adminPW)
	if err := admin.ResetPassword(ctx, users["kofi"].ID, []byte("plum orchard sailing")); err != nil {
		t.Fatal(err)
	}
	if e := f.lastAudit(1)[0]; e.Action != domain.AuditPasswordReset || e.RecordID != users["kofi"].ID {
		t.Errorf("last audit = %+v", e)
	}
	_, err := f.svc.Login(ctx, "kofi", []byte(workerPW))
	wantErr(t, "Login with the old password", err, ErrBadCredentials)
	f.login("kofi", "plum orchard sailing") // lockout cleared by the reset
	var pe *PasswordError
	if err := admin.ResetPassword(ctx, users["kofi"].ID, []byte("kofi123456")); !errors.As(err, &pe) {
		t.Errorf("ResetPassword to the username = %v", err)
	}
}

func TestAuditView(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	f.clock.Advance(time.Hour)
	sam := f.login("sam", superPW)
	es, err := sam.Audit(ctx, domain.AuditFilter{UserID: users["sam"].ID})
	if err != nil || len(es) != 1 || es[0].Action != domain.AuditLogin || es[0].Username != "sam" || !es[0].At.Equal(t0.Add(time.Hour)) {
		t.Errorf("Audit = %+v, %v", es, err)
	}
	sam.Lock(ctx)
	_, err = sam.Audit(ctx, domain.AuditFilter{})
	wantErr(t, "Audit while locked", err, ErrLocked)
}

func TestIdentityExport(t *testing.T) {
	ctx := context.Background()
	f := newOffice(t)
	admin := f.login("ama", adminPW)
	line, err := admin.IdentityExport(ctx)
	if err != nil || len(line) < 60 {
		t.Fatalf("IdentityExport = %d characters, %v", len(line), err)
	}
	if e := f.lastAudit(1)[0]; e.Action != domain.AuditIdentityExport || e.RecordID != admin.Office().ID || e.Detail != "" {
		t.Errorf("last audit = %+v", e)
	}
	again, _ := f.login("ama", adminPW).IdentityExport(ctx)
	if again != line {
		t.Error("the identity differs between sessions")
	}
}

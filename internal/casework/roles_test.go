package casework

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// TestRoles tries every guarded action as every role: the check lives in
// casework, so a window or script that skips its own check still gets
// ErrForbidden.
func TestRoles(t *testing.T) {
	ctx := context.Background()
	type action struct {
		name string
		do   func(ss *Session, users map[string]domain.User) error
	}
	actions := []action{
		{"list users", func(ss *Session, _ map[string]domain.User) error { _, err := ss.Users(ctx); return err }},
		{"add a user", func(ss *Session, _ map[string]domain.User) error {
			_, err := ss.AddUser(ctx, NewUser{Username: "newbie", Name: "New", Role: domain.RoleCaseworker, Password: []byte("plum orchard sailing")})
			return err
		}},
		{"disable a user", func(ss *Session, u map[string]domain.User) error { return ss.SetUserDisabled(ctx, u["tina"].ID, true) }},
		{"reset a password", func(ss *Session, u map[string]domain.User) error {
			return ss.ResetPassword(ctx, u["tina"].ID, []byte("plum orchard sailing"))
		}},
		{"set auto-lock", func(ss *Session, _ map[string]domain.User) error { return ss.SetAutoLockAfter(ctx, 10*time.Minute) }},
		{"export the identity", func(ss *Session, _ map[string]domain.User) error {
			line, err := ss.IdentityExport(ctx)
			if err == nil && !strings.HasPrefix(line, "AGE-SECRET-KEY-1") {
				return errors.New("not an age identity")
			}
			return err
		}},
		{"reissue the recovery code", func(ss *Session, _ map[string]domain.User) error { _, err := ss.ReissueRecoveryCode(ctx); return err }},
		{"view the audit", func(ss *Session, _ map[string]domain.User) error {
			_, err := ss.Audit(ctx, domain.AuditFilter{})
			return err
		}},
		{"change own password", func(ss *Session, _ map[string]domain.User) error {
			pw := map[domain.Role]string{domain.RoleAdmin: adminPW, domain.RoleSupervisor: superPW, domain.RoleCaseworker: workerPW}[ss.User().Role]
			return ss.ChangePassword(ctx, []byte(pw), []byte("plum orchard sailing"))
		}},
		{"seal a draft", func(ss *Session, _ map[string]domain.User) error {
			_, err := ss.SealDraft("intake", map[string]string{"a": "b"})
			return err
		}},
		{"self-test", func(ss *Session, _ map[string]domain.User) error { return ss.SelfTest(ctx) }},
	}
	// allowed[action] lists the roles that may; the others get ErrForbidden.
	const A, S, C = "admin", "supervisor", "caseworker"
	allowed := map[string][]string{
		"list users":                {A},
		"add a user":                {A},
		"disable a user":            {A},
		"reset a password":          {A},
		"set auto-lock":             {A},
		"export the identity":       {A},
		"reissue the recovery code": {A},
		"view the audit":            {A, S},
		"change own password":       {A, S, C},
		"seal a draft":              {A, S, C},
		"self-test":                 {A, S, C},
	}
	logins := map[string][2]string{A: {"ama", adminPW}, S: {"sam", superPW}, C: {"kofi", workerPW}}
	for _, role := range []string{A, S, C} {
		for _, a := range actions {
			ok := false
			for _, r := range allowed[a.name] {
				ok = ok || r == role
			}
			verb := "refused"
			if ok {
				verb = "allowed"
			}
			t.Run("given a "+role+" when they "+a.name+" then "+verb, func(t *testing.T) {
				f, users := staffOffice(t)
				ss := f.login(logins[role][0], logins[role][1])
				before := len(f.audit())
				err := a.do(ss, users)
				switch {
				case ok && err != nil:
					t.Errorf("%s as %s = %v, want allowed", a.name, role, err)
				case !ok && !errors.Is(err, ErrForbidden):
					t.Errorf("%s as %s = %v, want ErrForbidden", a.name, role, err)
				case !ok && len(f.audit()) != before:
					t.Errorf("a refused %s wrote to the audit trail", a.name)
				}
			})
		}
	}
}

func TestCan(t *testing.T) {
	f, _ := staffOffice(t)
	perms := []Permission{PermManageUsers, PermManageKeys, PermManageSettings, PermManagePartners, PermViewAudit,
		PermAllCases, PermResolveConflicts, PermExchange, PermStatistics, PermOwnCases}
	want := map[string][]Permission{
		"ama":  {PermManageUsers, PermManageKeys, PermManageSettings, PermManagePartners, PermViewAudit},
		"sam":  {PermViewAudit, PermAllCases, PermResolveConflicts, PermExchange, PermStatistics, PermOwnCases},
		"kofi": {PermOwnCases},
	}
	pw := map[string]string{"ama": adminPW, "sam": superPW, "kofi": workerPW}
	for name, perms2 := range want {
		ss := f.login(name, pw[name])
		for _, p := range perms {
			has := false
			for _, q := range perms2 {
				has = has || p == q
			}
			if got := ss.Can(p); got != has {
				t.Errorf("%s (%s) Can(%s) = %v, want %v", name, ss.User().Role, p, got, has)
			}
		}
	}
}

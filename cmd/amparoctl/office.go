package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/letter"
	"github.com/amparo-app/amparo/internal/store"
)

func runInit(e env, args []string) error {
	fs := newFlags(e, "init")
	data := dataFlag(fs)
	officeName := fs.String("office", "", "office name, as printed on letters")
	country := fs.String("country", "", "ISO 3166 country code, e.g. CV, SN, NG")
	lang := fs.String("lang", "", "language of the office: en, fr or pt")
	admin := fs.String("admin", "", "username of the first administrator")
	adminName := fs.String("name", "", "display name of the administrator (default: the username)")
	address := fs.String("address", "", "letterhead address")
	phone := fs.String("phone", "", "letterhead phone")
	email := fs.String("email", "", "letterhead e-mail")
	sheet := fs.String("recovery-pdf", "", "also write the recovery code sheet to this PDF file")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *officeName == "" || *country == "" || *lang == "" || *admin == "" {
		return usageError{"init needs --office, --country, --lang and --admin"}
	}
	dir, err := dataDir(e, *data)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("the data folder %s is not empty; init only creates a new office in an empty folder", dir)
	}
	pw, err := secretFrom(e, "AMPARO_PASSWORD", "New password for "+*admin+": ", true)
	if err != nil {
		return err
	}
	defer wipe(pw)
	name := *adminName
	if name == "" {
		name = *admin
	}
	in := casework.SetupInput{
		Office: domain.Office{
			Name: *officeName, Country: strings.ToUpper(*country), Lang: *lang,
			Address: *address, Phone: *phone, Email: *email,
		},
		AdminUsername: *admin, AdminName: name, Password: pw,
	}
	_, statErr := os.Stat(dir)
	existed := statErr == nil
	db, err := store.Open(dir)
	if err != nil {
		return explainStoreError(dir, err)
	}
	defer db.Close()
	svc := casework.New(db, nil)
	ctx := context.Background()
	code, err := svc.Setup(ctx, in)
	if err != nil {
		// A refused setup leaves the folder as empty as it was, so the
		// person can correct the input and run init again.
		db.Close()
		removeNewOffice(dir, existed)
		return explainCasework(err)
	}
	if *sheet != "" {
		office, err := svc.Office(ctx)
		if err != nil {
			return err
		}
		pdf, err := letter.RecoverySheet(letter.Recovery{Office: office, Code: code, Lang: office.Lang, Created: time.Now()})
		if err != nil {
			return err
		}
		if err := os.WriteFile(*sheet, pdf, 0o600); err != nil {
			return fmt.Errorf("write the recovery sheet: %w", err)
		}
	}
	fmt.Fprintf(e.stdout, "Office %q created in %s.\n\nRecovery code (shown once; print it or write it down and keep it locked away from this computer):\n\n    %s\n\n", *officeName, dir, code)
	return nil
}

func runUserAdd(e env, args []string) error {
	fs := newFlags(e, "user")
	data := dataFlag(fs)
	username := fs.String("username", "", "login name: 3 to 32 of a-z 0-9 . _ -")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "", "admin, supervisor or caseworker")
	if len(args) == 0 || args[0] != "add" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fs.Usage()
			return flag.ErrHelp
		}
		return usageError{"the only user subcommand is: user add"}
	}
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) > 0 || *username == "" || *role == "" {
		return usageError{"user add needs --username and --role"}
	}
	r := domain.Role(*role)
	if !r.Valid() {
		return usageError{fmt.Sprintf("unknown role %q: use admin, supervisor or caseworker", *role)}
	}
	ctx := context.Background()
	sess, closeFn, err := login(e, *data)
	if err != nil {
		return err
	}
	defer closeFn()
	pw, err := secretFrom(e, "AMPARO_NEW_PASSWORD", "New password for "+*username+": ", true)
	if err != nil {
		return err
	}
	defer wipe(pw)
	display := *name
	if display == "" {
		display = *username
	}
	u, err := sess.AddUser(ctx, casework.NewUser{Username: *username, Name: display, Role: r, Password: pw})
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintf(e.stdout, "user %s added with role %s\n", u.Username, u.Role)
	return nil
}

// login opens the office in the data folder and logs the acting user in.
// The returned function logs out and closes the folder.
func login(e env, dataFlagValue string) (*casework.Session, func(), error) {
	dir, err := dataDir(e, dataFlagValue)
	if err != nil {
		return nil, nil, err
	}
	db, err := openExisting(dir)
	if err != nil {
		return nil, nil, err
	}
	user, pw, err := actingUser(e)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	defer wipe(pw)
	ctx := context.Background()
	sess, err := casework.New(db, nil).Login(ctx, user, pw)
	if err != nil {
		db.Close()
		return nil, nil, explainCasework(err)
	}
	return sess, func() {
		_ = sess.Logout(ctx)
		db.Close()
	}, nil
}

// explainCasework says in one sentence why casework refused, without
// secrets or internals.
func explainCasework(err error) error {
	var locked *casework.LockedOutError
	var pwErr *casework.PasswordError
	var valErr *casework.ValidationError
	var problems *casework.ValidationErrors
	var refused *casework.RuleError
	switch {
	case refusalText(err) != "":
		return errors.New(refusalText(err))
	case errors.As(err, &problems):
		var parts []string
		for _, p := range problems.Problems {
			parts = append(parts, p.Field+" ("+p.Rule+")")
		}
		return fmt.Errorf("the case has problems to correct: %s", strings.Join(parts, ", "))
	case errors.As(err, &refused):
		if refused.Rule == casework.RuleBIARequired {
			return errors.New("a Best Interests Assessment is needed before a child's case is closed or the child returns")
		}
		return fmt.Errorf("refused by the rule %q", refused.Rule)
	case errors.As(err, &locked):
		return fmt.Errorf("this account is locked after too many failed attempts; try again after %s", locked.Until.Local().Format("15:04:05"))
	case errors.Is(err, casework.ErrNotEmpty):
		return errors.New("this office already holds cases; fictional cases are only added to an empty office, so they never mix with real ones")
	case errors.Is(err, casework.ErrBadCredentials):
		return errors.New("wrong username or password")
	case errors.Is(err, casework.ErrUserDisabled):
		return errors.New("this account is disabled; ask an administrator")
	case errors.Is(err, casework.ErrForbidden):
		return errors.New("your role does not allow this; ask an administrator")
	case errors.Is(err, casework.ErrNotSetUp):
		return errors.New("this data folder has no office yet; create one with 'amparoctl init'")
	case errors.Is(err, casework.ErrAlreadySetUp):
		return errors.New("this data folder already holds an office")
	case errors.Is(err, casework.ErrFingerprintMismatch):
		return errors.New("the fingerprint does not match this card: do not trust it; ask the other office to read its fingerprint again, by phone or in person")
	case errors.Is(err, casework.ErrOwnCard):
		return errors.New("this is this office's own card; trust the other office's card instead")
	case errors.Is(err, casework.ErrNotFound):
		return errors.New("not found: check the code or id")
	case errors.Is(err, casework.ErrUsernameTaken):
		return errors.New("that username is already taken; choose another")
	case errors.As(err, &pwErr):
		return errors.New(passwordRuleText(pwErr.Rule))
	case errors.As(err, &valErr):
		return fmt.Errorf("%s is not valid (%s)", valErr.Field, valErr.Rule)
	}
	return err
}

func passwordRuleText(r casework.PasswordRule) string {
	switch r {
	case casework.PasswordTooShort:
		return "the password is too short: use at least 10 characters, a few words make a good one"
	case casework.PasswordIsUsername:
		return "the password must not be the username"
	case casework.PasswordIsOfficeName:
		return "the password must not be the office name"
	case casework.PasswordCommon:
		return "this password is too common and easy to guess; choose another"
	}
	return "the password was refused; choose another"
}

// removeNewOffice undoes what store.Open created in a folder that was empty
// or missing before init.
func removeNewOffice(dir string, existed bool) {
	if !existed {
		_ = os.RemoveAll(dir)
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		_ = os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/store"
)

// runVerify checks, in order, the SQLite file, the audit chain and the
// sealing (which needs the acting user's password to get the data key), and
// stops at the first fault.
func runVerify(e env, args []string) error {
	fs := newFlags(e, "verify")
	data := dataFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{"verify takes no arguments"}
	}
	dir, err := dataDir(e, *data)
	if err != nil {
		return err
	}
	db, err := openExisting(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Check(ctx); err != nil {
		return explainStoreError(dir, err)
	}
	fmt.Fprintln(e.stdout, "ok: database integrity")

	svc := casework.New(db, nil)
	setUp, err := svc.IsSetUp(ctx)
	if err != nil {
		return err
	}
	if !setUp {
		fmt.Fprintln(e.stdout, "ok: no office set up yet, nothing sealed to check")
		return nil
	}
	if err := svc.VerifyAudit(ctx); err != nil {
		var broken *store.AuditBrokenError
		if errors.As(err, &broken) {
			return fmt.Errorf("the audit trail is broken at entry %d: it was edited or removed outside Amparo", broken.Seq)
		}
		return err
	}
	fmt.Fprintln(e.stdout, "ok: audit chain")

	user, pw, err := actingUser(e)
	if err != nil {
		return fmt.Errorf("the sealing self-test needs a user: %w", err)
	}
	defer wipe(pw)
	sess, err := svc.Login(ctx, user, pw)
	if err != nil {
		return explainCasework(err)
	}
	defer sess.Logout(ctx)
	if err := sess.SelfTest(ctx); err != nil {
		return fmt.Errorf("the sealing self-test failed: %w", err)
	}
	fmt.Fprintln(e.stdout, "ok: sealing self-test")
	return nil
}

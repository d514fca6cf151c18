package main

import (
	"context"
	"fmt"
)

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
	if err := db.Check(context.Background()); err != nil {
		return explainStoreError(dir, err)
	}
	fmt.Fprintf(e.stdout, "ok: database integrity checked in %s\n", dir)
	return nil
}

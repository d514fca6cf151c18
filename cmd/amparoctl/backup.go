package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/amparo-app/amparo/internal/store"
)

func runBackup(e env, args []string) error {
	fs := newFlags(e, "backup")
	data := dataFlag(fs)
	out := fs.String("out", "", "file to write the backup to (must not exist yet)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *out == "" {
		return usageError{"backup needs --out FILE and no other arguments"}
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
	target, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	if err := db.Backup(context.Background(), target); err != nil {
		return explainStoreError(dir, err)
	}
	fmt.Fprintf(e.stdout, "backup written to %s\n", target)
	return nil
}

func runRestore(e env, args []string) error {
	fs := newFlags(e, "restore")
	data := dataFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"restore needs exactly one backup FILE"}
	}
	dir, err := dataDir(e, *data)
	if err != nil {
		return err
	}
	if err := store.Restore(dir, rest[0]); err != nil {
		return explainStoreError(dir, err)
	}
	fmt.Fprintf(e.stdout, "restored %s into %s; the replaced database was kept in %s\n", rest[0], dir, filepath.Join(dir, "backups"))
	return nil
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/amparo-app/amparo/internal/store"
)

// dataFlag adds the --data flag that every command touching an office takes.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "", "data folder (default: AMPARO_DATA, else the user configuration folder)")
}

// dataDir resolves the data folder from the flag, then AMPARO_DATA, then the default.
func dataDir(e env, flagValue string) (string, error) {
	if flagValue == "" {
		flagValue = e.getenv("AMPARO_DATA")
	}
	return store.ResolveDir(flagValue)
}

// openExisting opens the office database in dir, refusing to create one.
func openExisting(dir string) (*store.DB, error) {
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("there is no Amparo office in %s; check --data or AMPARO_DATA", dir)
	}
	db, err := store.Open(dir)
	if err != nil {
		return nil, explainStoreError(dir, err)
	}
	return db, nil
}

// explainStoreError says what went wrong with the data folder and what to do,
// in one sentence, without SQL or stack details.
func explainStoreError(dir string, err error) error {
	var corrupt *store.CorruptError
	switch {
	case errors.As(err, &corrupt) && corrupt.Backup != "":
		return fmt.Errorf("the database in %s is damaged; restore the latest good backup with 'amparoctl restore %s --data %s'", dir, corrupt.Backup, dir)
	case errors.Is(err, store.ErrCorrupt):
		return fmt.Errorf("the database in %s is damaged and no backup was found; keep the folder as it is and ask for technical help", dir)
	case errors.Is(err, store.ErrLocked):
		return fmt.Errorf("the data folder %s is in use by another Amparo; close it and try again", dir)
	case errors.Is(err, store.ErrNotWritable):
		return fmt.Errorf("the data folder %s cannot be written; check its permissions or choose another folder with --data", dir)
	case errors.Is(err, store.ErrDiskFull):
		return fmt.Errorf("the disk holding %s is full; free some space and try again", dir)
	case errors.Is(err, store.ErrNotAmparo):
		return fmt.Errorf("the file in %s is not an Amparo database; check --data", dir)
	case errors.Is(err, store.ErrTooNew):
		return fmt.Errorf("the database in %s was written by a newer Amparo; install that version or newer", dir)
	}
	return err
}

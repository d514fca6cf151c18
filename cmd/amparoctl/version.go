package main

import (
	"fmt"

	"github.com/amparo-app/amparo/internal/version"
)

func runVersion(e env, args []string) error {
	fs := newFlags(e, "version")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{"version takes no arguments"}
	}
	fmt.Fprintln(e.stdout, version.Details())
	return nil
}

// Package version says which build of Amparo is running.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is the release number; `make build` overrides it with -ldflags.
var Version = "0.1.0-dev"

// Commit is the source revision, set by `make build` when known.
var Commit = ""

// String is a one-line description for `amparoctl version` and the About dialog.
func String() string {
	s := "Amparo " + Version
	if Commit != "" {
		s += " (" + Commit + ")"
	}
	return s
}

// Details lists the build facts a support person asks for, one per line.
func Details() string {
	s := fmt.Sprintf("%s\nGo %s %s/%s", String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			switch dep.Path {
			case "fyne.io/fyne/v2", "modernc.org/sqlite", "filippo.io/age", "github.com/jung-kurt/gofpdf":
				s += fmt.Sprintf("\n%s %s", dep.Path, dep.Version)
			}
		}
	}
	return s
}

// Package version says which build of Amparo is running.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
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

// reportedModules are the libraries whose versions a support person asks
// for: the window toolkit, the database, export encryption and PDF.
var reportedModules = []string{"fyne.io/fyne", "modernc.org/sqlite", "filippo.io/age", "github.com/jung-kurt/"}

// Details lists the build facts a support person asks for, one per line.
func Details() string {
	s := fmt.Sprintf("%s\nGo %s %s/%s", String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			for _, p := range reportedModules {
				if strings.HasPrefix(dep.Path, p) {
					s += fmt.Sprintf("\n%s %s", dep.Path, dep.Version)
				}
			}
		}
	}
	return s
}

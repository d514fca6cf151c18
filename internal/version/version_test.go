package version

import (
	"strings"
	"testing"
)

func TestStringNamesVersionAndCommit(t *testing.T) {
	oldV, oldC := Version, Commit
	t.Cleanup(func() { Version, Commit = oldV, oldC })

	Version, Commit = "1.2.3", ""
	if got := String(); got != "Amparo 1.2.3" {
		t.Fatalf("String() = %q", got)
	}
	Commit = "abc123"
	if got := String(); got != "Amparo 1.2.3 (abc123)" {
		t.Fatalf("String() with commit = %q", got)
	}
	if d := Details(); !strings.HasPrefix(d, "Amparo 1.2.3 (abc123)\nGo ") {
		t.Fatalf("Details() = %q", d)
	}
}

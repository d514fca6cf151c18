package vault

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// fastKDF keeps argon2id cheap in tests; DefaultKDF is checked on its own.
func fastKDF() KDFParams {
	return KDFParams{Time: 1, MemoryKiB: 64, Threads: 1, Salt: bytes.Repeat([]byte{7}, saltSize)}
}

func newKey(t testing.TB) *Key {
	t.Helper()
	k, err := NewDataKey()
	if err != nil {
		t.Fatalf("NewDataKey: %v", err)
	}
	return k
}

// renderings lists the ways key bytes could show up in printed text.
func renderings(b []byte) []string {
	return []string{
		fmt.Sprintf("%x", b),
		fmt.Sprintf("%X", b),
		fmt.Sprint(b),
		fmt.Sprintf("%v", b[:4]),
		fmt.Sprintf("%#v", b[:4]),
		fmt.Sprintf("%q", b),
		strings.Trim(fmt.Sprint(b[:4]), "[]"),
	}
}

func assertNoLeak(t *testing.T, out string, secret []byte) {
	t.Helper()
	for _, r := range renderings(secret) {
		if strings.Contains(out, r) {
			t.Fatalf("printed output %q contains the secret rendered as %q", out, r)
		}
	}
}

// printVerbs are tried on values that hold secrets; %s and %q matter most:
// fmt dereferences a pointer it cannot print with them.
var printVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%o", "%b", "%t", "%p", "%T"}

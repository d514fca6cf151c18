package vault

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

var testAD = AD{Kind: "person", Record: "9b2f0c1e-rec", Revision: "rev-3", Field: "name"}

func TestSealOpenRoundTrip(t *testing.T) {
	k := newKey(t)
	for _, tc := range []struct {
		name  string
		ad    AD
		plain []byte
	}{
		{"name", testAD, []byte("Adjoa Mensah")},
		{"empty", testAD, []byte{}},
		{"nil", testAD, nil},
		{"binary", testAD, bytes.Repeat([]byte{0, 255, 13}, 700)},
		{"unicode", testAD, []byte("Aïssatou N'Diaye — São Tomé")},
		{"no revision or field", AD{Kind: "settings", Record: "office"}, []byte("x")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := k.Seal(tc.ad, tc.plain)
			if err != nil {
				t.Fatal(err)
			}
			if len(s) != sealMinLen+len(tc.plain) || s[0] != sealVersion {
				t.Fatalf("sealed length %d version %d, want %d and %d", len(s), s[0], sealMinLen+len(tc.plain), sealVersion)
			}
			if len(tc.plain) > 4 && bytes.Contains(s, tc.plain[:5]) {
				t.Fatal("sealed value contains the plaintext")
			}
			got, err := k.Open(tc.ad, s)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.plain) {
				t.Fatalf("opened %q, want %q", got, tc.plain)
			}
		})
	}
}

func TestSealStringRoundTrip(t *testing.T) {
	k := newKey(t)
	s, err := k.SealString(testAD, "Kofi Boateng")
	if err != nil {
		t.Fatal(err)
	}
	got, err := k.OpenString(testAD, s)
	if err != nil || got != "Kofi Boateng" {
		t.Fatalf("OpenString = %q, %v", got, err)
	}
	if _, err := k.OpenString(AD{Kind: "person", Record: "other"}, s); !errors.Is(err, ErrTampered) {
		t.Fatalf("OpenString elsewhere: %v, want ErrTampered", err)
	}
}

func TestSealNoncesDiffer(t *testing.T) {
	k := newKey(t)
	a, _ := k.Seal(testAD, []byte("same"))
	b, _ := k.Seal(testAD, []byte("same"))
	if bytes.Equal(a, b) || bytes.Equal(a[1:sealHeaderLen], b[1:sealHeaderLen]) {
		t.Fatal("two seals share a nonce")
	}
}

// The format is XChaCha20-Poly1305 as x/crypto implements it, so a sealed
// value can be checked (and, in an emergency, opened) with standard tools.
func TestSealFormatIsStandardXChaCha(t *testing.T) {
	k := newKey(t)
	s, err := k.Seal(testAD, []byte("interop"))
	if err != nil {
		t.Fatal(err)
	}
	aead, _ := chacha20poly1305.NewX(k.ref.b[:])
	got, err := aead.Open(nil, s[1:sealHeaderLen], s[sealHeaderLen:], testAD.encode(sealVersion))
	if err != nil || string(got) != "interop" {
		t.Fatalf("plain XChaCha20-Poly1305 open = %q, %v", got, err)
	}
}

func TestOpenMovedFails(t *testing.T) {
	k := newKey(t)
	s, err := k.Seal(testAD, []byte("Adjoa Mensah"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		move func(*AD)
	}{
		{"kind", func(a *AD) { a.Kind = "case" }},
		{"record", func(a *AD) { a.Record = "other-record" }},
		{"revision", func(a *AD) { a.Revision = "rev-4" }},
		{"field", func(a *AD) { a.Field = "alias" }},
		{"revision emptied", func(a *AD) { a.Revision = "" }},
		// A plain join of the fields would make these equal to testAD.
		{"boundary kind/record", func(a *AD) { a.Kind, a.Record = "person9b2f0c1e", "-rec" }},
		{"boundary revision/field", func(a *AD) { a.Revision, a.Field = "rev-3name", "" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ad := testAD
			tc.move(&ad)
			_, err := k.Open(ad, s)
			var oe *OpenError
			if !errors.As(err, &oe) || !errors.Is(err, ErrTampered) {
				t.Fatalf("Open in moved place: %v, want *OpenError matching ErrTampered", err)
			}
			if oe.Kind != ad.Kind || oe.Record != ad.Record || oe.Field != ad.Field {
				t.Fatalf("OpenError names %+v, want the place asked for %+v", oe, ad)
			}
			msg := err.Error()
			if !strings.Contains(msg, ad.Record) || !strings.Contains(msg, ad.Kind) {
				t.Fatalf("error %q does not name the kind and record", msg)
			}
			if strings.Contains(msg, "Adjoa") {
				t.Fatalf("error %q shows content", msg)
			}
		})
	}
}

func TestOpenEverySingleByteFlipFails(t *testing.T) {
	k := newKey(t)
	s, err := k.Seal(testAD, []byte("Kwame, 14, from Kumasi"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range s {
		for _, mask := range []byte{0x01, 0x80, 0xff} {
			bad := bytes.Clone(s)
			bad[i] ^= mask
			if _, err := k.Open(testAD, bad); !errors.Is(err, ErrTampered) {
				t.Fatalf("byte %d ^ %#x: Open = %v, want ErrTampered", i, mask, err)
			}
		}
	}
}

func TestOpenTruncatedOrExtendedFails(t *testing.T) {
	k := newKey(t)
	s, err := k.Seal(testAD, []byte("Kwame"))
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(s) {
		if _, err := k.Open(testAD, s[:n]); !errors.Is(err, ErrTampered) {
			t.Fatalf("truncated to %d bytes: Open = %v, want ErrTampered", n, err)
		}
	}
	if _, err := k.Open(testAD, append(bytes.Clone(s), 0)); !errors.Is(err, ErrTampered) {
		t.Fatalf("extended by a byte: Open = %v, want ErrTampered", err)
	}
}

func TestOpenUnknownVersionFails(t *testing.T) {
	k := newKey(t)
	s, _ := k.Seal(testAD, []byte("Kwame"))
	for _, v := range []byte{0, 2, 255} {
		bad := bytes.Clone(s)
		bad[0] = v
		_, err := k.Open(testAD, bad)
		if !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "version") {
			t.Fatalf("version %d: Open = %v, want ErrTampered naming the version", v, err)
		}
	}
}

func TestOpenWithWrongKeyFails(t *testing.T) {
	s, _ := newKey(t).Seal(testAD, []byte("Kwame"))
	if _, err := newKey(t).Open(testAD, s); !errors.Is(err, ErrTampered) {
		t.Fatalf("Open with another key: %v, want ErrTampered", err)
	}
}

func TestSealNeedsKindAndRecord(t *testing.T) {
	k := newKey(t)
	for _, ad := range []AD{{}, {Kind: "person"}, {Record: "r1"}, {Revision: "x", Field: "name"}} {
		if _, err := k.Seal(ad, []byte("x")); err == nil {
			t.Errorf("Seal(%+v) succeeded; an AD without kind or record binds nothing", ad)
		}
		if _, err := k.Open(ad, make(Sealed, 64)); err == nil {
			t.Errorf("Open(%+v) succeeded", ad)
		}
	}
}

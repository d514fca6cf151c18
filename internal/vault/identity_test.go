package vault

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"filippo.io/age"
)

func mustIdentity(t testing.TB) *Identity {
	t.Helper()
	id, err := NewIdentity()
	if err != nil {
		t.Fatalf("NewIdentity: %v", err)
	}
	return id
}

func TestIdentityKeys(t *testing.T) {
	id := mustIdentity(t)
	if !strings.HasPrefix(id.Recipient(), "age1") {
		t.Fatalf("Recipient = %q, want age1...", id.Recipient())
	}
	if _, err := age.ParseX25519Recipient(id.Recipient()); err != nil {
		t.Fatalf("Recipient does not parse: %v", err)
	}
	if got := id.AgeIdentity().Recipient().String(); got != id.Recipient() {
		t.Fatalf("AgeIdentity recipient %q != Recipient %q", got, id.Recipient())
	}
	if exp := id.ExportAge(); !strings.HasPrefix(exp, "AGE-SECRET-KEY-1") {
		t.Fatal("ExportAge is not an age secret key line")
	}
	if len(id.SigningPublicKey()) != 32 {
		t.Fatalf("signing public key of %d bytes", len(id.SigningPublicKey()))
	}
	if other := mustIdentity(t); other.Recipient() == id.Recipient() || bytes.Equal(other.SigningPublicKey(), id.SigningPublicKey()) {
		t.Fatal("two identities share a key")
	}
}

// The exported line is what the age tool reads: encrypt to the recipient,
// decrypt with the identity parsed back from the export.
func TestIdentityWorksWithAge(t *testing.T) {
	id := mustIdentity(t)
	rcpt, _ := age.ParseX25519Recipient(id.Recipient())
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, rcpt)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte("export"))
	_ = w.Close()
	back, err := age.ParseX25519Identity(id.ExportAge())
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(&buf, back)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, _ = out.ReadFrom(r)
	if out.String() != "export" {
		t.Fatalf("decrypted %q", out.String())
	}
}

func TestSignVerify(t *testing.T) {
	id := mustIdentity(t)
	msg := []byte(`{"export":"e-1","seq":4}`)
	sig := id.Sign(msg)
	pub := id.SigningPublicKey()
	flipped := bytes.Clone(sig)
	flipped[0] ^= 1
	for _, tc := range []struct {
		name          string
		pub, msg, sig []byte
		want          bool
	}{
		{"valid", pub, msg, sig, true},
		{"other message", pub, []byte(`{"export":"e-1","seq":5}`), sig, false},
		{"altered signature", pub, msg, flipped, false},
		{"other key", mustIdentity(t).SigningPublicKey(), msg, sig, false},
		{"short key", pub[:31], msg, sig, false},
		{"nil key", nil, msg, sig, false},
		{"short signature", pub, msg, sig[:63], false},
		{"nil signature", pub, msg, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := VerifySignature(tc.pub, tc.msg, tc.sig); got != tc.want {
				t.Fatalf("VerifySignature = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSealOpenIdentity(t *testing.T) {
	k := newKey(t)
	id := mustIdentity(t)
	s, err := k.SealIdentity(id, "office-accra")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(s, []byte("AGE-SECRET-KEY")) {
		t.Fatal("sealed identity holds the secret key in the clear")
	}
	got, err := k.OpenIdentity(s, "office-accra")
	if err != nil {
		t.Fatal(err)
	}
	if got.Recipient() != id.Recipient() || !bytes.Equal(got.SigningPublicKey(), id.SigningPublicKey()) || got.ExportAge() != id.ExportAge() {
		t.Fatal("opened identity differs")
	}
	msg := []byte("manifest")
	if !VerifySignature(id.SigningPublicKey(), msg, got.Sign(msg)) {
		t.Fatal("opened identity signs with another key")
	}

	for _, tc := range []struct {
		name   string
		key    *Key
		s      Sealed
		office string
	}{
		{"other office", k, s, "office-lome"},
		{"other key", newKey(t), s, "office-accra"},
		{"altered", k, append(bytes.Clone(s[:len(s)-1]), s[len(s)-1]^1), "office-accra"},
		{"truncated", k, s[:len(s)-1], "office-accra"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.key.OpenIdentity(tc.s, tc.office); !errors.Is(err, ErrTampered) {
				t.Fatalf("OpenIdentity = %v, want ErrTampered", err)
			}
		})
	}
	// A sealed field does not open as an identity, even for the same record.
	field, _ := k.Seal(AD{Kind: "office", Record: "office-accra", Field: "keys"}, []byte("x"))
	if _, err := k.OpenIdentity(field, "office-accra"); !errors.Is(err, ErrTampered) {
		t.Fatalf("OpenIdentity of another kind: %v, want ErrTampered", err)
	}
	if _, err := k.SealIdentity(id, ""); err == nil {
		t.Fatal("SealIdentity without an office id succeeded")
	}
}

func TestParseIdentityRejectsMalformed(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":       nil,
		"version 2":   {2, 0, 0},
		"short":       {identityVersion, 0, 5, 'A'},
		"bad age key": append([]byte{identityVersion, 0, 3, 'A', 'G', 'E'}, make([]byte, 32)...),
	} {
		if _, err := parseIdentity(b); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: parseIdentity = %v, want ErrMalformed", name, err)
		}
	}
}

func TestIdentityWipe(t *testing.T) {
	id := mustIdentity(t)
	sign := *id.sec.sign
	rcpt, pub := id.Recipient(), id.SigningPublicKey()
	id.Wipe()
	id.Wipe()
	if !bytes.Equal(sign, make([]byte, len(sign))) {
		t.Fatal("Wipe left the signing key in memory")
	}
	if id.Sign([]byte("x")) != nil || id.AgeIdentity() != nil || id.ExportAge() != "" {
		t.Fatal("a wiped identity still signs or exports")
	}
	if id.Recipient() != rcpt || !bytes.Equal(id.SigningPublicKey(), pub) {
		t.Fatal("Wipe lost the public parts")
	}
	if _, err := newKey(t).SealIdentity(id, "office"); !errors.Is(err, ErrLocked) {
		t.Fatalf("SealIdentity of a wiped identity: %v, want ErrLocked", err)
	}
}

func TestIdentityNeverPrints(t *testing.T) {
	id := mustIdentity(t)
	secret := id.ExportAge()
	seed := id.sec.sign.Seed()
	type holder struct {
		Exported *Identity
		hidden   *Identity
		value    Identity
	}
	h := &holder{Exported: id, hidden: id}
	h.value.sec = id.sec
	for _, verb := range printVerbs {
		for _, v := range []any{id, h} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, secret) || strings.Contains(strings.ToUpper(out), secret[len("AGE-SECRET-KEY-1"):]) {
				t.Fatalf("%s shows the age secret key: %s", verb, out)
			}
			assertNoLeak(t, out, seed)
			assertNoLeak(t, out, *id.sec.sign)
		}
	}
}

var fingerprintFormat = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$`)

func TestFingerprint(t *testing.T) {
	card := [][]byte{[]byte("office-accra"), []byte("Accra Shelter"), []byte("GH"), []byte("age1xyz"), bytes.Repeat([]byte{1}, 32)}
	fp := Fingerprint(card...)
	if !fingerprintFormat.MatchString(fp) {
		t.Fatalf("Fingerprint = %q, want XXXX-XXXX-XXXX-XXXX in Crockford base32", fp)
	}
	if Fingerprint(card...) != fp {
		t.Fatal("Fingerprint is not stable")
	}
	// Pinned: cards printed or read aloud must keep their fingerprint across releases.
	if want := "CKA9-18HY-NYR4-5EY7"; fp != want {
		t.Fatalf("Fingerprint changed: %q, want %q", fp, want)
	}
	for name, other := range map[string][][]byte{
		"one byte changed": {[]byte("office-accra"), []byte("Accra ShelteR"), []byte("GH"), []byte("age1xyz"), bytes.Repeat([]byte{1}, 32)},
		"boundary moved":   {[]byte("office-accr"), []byte("aAccra Shelter"), []byte("GH"), []byte("age1xyz"), bytes.Repeat([]byte{1}, 32)},
		"joined":           {[]byte("office-accraAccra Shelter"), []byte("GH"), []byte("age1xyz"), bytes.Repeat([]byte{1}, 32)},
		"empty part added": append(append([][]byte{}, card...), nil),
	} {
		if Fingerprint(other...) == fp {
			t.Errorf("%s: same fingerprint", name)
		}
	}
}

func TestCrockfordEncode(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		want string
	}{
		{nil, ""},
		{[]byte{0}, "00"},
		{[]byte{0xff}, "ZW"},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff}, "ZZZZZZZZ"},
		{[]byte{0x08, 0x42, 0x10, 0x84, 0x21}, "11111111"},
	} {
		if got := string(crockfordEncode(tc.in)); got != tc.want {
			t.Errorf("crockfordEncode(%x) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

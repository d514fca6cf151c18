package vault

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"strings"
	"testing"
)

var (
	_ encoding.BinaryMarshaler   = WrappedKey{}
	_ encoding.BinaryUnmarshaler = (*WrappedKey)(nil)
)

func mustWrap(t testing.TB, dk *Key, secret, context string) WrappedKey {
	t.Helper()
	w, err := WrapKey(dk, []byte(secret), fastKDF(), context)
	if err != nil {
		t.Fatalf("WrapKey: %v", err)
	}
	return w
}

func TestWrapUnwrap(t *testing.T) {
	dk := newKey(t)
	w := mustWrap(t, dk, "correct horse", "user:42")
	for _, tc := range []struct {
		name, secret, context string
		ok                    bool
	}{
		{"right password", "correct horse", "user:42", true},
		{"wrong password", "correct hors", "user:42", false},
		{"password differs in case", "Correct horse", "user:42", false},
		{"another user", "correct horse", "user:43", false},
		{"recovery context", "correct horse", "recovery", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := UnwrapKey(w, []byte(tc.secret), tc.context)
			if !tc.ok {
				if err != ErrWrongSecret {
					t.Fatalf("UnwrapKey = %v, want exactly ErrWrongSecret", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *got.ref.b != *dk.ref.b {
				t.Fatal("unwrapped key differs from the data key")
			}
		})
	}
}

func TestWrapDrawsFreshSalt(t *testing.T) {
	dk := newKey(t)
	kdf := fastKDF()
	a, _ := WrapKey(dk, []byte("pw"), kdf, "user:1")
	b, _ := WrapKey(dk, []byte("pw"), a.KDF, "user:1")
	if bytes.Equal(a.KDF.Salt, kdf.Salt) || bytes.Equal(a.KDF.Salt, b.KDF.Salt) || len(a.KDF.Salt) != saltSize {
		t.Fatal("WrapKey re-used a salt")
	}
	if a.KDF.Time != kdf.Time || a.KDF.MemoryKiB != kdf.MemoryKiB || a.KDF.Threads != kdf.Threads {
		t.Fatalf("WrapKey changed the cost parameters: %+v", a.KDF)
	}
	if !bytes.Equal(kdf.Salt, fastKDF().Salt) {
		t.Fatal("WrapKey modified the caller's salt")
	}
}

// A password change re-wraps the same data key: data sealed before opens
// after, with the key unwrapped by the new password; the old one fails.
func TestRewrapKeepsDataReadable(t *testing.T) {
	dk := newKey(t)
	ad := AD{Kind: "case", Record: "c-1", Revision: "r-1", Field: "narrative"}
	sealed, err := dk.Seal(ad, []byte("met at the border post"))
	if err != nil {
		t.Fatal(err)
	}
	oldWrap := mustWrap(t, dk, "old password", "user:7")
	dk.Wipe() // the session locks

	unlocked, err := UnwrapKey(oldWrap, []byte("old password"), "user:7")
	if err != nil {
		t.Fatal(err)
	}
	newWrap := mustWrap(t, unlocked, "new password", "user:7")
	unlocked.Wipe()

	again, err := UnwrapKey(newWrap, []byte("new password"), "user:7")
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Open(ad, sealed)
	if err != nil || string(got) != "met at the border post" {
		t.Fatalf("data sealed before the password change: %q, %v", got, err)
	}
	if _, err := UnwrapKey(newWrap, []byte("old password"), "user:7"); err != ErrWrongSecret {
		t.Fatalf("old password on the new wrap: %v, want ErrWrongSecret", err)
	}
}

func TestRecoveryCodeWrapsDataKey(t *testing.T) {
	dk := newKey(t)
	code, err := NewRecoveryCode()
	if err != nil {
		t.Fatal(err)
	}
	w, err := WrapKey(dk, []byte(code), fastKDF(), "recovery")
	if err != nil {
		t.Fatal(err)
	}
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	norm, err := NormalizeRecoveryCode(typed)
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnwrapKey(w, []byte(norm), "recovery")
	if err != nil || *got.ref.b != *dk.ref.b {
		t.Fatalf("unwrap with the typed recovery code: %v", err)
	}
}

// "é" typed as one code point or as e + combining accent is the same password.
func TestPasswordUnicodeNormalised(t *testing.T) {
	dk := newKey(t)
	w := mustWrap(t, dk, "caf\u00e9 São", "user:1")
	secret := []byte("cafe\u0301 Sa\u0303o")
	orig := bytes.Clone(secret)
	if _, err := UnwrapKey(w, secret, "user:1"); err != nil {
		t.Fatalf("decomposed password: %v", err)
	}
	if !bytes.Equal(secret, orig) {
		t.Fatal("UnwrapKey modified the caller's password buffer")
	}
}

func TestWrapRefusesBadInput(t *testing.T) {
	dk := newKey(t)
	for _, tc := range []struct {
		name    string
		secret  string
		kdf     func(*KDFParams)
		context string
	}{
		{"empty secret", "", func(*KDFParams) {}, "user:1"},
		{"empty context", "pw", func(*KDFParams) {}, ""},
		{"zero passes", "pw", func(p *KDFParams) { p.Time = 0 }, "user:1"},
		{"zero lanes", "pw", func(p *KDFParams) { p.Threads = 0 }, "user:1"},
		{"memory below 8 per lane", "pw", func(p *KDFParams) { p.Threads, p.MemoryKiB = 4, 16 }, "user:1"},
		{"memory too large", "pw", func(p *KDFParams) { p.MemoryKiB = maxMemoryKiB + 1 }, "user:1"},
		{"too many passes", "pw", func(p *KDFParams) { p.Time = maxTime + 1 }, "user:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kdf := fastKDF()
			tc.kdf(&kdf)
			if _, err := WrapKey(dk, []byte(tc.secret), kdf, tc.context); err == nil {
				t.Fatal("WrapKey accepted it")
			}
		})
	}
	if _, err := DeriveKEK([]byte("pw"), KDFParams{}); err == nil {
		t.Fatal("DeriveKEK accepted zero parameters (argon2 would panic)")
	}
}

func TestDefaultKDF(t *testing.T) {
	a, b := DefaultKDF(), DefaultKDF()
	if a.Time < 3 || a.MemoryKiB < 64*1024 || a.Threads != 4 || len(a.Salt) != 16 {
		t.Fatalf("DefaultKDF = %+v, want >= 3 passes, >= 64 MiB, 4 lanes, 16-byte salt", a)
	}
	if bytes.Equal(a.Salt, b.Salt) {
		t.Fatal("DefaultKDF salts repeat")
	}
	if err := a.validate(); err != nil {
		t.Fatalf("DefaultKDF invalid: %v", err)
	}
	if a.BelowDefault() || !fastKDF().BelowDefault() {
		t.Fatal("BelowDefault is wrong")
	}
}

func TestDeriveKEK(t *testing.T) {
	kdf := fastKDF()
	a, err := DeriveKEK([]byte("pw"), kdf)
	if err != nil || len(a) != keySize {
		t.Fatalf("DeriveKEK = %d bytes, %v", len(a), err)
	}
	b, _ := DeriveKEK([]byte("pw"), kdf)
	kdf.Salt = bytes.Repeat([]byte{8}, saltSize)
	c, _ := DeriveKEK([]byte("pw"), kdf)
	if !bytes.Equal(a, b) || bytes.Equal(a, c) {
		t.Fatal("DeriveKEK is not a function of secret and salt")
	}
}

func TestWrappedKeyMarshalRoundTrip(t *testing.T) {
	dk := newKey(t)
	w := mustWrap(t, dk, "pw", "user:1")
	blob, err := w.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(blob, []byte("AMWK\x01")) || len(blob) != wrapFixedLen+saltSize+wrapNonceSize+wrapCiphertextLen {
		t.Fatalf("blob %x: want AMWK, version 1, %d bytes", blob, wrapFixedLen+saltSize+wrapNonceSize+wrapCiphertextLen)
	}
	var got WrappedKey
	if err := got.UnmarshalBinary(blob); err != nil {
		t.Fatal(err)
	}
	clear(blob) // the decoded value must not share the caller's buffer
	k, err := UnwrapKey(got, []byte("pw"), "user:1")
	if err != nil || *k.ref.b != *dk.ref.b {
		t.Fatalf("unwrap after marshal round trip: %v", err)
	}
}

// Editing the stored parameters (e.g. lowering the cost) breaks the wrap.
func TestWrappedKeyHeaderIsAuthenticated(t *testing.T) {
	w := mustWrap(t, newKey(t), "pw", "user:1")
	blob, _ := w.MarshalBinary()
	for _, i := range []int{len(wrapMagic) + 1 + 3, len(wrapMagic) + 1 + 7, wrapFixedLen, wrapFixedLen + saltSize} {
		bad := bytes.Clone(blob)
		bad[i] ^= 1
		var got WrappedKey
		if err := got.UnmarshalBinary(bad); err != nil {
			continue // refused outright is fine too
		}
		if _, err := UnwrapKey(got, []byte("pw"), "user:1"); err != ErrWrongSecret {
			t.Fatalf("byte %d altered: UnwrapKey = %v, want ErrWrongSecret", i, err)
		}
	}
}

func TestWrappedKeyUnmarshalRejects(t *testing.T) {
	w := mustWrap(t, newKey(t), "pw", "user:1")
	good, _ := w.MarshalBinary()
	with := func(i int, v byte) []byte {
		b := bytes.Clone(good)
		b[i] = v
		return b
	}
	cases := map[string][]byte{
		"nil":              nil,
		"empty":            {},
		"magic only":       []byte("AMWK"),
		"wrong magic":      with(0, 'X'),
		"version 0":        with(4, 0),
		"version 2":        with(4, 2),
		"zero passes":      append(append(bytes.Clone(good[:5]), 0, 0, 0, 0), good[9:]...),
		"zero lanes":       with(13, 0),
		"salt length 0":    with(14, 0),
		"salt length 255":  with(14, 255),
		"trailing byte":    append(bytes.Clone(good), 0),
		"huge memory":      append(append(bytes.Clone(good[:9]), 0xff, 0xff, 0xff, 0xff), good[13:]...),
		"garbage":          bytes.Repeat([]byte{0xA5}, len(good)),
		"sealed not a key": append([]byte{sealVersion}, make([]byte, 60)...),
	}
	for n := range len(good) {
		cases[fmt.Sprintf("truncated to %d", n)] = good[:n]
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			got := w
			err := got.UnmarshalBinary(data)
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("UnmarshalBinary = %v, want ErrMalformed", err)
			}
			if !bytes.Equal(got.Nonce, w.Nonce) {
				t.Fatal("a failed UnmarshalBinary changed the receiver")
			}
		})
	}
	if err := (&WrappedKey{}).UnmarshalBinary(with(4, 9)); !strings.Contains(err.Error(), "version 9") {
		t.Fatalf("unknown version error %q does not name the version", err)
	}
	if _, err := (WrappedKey{}).MarshalBinary(); !errors.Is(err, ErrMalformed) {
		t.Fatalf("MarshalBinary of a zero WrappedKey = %v, want ErrMalformed", err)
	}
}

func FuzzUnmarshalWrappedKey(f *testing.F) {
	w := mustWrap(f, newKey(f), "pw", "user:1")
	good, _ := w.MarshalBinary()
	f.Add(good)
	f.Add([]byte("AMWK\x01"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var got WrappedKey
		if err := got.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := got.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted input does not re-encode to itself: %v", err)
		}
	})
}

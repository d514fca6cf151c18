package vault

import (
	"bytes"
	"testing"
)

// BenchmarkDeriveKEKDefault is argon2id at DefaultKDF alone: the floor for unlock.
func BenchmarkDeriveKEKDefault(b *testing.B) {
	kdf := DefaultKDF()
	for b.Loop() {
		kek, err := DeriveKEK([]byte("correct horse battery"), kdf)
		if err != nil {
			b.Fatal(err)
		}
		clear(kek)
	}
}

// BenchmarkUnwrapKeyDefault is a whole unlock at DefaultKDF, to compare with the derivation alone.
func BenchmarkUnwrapKeyDefault(b *testing.B) {
	w, err := WrapKey(newKey(b), []byte("correct horse battery"), DefaultKDF(), "user:1")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		k, err := UnwrapKey(w, []byte("correct horse battery"), "user:1")
		if err != nil {
			b.Fatal(err)
		}
		k.Wipe()
	}
}

func BenchmarkSeal2KB(b *testing.B) {
	k := newKey(b)
	plain := bytes.Repeat([]byte("x"), 2048)
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		if _, err := k.Seal(testAD, plain); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen2KB(b *testing.B) {
	k := newKey(b)
	s, err := k.Seal(testAD, bytes.Repeat([]byte("x"), 2048))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2048)
	for b.Loop() {
		if _, err := k.Open(testAD, s); err != nil {
			b.Fatal(err)
		}
	}
}

package vault

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Sealed value format, version 1: version byte | 24-byte random nonce |
// XChaCha20-Poly1305 ciphertext and tag. The version byte is also inside the
// associated data, so it cannot be changed without failing the open.
const (
	sealVersion   = 1
	sealNonceSize = chacha20poly1305.NonceSizeX
	sealHeaderLen = 1 + sealNonceSize
	sealMinLen    = sealHeaderLen + chacha20poly1305.Overhead
	sealDomain    = "amparo/vault/seal"
)

// AD is the place a sealed value belongs to; a value sealed for one place does not open in another.
type AD struct {
	Kind     string // record kind, e.g. "person"; required
	Record   string // record id; required
	Revision string // revision id; empty for values that are not revisioned
	Field    string // field name; empty when the value is a whole record body
}

// Sealed is a value sealed with a data key: version byte, 24-byte nonce, ciphertext and tag.
type Sealed []byte

func (ad AD) check() error {
	if ad.Kind == "" || ad.Record == "" {
		return errors.New("vault: associated data needs a kind and a record")
	}
	return nil
}

// encode gives every field a length prefix, so no two different ADs share
// an encoding (a plain join would let "a|b","c" equal "a","b|c").
func (ad AD) encode(version byte) []byte {
	n := len(sealDomain) + 1 + 4*4 + len(ad.Kind) + len(ad.Record) + len(ad.Revision) + len(ad.Field)
	b := make([]byte, 0, n)
	b = append(b, sealDomain...)
	b = append(b, version)
	b = appendField(b, ad.Kind)
	b = appendField(b, ad.Record)
	b = appendField(b, ad.Revision)
	return appendField(b, ad.Field)
}

// appendField appends s with a 4-byte big-endian length prefix.
func appendField(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// Seal encrypts plaintext with k, bound to ad, under a fresh random nonce.
func (k *Key) Seal(ad AD, plaintext []byte) (Sealed, error) {
	if err := ad.check(); err != nil {
		return nil, err
	}
	out := make([]byte, sealHeaderLen, sealMinLen+len(plaintext))
	out[0] = sealVersion
	if _, err := rand.Read(out[1:sealHeaderLen]); err != nil {
		return nil, fmt.Errorf("vault: seal: %w", err)
	}
	var err error
	protect(func() {
		var aead cipher.AEAD
		if aead, err = k.cipher(); err != nil {
			return
		}
		var nonce [sealNonceSize]byte
		copy(nonce[:], out[1:sealHeaderLen])
		out = aead.Seal(out, nonce[:], plaintext, ad.encode(sealVersion))
	})
	if err != nil {
		return nil, err
	}
	return Sealed(out), nil
}

// Open decrypts s if it was sealed with k for exactly ad; otherwise it returns an *OpenError (or ErrLocked).
func (k *Key) Open(ad AD, s Sealed) ([]byte, error) {
	if err := ad.check(); err != nil {
		return nil, err
	}
	fail := func(reason string) error {
		return &OpenError{Kind: ad.Kind, Record: ad.Record, Field: ad.Field, reason: reason}
	}
	if err := k.live(); err != nil {
		return nil, err
	}
	switch {
	case len(s) < sealMinLen:
		return nil, fail("too short, truncated")
	case s[0] != sealVersion:
		return nil, fail(fmt.Sprintf("unknown format version %d", s[0]))
	}
	var plain []byte
	var err, openErr error
	protect(func() {
		var aead cipher.AEAD
		if aead, err = k.cipher(); err != nil {
			return
		}
		plain, openErr = aead.Open(make([]byte, 0, len(s)-sealMinLen), s[1:sealHeaderLen], s[sealHeaderLen:], ad.encode(s[0]))
	})
	switch {
	case err != nil:
		return nil, err // wiped meanwhile
	case openErr != nil:
		return nil, fail("altered, moved from another place, or sealed with another key")
	}
	return plain, nil
}

// SealString is Seal for a string.
func (k *Key) SealString(ad AD, plaintext string) (Sealed, error) {
	return k.Seal(ad, []byte(plaintext))
}

// OpenString is Open for a value sealed from a string.
func (k *Key) OpenString(ad AD, s Sealed) (string, error) {
	b, err := k.Open(ad, s)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

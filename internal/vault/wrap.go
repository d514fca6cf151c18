package vault

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Wrapped key format, version 1 (all integers big-endian):
//
//	"AMWK" | version 1 | time u32 | memoryKiB u32 | threads u8 |
//	salt length u8 | salt | nonce (24) | sealed data key (32 + 16 tag)
//
// Version 1 means argon2id for the KEK and XChaCha20-Poly1305 for the seal;
// a different suite gets a new version, not an algorithm field. Everything
// before the sealed data key, and the context, is associated data, so the
// parameters cannot be edited without failing the unwrap.
const (
	wrapMagic         = "AMWK"
	wrapVersion       = 1
	wrapNonceSize     = chacha20poly1305.NonceSizeX
	wrapCiphertextLen = keySize + chacha20poly1305.Overhead
	wrapFixedLen      = len(wrapMagic) + 1 + 4 + 4 + 1 + 1
)

// WrappedKey is the data key sealed under a key derived from a password or recovery code; it is safe to store.
type WrappedKey struct {
	KDF        KDFParams
	Nonce      []byte
	Ciphertext []byte
}

// WrapKey seals dk under argon2id(secret) with associated data binding context (e.g. "user:<uuid>" or "recovery").
// A fresh salt is always drawn, whatever kdf.Salt holds, so re-using the
// parameters of an old wrap for a password change never re-uses its salt.
func WrapKey(dk *Key, secret []byte, kdf KDFParams, context string) (WrappedKey, error) {
	if context == "" {
		return WrappedKey{}, errors.New("vault: wrap key: empty context")
	}
	if err := dk.live(); err != nil {
		return WrappedKey{}, err // fail before the slow derivation
	}
	kdf.Salt = make([]byte, saltSize)
	if _, err := rand.Read(kdf.Salt); err != nil {
		return WrappedKey{}, fmt.Errorf("vault: wrap key: %w", err)
	}
	if err := checkSecret(secret, kdf); err != nil {
		return WrappedKey{}, fmt.Errorf("vault: wrap key: %w", err)
	}
	w := WrappedKey{KDF: kdf, Nonce: make([]byte, wrapNonceSize)}
	if _, err := rand.Read(w.Nonce); err != nil {
		return WrappedKey{}, fmt.Errorf("vault: wrap key: %w", err)
	}
	kek := deriveKEK(secret, kdf)
	ad := w.associatedData(context)
	var err error
	protect(func() {
		defer clear(kek)
		aead, e := chacha20poly1305.NewX(kek)
		if e != nil {
			err = e
			return
		}
		err = dk.withBytes(func(b []byte) error {
			w.Ciphertext = aead.Seal(nil, w.Nonce, b, ad)
			return nil
		})
	})
	switch {
	case errors.Is(err, ErrLocked):
		return WrappedKey{}, ErrLocked // wiped meanwhile
	case err != nil:
		return WrappedKey{}, fmt.Errorf("vault: wrap key: %w", err)
	}
	return w, nil
}

// UnwrapKey opens w with secret and context; a wrong secret or context gives ErrWrongSecret and nothing more.
func UnwrapKey(w WrappedKey, secret []byte, context string) (*Key, error) {
	if err := w.validate(); err != nil {
		return nil, fmt.Errorf("vault: unwrap key: %w", err)
	}
	if err := checkSecret(secret, w.KDF); err != nil {
		return nil, fmt.Errorf("vault: unwrap key: %w", err)
	}
	kek := deriveKEK(secret, w.KDF)
	ad := w.associatedData(context)
	var err error
	k := &Key{ref: newKeyRef()}
	protect(func() {
		defer clear(kek)
		aead, e := chacha20poly1305.NewX(kek)
		if e != nil {
			err = e
			return
		}
		// Open straight into the key's own array: no other copy to clean.
		if _, e := aead.Open(k.ref.b[:0], w.Nonce, w.Ciphertext, ad); e != nil {
			clear(k.ref.b[:])
			err = ErrWrongSecret
		}
	})
	switch {
	case errors.Is(err, ErrWrongSecret):
		return nil, ErrWrongSecret
	case err != nil:
		return nil, fmt.Errorf("vault: unwrap key: %w", err)
	}
	return k, nil
}

func (w WrappedKey) validate() error {
	if err := w.KDF.validate(); err != nil {
		return err
	}
	if len(w.Nonce) != wrapNonceSize {
		return fmt.Errorf("%w: nonce of %d bytes, want %d", ErrMalformed, len(w.Nonce), wrapNonceSize)
	}
	if len(w.Ciphertext) != wrapCiphertextLen {
		return fmt.Errorf("%w: wrapped key of %d bytes, want %d", ErrMalformed, len(w.Ciphertext), wrapCiphertextLen)
	}
	return nil
}

// appendHeader appends everything of the format except the sealed data key.
func (w WrappedKey) appendHeader(b []byte) []byte {
	b = append(b, wrapMagic...)
	b = append(b, wrapVersion)
	b = binary.BigEndian.AppendUint32(b, w.KDF.Time)
	b = binary.BigEndian.AppendUint32(b, w.KDF.MemoryKiB)
	b = append(b, w.KDF.Threads, byte(len(w.KDF.Salt)))
	b = append(b, w.KDF.Salt...)
	return append(b, w.Nonce...)
}

func (w WrappedKey) associatedData(context string) []byte {
	b := w.appendHeader(nil)
	return appendField(b, context)
}

// MarshalBinary encodes w in the versioned format above, for one BLOB column.
func (w WrappedKey) MarshalBinary() ([]byte, error) {
	if err := w.validate(); err != nil {
		return nil, fmt.Errorf("vault: marshal wrapped key: %w", err)
	}
	b := w.appendHeader(make([]byte, 0, wrapFixedLen+len(w.KDF.Salt)+wrapNonceSize+wrapCiphertextLen))
	return append(b, w.Ciphertext...), nil
}

// UnmarshalBinary decodes data written by MarshalBinary; unknown versions and malformed input are errors, and w is left unchanged.
func (w *WrappedKey) UnmarshalBinary(data []byte) error {
	fail := func(what string) error {
		return fmt.Errorf("vault: unmarshal wrapped key: %w: %s", ErrMalformed, what)
	}
	if len(data) < wrapFixedLen {
		return fail("too short")
	}
	if string(data[:len(wrapMagic)]) != wrapMagic {
		return fail("not a wrapped key")
	}
	if v := data[len(wrapMagic)]; v != wrapVersion {
		return fmt.Errorf("vault: unmarshal wrapped key: %w: unknown format version %d", ErrMalformed, v)
	}
	p := data[len(wrapMagic)+1:]
	var got WrappedKey
	got.KDF.Time = binary.BigEndian.Uint32(p[0:4])
	got.KDF.MemoryKiB = binary.BigEndian.Uint32(p[4:8])
	got.KDF.Threads = p[8]
	saltLen := int(p[9])
	p = p[10:]
	if len(p) != saltLen+wrapNonceSize+wrapCiphertextLen {
		return fail("wrong length")
	}
	// Copies: the caller's buffer (often a database row) may be reused.
	got.KDF.Salt = append([]byte(nil), p[:saltLen]...)
	got.Nonce = append([]byte(nil), p[saltLen:saltLen+wrapNonceSize]...)
	got.Ciphertext = append([]byte(nil), p[saltLen+wrapNonceSize:]...)
	if err := got.validate(); err != nil {
		return fmt.Errorf("vault: unmarshal wrapped key: %w", err)
	}
	*w = got
	return nil
}

package vault

import (
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"io"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"
)

// keySize is the length of data keys and key-encryption keys.
const keySize = chacha20poly1305.KeySize

const redactedKey = "vault.Key(redacted)"

// Key is an office data key: 32 random bytes that seal and open every identifying field; it never prints, and the zero Key is locked.
type Key struct {
	mu  sync.RWMutex
	ref *keyRef // nil once wiped
}

// keyRef puts a second pointer between a Key and its bytes. fmt cannot call
// Format on a Key held in an unexported field, and given a verb that does
// not suit a pointer (%s, %q) it dereferences one pointer to show what is
// behind it: a test saw the bytes printed that way. It never dereferences
// two. identitySecrets does the same for the office identity.
type keyRef struct {
	b *[keySize]byte
}

func newKeyRef() *keyRef { return &keyRef{b: new([keySize]byte)} }

// NewDataKey returns a fresh random data key.
func NewDataKey() (*Key, error) {
	r := newKeyRef()
	if _, err := rand.Read(r.b[:]); err != nil {
		return nil, fmt.Errorf("vault: new data key: %w", err)
	}
	return &Key{ref: r}, nil
}

// Wipe zeroes the key; afterwards it refuses to seal or open with ErrLocked. It is safe to call twice.
func (k *Key) Wipe() {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ref != nil {
		clear(k.ref.b[:])
		k.ref = nil
	}
}

// withBytes calls f with the key bytes under the read lock, or returns
// ErrLocked. f must not keep the slice.
func (k *Key) withBytes(f func(b []byte) error) error {
	if k == nil {
		return ErrLocked
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.ref == nil {
		return ErrLocked
	}
	return f(k.ref.b[:])
}

// live returns ErrLocked once the key is wiped.
func (k *Key) live() error {
	return k.withBytes(func([]byte) error { return nil })
}

// cipher returns a fresh XChaCha20-Poly1305 instance for the key. A new
// instance per call, rather than one kept in the Key, leaves the bytes
// owned by vault as the only long-lived copy, which Wipe zeroes.
func (k *Key) cipher() (aead cipher.AEAD, err error) {
	err = k.withBytes(func(b []byte) error {
		var e error
		aead, e = chacha20poly1305.NewX(b)
		return e
	})
	return aead, err
}

// String returns "vault.Key(redacted)".
func (k *Key) String() string { return redactedKey }

// GoString returns "vault.Key(redacted)", for %#v.
func (k *Key) GoString() string { return redactedKey }

// Format prints "vault.Key(redacted)" for every verb, so %x or %d cannot show the bytes either.
func (k *Key) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redactedKey) }

package vault

import (
	"crypto/rand"
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Defaults from SECURITY.md: argon2id, at least 64 MiB and 3 passes.
const (
	defaultTime      = 3
	defaultMemoryKiB = 64 * 1024
	defaultThreads   = 4
	saltSize         = 16
)

// Bounds on parameters read back from disk: a corrupted or hostile wrapped
// key must not make unlock allocate gigabytes or run for hours. The upper
// bounds leave room to raise the defaults several times.
const (
	maxTime      = 32
	maxMemoryKiB = 1024 * 1024 // 1 GiB
	maxThreads   = 64
	minSaltSize  = 16
	maxSaltSize  = 64
)

// KDFParams are the argon2id parameters of one wrapped key; they travel with it so they can be raised later.
type KDFParams struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // lanes
	Salt      []byte // random, at least 16 bytes
}

// DefaultKDF returns argon2id with 3 passes, 64 MiB, 4 lanes and a fresh 16-byte salt.
func DefaultKDF() KDFParams {
	salt := make([]byte, saltSize)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails since Go 1.24
	return KDFParams{Time: defaultTime, MemoryKiB: defaultMemoryKiB, Threads: defaultThreads, Salt: salt}
}

// BelowDefault reports whether p costs an attacker less than DefaultKDF, so the wrap should be redone after the next successful unlock.
func (p KDFParams) BelowDefault() bool {
	return p.Time < defaultTime || p.MemoryKiB < defaultMemoryKiB
}

func (p KDFParams) validate() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("%w: argon2id passes %d out of range 1..%d", ErrMalformed, p.Time, maxTime)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("%w: argon2id lanes %d out of range 1..%d", ErrMalformed, p.Threads, maxThreads)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		return fmt.Errorf("%w: argon2id memory %d KiB out of range %d..%d", ErrMalformed, p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	case len(p.Salt) < minSaltSize || len(p.Salt) > maxSaltSize:
		return fmt.Errorf("%w: salt of %d bytes, want %d..%d", ErrMalformed, len(p.Salt), minSaltSize, maxSaltSize)
	}
	return nil
}

// DeriveKEK returns the 32-byte key-encryption key argon2id(secret, kdf); the caller should clear it after use.
func DeriveKEK(secret []byte, kdf KDFParams) ([]byte, error) {
	if err := checkSecret(secret, kdf); err != nil {
		return nil, fmt.Errorf("vault: derive key: %w", err)
	}
	return deriveKEK(secret, kdf), nil
}

func checkSecret(secret []byte, kdf KDFParams) error {
	if len(secret) == 0 {
		return errors.New("empty password or recovery code")
	}
	return kdf.validate()
}

// deriveKEK is DeriveKEK on checked input (argon2 panics on zero passes or
// lanes). The secret is first put in Unicode NFC, so a password typed with
// composed or decomposed accents ("é" or e + U+0301) unlocks alike.
func deriveKEK(secret []byte, kdf KDFParams) []byte {
	var kek []byte
	protect(func() {
		s := norm.NFC.Bytes(secret)
		kek = argon2.IDKey(s, kdf.Salt, kdf.Time, kdf.MemoryKiB, kdf.Threads, keySize)
		if unsafe.SliceData(s) != unsafe.SliceData(secret) {
			clear(s) // our normalised copy; the caller's buffer is theirs
		}
	})
	return kek
}

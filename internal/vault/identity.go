package vault

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"sync"

	"filippo.io/age"
)

const (
	identityKind    = "office-identity"
	identityField   = "keys"
	identityVersion = 1
	redactedID      = "vault.Identity(redacted)"
)

// Identity is an office's private keys: an age X25519 identity for receiving exports and an Ed25519 key for signing them.
type Identity struct {
	recipient string            // public: age1...
	signPub   ed25519.PublicKey // public
	mu        sync.Mutex
	sec       *identitySecrets // nil once wiped
}

// identitySecrets holds only pointers, so fmt shows addresses even when it
// dereferences sec (see keyRef).
type identitySecrets struct {
	age  *age.X25519Identity
	sign *ed25519.PrivateKey
}

// NewIdentity generates a fresh office identity.
func NewIdentity() (*Identity, error) {
	a, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("vault: new identity: %w", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("vault: new identity: %w", err)
	}
	return newIdentity(a, pub, priv), nil
}

func newIdentity(a *age.X25519Identity, pub ed25519.PublicKey, priv ed25519.PrivateKey) *Identity {
	return &Identity{
		recipient: a.Recipient().String(),
		signPub:   pub,
		sec:       &identitySecrets{age: a, sign: &priv},
	}
}

// Recipient returns the office's age recipient (age1...), for its public card; it still works after Wipe.
func (id *Identity) Recipient() string { return id.recipient }

// SigningPublicKey returns a copy of the office's Ed25519 public key, for its public card; it still works after Wipe.
func (id *Identity) SigningPublicKey() []byte { return append([]byte(nil), id.signPub...) }

// AgeIdentity returns the age identity for decrypting exports (internal/exchange), or nil after Wipe.
func (id *Identity) AgeIdentity() *age.X25519Identity {
	id.mu.Lock()
	defer id.mu.Unlock()
	if id.sec == nil {
		return nil
	}
	return id.sec.age
}

// Sign returns the Ed25519 signature of msg, or nil after Wipe.
func (id *Identity) Sign(msg []byte) []byte {
	id.mu.Lock()
	defer id.mu.Unlock()
	if id.sec == nil {
		return nil
	}
	var sig []byte
	protect(func() { sig = ed25519.Sign(*id.sec.sign, msg) })
	return sig
}

// ExportAge returns the AGE-SECRET-KEY-1... line for disaster-recovery export, or "" after Wipe.
func (id *Identity) ExportAge() string {
	id.mu.Lock()
	defer id.mu.Unlock()
	if id.sec == nil {
		return ""
	}
	return id.sec.age.String()
}

// Wipe zeroes the signing key and drops the age identity (whose scalar age keeps out of reach); the public parts stay.
func (id *Identity) Wipe() {
	if id == nil {
		return
	}
	id.mu.Lock()
	defer id.mu.Unlock()
	if id.sec != nil {
		clear(*id.sec.sign)
		id.sec.age = nil
		id.sec = nil
	}
}

// String returns "vault.Identity(redacted)".
func (id *Identity) String() string { return redactedID }

// GoString returns "vault.Identity(redacted)", for %#v.
func (id *Identity) GoString() string { return redactedID }

// Format prints "vault.Identity(redacted)" for every verb.
func (id *Identity) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redactedID) }

// VerifySignature reports whether sig is a valid Ed25519 signature of msg by pub; a malformed key or signature is simply false.
func VerifySignature(pub, msg, sig []byte) bool {
	if len(pub) != ed25519.PublicKeySize || len(sig) != ed25519.SignatureSize {
		return false // ed25519.Verify panics on a short key
	}
	return ed25519.Verify(pub, msg, sig)
}

func identityAD(officeID string) AD {
	return AD{Kind: identityKind, Record: officeID, Field: identityField}
}

// SealIdentity seals id's private keys with k, bound to officeID.
// Plaintext: version | age secret key line length (u16) | the line |
// Ed25519 seed. age offers no other export of its scalar than the line.
func (k *Key) SealIdentity(id *Identity, officeID string) (Sealed, error) {
	if id == nil {
		return nil, ErrLocked
	}
	id.mu.Lock()
	defer id.mu.Unlock()
	if id.sec == nil {
		return nil, ErrLocked // a wiped identity
	}
	var s Sealed
	var err error
	protect(func() {
		line := id.sec.age.String()
		seed := id.sec.sign.Seed()
		buf := make([]byte, 0, 1+2+len(line)+len(seed))
		buf = append(buf, identityVersion)
		buf = binary.BigEndian.AppendUint16(buf, uint16(len(line)))
		buf = append(buf, line...)
		buf = append(buf, seed...)
		s, err = k.Seal(identityAD(officeID), buf)
		clear(buf)
		clear(seed)
	})
	return s, err // Seal's errors already say what failed
}

// OpenIdentity opens an identity sealed by SealIdentity for officeID.
func (k *Key) OpenIdentity(s Sealed, officeID string) (*Identity, error) {
	var id *Identity
	var err error
	protect(func() {
		var buf []byte
		if buf, err = k.Open(identityAD(officeID), s); err != nil {
			return // an *OpenError or ErrLocked, already saying what failed
		}
		defer clear(buf)
		if id, err = parseIdentity(buf); err != nil {
			err = fmt.Errorf("vault: open identity: %w", err)
		}
	})
	return id, err
}

func parseIdentity(b []byte) (*Identity, error) {
	if len(b) < 3 || b[0] != identityVersion {
		return nil, fmt.Errorf("%w: unknown identity format", ErrMalformed)
	}
	n := int(binary.BigEndian.Uint16(b[1:3]))
	b = b[3:]
	if len(b) != n+ed25519.SeedSize {
		return nil, fmt.Errorf("%w: identity of wrong length", ErrMalformed)
	}
	a, err := age.ParseX25519Identity(string(b[:n]))
	if err != nil {
		// age's message may quote the key; say only that it did not parse.
		return nil, fmt.Errorf("%w: age identity does not parse", ErrMalformed)
	}
	priv := ed25519.NewKeyFromSeed(b[n:])
	return newIdentity(a, priv.Public().(ed25519.PublicKey), priv), nil
}

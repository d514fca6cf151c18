package vault

import (
	"crypto/rand"
	"fmt"
)

// passphraseBytes is the randomness of an export passphrase: 100 bits, 20
// Crockford characters. age stretches it with scrypt.
const passphraseBytes = 13

// NewPassphrase returns a fresh passphrase for a one-off export file, to be
// told to the receiving office over another channel (phone, in person):
// 20 random Crockford base32 characters in groups of four, XXXX-XXXX-....
func NewPassphrase() (string, error) {
	var raw [passphraseBytes]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", fmt.Errorf("vault: new passphrase: %w", err)
	}
	chars := crockfordEncode(raw[:])
	clear(raw[:])
	p := groupChars(chars[:20], 4)
	clear(chars)
	return p, nil
}

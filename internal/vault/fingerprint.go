package vault

import (
	"crypto/sha256"
	"encoding/binary"
)

const (
	fingerprintDomain = "amparo/vault/fingerprint/v1"
	fingerprintBytes  = 10 // 80 bits: 16 base32 characters
	fingerprintGroup  = 4
)

// Fingerprint returns a short, read-aloud fingerprint of parts (e.g. an office card): SHA-256 truncated to 80 bits, as XXXX-XXXX-XXXX-XXXX in Crockford base32.
// Parts are length-prefixed, so ("ab","c") and ("a","bc") differ. 80 bits
// keep a forger who wants to match an existing card at 2^80 work.
func Fingerprint(parts ...[]byte) string {
	h := sha256.New()
	h.Write([]byte(fingerprintDomain))
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(parts)))
	h.Write(n[:])
	for _, p := range parts {
		binary.BigEndian.PutUint32(n[:], uint32(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	sum := h.Sum(nil)
	return groupChars(crockfordEncode(sum[:fingerprintBytes]), fingerprintGroup)
}

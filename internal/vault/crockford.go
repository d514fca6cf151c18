package vault

import (
	"strings"
	"unicode"
)

// crockford is Crockford's base32 alphabet: digits and capitals without
// I, L, O and U, so what is printed can be read aloud and typed back.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// crockfordValue decodes one character, forgiving case and the look-alikes
// O (zero) and I, L (one).
func crockfordValue(r rune) (byte, bool) {
	switch r = unicode.ToUpper(r); r {
	case 'O':
		return 0, true
	case 'I', 'L':
		return 1, true
	}
	if r > unicode.MaxASCII {
		return 0, false
	}
	i := strings.IndexByte(crockford, byte(r))
	if i < 0 {
		return 0, false
	}
	return byte(i), true
}

// crockfordEncode encodes b, most significant bit first; a last partial
// group of bits is padded with zeros.
func crockfordEncode(b []byte) []byte {
	out := make([]byte, 0, (len(b)*8+4)/5)
	var acc uint32
	bits := 0
	for _, c := range b {
		acc = acc<<8 | uint32(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, crockford[(acc>>uint(bits))&31])
		}
	}
	if bits > 0 {
		out = append(out, crockford[(acc<<uint(5-bits))&31])
	}
	return out
}

// groupChars joins s in dash-separated groups of n characters.
func groupChars(s []byte, n int) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/n)
	for i, c := range s {
		if i > 0 && i%n == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(c)
	}
	return b.String()
}

package vault

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
)

// SelfTest seals and opens a known value with k under a throw-away AD and checks that a changed AD, an altered byte and a repeated seal behave; used by `amparoctl verify`.
func SelfTest(k *Key) error {
	want := []byte("amparo vault self-test: if this opens anywhere else, sealing is broken")
	ad := AD{Kind: "vault-self-test", Record: rand.Text(), Revision: "revision", Field: "probe"}
	a, err := k.Seal(ad, want)
	if err != nil {
		return fmt.Errorf("vault: self-test: seal: %w", err)
	}
	b, err := k.Seal(ad, want)
	if err != nil {
		return fmt.Errorf("vault: self-test: seal: %w", err)
	}
	if bytes.Equal(a, b) {
		return errors.New("vault: self-test: two seals of one value are equal (nonces repeat)")
	}
	got, err := k.Open(ad, a)
	if err != nil {
		return fmt.Errorf("vault: self-test: open: %w", err)
	}
	if !bytes.Equal(got, want) {
		return errors.New("vault: self-test: opened value differs from the sealed one")
	}
	moved := []AD{ad, ad, ad, ad}
	moved[0].Kind += "x"
	moved[1].Record += "x"
	moved[2].Revision += "x"
	moved[3].Field += "x"
	for _, m := range moved {
		if _, err := k.Open(m, a); !errors.Is(err, ErrTampered) {
			return fmt.Errorf("vault: self-test: a value moved to %s/%s/%s/%s still opens", m.Kind, m.Record, m.Revision, m.Field)
		}
	}
	altered := bytes.Clone(a)
	altered[len(altered)-1] ^= 1
	if _, err := k.Open(ad, altered); !errors.Is(err, ErrTampered) {
		return errors.New("vault: self-test: an altered value still opens")
	}
	return nil
}

package vault

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

func TestNewDataKeyIsRandom(t *testing.T) {
	a, b := newKey(t), newKey(t)
	if *a.ref.b == *b.ref.b {
		t.Fatal("two data keys are equal")
	}
	if *a.ref.b == ([keySize]byte{}) {
		t.Fatal("data key is all zeros")
	}
}

func TestKeyNeverPrints(t *testing.T) {
	k := newKey(t)
	secret := append([]byte(nil), k.ref.b[:]...)

	out := fmt.Sprintf("%v %+v %#v %s %x %X %d %q", k, k, k, k, k, k, k, k)
	assertNoLeak(t, out, secret)
	if want := "vault.Key(redacted)"; k.String() != want || k.GoString() != want || fmt.Sprint(k) != want {
		t.Fatalf("String/GoString/Sprint = %q/%q/%q, want %q", k.String(), k.GoString(), fmt.Sprint(k), want)
	}

	// A Key held in other structs, exported or not, by pointer or value.
	type holder struct {
		Exported *Key
		hidden   *Key
		value    Key
	}
	h := &holder{Exported: k, hidden: k}
	h.value.ref = k.ref
	for _, verb := range printVerbs {
		assertNoLeak(t, fmt.Sprintf(verb, h), secret)
		assertNoLeak(t, fmt.Sprintf(verb, []*Key{k}), secret)
		assertNoLeak(t, fmt.Sprintf(verb, map[string]*Key{"k": k}), secret)
	}
}

func TestWipeLocksKey(t *testing.T) {
	k := newKey(t)
	ad := AD{Kind: "person", Record: "r1", Field: "name"}
	s, err := k.Seal(ad, []byte("Ama"))
	if err != nil {
		t.Fatal(err)
	}
	arr := k.ref.b
	k.Wipe()
	if *arr != ([keySize]byte{}) {
		t.Fatal("Wipe left key bytes in memory")
	}
	k.Wipe() // twice is fine

	if _, err := k.Seal(ad, []byte("x")); !errors.Is(err, ErrLocked) {
		t.Errorf("Seal after Wipe: %v, want ErrLocked", err)
	}
	if _, err := k.Open(ad, s); !errors.Is(err, ErrLocked) {
		t.Errorf("Open after Wipe: %v, want ErrLocked", err)
	}
	if _, err := WrapKey(k, []byte("pw"), fastKDF(), "user:1"); !errors.Is(err, ErrLocked) {
		t.Errorf("WrapKey after Wipe: %v, want ErrLocked", err)
	}
	if _, err := k.SealIdentity(mustIdentity(t), "office"); !errors.Is(err, ErrLocked) {
		t.Errorf("SealIdentity after Wipe: %v, want ErrLocked", err)
	}
	if err := SelfTest(k); !errors.Is(err, ErrLocked) {
		t.Errorf("SelfTest after Wipe: %v, want ErrLocked", err)
	}

	var zero Key
	if _, err := zero.Seal(ad, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("Seal on zero Key: %v, want ErrLocked", err)
	}
	var nilKey *Key
	nilKey.Wipe()
	if _, err := nilKey.Seal(ad, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("Seal on nil key: %v, want ErrLocked", err)
	}
}

func TestSelfTest(t *testing.T) {
	if err := SelfTest(newKey(t)); err != nil {
		t.Fatal(err)
	}
}

// The session may lock (Wipe) while another goroutine seals or opens: each
// call either works or reports ErrLocked, and the race detector stays quiet.
func TestWipeDuringUse(t *testing.T) {
	k := newKey(t)
	s, err := k.Seal(testAD, []byte("Ama"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if _, err := k.Seal(testAD, []byte("Ama")); err != nil && !errors.Is(err, ErrLocked) {
					errs <- err
				}
				if _, err := k.Open(testAD, s); err != nil && !errors.Is(err, ErrLocked) {
					errs <- err
				}
			}
		})
	}
	wg.Go(k.Wipe)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("during Wipe: %v, want success or ErrLocked", err)
	}
	if _, err := k.Seal(testAD, nil); !errors.Is(err, ErrLocked) {
		t.Fatalf("after Wipe: %v, want ErrLocked", err)
	}
}

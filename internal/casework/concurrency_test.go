package casework

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestConcurrentFailuresAreAllCounted(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { f.svc.Login(ctx, "kofi", []byte("parallel wrong guess")) })
	}
	wg.Wait()
	if u, _ := f.db.UserByID(ctx, users["kofi"].ID); u.FailedCount != 4 {
		t.Errorf("%d failures counted, want 4", u.FailedCount)
	}
}

func TestAutoLockTickerWhileWorking(t *testing.T) {
	ctx := context.Background()
	f := newOffice(t)
	ss := f.login("ama", adminPW)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { // the window's ticker
		for {
			select {
			case <-done:
				return
			default:
				f.clock.Advance(time.Minute)
				ss.LockIfIdle(ctx)
			}
		}
	})
	for range 50 {
		ss.Touch()
		if _, err := ss.SealDraft("intake", map[string]string{"a": "b"}); err != nil && !errors.Is(err, ErrLocked) {
			t.Errorf("SealDraft = %v", err)
		}
		if ss.Locked() {
			if err := ss.Unlock(ctx, []byte(adminPW)); err != nil {
				t.Fatalf("Unlock = %v", err)
			}
		}
	}
	close(done)
	wg.Wait()
}

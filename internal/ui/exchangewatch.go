package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/amparo-app/amparo/internal/casework"
)

// defaultInboxCheck is how often the inbox folder is looked at while a
// supervisor is logged in.
const defaultInboxCheck = 30 * time.Second

// exchangeWatch is the background part of the exchange: the inbox polled
// every Deps.InboxCheckEvery, and the outbox written every
// Folders.OutboxEvery, while a supervisor's session is open and unlocked.
type exchangeWatch struct {
	running    bool
	lastInbox  time.Time
	lastOutbox time.Time
}

// exchangeTick runs on the window's thread at every tick of the idle
// ticker: when the inbox or the outbox is due, it starts the work in the
// background and puts the outcome on the Exchange tabs when it ends.
func (a *App) exchangeTick() {
	every := a.deps.InboxCheckEvery
	if every < 0 || a.screen != ScreenShell || a.shell == nil || a.sess == nil || a.sess.Locked() {
		return
	}
	if every == 0 {
		every = defaultInboxCheck
	}
	s := a.shell
	svc := s.transfer()
	if svc == nil || !s.sess.Can(casework.PermExchange) || a.watch.running {
		return
	}
	now := a.deps.now()
	folders, err := svc.ExchangeFolders(context.Background())
	if err != nil {
		return
	}
	inboxDue := now.Sub(a.watch.lastInbox) >= every
	outboxDue := folders.OutboxEvery > 0 && now.Sub(a.watch.lastOutbox) >= folders.OutboxEvery
	if !inboxDue && !outboxDue {
		return
	}
	a.watch.running = true
	if inboxDue {
		a.watch.lastInbox = now
	}
	if outboxDue {
		a.watch.lastOutbox = now
	}
	in := s.inboxWatch(folders.Inbox)
	reason := func(err error) string { return exchangeErrorText(err, now) }
	go func() {
		var inLines, outLines []string
		if inboxDue {
			results, err := svc.ProcessInbox(context.Background(), in, reason)
			inLines = inboxLines(results)
			if err != nil {
				fyne.LogError("inbox", err)
			}
		}
		if outboxDue {
			results, err := svc.WriteOutbox(context.Background(), folders.Outbox)
			for i, line := range outboxLines(results) {
				if results != nil && i < len(results) && results[i].Err == nil {
					outLines = append(outLines, line)
				}
			}
			if err != nil {
				fyne.LogError("outbox", err)
			}
		}
		fyne.Do(func() {
			a.watch.running = false
			if a.shell != s {
				return // logged out meanwhile
			}
			st := s.xstate()
			if len(inLines) > 0 {
				st.inbox = inLines
			}
			if len(outLines) > 0 {
				st.outbox = outLines
			}
			if len(inLines)+len(outLines) > 0 {
				s.refreshExchange()
			}
			if a.watchDone != nil {
				a.watchDone <- struct{}{}
			}
		})
	}()
}

package ui

import (
	"context"
	"errors"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
)

// receiveView is the Receive tab: open an export file (a passphrase asked
// for when it has one; an office not trusted yet checked by fingerprint
// first), what the import did (new records, updates, conflicts, cases to
// open), and the inbox folder with what it did last.
func (s *Shell) receiveView(svc TransferService) fyne.CanvasObject {
	st := s.xstate()
	items := []fyne.CanvasObject{wrapped(lang.L("exchange.receive.help"))}
	msg := newMessage()
	open := widget.NewButtonWithIcon(lang.L("exchange.receive.open"), theme.FolderOpenIcon(), func() {
		s.app.touch()
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				showMessage(msg, lang.L("exchange.receive.readFailed"), widget.DangerImportance)
				return
			}
			if r == nil {
				return
			}
			data, err := io.ReadAll(io.LimitReader(r, exchange.MaxFileBytes+1))
			if cerr := r.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				showMessage(msg, lang.L("exchange.receive.readFailed"), widget.DangerImportance)
				return
			}
			s.receiveFile(svc, data)
		}, s.w)
		d.Show()
	})
	open.Importance = widget.HighImportance
	items = append(items, container.NewHBox(open))
	if st.importing {
		bar := widget.NewProgressBarInfinite()
		items = append(items, widget.NewLabel(lang.L("exchange.receive.working")), bar)
		open.Disable()
	}
	if st.recvResult != "" {
		showMessage(msg, st.recvResult, st.recvImp)
	}
	items = append(items, msg)

	if st.needsPass && st.pendingData != nil {
		items = append(items, s.passphraseForm(svc))
	}
	if st.unknown != nil && st.pendingData != nil {
		items = append(items, s.trustSenderForm(svc))
	}
	if len(st.recvCases) > 0 {
		items = append(items, widget.NewLabel(lang.L("exchange.receive.cases")))
		for _, code := range st.recvCases {
			code := code
			b := widget.NewButtonWithIcon(code, theme.FileIcon(), func() {
				s.app.touch()
				if f, ok := s.sess.(interface {
					CaseByCode(context.Context, string) (domain.Case, error)
				}); ok {
					if c, err := f.CaseByCode(context.Background(), code); err == nil {
						s.Show(SectionCases)
						s.openCase(c.ID)
					}
				}
			})
			b.Importance = widget.LowImportance
			b.Alignment = widget.ButtonAlignLeading
			items = append(items, b)
		}
	}

	// The inbox folder.
	items = append(items, spacer(0.5), widget.NewSeparator(), subheading(lang.L("exchange.inbox.title")))
	if folders, err := svc.ExchangeFolders(context.Background()); err == nil {
		items = append(items, wrapped(lang.L("exchange.inbox.help", map[string]any{"Path": folders.Inbox})))
	}
	check := widget.NewButtonWithIcon(lang.L("exchange.inbox.check"), theme.ViewRefreshIcon(), func() {
		s.app.touch()
		s.checkInbox(svc, true)
	})
	items = append(items, container.NewHBox(check))
	for _, line := range st.inbox {
		items = append(items, wrapped(line))
	}
	column := container.New(&columnLayout{maxEms: 44}, items...)
	return container.NewVScroll(container.NewPadded(column))
}

// receiveFile imports a file read from disk, asking first for what it
// needs (a passphrase).
func (s *Shell) receiveFile(svc TransferService, data []byte) {
	st := s.xstate()
	s.dropPending()
	st.recvResult, st.recvCases = "", nil
	if exchange.NeedsPassphrase(data) {
		st.pendingData, st.needsPass = data, true
		s.refreshExchange()
		return
	}
	s.startImport(svc, data, "")
}

// dropPending forgets a file waiting for a passphrase or for trust.
func (s *Shell) dropPending() {
	st := s.xstate()
	clear(st.pendingData)
	st.pendingData, st.needsPass, st.unknown, st.pendingPass = nil, false, nil, ""
}

// startImport imports data in the background and shows the report.
func (s *Shell) startImport(svc TransferService, data []byte, passphrase string) {
	st := s.xstate()
	st.importing = true
	st.done = make(chan struct{})
	done := st.done
	s.refreshExchange()
	go func() {
		rep, err := svc.ImportFile(context.Background(), data, passphrase)
		fyne.Do(func() {
			defer close(done)
			st.importing = false
			var unknown *casework.UnknownSenderError
			switch {
			case err == nil:
				s.dropPending()
				clear(data)
				st.recvResult, st.recvImp = importReportText(rep), widget.SuccessImportance
				if rep.Conflicts > 0 {
					st.recvImp = widget.WarningImportance
				}
				st.recvCases = rep.Cases
			case errors.As(err, &unknown):
				st.pendingData, st.needsPass, st.unknown = data, false, unknown
				st.pendingPass = passphrase // kept in memory only, for the import after trusting
				st.recvResult, st.recvImp = lang.L("exchange.refuse.unknownSender", map[string]any{"Name": unknown.Card.Name}), widget.WarningImportance
			case errors.Is(err, exchange.ErrWrongPassphrase):
				st.pendingData, st.needsPass = data, true
				st.recvResult, st.recvImp = exchangeErrorText(err, s.deps.now()), widget.DangerImportance
			default:
				s.dropPending()
				clear(data)
				st.recvResult, st.recvImp = exchangeErrorText(err, s.deps.now()), widget.DangerImportance
			}
			s.refreshExchange()
		})
	}()
}

// importReportText says what an import did.
func importReportText(rep casework.ImportReport) string {
	args := map[string]any{"Office": rep.Sender.Name, "New": rep.New, "Updated": rep.Updated,
		"Conflicts": rep.Conflicts, "Skipped": rep.Skipped}
	text := lang.L("exchange.receive.done", args)
	if rep.Conflicts > 0 {
		text += " " + lang.L("exchange.receive.conflicts", args)
	}
	return text
}

// passphraseForm asks for the passphrase of a one-off hand-over file.
func (s *Shell) passphraseForm(svc TransferService) fyne.CanvasObject {
	st := s.xstate()
	pass := widget.NewPasswordEntry()
	pass.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX-XXXX")
	msg := newMessage()
	submit := func() {
		s.app.touch()
		if pass.Text == "" {
			showMessage(msg, lang.L("exchange.receive.typePassphrase"), widget.DangerImportance)
			return
		}
		data := st.pendingData
		st.pendingData, st.needsPass = nil, false
		p := pass.Text
		pass.SetText("")
		s.startImport(svc, data, p)
	}
	pass.OnSubmitted = func(string) { submit() }
	ok := widget.NewButtonWithIcon(lang.L("exchange.receive.openWithPassphrase"), theme.ConfirmIcon(), submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() {
		s.app.touch()
		s.dropPending()
		s.refreshExchange()
	})
	field := newFormField(lang.L("exchange.receive.passphrase"), pass, lang.L("exchange.receive.passphrase.help"))
	return container.NewVBox(widget.NewSeparator(), field.box, msg, container.NewHBox(ok, cancel))
}

// trustSenderForm shows the card of an office not trusted yet that a file
// came from, and trusts it once its fingerprint, read aloud by that
// office, is typed; then the file is imported.
func (s *Shell) trustSenderForm(svc TransferService) fyne.CanvasObject {
	st := s.xstate()
	card, fp := st.unknown.Card, st.unknown.Fingerprint
	rows := container.New(layout.NewFormLayout())
	row := func(label, value string) {
		rows.Add(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		rows.Add(wrapped(value))
	}
	row(lang.L("exchange.office.name"), card.Name)
	if card.Country != "" {
		row(lang.L("exchange.office.country"), countryName(card.Country, Language()))
	}
	row(lang.L("exchange.office.id"), card.OfficeID)
	typed := widget.NewEntry()
	typed.TextStyle = fyne.TextStyle{Monospace: true}
	typed.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX")
	msg := newMessage()
	confirm := func() {
		s.app.touch()
		es := s.exchange()
		if es == nil {
			return
		}
		_, err := es.PinOffice(context.Background(), card, typed.Text)
		switch {
		case errors.Is(err, casework.ErrFingerprintMismatch):
			showMessage(msg, lang.L("exchange.trust.mismatch"), widget.DangerImportance)
			return
		case err != nil:
			showMessage(msg, errorText(err, s.deps.now()), widget.DangerImportance)
			return
		}
		data, pass := st.pendingData, st.pendingPass
		st.pendingData, st.unknown, st.pendingPass = nil, nil, ""
		s.startImport(svc, data, pass)
	}
	typed.OnSubmitted = func(string) { confirm() }
	ok := widget.NewButtonWithIcon(lang.L("exchange.receive.trustAndImport"), theme.ConfirmIcon(), confirm)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() {
		s.app.touch()
		s.dropPending()
		st.recvResult = ""
		s.refreshExchange()
	})
	return container.NewVBox(widget.NewSeparator(),
		subheading(lang.L("exchange.trust.checkTitle", map[string]any{"Name": card.Name})), rows,
		widget.NewLabel(lang.L("exchange.trust.cardFingerprint")), fingerprintLabel(fp),
		wrapped(lang.L("exchange.trust.step1")), wrapped(lang.L("exchange.trust.step2")),
		wrapped(lang.L("exchange.trust.step3")), typed, msg, container.NewHBox(ok, cancel))
}

// checkInbox imports what is ready in the inbox; by hand (now) it says
// so even when there was nothing.
func (s *Shell) checkInbox(svc TransferService, byHand bool) {
	st := s.xstate()
	folders, err := svc.ExchangeFolders(context.Background())
	if err != nil {
		return
	}
	in := s.inboxWatch(folders.Inbox)
	if byHand {
		in.OnePass = true
		defer func() { in.OnePass = false }()
	}
	results, err := svc.ProcessInbox(context.Background(), in, func(err error) string { return exchangeErrorText(err, s.deps.now()) })
	lines := inboxLines(results)
	if err != nil {
		lines = append(lines, exchangeErrorText(err, s.deps.now()))
	}
	if len(lines) == 0 && byHand {
		lines = []string{lang.L("exchange.inbox.nothing")}
	}
	if len(lines) > 0 {
		st.inbox = lines
		s.refreshExchange()
	}
}

// inboxWatch returns the inbox watcher of the session for dir.
func (s *Shell) inboxWatch(dir string) *exchange.Inbox {
	if s.inbox == nil || s.inbox.Dir != dir {
		s.inbox = &exchange.Inbox{Dir: dir, Now: s.deps.now}
	}
	return s.inbox
}

func inboxLines(results []casework.InboxResult) []string {
	var out []string
	for _, r := range results {
		if r.Err != nil {
			out = append(out, lang.L("exchange.inbox.rejected", map[string]any{"File": r.File,
				"Reason": exchangeErrorText(r.Err, time.Now())}))
			continue
		}
		out = append(out, lang.L("exchange.inbox.imported", map[string]any{"File": r.File, "New": r.Report.New,
			"Updated": r.Report.Updated, "Conflicts": r.Report.Conflicts}))
	}
	return out
}

// exchangeErrorText says in plain words why a file was refused or an
// export failed; other errors as errorText does.
func exchangeErrorText(err error, now time.Time) string {
	var unknown *casework.UnknownSenderError
	switch {
	case errors.As(err, &unknown):
		return lang.L("exchange.refuse.unknownSenderFP", map[string]any{"Name": unknown.Card.Name, "Fingerprint": unknown.Fingerprint})
	case errors.Is(err, exchange.ErrNotAmparo):
		return lang.L("exchange.refuse.notAmparo")
	case errors.Is(err, exchange.ErrNotForUs):
		return lang.L("exchange.refuse.notForUs")
	case errors.Is(err, exchange.ErrNeedsPassphrase):
		return lang.L("exchange.refuse.needsPassphrase")
	case errors.Is(err, exchange.ErrWrongPassphrase):
		return lang.L("exchange.refuse.wrongPassphrase")
	case errors.Is(err, exchange.ErrTruncated):
		return lang.L("exchange.refuse.truncated")
	case errors.Is(err, exchange.ErrDamaged):
		return lang.L("exchange.refuse.damaged")
	case errors.Is(err, exchange.ErrBadSignature):
		return lang.L("exchange.refuse.badSignature")
	case errors.Is(err, exchange.ErrNewerVersion):
		return lang.L("exchange.refuse.newer")
	case errors.Is(err, exchange.ErrRevokedSender):
		return lang.L("exchange.refuse.revoked")
	case errors.Is(err, exchange.ErrAlreadyImported):
		return lang.L("exchange.refuse.already")
	case errors.Is(err, exchange.ErrReplayed):
		return lang.L("exchange.refuse.replayed")
	case errors.Is(err, exchange.ErrTooLarge):
		return lang.L("exchange.refuse.tooLarge")
	case errors.Is(err, casework.ErrNothingToSend):
		return lang.L("exchange.send.nothing")
	case errors.Is(err, casework.ErrNoReceiver):
		return lang.L("exchange.send.chooseOffice")
	}
	return errorText(err, now)
}

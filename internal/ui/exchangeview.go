package ui

import (
	"context"
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// cardExtension ends the name of an office card file.
const cardExtension = ".amparo-card"

// exchangeTab is a tab of the Exchange section.
type exchangeTab int

// The Exchange tabs, for supervisors; others see only the offices.
const (
	exchangeTabSend exchangeTab = iota
	exchangeTabReceive
	exchangeTabConflicts
	exchangeTabOffices
)

// exchangeView is the Exchange section. Supervisors get tabs: Send (export
// files), Receive (import, the inbox), Conflicts (left by imports) and
// Offices; everyone else sees the Offices tab alone: this office's card,
// to show and save.
func (s *Shell) exchangeView() fyne.CanvasObject {
	svc := s.exchange()
	if svc == nil {
		t, b := SectionExchange.emptyText()
		return newEmptyState(SectionExchange.Icon(), t, b)
	}
	offices := newExchangePanel(s, svc)
	ts, cs := s.transfer(), s.conflicts()
	if !s.sess.Can(casework.PermExchange) || ts == nil || cs == nil {
		return offices
	}
	items := []*container.TabItem{
		container.NewTabItemWithIcon(lang.L("exchange.tab.send"), theme.UploadIcon(), s.sendView(ts)),
		container.NewTabItemWithIcon(lang.L("exchange.tab.receive"), theme.DownloadIcon(), s.receiveView(ts)),
		container.NewTabItemWithIcon(lang.L("exchange.tab.conflicts"), theme.WarningIcon(), s.conflictsView(cs)),
		container.NewTabItemWithIcon(lang.L("exchange.tab.offices"), theme.AccountIcon(), offices),
	}
	at := container.NewAppTabs(items...)
	at.SelectIndex(int(s.exchangeTab))
	at.OnSelected = func(it *container.TabItem) {
		s.app.touch()
		for i, item := range items {
			if item == it {
				s.exchangeTab = exchangeTab(i)
			}
		}
		if s.exchangeTab != exchangeTabSend {
			s.xstate().passphrase = ""
		}
	}
	return at
}

// showConflicts brings the Conflicts tab on screen, opening conflict id
// ("" for the list).
func (s *Shell) showConflicts(id string) {
	s.exchangeTab = exchangeTabConflicts
	s.pendingConflict = id
	s.Show(SectionExchange)
}

// showExchangeTab brings a tab of the Exchange section on screen.
func (s *Shell) showExchangeTab(t exchangeTab) {
	s.exchangeTab = t
	s.Show(SectionExchange)
}

// exchangePanel holds the widgets of the Exchange section.
type exchangePanel struct {
	widget.BaseWidget
	s          *Shell
	svc        ExchangeService
	supervisor bool
	content    fyne.CanvasObject
	scroll     *container.Scroll

	own      domain.OfficeCard
	ownFP    string
	ownMsg   *widget.Label // under "Save my card…"
	save     *widget.Button
	trustMsg *widget.Label // under "Trust another office's card…"
	open     *widget.Button
	pinned   *fyne.Container // the trusted offices
	pins     []domain.PinnedOffice

	// The card being checked, while it is.
	check     *fyne.Container
	card      domain.OfficeCard
	typed     *widget.Entry
	checkMsg  *widget.Label
	trust     *widget.Button
	cancel    *widget.Button
	revokeDlg *dialog.ConfirmDialog
}

func newExchangePanel(s *Shell, svc ExchangeService) *exchangePanel {
	p := &exchangePanel{s: s, svc: svc, supervisor: s.sess.Can(casework.PermExchange),
		ownMsg: newMessage(), trustMsg: newMessage(), check: container.NewVBox(), pinned: container.NewVBox()}
	p.ExtendBaseWidget(p)
	p.check.Hide()

	items := []fyne.CanvasObject{subheading(lang.L("exchange.card.title"))}
	card, fp, err := svc.OfficeCard()
	if err != nil {
		items = append(items, p.ownMsg)
		showMessage(p.ownMsg, errorText(err, s.deps.now()), widget.DangerImportance)
	} else {
		p.own, p.ownFP = card, fp
		name := widget.NewLabelWithStyle(card.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Wrapping = fyne.TextWrapWord
		p.save = widget.NewButtonWithIcon(lang.L("exchange.card.save"), theme.DocumentSaveIcon(), p.saveCard)
		items = append(items, name)
		if card.Country != "" {
			items = append(items, widget.NewLabel(countryName(card.Country, Language())))
		}
		items = append(items,
			widget.NewLabel(lang.L("exchange.card.fingerprint")),
			fingerprintLabel(fp),
			wrapped(lang.L("exchange.card.compare")),
			container.NewHBox(p.save), p.ownMsg)
	}

	items = append(items, spacer(0.5), widget.NewSeparator(), subheading(lang.L("exchange.trusted.title")))
	if p.supervisor {
		p.open = widget.NewButtonWithIcon(lang.L("exchange.trust.open"), theme.FolderOpenIcon(), p.openCard)
		p.open.Importance = widget.HighImportance
		items = append(items, wrapped(lang.L("exchange.trusted.help")),
			container.NewHBox(p.open), p.trustMsg, p.check, spacer(0.5), p.pinned)
		p.reload()
	} else {
		items = append(items, wrapped(lang.L("exchange.trusted.supervisorOnly")))
	}

	column := container.New(&columnLayout{maxEms: 44}, items...)
	p.scroll = container.NewVScroll(container.NewPadded(column))
	p.content = p.scroll
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *exchangePanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// fingerprintLabel shows a fingerprint large, in fixed-width letters,
// grouped as given, to be read aloud.
func fingerprintLabel(fp string) *widget.Label {
	l := widget.NewLabelWithStyle(fp, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// cardFileName is the name offered for this office's card file: the
// office's name, with what file systems refuse replaced.
func cardFileName(office string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(office))
	if name == "" {
		name = "office"
	}
	return name + cardExtension
}

// saveCard offers to save this office's card to a file.
func (p *exchangePanel) saveCard() {
	p.s.app.touch()
	data, err := casework.EncodeCard(p.own)
	if err != nil {
		fyne.LogError("encode the office card", err)
		showMessage(p.ownMsg, lang.L("exchange.card.saveFailed"), widget.DangerImportance)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			fyne.LogError("save the office card", err)
			showMessage(p.ownMsg, lang.L("exchange.card.saveFailed"), widget.DangerImportance)
			return
		}
		if w == nil {
			return // cancelled
		}
		if err := writeAll(w, data); err != nil {
			fyne.LogError("write the office card", err)
			showMessage(p.ownMsg, lang.L("exchange.card.saveFailed"), widget.DangerImportance)
			return
		}
		showMessage(p.ownMsg, lang.L("exchange.card.saved", map[string]any{"Path": w.URI().Path()}), widget.SuccessImportance)
	}, p.s.w)
	d.SetFileName(cardFileName(p.own.Name))
	d.SetFilter(storage.NewExtensionFileFilter([]string{cardExtension}))
	d.Show()
}

// openCard asks for another office's card file and reads it.
func (p *exchangePanel) openCard() {
	p.s.app.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			fyne.LogError("open an office card", err)
			showMessage(p.trustMsg, lang.L("exchange.trust.readFailed"), widget.DangerImportance)
			return
		}
		if r == nil {
			return // cancelled
		}
		b, err := io.ReadAll(io.LimitReader(r, casework.MaxCardBytes+1))
		if cerr := r.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fyne.LogError("read an office card", err)
			showMessage(p.trustMsg, lang.L("exchange.trust.readFailed"), widget.DangerImportance)
			return
		}
		p.readCard(b)
	}, p.s.w)
	d.Show()
}

// readCard reads another office's card file and, when it is one, shows it
// to be checked against the fingerprint its office reads aloud.
func (p *exchangePanel) readCard(b []byte) {
	p.s.app.touch()
	p.closeCheck()
	card, fp, err := casework.ParseCard(b)
	switch {
	case err != nil:
		showMessage(p.trustMsg, lang.L("exchange.trust.notACard"), widget.DangerImportance)
		return
	case card.OfficeID == p.own.OfficeID:
		showMessage(p.trustMsg, lang.L("exchange.trust.ownCard"), widget.DangerImportance)
		return
	}
	showMessage(p.trustMsg, "", widget.DangerImportance)
	p.card = card

	rows := container.New(layout.NewFormLayout())
	row := func(label, value string) {
		rows.Add(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		rows.Add(wrapped(value))
	}
	p.typed = widget.NewEntry()
	p.typed.TextStyle = fyne.TextStyle{Monospace: true}
	p.typed.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX")
	p.typed.OnChanged = func(string) { p.s.app.touch() }
	p.typed.OnSubmitted = func(string) { p.confirmTrust() }
	p.checkMsg = newMessage()
	p.trust = widget.NewButtonWithIcon(lang.L("exchange.trust.confirm"), theme.ConfirmIcon(), p.confirmTrust)
	p.trust.Importance = widget.HighImportance
	p.cancel = widget.NewButton(lang.L("Cancel"), func() {
		p.s.app.touch()
		p.closeCheck()
	})
	country := card.Country
	if country != "" {
		country = countryName(country, Language())
	}
	row(lang.L("exchange.office.name"), card.Name)
	row(lang.L("exchange.office.country"), country)
	row(lang.L("exchange.office.id"), card.OfficeID)
	p.check.Objects = []fyne.CanvasObject{
		widget.NewSeparator(),
		subheading(lang.L("exchange.trust.checkTitle", map[string]any{"Name": card.Name})),
		rows,
		widget.NewLabel(lang.L("exchange.trust.cardFingerprint")),
		fingerprintLabel(fp),
		wrapped(lang.L("exchange.trust.step1")),
		wrapped(lang.L("exchange.trust.step2")),
		wrapped(lang.L("exchange.trust.step3")),
		p.typed,
		p.checkMsg,
		container.NewHBox(p.trust, p.cancel),
		widget.NewSeparator(),
	}
	p.check.Show()
	p.check.Refresh()
	relayout(p.check)
	scrollTo(p.scroll, p.check)
	if c := p.s.w.Canvas(); c != nil {
		c.Focus(p.typed)
	}
}

// closeCheck puts away the card being checked.
func (p *exchangePanel) closeCheck() {
	p.card = domain.OfficeCard{}
	p.typed, p.checkMsg, p.trust, p.cancel = nil, nil, nil, nil
	p.check.Objects = nil
	p.check.Hide()
	relayout(p.check)
}

// confirmTrust pins the card being checked when the fingerprint typed is
// its own.
func (p *exchangePanel) confirmTrust() {
	p.s.app.touch()
	if p.typed == nil {
		return
	}
	if strings.TrimSpace(p.typed.Text) == "" {
		showMessage(p.checkMsg, lang.L("exchange.trust.typeIt"), widget.DangerImportance)
		return
	}
	pin, err := p.svc.PinOffice(context.Background(), p.card, p.typed.Text)
	switch {
	case errors.Is(err, casework.ErrFingerprintMismatch):
		showMessage(p.checkMsg, lang.L("exchange.trust.mismatch"), widget.DangerImportance)
		return
	case errors.Is(err, casework.ErrOwnCard):
		showMessage(p.checkMsg, lang.L("exchange.trust.ownCard"), widget.DangerImportance)
		return
	case errors.Is(err, casework.ErrNotACard):
		showMessage(p.checkMsg, lang.L("exchange.trust.notACard"), widget.DangerImportance)
		return
	case err != nil:
		showMessage(p.checkMsg, errorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.closeCheck()
	p.reload()
	showMessage(p.trustMsg, lang.L("exchange.trust.done", map[string]any{"Name": pin.Card.Name}), widget.SuccessImportance)
}

// reload reads the trusted offices again and redraws their list.
func (p *exchangePanel) reload() {
	pins, err := p.svc.PinnedOffices(context.Background())
	if err != nil {
		p.pins = nil
		p.pinned.Objects = []fyne.CanvasObject{wrapped(errorText(err, p.s.deps.now()))}
		p.pinned.Refresh()
		return
	}
	p.pins = pins
	if len(pins) == 0 {
		none := wrapped(lang.L("exchange.trusted.none"))
		none.Importance = widget.LowImportance
		p.pinned.Objects = []fyne.CanvasObject{none}
	} else {
		p.pinned.Objects = nil
		for i, pin := range pins {
			if i > 0 {
				p.pinned.Add(widget.NewSeparator())
			}
			p.pinned.Add(p.pinRow(pin))
		}
	}
	p.pinned.Refresh()
	relayout(p.pinned)
}

// pinRow is one trusted office: name, country, fingerprint, since when it
// is trusted or since when revoked, and Revoke… while it is trusted.
func (p *exchangePanel) pinRow(pin domain.PinnedOffice) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(pin.Card.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	lines := []fyne.CanvasObject{name}
	fp := widget.NewLabelWithStyle(pin.Fingerprint, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	if pin.Card.Country != "" {
		lines = append(lines, container.NewHBox(widget.NewLabel(countryName(pin.Card.Country, Language())), fp))
	} else {
		lines = append(lines, fp)
	}

	state := widget.NewLabelWithStyle(lang.L("exchange.pin.trusted"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	state.Importance = widget.SuccessImportance
	when := lang.L("exchange.pin.pinnedOn", map[string]any{"Date": caseListDate(pin.PinnedAt)})
	if !pin.Active() {
		state.SetText(lang.L("exchange.pin.revoked"))
		state.Importance = widget.WarningImportance
		when = lang.L("exchange.pin.revokedOn", map[string]any{
			"Date": caseListDate(pin.PinnedAt), "Revoked": caseListDate(pin.RevokedAt)})
	}
	whenLabel := wrapped(when)
	lines = append(lines, container.NewBorder(nil, nil, state, nil, whenLabel))

	var right fyne.CanvasObject
	if pin.Active() {
		revoke := widget.NewButtonWithIcon(lang.L("exchange.pin.revoke"), theme.CancelIcon(), func() { p.askRevoke(pin) })
		revoke.Importance = widget.DangerImportance
		right = container.NewVBox(revoke)
	}
	return container.NewBorder(nil, nil, nil, right, container.NewVBox(lines...))
}

// askRevoke asks before a pinned office stops being trusted.
func (p *exchangePanel) askRevoke(pin domain.PinnedOffice) {
	p.s.app.touch()
	args := map[string]any{"Name": pin.Card.Name}
	d := dialog.NewConfirm(lang.L("exchange.revoke.title", args), lang.L("exchange.revoke.text", args),
		func(ok bool) {
			p.revokeDlg = nil
			if ok {
				p.revoke(pin)
			}
		}, p.s.w)
	d.SetConfirmText(lang.L("exchange.revoke.confirm"))
	d.SetDismissText(lang.L("Cancel"))
	p.revokeDlg = d
	d.Show()
}

// revoke stops trusting a pinned office.
func (p *exchangePanel) revoke(pin domain.PinnedOffice) {
	p.s.app.touch()
	if _, err := p.svc.RevokeOffice(context.Background(), pin.Card.OfficeID); err != nil {
		showMessage(p.trustMsg, errorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.reload()
	showMessage(p.trustMsg, lang.L("exchange.revoke.done", map[string]any{"Name": pin.Card.Name}), widget.SuccessImportance)
}

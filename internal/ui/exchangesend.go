package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/vault"
)

// exchangeState keeps the Send and Receive tabs across redraws of the
// section: what the person chose and typed, a running export, the last
// results.
type exchangeState struct {
	// Send
	to         map[string]bool // office ids ticked
	scope      string          // scopeNew, scopeCases, scopePassphrase
	all        bool            // with scopeNew: everything again (a file was lost)
	codes      string          // case codes typed
	partner    string          // passphrase hand-over: partner id
	running    bool
	cancel     context.CancelFunc
	progress   float64
	sendResult string // the last outcome, in words
	sendImp    widget.Importance
	withheld   []string // lines: code and office
	passphrase string   // shown once after a passphrase export; dropped on leaving the tab or the section, and on lock

	// Receive
	importing   bool
	recvResult  string
	recvImp     widget.Importance
	recvCases   []string // codes the last import brought
	unknown     *casework.UnknownSenderError
	pendingData []byte // the file waiting for a passphrase or for trust
	pendingPass string // its passphrase, while it waits for trust
	needsPass   bool
	inbox       []string // lines about the inbox's last files
	outbox      []string
	showOutbox  bool // scroll the Send tab to the outbox's outcome once

	bar *widget.ProgressBar // the Send tab's, while on screen

	// done is closed when the running export or import ends (tests wait on it).
	done chan struct{}
	// gate, when set (tests), holds a starting export until it is closed.
	gate chan struct{}
}

// Export scopes.
const (
	scopeNew        = "new"
	scopeCases      = "cases"
	scopePassphrase = "passphrase"
)

func (s *Shell) xstate() *exchangeState {
	if s.exchangeState == nil {
		s.exchangeState = &exchangeState{to: map[string]bool{}, scope: scopeNew}
	}
	return s.exchangeState
}

// forgetExchangeSecrets drops the passphrase shown after an export and a
// file waiting for its passphrase or for trust.
func (s *Shell) forgetExchangeSecrets() {
	if st := s.exchangeState; st != nil {
		st.passphrase = ""
		s.dropPending()
	}
}

// refresh redraws the Exchange section when it is on screen.
func (s *Shell) refreshExchange() {
	if s.current == SectionExchange && s.caseState == nil {
		s.Show(SectionExchange)
	}
}

// sendView is the Send tab: the receivers (trusted offices), what to send
// (everything new for them, named cases, or a one-off hand-over with a
// passphrase), the folder to write the file in, then progress with Cancel
// and what the file holds, and which cases were left out for want of
// consent.
func (s *Shell) sendView(svc TransferService) fyne.CanvasObject {
	st := s.xstate()
	ctx := context.Background()
	items := []fyne.CanvasObject{wrapped(lang.L("exchange.send.help"))}

	var pins []domain.PinnedOffice
	if es := s.exchange(); es != nil {
		all, err := es.PinnedOffices(ctx)
		if err != nil {
			items = append(items, wrapped(errorText(err, s.deps.now())))
		}
		for _, p := range all {
			if p.Active() {
				pins = append(pins, p)
			}
		}
	}

	items = append(items, subheading(lang.L("exchange.send.to")))
	if len(pins) == 0 {
		none := wrapped(lang.L("exchange.send.noOffice"))
		go2 := widget.NewButtonWithIcon(lang.L("exchange.tab.offices"), theme.AccountIcon(), func() {
			s.app.touch()
			s.showExchangeTab(exchangeTabOffices)
		})
		items = append(items, none, container.NewHBox(go2))
	}
	for _, p := range pins {
		p := p
		label := p.Card.Name
		if p.Card.Country != "" {
			label += " (" + countryName(p.Card.Country, Language()) + ")"
		}
		c := widget.NewCheck(label, func(on bool) {
			s.app.touch()
			st.to[p.Card.OfficeID] = on
		})
		c.SetChecked(st.to[p.Card.OfficeID])
		items = append(items, c)
	}

	items = append(items, subheading(lang.L("exchange.send.what")))
	scopes := []string{lang.L("exchange.send.scope.new"), lang.L("exchange.send.scope.cases"), lang.L("exchange.send.scope.passphrase")}
	scopeIDs := []string{scopeNew, scopeCases, scopePassphrase}
	codes := widget.NewMultiLineEntry()
	codes.SetPlaceHolder(lang.L("exchange.send.codes.placeholder"))
	codes.Wrapping = fyne.TextWrapWord
	codes.SetMinRowsVisible(2)
	codes.SetText(st.codes)
	codes.OnChanged = func(v string) { s.app.touch(); st.codes = v }
	codesField := newFormField(lang.L("exchange.send.codes"), codes, lang.L("exchange.send.codes.help"))

	var partnerIDs, partnerNames []string
	if ps, ok := s.sess.(interface {
		Partners(context.Context, casework.PartnerQuery) ([]domain.Partner, error)
	}); ok {
		list, _ := ps.Partners(ctx, casework.PartnerQuery{})
		for _, p := range list {
			partnerIDs = append(partnerIDs, p.ID)
			partnerNames = append(partnerNames, p.Name)
		}
	}
	partner := widget.NewSelect(partnerNames, func(v string) {
		s.app.touch()
		for i, n := range partnerNames {
			if n == v {
				st.partner = partnerIDs[i]
			}
		}
	})
	partner.PlaceHolder = lang.L("exchange.send.partner.placeholder")
	for i, id := range partnerIDs {
		if id == st.partner {
			partner.SetSelectedIndex(i)
		}
	}
	partnerField := newFormField(lang.L("exchange.send.partner"), partner, lang.L("exchange.send.partner.help"))

	again := widget.NewCheck(lang.L("exchange.send.again"), func(on bool) {
		s.app.touch()
		st.all = on
	})
	again.SetChecked(st.all)
	scopeRadio := widget.NewRadioGroup(scopes, nil)
	show := func() {
		codesField.box.Show()
		partnerField.box.Hide()
		again.Hide()
		switch st.scope {
		case scopeNew:
			codesField.box.Hide()
			again.Show()
		case scopePassphrase:
			partnerField.box.Show()
		}
	}
	for i, id := range scopeIDs {
		if id == st.scope {
			scopeRadio.SetSelected(scopes[i])
		}
	}
	scopeRadio.OnChanged = func(v string) {
		s.app.touch()
		for i, label := range scopes {
			if label == v {
				st.scope = scopeIDs[i]
			}
		}
		if v == "" { // a radio group can be unselected: keep a scope
			scopeRadio.SetSelected(scopes[0])
			return
		}
		show()
		relayout(codesField.box)
	}
	scopeRadio.Required = true
	show()
	items = append(items, scopeRadio, again, codesField.box, partnerField.box)

	msg := newMessage()
	if st.sendResult != "" {
		showMessage(msg, st.sendResult, st.sendImp)
	}
	bar := widget.NewProgressBar()
	bar.SetValue(st.progress)
	st.bar = bar
	write := widget.NewButtonWithIcon(lang.L("exchange.send.write"), theme.DocumentSaveIcon(), nil)
	write.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
		s.app.touch()
		if st.cancel != nil {
			st.cancel()
		}
	})
	if st.running {
		write.Disable()
	} else {
		bar.Hide()
		cancel.Hide()
	}
	write.OnTapped = func() {
		s.app.touch()
		req, problem := s.exportRequest(st)
		if problem != "" {
			showMessage(msg, problem, widget.DangerImportance)
			return
		}
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				showMessage(msg, lang.L("exchange.send.folderFailed"), widget.DangerImportance)
				return
			}
			if u == nil {
				return
			}
			s.startExport(svc, req, u.Path())
		}, s.w)
		d.Show()
	}
	items = append(items, spacer(0.5), container.NewHBox(write, cancel), bar, msg)
	if st.passphrase != "" {
		pass := fingerprintLabel(st.passphrase)
		items = append(items, wrapped(lang.L("exchange.send.passphrase")), pass)
	}
	if len(st.withheld) > 0 {
		items = append(items, wrapped(lang.L("exchange.send.withheld")))
		for _, line := range st.withheld {
			items = append(items, widget.NewLabel("• "+line))
		}
	}

	// The outbox: one file per trusted office, written here on demand.
	items = append(items, spacer(0.5), widget.NewSeparator(), subheading(lang.L("exchange.outbox.title")))
	folders, err := svc.ExchangeFolders(ctx)
	if err == nil {
		items = append(items, wrapped(lang.L("exchange.outbox.help", map[string]any{"Path": folders.Outbox})))
	}
	outMsg := newMessage()
	outbox := widget.NewButtonWithIcon(lang.L("exchange.outbox.write"), theme.MailSendIcon(), func() {
		s.app.touch()
		s.writeOutbox(svc)
	})
	items = append(items, container.NewHBox(outbox), outMsg)
	for _, line := range st.outbox {
		items = append(items, wrapped(line))
	}
	column := container.New(&columnLayout{maxEms: 44}, items...)
	scroll := container.NewVScroll(container.NewPadded(column))
	if st.showOutbox {
		// The outbox's outcome is at the end of the tab: bring it into view.
		st.showOutbox = false
		scroll.ScrollToBottom()
	}
	return scroll
}

// exportRequest turns what was chosen into a request, or says what is
// missing.
func (s *Shell) exportRequest(st *exchangeState) (casework.ExportRequest, string) {
	var req casework.ExportRequest
	if st.scope != scopePassphrase {
		for id, on := range st.to {
			if on {
				req.To = append(req.To, id)
			}
		}
		if len(req.To) == 0 {
			return req, lang.L("exchange.send.chooseOffice")
		}
	}
	if st.scope == scopeNew {
		req.All = st.all
		return req, ""
	}
	codes := strings.FieldsFunc(st.codes, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
	if len(codes) == 0 {
		return req, lang.L("exchange.send.typeCodes")
	}
	finder, ok := s.sess.(interface {
		CaseByCode(context.Context, string) (domain.Case, error)
	})
	if !ok {
		return req, lang.L("error.forbidden")
	}
	var unknown []string
	for _, code := range codes {
		c, err := finder.CaseByCode(context.Background(), strings.ToUpper(code))
		if err != nil {
			unknown = append(unknown, code)
			continue
		}
		req.Cases = append(req.Cases, c.ID)
	}
	if len(unknown) > 0 {
		return req, lang.L("exchange.send.unknownCodes", map[string]any{"Codes": strings.Join(unknown, ", ")})
	}
	if st.scope == scopePassphrase {
		if st.partner == "" {
			return req, lang.L("exchange.send.choosePartner")
		}
		req.Partner = st.partner
	}
	return req, ""
}

// startExport writes the export file into dir in the background, with
// progress on the Send tab and Cancel.
func (s *Shell) startExport(svc TransferService, req casework.ExportRequest, dir string) {
	st := s.xstate()
	st.passphrase = ""
	if st.scope == scopePassphrase {
		p, err := vault.NewPassphrase()
		if err != nil {
			st.sendResult, st.sendImp = errorText(err, s.deps.now()), widget.DangerImportance
			s.refreshExchange()
			return
		}
		req.Passphrase = p
	}
	office := s.sess.Office()
	to := "passphrase"
	if len(req.To) == 1 {
		if es := s.exchange(); es != nil {
			if pins, err := es.PinnedOffices(context.Background()); err == nil {
				for _, p := range pins {
					if p.Card.OfficeID == req.To[0] {
						to = p.Card.Name
					}
				}
			}
		}
	} else if len(req.To) > 1 {
		to = "offices"
	}
	path := filepath.Join(dir, exchange.FileName(office.Name, to, 0, s.deps.now()))
	ctx, cancel := context.WithCancel(context.Background())
	st.running, st.cancel, st.progress, st.sendResult, st.withheld = true, cancel, 0, "", nil
	st.done = make(chan struct{})
	done := st.done
	s.refreshExchange()
	progress := func(n, total int) {
		if total > 0 {
			v := float64(n) / float64(total)
			fyne.Do(func() {
				st.progress = v
				s.refreshExchangeBar(v)
			})
		}
	}
	gate := st.gate
	go func() {
		if gate != nil {
			<-gate
		}
		res, err := svc.ExportFile(ctx, req, path, progress)
		fyne.Do(func() {
			defer close(done)
			st.running, st.cancel = false, nil
			cancel()
			st.withheld = withheldLines(res.Withheld)
			switch {
			case err == nil:
				st.sendResult = lang.L("exchange.send.done", map[string]any{"Path": path, "Cases": res.Cases,
					"Records": res.Counts.Records, "Files": res.Counts.Attachments})
				st.sendImp = widget.SuccessImportance
				if req.Passphrase != "" {
					st.passphrase = req.Passphrase
				}
			case errors.Is(err, exchange.ErrCancelled) || errors.Is(err, context.Canceled):
				st.sendResult, st.sendImp = lang.L("exchange.send.cancelled"), widget.WarningImportance
			default:
				st.sendResult, st.sendImp = exchangeErrorText(err, s.deps.now()), widget.DangerImportance
			}
			s.refreshExchange()
		})
	}()
}

// refreshExchangeBar moves the progress bar on screen, if any.
func (s *Shell) refreshExchangeBar(v float64) {
	if bar := s.xstate().bar; bar != nil && s.current == SectionExchange {
		bar.SetValue(v)
	}
}

// withheldLines lists the cases left out, by code (and office name).
func withheldLines(ws []casework.WithheldCase) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range ws {
		line := w.Code
		if w.OfficeName != "" {
			line = lang.L("exchange.send.withheldLine", map[string]any{"Code": w.Code, "Office": w.OfficeName})
		}
		if !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	return out
}

// writeOutbox writes an export for each trusted office into the outbox.
func (s *Shell) writeOutbox(svc TransferService) {
	st := s.xstate()
	folders, err := svc.ExchangeFolders(context.Background())
	if err != nil {
		st.outbox = []string{errorText(err, s.deps.now())}
		s.refreshExchange()
		return
	}
	results, err := svc.WriteOutbox(context.Background(), folders.Outbox)
	st.outbox = outboxLines(results)
	if err != nil {
		st.outbox = append(st.outbox, exchangeErrorText(err, s.deps.now()))
	}
	st.showOutbox = true
	s.refreshExchange()
}

func outboxLines(results []casework.OutboxResult) []string {
	var out []string
	for _, r := range results {
		if r.Err != nil {
			out = append(out, lang.L("exchange.outbox.nothing", map[string]any{"Office": r.Name}))
			continue
		}
		out = append(out, lang.L("exchange.outbox.written", map[string]any{"Office": r.Name, "Path": r.Path,
			"Records": r.Result.Counts.Records}))
	}
	if len(out) == 0 {
		out = append(out, lang.L("exchange.send.noOffice"))
	}
	return out
}

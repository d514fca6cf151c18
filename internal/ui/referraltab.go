package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
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
)

// draftReferral names the Referrals tab's draft: the referral being
// written or changed and not saved yet.
const draftReferral = "case.referral"

// referralLetterLanguages are the languages letters are written in.
var referralLetterLanguages = []string{"en", "fr", "pt"}

// referralsTab is the Referrals tab of case c; saved calls back with the
// case as saved when something changed it.
func (s *Shell) referralsTab(c domain.Case, saved func(domain.Case)) fyne.CanvasObject {
	svc := s.referrals()
	if svc == nil {
		return caseTabsUnavailable()
	}
	return newReferralsPanel(s, svc, c, saved)
}

// referralsPanel is the Referrals tab: the case's documents (consent form,
// case summary), the referrals of the case with their state, history,
// letter and next steps, and the form of a new referral or of a draft
// being changed, with what consent lets the letter show.
type referralsPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     ReferralService
	c       domain.Case
	saved   func(domain.Case)
	state   *caseScreenState // the case screen the panel belongs to
	content *fyne.Container
	child   bool

	partners []domain.Partner // the whole directory, deactivated partners too
	refs     []domain.Referral
	names    map[string]string // user id -> name
	form     *referralForm     // the form on show, nil with the list
	bar      *wrapLayout       // the list's bar of buttons, which wraps on a narrow window
	flash    string            // a message for the panel that replaces this one

	// On screen, for the tests.
	notice     *widget.Label
	list       *fyne.Container
	scroll     *container.Scroll
	newButton  *widget.Button
	consentPDF *widget.Button
	summaryPDF *widget.Button
	docLang    *widget.Select
	cards      map[string]*referralCard
	move       *referralMove
}

// referralCard is one referral of the list.
type referralCard struct {
	r          domain.Referral
	box        fyne.CanvasObject
	title      *widget.Label
	due        *widget.Label
	edit       *widget.Button
	moves      map[domain.ReferralState]*widget.Button
	letter     *widget.Button
	lang       *widget.Select
	history    *widget.Accordion
	noConsent  *banner // a draft that may not be sent yet
	consentFix *widget.Button
}

func newReferralsPanel(s *Shell, svc ReferralService, c domain.Case, saved func(domain.Case)) *referralsPanel {
	p := &referralsPanel{s: s, svc: svc, c: c, saved: saved, state: s.caseState, content: container.NewStack(),
		notice: newMessage(), names: s.caseTabsNames()}
	p.ExtendBaseWidget(p)
	p.child, _ = casework.ChildStatus(c.Person, s.deps.now())
	if all, err := svc.Partners(context.Background(), casework.PartnerQuery{IncludeInactive: true}); err == nil {
		p.partners = all
	}
	// The case file draws its tabs again when another tab saves the case:
	// the referral being written here stays.
	if prev, ok := s.drafters[draftReferral].(*referralsPanel); ok && prev != p && prev.c.ID == c.ID &&
		prev.state == s.caseState && s.caseState != nil {
		if prev.form != nil {
			p.form = p.newForm(prev.form.values())
		}
		p.flash, prev.flash = prev.flash, ""
	}
	s.addDrafter(draftReferral, p)
	p.show()
	if p.flash != "" {
		showMessage(p.notice, p.flash, widget.SuccessImportance)
		p.flash = ""
	}
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *referralsPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// Resize is part of fyne.CanvasObject: the bar of buttons knows its width
// before it is asked how tall it is, so it wraps as soon as the window
// narrows.
func (p *referralsPanel) Resize(size fyne.Size) {
	if p.bar != nil {
		p.bar.laidOut = size.Width
	}
	p.BaseWidget.Resize(size)
}

// Show is part of fyne.CanvasObject: coming back to the tab (from the
// Consent tab, say) checks consent again.
func (p *referralsPanel) Show() {
	if p.Visible() {
		return
	}
	p.BaseWidget.Show()
	p.recheck()
}

// recheck asks casework again what consent allows, for the form's preview
// and the drafts of the list.
func (p *referralsPanel) recheck() {
	if p.form != nil {
		p.form.updatePreview()
		return
	}
	for _, card := range p.cards {
		if card.r.State == domain.ReferralDraft {
			p.checkDraft(card)
		}
	}
}

// closed reports whether the case is closed: nothing new is referred.
func (p *referralsPanel) closed() bool { return isClosed(p.c) }

// partner is a partner of the directory by id.
func (p *referralsPanel) partner(id string) (domain.Partner, bool) {
	for _, pa := range p.partners {
		if pa.ID == id {
			return pa, true
		}
	}
	return domain.Partner{}, false
}

// partnerName is a partner's name, or a plain word when it is not in the
// directory.
func (p *referralsPanel) partnerName(id string) string {
	if pa, ok := p.partner(id); ok && pa.Name != "" {
		return pa.Name
	}
	return lang.L("referrals.tab.unknownPartner")
}

// show draws the form when one is open, else the list.
func (p *referralsPanel) show() {
	var view fyne.CanvasObject
	if p.form != nil {
		view = p.form.view()
	} else {
		view = p.listView()
	}
	p.content.Objects = []fyne.CanvasObject{view}
	p.content.Refresh()
}

// listView is the documents bar, New referral and the referrals.
func (p *referralsPanel) listView() fyne.CanvasObject {
	p.newButton = widget.NewButtonWithIcon(lang.L("referrals.tab.new"), theme.ContentAddIcon(), func() {
		p.s.app.touch()
		p.openForm(domain.Referral{CaseID: p.c.ID})
	})
	p.newButton.Importance = widget.HighImportance
	var top []fyne.CanvasObject
	p.bar = &wrapLayout{laidOut: p.Size().Width}
	bar := container.New(p.bar, p.newButton)
	if p.closed() {
		p.newButton.Disable()
		note := wrapped(lang.L("referrals.tab.closedCase"))
		note.Importance = widget.LowImportance
		top = append(top, note)
	}
	docs := p.s.deps.Documents
	p.consentPDF, p.summaryPDF = nil, nil
	if docs.ConsentForm != nil || docs.CaseSummary != nil {
		p.docLang = widget.NewSelect(referralLanguageLabels(), nil)
		p.docLang.SetSelected(languageLabel(Language()))
		bar.Add(container.NewHBox(widget.NewLabel(lang.L("referrals.tab.docLanguage")), p.docLang))
	}
	if docs.ConsentForm != nil {
		p.consentPDF = widget.NewButtonWithIcon(lang.L("referrals.tab.consentPDF"), theme.DocumentPrintIcon(), p.saveConsentForm)
		bar.Add(p.consentPDF)
	}
	if docs.CaseSummary != nil {
		p.summaryPDF = widget.NewButtonWithIcon(lang.L("referrals.tab.summaryPDF"), theme.DocumentPrintIcon(), p.saveSummary)
		bar.Add(p.summaryPDF)
	}
	top = append([]fyne.CanvasObject{bar}, top...)
	top = append(top, p.notice)

	p.list = container.New(&columnLayout{maxEms: 66})
	p.cards = map[string]*referralCard{}
	p.reload()
	p.scroll = container.NewVScroll(container.NewPadded(p.list))
	return container.NewBorder(container.NewVBox(append(top, widget.NewSeparator())...), nil, nil, nil, p.scroll)
}

// reload reads the case's referrals again, the newest first.
func (p *referralsPanel) reload() {
	refs, err := p.svc.Referrals(context.Background(), p.c.ID)
	if err != nil {
		showMessage(p.notice, referralErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.refs = refs
	p.cards = map[string]*referralCard{}
	var objects []fyne.CanvasObject
	if len(refs) == 0 {
		objects = append(objects, newEmptyState(theme.MailSendIcon(), lang.L("referrals.tab.empty.title"), lang.L("referrals.tab.empty.body")))
	}
	for _, r := range refs {
		card := p.card(r)
		p.cards[r.ID] = card
		objects = append(objects, card.box)
	}
	p.list.Objects = objects
	p.list.Refresh()
}

// card shows one referral: number, partner and state; services, priority,
// when it was sent and when the partner should act (in red once overdue);
// its history; the letter; and what can be done next.
func (p *referralsPanel) card(r domain.Referral) *referralCard {
	card := &referralCard{r: r, moves: map[domain.ReferralState]*widget.Button{}}
	card.title = widget.NewLabelWithStyle(r.Number+" · "+p.partnerName(r.PartnerID), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	card.title.Wrapping = fyne.TextWrapWord
	state := newCaseListBadge(referralStateName(r.State), referralStateColor(r.State))
	head := container.NewBorder(nil, nil, nil, container.NewCenter(state), card.title)

	lines := []fyne.CanvasObject{head,
		wrapped(lang.L("referrals.tab.services", map[string]any{"List": caseTabsList(r.Services, caseTabsServiceName)})),
		wrapped(lang.L("referrals.tab.priority", map[string]any{"Priority": referralPriorityName(r.Priority)})),
	}
	if r.SentOn != "" && r.State != domain.ReferralDraft {
		lines = append(lines, wrapped(lang.L("referrals.tab.sent", map[string]any{"Date": dayLabel(r.SentOn), "How": referralHowName(r.SentHow)})))
	}
	if !r.Due.IsZero() && r.Open() {
		due := formatDateTime(r.Due)
		if r.Priority == domain.ReferralNormal {
			due = caseListDate(r.Due) // two weeks: the day is enough
		}
		card.due = wrapped(lang.L("referrals.tab.due", map[string]any{"Date": due}))
		if r.Overdue(p.s.deps.now()) {
			card.due.SetText(lang.L("referrals.tab.overdue", map[string]any{"Date": due}))
			card.due.Importance = widget.DangerImportance
			card.due.TextStyle = fyne.TextStyle{Bold: true}
		}
		lines = append(lines, card.due)
	}
	if r.State == domain.ReferralDeclined && r.DeclinedReason != "" {
		l := wrapped(lang.L("referrals.tab.declinedWhy", map[string]any{"Reason": r.DeclinedReason}))
		l.Importance = widget.WarningImportance
		lines = append(lines, l)
	}
	if r.State == domain.ReferralDraft {
		card.noConsent = newBanner(theme.WarningIcon(), "", widget.WarningImportance)
		card.consentFix = widget.NewButtonWithIcon(lang.L("referrals.tab.recordConsent"), theme.NavigateNextIcon(), func() {
			p.recordConsent(r, domain.ConsentReferral, nil)
		})
		box := container.NewVBox(card.noConsent.box, container.NewHBox(card.consentFix))
		card.noConsent.box.Hide()
		card.consentFix.Hide()
		lines = append(lines, box)
		p.checkDraft(card)
	}

	// What has happened to it, oldest first.
	var events []string
	for _, e := range r.Events {
		line := lang.L("referrals.tab.event", map[string]any{"Date": dayLabel(e.On), "State": referralStateName(e.State),
			"User": caseTabsUserName(p.names, e.By)})
		if e.Note != "" {
			line += " — " + e.Note
		}
		events = append(events, line)
	}
	card.history = widget.NewAccordion(widget.NewAccordionItem(
		lang.L("referrals.tab.history", map[string]any{"Count": caseListNumber(len(r.Events))}),
		wrapped(strings.Join(events, "\n"))))
	lines = append(lines, card.history)

	actions := container.New(&wrapLayout{})
	if r.State == domain.ReferralDraft && !p.closed() {
		card.edit = widget.NewButtonWithIcon(lang.L("referrals.tab.edit"), theme.DocumentCreateIcon(), func() {
			p.s.app.touch()
			p.openForm(r)
		})
		actions.Add(card.edit)
	}
	for _, to := range casework.NextReferralStates(r.State) {
		b := widget.NewButton(referralMoveLabel(to), func() { p.openMove(r, to) })
		if to == domain.ReferralSent {
			b.Importance = widget.HighImportance
		}
		card.moves[to] = b
		actions.Add(b)
	}
	if p.s.deps.Documents.ReferralLetter != nil {
		card.lang = widget.NewSelect(referralLanguageLabels(), nil)
		card.lang.SetSelected(languageLabel(referralLetterLanguage(r.Language)))
		card.letter = widget.NewButtonWithIcon(lang.L("referrals.tab.letterPDF"), theme.DocumentPrintIcon(), func() {
			p.saveLetter(r, referralLanguageAt(card.lang.SelectedIndex()))
		})
		actions.Add(container.NewHBox(card.lang, card.letter))
	}
	lines = append(lines, actions)

	// The labels' own padding is room enough between the lines.
	body := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), lines...)
	card.box = container.NewPadded(container.NewStack(newBackground(theme.ColorNameHeaderBackground, fyne.NewSize(0, 0)),
		container.NewPadded(body)))
	return card
}

// checkDraft says on a draft's card when consent does not allow sending it.
func (p *referralsPanel) checkDraft(card *referralCard) {
	if card.noConsent == nil {
		return
	}
	check, err := p.svc.CheckReferralConsent(context.Background(), card.r)
	if err != nil || check.MayRefer {
		card.noConsent.box.Hide()
		card.consentFix.Hide()
		return
	}
	card.noConsent.set(theme.WarningIcon(), p.noConsentText(card.r.PartnerID), widget.WarningImportance)
	card.noConsent.box.Show()
	if p.closed() {
		card.consentFix.Hide()
	} else {
		card.consentFix.Show()
	}
	if p.list != nil {
		p.list.Refresh()
	}
}

// noConsentText is the warning of a referral consent does not allow.
func (p *referralsPanel) noConsentText(partnerID string) string {
	args := map[string]any{"Person": personName(p.c.Person), "Partner": p.partnerName(partnerID)}
	if p.child {
		return lang.L("referrals.tab.noConsentChild", args)
	}
	return lang.L("referrals.tab.noConsent", args)
}

// recordConsent takes the person to the Consent tab, with Record consent
// open and filled in for the referral: to refer (the partner and
// services) or to share (the partner and the items).
func (p *referralsPanel) recordConsent(r domain.Referral, purpose domain.ConsentPurpose, items []string) {
	p.s.app.touch()
	cf, ok := p.s.drafters[draftCaseFile].(*caseFile)
	if !ok || cf.c.ID != p.c.ID {
		return
	}
	if p.move != nil {
		p.move.d.Hide()
	}
	cf.selectTab(tabConsent)
	tpl := domain.Consent{Purpose: purpose, PartnerID: r.PartnerID}
	if purpose == domain.ConsentReferral {
		tpl.Services = r.Services
	} else {
		tpl.Shares = items
	}
	if item := cf.items[tabConsent]; item != nil {
		if cp, ok := item.Content.(*consentPanel); ok {
			cp.recordFor(tpl)
		}
	}
}

// openForm shows the form for a new referral (r with no id) or a draft.
func (p *referralsPanel) openForm(r domain.Referral) {
	showMessage(p.notice, "", widget.LowImportance)
	p.form = p.newForm(referralFormValues{r: r})
	p.show()
}

// closeForm goes back to the list, saying msg.
func (p *referralsPanel) closeForm(msg string) {
	p.form = nil
	p.show()
	if msg != "" {
		showMessage(p.notice, msg, widget.SuccessImportance)
	}
}

// saveLetter renders a referral's letter in a language and offers to save
// it.
func (p *referralsPanel) saveLetter(r domain.Referral, language string) {
	render := p.s.deps.Documents.ReferralLetter
	if render == nil {
		return
	}
	p.s.savePDF(r.Number+"-"+language+".pdf", func() ([]byte, error) {
		l, err := p.svc.ReferralLetter(context.Background(), r.ID, language)
		if err != nil {
			return nil, err
		}
		return render(l)
	}, p.notice)
}

// documentLanguage is the language chosen for the consent form and the
// summary.
func (p *referralsPanel) documentLanguage() string {
	if p.docLang == nil {
		return Language()
	}
	return referralLanguageAt(p.docLang.SelectedIndex())
}

// saveConsentForm renders the case's consent form (every purpose) to read
// aloud and sign.
func (p *referralsPanel) saveConsentForm() {
	render := p.s.deps.Documents.ConsentForm
	if render == nil {
		return
	}
	language := p.documentLanguage()
	p.s.savePDF(p.c.Code+"-consent-"+language+".pdf", func() ([]byte, error) {
		f, err := p.svc.ConsentFormFor(context.Background(), p.c.ID, language, nil, "", nil, nil)
		if err != nil {
			return nil, err
		}
		return render(f)
	}, p.notice)
}

// saveSummary renders the case summary for a case conference or a
// transfer.
func (p *referralsPanel) saveSummary() {
	render := p.s.deps.Documents.CaseSummary
	if render == nil {
		return
	}
	language := p.documentLanguage()
	guides := p.s.deps.guides()
	title := func(id string) string {
		if g := guides.Get(id); g != nil {
			return g.Title.In(language)
		}
		return id
	}
	p.s.savePDF(p.c.Code+"-summary-"+language+".pdf", func() ([]byte, error) {
		sum, err := p.svc.CaseSummaryFor(context.Background(), p.c.ID, language, title)
		if err != nil {
			return nil, err
		}
		return render(sum)
	}, p.notice)
}

// Draft is part of Drafter: the referral being written survives a lock.
func (p *referralsPanel) Draft() map[string]string {
	if p.form == nil {
		return nil
	}
	d := p.form.values().draft()
	d["_case"] = p.c.ID
	return d
}

// RestoreDraft is part of Drafter.
func (p *referralsPanel) RestoreDraft(d map[string]string) {
	if d == nil || d["_case"] != p.c.ID {
		return
	}
	p.form = p.newForm(referralValuesFromDraft(d, p.c.ID))
	p.show()
}

// ClearDraft is part of Drafter: what was typed is forgotten.
func (p *referralsPanel) ClearDraft() {
	if p.form != nil {
		p.form.wipe()
	}
	p.form = nil
	p.c = domain.Case{ID: p.c.ID}
}

// referralErrorText is one plain sentence for an error of the referral
// services.
func referralErrorText(err error, now time.Time) string {
	var refused *casework.RuleError
	if errors.As(err, &refused) {
		switch refused.Rule {
		case casework.RuleReferralConsent:
			return lang.L("referrals.error.consent")
		case casework.RuleReferralState:
			return lang.L("referrals.error.state")
		case casework.RulePartnerInactive:
			return lang.L("referrals.error.partnerInactive")
		}
	}
	return caseTabsErrorText(err, now)
}

// referralMove is the dialog that takes a referral to its next state: the
// day, how it was sent, the reason of a decline or a note.
type referralMove struct {
	p  *referralsPanel
	d  dialog.Dialog
	r  domain.Referral
	to domain.ReferralState

	date    *activityEntry
	how     *widget.RadioGroup
	note    *activityEntry
	fDate   *formField
	fHow    *formField
	fNote   *formField
	message *widget.Label
	// The warning when sending is refused for want of consent, with the
	// way to record it.
	noConsent  *banner
	consentFix *widget.Button
	submit     *widget.Button
	content    *fyne.Container
}

func (p *referralsPanel) openMove(r domain.Referral, to domain.ReferralState) {
	p.s.app.touch()
	showMessage(p.notice, "", widget.LowImportance)
	touch := p.s.app.touch
	m := &referralMove{p: p, r: r, to: to, message: newMessage()}
	p.move = m

	m.date = newActivityEntry(touch)
	m.date.SetText(dayText(p.s.deps.now().Format(time.DateOnly)))
	m.date.SetPlaceHolder(datePlaceholder())
	m.date.OnChanged = func(string) { m.fDate.setError("") }
	m.fDate = newFormField(lang.L("referrals.move.date"), m.date, lang.L("referrals.move.date.help"))
	parts := []fyne.CanvasObject{}
	if to == domain.ReferralSent {
		parts = append(parts, wrapped(lang.L("referrals.move.sendText", map[string]any{"Priority": referralPriorityName(r.Priority)})))
	}
	parts = append(parts, m.fDate.box)
	if to == domain.ReferralSent {
		hows := make([]string, len(domain.ReferralSentHow))
		for i, h := range domain.ReferralSentHow {
			hows[i] = referralHowName(h)
		}
		m.how = widget.NewRadioGroup(hows, func(string) { touch(); m.fHow.setError("") })
		m.fHow = newFormField(lang.L("referrals.move.how"), m.how, "")
		parts = append(parts, m.fHow.box)
	}
	m.note = newActivityEntry(touch)
	m.note.MultiLine = true
	m.note.Wrapping = fyne.TextWrapWord
	m.note.SetMinRowsVisible(3)
	m.note.OnChanged = func(string) { m.fNote.setError("") }
	if to == domain.ReferralDeclined {
		m.fNote = newFormField(lang.L("referrals.move.declinedReason"), m.note, lang.L("referrals.move.declinedReason.help"))
	} else {
		m.fNote = newFormField(lang.L("referrals.move.note"), m.note, "")
	}
	parts = append(parts, m.fNote.box)

	m.noConsent = newBanner(theme.WarningIcon(), p.noConsentText(r.PartnerID), widget.WarningImportance)
	m.consentFix = widget.NewButtonWithIcon(lang.L("referrals.tab.recordConsent"), theme.NavigateNextIcon(), func() {
		p.recordConsent(r, domain.ConsentReferral, nil)
	})
	warn := container.NewVBox(m.noConsent.box, container.NewHBox(m.consentFix))
	warn.Hide()

	m.submit = widget.NewButtonWithIcon(referralMoveConfirm(to), theme.ConfirmIcon(), func() { m.save(warn) })
	m.submit.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { m.d.Hide() })
	// The messages stay in sight beside the buttons, whatever the scroll.
	buttons := container.NewVBox(warn, m.message, container.NewHBox(layout.NewSpacer(), cancel, m.submit))
	form := container.NewVBox(parts...)
	content := container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(container.NewPadded(form)))
	m.content = content
	title := lang.L("referrals.move.title", map[string]any{"Number": r.Number, "State": referralStateName(to)})
	m.d = dialog.NewCustomWithoutButtons(title, content, p.s.w)
	win := p.s.w.Canvas().Size()
	m.d.Resize(fyne.NewSize(fyne.Min(theme.TextSize()*36, win.Width*0.92),
		fyne.Min(form.MinSize().Height+buttons.MinSize().Height+theme.TextSize()*10, win.Height*0.92)))
	m.d.SetOnClosed(func() {
		if p.move == m {
			p.move = nil
		}
	})
	m.d.Show()
}

// save checks the dialog and moves the referral; refused for want of
// consent, it says so and shows the way to record it.
func (m *referralMove) save(warn *fyne.Container) {
	p := m.p
	p.s.app.touch()
	showMessage(m.message, "", widget.DangerImportance)
	on, ok := parseDay(m.date.Text)
	if !ok {
		m.fDate.setError(lang.L("referrals.move.error.date"))
		return
	}
	how := ""
	if m.how != nil {
		if i := slices.Index(m.how.Options, m.how.Selected); i >= 0 && m.how.Selected != "" {
			how = domain.ReferralSentHow[i]
		}
	}
	_, err := p.svc.MoveReferral(context.Background(), m.r.ID, m.to, on, how, m.note.Text)
	if err != nil {
		var refused *casework.RuleError
		var invalid *casework.ValidationErrors
		switch {
		case errors.As(err, &refused) && refused.Rule == casework.RuleReferralConsent:
			// The warning says what is missing and where to record it.
			m.noConsent.set(theme.WarningIcon(), lang.L("referrals.move.notSent")+" "+p.noConsentText(m.r.PartnerID), widget.DangerImportance)
			warn.Show()
			if p.closed() {
				m.consentFix.Hide()
			}
			m.content.Refresh() // the buttons make room for the warning
			relayout(warn)
		case errors.As(err, &invalid):
			for _, pr := range invalid.Problems {
				switch pr.Field {
				case "on":
					m.fDate.setError(referralMoveDateText(pr.Rule))
				case "how":
					if m.fHow != nil {
						m.fHow.setError(lang.L("referrals.move.error.how"))
					}
				case "note":
					if pr.Rule == casework.RuleRequired {
						m.fNote.setError(lang.L("referrals.move.error.declinedReason"))
					} else {
						m.fNote.setError(caseTabsRuleText(pr.Rule))
					}
				}
			}
			showMessage(m.message, lang.L("referrals.move.fix"), widget.DangerImportance)
		default:
			showMessage(m.message, referralErrorText(err, p.s.deps.now()), widget.DangerImportance)
		}
		return
	}
	m.d.Hide()
	p.reload()
	showMessage(p.notice, lang.L("referrals.move.done", map[string]any{"Number": m.r.Number, "State": referralStateName(m.to)}),
		widget.SuccessImportance)
}

// referralMoveDateText says what is wrong with the day of a change.
func referralMoveDateText(rule string) string {
	switch rule {
	case casework.RuleFuture:
		return lang.L("casetabs.error.future")
	case casework.RuleRequired:
		return lang.L("field.required")
	}
	return lang.L("referrals.move.error.date")
}

// referralLanguageLabels are the letter languages by name.
func referralLanguageLabels() []string {
	out := make([]string, len(referralLetterLanguages))
	for i, l := range referralLetterLanguages {
		out[i] = languageLabel(l)
	}
	return out
}

// referralLanguageAt is the letter language at index i of the labels
// (English when none is chosen).
func referralLanguageAt(i int) string {
	if i < 0 || i >= len(referralLetterLanguages) {
		return "en"
	}
	return referralLetterLanguages[i]
}

// referralLetterLanguage is l when letters are written in it, else English.
func referralLetterLanguage(l string) string {
	for _, x := range referralLetterLanguages {
		if x == l {
			return l
		}
	}
	return "en"
}

// referralStateName is a state in plain words.
func referralStateName(s domain.ReferralState) string {
	switch s {
	case domain.ReferralDraft:
		return lang.L("referrals.state.draft")
	case domain.ReferralSent:
		return lang.L("referrals.state.sent")
	case domain.ReferralAcknowledged:
		return lang.L("referrals.state.acknowledged")
	case domain.ReferralAccepted:
		return lang.L("referrals.state.accepted")
	case domain.ReferralDeclined:
		return lang.L("referrals.state.declined")
	case domain.ReferralServiceGiven:
		return lang.L("referrals.state.serviceGiven")
	case domain.ReferralClosed:
		return lang.L("referrals.state.closed")
	}
	return string(s)
}

// referralStateColor is the colour of a state's badge.
func referralStateColor(s domain.ReferralState) fyne.ThemeColorName {
	switch s {
	case domain.ReferralSent, domain.ReferralAcknowledged:
		return theme.ColorNamePrimary
	case domain.ReferralAccepted, domain.ReferralServiceGiven:
		return theme.ColorNameSuccess
	case domain.ReferralDeclined:
		return theme.ColorNameWarning
	}
	return theme.ColorNameDisabled
}

// referralMoveLabel is the button that takes a referral to a state.
func referralMoveLabel(s domain.ReferralState) string {
	switch s {
	case domain.ReferralSent:
		return lang.L("referrals.move.sent")
	case domain.ReferralAcknowledged:
		return lang.L("referrals.move.acknowledged")
	case domain.ReferralAccepted:
		return lang.L("referrals.move.accepted")
	case domain.ReferralDeclined:
		return lang.L("referrals.move.declined")
	case domain.ReferralServiceGiven:
		return lang.L("referrals.move.serviceGiven")
	case domain.ReferralClosed:
		return lang.L("referrals.move.closed")
	}
	return string(s)
}

// referralMoveConfirm is the dialog's button that records a state.
func referralMoveConfirm(s domain.ReferralState) string {
	if s == domain.ReferralSent {
		return lang.L("referrals.move.confirmSent")
	}
	return lang.L("referrals.move.confirm")
}

// referralPriorityName is a priority in plain words, with its time.
func referralPriorityName(p domain.ReferralPriority) string {
	switch p {
	case domain.ReferralEmergency:
		return lang.L("referrals.priority.emergency")
	case domain.ReferralUrgent:
		return lang.L("referrals.priority.urgent")
	case domain.ReferralNormal:
		return lang.L("referrals.priority.normal")
	}
	return string(p)
}

// referralHowName says how a referral was sent.
func referralHowName(h string) string {
	switch h {
	case "hand":
		return lang.L("referrals.how.hand")
	case "email":
		return lang.L("referrals.how.email")
	case "export-file":
		return lang.L("referrals.how.exportFile")
	case "phone":
		return lang.L("referrals.how.phone")
	case "other":
		return lang.L("referrals.how.other")
	}
	return h
}

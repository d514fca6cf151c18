package ui

import (
	"context"
	"errors"
	"slices"
	"sort"
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
	"github.com/amparo-app/amparo/internal/i18n"
)

// The choices of the consent form, in the order offered.
var (
	consentPurposes = []domain.ConsentPurpose{domain.ConsentAssistance, domain.ConsentInterview, domain.ConsentReferral, domain.ConsentSharing, domain.ConsentStatistics}
	consentGivers   = []domain.ConsentGiver{domain.GivenByPerson, domain.GivenByParent, domain.GivenByGuardian, domain.GivenBySocialWorker}
	consentMethods  = []domain.ConsentMethod{domain.ConsentWritten, domain.ConsentVerbal, domain.ConsentProxy, domain.ConsentImplicit}
)

// consentPurposeChoice is a purpose as the form offers it.
func consentPurposeChoice(p domain.ConsentPurpose) string {
	switch p {
	case domain.ConsentAssistance:
		return lang.L("casetabs.consent.purpose.assistance")
	case domain.ConsentInterview:
		return lang.L("casetabs.consent.purpose.interview")
	case domain.ConsentReferral:
		return lang.L("casetabs.consent.purpose.referral")
	case domain.ConsentSharing:
		return lang.L("casetabs.consent.purpose.sharing")
	case domain.ConsentStatistics:
		return lang.L("casetabs.consent.purpose.statistics")
	}
	return string(p)
}

// consentTitle says what a recorded consent allows, naming the partner
// (its name in the directory, else what was recorded).
func consentTitle(c domain.Consent, partner string) string {
	if partner == "" {
		partner = "—"
	}
	switch c.Purpose {
	case domain.ConsentAssistance:
		return lang.L("casetabs.consent.title.assistance")
	case domain.ConsentInterview:
		return lang.L("casetabs.consent.title.interview")
	case domain.ConsentReferral:
		return lang.L("casetabs.consent.title.referral", map[string]any{"Partner": partner})
	case domain.ConsentSharing:
		return lang.L("casetabs.consent.title.sharing", map[string]any{"Partner": partner})
	case domain.ConsentStatistics:
		return lang.L("casetabs.consent.title.statistics")
	}
	return string(c.Purpose)
}

// consentGiverName says who gave a consent.
func consentGiverName(g domain.ConsentGiver) string {
	switch g {
	case domain.GivenByPerson:
		return lang.L("casetabs.consent.giver.person")
	case domain.GivenByParent:
		return lang.L("casetabs.consent.giver.parent")
	case domain.GivenByGuardian:
		return lang.L("casetabs.consent.giver.guardian")
	case domain.GivenBySocialWorker:
		return lang.L("casetabs.consent.giver.socialWorker")
	}
	return string(g)
}

// consentMethodName says how a consent was given.
func consentMethodName(m domain.ConsentMethod) string {
	switch m {
	case domain.ConsentWritten:
		return lang.L("casetabs.consent.method.written")
	case domain.ConsentVerbal:
		return lang.L("casetabs.consent.method.verbal")
	case domain.ConsentProxy:
		return lang.L("casetabs.consent.method.proxy")
	case domain.ConsentImplicit:
		return lang.L("casetabs.consent.method.implicit")
	}
	return string(m)
}

// consentPanel is the Consent tab: what consent means, the consents of the
// case (withdrawn ones stay, marked as withdrawn), Record consent and
// Withdraw.
type consentPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     CaseService
	caseID  string
	content fyne.CanvasObject

	names    map[string]string
	consents []domain.Consent
	// The partner directory, when the session offers it: the active
	// partners the form offers, and every partner's name by id.
	directory    []domain.Partner
	partnerNames map[string]string
	list         *fyne.Container
	notice       *widget.Label
	record       *widget.Button

	// The dialogs on screen, for the tests.
	form     *consentForm
	withdraw *consentWithdrawal
}

func newConsentPanel(s *Shell, svc CaseService, caseID string) *consentPanel {
	p := &consentPanel{s: s, svc: svc, caseID: caseID, names: s.caseTabsNames(),
		list: container.NewVBox(), notice: newMessage(), partnerNames: map[string]string{}}
	p.ExtendBaseWidget(p)
	if ps := s.partners(); ps != nil {
		if all, err := ps.Partners(context.Background(), casework.PartnerQuery{IncludeInactive: true}); err == nil {
			for _, pa := range all {
				p.partnerNames[pa.ID] = pa.Name
				if !pa.Inactive {
					p.directory = append(p.directory, pa)
				}
			}
		}
	}
	p.record = widget.NewButtonWithIcon(lang.L("casetabs.consent.record"), theme.ContentAddIcon(), p.openForm)
	p.record.Importance = widget.HighImportance

	reminder := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.InfoIcon())), nil,
		wrapped(lang.L("casetabs.consent.reminder")))
	top := container.NewVBox(
		container.NewStack(newDashCardBackground(), container.NewPadded(reminder)),
		container.NewHBox(p.record),
		p.notice)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.list))
	p.reload()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *consentPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// reload reads the consents again: in force first, then the newest.
func (p *consentPanel) reload() {
	cs, err := p.svc.Consents(context.Background(), p.caseID)
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].InForce() != cs[j].InForce() {
			return cs[i].InForce()
		}
		if cs[i].GivenOn != cs[j].GivenOn {
			return cs[i].GivenOn > cs[j].GivenOn
		}
		return cs[i].RecordedAt.After(cs[j].RecordedAt)
	})
	p.consents = cs
	var objects []fyne.CanvasObject
	if len(cs) == 0 {
		empty := wrapped(lang.L("casetabs.consent.empty"))
		empty.Importance = widget.LowImportance
		objects = append(objects, empty)
	}
	for _, c := range cs {
		objects = append(objects, p.card(c))
	}
	p.list.Objects = objects
	p.list.Refresh()
}

// card shows one consent: what it allows, whether it is in force, who
// gave it, how and when, who recorded it, and its withdrawal.
func (p *consentPanel) card(c domain.Consent) fyne.CanvasObject {
	lng := Language()
	title := widget.NewLabelWithStyle(consentTitle(c, p.partnerName(c.PartnerID)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	state := newCaseListBadge(lang.L("casetabs.consent.inForce"), theme.ColorNameSuccess)
	var right []fyne.CanvasObject
	if c.InForce() {
		w := widget.NewButton(lang.L("casetabs.consent.withdraw"), func() { p.openWithdrawal(c) })
		right = []fyne.CanvasObject{state, w}
	} else {
		state.set(lang.L("casetabs.consent.withdrawn"), theme.ColorNameWarning)
		right = []fyne.CanvasObject{state}
		title.Importance = widget.LowImportance
	}
	lines := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.NewHBox(right...), title)}
	if c.Purpose == domain.ConsentReferral && len(c.Services) > 0 {
		lines = append(lines, wrapped(lang.L("casetabs.consent.services", map[string]any{"List": caseTabsList(c.Services, caseTabsServiceName)})))
	}
	if c.Purpose == domain.ConsentSharing && len(c.Shares) > 0 {
		lines = append(lines, wrapped(lang.L("casetabs.consent.shares", map[string]any{"List": caseTabsList(c.Shares, caseTabsShareName)})))
	}
	giver := consentGiverName(c.GivenBy)
	if c.GiverName != "" {
		giver += ", " + c.GiverName
	}
	lines = append(lines, wrapped(lang.L("casetabs.consent.given", map[string]any{
		"Giver": giver, "Method": consentMethodName(c.Method), "Date": caseListDay(c.GivenOn)})))
	recorded := wrapped(lang.L("casetabs.consent.recorded", map[string]any{
		"User": caseTabsUserName(p.names, c.RecordedBy), "Date": i18n.FormatDateTime(c.RecordedAt.Local(), lng)}))
	recorded.Importance = widget.LowImportance
	lines = append(lines, recorded)
	if c.WithdrawnOn != "" {
		args := map[string]any{"Date": caseListDay(c.WithdrawnOn), "User": caseTabsUserName(p.names, c.WithdrawnBy), "Reason": c.WithdrawnReason}
		text := lang.L("casetabs.consent.withdrawnOn", args)
		if c.WithdrawnReason == "" {
			text = lang.L("casetabs.consent.withdrawnOnNoReason", args)
		}
		w := wrapped(text)
		w.Importance = widget.WarningImportance
		lines = append(lines, w)
	}
	// The labels' own padding is room enough between the lines.
	body := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), lines...)
	return container.NewPadded(container.NewStack(newDashCardBackground(), container.NewPadded(body)))
}

// consentForm is the Record consent dialog.
type consentForm struct {
	p *consentPanel
	d dialog.Dialog

	purpose    *widget.RadioGroup
	partner    *activityEntry
	partnerSel *widget.Select // the directory's active partners, when there are some (else partner is typed)
	services   []*widget.Check
	shares     []*widget.Check
	givenBy    *widget.Select
	giverName  *activityEntry
	method     *widget.Select
	date       *datePicker

	fPurpose, fPartner, fServices, fShares, fGivenBy, fGiverName, fMethod, fDate *formField

	message *widget.Label
	submit  *widget.Button
}

func (p *consentPanel) openForm() {
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	f := &consentForm{p: p, message: newMessage()}
	p.form = f
	touch := p.s.app.touch

	purposes := make([]string, len(consentPurposes))
	for i, v := range consentPurposes {
		purposes[i] = consentPurposeChoice(v)
	}
	f.purpose = widget.NewRadioGroup(purposes, func(string) { touch(); f.fPurpose.setError(""); f.showParts() })
	f.partner = newActivityEntry(touch)
	f.partner.OnChanged = func(string) { f.fPartner.setError("") }
	var partnerInput fyne.CanvasObject = f.partner
	if len(p.directory) > 0 {
		names := make([]string, len(p.directory))
		for i, pa := range p.directory {
			names[i] = pa.Name
		}
		f.partnerSel = widget.NewSelect(names, func(string) { touch(); f.fPartner.setError("") })
		f.partnerSel.PlaceHolder = lang.L("casetabs.consent.choose")
		partnerInput = f.partnerSel
	}
	checks := func(values []string, name func(string) string, field **formField) ([]*widget.Check, fyne.CanvasObject) {
		var out []*widget.Check
		grid := container.NewGridWithColumns(2)
		for _, v := range values {
			c := widget.NewCheck(name(v), func(bool) { touch(); (*field).setError("") })
			out = append(out, c)
			grid.Add(c)
		}
		return out, grid
	}
	var servicesGrid, sharesGrid fyne.CanvasObject
	f.services, servicesGrid = checks(domain.ServiceTypes, caseTabsServiceName, &f.fServices)
	f.shares, sharesGrid = checks(domain.ShareFields, caseTabsShareName, &f.fShares)

	givers := make([]string, len(consentGivers))
	for i, v := range consentGivers {
		givers[i] = consentGiverName(v)
	}
	f.givenBy = widget.NewSelect(givers, func(string) { touch(); f.fGivenBy.setError("") })
	f.givenBy.PlaceHolder = lang.L("casetabs.consent.choose")
	f.giverName = newActivityEntry(touch)
	f.giverName.OnChanged = func(string) { f.fGiverName.setError("") }
	methods := make([]string, len(consentMethods))
	for i, v := range consentMethods {
		methods[i] = consentMethodName(v)
	}
	f.method = widget.NewSelect(methods, func(string) { touch(); f.fMethod.setError("") })
	f.method.PlaceHolder = lang.L("casetabs.consent.choose")
	f.date = newDatePicker(p.s.w, lang.L("casetabs.consent.chooseDate"), func() { touch(); f.fDate.setError("") })

	f.fPurpose = newFormField(lang.L("casetabs.consent.purpose"), f.purpose, "")
	f.fPartner = newFormField(lang.L("casetabs.consent.partner"), partnerInput, lang.L("casetabs.consent.partner.help"))
	f.fServices = newFormField(lang.L("casetabs.consent.servicesField"), servicesGrid, "")
	f.fShares = newFormField(lang.L("casetabs.consent.sharesField"), sharesGrid, "")
	f.fGivenBy = newFormField(lang.L("casetabs.consent.givenBy"), f.givenBy, lang.L("casetabs.consent.givenBy.help"))
	f.fGiverName = newFormField(lang.L("casetabs.consent.giverName"), f.giverName, "")
	f.fMethod = newFormField(lang.L("casetabs.consent.method"), f.method, lang.L("casetabs.consent.method.help"))
	f.fDate = newFormField(lang.L("casetabs.consent.date"), container.NewHBox(f.date.box), "")

	f.submit = widget.NewButtonWithIcon(lang.L("casetabs.consent.save"), theme.ConfirmIcon(), f.save)
	f.submit.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.d.Hide() })

	who := container.NewGridWithColumns(2, f.fGivenBy.box, f.fGiverName.box)
	how := container.NewGridWithColumns(2, f.fMethod.box, f.fDate.box)
	form := container.NewVBox(f.fPurpose.box, f.fPartner.box, f.fServices.box, f.fShares.box, who, how)
	f.showParts()

	// The message stays in sight beside the buttons, whatever the scroll.
	buttons := container.NewVBox(f.message, container.NewHBox(layout.NewSpacer(), cancel, f.submit))
	content := container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(container.NewPadded(form)))
	f.d = dialog.NewCustomWithoutButtons(lang.L("casetabs.consent.record.title"), content, p.s.w)
	win := p.s.w.Canvas().Size()
	f.d.Resize(fyne.NewSize(fyne.Min(theme.TextSize()*46, win.Width*0.92), win.Height*0.92))
	f.d.SetOnClosed(func() {
		if p.form == f {
			p.form = nil
		}
	})
	f.d.Show()
}

// chosenPurpose is the purpose ticked, or "".
func (f *consentForm) chosenPurpose() domain.ConsentPurpose {
	for i, v := range consentPurposes {
		if f.purpose.Selected == consentPurposeChoice(v) {
			return consentPurposes[i]
		}
	}
	return ""
}

// showParts shows the partner, services and shares only for the purposes
// that name them.
func (f *consentForm) showParts() {
	purpose := f.chosenPurpose()
	named := purpose == domain.ConsentReferral || purpose == domain.ConsentSharing
	setVisible(f.fPartner.box, named)
	setVisible(f.fServices.box, purpose == domain.ConsentReferral)
	setVisible(f.fShares.box, purpose == domain.ConsentSharing)
	relayout(f.fPurpose.box)
}

// consent is what the form says, and the message of each field that is
// not right.
func (f *consentForm) consent() (domain.Consent, map[*formField]string) {
	errs := map[*formField]string{}
	c := domain.Consent{CaseID: f.p.caseID, Purpose: f.chosenPurpose(),
		GiverName: strings.TrimSpace(f.giverName.Text)}
	if c.Purpose == "" {
		errs[f.fPurpose] = lang.L("casetabs.consent.error.purpose")
	}
	if c.Purpose == domain.ConsentReferral || c.Purpose == domain.ConsentSharing {
		c.PartnerID = strings.TrimSpace(f.partner.Text)
		if f.partnerSel != nil {
			c.PartnerID = ""
			if i := f.partnerSel.SelectedIndex(); i >= 0 && i < len(f.p.directory) {
				c.PartnerID = f.p.directory[i].ID
			}
		}
		if c.PartnerID == "" {
			errs[f.fPartner] = lang.L("casetabs.consent.error.partner")
		}
	}
	if c.Purpose == domain.ConsentReferral {
		for i, ch := range f.services {
			if ch.Checked {
				c.Services = append(c.Services, domain.ServiceTypes[i])
			}
		}
		if len(c.Services) == 0 {
			errs[f.fServices] = lang.L("casetabs.consent.error.services")
		}
	}
	if c.Purpose == domain.ConsentSharing {
		for i, ch := range f.shares {
			if ch.Checked {
				c.Shares = append(c.Shares, domain.ShareFields[i])
			}
		}
		if len(c.Shares) == 0 {
			errs[f.fShares] = lang.L("casetabs.consent.error.shares")
		}
	}
	if i := f.givenBy.SelectedIndex(); i >= 0 {
		c.GivenBy = consentGivers[i]
		// Who the parent, guardian or social worker is.
		if c.GivenBy != domain.GivenByPerson && c.GiverName == "" {
			errs[f.fGiverName] = lang.L("casetabs.consent.error.giverName")
		}
	} else {
		errs[f.fGivenBy] = lang.L("casetabs.consent.error.givenBy")
	}
	if i := f.method.SelectedIndex(); i >= 0 {
		c.Method = consentMethods[i]
	} else {
		errs[f.fMethod] = lang.L("casetabs.consent.error.method")
	}
	if day, ok := f.date.date(); !ok {
		errs[f.fDate] = lang.L("casetabs.consent.error.date")
	} else if day.Format(time.DateOnly) > f.p.s.deps.now().Format(time.DateOnly) {
		errs[f.fDate] = lang.L("casetabs.error.future")
	} else {
		c.GivenOn = day.Format(time.DateOnly)
	}
	return c, errs
}

// save checks the form, records the consent and closes the dialog.
func (f *consentForm) save() {
	p := f.p
	p.s.app.touch()
	c, errs := f.consent()
	for _, ff := range []*formField{f.fPurpose, f.fPartner, f.fServices, f.fShares, f.fGivenBy, f.fGiverName, f.fMethod, f.fDate} {
		ff.setError(errs[ff])
	}
	if len(errs) > 0 {
		showMessage(f.message, lang.L("casetabs.form.fix"), widget.DangerImportance)
		return
	}
	showMessage(f.message, "", widget.DangerImportance)
	if _, err := p.svc.AddConsent(context.Background(), c); err != nil {
		f.failed(err)
		return
	}
	f.d.Hide()
	p.reload()
	showMessage(p.notice, lang.L("casetabs.consent.saved"), widget.SuccessImportance)
}

// failed shows what casework refused beside the field it names, or under
// the form.
func (f *consentForm) failed(err error) {
	var invalid *casework.ValidationErrors
	if errors.As(err, &invalid) {
		general := ""
		for _, pr := range invalid.Problems {
			ff := f.fieldFor(pr.Field)
			if ff == nil || pr.Rule == casework.RuleGuardianRequired {
				if general == "" {
					general = caseTabsRuleText(pr.Rule)
				}
				continue
			}
			ff.setError(caseTabsRuleText(pr.Rule))
		}
		if general == "" {
			general = lang.L("casetabs.form.fix")
		}
		showMessage(f.message, general, widget.DangerImportance)
		return
	}
	showMessage(f.message, caseTabsErrorText(err, f.p.s.deps.now()), widget.DangerImportance)
}

// fieldFor is the form field a casework problem path names, or nil.
func (f *consentForm) fieldFor(path string) *formField {
	p := strings.ToLower(path)
	switch {
	case strings.Contains(p, "partner"):
		return f.fPartner
	case strings.Contains(p, "purpose"):
		return f.fPurpose
	case strings.Contains(p, "service"):
		return f.fServices
	case strings.Contains(p, "share"):
		return f.fShares
	case strings.Contains(p, "givername"):
		return f.fGiverName
	case strings.Contains(p, "givenby"), strings.Contains(p, "giver"):
		return f.fGivenBy
	case strings.Contains(p, "method"):
		return f.fMethod
	case strings.Contains(p, "givenon"), strings.Contains(p, "date"):
		return f.fDate
	}
	return nil
}

// consentWithdrawal is the Withdraw dialog: it says what withdrawing
// does, takes the reason if the person gave one (nobody has to justify
// withdrawing consent) and asks for a confirmation.
type consentWithdrawal struct {
	d       dialog.Dialog
	c       domain.Consent
	reason  *activityEntry
	fReason *formField
	message *widget.Label
	submit  *widget.Button
}

func (p *consentPanel) openWithdrawal(c domain.Consent) {
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	w := &consentWithdrawal{c: c, reason: newActivityEntry(p.s.app.touch), message: newMessage()}
	p.withdraw = w
	w.reason.MultiLine = true
	w.reason.Wrapping = fyne.TextWrapWord
	w.reason.SetMinRowsVisible(3)
	w.reason.OnChanged = func(string) { w.fReason.setError("") }
	w.fReason = newFormField(lang.L("casetabs.consent.withdraw.reason"), w.reason, lang.L("casetabs.consent.withdraw.reason.help"))
	w.submit = widget.NewButtonWithIcon(lang.L("casetabs.consent.withdraw"), theme.CancelIcon(), func() { p.confirmWithdrawal(w) })
	w.submit.Importance = widget.DangerImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { w.d.Hide() })
	content := container.NewVBox(
		wrapped(lang.L("casetabs.consent.withdraw.text", map[string]any{"Consent": consentTitle(c, p.partnerName(c.PartnerID))})),
		w.fReason.box, w.message,
		container.NewHBox(layout.NewSpacer(), cancel, w.submit))
	w.d = dialog.NewCustomWithoutButtons(lang.L("casetabs.consent.withdraw.title"), content, p.s.w)
	w.d.Resize(fyne.NewSize(fyne.Min(theme.TextSize()*34, p.s.w.Canvas().Size().Width*0.9), content.MinSize().Height+theme.TextSize()*6))
	w.d.SetOnClosed(func() {
		if p.withdraw == w {
			p.withdraw = nil
		}
	})
	w.d.Show()
	p.s.w.Canvas().Focus(w.reason)
}

// confirmWithdrawal records the withdrawal once a reason is given.
func (p *consentPanel) confirmWithdrawal(w *consentWithdrawal) {
	p.s.app.touch()
	reason := strings.TrimSpace(w.reason.Text)
	if _, err := p.svc.WithdrawConsent(context.Background(), w.c.ID, reason); err != nil {
		showMessage(w.message, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	w.d.Hide()
	p.reload()
	showMessage(p.notice, lang.L("casetabs.consent.withdrawn.done"), widget.SuccessImportance)
}

// partnerName is a partner's name in the directory, else the id as
// recorded.
func (p *consentPanel) partnerName(id string) string {
	if n := p.partnerNames[id]; n != "" {
		return n
	}
	return id
}

// recordFor opens Record consent filled in from tpl: its purpose, partner,
// services and shares (the Referrals tab sends people here with what a
// referral needs).
func (p *consentPanel) recordFor(tpl domain.Consent) {
	p.openForm()
	f := p.form
	if f == nil {
		return
	}
	if tpl.Purpose != "" {
		f.purpose.SetSelected(consentPurposeChoice(tpl.Purpose))
	}
	if tpl.PartnerID != "" {
		if f.partnerSel != nil {
			for i, pa := range p.directory {
				if pa.ID == tpl.PartnerID {
					f.partnerSel.SetSelectedIndex(i)
				}
			}
		} else {
			f.partner.SetText(tpl.PartnerID)
		}
	}
	for i, v := range domain.ServiceTypes {
		if slices.Contains(tpl.Services, v) {
			f.services[i].SetChecked(true)
		}
	}
	for i, v := range domain.ShareFields {
		if slices.Contains(tpl.Shares, v) {
			f.shares[i].SetChecked(true)
		}
	}
	// Filling in is not a mistake yet: no message before Save.
	for _, ff := range []*formField{f.fPurpose, f.fPartner, f.fServices, f.fShares} {
		ff.setError("")
	}
}

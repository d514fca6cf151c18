package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// referralFormValues is what the referral form holds: kept when the tab
// is drawn again and sealed as a draft at a lock.
type referralFormValues struct {
	r          domain.Referral
	langChosen bool // the letter's language was chosen by hand
}

// draft writes the values as a Drafter's fields.
func (v referralFormValues) draft() map[string]string {
	r := v.r
	d := map[string]string{
		"id": r.ID, "partner": r.PartnerID, "services": strings.Join(r.Services, ","), "given": strings.Join(r.Given, ","),
		"shares": strings.Join(r.Shares, ","), "priority": string(r.Priority), "reason": r.Reason, "language": r.Language,
		"informed": r.GuardianInformed, "notInformed": r.GuardianNotInformed,
	}
	if v.langChosen {
		d["languageChosen"] = "yes"
	}
	return d
}

// referralValuesFromDraft reads a draft's fields back.
func referralValuesFromDraft(d map[string]string, caseID string) referralFormValues {
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	return referralFormValues{langChosen: d["languageChosen"] == "yes", r: domain.Referral{
		ID: d["id"], CaseID: caseID, PartnerID: d["partner"], Services: list(d["services"]), Given: list(d["given"]),
		Shares: list(d["shares"]), Priority: domain.ReferralPriority(d["priority"]), Reason: d["reason"],
		Language: d["language"], GuardianInformed: d["informed"], GuardianNotInformed: d["notInformed"],
	}}
}

// referralForm is a new referral, or a draft being changed: the services
// and the partner, the priority and the reason, what was already given,
// what to share and the letter's language, and for a child whether the
// guardian knows. Beside it, what the letter will show and leave out, as
// consent allows, checked again at each change.
type referralForm struct {
	p      *referralsPanel
	id     string // the draft changed, "" for a new referral
	number string
	// filling is set while the form is filled in by the program: the
	// language is then not "chosen by hand".
	filling bool

	active      []domain.Partner // the partners offered, in the order of the select
	partnerSel  *widget.Select
	partnerInfo *widget.Label
	services    []*widget.Check // by domain.ServiceTypes
	priority    *widget.RadioGroup
	reason      *activityEntry
	given       []*widget.Check // by domain.ServiceTypes
	shares      []*widget.Check // by domain.LetterShareFields
	language    *widget.Select
	langChosen  bool
	informed    *widget.RadioGroup
	notInformed *activityEntry

	fServices, fPartner, fPriority, fReason, fGiven, fShares, fLanguage, fInformed, fNotInformed *formField

	message *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	scroll  *container.Scroll

	// The preview.
	check         casework.ReferralConsent
	previewHint   *widget.Label
	shownList     *widget.Label
	withheld      *widget.Label
	nameNote      *widget.Label
	noConsent     *banner
	consentFix    *widget.Button
	shareFix      *widget.Button
	previewBox    *fyne.Container
	previewScroll *container.Scroll
}

// newForm makes the form filled in with v.
func (p *referralsPanel) newForm(v referralFormValues) *referralForm {
	f := &referralForm{p: p, id: v.r.ID, message: newMessage()}
	if v.r.ID != "" {
		for _, r := range p.refs {
			if r.ID == v.r.ID {
				f.number = r.Number
			}
		}
		if f.number == "" {
			if r, err := p.svc.Referral(context.Background(), v.r.ID); err == nil {
				f.number = r.Number
			}
		}
	}
	touch := p.s.app.touch
	checks := func(values []string, name func(string) string, changed func()) ([]*widget.Check, fyne.CanvasObject) {
		var out []*widget.Check
		var objects []fyne.CanvasObject
		for _, v := range values {
			c := widget.NewCheck(name(v), func(bool) { touch(); changed() })
			out = append(out, c)
			objects = append(objects, c)
		}
		return out, container.New(&flowColumnsLayout{minEms: 14}, objects...)
	}

	var servicesBox, givenBox, sharesBox fyne.CanvasObject
	f.services, servicesBox = checks(domain.ServiceTypes, caseTabsServiceName, func() {
		f.fServices.setError("")
		f.orderPartners()
		f.updatePreview()
	})
	f.given, givenBox = checks(domain.ServiceTypes, caseTabsServiceName, func() { f.fGiven.setError("") })
	f.shares, sharesBox = checks(domain.LetterShareFields, caseTabsShareName, func() {
		f.fShares.setError("")
		f.updatePreview()
	})

	f.partnerSel = widget.NewSelect(nil, func(string) {
		touch()
		f.fPartner.setError("")
		f.partnerChosen()
	})
	f.partnerSel.PlaceHolder = lang.L("referrals.form.partner.choose")
	f.partnerInfo = wrapped("")
	f.partnerInfo.Hide()

	prios := make([]string, len(domain.ReferralPriorities))
	for i, pr := range domain.ReferralPriorities {
		prios[i] = referralPriorityName(pr)
	}
	f.priority = widget.NewRadioGroup(prios, func(string) { touch(); f.fPriority.setError("") })

	f.reason = newActivityEntry(touch)
	f.reason.MultiLine = true
	f.reason.Wrapping = fyne.TextWrapWord
	f.reason.SetMinRowsVisible(4)
	f.reason.OnChanged = func(string) { f.fReason.setError("") }

	f.language = widget.NewSelect(referralLanguageLabels(), func(string) {
		if !f.filling {
			touch()
			f.langChosen = true
		}
		f.fLanguage.setError("")
	})

	f.informed = widget.NewRadioGroup([]string{lang.L("referrals.form.informed.yes"), lang.L("referrals.form.informed.no")}, func(string) {
		touch()
		f.fInformed.setError("")
		f.showNotInformed()
	})
	f.informed.Horizontal = true
	f.notInformed = newActivityEntry(touch)
	f.notInformed.MultiLine = true
	f.notInformed.Wrapping = fyne.TextWrapWord
	f.notInformed.SetMinRowsVisible(2)
	f.notInformed.OnChanged = func(string) { f.fNotInformed.setError("") }

	f.fServices = newFormField(lang.L("referrals.form.services"), servicesBox, "")
	f.fPartner = newFormField(lang.L("referrals.form.partner"), f.partnerSel, lang.L("referrals.form.partner.help"))
	f.fPriority = newFormField(lang.L("referrals.form.priority"), f.priority, "")
	f.fReason = newFormField(lang.L("referrals.form.reason"), f.reason, lang.L("referrals.form.reason.help"))
	f.fGiven = newFormField(lang.L("referrals.form.given"), givenBox, lang.L("referrals.form.given.help"))
	f.fShares = newFormField(lang.L("referrals.form.shares"), sharesBox, lang.L("referrals.form.shares.help"))
	f.fLanguage = newFormField(lang.L("referrals.form.language"), container.NewHBox(f.language), lang.L("referrals.form.language.help"))
	f.fInformed = newFormField(lang.L("referrals.form.informed"), f.informed, "")
	f.fNotInformed = newFormField(lang.L("referrals.form.notInformed"), f.notInformed, lang.L("referrals.form.notInformed.help"))

	f.save = widget.NewButtonWithIcon(lang.L("referrals.form.save"), theme.DocumentSaveIcon(), f.saveDraft)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon(lang.L("referrals.form.cancel"), theme.CancelIcon(), func() {
		p.s.app.touch()
		f.wipe()
		p.closeForm("")
	})

	f.makePreview()
	f.fill(v)
	return f
}

// fill puts v in the fields.
func (f *referralForm) fill(v referralFormValues) {
	f.filling = true
	defer func() { f.filling = false }()
	r := v.r
	tick := func(checks []*widget.Check, values, chosen []string) {
		for i, c := range checks {
			c.SetChecked(slices.Contains(chosen, values[i]))
		}
	}
	tick(f.services, domain.ServiceTypes, r.Services)
	tick(f.given, domain.ServiceTypes, r.Given)
	tick(f.shares, domain.LetterShareFields, r.Shares)
	f.orderPartners()
	for i, pa := range f.active {
		if pa.ID == r.PartnerID {
			f.partnerSel.SetSelectedIndex(i)
		}
	}
	if r.Priority != "" {
		f.priority.SetSelected(referralPriorityName(r.Priority))
	}
	f.reason.SetText(r.Reason)
	if r.Language != "" {
		f.language.SetSelected(languageLabel(referralLetterLanguage(r.Language)))
	}
	f.langChosen = v.langChosen
	switch r.GuardianInformed {
	case "yes":
		f.informed.SetSelected(lang.L("referrals.form.informed.yes"))
	case "no":
		f.informed.SetSelected(lang.L("referrals.form.informed.no"))
	}
	f.notInformed.SetText(r.GuardianNotInformed)
	f.partnerChosen()
	f.showNotInformed()
	for _, ff := range f.fields() {
		ff.setError("")
	}
	f.updatePreview()
}

// fields are the form's fields, in the order shown.
func (f *referralForm) fields() []*formField {
	return []*formField{f.fServices, f.fPartner, f.fPriority, f.fReason, f.fGiven, f.fShares, f.fLanguage, f.fInformed, f.fNotInformed}
}

// values is what the form holds.
func (f *referralForm) values() referralFormValues {
	r := domain.Referral{ID: f.id, CaseID: f.p.c.ID, Reason: f.reason.Text}
	pick := func(checks []*widget.Check, values []string) []string {
		var out []string
		for i, c := range checks {
			if c.Checked {
				out = append(out, values[i])
			}
		}
		return out
	}
	r.Services = pick(f.services, domain.ServiceTypes)
	r.Given = pick(f.given, domain.ServiceTypes)
	r.Shares = pick(f.shares, domain.LetterShareFields)
	if pa, ok := f.chosenPartner(); ok {
		r.PartnerID = pa.ID
	}
	if i := f.priority.Options; f.priority.Selected != "" {
		r.Priority = domain.ReferralPriorities[slices.Index(i, f.priority.Selected)]
	}
	if i := f.language.SelectedIndex(); i >= 0 {
		r.Language = referralLanguageAt(i)
	}
	if f.p.child {
		switch f.informed.Selected {
		case lang.L("referrals.form.informed.yes"):
			r.GuardianInformed = "yes"
		case lang.L("referrals.form.informed.no"):
			r.GuardianInformed = "no"
			r.GuardianNotInformed = f.notInformed.Text
		}
	}
	return referralFormValues{r: r, langChosen: f.langChosen}
}

// chosenPartner is the partner chosen, if any.
func (f *referralForm) chosenPartner() (domain.Partner, bool) {
	i := f.partnerSel.SelectedIndex()
	if i < 0 || i >= len(f.active) {
		return domain.Partner{}, false
	}
	return f.active[i], true
}

// orderPartners offers the active partners, those that offer every
// service ticked first, each group by name; the partner chosen stays.
func (f *referralForm) orderPartners() {
	chosen, had := f.chosenPartner()
	var wanted []string
	for i, c := range f.services {
		if c.Checked {
			wanted = append(wanted, domain.ServiceTypes[i])
		}
	}
	var offer, rest []domain.Partner
	for _, pa := range f.p.partners {
		if pa.Inactive {
			continue
		}
		if len(wanted) > 0 && offersAll(pa, wanted) {
			offer = append(offer, pa)
		} else {
			rest = append(rest, pa)
		}
	}
	f.active = append(offer, rest...)
	labels := make([]string, len(f.active))
	seen := map[string]int{}
	for i, pa := range f.active {
		label := pa.Name
		if seen[label]++; seen[label] > 1 {
			label += " (" + caseListNumber(seen[label]) + ")" // two partners of the same name stay apart
		}
		labels[i] = label
	}
	filling := f.filling
	f.filling = true
	f.partnerSel.Options = labels
	f.partnerSel.ClearSelected()
	if had {
		for i, pa := range f.active {
			if pa.ID == chosen.ID {
				f.partnerSel.SetSelectedIndex(i)
			}
		}
	}
	f.filling = filling
	if len(f.active) == 0 {
		f.partnerSel.PlaceHolder = lang.L("referrals.form.partner.none")
		f.partnerSel.Disable()
	}
	f.partnerSel.Refresh()
}

// offersAll reports whether a partner lists every service.
func offersAll(pa domain.Partner, services []string) bool {
	for _, s := range services {
		if !slices.Contains(pa.Services, s) {
			return false
		}
	}
	return true
}

// partnerChosen says what the partner offers (and which services ticked
// it does not list), sets the letter's language to the partner's unless
// one was chosen by hand, and checks consent again.
func (f *referralForm) partnerChosen() {
	pa, ok := f.chosenPartner()
	if len(f.active) == 0 {
		f.partnerInfo.SetText(lang.L("referrals.form.partner.empty"))
		f.partnerInfo.Importance = widget.WarningImportance
		f.partnerInfo.Show()
		relayout(f.partnerInfo)
		return
	}
	if !ok {
		f.partnerInfo.Hide()
		f.updatePreview()
		return
	}
	var missing []string
	for i, c := range f.services {
		if c.Checked && !slices.Contains(pa.Services, domain.ServiceTypes[i]) {
			missing = append(missing, domain.ServiceTypes[i])
		}
	}
	offers := lang.L("referrals.form.partner.offersNothing")
	if len(pa.Services) > 0 {
		offers = lang.L("referrals.form.partner.offers", map[string]any{"List": caseTabsList(pa.Services, caseTabsServiceName)})
	}
	text := offers
	f.partnerInfo.Importance = widget.LowImportance
	if len(missing) > 0 {
		text += "\n" + lang.L("referrals.form.partner.missing", map[string]any{"List": caseTabsList(missing, caseTabsServiceName)})
		f.partnerInfo.Importance = widget.WarningImportance
	}
	f.partnerInfo.SetText(text)
	f.partnerInfo.Show()
	if !f.langChosen {
		filling := f.filling
		f.filling = true
		f.language.SetSelected(languageLabel(referralLetterLanguage(pa.LetterLanguage())))
		f.filling = filling
	}
	relayout(f.partnerInfo)
	f.updatePreview()
}

// showNotInformed asks why the guardian was not told only when they were
// not.
func (f *referralForm) showNotInformed() {
	setVisible(f.fInformed.box, f.p.child)
	setVisible(f.fNotInformed.box, f.p.child && f.informed.Selected == lang.L("referrals.form.informed.no"))
	relayout(f.fInformed.box)
}

// view lays the form out: the bar with Cancel and Save draft, the fields
// in a column that scrolls, and the preview beside them.
func (f *referralForm) view() fyne.CanvasObject {
	heading := lang.L("referrals.form.new")
	if f.id != "" {
		heading = lang.L("referrals.form.edit", map[string]any{"Number": f.number})
	}
	title := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(f.cancel, f.save), title)

	objects := []fyne.CanvasObject{f.fServices.box, f.fPartner.box, f.partnerInfo, f.fPriority.box, f.fReason.box,
		f.fGiven.box, f.fShares.box, f.fLanguage.box, f.fInformed.box, f.fNotInformed.box}
	column := container.New(&columnLayout{maxEms: 44}, objects...)
	f.scroll = container.NewVScroll(container.NewPadded(column))
	f.previewScroll = container.NewVScroll(container.NewPadded(f.previewBox))
	body := container.New(&referralFormLayout{sideEms: 25, narrowEms: 50, preview: f.previewBox}, f.scroll, f.previewScroll)
	return container.NewBorder(container.NewVBox(bar, f.message, widget.NewSeparator()), nil, nil, nil, body)
}

// makePreview makes the panel that says what the letter will show.
func (f *referralForm) makePreview() {
	f.previewHint = wrapped(lang.L("referrals.preview.choose"))
	f.previewHint.Importance = widget.LowImportance
	f.shownList = wrapped("")
	f.withheld = wrapped("")
	f.nameNote = wrapped(lang.L("referrals.preview.codeOnly"))
	f.nameNote.Importance = widget.WarningImportance
	f.noConsent = newBanner(theme.WarningIcon(), "", widget.DangerImportance)
	f.consentFix = widget.NewButtonWithIcon(lang.L("referrals.preview.recordReferral"), theme.NavigateNextIcon(), func() {
		f.p.recordConsent(f.values().r, domain.ConsentReferral, nil)
	})
	f.shareFix = widget.NewButtonWithIcon(lang.L("referrals.preview.recordSharing"), theme.NavigateNextIcon(), func() {
		f.p.recordConsent(f.values().r, domain.ConsentSharing, f.check.Withheld)
	})
	f.consentFix.Alignment = widget.ButtonAlignLeading
	f.shareFix.Alignment = widget.ButtonAlignLeading
	f.previewBox = container.NewVBox(
		caseTabsHeading(lang.L("referrals.preview.title")),
		f.previewHint,
		f.noConsent.box, f.consentFix,
		caseTabsHeading(lang.L("referrals.preview.shown")), f.shownList,
		caseTabsHeading(lang.L("referrals.preview.withheld")), f.withheld, f.nameNote, f.shareFix,
	)
}

// updatePreview asks casework what consent allows for the referral as
// it stands, and shows it.
func (f *referralForm) updatePreview() {
	if f.previewBox == nil {
		return
	}
	r := f.values().r
	check, err := f.p.svc.CheckReferralConsent(context.Background(), r)
	if err != nil {
		f.previewHint.SetText(referralErrorText(err, f.p.s.deps.now()))
		f.previewHint.Show()
		return
	}
	f.check = check
	ready := r.PartnerID != "" && len(r.Services) > 0
	setVisible(f.previewHint, !ready)
	f.previewHint.SetText(lang.L("referrals.preview.choose"))

	shown := []string{lang.L("referrals.preview.code", map[string]any{"Code": f.p.c.Code}), lang.L("referrals.preview.always")}
	for _, item := range check.Shown {
		shown = append(shown, caseTabsShareName(item))
	}
	if f.p.child {
		shown = append(shown, lang.L("referrals.preview.guardianInformed"))
	}
	f.shownList.SetText(bullets(shown))
	if len(check.Withheld) > 0 {
		var out []string
		for _, item := range check.Withheld {
			out = append(out, caseTabsShareName(item))
		}
		f.withheld.SetText(bullets(out) + "\n" + lang.L("referrals.preview.withheldWhy"))
		f.withheld.Importance = widget.WarningImportance
	} else {
		f.withheld.SetText(lang.L("referrals.preview.nothingWithheld"))
		f.withheld.Importance = widget.MediumImportance
	}
	f.withheld.Refresh()
	setVisible(f.nameNote, !slices.Contains(check.Shown, "name"))
	closed := f.p.closed()
	setVisible(f.shareFix, len(check.Withheld) > 0 && r.PartnerID != "" && !closed)
	if ready && !check.MayRefer {
		f.noConsent.set(theme.WarningIcon(), f.noConsentText(), widget.DangerImportance)
		f.noConsent.box.Show()
		setVisible(f.consentFix, !closed)
	} else {
		f.noConsent.box.Hide()
		f.consentFix.Hide()
	}
	f.previewBox.Refresh()
	relayout(f.previewBox)
}

// noConsentText is the warning that consent does not allow the referral.
func (f *referralForm) noConsentText() string {
	pa, _ := f.chosenPartner()
	return f.p.noConsentText(pa.ID)
}

// bullets writes a list one item a line.
func bullets(items []string) string {
	return "• " + strings.Join(items, "\n• ")
}

// saveDraft saves the referral as a draft, or shows what is missing under
// each field; nothing typed is lost.
func (f *referralForm) saveDraft() {
	p := f.p
	p.s.app.touch()
	for _, ff := range f.fields() {
		ff.setError("")
	}
	showMessage(f.message, "", widget.DangerImportance)
	saved, err := p.svc.SaveReferral(context.Background(), f.values().r)
	if err != nil {
		f.failed(err)
		return
	}
	f.wipe()
	p.closeForm(lang.L("referrals.form.saved", map[string]any{"Number": saved.Number}))
}

// failed puts casework's problems under the fields, or says what was
// refused.
func (f *referralForm) failed(err error) {
	var invalid *casework.ValidationErrors
	var refused *casework.RuleError
	switch {
	case errors.As(err, &invalid):
		for _, pr := range invalid.Problems {
			if ff := f.fieldFor(pr.Field); ff != nil {
				ff.setError(referralFieldText(pr.Field, pr.Rule))
			}
		}
		showMessage(f.message, lang.L("referrals.form.fix"), widget.DangerImportance)
		var first *formField
		for _, ff := range f.fields() {
			if first == nil && ff.err.Visible() {
				first = ff
			}
		}
		if first != nil {
			scrollTo(f.scroll, first.box)
		}
	case errors.As(err, &refused) && refused.Rule == casework.RulePartnerInactive:
		f.fPartner.setError(lang.L("referrals.error.partnerInactive"))
		showMessage(f.message, lang.L("referrals.form.fix"), widget.DangerImportance)
	default:
		showMessage(f.message, referralErrorText(err, f.p.s.deps.now()), widget.DangerImportance)
	}
}

// fieldFor is the field a casework problem names.
func (f *referralForm) fieldFor(field string) *formField {
	switch field {
	case "partnerId":
		return f.fPartner
	case "services":
		return f.fServices
	case "given":
		return f.fGiven
	case "shares":
		return f.fShares
	case "priority":
		return f.fPriority
	case "reason":
		return f.fReason
	case "language":
		return f.fLanguage
	case "guardianInformed":
		return f.fInformed
	case "guardianNotInformed":
		return f.fNotInformed
	}
	return nil
}

// referralFieldText says what a field of the referral form needs.
func referralFieldText(field, rule string) string {
	if rule == casework.RuleRequired {
		switch field {
		case "partnerId":
			return lang.L("referrals.form.error.partner")
		case "services":
			return lang.L("referrals.form.error.services")
		case "priority":
			return lang.L("referrals.form.error.priority")
		case "reason":
			return lang.L("referrals.form.error.reason")
		case "guardianInformed":
			return lang.L("referrals.form.error.informed")
		case "guardianNotInformed":
			return lang.L("referrals.form.error.notInformed")
		}
	}
	return caseTabsRuleText(rule)
}

// wipe empties the fields typed in.
func (f *referralForm) wipe() {
	f.reason.wipe()
	f.notInformed.wipe()
}

// referralFormLayout puts the form (first object) and its preview
// (second) side by side, the preview sideEms text sizes wide; on a window
// narrower than narrowEms, the preview goes above the form, no taller
// than it needs nor than two fifths of the height.
type referralFormLayout struct {
	sideEms, narrowEms float32
	preview            fyne.CanvasObject // the preview's content, to measure
}

func (l *referralFormLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	form, preview := objects[0], objects[1]
	gap := theme.Padding() * 2
	if size.Width >= theme.TextSize()*l.narrowEms {
		side := fyne.Min(theme.TextSize()*l.sideEms, size.Width*0.45)
		form.Move(fyne.NewPos(0, 0))
		form.Resize(fyne.NewSize(size.Width-side-gap, size.Height))
		preview.Move(fyne.NewPos(size.Width-side, 0))
		preview.Resize(fyne.NewSize(side, size.Height))
		return
	}
	l.preview.Resize(fyne.NewSize(size.Width-theme.Padding()*2, l.preview.MinSize().Height))
	ph := fyne.Min(l.preview.MinSize().Height+theme.Padding()*2, size.Height*0.4)
	preview.Move(fyne.NewPos(0, 0))
	preview.Resize(fyne.NewSize(size.Width, ph))
	form.Move(fyne.NewPos(0, ph+gap))
	form.Resize(fyne.NewSize(size.Width, fyne.Max(0, size.Height-ph-gap)))
}

func (l *referralFormLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		m := o.MinSize()
		w = fyne.Max(w, m.Width)
		h = fyne.Max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

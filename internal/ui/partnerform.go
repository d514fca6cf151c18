package ui

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

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

// orgTypeOptions are the HTCDS org_Type values of a partner, in plain
// words; they follow domain.OrganisationTypes.
func orgTypeOptions() []option {
	out := make([]option, 0, len(domain.OrganisationTypes))
	for _, v := range domain.OrganisationTypes {
		out = append(out, option{v, orgTypeLabel(v)})
	}
	return out
}

// orgTypeLabel is an org_Type value in the window's language.
func orgTypeLabel(v string) string {
	switch v {
	case "NGO":
		return lang.L("partners.type.NGO")
	case "LawEnforcement":
		return lang.L("partners.type.LawEnforcement")
	case "HealthServiceOrganisation":
		return lang.L("partners.type.HealthServiceOrganisation")
	case "CentralGovernmentOrganisation":
		return lang.L("partners.type.CentralGovernmentOrganisation")
	case "LocalGovernmentOrganisation":
		return lang.L("partners.type.LocalGovernmentOrganisation")
	case "ImmigrationService":
		return lang.L("partners.type.ImmigrationService")
	case "LegalService":
		return lang.L("partners.type.LegalService")
	case "CorporateBusiness":
		return lang.L("partners.type.CorporateBusiness")
	case "SchoolOrCollege":
		return lang.L("partners.type.SchoolOrCollege")
	}
	return v
}

// partnerLetterLanguages are the languages documents are written in, offered
// as ticks for a partner's languages.
var partnerLetterLanguages = []string{"en", "fr", "pt"}

// partnerLanguagesText writes a partner's languages by name.
func partnerLanguagesText(codes []string) string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		out = append(out, languageLabel(c))
	}
	return strings.Join(out, ", ")
}

// draftPartner names the partner form's draft.
const draftPartner = "partners.form"

// Fields of the partner form, named as casework's problems name them.
const (
	pfName      = "name"
	pfType      = "type"
	pfServices  = "services"
	pfLanguages = "languages"
	pfCountry   = "country"
	pfAddress   = "address"
	pfContact   = "contact"
	pfPhone     = "phone"
	pfEmail     = "email"
	pfHours     = "hours"
	pfNotes     = "notes"
	pfCard      = "card"
)

// partnerForm adds a partner to the directory or changes one (admins).
// What is typed stays in the fields when casework refuses it, with the
// reason under each field, and survives a lock or a change of language
// (Drafter, through the panel).
type partnerForm struct {
	p    *partnersPanel
	base domain.Partner // the partner changed; no ID for a new one

	name, address, contact, phone, email, hours, notes, others *activityEntry
	country                                                    *widget.SelectEntry
	typ                                                        *widget.Select
	types, serviceOpts                                         []option
	services                                                   []*widget.Check
	langs                                                      []*widget.Check // partnerLetterLanguages
	letters                                                    *widget.Select  // the letters' language, first of Languages
	card                                                       []byte
	cardLabel                                                  *widget.Label
	cardChoose, cardRemove                                     *widget.Button

	fields  map[string]*formField
	message *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	box     *fyne.Container
}

func newPartnerForm(p *partnersPanel, base domain.Partner) *partnerForm {
	touch := p.s.app.touch
	f := &partnerForm{p: p, base: base, fields: map[string]*formField{}, message: newMessage(),
		types: orgTypeOptions(), serviceOpts: serviceTypeOptions()}
	entry := func(text string) *activityEntry {
		e := newActivityEntry(touch)
		e.SetText(text)
		return e
	}
	multi := func(text string, rows int) *activityEntry {
		e := newActivityEntry(touch)
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(rows)
		e.SetText(text)
		return e
	}
	f.name = entry(base.Name)
	f.address = multi(base.Address, 2)
	f.contact = entry(base.Contact)
	f.contact.SetPlaceHolder(lang.L("partners.contact.placeholder"))
	f.phone = entry(base.Phone)
	f.email = entry(base.Email)
	f.hours = entry(base.Hours)
	f.hours.SetPlaceHolder(lang.L("partners.hours.placeholder"))
	f.notes = multi(base.Notes, 3)

	f.typ = widget.NewSelect(optionLabels(f.types), func(string) { touch(); f.clearError(pfType) })
	f.typ.PlaceHolder = lang.L("partners.type.placeholder")
	f.setType(base.Type)

	var checks []fyne.CanvasObject
	for _, o := range f.serviceOpts {
		c := widget.NewCheck(o.label, func(bool) { touch() })
		c.SetChecked(slices.Contains(base.Services, o.value))
		f.services = append(f.services, c)
		checks = append(checks, c)
	}
	// Two columns on a usual window, one when the labels are long or the
	// window narrow.
	services := container.New(&flowColumnsLayout{minEms: 12}, checks...)

	var langBoxes []fyne.CanvasObject
	var others, letterNames []string
	for _, code := range partnerLetterLanguages {
		c := widget.NewCheck(languageLabel(code), func(bool) {
			touch()
			f.clearError(pfLanguages)
			f.syncLetters()
		})
		c.SetChecked(slices.Contains(base.Languages, code))
		f.langs = append(f.langs, c)
		langBoxes = append(langBoxes, c)
		letterNames = append(letterNames, languageLabel(code))
	}
	// Letters go in the language chosen here, which is also ticked.
	f.letters = widget.NewSelect(letterNames, func(string) {
		touch()
		if i := f.letters.SelectedIndex(); i >= 0 && !f.langs[i].Checked {
			f.langs[i].SetChecked(true)
		}
	})
	f.letters.PlaceHolder = lang.L("partners.letters.placeholder")
	f.setLetters(base.Languages)
	for _, l := range base.Languages {
		if !slices.Contains(partnerLetterLanguages, l) {
			others = append(others, l)
		}
	}
	f.others = entry(strings.Join(others, ", "))
	f.others.SetPlaceHolder(lang.L("partners.otherLanguages.placeholder"))
	f.others.OnChanged = func(string) { f.clearError(pfLanguages) }
	othersRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("partners.otherLanguages")), nil, f.others)
	lettersRow := container.New(&wrapLayout{}, widget.NewLabel(lang.L("partners.field.letters")), partnerSelectSized(f.letters))
	languages := container.NewVBox(container.New(&wrapLayout{}, langBoxes...), othersRow, lettersRow)

	lng := Language()
	f.country = widget.NewSelectEntry(matchCountries("", lng))
	f.country.SetPlaceHolder(lang.L("case.country.placeholder"))
	if base.Country != "" {
		f.country.SetText(countryName(base.Country, lng))
	}
	f.country.OnChanged = func(s string) {
		touch()
		f.clearError(pfCountry)
		if _, exact := findCountry(s, lng); !exact {
			f.country.SetOptions(matchCountries(s, lng))
		}
	}

	f.card = base.Card
	f.cardLabel = widget.NewLabel("")
	f.cardChoose = widget.NewButtonWithIcon(lang.L("partners.card.choose"), theme.FolderOpenIcon(), f.chooseCard)
	f.cardRemove = widget.NewButtonWithIcon(lang.L("partners.card.remove"), theme.DeleteIcon(), func() {
		touch()
		f.setCard(nil)
	})
	f.cardRemove.Importance = widget.LowImportance
	f.setCard(f.card)

	field := func(id, label string, input fyne.CanvasObject, help string) *fyne.Container {
		ff := newFormField(label, input, help)
		f.fields[id] = ff
		return ff.box
	}
	clearOn := func(e *activityEntry, id string) {
		e.OnChanged = func(string) { f.clearError(id) }
	}
	clearOn(f.name, pfName)
	clearOn(f.address, pfAddress)
	clearOn(f.contact, pfContact)
	clearOn(f.phone, pfPhone)
	clearOn(f.email, pfEmail)
	clearOn(f.hours, pfHours)
	clearOn(f.notes, pfNotes)

	f.save = widget.NewButtonWithIcon(lang.L("partners.save"), theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton(lang.L("Cancel"), func() {
		touch()
		p.closeForm()
	})
	title := lang.L("partners.form.add")
	if base.ID != "" {
		title = lang.L("partners.form.edit", map[string]any{"Name": base.Name})
	}
	heading := subheading(title)
	heading.Wrapping = fyne.TextWrapWord
	f.box = container.NewVBox(
		heading,
		field(pfName, lang.L("partners.field.name"), f.name, ""),
		field(pfType, lang.L("partners.field.type"), f.typ, ""),
		field(pfServices, lang.L("partners.field.services"), services, ""),
		field(pfLanguages, lang.L("partners.field.languages"), languages, lang.L("partners.languages.help")),
		field(pfCountry, lang.L("partners.field.country"), f.country, ""),
		field(pfAddress, lang.L("partners.field.address"), f.address, ""),
		fieldRow(
			field(pfContact, lang.L("partners.field.contact"), f.contact, ""),
			field(pfPhone, lang.L("partners.field.phone"), f.phone, "")),
		fieldRow(
			field(pfEmail, lang.L("partners.field.email"), f.email, ""),
			field(pfHours, lang.L("partners.field.hours"), f.hours, "")),
		field(pfNotes, lang.L("partners.field.notes"), f.notes, ""),
		field(pfCard, lang.L("partners.field.card"),
			container.NewVBox(f.cardLabel, container.NewHBox(f.cardChoose, f.cardRemove)), lang.L("partners.card.help")),
		f.message,
		container.NewHBox(layout.NewSpacer(), f.cancel, f.save),
	)
	return f
}

func (f *partnerForm) setType(v string) {
	for i, o := range f.types {
		if o.value == v {
			f.typ.SetSelectedIndex(i)
			return
		}
	}
	f.typ.ClearSelected()
}

// partnerSelectSized gives a select the width of its longest choice or
// of its placeholder, in the language on screen.
func partnerSelectSized(sel *widget.Select) fyne.CanvasObject {
	var w float32
	for _, o := range append([]string{sel.PlaceHolder}, sel.Options...) {
		w = fyne.Max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	w += theme.InnerPadding()*2 + theme.IconInlineSize() + theme.Padding()*2
	return container.NewGridWrap(fyne.NewSize(w, sel.MinSize().Height), sel)
}

// setLetters chooses the letters' language of a list of languages: its
// first one documents are written in.
func (f *partnerForm) setLetters(langs []string) {
	for _, l := range langs {
		if i := slices.Index(partnerLetterLanguages, l); i >= 0 {
			f.letters.SetSelectedIndex(i)
			return
		}
	}
	f.letters.ClearSelected()
}

// syncLetters keeps the letters' language among the ones ticked: the
// first ticked when none is chosen, or when the one chosen is unticked.
func (f *partnerForm) syncLetters() {
	if f.letters == nil {
		return // being built
	}
	if i := f.letters.SelectedIndex(); i >= 0 && f.langs[i].Checked {
		return
	}
	for i, c := range f.langs {
		if c.Checked {
			f.letters.SetSelectedIndex(i)
			return
		}
	}
	f.letters.ClearSelected()
}

// setCard keeps the card's bytes and says whether one is attached.
func (f *partnerForm) setCard(b []byte) {
	f.card = b
	if len(b) == 0 {
		f.cardLabel.SetText(lang.L("partners.card.none"))
		f.cardLabel.Importance = widget.LowImportance
		f.cardRemove.Hide()
	} else {
		f.cardLabel.SetText(lang.L("partners.card.attached", map[string]any{"Size": fileSizeText(int64(len(b)))}))
		f.cardLabel.Importance = widget.SuccessImportance
		f.cardRemove.Show()
	}
	f.cardLabel.Refresh()
	f.clearError(pfCard)
}

// clearError hides a field's message once it is being corrected.
func (f *partnerForm) clearError(id string) {
	if ff := f.fields[id]; ff != nil {
		ff.setError("")
	}
}

// chooseCard opens the file dialog for the partner office's card.
func (f *partnerForm) chooseCard() {
	f.p.s.app.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			fyne.LogError("choose a partner card", err)
			f.fields[pfCard].setError(lang.L("partners.card.unreadable"))
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		if r.URI().Scheme() == "file" {
			if st, err := os.Stat(r.URI().Path()); err == nil && st.Size() > casework.MaxPartnerCardBytes {
				f.cardTooLarge()
				return
			}
		}
		f.readCard(r)
	}, f.p.s.w)
	d.Show()
}

// readCard reads a card file, refusing one over the limit as soon as
// reading passes it.
func (f *partnerForm) readCard(r io.Reader) {
	data, err := io.ReadAll(io.LimitReader(r, casework.MaxPartnerCardBytes+1))
	if err != nil {
		fyne.LogError("read a partner card", fmt.Errorf("read: %w", err))
		f.fields[pfCard].setError(lang.L("partners.card.unreadable"))
		return
	}
	if len(data) > casework.MaxPartnerCardBytes {
		f.cardTooLarge()
		return
	}
	f.setCard(data)
}

func (f *partnerForm) cardTooLarge() {
	f.fields[pfCard].setError(lang.L("partners.card.tooLarge", map[string]any{"Max": fileSizeText(casework.MaxPartnerCardBytes)}))
}

// languages reads the ticks and the other codes; bad codes are returned
// as typed, to be shown.
func (f *partnerForm) languages() (codes []string, bad bool) {
	// The letters' language goes first, then the others ticked.
	if i := f.letters.SelectedIndex(); i >= 0 && f.langs[i].Checked {
		codes = append(codes, partnerLetterLanguages[i])
	}
	for i, c := range f.langs {
		if l := partnerLetterLanguages[i]; c.Checked && !slices.Contains(codes, l) {
			codes = append(codes, l)
		}
	}
	for _, part := range strings.FieldsFunc(f.others.Text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		code := strings.ToLower(strings.TrimSpace(part))
		if code == "" || slices.Contains(codes, code) {
			continue
		}
		if !partnerLanguageCode(code) {
			bad = true
			continue
		}
		codes = append(codes, code)
	}
	return codes, bad
}

// partnerLanguageCode accepts ISO 639-1 or 639-3 codes, as casework does.
func partnerLanguageCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// partner is what the form holds, with the problems only the window can
// see (a country name not in the list, a language code that is not one).
func (f *partnerForm) partner() (domain.Partner, []casework.Problem) {
	p := f.base
	var problems []casework.Problem
	p.Name = strings.TrimSpace(f.name.Text)
	p.Type = ""
	if i := f.typ.SelectedIndex(); i >= 0 && i < len(f.types) {
		p.Type = f.types[i].value
	}
	p.Services = nil
	for i, c := range f.services {
		if c.Checked {
			p.Services = append(p.Services, f.serviceOpts[i].value)
		}
	}
	langs, bad := f.languages()
	p.Languages = langs
	if bad {
		problems = append(problems, casework.Problem{Field: pfLanguages, Rule: casework.RuleUnknownValue})
	}
	p.Country = ""
	if text := strings.TrimSpace(f.country.Text); text != "" {
		if code, ok := findCountry(text, Language()); ok {
			p.Country = code
		} else {
			problems = append(problems, casework.Problem{Field: pfCountry, Rule: casework.RuleUnknownValue})
		}
	}
	p.Address = strings.TrimSpace(f.address.Text)
	p.Contact = strings.TrimSpace(f.contact.Text)
	p.Phone = strings.TrimSpace(f.phone.Text)
	p.Email = strings.TrimSpace(f.email.Text)
	p.Hours = strings.TrimSpace(f.hours.Text)
	p.Notes = strings.TrimSpace(f.notes.Text)
	p.Card = f.card
	return p, problems
}

// submit checks the form the way casework will, shows every problem
// under its field at once, and saves when there is none.
func (f *partnerForm) submit() {
	s := f.p.s
	s.app.touch()
	for _, ff := range f.fields {
		ff.setError("")
	}
	showMessage(f.message, "", widget.DangerImportance)
	p, problems := f.partner()
	for _, pr := range casework.ValidatePartner(p) {
		if !slices.ContainsFunc(problems, func(o casework.Problem) bool { return o.Field == pr.Field }) {
			problems = append(problems, pr)
		}
	}
	if len(problems) > 0 {
		f.showProblems(problems)
		return
	}
	saved, err := f.p.svc.SavePartner(context.Background(), p)
	if err != nil {
		var invalid *casework.ValidationErrors
		if errors.As(err, &invalid) {
			f.showProblems(invalid.Problems)
			return
		}
		showMessage(f.message, caseTabsErrorText(err, s.deps.now()), widget.DangerImportance)
		return
	}
	f.p.saved(saved, f.base.ID == "")
}

// showProblems puts each problem under its field, and a line by the Save
// button saying the form was not saved.
func (f *partnerForm) showProblems(problems []casework.Problem) {
	var general []string
	for _, pr := range problems {
		if ff, ok := f.fields[pr.Field]; ok {
			if !ff.err.Visible() {
				ff.setError(partnerRuleText(pr.Field, pr.Rule))
			}
			continue
		}
		general = append(general, partnerRuleText(pr.Field, pr.Rule))
	}
	msg := lang.L("partners.fixFirst")
	if len(general) > 0 {
		msg = strings.Join(general, " ")
	}
	showMessage(f.message, msg, widget.DangerImportance)
}

// partnerRuleText says in plain words what a field of the partner form
// needs.
func partnerRuleText(field, rule string) string {
	switch rule {
	case casework.RuleRequired:
		if field == pfType {
			return lang.L("partners.type.missing")
		}
		return lang.L("field.required")
	case casework.RuleTooLarge:
		switch field {
		case pfCard:
			return lang.L("partners.card.tooLarge", map[string]any{"Max": fileSizeText(casework.MaxPartnerCardBytes)})
		case pfName:
			return lang.L("field.tooLong", map[string]any{"Max": domain.NameMax})
		}
		return lang.L("field.tooLong", map[string]any{"Max": casework.MaxPartnerTextRunes})
	case casework.RuleFormat:
		if field == pfEmail {
			return lang.L("partners.error.email")
		}
	case casework.RuleUnknownValue:
		switch field {
		case pfLanguages:
			return lang.L("partners.error.languages")
		case pfCountry:
			return lang.L("case.country.unknown")
		}
	}
	return caseTabsRuleText(rule)
}

// Draft is what is typed, to keep through a lock or a change of
// language.
func (f *partnerForm) Draft() map[string]string {
	p, _ := f.partner()
	d := map[string]string{
		"#id":       f.base.ID,
		"name":      f.name.Text,
		"type":      p.Type,
		"services":  strings.Join(p.Services, ","),
		"languages": strings.Join(func() []string { l, _ := f.languages(); return l }(), ","),
		"others":    f.others.Text,
		"country":   f.country.Text,
		"address":   f.address.Text,
		"contact":   f.contact.Text,
		"phone":     f.phone.Text,
		"email":     f.email.Text,
		"hours":     f.hours.Text,
		"notes":     f.notes.Text,
	}
	if len(f.card) > 0 {
		d["card"] = base64.StdEncoding.EncodeToString(f.card)
	}
	return d
}

// restore puts a draft back in the fields.
func (f *partnerForm) restore(d map[string]string) {
	f.name.SetText(d["name"])
	f.setType(d["type"])
	services := strings.Split(d["services"], ",")
	for i, c := range f.services {
		c.SetChecked(slices.Contains(services, f.serviceOpts[i].value))
	}
	langs := strings.Split(d["languages"], ",")
	for i, c := range f.langs {
		c.SetChecked(slices.Contains(langs, partnerLetterLanguages[i]))
	}
	f.setLetters(langs)
	f.others.SetText(d["others"])
	f.country.SetText(d["country"])
	f.address.SetText(d["address"])
	f.contact.SetText(d["contact"])
	f.phone.SetText(d["phone"])
	f.email.SetText(d["email"])
	f.hours.SetText(d["hours"])
	f.notes.SetText(d["notes"])
	var card []byte
	if s := d["card"]; s != "" {
		if b, err := base64.StdEncoding.DecodeString(s); err == nil {
			card = b
		}
	}
	f.setCard(card)
}

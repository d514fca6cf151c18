package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"io"
	"net/mail"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// The setup wizard's steps.
const (
	stepOffice = iota
	stepLetterhead
	stepAdmin
	stepRecovery
	setupSteps = stepRecovery // steps before the recovery code
)

// Limits of the office's letterhead logo.
const (
	maxLogoBytes  = 1 << 20 // 1 MiB: a letterhead logo needs far less
	maxLogoPixels = 4000    // on each side
	maxNameRunes  = domain.NameMax
)

// setupWizard creates the office on first start: the office, its
// letterhead, the first administrator, then the recovery code, shown once.
// What was typed lives here, not in the widgets, so going back and forth
// or changing the language keeps it.
type setupWizard struct {
	a    *App
	step int

	officeName, countryText, language string
	address, phone, email             string
	logo                              []byte
	logoName                          string
	username, adminName               string
	password, confirm                 string

	errs map[string]string // field id -> message

	code    string        // the recovery code, between Setup and Continue
	office  domain.Office // as created
	stored  bool          // "I have stored the recovery code safely"
	saved   string        // message after saving the sheet
	failure string        // a message for the whole step

	// The widgets of the step on screen, for the tests.
	entries map[string]*widget.Entry
	fields  map[string]*formField // field id -> its label, input and message
	country *widget.SelectEntry
	// countryOptions are the names the country list offers now.
	countryOptions []string
	langSel        *widget.Select
	next           *widget.Button
	back           *widget.Button
	storedCB       *widget.Check
	pdf            *widget.Button
	done           *widget.Button
	codeText       []*canvas.Text
}

// showSetup starts the setup wizard.
func (a *App) showSetup() {
	wz := &setupWizard{a: a, language: Language(), errs: map[string]string{}}
	a.wizard = wz
	wz.show()
}

// show puts the current step on screen.
func (wz *setupWizard) show() {
	wz.entries = map[string]*widget.Entry{}
	wz.fields = map[string]*formField{}
	wz.country, wz.langSel, wz.storedCB, wz.pdf, wz.done, wz.codeText = nil, nil, nil, nil, nil, nil

	heading := widget.NewLabelWithStyle(lang.L("setup.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText

	var title string
	var body []fyne.CanvasObject
	var focus fyne.Focusable
	switch wz.step {
	case stepOffice:
		title = lang.L("setup.office.title")
		body, focus = wz.officeStep()
	case stepLetterhead:
		title = lang.L("setup.letterhead.title")
		body, focus = wz.letterheadStep()
	case stepAdmin:
		title = lang.L("setup.admin.title")
		body, focus = wz.adminStep()
	default:
		title = lang.L("setup.recovery.title")
		body = wz.recoveryStep()
	}
	var stepLine *widget.Label
	if wz.step < setupSteps {
		stepLine = widget.NewLabel(lang.L("setup.step", map[string]any{
			"Step": wz.step + 1, "Count": setupSteps, "Title": title}))
	} else {
		stepLine = widget.NewLabel(title)
	}
	stepLine.TextStyle = fyne.TextStyle{Bold: true}
	stepLine.SizeName = theme.SizeNameSubHeadingText
	stepLine.Wrapping = fyne.TextWrapWord

	if wz.failure != "" {
		fail := wrapped(wz.failure)
		fail.Importance = widget.DangerImportance
		body = append(body, fail)
	}
	top := []fyne.CanvasObject{heading, stepLine, widget.NewSeparator()}
	column := container.New(&columnLayout{maxEms: 44, centred: true}, append(top, body...)...)

	buttons := container.NewHBox()
	if wz.step > stepOffice && wz.step < stepRecovery {
		wz.back = widget.NewButtonWithIcon(lang.L("setup.back"), theme.NavigateBackIcon(), wz.goBack)
		buttons.Add(wz.back)
	}
	switch {
	case wz.step < stepAdmin:
		wz.next = widget.NewButtonWithIcon(lang.L("setup.next"), theme.NavigateNextIcon(), wz.goNext)
		wz.next.IconPlacement = widget.ButtonIconTrailingText
		wz.next.Importance = widget.HighImportance
		buttons.Add(wz.next)
	case wz.step == stepAdmin:
		wz.next = widget.NewButtonWithIcon(lang.L("setup.create"), theme.ConfirmIcon(), wz.goNext)
		wz.next.Importance = widget.HighImportance
		buttons.Add(wz.next)
	default:
		wz.next = nil
		buttons.Add(wz.done)
	}
	bar := container.NewVBox(widget.NewSeparator(), container.NewPadded(container.NewCenter(buttons)))
	content := container.NewBorder(nil, bar, nil, nil, container.NewVScroll(container.NewPadded(column)))
	wz.a.setScreen(ScreenSetup, content, focus)
}

// field makes a form field showing the message kept for id.
func (wz *setupWizard) field(id, label string, input fyne.CanvasObject, help string) fyne.CanvasObject {
	f := newFormField(label, input, help)
	f.setError(wz.errs[id])
	wz.fields[id] = f
	return f.box
}

// clearError removes the message of a field as soon as the person edits
// it: the message was about what was there before.
func (wz *setupWizard) clearError(id string) {
	if _, ok := wz.errs[id]; !ok {
		return
	}
	delete(wz.errs, id)
	if f := wz.fields[id]; f != nil {
		f.setError("")
	}
}

// entry makes an entry for a value of the wizard.
func (wz *setupWizard) entry(id string, value *string, password bool) *widget.Entry {
	var e *widget.Entry
	if password {
		e = widget.NewPasswordEntry()
	} else {
		e = widget.NewEntry()
	}
	e.SetText(*value)
	e.OnChanged = func(s string) {
		*value = s
		wz.clearError(id)
	}
	wz.entries[id] = e
	return e
}

func (wz *setupWizard) officeStep() ([]fyne.CanvasObject, fyne.Focusable) {
	name := wz.entry(fieldOfficeName, &wz.officeName, false)
	name.SetPlaceHolder(lang.L("setup.office.name.placeholder"))

	wz.countryOptions = matchCountries("", wz.language)
	wz.country = widget.NewSelectEntry(wz.countryOptions)
	wz.country.SetText(wz.countryText)
	wz.country.SetPlaceHolder(lang.L("setup.office.country.placeholder"))
	wz.country.OnChanged = func(s string) {
		wz.countryText = s
		if _, exact := findCountry(s, wz.language); exact {
			wz.countryOptions = matchCountries("", wz.language)
		} else {
			wz.countryOptions = matchCountries(s, wz.language)
		}
		wz.country.SetOptions(wz.countryOptions)
	}

	names := make([]string, len(i18n.Supported))
	for i, code := range i18n.Supported {
		names[i] = i18n.Name(code)
	}
	wz.langSel = widget.NewSelect(names, nil)
	wz.langSel.SetSelected(i18n.Name(wz.language))
	wz.langSel.OnChanged = func(name string) {
		for _, code := range i18n.Supported {
			if i18n.Name(code) == name && code != wz.language {
				wz.setLanguage(code)
				return
			}
		}
	}
	return []fyne.CanvasObject{
		wrapped(lang.L("setup.office.intro")),
		wz.field(fieldOfficeName, lang.L("setup.office.name"), name, lang.L("setup.office.name.help")),
		wz.field(fieldCountry, lang.L("setup.office.country"), wz.country, lang.L("setup.office.country.help")),
		wz.field(fieldLanguage, lang.L("setup.office.language"), container.NewHBox(wz.langSel), lang.L("setup.office.language.help")),
	}, name
}

// setLanguage switches the wizard to another language, keeping what was
// typed; the country keeps its choice under its name in the new language.
func (wz *setupWizard) setLanguage(code string) {
	country, known := findCountry(wz.countryText, wz.language)
	if err := UseLanguage(code); err != nil {
		fyne.LogError("switch language in the setup wizard", err)
		return
	}
	wz.language = code
	if known {
		wz.countryText = countryName(country, code)
	}
	// Messages are in the old language: check again to write them anew.
	if len(wz.errs) > 0 {
		wz.errs = wz.validate(wz.step)
	}
	wz.show()
}

func (wz *setupWizard) letterheadStep() ([]fyne.CanvasObject, fyne.Focusable) {
	address := wz.entry(fieldAddress, &wz.address, false)
	address.MultiLine = true
	address.Wrapping = fyne.TextWrapWord
	address.SetMinRowsVisible(3)
	phone := wz.entry(fieldPhone, &wz.phone, false)
	phone.SetPlaceHolder("+221 33 800 00 00")
	email := wz.entry(fieldEmail, &wz.email, false)
	email.SetPlaceHolder(lang.L("setup.letterhead.email.placeholder"))

	choose := widget.NewButtonWithIcon(lang.L("setup.logo.choose"), theme.FileImageIcon(), wz.chooseLogo)
	logoRow := container.NewHBox(choose)
	if len(wz.logo) > 0 {
		img := canvas.NewImageFromResource(fyne.NewStaticResource(wz.logoName, wz.logo))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(theme.TextSize()*8, theme.TextSize()*4))
		remove := widget.NewButtonWithIcon(lang.L("setup.logo.remove"), theme.DeleteIcon(), func() {
			wz.logo, wz.logoName = nil, ""
			delete(wz.errs, fieldLogo)
			wz.show()
		})
		remove.Importance = widget.LowImportance
		logoRow = container.NewHBox(img, container.NewVBox(widget.NewLabel(wz.logoName), container.NewHBox(choose, remove)))
	}
	return []fyne.CanvasObject{
		wrapped(lang.L("setup.letterhead.intro")),
		wz.field(fieldAddress, lang.L("setup.letterhead.address"), address, ""),
		wz.field(fieldPhone, lang.L("setup.letterhead.phone"), phone, ""),
		wz.field(fieldEmail, lang.L("setup.letterhead.email"), email, ""),
		wz.field(fieldLogo, lang.L("setup.logo"), logoRow, lang.L("setup.logo.help")),
	}, address
}

// chooseLogo opens a file dialog for the logo.
func (wz *setupWizard) chooseLogo() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			fyne.LogError("choose logo", err)
			wz.errs[fieldLogo] = lang.L("setup.logo.unreadable")
			wz.show()
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, maxLogoBytes+1))
		if err != nil {
			fyne.LogError("read logo", err)
			wz.errs[fieldLogo] = lang.L("setup.logo.unreadable")
			wz.show()
			return
		}
		wz.setLogo(r.URI().Name(), data)
	}, wz.a.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	d.Show()
}

// setLogo takes a chosen logo file, or says why it cannot be used.
func (wz *setupWizard) setLogo(name string, data []byte) {
	if msg := checkLogo(data); msg != "" {
		wz.errs[fieldLogo] = msg
	} else {
		wz.logo, wz.logoName = data, name
		delete(wz.errs, fieldLogo)
	}
	wz.show()
}

// checkLogo returns why an image cannot be the letterhead logo, or "".
func checkLogo(data []byte) string {
	if len(data) > maxLogoBytes {
		return lang.L("setup.logo.tooBig")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return lang.L("setup.logo.notImage")
	}
	if cfg.Width > maxLogoPixels || cfg.Height > maxLogoPixels || cfg.Width < 1 || cfg.Height < 1 {
		return lang.L("setup.logo.tooManyPixels", map[string]any{"Width": cfg.Width, "Height": cfg.Height})
	}
	return ""
}

func (wz *setupWizard) adminStep() ([]fyne.CanvasObject, fyne.Focusable) {
	username := wz.entry(fieldUsername, &wz.username, false)
	name := wz.entry(fieldDisplayName, &wz.adminName, false)
	password := wz.entry(fieldPassword, &wz.password, true)
	confirm := wz.entry(fieldConfirm, &wz.confirm, true)
	hint := newStrengthHint()
	hint.update(wz.password)
	password.OnChanged = func(s string) {
		wz.password = s
		hint.update(s)
	}
	confirm.OnSubmitted = func(string) { wz.goNext() }
	return []fyne.CanvasObject{
		wrapped(lang.L("setup.admin.intro")),
		wz.field(fieldUsername, lang.L("user.username"), username, lang.L("user.username.help")),
		wz.field(fieldDisplayName, lang.L("user.name"), name, lang.L("user.name.help")),
		wz.field(fieldPassword, lang.L("user.password"), container.NewVBox(password, hint.box), passwordRules()),
		wz.field(fieldConfirm, lang.L("user.confirm"), confirm, ""),
	}, username
}

// validate checks one step and returns the messages by field.
func (wz *setupWizard) validate(step int) map[string]string {
	errs := map[string]string{}
	switch step {
	case stepOffice:
		name := strings.TrimSpace(wz.officeName)
		switch {
		case name == "":
			errs[fieldOfficeName] = lang.L("field.required")
		case utf8.RuneCountInString(name) > maxNameRunes:
			errs[fieldOfficeName] = lang.L("field.tooLong", map[string]any{"Max": maxNameRunes})
		}
		if strings.TrimSpace(wz.countryText) == "" {
			errs[fieldCountry] = lang.L("setup.office.country.missing")
		} else if _, ok := findCountry(wz.countryText, wz.language); !ok {
			errs[fieldCountry] = lang.L("setup.office.country.unknown")
		}
	case stepLetterhead:
		if msg := checkPhone(wz.phone); msg != "" {
			errs[fieldPhone] = msg
		}
		if msg := checkEmail(wz.email); msg != "" {
			errs[fieldEmail] = msg
		}
	case stepAdmin:
		if msg := checkUsername(wz.username); msg != "" {
			errs[fieldUsername] = msg
		}
		if strings.TrimSpace(wz.adminName) == "" {
			errs[fieldDisplayName] = lang.L("field.required")
		} else if utf8.RuneCountInString(wz.adminName) > maxNameRunes {
			errs[fieldDisplayName] = lang.L("field.tooLong", map[string]any{"Max": maxNameRunes})
		}
		pw, cf := checkNewPassword(wz.password, wz.confirm, strings.TrimSpace(wz.username), strings.TrimSpace(wz.officeName))
		if pw != "" {
			errs[fieldPassword] = pw
		}
		if cf != "" {
			errs[fieldConfirm] = cf
		}
	}
	return errs
}

// checkUsername says what is wrong with a username, or "".
func checkUsername(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return lang.L("field.required")
	}
	if n := utf8.RuneCountInString(s); n < 3 || n > 32 {
		return lang.L("user.username.length")
	}
	for _, r := range s {
		ok := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '.' || r == '-' || r == '_'
		if !ok {
			return lang.L("user.username.chars")
		}
	}
	return ""
}

// checkPhone accepts an empty phone number or one written with digits,
// spaces, +, -, ., and brackets.
func checkPhone(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-.()/", r):
		default:
			return lang.L("setup.letterhead.phone.invalid")
		}
	}
	if digits < 6 || digits > 15 {
		return lang.L("setup.letterhead.phone.invalid")
	}
	return ""
}

// checkEmail accepts an empty address or a plain one (name@example.org).
func checkEmail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return lang.L("setup.letterhead.email.invalid")
	}
	return ""
}

func (wz *setupWizard) goBack() {
	if wz.step > stepOffice {
		wz.step--
	}
	wz.failure = ""
	wz.show()
}

func (wz *setupWizard) goNext() {
	wz.failure = ""
	wz.errs = wz.validate(wz.step)
	if len(wz.errs) > 0 {
		wz.show()
		return
	}
	if wz.step < stepAdmin {
		wz.step++
		wz.show()
		return
	}
	wz.create()
}

// officeInput is the office as typed.
func (wz *setupWizard) officeInput() domain.Office {
	code, _ := findCountry(wz.countryText, wz.language)
	return domain.Office{
		Name:    strings.TrimSpace(wz.officeName),
		Country: code,
		Lang:    wz.language,
		Address: strings.TrimSpace(wz.address),
		Phone:   strings.TrimSpace(wz.phone),
		Email:   strings.TrimSpace(wz.email),
		Logo:    wz.logo,
	}
}

// create sets the office up and moves to the recovery code.
func (wz *setupWizard) create() {
	ctx := context.Background()
	office := wz.officeInput()
	pw := []byte(wz.password)
	code, err := wz.a.deps.Security.Setup(ctx, casework.SetupInput{
		Office:        office,
		AdminUsername: strings.TrimSpace(wz.username),
		AdminName:     strings.TrimSpace(wz.adminName),
		Password:      pw,
	})
	clear(pw)
	if err != nil {
		wz.setupFailed(err)
		return
	}
	wz.password, wz.confirm = "", ""
	wz.code = code
	wz.office = office
	if o, err := wz.a.deps.Security.Office(ctx); err == nil {
		wz.office = o
	} else {
		fyne.LogError("read the new office", err)
	}
	if wz.a.deps.Prefs != nil {
		if err := wz.a.deps.Prefs.SetSetting(ctx, SettingLanguage, wz.language); err != nil {
			fyne.LogError("save language setting", err)
		}
	}
	wz.step = stepRecovery
	wz.show()
}

// setupFailed shows why Setup refused, beside the field when it names one.
func (wz *setupWizard) setupFailed(err error) {
	if errors.Is(err, casework.ErrAlreadySetUp) {
		wz.a.showLoginWith("", lang.L("error.alreadySetUp"))
		return
	}
	msg := errorText(err, wz.a.deps.now())
	var pwErr *casework.PasswordError
	var invalid *casework.ValidationError
	switch {
	case errors.As(err, &pwErr):
		wz.errs[fieldPassword] = msg
	case errors.As(err, &invalid) && validationField(invalid.Field) != "":
		id := validationField(invalid.Field)
		wz.errs[id] = msg
		switch id {
		case fieldOfficeName, fieldCountry, fieldLanguage:
			wz.step = stepOffice
		case fieldAddress, fieldPhone, fieldEmail, fieldLogo:
			wz.step = stepLetterhead
		}
	default:
		wz.failure = msg
	}
	wz.show()
}

// recoveryStep shows the recovery code once, in large grouped characters,
// with the printable sheet and the box to tick before going on. The code
// is drawn as canvas text: it cannot be selected or copied.
func (wz *setupWizard) recoveryStep() []fyne.CanvasObject {
	groups := strings.FieldsFunc(wz.code, func(r rune) bool { return r == '-' || r == ' ' })
	var lines []fyne.CanvasObject
	wz.codeText = nil
	const perLine = 4
	for i := 0; i < len(groups); i += perLine {
		row := container.NewHBox()
		for _, g := range groups[i:min(i+perLine, len(groups))] {
			t := canvas.NewText(g, theme.Color(theme.ColorNameForeground))
			t.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
			t.TextSize = theme.TextSize() * 2.2
			wz.codeText = append(wz.codeText, t)
			row.Add(t)
			row.Add(spacerW(1))
		}
		lines = append(lines, container.NewCenter(row))
	}
	codeBox := container.NewStack(newBackground(theme.ColorNameHeaderBackground, fyne.Size{}),
		container.NewPadded(container.NewVBox(lines...)))

	objects := []fyne.CanvasObject{
		wrapped(lang.L("setup.recovery.intro")),
		codeBox,
		wrapped(lang.L("setup.recovery.keep")),
	}
	if wz.a.deps.RecoverySheetPDF != nil {
		wz.pdf = widget.NewButtonWithIcon(lang.L("setup.recovery.pdf"), theme.DocumentPrintIcon(), wz.savePDF)
		objects = append(objects, container.NewHBox(wz.pdf))
	} else {
		objects = append(objects, wrapped(lang.L("setup.recovery.writeDown")))
	}
	if wz.saved != "" {
		s := wrapped(wz.saved)
		s.Importance = widget.SuccessImportance
		objects = append(objects, s)
	}
	wz.storedCB = widget.NewCheck(lang.L("setup.recovery.stored"), func(on bool) {
		wz.stored = on
		if on {
			wz.done.Enable()
		} else {
			wz.done.Disable()
		}
	})
	wz.done = widget.NewButtonWithIcon(lang.L("setup.recovery.continue"), theme.NavigateNextIcon(), wz.finish)
	wz.done.Importance = widget.HighImportance
	wz.storedCB.SetChecked(wz.stored)
	if !wz.stored {
		wz.done.Disable()
	}
	return append(objects, wz.storedCB)
}

// savePDF renders the recovery sheet and offers to save it.
func (wz *setupWizard) savePDF() {
	data, err := wz.a.deps.RecoverySheetPDF(wz.office, wz.code, wz.language)
	if err != nil {
		fyne.LogError("recovery sheet", err)
		wz.failure = lang.L("setup.recovery.pdfFailed")
		wz.show()
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			fyne.LogError("save recovery sheet", err)
			wz.failure = lang.L("setup.recovery.saveFailed")
			wz.show()
			return
		}
		if w == nil {
			clear(data)
			return // cancelled
		}
		wz.writeSheet(w, data)
	}, wz.a.w)
	d.SetFileName(lang.L("setup.recovery.fileName") + ".pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show()
}

// writeSheet writes the sheet to the file the person chose.
func (wz *setupWizard) writeSheet(w io.WriteCloser, data []byte) {
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	clear(data)
	if err != nil {
		fyne.LogError("write recovery sheet", fmt.Errorf("write: %w", err))
		wz.failure = lang.L("setup.recovery.saveFailed")
	} else {
		wz.failure = ""
		wz.saved = lang.L("setup.recovery.saved")
	}
	wz.show()
}

// finish forgets the code and goes to the login screen.
func (wz *setupWizard) finish() {
	if !wz.stored {
		return
	}
	username := strings.TrimSpace(wz.username)
	wz.code = ""
	for _, t := range wz.codeText {
		t.Text = ""
	}
	wz.a.wizard = nil
	wz.a.showLogin(username)
}

// spacerW is a blank of a given width in text sizes.
func spacerW(ems float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(theme.TextSize()*ems, 0))
	return r
}

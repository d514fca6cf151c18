package ui

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
)

// bufferCloser is a file being written, in memory.
type bufferCloser struct {
	bytes.Buffer
	closed bool
}

func (b *bufferCloser) Close() error { b.closed = true; return nil }

// shows reports whether the window shows a label with exactly s.
func (f *shellFixture) shows(s string) bool {
	for _, o := range []fyne.CanvasObject{f.content(), f.w.Canvas().Overlays().Top()} {
		if o != nil && hasLabel(o, s) {
			return true
		}
	}
	return false
}

func (f *shellFixture) mustShow(t *testing.T, s string) {
	t.Helper()
	if !f.shows(s) {
		t.Errorf("the window does not show %q; it shows %q", s, texts(f.content()))
	}
}

func TestSetupWizardEndToEnd(t *testing.T) {
	f := newApp(t, newFakeSecurity())
	en := catalog(t, "en")
	if f.app.Screen() != ScreenSetup {
		t.Fatalf("first start shows screen %v, want the setup wizard", f.app.Screen())
	}
	wz := f.app.wizard

	// Step 1: nothing typed.
	test.Tap(wz.next)
	f.mustShow(t, en["field.required"])
	f.mustShow(t, en["setup.office.country.missing"])
	if wz.step != stepOffice {
		t.Fatal("the wizard moved on with empty fields")
	}
	test.Type(wz.entries[fieldOfficeName], "Unité de Kolda")
	test.Type(wz.country, "Atlantis")
	test.Tap(wz.next)
	f.mustShow(t, en["setup.office.country.unknown"])
	if f.shows(en["field.required"]) {
		t.Error("the office name message stays after the name was typed")
	}
	if got := wz.entries[fieldOfficeName].Text; got != "Unité de Kolda" {
		t.Errorf("the office name became %q after a failed step", got)
	}
	// Typing narrows the list; the name is matched without case or accents.
	wz.country.SetText("cote d'iv")
	if !slices.Equal(wz.countryOptions, []string{"Côte d’Ivoire"}) {
		t.Errorf("options for %q: %q", "cote d'iv", wz.countryOptions)
	}
	wz.country.SetText("senegal")
	test.Tap(wz.next)
	if wz.step != stepLetterhead {
		t.Fatalf("step = %d, want the letterhead; texts %q", wz.step, texts(f.content()))
	}

	// Back and forth keeps what was typed.
	test.Tap(wz.back)
	if wz.entries[fieldOfficeName].Text != "Unité de Kolda" || wz.country.Text != "senegal" {
		t.Errorf("going back lost the office: %q, %q", wz.entries[fieldOfficeName].Text, wz.country.Text)
	}
	// Changing the language keeps the values and translates the country.
	test.Tap(wz.langSel)
	tapTextIn(t, f.w.Canvas().Overlays().Top(), "Français")
	fr := catalog(t, "fr")
	f.mustShow(t, fr["setup.office.intro"])
	if wz.entries[fieldOfficeName].Text != "Unité de Kolda" || wz.country.Text != "Sénégal" {
		t.Errorf("changing language lost the office: %q, %q", wz.entries[fieldOfficeName].Text, wz.country.Text)
	}
	test.Tap(wz.langSel)
	tapTextIn(t, f.w.Canvas().Overlays().Top(), "English")
	if wz.country.Text != "Senegal" {
		t.Errorf("country in English: %q", wz.country.Text)
	}
	test.Tap(wz.next)

	// Step 2: letterhead.
	test.Type(wz.entries[fieldAddress], "BP 12, Kolda")
	test.Type(wz.entries[fieldPhone], "call me")
	test.Type(wz.entries[fieldEmail], "cpe at kolda")
	test.Tap(wz.next)
	f.mustShow(t, en["setup.letterhead.phone.invalid"])
	f.mustShow(t, en["setup.letterhead.email.invalid"])
	for _, logo := range []struct {
		data []byte
		want string
	}{
		{[]byte("GIF89a not a png"), en["setup.logo.notImage"]},
		{make([]byte, maxLogoBytes+1), en["setup.logo.tooBig"]},
		{tinyPNG(t, 4001, 2), "This image is too large (4001 × 2 pixels). Choose one at most 4000 pixels wide and high."},
	} {
		wz.setLogo("logo.png", logo.data)
		f.mustShow(t, logo.want)
		if wz.logo != nil {
			t.Error("a refused logo was kept")
		}
	}
	if wz.entries[fieldAddress].Text != "BP 12, Kolda" || wz.entries[fieldPhone].Text != "call me" {
		t.Error("choosing a logo lost what was typed")
	}
	logo := tinyPNG(t, 120, 60)
	wz.setLogo("logo.png", logo)
	if f.shows(en["setup.logo.notImage"]) || !f.shows("logo.png") {
		t.Errorf("the good logo is not shown: %q", texts(f.content()))
	}
	wz.entries[fieldPhone].SetText("+221 33 996 11 22")
	wz.entries[fieldEmail].SetText("cpe.kolda@example.org")
	test.Tap(wz.next)
	if wz.step != stepAdmin {
		t.Fatalf("step = %d, want the admin; texts %q", wz.step, texts(f.content()))
	}
	f.mustShow(t, en["password.rules"])

	// Step 3: the first admin, every password rule in turn.
	test.Type(wz.entries[fieldUsername], "Aminata Diallo")
	test.Tap(wz.next)
	f.mustShow(t, en["user.username.chars"])
	f.mustShow(t, en["field.required"])
	wz.entries[fieldUsername].SetText("aminata.diallo")
	wz.entries[fieldDisplayName].SetText("Aminata Diallo")
	for _, pw := range []struct{ typed, want string }{
		{"short", en["password.rule.tooShort"]},
		{"aminata.diallo", en["password.rule.isUsername"]},
		{"Unité de Kolda", en["password.rule.isOfficeName"]},
		{"1234567890", en["password.rule.common"]},
	} {
		wz.entries[fieldPassword].SetText(pw.typed)
		wz.entries[fieldConfirm].SetText(pw.typed)
		test.Tap(wz.next)
		f.mustShow(t, pw.want)
		if wz.step != stepAdmin {
			t.Fatalf("password %q was accepted", pw.typed)
		}
	}
	wz.entries[fieldPassword].SetText("mangoes under the baobab")
	wz.entries[fieldConfirm].SetText("mangoes under the baobob")
	test.Tap(wz.next)
	f.mustShow(t, en["password.mismatch"])
	f.mustShow(t, en["password.strength.4"])

	// Back to the letterhead and forward: nothing lost, passwords included.
	test.Tap(wz.back)
	if wz.entries[fieldEmail].Text != "cpe.kolda@example.org" || wz.logo == nil {
		t.Error("the letterhead was lost")
	}
	test.Tap(wz.next)
	if wz.entries[fieldUsername].Text != "aminata.diallo" || wz.entries[fieldPassword].Text != "mangoes under the baobab" {
		t.Error("the admin step lost what was typed")
	}
	wz.entries[fieldConfirm].SetText("mangoes under the baobab")
	test.Tap(wz.next)

	// Step 4: the recovery code, once.
	if wz.step != stepRecovery || f.sec.setupIn == nil {
		t.Fatalf("the office was not created: step %d, texts %q", wz.step, texts(f.content()))
	}
	in := f.sec.setupIn
	want := domain.Office{Name: "Unité de Kolda", Country: "SN", Lang: "en", Address: "BP 12, Kolda",
		Phone: "+221 33 996 11 22", Email: "cpe.kolda@example.org"}
	got := in.Office
	got.Logo = nil
	if !reflect.DeepEqual(got, want) || !bytes.Equal(in.Office.Logo, logo) {
		t.Errorf("office = %+v, want %+v", got, want)
	}
	if in.AdminUsername != "aminata.diallo" || in.AdminName != "Aminata Diallo" || string(in.Password) != "mangoes under the baobab" {
		t.Errorf("admin = %q %q %q", in.AdminUsername, in.AdminName, in.Password)
	}
	var groups []string
	walk(f.content(), func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if txt, ok := o.(*canvas.Text); ok && txt.TextStyle.Monospace {
			groups = append(groups, txt.Text)
		}
	})
	if strings.Join(groups, "-") != testCode {
		t.Errorf("code groups on screen = %q, want %s", groups, testCode)
	}
	// The code is drawn, never in a label or entry that could be selected and copied.
	walk(f.content(), func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			if strings.Contains(w.Text, "7K3Q") {
				t.Error("the code is in a label")
			}
		case *widget.Entry:
			if strings.Contains(w.Text, "7K3Q") {
				t.Error("the code is in an entry")
			}
		}
	})
	if c := fyne.CurrentApp().Clipboard().Content(); c != "" {
		t.Errorf("the clipboard holds %q", c)
	}

	// The sheet: rendered by Deps.RecoverySheetPDF and saved through a file dialog.
	test.Tap(wz.pdf)
	if f.pdfs != 1 || f.w.Canvas().Overlays().Top() == nil {
		t.Fatalf("Save as PDF: %d sheets rendered, dialog %v", f.pdfs, f.w.Canvas().Overlays().Top())
	}
	f.app.closeOverlays()
	var file bufferCloser
	wz.writeSheet(&file, []byte("%PDF-1.4 sheet"))
	if file.String() != "%PDF-1.4 sheet" || !file.closed {
		t.Errorf("sheet written: %q, closed %v", file.String(), file.closed)
	}
	f.mustShow(t, en["setup.recovery.saved"])

	// Continue only once the box is ticked.
	if !wz.done.Disabled() {
		t.Error("Continue is enabled before the box is ticked")
	}
	wz.finish()
	test.Tap(wz.done)
	if f.app.Screen() != ScreenSetup {
		t.Fatal("the wizard finished without the box ticked")
	}
	test.Tap(wz.storedCB)
	if wz.done.Disabled() {
		t.Fatal("ticking the box did not enable Continue")
	}
	test.Tap(wz.done)
	if f.app.Screen() != ScreenLogin {
		t.Fatalf("after the wizard: screen %v", f.app.Screen())
	}
	if wz.code != "" {
		t.Error("the wizard still holds the code")
	}
	if sel := f.app.login.userSel; sel == nil || sel.Selected != "Aminata Diallo (aminata.diallo)" {
		t.Errorf("the new admin is not chosen on the login screen: %v", sel)
	}
	if v, _ := f.prefs.get(SettingLanguage); v != "en" {
		t.Errorf("saved language = %q", v)
	}
}

func TestSetupRefusedByCaseworkShowsFieldMessage(t *testing.T) {
	sec := newFakeSecurity()
	f := newApp(t, sec)
	wz := f.app.wizard
	wz.officeName, wz.countryText = "Kolda", "Senegal"
	wz.username, wz.adminName = "aminata", "Aminata Diallo"
	wz.password, wz.confirm = "mangoes under the baobab", "mangoes under the baobab"
	wz.step = stepAdmin
	sec.setupErr = &domain.ValidationError{Field: "office.name", Rule: domain.RuleLength}
	wz.show()
	test.Tap(wz.next)
	if wz.step != stepOffice {
		t.Errorf("a refused office name should bring back step 1, step = %d", wz.step)
	}
	f.mustShow(t, catalog(t, "en")["field.length"])
	if wz.entries[fieldOfficeName].Text != "Kolda" {
		t.Error("the office name was lost")
	}
}

func TestCountryNames(t *testing.T) {
	codes := domain.Countries()
	names, err := loadCountries()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(codes) {
		t.Errorf("countries.json has %d countries, domain %d", len(names), len(codes))
	}
	for _, c := range codes {
		for _, l := range []string{"en", "fr", "pt"} {
			if names[c][l] == "" {
				t.Errorf("no %s name for %s", l, c)
			}
		}
	}
	for _, tt := range []struct{ code, lang, want string }{
		{"SN", "fr", "Sénégal"}, {"CI", "pt", "Costa do Marfim"}, {"CV", "en", "Cabo Verde"},
		{"GW", "pt", "Guiné-Bissau"}, {"CD", "fr", "République démocratique du Congo"}, {"TD", "pt", "Chade"},
	} {
		if got := countryName(tt.code, tt.lang); got != tt.want {
			t.Errorf("countryName(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	// The region's countries come first, in the language's order.
	list := countryCodes("fr")
	if list[0] != "AO" || !slices.Contains(list[:len(nearCountries)], "SN") {
		t.Errorf("French list starts %v", list[:5])
	}
}

func TestSetupWizardMessageGoesAwayWhenTheFieldIsEdited(t *testing.T) {
	f := newApp(t, newFakeSecurity())
	en := catalog(t, "en")
	wz := f.app.wizard
	test.Tap(wz.next)
	f.mustShow(t, en["field.required"])
	test.Type(wz.entries[fieldOfficeName], "Unité de Kolda")
	if wz.fields[fieldOfficeName].err.Visible() {
		t.Fatal("the 'required' message stays under the office name after it was typed")
	}
	if got := wz.entries[fieldOfficeName].Text; got != "Unité de Kolda" {
		t.Fatalf("office name is %q", got)
	}
}

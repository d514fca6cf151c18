package ui

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// asAdmin logs the office's administrator ("ana") in to d's window in
// place of the supervisor.
func (d *realDesk) asAdmin(t *testing.T) *casework.Session {
	t.Helper()
	ss, err := d.svc.Login(context.Background(), "ana", []byte(e2eAdminPW))
	if err != nil {
		t.Fatal(err)
	}
	d.app.loggedIn(ss)
	d.shell = d.app.Shell()
	return ss
}

// addPartner adds p to the directory through an administrator's session
// of its own.
func (d *realDesk) addPartner(t *testing.T, p domain.Partner) domain.Partner {
	t.Helper()
	ctx := context.Background()
	admin, err := d.svc.Login(ctx, "ana", []byte(e2eAdminPW))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := admin.Logout(ctx); err != nil {
			t.Error(err)
		}
	}()
	p, err = admin.SavePartner(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// aHealthCentre is a partner of the directory with an accented name.
func aHealthCentre() domain.Partner {
	return domain.Partner{Name: "Centre de Santé de Kolda", Type: "HealthServiceOrganisation",
		Services: []string{"health", "psychosocial"}, Languages: []string{"fr", "wo"}, Country: "SN",
		Address: "Quartier Gadapara, Kolda", Contact: "Dr Awa Ndiaye, médecin-chef", Phone: "+221 33 996 11 22"}
}

// partnersOn shows the Partners section and returns its panel.
func partnersOn(t *testing.T, d *realDesk) *partnersPanel {
	t.Helper()
	d.shell.Show(SectionPartners)
	p := caseListFind[*partnersPanel](d.content())
	if p == nil {
		t.Fatalf("no partner directory on screen; it shows %q", texts(d.content()))
	}
	return p
}

func listedPartners(p *partnersPanel) []string {
	var out []string
	for _, it := range p.items {
		out = append(out, it.Name)
	}
	return out
}

// TestPartnerDirectoryAdmin: the administrator adds a partner, meets the
// messages under the fields first with nothing typed lost, finds it by an
// accent-free search and by service, edits it, deactivates it (gone from
// the default list, back with "show deactivated") and reactivates it.
func TestPartnerDirectoryAdmin(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	admin := d.asAdmin(t)
	ctx := context.Background()
	p := partnersOn(t, d)

	// An empty directory asks for the first partner.
	if !p.noPartners.Visible() || findButton(p.noPartners, en["partners.add.first"]) == nil {
		t.Fatalf("an empty directory does not offer the first partner; it shows %q", texts(d.content()))
	}
	if p.split.Visible() || p.searchRow.Visible() {
		t.Error("an empty directory shows its search and list")
	}
	if p.readOnly.Visible() {
		t.Error("the administrator is told the directory is read-only")
	}
	test.Tap(findButton(p.noPartners, en["partners.add.first"]))
	f := p.form
	if f == nil || p.noPartners.Visible() || !p.split.Visible() {
		t.Fatal("Add the first partner opens no form")
	}

	// Everything but the name, and an e-mail without @.
	f.typ.SetSelected(en["partners.type.HealthServiceOrganisation"])
	f.services[slices.Index(domain.ServiceTypes, "health")].SetChecked(true)
	f.services[slices.Index(domain.ServiceTypes, "psychosocial")].SetChecked(true)
	f.langs[1].SetChecked(true) // French
	test.Type(f.others, "wo, ff")
	test.Type(f.country, "Senegal")
	test.Type(f.address, "Quartier Gadapara, Kolda")
	test.Type(f.contact, "Dr Awa Ndiaye, médecin-chef")
	test.Type(f.phone, "+221 33 996 11 22")
	test.Type(f.email, "cs.kolda")
	test.Type(f.hours, "Lun–Ven 8 h–17 h")
	test.Type(f.notes, "Accueil des enfants\nsans rendez-vous")
	test.Tap(f.save)

	if got := f.fields[pfName].err.Text; got != en["field.required"] || !f.fields[pfName].err.Visible() {
		t.Errorf("no name: message %q, want %q", got, en["field.required"])
	}
	if got := f.fields[pfEmail].err.Text; got != en["partners.error.email"] {
		t.Errorf("an e-mail without @: message %q", got)
	}
	if f.fields[pfPhone].err.Visible() || f.fields[pfType].err.Visible() {
		t.Error("a message under a right field")
	}
	if !f.message.Visible() || f.message.Text != en["partners.fixFirst"] {
		t.Errorf("by the Save button: %q", f.message.Text)
	}
	if p.form != f {
		t.Fatal("the form closed on a refusal")
	}
	for _, e := range []struct {
		got, want string
	}{{f.phone.Text, "+221 33 996 11 22"}, {f.email.Text, "cs.kolda"}, {f.address.Text, "Quartier Gadapara, Kolda"},
		{f.others.Text, "wo, ff"}, {f.country.Text, "Senegal"}, {f.notes.Text, "Accueil des enfants\nsans rendez-vous"},
		{f.typ.Selected, en["partners.type.HealthServiceOrganisation"]}, {f.letters.Selected, "French"}} {
		if e.got != e.want {
			t.Errorf("after the refusal a field holds %q, want %q", e.got, e.want)
		}
	}
	if !f.services[slices.Index(domain.ServiceTypes, "health")].Checked || !f.langs[1].Checked {
		t.Error("the ticks were lost")
	}
	if list, _ := admin.Partners(ctx, casework.PartnerQuery{IncludeInactive: true}); len(list) != 0 {
		t.Fatalf("a refused partner was saved: %v", list)
	}

	// Typing clears the message of the field typed in.
	test.Type(f.name, "Centre de Santé de Kolda")
	if f.fields[pfName].err.Visible() {
		t.Error("the name's message stays once a name is typed")
	}
	// A card file too large for one is refused; a small one is kept.
	f.readCard(bytes.NewReader(make([]byte, casework.MaxPartnerCardBytes+1)))
	if got := f.fields[pfCard].err.Text; !strings.Contains(got, "64 KB") || !f.fields[pfCard].err.Visible() {
		t.Errorf("a 64 KB+ card: message %q", got)
	}
	f.readCard(strings.NewReader("AMPARO-CARD v1 kolda"))
	if f.fields[pfCard].err.Visible() || !strings.HasPrefix(f.cardLabel.Text, "Card attached") {
		t.Errorf("a small card: %q, message %q", f.cardLabel.Text, f.fields[pfCard].err.Text)
	}
	f.email.SetText("cs.kolda@sante.sn")
	test.Tap(f.save)
	if p.form != nil {
		t.Fatalf("the form stays open after Save; messages %q", texts(f.box))
	}
	list, err := admin.Partners(ctx, casework.PartnerQuery{})
	if err != nil || len(list) != 1 {
		t.Fatalf("saved: %v %v", list, err)
	}
	saved := list[0]
	if saved.Name != "Centre de Santé de Kolda" || saved.Type != "HealthServiceOrganisation" || saved.Country != "SN" ||
		strings.Join(saved.Languages, ",") != "fr,wo,ff" || strings.Join(saved.Services, ",") != "psychosocial,health" ||
		saved.Email != "cs.kolda@sante.sn" || string(saved.Card) != "AMPARO-CARD v1 kolda" || saved.LetterLanguage() != "fr" {
		t.Errorf("saved %+v", saved)
	}
	if p.notice.Text != "Centre de Santé de Kolda is added to the directory." {
		t.Errorf("notice %q", p.notice.Text)
	}
	if p.selected != saved.ID || p.edit == nil || !hasLabel(p.side, "+221 33 996 11 22") || !hasLabel(p.side, "Senegal") {
		t.Errorf("the partner saved is not shown; the side shows %q", texts(p.side))
	}

	// A second partner, to search among.
	d.addPartner(t, domain.Partner{Name: "Association des Juristes Sénégalaises", Type: "LegalService",
		Services: []string{"legal"}, Languages: []string{"fr"}, Notes: "Aide juridique gratuite"})
	p = partnersOn(t, d)
	if got := strings.Join(listedPartners(p), "|"); got != "Association des Juristes Sénégalaises|Centre de Santé de Kolda" {
		t.Fatalf("listed %q", got)
	}
	test.Type(p.search, "sante")
	if got := strings.Join(listedPartners(p), "|"); got != "Centre de Santé de Kolda" {
		t.Errorf("\"sante\" finds %q", got)
	}
	if !p.clear.Visible() {
		t.Error("no way to clear the search")
	}
	p.search.SetText("gratuite") // in the notes
	if got := strings.Join(listedPartners(p), "|"); got != "Association des Juristes Sénégalaises" {
		t.Errorf("a word of the notes finds %q", got)
	}
	p.search.SetText("nowhere")
	if !p.noMatch.Visible() || p.list.Visible() {
		t.Error("no friendly text when nothing matches")
	}
	tapTextIn(t, p.noMatch, en["partners.filter.clear"])
	if p.search.Text != "" || len(p.items) != 2 {
		t.Errorf("Clear the search leaves %q and %d partners", p.search.Text, len(p.items))
	}
	p.service.SetSelected(en["case.vocab.service.legal"])
	if got := strings.Join(listedPartners(p), "|"); got != "Association des Juristes Sénégalaises" {
		t.Errorf("the legal aid filter lists %q", got)
	}
	p.service.SetSelectedIndex(0)

	// Edit: the form comes with the partner's values; a change is saved.
	p.list.Select(1)
	if p.selected != saved.ID || p.edit == nil {
		t.Fatalf("choosing a partner shows %q", texts(p.side))
	}
	test.Tap(p.edit)
	if p.form == nil || p.form.name.Text != "Centre de Santé de Kolda" || p.form.others.Text != "wo, ff" || p.form.country.Text != "Senegal" {
		t.Fatalf("Edit opens %+v", p.form)
	}
	p.form.phone.SetText("+221 77 000 00 00")
	test.Tap(p.form.save)
	if got, _ := admin.Partner(ctx, saved.ID); got.Phone != "+221 77 000 00 00" || got.Created.IsZero() || string(got.Card) != "AMPARO-CARD v1 kolda" {
		t.Errorf("edited: %+v", got)
	}
	if p.notice.Text != "The changes to Centre de Santé de Kolda are saved." {
		t.Errorf("notice %q", p.notice.Text)
	}

	// Deactivate, after a confirmation: gone from the default list.
	test.Tap(p.toggle)
	top := d.w.Canvas().Overlays().Top()
	if top == nil || findText(top, "Deactivate Centre de Santé de Kolda?") == nil {
		t.Fatal("Deactivate asks nothing")
	}
	tapTextIn(t, top, en["partners.deactivate"])
	if got := strings.Join(listedPartners(p), "|"); got != "Association des Juristes Sénégalaises" {
		t.Errorf("after deactivating, the list shows %q", got)
	}
	if got, _ := admin.Partner(ctx, saved.ID); !got.Inactive {
		t.Error("not deactivated")
	}
	p.inactive.SetChecked(true)
	if got := strings.Join(listedPartners(p), "|"); got != "Association des Juristes Sénégalaises|Centre de Santé de Kolda" {
		t.Errorf("with deactivated ones the list shows %q", got)
	}
	if p.toggle == nil || p.toggle.Text != en["partners.reactivate"] || !hasLabel(p.side, en["partners.inactive.help"]) {
		t.Errorf("a deactivated partner shows %q", texts(p.side))
	}
	test.Tap(p.toggle)
	tapTextIn(t, d.w.Canvas().Overlays().Top(), en["partners.reactivate"])
	if got, _ := admin.Partner(ctx, saved.ID); got.Inactive {
		t.Error("not reactivated")
	}
}

// TestPartnerFormKeepsDraftThroughLanguageChange: what is typed in the
// form comes back in the form after a switch to French.
func TestPartnerFormKeepsDraftThroughLanguageChange(t *testing.T) {
	d := newRealDesk(t, "en")
	d.asAdmin(t)
	p := partnersOn(t, d)
	test.Tap(p.add)
	test.Type(p.form.name, "Caritas Ziguinchor")
	p.form.langs[2].SetChecked(true)
	p.form.services[0].SetChecked(true)
	if err := d.shell.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	p = caseListFind[*partnersPanel](d.content())
	if p == nil || p.form == nil {
		t.Fatal("the form is gone after the switch")
	}
	if p.form.name.Text != "Caritas Ziguinchor" || !p.form.langs[2].Checked || !p.form.services[0].Checked || p.form.letters.Selected != "portugais" {
		t.Errorf("after the switch: name %q, pt %v, letters %q", p.form.name.Text, p.form.langs[2].Checked, p.form.letters.Selected)
	}
	if p.form.save.Text != "Enregistrer le partenaire" {
		t.Errorf("the form is not in French: %q", p.form.save.Text)
	}
}

// TestPartnerDirectoryReadOnly: a supervisor reads the directory and is
// told who changes it; nothing offers a change.
func TestPartnerDirectoryReadOnly(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	pt := d.addPartner(t, aHealthCentre())
	p := partnersOn(t, d)
	if !p.readOnly.Visible() || p.readOnly.Text != en["partners.readOnly"] {
		t.Errorf("no read-only line: %q", p.readOnly.Text)
	}
	if p.add.Visible() || findButton(d.content(), en["partners.add"]) != nil {
		t.Error("a supervisor is offered Add partner")
	}
	p.list.Select(0)
	if p.selected != pt.ID || !hasLabel(p.side, "Dr Awa Ndiaye, médecin-chef") {
		t.Fatalf("the partner's details are not shown: %q", texts(p.side))
	}
	for _, b := range []string{en["partners.edit"], en["partners.deactivate"]} {
		if findButton(d.content(), b) != nil {
			t.Errorf("a supervisor is offered %q", b)
		}
	}
	p.openForm(pt)
	if p.form != nil {
		t.Error("the form opens for a supervisor")
	}
	if _, err := d.sess.SavePartner(context.Background(), pt); err == nil {
		t.Error("casework let a supervisor change the directory")
	}
	// An empty state of the filters, in words.
	test.Type(p.search, "zzz")
	if !p.noMatch.Visible() {
		t.Error("no friendly text when nothing matches")
	}
}

// TestPartnerDirectoryEmptyReadOnly: a supervisor of an office without
// partners is told to ask the administrator.
func TestPartnerDirectoryEmptyReadOnly(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	p := partnersOn(t, d)
	if !p.noPartners.Visible() || !hasLabel(p.noPartners, en["partners.readOnly.empty"]) {
		t.Errorf("empty directory shows %q", texts(d.content()))
	}
}

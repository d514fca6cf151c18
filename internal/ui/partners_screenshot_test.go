package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
)

// TestPartnersAndReferralsScreenshots renders the partner directory (the
// list with a partner chosen, the form with messages, the read-only view),
// the Referrals view and the dashboard with an overdue referral, at
// 1366x768 and in the smallest window, in English and French:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run PartnersAndReferralsScreenshots ./internal/ui/
func TestPartnersAndReferralsScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range []string{"en", "fr"} {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			shot := func(name string) {
				t.Helper()
				img := d.w.Canvas().Capture()
				size := d.w.Canvas().Size()
				if img.Bounds().Dx() != int(size.Width) || img.Bounds().Dy() != int(size.Height) {
					t.Errorf("%s: capture is %v, the window grew", name, img.Bounds())
				}
				writePNG(t, filepath.Join(dir, code+"-partners-"+name+".png"), img)
			}

			// Referrals first, as the supervisor.
			referralsOn(t, d)
			shot("1-referrals-none")
			partnersOn(t, d)
			shot("1b-directory-empty")
			health := d.addPartner(t, aHealthCentre())
			long := d.addPartner(t, domain.Partner{Name: "Association des Juristes Sénégalaises pour la Défense des Droits de l’Enfant et de la Famille",
				Type: "LegalService", Services: []string{"legal", "documentation", "family-tracing", "psychosocial"},
				Languages: []string{"fr", "wo", "ff"}, Phone: "+221 33 824 00 00", Notes: "Aide juridique gratuite"})
			d.addPartner(t, domain.Partner{Name: "Brigade des mineurs", Type: "LawEnforcement", Services: []string{"safety"},
				Languages: []string{"fr"}, Inactive: true})
			kofi := d.addCase(t, anAdult())
			d.sendReferral(t, kofi.ID, health, []string{"health", "psychosocial"}, domain.ReferralNormal, 20)
			d.sendReferral(t, kofi.ID, long, []string{"legal", "documentation", "family-tracing"}, domain.ReferralUrgent, 0)
			boy := d.addCase(t, domain.Case{Person: domain.Person{FirstName: "Amadou", LastName: "Baldé-Mendes da Silva Conceição",
				Gender: domain.GenderMasculine, AgeEstimate: 25, AgeEstimateBy: domain.AgeSelfReported, Languages: []string{"pt"}}})
			d.sendReferral(t, boy.ID, long, []string{"legal"}, domain.ReferralEmergency, -1)
			p := referralsOn(t, d)
			shot("2-referrals-open")
			p.filter.SetSelected(p.choices[refShowAll])
			shot("3-referrals-all")
			d.shell.Show(SectionDashboard)
			shot("4-dashboard")
			d.shell.deps.Documents.IntakeBlank = func(domain.Office, string) ([]byte, error) { return nil, nil }
			d.shell.Show(SectionCases)
			shot("4b-cases-blank-form")
			d.w.Resize(MinWindowSize)
			d.shell.Show(SectionCases)
			shot("4c-small-cases-blank-form")
			d.w.Resize(laptop)

			// The directory as the supervisor reads it.
			pp := partnersOn(t, d)
			pp.list.Select(1)
			shot("5-readonly")
			d.w.Resize(MinWindowSize)
			referralsOn(t, d)
			shot("5b-small-referrals")
			d.w.Resize(laptop)

			// As the administrator: a partner chosen, then the form.
			d.asAdmin(t)
			pp = partnersOn(t, d)
			pp.list.Select(0)
			shot("6-admin-details")
			test.Tap(pp.add)
			f := pp.form
			f.typ.SetSelectedIndex(0)
			f.services[0].SetChecked(true)
			test.Type(f.others, "wo, x1")
			test.Type(f.country, "Nowhere")
			test.Type(f.email, "caritas")
			test.Tap(f.save)
			shot("7-form-errors")
			if sc, ok := pp.side.Objects[0].(*container.Scroll); ok {
				scrollTo(sc, f.fields[pfLanguages].box)
			}
			shot("7b-form-languages")
			f.readCard(tooLargeCard{})
			scrollToEnd(t, pp.side)
			shot("8-form-end")
			pp.search.SetText("nothing like it")
			shot("9-nomatch")

			d.w.Resize(MinWindowSize)
			pp = partnersOn(t, d)
			pp.list.Select(0)
			shot("10-small-details")
			test.Tap(pp.add)
			shot("11-small-form")
		})
	}
}

// tooLargeCard reads as an endless file.
type tooLargeCard struct{}

func (tooLargeCard) Read(b []byte) (int, error) { return len(b), nil }

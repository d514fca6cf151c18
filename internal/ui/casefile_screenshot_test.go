package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// TestCaseFileIntakeScreenshots renders the intake form's sections and the
// case file's tabs at 1366x768 in each language:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run CaseFileIntakeScreenshots ./internal/ui/
func TestCaseFileIntakeScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range i18n.Supported {
		t.Run(code, func(t *testing.T) {
			f, office := newCaseFileShell(t)
			if err := f.shell.SetLanguage(code); err != nil {
				t.Fatal(err)
			}
			shot := func(name string) {
				t.Helper()
				img := f.w.Canvas().Capture()
				if img.Bounds().Dx() != int(laptop.Width) || img.Bounds().Dy() != int(laptop.Height) {
					t.Errorf("%s: capture is %v", name, img.Bounds())
				}
				writePNG(t, filepath.Join(dir, code+"-"+name+".png"), img)
			}
			old := office.add(domain.Case{Person: domain.Person{FirstName: "Aminata", LastName: "Camara", AgeEstimate: 16,
				AgeEstimateBy: domain.AgeAppearance}})
			office.dups = []casework.DuplicateMatch{{
				Case:    casework.CaseSummary{ID: old.ID, Code: old.Code, Name: "Aminata Camara", Status: domain.StatusActive, IsChild: true},
				Reasons: []string{"name", "age"},
			}}

			in := startIntake(t, f)
			shot("intake-1-who")
			typeIn(t, in.form, "person.birthDate", "31/02/2011")
			next(t, in)
			shot("intake-1-who-errors")
			in.form.entries["person.birthDate"].SetText("")
			typeIn(t, in.form, "person.firstName", "Aminata")
			typeIn(t, in.form, "person.lastName", "Kamara")
			choose(t, in.form, "person.gender", "Feminine")
			choose(t, in.form, fieldAgeMode, ageByEstimate)
			typeIn(t, in.form, "person.ageEstimate", "18")
			choose(t, in.form, "person.ageEstimateBy", string(domain.AgeSelfReported))
			tick(t, in.form, "person.ageUncertain")
			tick(t, in.form, "person.mayBeChild")
			in.scroll.ScrollToBottom()
			shot("intake-1-who-presumed-child")
			next(t, in)
			shot("intake-duplicates")
			test.Tap(in.differentButton)
			shot("intake-2-child")
			typeIn(t, in.form, "child.guardian.name", "Mariama Diallo")
			choose(t, in.form, "child.guardian.relation", "appointed-guardian")
			typeIn(t, in.form, "child.guardian.appointedBy", "Tribunal de Kolda")
			next(t, in)
			tick(t, in.form, "person.languages", "ff", "fr", "mnk")
			in.form.pickers["person.citizenship"].entry.SetText(countryName("GN", code))
			test.Tap(in.form.pickers["person.citizenship"].add)
			in.form.pickers["person.citizenship"].entry.SetText(countryName("SN", code))
			test.Tap(in.form.pickers["person.citizenship"].add)
			test.Tap(findButton(f.content(), catalog(t, code)["case.document.add"]))
			choose(t, in.form, "person.documents[0].kind", "birth-certificate")
			choose(t, in.form, "person.documents[0].heldBy", "trafficker")
			shot("intake-3-more")
			scrollTo(in.scroll, in.form.fields["person.citizenship"].box)
			shot("intake-3-more-citizenship")
			in.scroll.ScrollToBottom()
			shot("intake-3-more-end")
			next(t, in)
			choose(t, in.form, "trafficking.status", string(domain.TraffickingPossible))
			tick(t, in.form, "trafficking.exploitation", "ForcedLabour", "SexualExploitation")
			tick(t, in.form, "trafficking.control", "WithholdsDocuments", "DebtBondage", "PhysicalThreats")
			typeIn(t, in.form, "trafficking.ageWhenTrafficked", "15")
			typeIn(t, in.form, "trafficking.narrative", map[string]string{
				"en": "She says a woman from her village promised her work as a maid in Dakar. She does not want to talk about the journey.",
				"fr": "Elle dit qu’une femme de son village lui a promis un travail de domestique à Dakar. Elle ne veut pas parler du voyage.",
				"pt": "Diz que uma mulher da aldeia lhe prometeu trabalho como empregada doméstica em Dacar. Não quer falar da viagem.",
			}[code])
			tick(t, in.form, "trafficking.vulnerabilities", "Poverty", "Education", "Migration")
			test.Tap(findButton(f.content(), catalog(t, code)["case.perpetrator.add"]))
			tick(t, in.form, "perpetrators[0].roles", "RecruiterOrIntermediary", "Exploiter")
			typeIn(t, in.form, "perpetrators[0].details", map[string]string{
				"en": "Kept her papers", "fr": "A gardé ses papiers", "pt": "Ficou com os documentos dela"}[code])
			test.Tap(findButton(f.content(), catalog(t, code)["case.event.add"]))
			shot("intake-4-trafficking")
			scrollTo(in.scroll, in.form.fields["events"].box)
			shot("intake-4-trafficking-places")
			scrollTo(in.scroll, in.form.fields["perpetrators"].box)
			shot("intake-4-trafficking-perpetrators")
			in.scroll.ScrollToBottom()
			shot("intake-4-trafficking-end")
			choose(t, in.form, "events[0].type", "Recruitment")
			typeIn(t, in.form, "events[0].from", "2024")
			next(t, in)
			choose(t, in.form, "stage", string(domain.StageAssistance))
			typeIn(t, in.form, fieldFirstFollowUp, "2/12/2026")
			shot("intake-5-plan")
			next(t, in)

			cf := caseFileOf(t, f)
			shot("casefile-summary")
			for _, tab := range []string{tabPerson, tabChild, tabTrafficking, tabPlan, tabConsent, tabHistory} {
				cf.selectTab(tab)
				shot("casefile-" + tab)
			}
			cf.selectTab(tabTrafficking)
			scrollToEnd(t, cf.items[tabTrafficking].Content)
			shot("casefile-trafficking-end")
			test.Tap(cf.editButtons[tabTrafficking])
			shot("casefile-trafficking-edit")
			scrollTo(cf.editScroll, cf.form.fields["perpetrators"].box)
			shot("casefile-trafficking-edit-perpetrators")
			test.Tap(cf.cancelButton)
			cf.selectTab(tabPerson)
			test.Tap(cf.editButtons[tabPerson])
			shot("casefile-person-edit")
			test.Tap(cf.cancelButton)
			cf.selectTab(tabChild)
			test.Tap(cf.editButtons[tabChild])
			typeIn(t, cf.form, "child.bia.assessedOn", "30/11/2026")
			test.Tap(cf.saveButton)
			shot("casefile-child-bia-error")
			test.Tap(cf.cancelButton)
			test.Tap(cf.closeButton)
			shot("casefile-close")
			cf.closeReason.SetSelectedIndex(0)
			test.Tap(cf.closeSubmit)
			shot("casefile-close-refused")
		})
	}
}

// TestCaseFileIntakeSmallWindow renders the intake form and the case file
// in the smallest window Amparo restores: nothing may make it grow.
func TestCaseFileIntakeSmallWindow(t *testing.T) {
	dir := screenshotDir(t)
	f, office := newCaseFileShell(t)
	f.w.Resize(MinWindowSize)
	shot := func(name string) {
		t.Helper()
		img := f.w.Canvas().Capture()
		if img.Bounds().Dx() != int(MinWindowSize.Width) || img.Bounds().Dy() != int(MinWindowSize.Height) {
			t.Errorf("%s: capture is %v, the window grew", name, img.Bounds())
		}
		writePNG(t, filepath.Join(dir, "en-small-"+name+".png"), img)
	}
	in := startIntake(t, f)
	typeIn(t, in.form, "person.firstName", "Aminata")
	typeIn(t, in.form, "person.birthDate", "03/05/2012")
	shot("intake-1-who")
	next(t, in)
	shot("intake-2-child")
	next(t, in)
	next(t, in)
	shot("intake-4-trafficking")
	next(t, in)
	shot("intake-5-plan")
	next(t, in)
	cf := caseFileOf(t, f)
	shot("casefile-summary")
	cf.selectTab(tabPlan)
	shot("casefile-plan")
	office.dups = nil
}

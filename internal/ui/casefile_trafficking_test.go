package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
)

const account = "He said a man from his village promised him work in a mine. He does not want to speak about the journey."

// TestCaseFileTraffickingAccountAgeVulnerabilitiesPerpetrators edits the
// four parts of the Trafficking tab and saves them through UpdateCase.
func TestCaseFileTraffickingAccountAgeVulnerabilitiesPerpetrators(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	cf := openCaseFile(t, f, office, aChild()) // 14 years old
	cf.selectTab(tabTrafficking)
	f.mustShow(t, en["casefile.narrative"])
	f.mustShow(t, en["casefile.narrative.none"])

	test.Tap(cf.editButtons[tabTrafficking])
	if ff := cf.form.fields["trafficking.narrative"]; ff == nil || !hasLabel(ff.box, en["case.trafficking.narrative.help"]) {
		t.Fatal("the account has no field, or not its hint")
	}
	if !hasLabel(cf.form.fields["perpetrators"].box, en["case.trafficking.perpetrators.help"]) {
		t.Error("the perpetrators' list does not say that no identity is kept")
	}
	typeIn(t, cf.form, "trafficking.narrative", account)
	tick(t, cf.form, "trafficking.vulnerabilities", "Poverty", "Education")

	// The age: not a number, then above her age now, then over 120.
	for _, bad := range []struct{ text, msg string }{
		{"twelve", en["case.rule.number"]},
		{"-3", en["case.rule.number"]},
		{"15", en["case.rule.ageWhenTrafficked"]},
		{"130", en["case.rule.ageWhenTrafficked"]},
	} {
		cf.form.entries["trafficking.ageWhenTrafficked"].SetText(bad.text)
		test.Tap(cf.saveButton)
		if got := fieldError(t, cf.form, "trafficking.ageWhenTrafficked"); got != bad.msg {
			t.Errorf("age %q: message %q, want %q", bad.text, got, bad.msg)
		}
		if len(office.updated) != 0 || cf.form.entries["trafficking.ageWhenTrafficked"].Text != bad.text {
			t.Fatalf("age %q: saved, or the text was lost", bad.text)
		}
	}
	cf.form.entries["trafficking.ageWhenTrafficked"].SetText("12")
	if got := fieldError(t, cf.form, "trafficking.ageWhenTrafficked"); got != "" {
		t.Errorf("the message stays after a new age: %q", got)
	}

	// Two perpetrators; the first is removed.
	add := findButton(f.content(), en["case.perpetrator.add"])
	if add == nil {
		t.Fatal("no Add a perpetrator")
	}
	test.Tap(add)
	test.Tap(findButton(f.content(), en["case.perpetrator.add"]))
	tick(t, cf.form, "perpetrators[0].roles", "Smuggler")
	typeIn(t, cf.form, "perpetrators[0].details", "Took him across the border")
	tick(t, cf.form, "perpetrators[1].roles", "RecruiterOrIntermediary", "Exploiter")
	typeIn(t, cf.form, "perpetrators[1].details", "Ran the mine")
	test.Tap(findButton(f.content(), en["case.perpetrator.remove"]))
	if cf.form.count("perpetrators") != 1 || cf.form.entries["perpetrators[0].details"].Text != "Ran the mine" ||
		!slices.Equal(cf.form.grids["perpetrators[0].roles"].selected(), []string{"RecruiterOrIntermediary", "Exploiter"}) {
		t.Fatalf("after Remove: %v", cf.form.v)
	}

	test.Tap(cf.saveButton)
	if len(office.updated) != 1 {
		t.Fatalf("%d updates; messages %v", len(office.updated), cf.form.errs)
	}
	saved := office.updated[0]
	tr := saved.Trafficking
	if tr.Narrative != account || tr.AgeWhenTrafficked != 12 || !slices.Equal(tr.Vulnerabilities, []string{"Poverty", "Education"}) {
		t.Errorf("saved %+v", tr)
	}
	want := []domain.Perpetrator{{Roles: []string{"RecruiterOrIntermediary", "Exploiter"}, Details: "Ran the mine"}}
	if len(saved.Perpetrators) != 1 || !slices.Equal(saved.Perpetrators[0].Roles, want[0].Roles) || saved.Perpetrators[0].Details != want[0].Details {
		t.Errorf("perpetrators saved as %+v", saved.Perpetrators)
	}
	if tr.Status != domain.TraffickingPossible || !slices.Equal(tr.Exploitation, []string{"ForcedBegging"}) {
		t.Errorf("the other fields changed: %+v", tr)
	}

	// Read again: every part shows in words.
	for _, s := range []string{account, "12", "Poverty, Little or no schooling", "Recruiter or intermediary, Exploiter · Ran the mine"} {
		f.mustShow(t, s)
	}
	if f.shows(en["casefile.narrative.none"]) {
		t.Error("the tab still says nothing is recorded")
	}

	// Edit again, remove the last perpetrator: the case keeps none.
	test.Tap(cf.editButtons[tabTrafficking])
	if cf.form.entries["trafficking.narrative"].Text != account || cf.form.entries["trafficking.ageWhenTrafficked"].Text != "12" {
		t.Fatal("Edit did not bring back the account and the age")
	}
	test.Tap(findButton(f.content(), en["case.perpetrator.remove"]))
	test.Tap(cf.saveButton)
	if n := len(office.updated); n != 2 || len(office.updated[1].Perpetrators) != 0 {
		t.Errorf("after removing the last perpetrator: %d updates, %+v", n, office.updated[n-1].Perpetrators)
	}
}

// TestIntakeWhatHappenedSavesTheNewParts fills the four parts in the
// intake's "What happened" section.
func TestIntakeWhatHappenedSavesTheNewParts(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	in := startIntake(t, f)
	typeIn(t, in.form, "person.firstName", "Moussa")
	typeIn(t, in.form, "person.birthDate", "12/04/1998")
	next(t, in)
	next(t, in)
	if in.step != stepTrafficking {
		t.Fatalf("step %v", in.step)
	}
	typeIn(t, in.form, "trafficking.narrative", account)
	tick(t, in.form, "trafficking.vulnerabilities", "Migration")
	typeIn(t, in.form, "trafficking.ageWhenTrafficked", "40")
	next(t, in)
	if got := fieldError(t, in.form, "trafficking.ageWhenTrafficked"); got != en["case.rule.ageWhenTrafficked"] || in.step != stepTrafficking {
		t.Fatalf("an age above the person's: message %q, step %v", got, in.step)
	}
	in.form.entries["trafficking.ageWhenTrafficked"].SetText("25")
	test.Tap(findButton(f.content(), en["case.perpetrator.add"]))
	tick(t, in.form, "perpetrators[0].roles", "Transporter")
	typeIn(t, in.form, "perpetrators[0].details", "Drove the bus")
	next(t, in)
	if in.step != stepPlan {
		t.Fatalf("did not go on: step %v, messages %v", in.step, in.form.errs)
	}
	c := office.updated[len(office.updated)-1]
	if c.Trafficking.Narrative != account || c.Trafficking.AgeWhenTrafficked != 25 ||
		!slices.Equal(c.Trafficking.Vulnerabilities, []string{"Migration"}) || len(c.Perpetrators) != 1 ||
		!slices.Equal(c.Perpetrators[0].Roles, []string{"Transporter"}) || c.Perpetrators[0].Details != "Drove the bus" {
		t.Errorf("saved %+v %+v", c.Trafficking, c.Perpetrators)
	}
}

// TestTraffickingAccountDraftSurvivesLock: the account being written in
// the Trafficking tab is sealed at a lock and comes back after it.
func TestTraffickingAccountDraftSurvivesLock(t *testing.T) {
	f, office := newCaseFileShell(t)
	cf := openCaseFile(t, f, office, aChild())
	cf.selectTab(tabTrafficking)
	test.Tap(cf.editButtons[tabTrafficking])
	typeIn(t, cf.form, "trafficking.narrative", account)
	test.Tap(findButton(f.content(), catalog(t, "en")["case.perpetrator.add"]))
	tick(t, cf.form, "perpetrators[0].roles", "Kidnapper")

	f.app.Lock()
	sealed := f.app.sealed[draftCaseFile]
	if len(sealed) == 0 || !strings.HasPrefix(string(sealed), sealMark) {
		t.Fatal("the case file's draft was not sealed")
	}
	if strings.Contains(string(sealed), "village") {
		t.Error("the account is kept in the clear")
	}
	if len(cf.form.v) != 0 || f.shows(account) {
		t.Error("the account stays on screen or in memory while locked")
	}

	test.Type(f.app.lock.password, "joao password 1")
	test.Tap(f.app.lock.unlock)
	restoreCaseScreen(t, f, sealed, draftCaseFile)
	cf = caseFileOf(t, f)
	if cf.editing != tabTrafficking || cf.form.entries["trafficking.narrative"].Text != account ||
		!slices.Equal(cf.form.grids["perpetrators[0].roles"].selected(), []string{"Kidnapper"}) {
		t.Fatalf("after unlock: editing %q, values %v", cf.editing, cf.form.v)
	}
	test.Tap(cf.saveButton)
	if len(office.updated) != 1 || office.updated[0].Trafficking.Narrative != account ||
		len(office.updated[0].Perpetrators) != 1 || office.updated[0].Perpetrators[0].Roles[0] != "Kidnapper" {
		t.Errorf("what was typed before the lock was not saved: %+v", office.updated)
	}
}

// TestIntakeAccountDraftSurvivesLock: the same in the intake form.
func TestIntakeAccountDraftSurvivesLock(t *testing.T) {
	f, office := newCaseFileShell(t)
	in := startIntake(t, f)
	typeIn(t, in.form, "person.firstName", "Moussa")
	next(t, in)
	next(t, in)
	typeIn(t, in.form, "trafficking.narrative", account)

	f.app.Lock()
	sealed := f.app.sealed[draftIntake]
	if len(sealed) == 0 || strings.Contains(string(sealed), "village") {
		t.Fatal("the intake's draft was not sealed, or keeps the account in the clear")
	}
	if in.form.entries["trafficking.narrative"].Text != "" {
		t.Error("the account stays in the field while locked")
	}
	test.Type(f.app.lock.password, "joao password 1")
	test.Tap(f.app.lock.unlock)
	restoreCaseScreen(t, f, sealed, draftIntake)
	in = intakeOf(t, f)
	if in.step != stepTrafficking || in.form.entries["trafficking.narrative"].Text != account {
		t.Fatalf("after unlock: step %v, values %v", in.step, in.form.v)
	}
	next(t, in)
	if c := office.updated[len(office.updated)-1]; c.Trafficking.Narrative != account {
		t.Errorf("saved account %q", c.Trafficking.Narrative)
	}
}

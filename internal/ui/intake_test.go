package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// startIntake opens the intake form as the list's New case button does.
func startIntake(t *testing.T, f *shellFixture) *intakeForm {
	t.Helper()
	f.shell.newCase()
	if f.shell.Section() != SectionCases {
		t.Fatalf("New case shows section %v", f.shell.Section())
	}
	return intakeOf(t, f)
}

// typeIn types text into a field of the form on screen, key by key.
func typeIn(t *testing.T, form *caseForm, id, text string) {
	t.Helper()
	e := form.entries[id]
	if e == nil {
		t.Fatalf("no field %s on screen", id)
	}
	test.Type(e, text)
}

// choose picks a stored value in a drop-down or radio group on screen.
func choose(t *testing.T, form *caseForm, id, value string) {
	t.Helper()
	i := slices.IndexFunc(form.options[id], func(o option) bool { return o.value == value })
	if i < 0 {
		t.Fatalf("%s offers no %q", id, value)
	}
	switch {
	case form.selects[id] != nil:
		form.selects[id].SetSelectedIndex(i)
	case form.radios[id] != nil:
		form.radios[id].SetSelected(form.options[id][i].label)
	default:
		t.Fatalf("no choice %s on screen", id)
	}
}

// tick ticks a box, or a value of a group of boxes.
func tick(t *testing.T, form *caseForm, id string, values ...string) {
	t.Helper()
	if len(values) == 0 {
		c := form.checks[id]
		if c == nil {
			t.Fatalf("no box %s on screen", id)
		}
		test.Tap(c)
		return
	}
	g := form.grids[id]
	if g == nil {
		t.Fatalf("no boxes %s on screen", id)
	}
	for _, v := range values {
		g.tick(v)
	}
}

// fieldError is the message under a field on screen, "" when none shows.
func fieldError(t *testing.T, form *caseForm, id string) string {
	t.Helper()
	ff := form.fields[id]
	if ff == nil {
		t.Fatalf("no field %s on screen", id)
	}
	if !ff.err.Visible() {
		return ""
	}
	return ff.err.Text
}

// next taps the intake's main button: Save and continue, or the last one.
func next(t *testing.T, in *intakeForm) {
	t.Helper()
	switch {
	case in.next != nil:
		test.Tap(in.next)
	case in.create != nil:
		test.Tap(in.create)
	default:
		t.Fatal("no Next button")
	}
}

func stepTitles(in *intakeForm) []string {
	var out []string
	for _, st := range in.steps() {
		out = append(out, stepTitle(st))
	}
	return out
}

func TestIntakeAdultEndToEnd(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	in := startIntake(t, f)
	if got := strings.Join(stepTitles(in), "|"); got != "Who the person is|Background and contacts|What happened|Plan and next steps" {
		t.Errorf("an adult's steps: %s", got)
	}
	f.mustShow(t, en["intake.notSaved"])

	// 1. Who.
	typeIn(t, in.form, "person.firstName", "Mariama")
	typeIn(t, in.form, "person.lastName", "Sow")
	typeIn(t, in.form, "person.aliases", "Mama, Mari")
	choose(t, in.form, "person.gender", "Feminine")
	typeIn(t, in.form, "person.birthDate", "12/04/1998")
	if in.banner.box.Visible() {
		t.Error("the child banner shows for an adult")
	}
	next(t, in)
	if len(office.created) != 1 {
		t.Fatalf("the first step created %d cases", len(office.created))
	}
	c := office.created[0]
	if c.Person.FirstName != "Mariama" || c.Person.BirthDate != "1998-04-12" || c.Person.Gender != domain.GenderFeminine ||
		strings.Join(c.Person.Aliases, "|") != "Mama|Mari" {
		t.Errorf("created %+v", c.Person)
	}
	if in.step != stepMore {
		t.Fatalf("after the first step: step %v", in.step)
	}
	f.mustShow(t, "Saved as case KOL-2026-0001")

	// 3. Background and contacts.
	tick(t, in.form, "person.languages", "wo", "fr")
	in.form.pickers["person.citizenship"].entry.SetText("sénégal")
	test.Tap(in.form.pickers["person.citizenship"].add)
	choose(t, in.form, "person.education", "PrimaryEducation")
	choose(t, in.form, "person.maritalStatus", "Single")
	typeIn(t, in.form, "person.children", "2")
	test.Tap(findButton(f.content(), en["case.document.add"]))
	choose(t, in.form, "person.documents[0].kind", "passport")
	choose(t, in.form, "person.documents[0].heldBy", "trafficker")
	if !in.form.entries["person.phone"].Disabled() {
		t.Error("the phone field is open without consent")
	}
	f.mustShow(t, en["case.person.contact.why"])
	tick(t, in.form, "person.contactConsent")
	typeIn(t, in.form, "person.phone", "+221 77 123 45 67")
	next(t, in)
	if len(office.updated) != 1 {
		t.Fatalf("the background step made %d updates", len(office.updated))
	}
	p := office.updated[0].Person
	if strings.Join(p.Languages, ",") != "fr,wo" && strings.Join(p.Languages, ",") != "wo,fr" || strings.Join(p.Citizenship, ",") != "SN" ||
		p.Education != "PrimaryEducation" || p.Children != 2 || !p.ContactConsent || p.Phone != "+221 77 123 45 67" ||
		len(p.Documents) != 1 || p.Documents[0].HeldBy != "trafficker" {
		t.Errorf("saved %+v", p)
	}

	// 4. What happened.
	choose(t, in.form, "trafficking.status", string(domain.TraffickingActual))
	choose(t, in.form, "trafficking.decidedBy", "Police")
	tick(t, in.form, "trafficking.control", "WithholdsDocuments", "DebtBondage")
	if in.form.fields["trafficking.labourSector"].box.Visible() {
		t.Error("the labour sector shows before forced labour is ticked")
	}
	tick(t, in.form, "trafficking.exploitation", "ForcedLabour")
	if !in.form.fields["trafficking.labourSector"].box.Visible() {
		t.Error("the labour sector does not show for forced labour")
	}
	choose(t, in.form, "trafficking.labourSector", "T_ActivitiesOfHouseholdsAsEmployers")
	tick(t, in.form, "trafficking.recruitmentApps", "WhatsApp")
	test.Tap(findButton(f.content(), en["case.event.add"]))
	choose(t, in.form, "events[0].type", "Recruitment")
	in.form.entries["events[0].place"].SetText("Kayes")
	typeIn(t, in.form, "events[0].from", "03/2024")
	next(t, in)
	if len(office.updated) != 2 {
		t.Fatalf("the trafficking step made %d updates in all", len(office.updated))
	}
	tr := office.updated[1]
	if tr.Trafficking.Status != domain.TraffickingActual || tr.Trafficking.LabourSector != "T_ActivitiesOfHouseholdsAsEmployers" ||
		len(tr.Events) != 1 || tr.Events[0].From != "2024-03" || tr.Events[0].Place != "Kayes" ||
		!slices.Contains(tr.Trafficking.Control, "DebtBondage") || strings.Join(tr.Trafficking.RecruitmentApps, ",") != "WhatsApp" {
		t.Errorf("saved %+v %+v", tr.Trafficking, tr.Events)
	}

	// 5. Plan.
	choose(t, in.form, "priority", string(domain.PriorityHigh))
	choose(t, in.form, "stage", string(domain.StageAssistance))
	tick(t, in.form, "plan.types", "Health", "Legal")
	typeIn(t, in.form, "plan.objectives", "Safe shelter, then her papers back.")
	typeIn(t, in.form, fieldFirstFollowUp, "04/12/2026")
	if in.create == nil || in.create.Text != en["intake.finish"] {
		t.Fatal("the last step has no Save and open button")
	}
	next(t, in)
	if len(office.updated) != 3 {
		t.Fatalf("the plan step made %d updates in all", len(office.updated))
	}
	pl := office.updated[2]
	if pl.Priority != domain.PriorityHigh || pl.Stage != domain.StageAssistance || len(pl.FollowUps) != 1 ||
		pl.FollowUps[0].Due != "2026-12-04" || pl.FollowUps[0].ID == "" || pl.Plan.Objectives != "Safe shelter, then her papers back." {
		t.Errorf("saved plan %+v %+v", pl.Plan, pl.FollowUps)
	}
	cf := caseFileOf(t, f)
	if cf.c.ID != pl.ID || cf.headerCode.Text != "KOL-2026-0001" {
		t.Errorf("the case file of %s opened after the intake", cf.c.Code)
	}
}

func TestIntakeChildWithPresumptionOfAge(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	in := startIntake(t, f)
	typeIn(t, in.form, "person.firstName", "Ousmane")
	choose(t, in.form, fieldAgeMode, ageByEstimate)
	typeIn(t, in.form, "person.ageEstimate", "19")
	choose(t, in.form, "person.ageEstimateBy", string(domain.AgeAppearance))
	if in.banner.box.Visible() || slices.Contains(stepTitles(in), en["intake.step.child"]) {
		t.Fatal("a 19-year-old is treated as a child")
	}
	tick(t, in.form, "person.ageUncertain")
	tick(t, in.form, "person.mayBeChild")
	if !in.banner.box.Visible() || in.banner.label.Text != en["intake.child.presumed"] {
		t.Errorf("no presumption of age banner: %q", in.banner.label.Text)
	}
	if got := stepTitles(in); len(got) != 5 || got[1] != en["intake.step.child"] {
		t.Errorf("a presumed child's steps: %q", got)
	}
	if findButton(f.content(), "2. "+en["intake.step.child"]) == nil {
		t.Error("the step list does not show the Child protection step")
	}
	next(t, in)
	if in.step != stepChild || len(office.created) != 1 {
		t.Fatalf("after the first step: step %v, %d created", in.step, len(office.created))
	}
	if isChild, presumed := caseChildStatus(office.created[0].Person, testNow); !isChild || !presumed {
		t.Error("the saved person is not a child by presumption of age")
	}
	f.mustShow(t, en["intake.child.biaNote"])
	typeIn(t, in.form, "child.guardian.name", "Fatou Diop")
	choose(t, in.form, "child.guardian.relation", "social-worker")
	tick(t, in.form, "child.unaccompanied")
	typeIn(t, in.form, "child.guardian.appointedOn", "20/11/2026")
	next(t, in)
	if len(office.updated) != 1 || office.updated[0].Child.Guardian.Name != "Fatou Diop" ||
		!office.updated[0].Child.Unaccompanied || office.updated[0].Child.Guardian.AppointedOn != "2026-11-20" {
		t.Fatalf("child step saved %+v", office.updated)
	}
	next(t, in) // background
	next(t, in) // trafficking: nothing known yet
	choose(t, in.form, "stage", string(domain.StageIdentification))
	next(t, in)
	if len(office.updated) != 4 {
		t.Errorf("%d updates, want one per section", len(office.updated))
	}
	cf := caseFileOf(t, f)
	if !hasLabel(cf.headerBadges, en["casefile.badge.presumedChild"]) && findText(cf.headerBadges, en["casefile.badge.presumedChild"]) == nil {
		t.Error("the case file has no presumed child badge")
	}
}

func TestIntakeMessagesKeepWhatWasTyped(t *testing.T) {
	en := catalog(t, "en")
	cases := []struct {
		name, id, typed, want string
		setup                 func(t *testing.T, in *intakeForm)
	}{
		{"future birth date", "person.birthDate", "01/01/2030", en["case.rule.future"], nil},
		{"impossible day", "person.birthDate", "31/02/2010", en["case.rule.dateFormat"], nil},
		{"bad date format", "person.birthDate", "2010-01-31", en["case.rule.dateFormat"], nil},
		{"year before 1900", "person.birthDate", "01/01/1890", en["case.rule.impossibleAge"], nil},
		{"impossible age", "person.ageEstimate", "130", en["case.rule.impossibleAge"], func(t *testing.T, in *intakeForm) {
			choose(t, in.form, fieldAgeMode, ageByEstimate)
		}},
		{"age in letters", "person.ageEstimate", "fifteen", en["case.rule.number"], func(t *testing.T, in *intakeForm) {
			choose(t, in.form, fieldAgeMode, ageByEstimate)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, office := newCaseFileShell(t)
			in := startIntake(t, f)
			typeIn(t, in.form, "person.firstName", "Awa")
			if tc.setup != nil {
				tc.setup(t, in)
			}
			typeIn(t, in.form, tc.id, tc.typed)
			next(t, in)
			if got := fieldError(t, in.form, tc.id); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
			if in.form.entries[tc.id].Text != tc.typed || in.form.entries["person.firstName"].Text != "Awa" {
				t.Error("the message emptied what was typed")
			}
			if len(office.created) != 0 || in.step != stepWho {
				t.Error("the form went on with a message showing")
			}
			f.mustShow(t, en["intake.fixFirst"])
			// Correcting the field takes the message away at once.
			in.form.entries[tc.id].SetText("")
			if got := fieldError(t, in.form, tc.id); got != "" {
				t.Errorf("the message stays after an edit: %q", got)
			}
		})
	}

	t.Run("required name", func(t *testing.T) {
		f, office := newCaseFileShell(t)
		in := startIntake(t, f)
		typeIn(t, in.form, "person.birthDate", "05/03/2001")
		next(t, in)
		if got := fieldError(t, in.form, "person.firstName"); got != en["case.rule.nameRequired"] {
			t.Errorf("message %q", got)
		}
		if len(office.created) != 0 || in.form.entries["person.birthDate"].Text != "05/03/2001" {
			t.Error("a case without a name was created, or the date was lost")
		}
		// An alias is enough.
		typeIn(t, in.form, "person.aliases", "Petite Awa")
		next(t, in)
		if len(office.created) != 1 {
			t.Error("an alias is not enough to register")
		}
	})

	t.Run("contact without consent", func(t *testing.T) {
		f, office := newCaseFileShell(t)
		in := startIntake(t, f)
		typeIn(t, in.form, "person.firstName", "Binta")
		next(t, in)
		tick(t, in.form, "person.contactConsent")
		typeIn(t, in.form, "person.phone", "+221 77 000 11 22")
		tick(t, in.form, "person.contactConsent") // the person changes her mind
		if in.form.entries["person.phone"].Disabled() {
			t.Error("a phone already typed is closed: it could not be removed")
		}
		next(t, in)
		if got := fieldError(t, in.form, "person.phone"); got != en["case.rule.contactWithoutConsent"] {
			t.Errorf("message %q", got)
		}
		if len(office.updated) != 0 || in.form.entries["person.phone"].Text != "+221 77 000 11 22" || in.step != stepMore {
			t.Error("saved, moved on or lost the phone")
		}
		in.form.entries["person.phone"].SetText("")
		next(t, in)
		if len(office.updated) != 1 || office.updated[0].Person.Phone != "" {
			t.Error("the step was not saved once the phone was removed")
		}
	})

	t.Run("guardian required for a child at assistance", func(t *testing.T) {
		f, office := newCaseFileShell(t)
		in := startIntake(t, f)
		typeIn(t, in.form, "person.firstName", "Moussa")
		typeIn(t, in.form, "person.birthDate", "10/10/2014")
		next(t, in)
		next(t, in) // child: no guardian yet
		next(t, in) // background
		choose(t, in.form, "trafficking.status", string(domain.TraffickingPossible))
		next(t, in)
		saves := len(office.updated)
		choose(t, in.form, "stage", string(domain.StageAssistance))
		next(t, in)
		if len(office.updated) != saves {
			t.Fatal("a child's case at assistance was saved without a guardian")
		}
		want := en["case.rule.guardianRequired"]
		if !strings.Contains(strings.Join(texts(in.others), "\n"), want) {
			t.Fatalf("the plan step does not say the guardian is needed; it shows %q", texts(in.others))
		}
		test.Tap(findButton(in.others, strings.ReplaceAll(en["intake.goToStep"], "{{.Step}}", en["intake.step.child"])))
		if in.step != stepChild {
			t.Fatalf("the button went to step %v", in.step)
		}
		if got := fieldError(t, in.form, "child.guardian.name"); got != want {
			t.Errorf("message under the guardian's name: %q", got)
		}
		if in.form.v["stage"] != string(domain.StageAssistance) {
			t.Error("the stage chosen was lost")
		}
		typeIn(t, in.form, "child.guardian.name", "Mariama Diallo")
		next(t, in)
		if n := len(office.updated); n != saves+1 || office.updated[n-1].Stage != domain.StageAssistance {
			t.Error("the case was not saved once the guardian was named")
		}
	})

	t.Run("event dates", func(t *testing.T) {
		f, office := newCaseFileShell(t)
		in := startIntake(t, f)
		typeIn(t, in.form, "person.firstName", "Kadi")
		typeIn(t, in.form, "person.birthDate", "01/01/2000")
		next(t, in)
		next(t, in)
		saves := len(office.updated)
		test.Tap(findButton(f.content(), en["case.event.add"]))
		choose(t, in.form, "events[0].type", "Exploitation")
		typeIn(t, in.form, "events[0].from", "March 2024")
		typeIn(t, in.form, "events[0].to", "1999")
		next(t, in)
		if got := fieldError(t, in.form, "events[0].from"); got != en["case.rule.partialDateFormat"] {
			t.Errorf("from: %q", got)
		}
		if got := fieldError(t, in.form, "events[0].to"); got != en["case.rule.beforeBirth"] {
			t.Errorf("to: %q", got)
		}
		if len(office.updated) != saves {
			t.Error("saved with bad dates")
		}
	})
}

func TestIntakeDuplicates(t *testing.T) {
	en := catalog(t, "en")
	setup := func(t *testing.T) (*shellFixture, *fakeCaseFile, *intakeForm, domain.Case) {
		f, office := newCaseFileShell(t)
		old := office.add(domain.Case{Person: domain.Person{FirstName: "Mariama", LastName: "Sow", BirthDate: "1998-04-10"}})
		office.dups = []casework.DuplicateMatch{{
			Case:    casework.CaseSummary{ID: old.ID, Code: old.Code, Name: "Mariama Sow", Status: domain.StatusActive},
			Reasons: []string{"name", "age"}, Score: 0.9,
		}}
		in := startIntake(t, f)
		typeIn(t, in.form, "person.firstName", "Mariamma")
		typeIn(t, in.form, "person.lastName", "Sow")
		typeIn(t, in.form, "person.birthDate", "12/04/1998")
		next(t, in)
		return f, office, in, old
	}

	t.Run("shown beside what was typed", func(t *testing.T) {
		f, office, in, old := setup(t)
		if len(office.created) != 0 || in.dups == nil {
			t.Fatal("no duplicate check before creating")
		}
		f.mustShow(t, en["intake.dup.title"])
		for _, s := range []string{"Mariamma Sow", "Mariama Sow", "28 (born 12 Apr 1998)", "28 (born 10 Apr 1998)",
			old.Code + " · Active", "similar name, close age"} {
			f.mustShow(t, s)
		}
		if len(in.sameButtons) != 1 || in.differentButton == nil {
			t.Fatal("the two choices are missing")
		}
	})

	t.Run("different person", func(t *testing.T) {
		_, office, in, _ := setup(t)
		test.Tap(in.differentButton)
		if len(office.created) != 1 || office.created[0].Person.FirstName != "Mariamma" || in.step != stepMore {
			t.Errorf("continue created %d cases, step %v", len(office.created), in.step)
		}
	})

	t.Run("same person", func(t *testing.T) {
		f, office, in, old := setup(t)
		test.Tap(in.sameButtons[0])
		if len(office.created) != 0 {
			t.Error("a second case was created for the same person")
		}
		if cf := caseFileOf(t, f); cf.c.ID != old.ID {
			t.Errorf("opened %s, want %s", cf.c.ID, old.ID)
		}
	})

	t.Run("back to the form", func(t *testing.T) {
		f, office, in, _ := setup(t)
		test.Tap(findButton(f.content(), en["intake.dup.backToForm"]))
		if in.dups != nil || in.step != stepWho || in.form.entries["person.firstName"].Text != "Mariamma" {
			t.Error("going back lost the form")
		}
		if len(office.created) != 0 {
			t.Error("going back created a case")
		}
	})
}

func TestIntakeBackKeepsInputAndSaves(t *testing.T) {
	f, office := newCaseFileShell(t)
	in := startIntake(t, f)
	typeIn(t, in.form, "person.firstName", "Hawa")
	next(t, in)
	typeIn(t, in.form, "person.disability", "Hearing")
	test.Tap(in.back)
	if in.step != stepWho || len(office.updated) != 1 || office.updated[0].Person.Disability != "Hearing" {
		t.Fatalf("Back: step %v, %d updates", in.step, len(office.updated))
	}
	// A section already seen can be opened from the step list.
	test.Tap(in.stepButtons[stepMore])
	if in.step != stepMore || in.form.entries["person.disability"].Text != "Hearing" {
		t.Error("the step list did not bring the section back as it was")
	}
}

func TestIntakeDraftSurvivesLock(t *testing.T) {
	f, office := newCaseFileShell(t)
	in := startIntake(t, f)
	typeIn(t, in.form, "person.firstName", "Ndeye")
	next(t, in)
	typeIn(t, in.form, "person.disability", "Walks with a stick")
	tick(t, in.form, "person.languages", "wo")

	f.app.Lock()
	sealed := f.app.sealed[draftIntake]
	if len(sealed) == 0 || !strings.HasPrefix(string(sealed), sealMark) {
		t.Fatal("the intake's draft was not sealed")
	}
	if strings.Contains(string(sealed), "Walks with a stick") {
		t.Error("the draft is kept in the clear")
	}
	if in.form.entries["person.disability"].Text != "" || len(in.form.v) != 0 || in.base.Person.FirstName != "" {
		t.Error("the form still holds what was typed while locked")
	}

	// The window comes back as it was, with the typed text.
	test.Type(f.app.lock.password, "joao password 1")
	test.Tap(f.app.lock.unlock)
	if f.app.Screen() != ScreenShell {
		t.Fatal("did not unlock")
	}
	restoreCaseScreen(t, f, sealed, draftIntake)
	in = intakeOf(t, f)
	if in.step != stepMore || in.form.entries["person.disability"].Text != "Walks with a stick" ||
		!in.form.grids["person.languages"].checks[slices.IndexFunc(in.form.grids["person.languages"].opts, func(o option) bool { return o.value == "wo" })].Checked {
		t.Errorf("after unlock: step %v, values %v", in.step, in.form.v)
	}
	if in.base.Code != office.created[0].Code {
		t.Error("the case created before the lock was not read again")
	}
	next(t, in)
	if len(office.updated) != 1 || office.updated[0].Person.Disability != "Walks with a stick" {
		t.Error("what was typed before the lock was not saved")
	}
}

// restoreCaseScreen brings back the case screen after an unlock. The
// shell rebuilds the Cases section from s.caseScreen() once shell.go calls
// it (see casefilescreen.go); until then the test puts the case screen in
// the body itself and hands the sealed draft to the shell as unlocked()
// does.
func restoreCaseScreen(t *testing.T, f *shellFixture, sealed []byte, name string) {
	t.Helper()
	if _, ok := f.shell.drafters[name]; ok {
		return // the shell did it
	}
	if f.shell.Section() != SectionCases || f.shell.caseState == nil {
		t.Fatalf("after unlock the shell shows %v without the case screen", f.shell.Section())
	}
	f.shell.body.Objects = []fyne.CanvasObject{caseSectionFrame(f.shell.caseScreen())}
	f.shell.body.Refresh()
	f.shell.restoreDrafts(map[string][]byte{name: sealed})
}

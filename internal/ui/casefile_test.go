package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
)

// openCaseFile registers c in the office and opens its file.
func openCaseFile(t *testing.T, f *shellFixture, office *fakeCaseFile, c domain.Case) *caseFile {
	t.Helper()
	c = office.add(c)
	f.shell.openCase(c.ID)
	return caseFileOf(t, f)
}

func tabTitles(cf *caseFile) []string {
	var out []string
	for _, it := range cf.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

func TestCaseFileHeaderTabsAndAlerts(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	cf := openCaseFile(t, f, office, aChild())
	if f.shell.Section() != SectionCases {
		t.Errorf("the case file shows in section %v", f.shell.Section())
	}
	if cf.headerCode.Text != "KOL-2026-0001" || cf.headerName.Text != "Aïssatou Baldé" {
		t.Errorf("header %q %q", cf.headerCode.Text, cf.headerName.Text)
	}
	if findText(cf.headerBadges, en["casefile.badge.child"]) == nil {
		t.Error("no child badge")
	}
	if want := "Status: Active · Stage: Identification and registration · Normal priority · Responsible: João Gomes (you)"; cf.headerState.Text != want {
		t.Errorf("state line %q", cf.headerState.Text)
	}
	want := []string{"Summary", "Person", "Child", "Trafficking", "Interviews", "Screening", "Referrals", "Plan and services", "Consent", "Case notes", "Attachments", "History"}
	if got := tabTitles(cf); !slices.Equal(got, want) {
		t.Errorf("tabs %q", got)
	}
	for _, msg := range []string{en["casefile.alert.noGuardian"], en["casefile.alert.noBIA"], "14 (born 3 May 2012)", "Guinea", "Fula (Pulaar, Fulfulde), French", "Forced begging"} {
		f.mustShow(t, msg)
	}
	test.Tap(cf.childTabButton)
	if cf.st.tab != tabChild || cf.tabs.Selected() != cf.items[tabChild] {
		t.Error("the alert's button does not open the Child tab")
	}
	for _, tab := range want {
		for id, it := range cf.items {
			if it.Text == tab {
				cf.selectTab(id)
				if cf.tabs.Selected().Content == nil {
					t.Errorf("tab %s has no content", tab)
				}
			}
		}
	}

	// An adult's file has no Child tab and no child alerts.
	adult := openCaseFile(t, f, office, domain.Case{Person: domain.Person{FirstName: "Ibrahima", BirthDate: "1990-01-01"}})
	if slices.Contains(tabTitles(adult), "Child") || len(adult.alertBoxes) != 0 {
		t.Errorf("an adult's file: tabs %q, %d alerts", tabTitles(adult), len(adult.alertBoxes))
	}
	// A case with no name says so.
	alias := openCaseFile(t, f, office, domain.Case{Person: domain.Person{Aliases: []string{"Petit"}}})
	if alias.headerName.Text != "Petit" {
		t.Errorf("an alias only: header %q", alias.headerName.Text)
	}

	// Back to the list.
	test.Tap(findButton(f.content(), en["casefile.toList"]))
	if f.shell.caseState != nil || f.shell.Section() != SectionCases {
		t.Error("Case list did not leave the case file")
	}
	if _, ok := f.shell.drafters[draftCaseFile]; ok {
		t.Error("the case file's draft stays registered after leaving it")
	}
}

func TestCaseFileEditAndSave(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	cf := openCaseFile(t, f, office, aChild())
	cf.selectTab(tabPerson)
	test.Tap(cf.editButtons[tabPerson])
	if cf.editing != tabPerson || cf.form.entries["person.firstName"].Text != "Aïssatou" {
		t.Fatal("Edit did not open the person's fields with their values")
	}
	// A bad date: a message, the text kept, nothing saved.
	cf.form.entries["person.birthDate"].SetText("2012/05/03")
	test.Tap(cf.saveButton)
	if got := fieldError(t, cf.form, "person.birthDate"); got != en["case.rule.dateFormat"] {
		t.Errorf("message %q", got)
	}
	if len(office.updated) != 0 || cf.form.entries["person.birthDate"].Text != "2012/05/03" {
		t.Fatal("saved a bad date, or lost it")
	}
	// Cancel leaves the case as it was.
	test.Tap(cf.cancelButton)
	if cf.editing != "" || len(office.updated) != 0 {
		t.Fatal("Cancel saved")
	}
	f.mustShow(t, "14 (born 3 May 2012)")

	test.Tap(cf.editButtons[tabPerson])
	cf.form.entries["person.firstName"].SetText("Aïcha")
	cf.form.entries["person.birthDate"].SetText("03/05/2011")
	test.Tap(cf.saveButton)
	if len(office.updated) != 1 {
		t.Fatalf("%d updates", len(office.updated))
	}
	if p := office.updated[0].Person; p.FirstName != "Aïcha" || p.BirthDate != "2011-05-03" || p.LastName != "Baldé" ||
		strings.Join(p.Citizenship, ",") != "GN" {
		t.Errorf("saved %+v", p)
	}
	if cf.headerName.Text != "Aïcha Baldé" || cf.editing != "" {
		t.Error("the header or the tab did not follow the save")
	}
	f.mustShow(t, en["casefile.saved"])
}

func TestCaseFileRulesAcrossTabs(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	cf := openCaseFile(t, f, office, aChild())
	cf.selectTab(tabPlan)
	test.Tap(cf.editButtons[tabPlan])
	choose(t, cf.form, "stage", string(domain.StageAssistance))
	test.Tap(cf.saveButton)
	if len(office.updated) != 0 {
		t.Fatal("a child's case moved to assistance without a guardian")
	}
	if !hasLabel(cf.others, en["case.rule.guardianRequired"]) {
		t.Fatalf("no message; others show %q", texts(cf.others))
	}
	test.Tap(findButton(cf.others, "Open the Child tab"))
	if cf.st.tab != tabChild {
		t.Error("the message's button does not open the Child tab")
	}
	// Contacts without consent, on the Person tab.
	cf.selectTab(tabPerson)
	cf.editing = ""
	cf.render()
	test.Tap(cf.editButtons[tabPerson])
	cf.form.entries["person.email"].SetText("aissatou@example.org")
	test.Tap(cf.saveButton)
	if got := fieldError(t, cf.form, "person.email"); got != en["case.rule.contactWithoutConsent"] {
		t.Errorf("email without consent: %q", got)
	}
}

func TestCaseFileCloseNeedsBIAThenReopen(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	cf := openCaseFile(t, f, office, aChild())

	test.Tap(cf.closeButton)
	test.Tap(cf.closeSubmit)
	if office.closes != 0 || !f.shows(en["casefile.close.reasonMissing"]) {
		t.Fatal("closed without a reason, or said nothing")
	}
	cf.closeReason.SetSelectedIndex(0)
	test.Tap(cf.closeSubmit)
	if office.closes != 0 {
		t.Fatal("a child's case was closed without a BIA")
	}
	want := en["case.rule.biaRequired"] + " " + en["casefile.close.biaHow"]
	if cf.closeMessage.Text != want || !cf.closeMessage.Visible() {
		t.Errorf("refusal %q", cf.closeMessage.Text)
	}
	if en["case.rule.biaRequired"] != "A Best Interests Assessment is needed before a child’s case is closed or the child returns." {
		t.Errorf("the refusal reads %q", en["case.rule.biaRequired"])
	}
	test.Tap(cf.closeToChild)
	if f.w.Canvas().Overlays().Top() != nil || cf.st.tab != tabChild {
		t.Fatal("the refusal does not lead to the Child tab")
	}

	// Record the BIA in the Child tab.
	test.Tap(cf.editButtons[tabChild])
	choose(t, cf.form, "child.bia.priority", string(domain.BIAWithin1Week))
	tick(t, cf.form, "child.bia.recommendations", "family-reunification", "return")
	cf.form.entries["child.bia.assessedOn"].SetText("25/11/2026")
	cf.form.entries["child.bia.assessedBy"].SetText("Awa Ndiaye, social worker")
	cf.form.entries["child.guardian.name"].SetText("Mamadou Baldé")
	test.Tap(cf.saveButton)
	if len(office.updated) != 1 || office.updated[0].Child.BIA == nil || office.updated[0].Child.BIA.Priority != domain.BIAWithin1Week ||
		strings.Join(office.updated[0].Child.BIA.Recommendations, ",") != "return,family-reunification" {
		t.Fatalf("BIA saved as %+v", office.updated)
	}
	f.mustShow(t, "Within a week")

	test.Tap(cf.closeButton)
	cf.closeReason.SetSelectedIndex(2) // returned
	cf.closeNote.SetText("Back with her family in Labé.")
	test.Tap(cf.closeSubmit)
	if office.closes != 1 {
		t.Fatal("the case was not closed after the BIA")
	}
	c := office.cases[cf.c.ID]
	if c.Status != domain.StatusClosed || c.Closure == nil || c.Closure.Reason != domain.ClosedReturned ||
		c.Closure.ClosedOn != "2026-11-27" || c.Closure.Note != "Back with her family in Labé." {
		t.Errorf("closed as %+v %+v", c.Status, c.Closure)
	}
	if cf.reopenButton == nil || cf.closeButton != nil || len(cf.editButtons) != 0 {
		t.Error("a closed case still offers Close or Edit")
	}
	f.mustShow(t, en["casefile.close.done"])

	test.Tap(cf.reopenButton)
	tapTextIn(t, f.w.Canvas().Overlays().Top(), en["casefile.reopen"])
	if office.reopens != 1 || cf.c.Status != domain.StatusActive || cf.closeButton == nil {
		t.Error("Reopen did not open the case again")
	}
	f.mustShow(t, en["casefile.reopen.done"])
}

func TestCaseFileServicesAndFollowUps(t *testing.T) {
	f, office := newCaseFileShell(t)
	en := catalog(t, "en")
	c := aChild()
	c.FollowUps = []domain.FollowUp{{ID: "fu-1", Due: "2026-11-20", Notes: "School visit"}}
	cf := openCaseFile(t, f, office, c)
	f.mustShow(t, "A follow-up was due on 20 Nov 2026 and is not marked done.")
	cf.selectTab(tabPlan)

	test.Tap(cf.addServiceButton)
	if got := fieldError(t, cf.service, fieldServiceType); got != en["casefile.service.typeMissing"] {
		t.Errorf("service type: %q", got)
	}
	choose(t, cf.service, fieldServiceType, "shelter")
	cf.service.entries[fieldServiceDate].SetText("28/11/2026")
	test.Tap(cf.addServiceButton)
	if got := fieldError(t, cf.service, fieldServiceDate); got != en["case.rule.future"] {
		t.Errorf("service date: %q", got)
	}
	cf.service.entries[fieldServiceDate].SetText("26/11/2026")
	cf.service.entries[fieldServiceProvider].SetText("Centre Kiraye")
	test.Tap(cf.addServiceButton)
	if len(office.updated) != 1 || len(office.updated[0].Services) != 1 || office.updated[0].Services[0].Provider != "Centre Kiraye" {
		t.Fatalf("service saved as %+v", office.updated)
	}
	f.mustShow(t, "Safe shelter · Centre Kiraye")

	cf.followUp.entries[fieldFollowUpDue].SetText("4 Dec")
	test.Tap(cf.addFollowUpButton)
	if got := fieldError(t, cf.followUp, fieldFollowUpDue); got != en["case.rule.dateFormat"] {
		t.Errorf("follow-up date: %q", got)
	}
	cf.followUp.entries[fieldFollowUpDue].SetText("04/12/2026")
	cf.followUp.entries[fieldFollowUpNotes].SetText("Call the guardian")
	test.Tap(cf.addFollowUpButton)
	if n := len(office.updated); n != 2 || len(office.updated[1].FollowUps) != 2 || office.updated[1].FollowUps[1].Due != "2026-12-04" {
		t.Fatalf("follow-up saved as %+v", office.updated[n-1].FollowUps)
	}

	test.Tap(cf.doneButtons["fu-1"])
	last := office.updated[len(office.updated)-1]
	if last.FollowUps[0].Done != "2026-11-27" {
		t.Errorf("mark done saved %+v", last.FollowUps)
	}
	f.mustShow(t, "done on 27 Nov 2026 · School visit")
	if len(cf.alertBoxes) != 2 { // guardian and BIA; the late follow-up is done
		t.Errorf("%d alerts after the follow-up was done", len(cf.alertBoxes))
	}
}

func TestCaseFileDraftSurvivesLock(t *testing.T) {
	f, office := newCaseFileShell(t)
	cf := openCaseFile(t, f, office, aChild())
	cf.selectTab(tabTrafficking)
	test.Tap(cf.editButtons[tabTrafficking])
	tick(t, cf.form, "trafficking.control", "WithholdsDocuments")
	cf.service.v[fieldServiceNotes] = "Half typed"

	f.app.Lock()
	sealed := f.app.sealed[draftCaseFile]
	if len(sealed) == 0 {
		t.Fatal("the case file's draft was not sealed")
	}
	if cf.c.Person.FirstName != "" || len(cf.form.v) != 0 {
		t.Error("the case file keeps the case in memory while locked")
	}
	test.Type(f.app.lock.password, "joao password 1")
	test.Tap(f.app.lock.unlock)
	restoreCaseScreen(t, f, sealed, draftCaseFile)
	cf = caseFileOf(t, f)
	if cf.editing != tabTrafficking || cf.st.tab != tabTrafficking || !slices.Contains(cf.form.list("trafficking.control"), "WithholdsDocuments") ||
		cf.service.v[fieldServiceNotes] != "Half typed" {
		t.Errorf("after unlock: editing %q, values %v", cf.editing, cf.form.v)
	}
	test.Tap(cf.saveButton)
	if len(office.updated) != 1 || !slices.Contains(office.updated[0].Trafficking.Control, "WithholdsDocuments") {
		t.Error("what was ticked before the lock was not saved")
	}
}

// TestCaseVocabulariesMatchDomain keeps the window's lists equal to the
// domain's vocabularies, which casework validates against.
func TestCaseVocabulariesMatchDomain(t *testing.T) {
	values := func(opts []option) []string {
		var out []string
		for _, o := range opts {
			out = append(out, o.value)
		}
		return out
	}
	str := func(vs ...string) []string { return vs }
	cases := []struct {
		name string
		got  []option
		want []string
	}{
		{"gender", genderOptions(), stringsOfDomain(domain.Genders)},
		{"age methods", ageMethodOptions(), stringsOfDomain(domain.AgeMethods)},
		{"statuses", statusOptions(), stringsOfDomain(domain.CaseStatuses)},
		{"stages", stageOptions(), stringsOfDomain(domain.Stages)[:5]},
		{"priorities", priorityOptions(), stringsOfDomain(domain.Priorities)},
		{"education", educationOptions(), domain.EducationLevels},
		{"marital", maritalOptions(), domain.MaritalStatuses},
		{"documents", documentKindOptions(), domain.DocumentKinds},
		{"holders", heldByOptions(), domain.DocumentHolders},
		{"relations", guardianRelationOptions(), domain.GuardianRelations},
		{"BIA priorities", biaPriorityOptions(), stringsOfDomain(domain.BIAPriorities)},
		{"BIA recommendations", biaRecommendationOptions(), domain.BIARecommendations},
		{"trafficking status", traffickingStatusOptions(), stringsOfDomain(domain.TraffickingStatuses)},
		{"decided by", decidedByOptions(), domain.DecisionMakingOrgs},
		{"relationship", relationshipOptions(), domain.RelationshipsToTrafficker},
		{"recruitment", recruitmentOptions(), domain.MethodsOfRecruitment},
		{"control", controlOptions(), domain.MethodsOfControl},
		{"exploitation", exploitationOptions(), domain.TypesOfExploitation},
		{"labour sector", labourSectorOptions(), domain.ForcedLabourIndustries},
		{"sex exploitation", sexExploitationOptions(), domain.TypesOfSexExploitation},
		{"event types", eventTypeOptions(), domain.EventTypes},
		{"vulnerabilities", vulnerabilityOptions(), domain.Vulnerabilities},
		{"perpetrator roles", roleOptions(), domain.RolesInProcess},
		{"plan types", planTypeOptions(), domain.SupportPlanTypes},
		{"services", serviceTypeOptions(), domain.ServiceTypes},
		{"closure", closureReasonOptions(), stringsOfDomain(domain.ClosureReasons)},
		{"stage closed last", stageOptions()[4:], str(string(domain.StageReintegration))},
	}
	for _, c := range cases {
		got, want := values(c.got), c.want
		if !slices.Equal(got, want) {
			t.Errorf("%s: window %q, domain %q", c.name, got, want)
		}
	}
	apps := values(appOptions())
	slices.Sort(apps)
	want := slices.Clone(domain.RecruitmentWebsitesAndApps)
	slices.Sort(want)
	if !slices.Equal(apps, want) {
		t.Errorf("apps: window %q, domain %q", apps, want)
	}
	for _, code := range append(slices.Clone(officeLanguages), "ff", "kea", "mnk") {
		if len(code) < 2 || len(code) > 3 || strings.ToLower(code) != code {
			t.Errorf("language code %q is not ISO 639", code)
		}
	}
}

func stringsOfDomain[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

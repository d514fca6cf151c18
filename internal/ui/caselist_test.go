package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// openCaseList shows the Cases section and returns its panel.
func openCaseList(t *testing.T, f *shellFixture) *casesPanel {
	t.Helper()
	f.shell.Show(SectionCases)
	p := caseListFind[*casesPanel](f.content())
	if p == nil {
		t.Fatalf("no case list on screen; texts: %q", texts(f.content()))
	}
	return p
}

// tableText is what the case table shows in a cell.
func tableText(p *casesPanel, row, col int) string {
	o := newCaseCell()
	if col < 0 {
		updateCaseCell(o, p.items[row], caseColName)
	} else {
		updateCaseCell(o, p.items[row], col)
	}
	cell := caseCellParts(o)
	if col < 0 { // the child badge of the name column
		if !cell.badgeBox.Visible() {
			return ""
		}
		return cell.badge.text
	}
	return cell.label.Text
}

func TestCaseListSearchAsYouType(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	seedCaseList(cl, 20, "u-joao")
	p := openCaseList(t, f)
	if len(p.items) != 20 || p.count.Text != "20 of 20 cases" {
		t.Fatalf("at first: %d rows, count %q", len(p.items), p.count.Text)
	}
	if p.search.PlaceHolder != "Search by name, alias or case code" {
		t.Errorf("placeholder %q", p.search.PlaceHolder)
	}
	before := len(cl.queries)
	test.Type(p.search, "ami")
	var typed []string
	for _, q := range cl.queries[before:] {
		typed = append(typed, q.Text)
	}
	if strings.Join(typed, ",") != "a,am,ami" {
		t.Errorf("searches while typing: %q, want one per keystroke", typed)
	}
	if len(p.items) != 1 || p.items[0].Name != "Aminata Sow" {
		t.Fatalf("rows after typing: %+v", p.items)
	}
	if p.count.Text != "1 of 20 cases" {
		t.Errorf("count %q", p.count.Text)
	}
	if !p.table.Visible() || p.noMatch.Visible() {
		t.Error("the matching row is not shown")
	}
	if got := tableText(p, 0, caseColName); got != "Aminata Sow" {
		t.Errorf("name cell %q", got)
	}
}

func TestCaseListFiltersAndSortMakeTheQuery(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleSupervisor)
	seedCaseList(cl, 30, "u-awa")
	p := openCaseList(t, f)
	if q := cl.queries[len(cl.queries)-1]; !reflect.DeepEqual(q, casework.CaseQuery{Limit: caseListPage}) {
		t.Errorf("first query %+v, want everything, newest change first", q)
	}
	p.stage.SetSelected("Direct assistance")
	p.status.SetSelected("Active")
	p.child.SetSelected("Children only")
	p.priority.SetSelected("High")
	test.Tap(p.mine)
	test.Tap(p.overdue)
	p.sortBy.SetSelected("Priority")
	yes := true
	want := casework.CaseQuery{Stage: domain.StageAssistance, Status: domain.StatusActive, Child: &yes,
		Priority: domain.PriorityHigh, AssignedToMe: true, Overdue: true, Sort: casework.SortPriority, Limit: caseListPage}
	if got := cl.queries[len(cl.queries)-1]; !reflect.DeepEqual(got, want) {
		t.Errorf("query %+v, want %+v", got, want)
	}
	p.child.SetSelected("Adults only")
	if q := cl.queries[len(cl.queries)-1]; q.Child == nil || *q.Child {
		t.Errorf("adults only: Child = %v", q.Child)
	}
	for _, sort := range []struct {
		choice string
		want   casework.CaseSort
	}{{"Case code", casework.SortCode}, {"Name", casework.SortName}, {"Last change", casework.SortUpdated}} {
		p.sortBy.SetSelected(sort.choice)
		if q := cl.queries[len(cl.queries)-1]; q.Sort != sort.want {
			t.Errorf("sort %q: %v", sort.choice, q.Sort)
		}
	}
	if !p.clear.Visible() {
		t.Error("no Clear filters while filters are set")
	}
	test.Tap(p.clear)
	if q := cl.queries[len(cl.queries)-1]; !reflect.DeepEqual(q, casework.CaseQuery{Limit: caseListPage}) {
		t.Errorf("after Clear filters: %+v (the sort stays, the filters go)", q)
	}
	if p.clear.Visible() {
		t.Error("Clear filters still shown with no filter")
	}
}

func TestCaseListRowsInPlainWords(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	seedCaseList(cl, 20, "u-joao")
	p := openCaseList(t, f)
	cases := []struct {
		row, col int
		want     string
	}{
		{0, caseColCode, "KOL-2026-0020"},
		{0, -1, "Child"},
		{1, -1, ""},
		{9, -1, "Child (presumed)"},
		{2, caseColName, "No name given"},
		{0, caseColStatus, "Active"},
		{7, caseColStatus, "Follow-up"},
		{1, caseColStage, "Direct assistance"},
		{0, caseColPriority, "High"},
		{0, caseColFollowUp, "30 Nov 2026"},
		{2, caseColFollowUp, "23 Nov 2026"},
		{0, caseColChanged, "27 Nov 2026"},
	}
	for _, c := range cases {
		if got := tableText(p, c.row, c.col); got != c.want {
			t.Errorf("row %d col %d = %q, want %q", c.row, c.col, got, c.want)
		}
	}
	o := newCaseCell()
	updateCaseCell(o, p.items[2], caseColFollowUp)
	if cell := caseCellParts(o); !cell.iconBox.Visible() || cell.label.Importance != widget.DangerImportance {
		t.Error("an overdue follow-up is not marked")
	}
	if err := UseLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = UseLanguage("en") })
	if got := tableText(p, 0, caseColChanged); got != "27 nov. 2026" {
		t.Errorf("French date %q", got)
	}
}

func TestCaseListPaging(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleSupervisor)
	seedCaseList(cl, 120, "u-awa")
	p := openCaseList(t, f)
	if len(p.items) != caseListPage {
		t.Fatalf("first page holds %d rows, want %d", len(p.items), caseListPage)
	}
	if p.count.Text != "120 of 120 cases" || p.shown.Text != "Showing 50 of 120" || p.more.Text != "Show 50 more" || !p.moreRow.Visible() {
		t.Errorf("count %q, shown %q, more %q (visible %v)", p.count.Text, p.shown.Text, p.more.Text, p.moreRow.Visible())
	}
	test.Tap(p.more)
	if q := cl.queries[len(cl.queries)-1]; q.Offset != 50 || q.Limit != caseListPage {
		t.Errorf("second page asked with %+v", q)
	}
	if len(p.items) != 100 || p.more.Text != "Show 20 more" {
		t.Errorf("after one Show more: %d rows, %q", len(p.items), p.more.Text)
	}
	test.Tap(p.more)
	if len(p.items) != 120 || p.moreRow.Visible() {
		t.Errorf("after the last page: %d rows, Show more visible %v", len(p.items), p.moreRow.Visible())
	}
	if p.items[119].Code != "KOL-2026-0001" {
		t.Errorf("last row %s", p.items[119].Code)
	}
	// A new search starts from the first page again.
	test.Type(p.search, "K")
	if q := cl.queries[len(cl.queries)-1]; q.Offset != 0 || len(p.items) != caseListPage {
		t.Errorf("a new search: offset %d, %d rows", q.Offset, len(p.items))
	}
}

func TestCaseListEmptyStates(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	p := openCaseList(t, f)
	en := catalog(t, "en")
	if !p.noCases.Visible() || p.table.Visible() || p.tools.Visible() {
		t.Fatal("an office with no case does not show the first-case empty state")
	}
	if !hasLabel(f.content(), en["cases.empty.body"]) {
		t.Errorf("no explanation; texts %q", texts(f.content()))
	}
	created := 0
	p.create = func() { created++ }
	test.Tap(findButton(f.content(), "Register the first case"))
	if created != 1 {
		t.Error("Register the first case does not start a new case")
	}

	seedCaseList(cl, 12, "u-joao")
	p = openCaseList(t, f)
	test.Type(p.search, "zzz")
	if !p.noMatch.Visible() || p.noCases.Visible() || p.table.Visible() {
		t.Fatal("a search matching nothing does not say so")
	}
	if !hasLabel(f.content(), en["cases.noMatch.body"]) || p.count.Text != "0 of 12 cases" {
		t.Errorf("no-match texts: %q", texts(f.content()))
	}
	test.Tap(findButton(f.content(), "Clear the search and filters"))
	if p.search.Text != "" || len(p.items) != 12 || !p.table.Visible() {
		t.Errorf("after clearing: search %q, %d rows", p.search.Text, len(p.items))
	}
}

func TestCaseListOpensAndCreatesCases(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	seedCaseList(cl, 20, "u-joao")
	p := openCaseList(t, f)
	var opened []string
	created := 0
	p.open = func(id string) { opened = append(opened, id) }
	p.create = func() { created++ }

	p.table.Select(widget.TableCellID{Row: 3, Col: caseColName})
	p.table.Select(widget.TableCellID{Row: 3, Col: caseColCode}) // the same row again
	if strings.Join(opened, ",") != "case-0004,case-0004" {
		t.Errorf("opened %q", opened)
	}
	test.Tap(p.newCase)
	if created != 1 || p.newCase.Text != "New case" {
		t.Errorf("New case (%q) started %d new cases", p.newCase.Text, created)
	}
}

func TestAdminSeesNoCaseFiles(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleAdmin)
	seedCaseList(cl, 20, "u-admin")
	en := catalog(t, "en")
	f.shell.Show(SectionCases)
	if caseListFind[*casesPanel](f.content()) != nil || len(cl.queries) > 0 {
		t.Fatal("an administrator was shown the case list")
	}
	if !hasLabel(f.content(), en["cases.admin.body"]) {
		t.Errorf("no sentence for the administrator; texts %q", texts(f.content()))
	}
	f.shell.Show(SectionDashboard)
	if caseListFind[*dashboardPanel](f.content()) != nil {
		t.Fatal("an administrator was shown the case dashboard")
	}
	if !hasLabel(f.content(), en["dashboard.admin.body"]) || !hasLabel(f.content(), "Welcome, Aminata Diallo") {
		t.Errorf("no sentence for the administrator; texts %q", texts(f.content()))
	}
	test.Tap(findButton(f.content(), "Users"))
	if f.shell.Section() != SectionSettings || f.shell.users == nil {
		t.Error("the Users shortcut does not open Settings at the Users tab")
	}
	f.shell.Show(SectionDashboard)
	test.Tap(findButton(f.content(), "Audit trail"))
	if f.shell.Section() != SectionSettings || f.shell.settingsTab != tabAudit {
		t.Error("the Audit trail shortcut does not open the audit trail")
	}
}

package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// seedDashboard gives the fake a dashboard from its cases.
func seedDashboard(cl *fakeCaseList) {
	day := func(days int) string { return testNow.AddDate(0, 0, days).Format(time.DateOnly) }
	c := cl.cases
	cl.dash = casework.Dashboard{
		MyOpen: []casework.CaseSummary{c[1], c[5], c[9], c[13], c[17]},
		FollowUpsDue: []casework.FollowUpItem{
			{Case: c[0], FollowUp: domain.FollowUp{ID: "f1", Due: day(0)}},
			{Case: c[5], FollowUp: domain.FollowUp{ID: "f2", Due: day(1)}},
			{Case: c[10], FollowUp: domain.FollowUp{ID: "f3", Due: day(5)}},
		},
		FollowUpsOverdue: []casework.FollowUpItem{
			{Case: c[2], FollowUp: domain.FollowUp{ID: "f4", Due: day(-4)}},
			{Case: c[7], FollowUp: domain.FollowUp{ID: "f5", Due: day(-11)}},
		},
		ChildrenWithoutGuardian: []casework.CaseSummary{c[3], c[9]},
		RecentlyChanged:         c[:10],
	}
}

func openDashboard(t *testing.T, f *shellFixture) *dashboardPanel {
	t.Helper()
	f.shell.Show(SectionDashboard)
	p := caseListFind[*dashboardPanel](f.content())
	if p == nil {
		t.Fatalf("no dashboard on screen; texts: %q", texts(f.content()))
	}
	return p
}

func TestDashboardBlocks(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	seedCaseList(cl, 20, "u-joao")
	seedDashboard(cl)
	p := openDashboard(t, f)
	en := catalog(t, "en")
	blocks := []struct {
		block        int
		title, count string
		first        string // detail of the first row
	}{
		{dashOverdue, "Overdue follow-ups", "2", "Overdue since 23 Nov 2026"},
		{dashDue, "Follow-ups due this week", "3", "Due today"},
		{dashMyOpen, "My open cases", "5", "Direct assistance"},
		{dashNoGuardian, "Children without a guardian", "2", "Investigation and prosecution"},
		{dashNoBIA, "Children without a Best Interests Assessment", "0", ""},
		{dashRecent, "Recently changed", "10", "Changed 27 Nov 2026"},
	}
	for _, b := range blocks {
		blk := p.blocks[b.block]
		if blk.title.Text != b.title || blk.count.text != b.count {
			t.Errorf("block %d: title %q count %q, want %q %q", b.block, blk.title.Text, blk.count.text, b.title, b.count)
		}
		if b.count == "0" {
			if !blk.empty.Visible() || blk.list.Visible() {
				t.Errorf("%s: empty block shows no friendly text", b.title)
			}
			continue
		}
		if blk.empty.Visible() {
			t.Errorf("%s: the empty text shows beside rows", b.title)
		}
		if got := blk.items[0].detail; got != b.first {
			t.Errorf("%s: first row says %q, want %q", b.title, got, b.first)
		}
	}
	if got := p.blocks[dashDue].items[1].detail; got != "Due tomorrow" {
		t.Errorf("second due row %q", got)
	}
	if !hasLabel(f.content(), en["dashboard.noBIA.empty"]) {
		t.Errorf("no friendly text for an empty block; texts %q", texts(f.content()))
	}
	// Each row opens its case.
	var opened []string
	p.open = func(id string) { opened = append(opened, id) }
	p.blocks[dashOverdue].list.Select(1)
	p.blocks[dashRecent].list.Select(0)
	if strings.Join(opened, ",") != "case-0008,case-0001" {
		t.Errorf("opened %q", opened)
	}
	created := 0
	p.create = func() { created++ }
	test.Tap(findButton(f.content(), "New case"))
	if created != 1 {
		t.Error("New case on the dashboard does nothing")
	}
	test.Tap(findButton(f.content(), "All cases"))
	if f.shell.Section() != SectionCases {
		t.Error("All cases does not open the case list")
	}
}

func TestDashboardEmpty(t *testing.T) {
	f, _ := newCaseListShell(t, domain.RoleSupervisor)
	p := openDashboard(t, f)
	en := catalog(t, "en")
	for _, key := range []string{"dashboard.overdue.empty", "dashboard.due.empty", "dashboard.myOpen.empty",
		"dashboard.noGuardian.empty", "dashboard.noBIA.empty", "dashboard.recent.empty"} {
		if !hasLabel(f.content(), en[key]) {
			t.Errorf("no %s", key)
		}
	}
	for i, b := range p.blocks {
		if b.count.text != "0" {
			t.Errorf("block %d counts %q", i, b.count.text)
		}
	}
}

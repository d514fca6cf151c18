package casework

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// dueWithinDays is how far ahead the dashboard lists follow-ups.
const dueWithinDays = 7

// recentCount is how many recently changed cases the dashboard lists.
const recentCount = 10

// Dashboard returns what the first screen shows the user, over the cases
// they may see (all of the office's for a supervisor): their own open
// cases (assigned to them), follow-ups of open cases due today or within 7
// days and those overdue, open child cases without a guardian or without a
// Best Interests Assessment, and the 10 cases changed last. Served from
// the index; not audited.
func (ss *Session) Dashboard(ctx context.Context) (Dashboard, error) {
	ix, v, err := ss.openIndex(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	d := ix.dashboard(v)
	ix.mu.RUnlock()
	if d.OverdueReferrals, err = ss.AllReferrals(ctx, ReferralFilter{OverdueOnly: true}); err != nil {
		return Dashboard{}, err
	}
	return d, nil
}

// dashboard builds the dashboard for v; the caller holds ix.mu for reading.
func (ix *caseIndex) dashboard(v viewer) Dashboard {
	var d Dashboard
	today, _ := time.Parse(dayLayout, v.today)
	horizon := today.AddDate(0, 0, dueWithinDays).Format(dayLayout)
	byRank := SortPriority.compare(ix)
	var mine, noGuard, noBIA, recent []int32
	for i := range ix.entries {
		e, slot := &ix.entries[i], int32(i)
		if !v.sees(e) {
			continue
		}
		recent = append(recent, slot)
		if !e.open {
			continue
		}
		if e.sum.AssignedTo == v.userID {
			mine = append(mine, slot)
		}
		if e.sum.IsChild && e.noGuard {
			noGuard = append(noGuard, slot)
		}
		if e.sum.IsChild && e.noBIA {
			noBIA = append(noBIA, slot)
		}
		for _, f := range e.pending { // soonest first
			switch {
			case f.Due < v.today:
				d.FollowUpsOverdue = append(d.FollowUpsOverdue, FollowUpItem{Case: e.summary(v.today), FollowUp: f})
			case f.Due <= horizon:
				d.FollowUpsDue = append(d.FollowUpsDue, FollowUpItem{Case: e.summary(v.today), FollowUp: f})
			}
		}
	}
	summaries := func(slots []int32) []CaseSummary {
		out := make([]CaseSummary, len(slots))
		for i, slot := range slots {
			out[i] = ix.entries[slot].summary(v.today)
		}
		return out
	}
	slices.SortFunc(mine, byRank)
	slices.SortFunc(noGuard, byRank)
	slices.SortFunc(noBIA, byRank)
	topK(recent, min(recentCount, len(recent)), SortUpdated.compare(ix))
	d.MyOpen = summaries(mine)
	d.ChildrenWithoutGuardian = summaries(noGuard)
	d.ChildrenWithoutBIA = summaries(noBIA)
	d.RecentlyChanged = summaries(recent[:min(recentCount, len(recent))])
	// Oldest due first, so the longest waiting is at the top.
	byDue := func(a, b FollowUpItem) int {
		if c := strings.Compare(a.FollowUp.Due, b.FollowUp.Due); c != 0 {
			return c
		}
		if c := cmp.Compare(priorityRank(a.Case.Priority), priorityRank(b.Case.Priority)); c != 0 {
			return c
		}
		return compareCodes(a.Case.Code, b.Case.Code)
	}
	slices.SortFunc(d.FollowUpsDue, byDue)
	slices.SortFunc(d.FollowUpsOverdue, byDue)
	return d
}

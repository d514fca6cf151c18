package casework

import (
	"cmp"
	"context"
	"math/bits"
	"slices"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
)

// defaultLimit is the page size of a query with Limit 0.
const defaultLimit = 50

// SearchCases returns one page of the cases the user may see that match q:
// every word typed is the start of a first, middle or last name, an alias
// or a part of the code, accents and case ignored ("jose" finds "José",
// "0041" and "cv-pra" find CV-PRA-2026-0041), and every filter set holds.
// It is served from the in-memory index (built on first use after unlock)
// and is not audited: the window calls it on every keystroke.
func (ss *Session) SearchCases(ctx context.Context, q CaseQuery) (CaseList, error) {
	ix, v, err := ss.openIndex(ctx)
	if err != nil {
		return CaseList{}, err
	}
	defer ix.mu.RUnlock()
	return ix.search(q, v), nil
}

// search runs q for v; the caller holds ix.mu for reading.
func (ix *caseIndex) search(q CaseQuery, v viewer) CaseList {
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	offset := max(q.Offset, 0)
	list := CaseList{All: ix.visibleCount(v)}

	var hits []int32
	keep := func(slot int32) {
		if e := &ix.entries[slot]; v.sees(e) && q.matches(e, v) {
			hits = append(hits, slot)
		}
	}
	if words := queryTokens(q.Text); len(words) > 0 {
		set := ix.prefixSet(words)
		for w, word := range set {
			for word != 0 {
				b := bits.TrailingZeros64(word)
				word &= word - 1
				keep(int32(w*64 + b))
			}
		}
	} else {
		for slot := range ix.entries {
			keep(int32(slot))
		}
	}
	list.Total = len(hits)
	if offset >= len(hits) {
		return list
	}
	less := q.Sort.compare(ix)
	end := min(offset+limit, len(hits))
	topK(hits, end, less)
	list.Items = make([]CaseSummary, 0, end-offset)
	for _, slot := range hits[offset:end] {
		list.Items = append(list.Items, ix.entries[slot].summary(v.today))
	}
	return list
}

// visibleCount is how many cases v may see.
func (ix *caseIndex) visibleCount(v viewer) int {
	if v.all {
		return len(ix.entries)
	}
	return ix.mine[v.userID]
}

// prefixSet returns, as a bit set over slots, the cases that have for
// every word a token starting with it.
func (ix *caseIndex) prefixSet(words []string) []uint64 {
	n := (len(ix.entries) + 63) / 64
	var set []uint64
	for _, w := range words {
		cur := make([]uint64, n)
		ix.words.prefixed(w, func(posts []int32) {
			for _, slot := range posts {
				cur[slot>>6] |= 1 << (slot & 63)
			}
		})
		if set == nil {
			set = cur
			continue
		}
		for j := range set {
			set[j] &= cur[j]
		}
	}
	return set
}

// matches reports whether e passes the filters of q (not the text).
func (q *CaseQuery) matches(e *caseEntry, v viewer) bool {
	switch {
	case q.Stage != "" && e.sum.Stage != q.Stage,
		q.Status != "" && e.sum.Status != q.Status,
		q.Priority != "" && e.sum.Priority != q.Priority,
		q.Child != nil && e.sum.IsChild != *q.Child,
		q.AssignedToMe && e.sum.AssignedTo != v.userID:
		return false
	case q.Overdue:
		next := e.nextDue()
		return next != "" && next < v.today
	}
	return true
}

// compare returns the order of s over slots of ix; ties go to the code,
// then the id, so pages never overlap.
func (s CaseSort) compare(ix *caseIndex) func(a, b int32) int {
	tie := func(x, y *caseEntry) int {
		if c := compareCodes(x.sum.Code, y.sum.Code); c != 0 {
			return c
		}
		return strings.Compare(x.sum.ID, y.sum.ID)
	}
	newest := func(x, y *caseEntry) int { return cmp.Compare(y.updated, x.updated) }
	return func(a, b int32) int {
		x, y := &ix.entries[a], &ix.entries[b]
		var c int
		switch s {
		case SortCode:
			c = compareCodes(x.sum.Code, y.sum.Code)
		case SortName:
			// Cases without a name go last.
			switch {
			case x.sortName == "" && y.sortName != "":
				c = 1
			case x.sortName != "" && y.sortName == "":
				c = -1
			default:
				c = strings.Compare(x.sortName, y.sortName)
			}
		case SortPriority:
			if c = cmp.Compare(priorityRank(x.sum.Priority), priorityRank(y.sum.Priority)); c == 0 {
				c = newest(x, y)
			}
		default:
			c = newest(x, y)
		}
		if c != 0 {
			return c
		}
		return tie(x, y)
	}
}

// priorityRank orders priorities high first; an unknown one goes last.
func priorityRank(p domain.Priority) int {
	switch p {
	case domain.PriorityHigh:
		return 0
	case domain.PriorityNormal:
		return 1
	case domain.PriorityLow:
		return 2
	}
	return 3
}

// compareCodes orders case codes with their numbers by value, so
// CV-PRA-2026-9999 comes before CV-PRA-2026-10000.
func compareCodes(a, b string) int {
	if len(a) == len(b) {
		return strings.Compare(a, b) // same shape, as an office's codes are: the text order is the number order
	}
	for a != "" && b != "" {
		if isDigitByte(a[0]) && isDigitByte(b[0]) {
			i, j := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(a[:i], "0"), strings.TrimLeft(b[:j], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[i:], b[j:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// digitRun is the length of the run of digits s starts with.
func digitRun(s string) int {
	i := 0
	for i < len(s) && isDigitByte(s[i]) {
		i++
	}
	return i
}

// topK orders the first k elements of s as a full sort would, leaving the
// rest in no particular order: a page of 50 out of 100,000 needs a heap of
// 50, not a sort of everything.
func topK(s []int32, k int, compare func(a, b int32) int) {
	if k >= len(s)/4 {
		slices.SortFunc(s, compare)
		return
	}
	// A max-heap of the k best so far in s[:k]; each later element better
	// than the worst of them replaces it.
	h := s[:k]
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			if r := l + 1; r < len(h) && compare(h[r], h[l]) > 0 {
				l = r
			}
			if compare(h[l], h[i]) <= 0 {
				return
			}
			h[i], h[l] = h[l], h[i]
			i = l
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for j := k; j < len(s); j++ {
		if len(h) > 0 && compare(s[j], h[0]) < 0 {
			h[0], s[j] = s[j], h[0]
			down(0)
		}
	}
	slices.SortFunc(h, compare)
}

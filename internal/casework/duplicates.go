package casework

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
)

// Reasons a DuplicateMatch gives.
const (
	ReasonName      = "name"
	ReasonBirthDate = "birth-date"
	ReasonAge       = "age"
	ReasonPhone     = "phone"
)

const (
	maxDuplicates = 10
	// closeAgeDays is how far apart two births may be for "close age": two
	// years, as estimates made by appearance are rarely closer than that.
	closeAgeDays = 2*365 + 1
	// minPhoneDigits is the fewest digits a phone number needs to be
	// compared; a shorter one is a typo or an extension.
	minPhoneDigits = 7
)

// PossibleDuplicates returns the existing cases the user may see that may
// be about the same person as p, best first, at most 10: a similar name
// (accents and case ignored, a letter or two apart per word, or the same
// words in another order, aliases included) together with a close age (two
// years either way) or the same birth date; or the same phone number. Each
// match says why. The window asks it while a case is registered.
func (ss *Session) PossibleDuplicates(ctx context.Context, p domain.Person) ([]DuplicateMatch, error) {
	ix, v, err := ss.openIndex(ctx)
	if err != nil {
		return nil, err
	}
	defer ix.mu.RUnlock()
	return ix.duplicates(p, v), nil
}

// duplicates finds the matches of p for v; the caller holds ix.mu for reading.
func (ix *caseIndex) duplicates(p domain.Person, v viewer) []DuplicateMatch {
	probe := newEntry(domain.Case{Person: p}, v.now) // an age estimate is as of today

	// Candidates: the cases with a word close to one of p's words, and the
	// cases with the same phone.
	cands := map[int32]bool{}
	var words []string
	for _, set := range probe.names {
		for _, w := range set {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	ix.words.each(func(t string, posts []int32) {
		if t == "" || isDigitByte(t[0]) {
			return // code numbers
		}
		for _, w := range words {
			if similarWords(w, t) {
				for _, slot := range posts {
					cands[slot] = true
				}
				return
			}
		}
	})
	if len(probe.phone) >= minPhoneDigits {
		for slot := range ix.entries {
			if samePhone(probe.phone, ix.entries[slot].phone) {
				cands[int32(slot)] = true
			}
		}
	}

	var out []DuplicateMatch
	var updated []int64
	for slot := range cands {
		e := &ix.entries[slot]
		if !v.sees(e) {
			continue
		}
		reasons, score := compareForDuplicate(&probe, e)
		if reasons == nil {
			continue
		}
		out = append(out, DuplicateMatch{Case: e.summary(v.today), Reasons: reasons, Score: score})
		updated = append(updated, e.updated)
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(out[b].Score, out[a].Score); c != 0 {
			return c
		}
		if c := cmp.Compare(updated[b], updated[a]); c != 0 {
			return c
		}
		return compareCodes(out[a].Case.Code, out[b].Case.Code)
	})
	best := make([]DuplicateMatch, 0, min(len(order), maxDuplicates))
	for _, i := range order[:min(len(order), maxDuplicates)] {
		best = append(best, out[i])
	}
	return best
}

// compareForDuplicate returns why e may be the person of probe, and a score
// (higher is likelier), or nil reasons when it is not a match.
func compareForDuplicate(probe, e *caseEntry) ([]string, float64) {
	var reasons []string
	score := 0.0
	name := 0.0
	for _, a := range probe.names {
		for _, b := range e.names {
			name = max(name, nameSimilarity(a, b))
		}
	}
	if name > 0 {
		reasons = append(reasons, ReasonName)
		score += name
	}
	age := false
	if probe.hasBirth && e.hasBirth {
		d := int(probe.birth) - int(e.birth)
		d = max(d, -d)
		switch {
		case probe.exactDOB && e.exactDOB && d == 0:
			reasons = append(reasons, ReasonBirthDate)
			score += 1
			age = true
		case d <= closeAgeDays:
			reasons = append(reasons, ReasonAge)
			score += 0.5 * (1 - float64(d)/float64(2*closeAgeDays))
			age = true
		}
	}
	phone := len(probe.phone) >= minPhoneDigits && samePhone(probe.phone, e.phone)
	if phone {
		reasons = append(reasons, ReasonPhone)
		score += 1
	}
	if !phone && (name == 0 || !age) {
		return nil, 0
	}
	return reasons, score
}

// nameSimilarity compares two names as sets of folded words, in any order:
// each word of the shorter name is paired with a close word of the other.
// Two names are similar when two words pair up (or the only word, when one
// name has a single word); the result is then in (0, 1], 1 for the same
// words, and 0 otherwise.
func nameSimilarity(a, b []string) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	used := make([]bool, len(b))
	matched, sum := 0, 0.0
	for _, w := range a {
		best, bestSim := -1, 0.0
		for j, u := range b {
			if used[j] {
				continue
			}
			d, ok := wordDistance(w, u)
			if !ok {
				continue
			}
			if sim := 1 - float64(d)/float64(max(len(w), len(u))); sim > bestSim {
				best, bestSim = j, sim
			}
		}
		if best >= 0 {
			used[best] = true
			matched++
			sum += bestSim
		}
	}
	if matched < min(2, len(a)) {
		return 0
	}
	return sum / float64(len(b))
}

// allowedEdits is how many letters may differ between two words of which
// the shorter has n letters: none up to 3 (Ba, Sy, Diop against Diof would
// be noise), one up to 5, two from 6.
func allowedEdits(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// wordDistance returns the edit distance of two folded words and whether it
// is small enough for them to be the same name spelt differently.
func wordDistance(a, b string) (int, bool) {
	k := allowedEdits(min(len(a), len(b)))
	d := editDistance(a, b, k)
	return d, d <= k
}

// similarWords reports whether two folded words may be the same name.
func similarWords(a, b string) bool {
	_, ok := wordDistance(a, b)
	return ok
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of two neighbouring
// letters, in bytes of the folded form), or limit+1 once it is sure to be
// more than limit.
func editDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	// Three rows of the dynamic programming table.
	var buf [3 * 33]int
	row := buf[:]
	if need := 3 * (len(b) + 1); need > len(row) {
		row = make([]int, need)
	}
	prev2, prev, cur := row[0:len(b)+1], row[len(b)+1:2*(len(b)+1)], row[2*(len(b)+1):3*(len(b)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		lowest := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			lowest = min(lowest, v)
		}
		if lowest > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

// samePhone reports whether two phone numbers, as digits, are the same:
// equal, or one the other without its country code or trunk zero
// ("+234 803 555 1234", "0803 555 1234" and "803 555 1234").
func samePhone(a, b string) bool {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) < minPhoneDigits || len(b) < minPhoneDigits {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasSuffix(b, a)
}

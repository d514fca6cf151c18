package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
	"golang.org/x/text/unicode/norm"
)

// The search index: what lists, search, duplicates and the dashboard need
// of every case, decrypted, kept in memory only while the session is
// unlocked. It is built on first use after unlock from the sealed head
// revisions, kept current by onCaseSaved, and dropped by the session's wipe
// (Lock, auto-lock, Logout). It holds small entries of folded tokens and
// list fields, not whole cases.

func init() {
	onCaseSaved = func(ss *Session, c domain.Case) { ss.indexCase(c) }
}

// caseSaves counts the case saves of this process. Each index remembers
// the count it is current with: a save through another session (a second
// login, an import) moves the count past it, and the index is built again
// on its next use. The desktop app and the command line run one session,
// so in practice only their own saves move it, and those update the index
// in place. (Several offices in one process, as in tests, only cost
// needless rebuilds.)
var caseSaves atomic.Int64

// caseIndex is the in-memory index of one session. Lock order: a holder of
// Session.mu may take caseIndex.mu (wipe does), never the reverse; build
// is held while loading the cases, which takes Session.mu.
type caseIndex struct {
	build sync.Mutex // one build at a time

	mu      sync.RWMutex
	ready   bool        // built
	dropped bool        // wiped: refuse everything
	seen    int64       // caseSaves the index is current with
	pending []caseEntry // saves seen while the build was loading

	entries []caseEntry      // one slot per case
	byID    map[string]int32 // case id → slot
	words   tokenTable       // search tokens → slots
	mine    map[string]int   // user id → cases created by or assigned to them
	strs    map[string]string
}

// caseEntry is what the index keeps of one case.
type caseEntry struct {
	sum       CaseSummary // NextFollowUp and Overdue are set per query
	updated   int64       // sum.UpdatedAt in Unix nanoseconds, for sorting
	createdBy string
	sortName  string     // folded display name, for SortName
	tokens    []string   // folded search tokens of names, aliases and code, unique
	names     [][]string // for duplicates: the full name's tokens, then each alias's
	birth     int32      // days since 1970 of the birth date, or of the estimated one
	hasBirth  bool
	exactDOB  bool
	phone     string            // digits of the phone number
	pending   []domain.FollowUp // follow-ups not done, soonest first
	open      bool              // not closed
	noGuard   bool              // no guardian name
	noBIA     bool              // no Best Interests Assessment
}

// nextDue is the earliest pending follow-up date, or "".
func (e *caseEntry) nextDue() string {
	if len(e.pending) == 0 {
		return ""
	}
	return e.pending[0].Due
}

// summary is the entry's list row as of today (YYYY-MM-DD).
func (e *caseEntry) summary(today string) CaseSummary {
	s := e.sum
	s.NextFollowUp = e.nextDue()
	s.Overdue = s.NextFollowUp != "" && s.NextFollowUp < today
	return s
}

// viewer is who asks the index, and the day they ask.
type viewer struct {
	userID string
	all    bool // sees every case of the office
	today  string
	now    time.Time
}

// sees reports whether v may see e: every case with PermAllCases,
// otherwise the cases they created or are assigned to (as canSee).
func (v viewer) sees(e *caseEntry) bool {
	return v.all || e.createdBy == v.userID || e.sum.AssignedTo == v.userID
}

// dropIndex forgets the index; the caller holds ss.mu (wipe does).
func (ss *Session) dropIndex() {
	if ix := ss.index; ix != nil {
		ss.index = nil
		ix.drop()
	}
}

// drop releases everything the index holds. A search in flight finishes
// first; a build in flight finds it dropped and throws its work away.
func (ix *caseIndex) drop() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.dropped, ix.ready = true, false
	ix.pending, ix.entries, ix.byID, ix.words, ix.mine, ix.strs = nil, nil, nil, tokenTable{}, nil, nil
}

// openIndex checks the session (unlocked, role with PermOwnCases) and
// returns the built index, read-locked, with the viewer: the caller calls
// ix.mu.RUnlock when done.
func (ss *Session) openIndex(ctx context.Context) (*caseIndex, viewer, error) {
	ss.mu.Lock()
	if err := ss.ready(PermOwnCases); err != nil {
		ss.mu.Unlock()
		return nil, viewer{}, err
	}
	now := ss.s.now()
	v := viewer{userID: ss.user.ID, all: RoleCan(ss.user.Role, PermAllCases), today: now.Format(dayLayout), now: now}
	if ss.index == nil {
		ss.index = &caseIndex{}
	}
	ix := ss.index
	ss.mu.Unlock()

	for {
		ix.mu.RLock()
		switch {
		case ix.dropped:
			ix.mu.RUnlock()
			return nil, viewer{}, ErrLocked
		case ix.ready && ix.seen == caseSaves.Load():
			return ix, v, nil
		}
		ix.mu.RUnlock()
		if err := ix.fill(ctx, ss); err != nil {
			return nil, viewer{}, err
		}
	}
}

// fill builds the index from the sealed head revisions of every case,
// unless another call did while this one waited. Searches wait for it.
func (ix *caseIndex) fill(ctx context.Context, ss *Session) error {
	ix.build.Lock()
	defer ix.build.Unlock()
	ix.mu.Lock()
	if ix.dropped || ix.ready && ix.seen == caseSaves.Load() {
		ix.mu.Unlock()
		return nil
	}
	// Never built, or stale: start again, and let the old entries go now
	// rather than hold two indexes at once.
	ix.ready, ix.pending = false, nil
	ix.entries, ix.byID, ix.words, ix.mine, ix.strs = nil, nil, tokenTable{}, nil, nil
	start := caseSaves.Load()
	ix.mu.Unlock()

	entries, err := ss.loadEntries(ctx)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	switch {
	case ix.dropped, errors.Is(err, vault.ErrLocked):
		return ErrLocked // locked while loading: the key was wiped under it
	case err != nil:
		return err
	}
	b := buildFromEntries(entries)
	ix.entries, ix.byID, ix.words, ix.mine, ix.strs = b.entries, b.byID, b.words, b.mine, b.strs
	for _, e := range ix.pending {
		ix.upsert(e)
	}
	// Current when every save since the start came through this session
	// (and is applied now); otherwise the next use builds it again.
	ix.seen = start
	if now := caseSaves.Load(); now == start+int64(len(ix.pending)) {
		ix.seen = now
	}
	ix.pending, ix.ready = nil, true
	return nil
}

// loadEntries opens the head revision of every case and makes its index
// entry, on every core: decrypting and decoding 100,000 cases is most of
// what the first search after unlock waits for. Only the fields the index
// needs are decoded (indexedCase). A body that does not open fails the
// build with an error naming its case, as openHeads does.
func (ss *Session) loadEntries(ctx context.Context) ([]caseEntry, error) {
	ss.mu.Lock()
	if err := ss.ready(PermOwnCases); err != nil {
		ss.mu.Unlock()
		return nil, err
	}
	key := ss.key // safe to use unlocked: a wipe makes Open fail with vault.ErrLocked
	ss.mu.Unlock()
	revs, err := ss.s.db.HeadBodies(ctx, kindCase)
	if err != nil {
		return nil, err
	}
	now := ss.s.now()
	entries := make([]caseEntry, len(revs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(revs)/256))
	chunk := (len(revs) + workers - 1) / workers
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min(len(revs), (w+1)*chunk)
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if i%1024 == 0 && ctx.Err() != nil {
					errs[w] = ctx.Err()
					return
				}
				r := &revs[i]
				plain, err := key.Open(revisionAD(*r), r.Body)
				if err != nil {
					errs[w] = errorf(fmt.Sprintf("open %s %s", r.Kind, r.RecordID), err)
					return
				}
				var ic indexedCase
				err = json.Unmarshal(plain, &ic)
				clear(plain)
				r.Body = nil // the sealed copy can go too
				if err != nil {
					errs[w] = errorf("read case "+r.RecordID, err)
					return
				}
				entries[i] = newEntry(ic.toCase(), now)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return entries, nil
}

// indexedCase is the part of a case body the index reads: decoding these
// fields alone is much faster than the whole case and leaves less garbage
// behind. TestIndexedCase keeps it in step with newEntry.
type indexedCase struct {
	ID         string            `json:"id"`
	Code       string            `json:"code"`
	Status     domain.CaseStatus `json:"status"`
	Stage      domain.Stage      `json:"stage"`
	Priority   domain.Priority   `json:"priority"`
	AssignedTo string            `json:"assignedTo"`
	OpenedOn   string            `json:"openedOn"`
	CreatedAt  time.Time         `json:"createdAt"`
	UpdatedAt  time.Time         `json:"updatedAt"`
	CreatedBy  string            `json:"createdBy"`
	Person     struct {
		FirstName    string   `json:"firstName"`
		MiddleName   string   `json:"middleName"`
		LastName     string   `json:"lastName"`
		Aliases      []string `json:"aliases"`
		BirthDate    string   `json:"birthDate"`
		AgeEstimate  int      `json:"ageEstimate"`
		AgeUncertain bool     `json:"ageUncertain"`
		MayBeChild   bool     `json:"mayBeChild"`
		Phone        string   `json:"phone"`
	} `json:"person"`
	Child struct {
		Guardian struct {
			Name string `json:"name"`
		} `json:"guardian"`
		BIA *struct{} `json:"bia"` // only whether there is one
	} `json:"child"`
	FollowUps []domain.FollowUp `json:"followUps"`
}

// toCase returns the case as far as the index knows it.
func (ic *indexedCase) toCase() domain.Case {
	p := ic.Person
	c := domain.Case{
		ID: ic.ID, Code: ic.Code, Status: ic.Status, Stage: ic.Stage, Priority: ic.Priority, AssignedTo: ic.AssignedTo,
		OpenedOn: ic.OpenedOn, CreatedAt: ic.CreatedAt, UpdatedAt: ic.UpdatedAt, CreatedBy: ic.CreatedBy,
		Person: domain.Person{FirstName: p.FirstName, MiddleName: p.MiddleName, LastName: p.LastName, Aliases: p.Aliases,
			BirthDate: p.BirthDate, AgeEstimate: p.AgeEstimate, AgeUncertain: p.AgeUncertain, MayBeChild: p.MayBeChild, Phone: p.Phone},
		FollowUps: ic.FollowUps,
	}
	c.Child.Guardian.Name = ic.Child.Guardian.Name
	if ic.Child.BIA != nil {
		c.Child.BIA = &domain.BestInterests{}
	}
	return c
}

// buildIndex makes a ready index of cases; now dates the age estimates of
// cases opened on no valid date.
func buildIndex(cases []domain.Case, now time.Time) *caseIndex {
	entries := make([]caseEntry, len(cases))
	for i := range cases {
		entries[i] = newEntry(cases[i], now)
	}
	return buildFromEntries(entries)
}

// buildFromEntries makes a ready index of entries, in place: the index
// keeps the slice.
func buildFromEntries(entries []caseEntry) *caseIndex {
	b := &caseIndex{byID: make(map[string]int32, len(entries)), mine: map[string]int{}, strs: map[string]string{}, ready: true}
	postings := map[string][]int32{}
	n := 0
	for i := range entries {
		e := b.intern(entries[i])
		if _, seen := b.byID[e.sum.ID]; seen {
			continue // cannot happen: one head per record
		}
		slot := int32(n)
		entries[n] = e
		n++
		b.byID[e.sum.ID] = slot
		for _, t := range e.tokens {
			postings[t] = append(postings[t], slot)
		}
	}
	clear(entries[n:])
	b.entries = entries[:n]
	b.words = newTokenTable(postings)
	for i := range b.entries {
		b.count(&b.entries[i], 1)
	}
	return b
}

// indexCase brings the index up to date after c was saved. Without an
// index there is nothing to do: the next build reads c from the store.
func (ss *Session) indexCase(c domain.Case) {
	n := caseSaves.Add(1)
	ss.mu.Lock()
	ix, now := ss.index, ss.s.now()
	ss.mu.Unlock()
	if ix == nil {
		return
	}
	e := newEntry(c, now)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	switch {
	case ix.dropped:
	case !ix.ready:
		ix.pending = append(ix.pending, e)
	default:
		ix.upsert(e)
		if ix.seen == n-1 {
			ix.seen = n
		}
	}
}

// upsert adds or replaces a case's entry; the caller holds ix.mu. An entry
// older than the one indexed (two saves finishing out of order) is ignored.
func (ix *caseIndex) upsert(e caseEntry) {
	e = ix.intern(e)
	slot, ok := ix.byID[e.sum.ID]
	if !ok {
		slot = int32(len(ix.entries))
		ix.entries = append(ix.entries, e)
		ix.byID[e.sum.ID] = slot
		for _, t := range e.tokens {
			ix.words.add(t, slot)
		}
		ix.count(&ix.entries[slot], 1)
		return
	}
	old := &ix.entries[slot]
	if old.updated > e.updated {
		return
	}
	for _, t := range old.tokens {
		if !slices.Contains(e.tokens, t) {
			ix.words.remove(t, slot)
		}
	}
	for _, t := range e.tokens {
		if !slices.Contains(old.tokens, t) {
			ix.words.add(t, slot)
		}
	}
	ix.count(old, -1)
	*old = e
	ix.count(old, 1)
}

// count adds d to the visible-case counts of e's creator and assignee.
func (ix *caseIndex) count(e *caseEntry, d int) {
	ix.mine[e.createdBy] += d
	if e.sum.AssignedTo != e.createdBy {
		ix.mine[e.sum.AssignedTo] += d
	}
}

// intern makes e's repeated strings (tokens, user ids, statuses) share one
// copy each: 100,000 cases hold a few thousand distinct names.
func (ix *caseIndex) intern(e caseEntry) caseEntry {
	in := func(s string) string {
		if s == "" {
			return ""
		}
		if t, ok := ix.strs[s]; ok {
			return t
		}
		ix.strs[s] = s
		return s
	}
	for i, t := range e.tokens {
		e.tokens[i] = in(t)
	}
	for _, set := range e.names {
		for i, t := range set {
			set[i] = in(t)
		}
	}
	e.createdBy = in(e.createdBy)
	e.sum.AssignedTo = in(e.sum.AssignedTo)
	e.sum.Status = domain.CaseStatus(in(string(e.sum.Status)))
	e.sum.Stage = domain.Stage(in(string(e.sum.Stage)))
	e.sum.Priority = domain.Priority(in(string(e.sum.Priority)))
	return e
}

// newEntry makes the index entry of c; now dates the age estimate of a case
// opened on no valid date.
func newEntry(c domain.Case, now time.Time) caseEntry {
	p := c.Person
	e := caseEntry{
		sum:       caseSummary(c, dateOf(now)),
		updated:   c.UpdatedAt.UnixNano(),
		createdBy: c.CreatedBy,
		phone:     digits(p.Phone),
		open:      c.Status != domain.StatusClosed && c.Status != domain.StatusClosedReferred && c.Stage != domain.StageClosed,
		noGuard:   strings.TrimSpace(c.Child.Guardian.Name) == "",
		noBIA:     c.Child.BIA == nil,
	}
	e.sum.NextFollowUp, e.sum.Overdue = "", false
	e.sortName = strings.Join(strings.Fields(fold(e.sum.Name)), " ")

	var toks []string
	add := func(t string) {
		if t != "" && !slices.Contains(toks, t) {
			toks = append(toks, t)
		}
	}
	for _, s := range append([]string{p.FirstName, p.MiddleName, p.LastName}, p.Aliases...) {
		indexTokens(s, add)
	}
	for _, t := range strings.Fields(fold(c.Code)) {
		add(t)
		if n := strings.TrimLeft(t, "0"); n != t && n != "" && isDigits(n) {
			add(n) // "41" finds CV-PRA-2026-0041
		}
	}
	e.tokens = slices.Clip(toks)
	e.names = personNames(p)

	ref := now
	if t, err := time.Parse(dayLayout, c.OpenedOn); err == nil {
		ref = t
	} else if !c.CreatedAt.IsZero() {
		ref = c.CreatedAt
	}
	e.birth, e.hasBirth, e.exactDOB = birthDay(p, ref)

	for _, f := range c.FollowUps {
		if f.Done == "" && f.Due != "" {
			e.pending = append(e.pending, f)
		}
	}
	slices.SortStableFunc(e.pending, func(a, b domain.FollowUp) int { return strings.Compare(a.Due, b.Due) })
	return e
}

// personNames returns the token sets duplicates compare: the full name,
// then each alias.
func personNames(p domain.Person) [][]string {
	var sets [][]string
	if full := queryTokens(p.FirstName + " " + p.MiddleName + " " + p.LastName); len(full) > 0 {
		sets = append(sets, full)
	}
	for _, a := range p.Aliases {
		if ts := queryTokens(a); len(ts) > 0 {
			sets = append(sets, ts)
		}
	}
	return sets
}

// birthDay returns the day (since 1970) a person was born: the birth date
// when known, otherwise the middle of the year of birth an age estimate
// made on ref points to.
func birthDay(p domain.Person, ref time.Time) (day int32, ok, exact bool) {
	if t, err := time.Parse(dayLayout, p.BirthDate); err == nil {
		return int32(t.Unix() / 86400), true, true
	}
	if p.AgeEstimate <= 0 {
		return 0, false, false
	}
	t := ref.AddDate(-p.AgeEstimate, -6, 0)
	return int32(t.Unix() / 86400), true, false
}

// Folding: the index and the query are compared in a folded form, lower
// case without accents, tone marks or dots below, so "Jose" finds "José",
// "CONCEICAO" finds "Conceição" and "adebayo" finds "Adébáyọ̀".

// foldSpecial maps letters that do not decompose into a base letter and a
// mark to what a person types on a plain keyboard.
var foldSpecial = map[rune]string{
	'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th",
	'ı': "i", 'ɗ': "d", 'ƙ': "k", 'ɓ': "b", 'ƴ': "y", 'ŋ': "ng", 'ə': "e", 'ɛ': "e", 'ɔ': "o",
	'’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", '`': "'", '´': "'",
}

// fold returns s in lower case without accents: letters and digits,
// apostrophes, and a space for anything else.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			switch {
			case 'A' <= r && r <= 'Z':
				b.WriteByte(byte(r) + 'a' - 'A')
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '\'':
				b.WriteByte(byte(r))
			default:
				b.WriteByte(' ')
			}
		case unicode.Is(unicode.Mn, r):
			// accents, tone marks, dots below: dropped
		default:
			r = unicode.ToLower(r)
			if m, ok := foldSpecial[r]; ok {
				b.WriteString(m)
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// indexTokens calls add with the folded tokens of a name as stored. A word
// with apostrophes gives itself without them and each part: "N'Diaye" is
// found by "ndiaye", "n'diaye" and "diaye".
func indexTokens(s string, add func(string)) {
	for _, w := range strings.Fields(fold(s)) {
		if !strings.Contains(w, "'") {
			add(w)
			continue
		}
		add(strings.ReplaceAll(w, "'", ""))
		for _, part := range strings.Split(w, "'") {
			add(part)
		}
	}
}

// queryTokens returns the folded words of what a person typed, apostrophes
// removed, without repeats.
func queryTokens(s string) []string {
	var out []string
	for _, w := range strings.Fields(fold(s)) {
		w = strings.ReplaceAll(w, "'", "")
		if w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// digits keeps the digits of s: how phone numbers are compared.
func digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// isDigits reports whether s is made of ASCII digits only.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// tokenTable maps folded search tokens to the ascending slots of the cases
// that have them. Most tokens live in a sorted list, for prefix search by
// binary search; tokens new since the last merge wait in a small map, so
// that adding a case with a new token (every case code has one) does not
// shift a list of 200,000 tokens each time.
type tokenTable struct {
	toks  []string  // sorted
	posts [][]int32 // posts[i] for toks[i]; may be empty until the next merge
	fresh map[string][]int32
}

// mergeFresh is how many new tokens wait before they are merged in.
const mergeFresh = 1024

// newTokenTable makes a table of postings (slots ascending).
func newTokenTable(postings map[string][]int32) tokenTable {
	tt := tokenTable{toks: make([]string, 0, len(postings))}
	for t := range postings {
		tt.toks = append(tt.toks, t)
	}
	sort.Strings(tt.toks)
	tt.posts = make([][]int32, len(tt.toks))
	for i, t := range tt.toks {
		tt.posts[i] = slices.Clip(postings[t])
	}
	return tt
}

// add records that the case in slot has token t.
func (tt *tokenTable) add(t string, slot int32) {
	insert := func(p []int32) []int32 {
		if j, ok := slices.BinarySearch(p, slot); !ok {
			p = slices.Insert(p, j, slot)
		}
		return p
	}
	if i, ok := slices.BinarySearch(tt.toks, t); ok {
		tt.posts[i] = insert(tt.posts[i])
		return
	}
	if tt.fresh == nil {
		tt.fresh = map[string][]int32{}
	}
	tt.fresh[t] = insert(tt.fresh[t])
	if len(tt.fresh) > mergeFresh {
		tt.merge()
	}
}

// remove records that the case in slot no longer has token t.
func (tt *tokenTable) remove(t string, slot int32) {
	del := func(p []int32) []int32 {
		if j, ok := slices.BinarySearch(p, slot); ok {
			p = slices.Delete(p, j, j+1)
		}
		return p
	}
	if i, ok := slices.BinarySearch(tt.toks, t); ok {
		tt.posts[i] = del(tt.posts[i]) // an empty one goes at the next merge
		return
	}
	if p, ok := tt.fresh[t]; ok {
		if p = del(p); len(p) == 0 {
			delete(tt.fresh, t)
		} else {
			tt.fresh[t] = p
		}
	}
}

// merge moves the fresh tokens into the sorted list and drops the tokens
// no case has any more.
func (tt *tokenTable) merge() {
	fresh := make([]string, 0, len(tt.fresh))
	for t := range tt.fresh {
		fresh = append(fresh, t)
	}
	sort.Strings(fresh)
	toks := make([]string, 0, len(tt.toks)+len(fresh))
	posts := make([][]int32, 0, len(tt.toks)+len(fresh))
	i, j := 0, 0
	for i < len(tt.toks) || j < len(fresh) {
		if j == len(fresh) || i < len(tt.toks) && tt.toks[i] < fresh[j] {
			if len(tt.posts[i]) > 0 {
				toks, posts = append(toks, tt.toks[i]), append(posts, tt.posts[i])
			}
			i++
			continue
		}
		toks, posts = append(toks, fresh[j]), append(posts, tt.fresh[fresh[j]])
		j++
	}
	tt.toks, tt.posts, tt.fresh = toks, posts, nil
}

// prefixed calls fn with the postings of every token that starts with w.
func (tt *tokenTable) prefixed(w string, fn func(posts []int32)) {
	i, _ := slices.BinarySearch(tt.toks, w)
	for ; i < len(tt.toks) && strings.HasPrefix(tt.toks[i], w); i++ {
		fn(tt.posts[i])
	}
	for t, p := range tt.fresh {
		if strings.HasPrefix(t, w) {
			fn(p)
		}
	}
}

// each calls fn with every token that some case has, and its postings.
func (tt *tokenTable) each(fn func(t string, posts []int32)) {
	for i, t := range tt.toks {
		if len(tt.posts[i]) > 0 {
			fn(t, tt.posts[i])
		}
	}
	for t, p := range tt.fresh {
		fn(t, p)
	}
}

// has reports whether some case has token t.
func (tt *tokenTable) has(t string) bool {
	if i, ok := slices.BinarySearch(tt.toks, t); ok {
		return len(tt.posts[i]) > 0
	}
	return len(tt.fresh[t]) > 0
}

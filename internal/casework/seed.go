package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// ErrNotEmpty refuses to seed an office that already holds cases: made-up
// cases must never mix with real ones (they could be exported to partners).
var ErrNotEmpty = errors.New("casework: the office already holds cases; seed only an empty demonstration or test office")

// FictionalMark starts the narrative of every seeded case, so nobody takes
// one for a real person.
const FictionalMark = "[FICTIONAL]"

// seedBatch is how many cases Seed writes per transaction.
const seedBatch = 1000

// Seed fills an empty office with n made-up cases for demonstrations,
// training and benchmarks: names from Cabo Verdean, Senegalese and Nigerian
// pools (with their accents and tone marks), children and adults, estimated
// ages, trafficking details, places and dates, follow-ups (some overdue),
// guardians and Best Interests Assessments for some children, a few
// re-registrations of the same person under another spelling, and every
// narrative starting with "[FICTIONAL]". The same seed gives the same cases
// (ids and stamps aside). Cases are assigned round the office's active
// case workers and supervisors.
//
// It writes what CreateCase (and CloseCase, for closed cases) would, with
// the same validation, codes, revisions and case.create / case.close audit
// entries, a thousand cases per transaction. It returns how many cases it
// wrote; ErrNotEmpty when the office already holds cases.
func (ss *Session) Seed(ctx context.Context, n int, seed int64) (int, error) {
	user, office, err := ss.caseUser()
	if err != nil {
		return 0, err
	}
	ix, _, err := ss.openIndex(ctx)
	if err != nil {
		return 0, err
	}
	empty := len(ix.entries) == 0
	ix.mu.RUnlock()
	if !empty {
		return 0, ErrNotEmpty
	}
	rows, err := ss.s.db.Users(ctx)
	if err != nil {
		return 0, err
	}
	var workers []string
	for _, r := range rows {
		if !r.Disabled && RoleCan(r.Role, PermOwnCases) {
			workers = append(workers, r.ID)
		}
	}
	if len(workers) == 0 {
		workers = []string{user.ID}
	}
	prefix := office.CodePrefix
	if prefix == "" {
		prefix = domain.DefaultCodePrefix(office.Name)
	}
	g := newSeeder(seed, ss.today(), workers)
	done := 0
	for done < n {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		batch := make([]seedCase, min(seedBatch, n-done))
		for i := range batch {
			batch[i] = g.next()
			if err := batch[i].check(g.today); err != nil {
				return done, fmt.Errorf("casework: seed case %d: %w", done+i, err)
			}
		}
		created, err := ss.seedWrite(ctx, user.ID, prefix, batch)
		for _, sc := range batch[:created] {
			onCaseSaved(ss, sc.c)
		}
		done += created
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// seedCase is one generated case, and its closure when it is to be closed.
type seedCase struct {
	c     domain.Case
	close *domain.Closure
}

// check applies the rules CreateCase and CloseCase apply: a seeded case
// that breaks one is a bug of the generator.
func (sc seedCase) check(today time.Time) error {
	ps := ValidateCase(sc.c, today)
	if cl := sc.close; cl != nil {
		ps = append(ps, validateClosure(*cl, sc.c.OpenedOn, today)...)
		if child, _ := ChildStatus(sc.c.Person, today); child && sc.c.Child.BIA == nil {
			return &RuleError{Rule: RuleBIARequired}
		}
	}
	if len(ps) > 0 {
		return &ValidationErrors{Problems: ps}
	}
	return nil
}

// seedWrite stores a batch as CreateCase would (one revision each, audited
// case.create), then closes the ones to close as CloseCase would (a second
// revision, audited case.close), in two transactions. It returns how many
// cases it created; batch holds them as stored.
func (ss *Session) seedWrite(ctx context.Context, userID, prefix string, batch []seedCase) (int, error) {
	today := ss.today()
	err := ss.commit(ctx, "seed cases", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		seq, err := tx.NextCaseSeq(ctx, prefix, now.Year())
		if err != nil {
			return nil, nil, err
		}
		drafts := make([]draft, 0, len(batch))
		entries := make([]domain.AuditEntry, 0, len(batch))
		for i := range batch {
			c := &batch[i].c
			c.ID, c.CreatedBy = uuid.NewString(), userID
			c.Code = fmt.Sprintf("%s-%04d-%04d", prefix, now.Year(), seq+i)
			c.CreatedAt, c.UpdatedAt = now, now
			body, err := json.Marshal(*c)
			if err != nil {
				return drafts, nil, errorf("seed cases", err)
			}
			drafts = append(drafts, draft{kind: kindCase, recordID: c.ID, body: body, cols: caseColumns(*c, today)})
			entries = append(entries, ss.s.entry(domain.AuditCaseCreate, userID, c.ID, "code="+c.Code))
		}
		return drafts, entries, nil
	})
	if err != nil {
		return 0, err
	}
	closed := map[int]domain.Case{}
	err = ss.commit(ctx, "seed case closures", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		var drafts []draft
		var entries []domain.AuditEntry
		for i, sc := range batch {
			if sc.close == nil {
				continue
			}
			head, err := tx.RecordHead(ctx, sc.c.ID)
			if err != nil {
				return drafts, nil, err
			}
			c := sc.c
			c.Status, c.Stage, c.Closure = domain.StatusClosed, domain.StageClosed, sc.close
			if sc.close.Reason == domain.ClosedReferred {
				c.Status = domain.StatusClosedReferred
			}
			c.UpdatedAt = now
			body, err := json.Marshal(c)
			if err != nil {
				return drafts, nil, errorf("seed cases", err)
			}
			drafts = append(drafts, draft{kind: kindCase, recordID: c.ID, parents: []string{head}, body: body, cols: caseColumns(c, today)})
			entries = append(entries, ss.s.entry(domain.AuditCaseClose, userID, c.ID, "closure="+string(sc.close.Reason)))
			closed[i] = c
		}
		return drafts, entries, nil
	})
	if err == nil {
		for i, c := range closed {
			batch[i].c = c
		}
	}
	return len(batch), err
}

// seeder makes up cases, deterministically for a seed and a day.
type seeder struct {
	r       *rand.Rand
	today   time.Time
	workers []string
	seen    []domain.Person // recent people, some registered again
}

func newSeeder(seed int64, today time.Time, workers []string) *seeder {
	return &seeder{r: rand.New(rand.NewPCG(uint64(seed), 0x416d7061726f)), today: dateOf(today), workers: workers}
}

func (g *seeder) chance(p float64) bool  { return g.r.Float64() < p }
func (g *seeder) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func pick[T any](g *seeder, xs []T) T { return xs[g.r.IntN(len(xs))] }

// some picks between lo and hi different values of xs, in xs's order.
func some[T comparable](g *seeder, xs []T, lo, hi int) []T {
	n := min(g.between(lo, hi), len(xs))
	idx := g.r.Perm(len(xs))[:n]
	slices.Sort(idx)
	out := make([]T, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// id makes a UUID from the generator, so follow-ups are the same per seed.
func (g *seeder) id() string {
	var u uuid.UUID
	a, b := g.r.Uint64(), g.r.Uint64()
	for i := range 8 {
		u[i], u[8+i] = byte(a>>(8*i)), byte(b>>(8*i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

func (g *seeder) day(t time.Time) string { return t.Format(dayLayout) }

// daysAgo is the day n days before today.
func (g *seeder) daysAgo(n int) time.Time { return g.today.AddDate(0, 0, -n) }

// next makes up one case.
func (g *seeder) next() seedCase {
	reg := pick(g, regions)
	var c domain.Case
	p := g.person(reg)
	if len(g.seen) > 0 && g.chance(0.02) {
		p = g.again(pick(g, g.seen))
	} else {
		g.remember(p)
	}
	c.Person = p
	age, _ := personAge(p, g.today)
	child, _ := ChildStatus(p, g.today)

	// Opened up to three years ago, when the person was at least four.
	opened := g.daysAgo(g.r.IntN(min(3, max(age-4, 0))*365 + 60))
	c.OpenedOn = g.day(opened)
	ageAtOpen := age - int(g.today.Sub(opened).Hours()/(24*365))

	c.Stage = pick(g, seedStages)
	closing := c.Stage == domain.StageClosed
	if closing {
		c.Stage = pick(g, []domain.Stage{domain.StageAssistance, domain.StageReferral, domain.StageReintegration})
	}
	c.Status = domain.StatusActive
	if !closing && c.Stage != domain.StageIdentification && g.chance(0.3) {
		c.Status = domain.StatusFollowUp
	}
	c.Priority = domain.PriorityNormal
	switch {
	case g.chance(0.18) || child && c.Stage == domain.StageIdentification && g.chance(0.3):
		c.Priority = domain.PriorityHigh
	case g.chance(0.15):
		c.Priority = domain.PriorityLow
	}
	c.AssignedTo = g.workers[g.r.IntN(len(g.workers))]

	g.trafficking(&c, reg, child, opened, ageAtOpen)
	later := c.Stage != domain.StageIdentification
	if child {
		g.protection(&c, later || closing, opened)
	}
	if later {
		for _, t := range some(g, domain.ServiceTypes, 1, 3) {
			d := g.after(opened)
			c.Services = append(c.Services, domain.ServiceGiven{Type: t, Date: g.day(d), Provider: pick(g, seedProviders)})
		}
		c.Plan = domain.CasePlan{
			Types:      some(g, domain.SupportPlanTypes, 1, 3),
			Objectives: "Safety, health and a stable place to live.",
			Actions:    "Weekly visit by the case worker; referral to partners as agreed.",
			PlannedEnd: g.day(opened.AddDate(0, g.between(6, 18), 0)),
		}
	}
	g.followUps(&c, opened, closing)

	var cl *domain.Closure
	if closing {
		cl = &domain.Closure{Reason: pick(g, domain.ClosureReasons), ClosedOn: g.day(g.after(opened))}
		if cl.Reason == domain.ClosedDeceased {
			cl.Reason = domain.ClosedGoalsMet
		}
		if child && c.Child.BIA == nil {
			c.Child.BIA = g.bia(opened)
		}
	}
	return seedCase{c: c, close: cl}
}

// after is a day between from and today.
func (g *seeder) after(from time.Time) time.Time {
	days := int(g.today.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, g.r.IntN(days+1))
}

// remember keeps the last people made, for re-registrations.
func (g *seeder) remember(p domain.Person) {
	if len(g.seen) == 200 {
		g.seen = slices.Delete(g.seen, 0, 1)
	}
	g.seen = append(g.seen, p)
}

// again is p registered a second time, as it happens: accents dropped, a
// letter changed or the names swapped, the age estimated again.
func (g *seeder) again(p domain.Person) domain.Person {
	q := domain.Person{FirstName: p.FirstName, LastName: p.LastName, Gender: p.Gender, Citizenship: p.Citizenship,
		Aliases: slices.Clone(p.Aliases), Languages: p.Languages, AgeEstimateBy: domain.AgeAppearance, AgeUncertain: true}
	switch g.r.IntN(3) {
	case 0:
		q.FirstName, q.LastName = strings.TrimSpace(fold(p.FirstName)), strings.TrimSpace(fold(p.LastName))
		q.FirstName, q.LastName = capitalise(q.FirstName), capitalise(q.LastName)
	case 1:
		q.FirstName, q.LastName = p.LastName, p.FirstName
	default:
		if r := []rune(q.LastName); len(r) > 4 {
			q.LastName = string(r[:len(r)-1])
		}
	}
	age, _ := personAge(p, g.today)
	q.AgeEstimate = max(age+g.between(-1, 1), 1)
	q.MayBeChild = age < 20
	return q
}

// capitalise upper-cases the first letter of each word.
func capitalise(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// person makes up someone from a region.
func (g *seeder) person(reg *seedRegion) domain.Person {
	var p domain.Person
	switch x := g.r.Float64(); {
	case x < 0.60:
		p.Gender = domain.GenderFeminine
	case x < 0.97:
		p.Gender = domain.GenderMasculine
	case x < 0.98:
		p.Gender = domain.GenderTransgenderFeminine
	default:
		p.Gender = domain.GenderUnknown
	}
	firsts := reg.female
	if p.Gender == domain.GenderMasculine || p.Gender == domain.GenderUnknown && g.chance(0.5) {
		firsts = reg.male
	}
	p.FirstName = pick(g, firsts)
	p.LastName = pick(g, reg.last)
	if g.chance(reg.middle) {
		if m := pick(g, firsts); m != p.FirstName {
			p.MiddleName = m
		}
	}
	if g.chance(0.12) {
		p.Aliases = []string{pick(g, reg.alias)}
	}
	if g.chance(0.03) { // known only by a nickname
		p.FirstName, p.MiddleName, p.LastName = "", "", ""
		p.Aliases = []string{pick(g, reg.alias)}
	}

	var age int
	if g.chance(0.42) {
		age = g.between(5, 17)
	} else {
		age = g.between(18, 52)
	}
	if g.chance(0.4) {
		born := g.today.AddDate(-age, 0, -g.r.IntN(365))
		p.BirthDate = g.day(born)
		p.AgeEstimateBy = domain.AgeDocument
	} else {
		p.AgeEstimate = age
		p.AgeEstimateBy = pick(g, []domain.AgeMethod{domain.AgeSelfReported, domain.AgeAppearance, domain.AgeAppearance, domain.AgeMedical, domain.AgeOther})
		p.AgeUncertain = p.AgeEstimateBy != domain.AgeMedical || g.chance(0.3)
		p.MayBeChild = p.AgeUncertain && age <= 19 && g.chance(0.7)
	}

	p.Citizenship = []string{reg.country}
	if g.chance(0.12) {
		p.Citizenship = []string{pick(g, reg.neighbours)}
	} else if g.chance(0.04) {
		p.Citizenship = append(p.Citizenship, pick(g, reg.neighbours))
	}
	p.Languages = slices.Clone(pick(g, reg.languages))
	if age >= 18 {
		p.MaritalStatus = pick(g, domain.MaritalStatuses[:4])
		if g.chance(0.45) {
			p.Children = g.between(1, 4)
		}
		p.Education = pick(g, domain.EducationLevels[:5])
	} else if age >= 6 && g.chance(0.7) {
		p.Education = pick(g, domain.EducationLevels[:2])
	}
	if g.chance(0.05) {
		p.Disability = pick(g, []string{"hearing impairment", "limited vision", "walks with a crutch", "epilepsy"})
	}
	consent := 0.45
	if age < 18 {
		consent = 0.2
	}
	if g.chance(consent) {
		p.ContactConsent = true
		p.Phone = reg.phone(g)
		if g.chance(0.5) {
			p.Address = pick(g, reg.places) + ", " + pick(g, seedStreets)
		}
	}
	if g.chance(0.3) {
		p.Documents = []domain.DocumentHeld{{
			Kind: pick(g, []string{"passport", "national-id", "birth-certificate"}), Number: fmt.Sprintf("FX%07d", g.r.IntN(10_000_000)),
			HeldBy: pick(g, domain.DocumentHolders),
		}}
	}
	return p
}

// trafficking fills the trafficking section, events and perpetrators.
func (g *seeder) trafficking(c *domain.Case, reg *seedRegion, child bool, opened time.Time, ageAtOpen int) {
	t := &c.Trafficking
	if c.Stage != domain.StageIdentification || g.chance(0.6) {
		switch x := g.r.Float64(); {
		case x < 0.5:
			t.Status = domain.TraffickingPossible
		case x < 0.93:
			t.Status = domain.TraffickingActual
		default:
			t.Status = domain.TraffickingNot
		}
		t.DecidedBy = pick(g, domain.DecisionMakingOrgs)
	}
	t.Relationship = pick(g, domain.RelationshipsToTrafficker)
	t.Recruitment = some(g, domain.MethodsOfRecruitment, 1, 2)
	t.Control = some(g, domain.MethodsOfControl[:15], 1, 3)
	kinds := seedAdultExploitation
	if child {
		kinds = seedChildExploitation
	}
	t.Exploitation = some(g, kinds, 1, 2)
	if slices.Contains(t.Exploitation, "ForcedLabour") || slices.Contains(t.Exploitation, "ChildLabour") || slices.Contains(t.Exploitation, "Servitude") {
		t.LabourSector = pick(g, seedSectors)
	}
	if slices.Contains(t.Exploitation, "SexualExploitation") {
		t.SexExploitation = some(g, domain.TypesOfSexExploitation[:2], 1, 1)
	}
	if g.chance(0.15) {
		t.RecruitmentApps = []string{pick(g, []string{"Facebook", "WhatsApp", "TikTok", "Telegram"})}
	}
	t.Vulnerabilities = some(g, domain.Vulnerabilities, 1, 3)

	// Recruited some months before the case was opened, never before the
	// age of three.
	months := g.between(1, max(1, min(36, (ageAtOpen-3)*12)))
	start := opened.AddDate(0, -months, 0)
	if ageAtOpen > 0 {
		t.AgeWhenTrafficked = max(1, ageAtOpen-months/12)
	}
	origin := pick(g, reg.places)
	where := pick(g, seedDestinations)
	if g.chance(0.4) {
		where = seedPlace{reg.country, pick(g, reg.places)}
	}
	c.Events = append(c.Events, event("Recruitment", reg.country, origin, start.Format("2006-01"), ""))
	if where.country != reg.country && g.chance(0.6) {
		tr := pick(g, seedTransit)
		c.Events = append(c.Events, event("Transit", tr.country, tr.place, start.AddDate(0, 0, 10).Format("2006-01"), ""))
	}
	span := int(opened.Sub(start).Hours()/24) / 3
	c.Events = append(c.Events, event("Exploitation", where.country, where.place,
		g.day(start.AddDate(0, 0, g.r.IntN(span+1))), g.day(opened.AddDate(0, 0, -g.r.IntN(span+1)))))
	if g.chance(0.6) {
		c.Perpetrators = []domain.Perpetrator{{Roles: some(g, domain.RolesInProcess[:14], 1, 2)}}
	}
	t.Narrative = fmt.Sprintf("%s Made-up case for demonstration and testing; not a real person. %s from %s, %s in %s; found %s.",
		FictionalMark, pick(g, seedPromises), origin, pick(g, seedExploitWords[t.Exploitation[0]]), where.place, pick(g, seedFound))
}

// event is a trafficking event.
func event(typ, country, place, from, to string) domain.TraffickingEvent {
	return domain.TraffickingEvent{Type: typ, Country: country, Place: place, From: from, To: to}
}

// protection fills the child protection section: a guardian for most
// children (every child past identification), a BIA for some.
func (g *seeder) protection(c *domain.Case, later bool, opened time.Time) {
	cp := &c.Child
	cp.Unaccompanied = g.chance(0.35)
	cp.Separated = !cp.Unaccompanied && g.chance(0.3)
	if later || g.chance(0.45) {
		rel := pick(g, domain.GuardianRelations[:5])
		name := pick(g, seedGuardianNames)
		if rel == "social-worker" || rel == "appointed-guardian" {
			cp.Guardian = domain.Guardian{Name: name, Relation: rel, AppointedBy: pick(g, seedAppointers), AppointedOn: g.day(g.after(opened))}
		} else {
			cp.Guardian = domain.Guardian{Name: name, Relation: rel}
		}
	}
	if c.Stage == domain.StageReintegration || g.chance(0.3) {
		cp.BIA = g.bia(opened)
	}
}

func (g *seeder) bia(opened time.Time) *domain.BestInterests {
	return &domain.BestInterests{
		Priority: pick(g, domain.BIAPriorities), Recommendations: some(g, domain.BIARecommendations, 1, 2),
		AssessedOn: g.day(g.after(opened)), AssessedBy: "Child protection officer",
	}
}

// followUps adds up to three follow-ups, done or not; the ones past and
// not done are overdue.
func (g *seeder) followUps(c *domain.Case, opened time.Time, closing bool) {
	for range g.r.IntN(4) {
		var due time.Time
		if g.chance(0.55) {
			due = g.after(opened)
		} else {
			due = g.today.AddDate(0, 0, g.between(0, 30))
		}
		f := domain.FollowUp{ID: g.id(), Due: g.day(due), Notes: pick(g, seedFollowUpNotes)}
		// Most past follow-ups happened; some of the last two months did
		// not, and are overdue.
		if !due.After(g.today) && (closing || due.Before(g.daysAgo(60)) || g.chance(0.5)) {
			f.Done = f.Due
		}
		if closing && f.Done == "" {
			continue
		}
		c.FollowUps = append(c.FollowUps, f)
	}
	slices.SortFunc(c.FollowUps, func(a, b domain.FollowUp) int { return strings.Compare(a.Due, b.Due) })
}

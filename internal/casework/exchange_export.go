package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/version"
	"github.com/google/uuid"
)

// caseKinds are the record kinds that belong to a case and travel with it,
// when its consent allows; partners travel always; pinned offices never.
var caseKinds = []string{kindCase, kindConsent, kindNote, kindAttachment, kindAttachmentData, kindInterview, kindReferral}

// travelKinds are every kind an export file may carry.
var travelKinds = append(slices.Clone(caseKinds), kindPartner)

// Errors of exports (errors.Is).
var (
	// ErrNoReceiver: an export names no trusted, unrevoked office (or, with
	// a passphrase, no case and no partner).
	ErrNoReceiver = errors.New("casework: choose at least one trusted office to send to")
	// ErrNothingToSend: nothing is new for the receivers (or consent
	// allows none of it).
	ErrNothingToSend = errors.New("casework: there is nothing new to send")
)

// ExportRequest says what to export and to whom.
type ExportRequest struct {
	To    []string // ids of pinned offices
	Cases []string // case ids: send these cases whole; none means everything new since the last export to each receiver
	All   bool     // with no Cases: send everything again, not only what is new
	// Passphrase, for a one-off hand-over to an office whose card is not
	// pinned: the file is sealed with it instead of office keys. It
	// needs Cases, and Partner: the directory entry of the receiving
	// organisation, whose sharing consent each case must have.
	Passphrase string
	Partner    string
}

// WithheldCase is a case left out of an export because its consent does
// not allow sharing it with a receiver.
type WithheldCase struct {
	CaseID, Code string
	Office       string // the receiver's office id ("" with a passphrase)
	OfficeName   string // its name, as its card gives it
}

// ExportResult says what an export file holds.
type ExportResult struct {
	ExportID string
	Sequence int64
	Counts   exchange.Counts
	Cases    int            // cases in the file
	Withheld []WithheldCase // cases left out for want of consent
}

// ExportFile writes an export file at path (atomically: a temporary name,
// fsync, rename), reporting progress, and records what each receiver was
// sent. ctx cancels it, leaving nothing behind. Supervisors only.
// Audited as exchange.export.
func (ss *Session) ExportFile(ctx context.Context, req ExportRequest, path string, progress exchange.Progress) (ExportResult, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	user, office, err := ss.exchangeUser()
	if err != nil {
		return ExportResult{}, err
	}
	p, err := ss.planExport(ctx, req, office.ID, progress)
	if err != nil && ctx.Err() != nil {
		return ExportResult{}, exchange.ErrCancelled
	}
	if err != nil {
		return ExportResult{}, err
	}
	defer p.bundle.Wipe()
	if len(p.bundle.Revisions) == 0 {
		return ExportResult{Withheld: p.withheld}, ErrNothingToSend
	}
	card, _, err := ss.OfficeCard()
	if err != nil {
		return ExportResult{}, err
	}
	var seq int64
	if err := ss.s.db.Update(ctx, "number export", func(tx *store.Tx) error {
		seq, err = tx.NextExportSeq(ctx, office.ID)
		return err
	}); err != nil {
		return ExportResult{}, err
	}
	now := ss.s.now()
	p.bundle.Manifest = exchange.Manifest{
		ExportID: uuid.NewString(), Sender: office.ID, SenderCard: card, Recipients: req.To, Sequence: seq,
		Created: now, AppVersion: version.Version,
	}
	sign := func(msg []byte) []byte {
		ss.mu.Lock()
		defer ss.mu.Unlock()
		if ss.ready(PermExchange) != nil {
			return nil
		}
		return ss.id.Sign(msg)
	}
	total := len(p.bundle.Revisions)
	progress(total*9/10, total)
	err = exchange.WriteFileAtomic(path, func(w io.Writer) error {
		return exchange.Write(ctx, w, &p.bundle, sign, exchange.Seal{Recipients: p.recipients, Passphrase: req.Passphrase})
	})
	if err != nil {
		return ExportResult{}, err
	}
	res := ExportResult{ExportID: p.bundle.Manifest.ExportID, Sequence: seq, Counts: exchange.CountOf(p.bundle.Revisions),
		Withheld: p.withheld, Cases: p.cases}
	detail := fmt.Sprintf("to=%s seq=%d revisions=%d withheld=%d", strings.Join(req.To, ","), seq, res.Counts.Revisions,
		len(p.withheld))
	if req.Passphrase != "" {
		detail = fmt.Sprintf("passphrase partner=%s seq=%d revisions=%d withheld=%d", req.Partner, seq, res.Counts.Revisions,
			len(p.withheld))
	}
	err = ss.s.db.Update(ctx, "record export", func(tx *store.Tx) error {
		if err := tx.AddFile(ctx, store.ExchangeFile{ExportID: res.ExportID, Direction: "out", OfficeID: office.ID,
			Seq: seq, At: now}); err != nil {
			return err
		}
		for _, to := range req.To {
			if p.sinceLast {
				if err := tx.SetSent(ctx, to, p.upto, now); err != nil {
					return err
				}
			}
			if err := tx.SetWithheld(ctx, to, p.withheldIDs, p.released); err != nil {
				return err
			}
		}
		_, err := tx.AppendAudit(ctx, ss.s.entry(domain.AuditExport, user.ID, res.ExportID, detail))
		return err
	})
	if err != nil {
		return ExportResult{}, err
	}
	progress(total, total)
	return res, nil
}

// exportPlan is what an export will carry.
type exportPlan struct {
	bundle      exchange.Bundle
	recipients  []string // age recipients
	sinceLast   bool     // everything new: move each receiver's mark to upto
	upto        int64
	cases       int
	withheld    []WithheldCase
	withheldIDs []string // case ids to remember as withheld
	released    []string // case ids withheld before, sent now
	notFrom     string   // leave out what this office sent (it has it)
	complete    bool     // the revisions planned are all this office holds
}

// planExport picks the revisions for req and opens them.
func (ss *Session) planExport(ctx context.Context, req ExportRequest, officeID string, progress exchange.Progress) (*exportPlan, error) {
	p := &exportPlan{}
	// Who the receivers are, and what names them in consent records.
	designators := map[string][]string{} // receiver -> partner ids
	names := map[string]string{}         // receiver -> name
	if req.Passphrase != "" {
		if len(req.Cases) == 0 || req.Partner == "" || len(req.To) > 0 {
			return nil, ErrNoReceiver
		}
		if _, err := ss.Partner(ctx, req.Partner); err != nil {
			return nil, err
		}
		designators[""] = []string{req.Partner}
	} else {
		if len(req.To) == 0 {
			return nil, ErrNoReceiver
		}
		partners, err := ss.Partners(ctx, PartnerQuery{IncludeInactive: true})
		if err != nil {
			return nil, err
		}
		for _, to := range req.To {
			var pin domain.PinnedOffice
			if _, err := ss.openPinned(ctx, to, &pin); err != nil || !pin.Active() || to == officeID {
				return nil, ErrNoReceiver
			}
			if slices.Contains(p.recipients, pin.Card.Recipient) {
				continue
			}
			p.recipients = append(p.recipients, pin.Card.Recipient)
			names[to] = pin.Card.Name
			ids := []string{to}
			for _, pt := range partners {
				if len(pt.Card) == 0 {
					continue
				}
				if card, _, err := ParseCard(pt.Card); err == nil && card.OfficeID == to {
					ids = append(ids, pt.ID)
				}
			}
			designators[to] = ids
		}
	}
	cs := newConsentScope(ss, designators)

	var revs []store.Revision
	var err error
	switch {
	case len(req.Cases) > 0:
		revs, err = ss.caseRevisions(ctx, req.Cases)
	default:
		p.sinceLast = !req.All
		revs, err = ss.revisionsSince(ctx, req, p)
	}
	if err != nil {
		return nil, err
	}
	// Open every body once: the file needs them, and they tell which case
	// each record belongs to and who the person is.
	plains := make([][]byte, len(revs))
	defer func() {
		for _, b := range plains {
			clear(b)
		}
	}()
	for i, r := range revs {
		if i%500 == 0 {
			if ctx.Err() != nil {
				return nil, exchange.ErrCancelled
			}
			progress(i*6/10, len(revs))
		}
		if r.Tombstone {
			continue
		}
		if plains[i], err = ss.openRevision(r); err != nil {
			return nil, err
		}
	}
	// The consents in force are read on a second core meanwhile.
	type consentsRead struct {
		byCase map[string][]domain.Consent
		err    error
	}
	consentsDone := make(chan consentsRead, 1)
	go func() {
		if !p.complete {
			consentsDone <- consentsRead{}
			return
		}
		byCase, err := sharingConsents(revs, plains)
		consentsDone <- consentsRead{byCase, err}
	}()
	owner, err := ss.recordCases(ctx, revs, plains)
	read := <-consentsDone
	if err != nil {
		return nil, err
	}
	if read.err != nil {
		return nil, read.err
	}
	if p.complete {
		cs.consents = read.byCase
	}
	for _, r := range revs {
		if r.Kind == kindCase {
			cs.child[r.RecordID] = r.RecordChild
		}
	}
	cases := map[string]bool{}
	withheld := map[string]bool{}
	for i, r := range revs {
		if i%500 == 0 {
			if ctx.Err() != nil {
				return nil, exchange.ErrCancelled
			}
			progress(len(revs)*6/10+i*3/10, len(revs))
		}
		if p.notFrom != "" && r.ReceivedFrom == p.notFrom {
			continue // the receiver sent it: it has it
		}
		caseID := owner[r.RecordID]
		if r.Kind != kindPartner {
			if caseID == "" {
				continue // a stray child record without its case: nothing to send it with
			}
			ok, err := cs.allowed(ctx, caseID)
			if err != nil {
				return nil, err
			}
			if !ok {
				withheld[caseID] = true
				continue
			}
			cases[caseID] = true
		}
		er := exchange.Revision{ID: r.ID, Record: r.RecordID, Kind: r.Kind, Parents: r.Parents, Office: r.OfficeID,
			User: r.UserID, HLC: r.HLC, Created: r.CreatedAt, Tombstone: r.Tombstone, Resolves: r.Resolves}
		if !r.Tombstone {
			plain := plains[i]
			plains[i] = nil // the bundle owns it now; its Wipe clears it
			if r.Kind == kindAttachmentData {
				if p.bundle.Attachments == nil {
					p.bundle.Attachments = map[string][]byte{}
				}
				er.Attachment = true
				p.bundle.Attachments[r.ID] = plain
			} else {
				er.Body = plain
			}
		}
		p.bundle.Revisions = append(p.bundle.Revisions, er)
	}
	p.cases = len(cases)
	for id := range withheld {
		code, _ := ss.caseCode(ctx, id)
		for to := range designators {
			p.withheld = append(p.withheld, WithheldCase{CaseID: id, Code: code, Office: to, OfficeName: names[to]})
		}
		p.withheldIDs = append(p.withheldIDs, id)
	}
	sort.Slice(p.withheld, func(i, j int) bool {
		if p.withheld[i].Code != p.withheld[j].Code {
			return p.withheld[i].Code < p.withheld[j].Code
		}
		return p.withheld[i].Office < p.withheld[j].Office
	})
	for _, id := range p.released {
		if withheld[id] {
			p.released = slices.DeleteFunc(p.released, func(s string) bool { return s == id })
		}
	}
	return p, nil
}

// openRevision opens a revision's sealed body.
func (ss *Session) openRevision(r store.Revision) ([]byte, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return nil, err
	}
	plain, err := ss.key.Open(revisionAD(r), r.Body)
	if err != nil {
		return nil, errorf(fmt.Sprintf("open %s %s", r.Kind, r.RecordID), err)
	}
	return plain, nil
}

// caseCode returns the plain code of a case.
func (ss *Session) caseCode(ctx context.Context, id string) (string, error) {
	rec, err := ss.s.db.Record(ctx, id)
	return rec.Code, err
}

// revisionsSince picks what is new for the receivers: revisions stored
// after the oldest receiver's mark (all with req.All), and every revision
// of the cases withheld from them before, which consent may now allow.
func (ss *Session) revisionsSince(ctx context.Context, req ExportRequest, p *exportPlan) ([]store.Revision, error) {
	var from int64 = -1
	var notFrom string
	withheld := map[string]bool{}
	for _, to := range req.To {
		upto, err := ss.s.db.SentUpto(ctx, to)
		if err != nil {
			return nil, err
		}
		if from < 0 || upto < from {
			from = upto
		}
		ids, err := ss.s.db.Withheld(ctx, to)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			withheld[id] = true
		}
	}
	if req.All {
		from = 0
	}
	if len(req.To) == 1 {
		notFrom = req.To[0] // what it sent us, it has
	}
	last, err := ss.s.db.LastRevisionSeq(ctx)
	if err != nil {
		return nil, err
	}
	p.upto = last
	p.notFrom, p.complete = notFrom, from == 0
	// Everything after from, what the receiver sent too: it tells who the
	// people are and which consents are in force; what the receiver sent
	// is left out of the file afterwards.
	revs, err := ss.s.db.RevisionsAfter(ctx, from, "", travelKinds)
	if err != nil {
		return nil, err
	}
	// Keep only what was stored up to last: a revision saved while this
	// runs goes in the next export.
	revs = slices.DeleteFunc(revs, func(r store.Revision) bool { return r.Seq > last })
	if len(withheld) == 0 {
		return revs, nil
	}
	ids := make([]string, 0, len(withheld))
	for id := range withheld {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	p.released = ids
	more, err := ss.caseRevisions(ctx, ids)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, r := range revs {
		have[r.ID] = true
	}
	for _, r := range more {
		if !have[r.ID] && r.Seq <= last {
			revs = append(revs, r)
		}
	}
	return revs, nil
}

// caseRevisions returns every revision of the cases and of the records
// that belong to them (consents, notes, attachments and their bytes,
// interviews, referrals), oldest first.
func (ss *Session) caseRevisions(ctx context.Context, caseIDs []string) ([]store.Revision, error) {
	want := map[string]bool{}
	for _, id := range caseIDs {
		want[id] = true
	}
	var ids []string
	for id := range want {
		rec, err := ss.s.db.Record(ctx, id)
		if err != nil || rec.Kind != kindCase {
			return nil, notFound(kindCase, id, err)
		}
		ids = append(ids, id)
	}
	for _, kind := range caseKinds[1:] {
		if kind == kindAttachmentData {
			continue
		}
		bodies, err := ss.openHeads(ctx, kind)
		if err != nil {
			return nil, err
		}
		for id, b := range bodies {
			var v struct {
				CaseID string `json:"caseId"`
			}
			err := json.Unmarshal(b, &v)
			clear(b)
			if err != nil {
				return nil, errorf("read "+kind+" "+id, err)
			}
			if want[v.CaseID] {
				ids = append(ids, id)
				if kind == kindAttachment {
					ids = append(ids, dataRecordID(id))
				}
			}
		}
	}
	var out []store.Revision
	for _, id := range ids {
		revs, err := ss.s.db.Revisions(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, revs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, nil
}

// recordCases maps every record of revs to the case it belongs to (itself
// for a case; "" for a partner), reading it from a body of the record
// among plains (the opened bodies of revs), else from the database.
func (ss *Session) recordCases(ctx context.Context, revs []store.Revision, plains [][]byte) (map[string]string, error) {
	owner := map[string]string{}
	var dataRecords []string
	// Attachment bytes name no case: their attachment does. Those among
	// revs are found here, deleted ones too (a deletion tombstones both).
	byData := map[string]string{}
	var pending []store.Revision // records whose revisions here are all tombstones
	for i, r := range revs {
		if _, done := owner[r.RecordID]; done {
			continue
		}
		switch r.Kind {
		case kindCase:
			owner[r.RecordID] = r.RecordID
		case kindPartner:
			owner[r.RecordID] = ""
		case kindAttachmentData:
			dataRecords = append(dataRecords, r.RecordID)
		default:
			if plains[i] == nil {
				pending = append(pending, r)
				continue
			}
			var v struct {
				CaseID string `json:"caseId"`
			}
			if err := json.Unmarshal(plains[i], &v); err != nil {
				return nil, errorf("read "+r.Kind+" "+r.RecordID, err)
			}
			owner[r.RecordID] = v.CaseID
			if r.Kind == kindAttachment {
				byData[dataRecordID(r.RecordID)] = v.CaseID
			}
		}
	}
	for _, r := range pending {
		if _, done := owner[r.RecordID]; done {
			continue
		}
		caseID, err := ss.caseOfRecord(ctx, r)
		if err != nil {
			return nil, err
		}
		owner[r.RecordID] = caseID
		if r.Kind == kindAttachment {
			byData[dataRecordID(r.RecordID)] = caseID
		}
	}
	dataRecords = slices.DeleteFunc(dataRecords, func(id string) bool {
		caseID, ok := byData[id]
		owner[id] = caseID
		return ok
	})
	if len(dataRecords) > 0 {
		// The others: find the live attachment they belong to.
		bodies, err := ss.openHeads(ctx, kindAttachment)
		if err != nil {
			return nil, err
		}
		for id, b := range bodies {
			var a struct {
				CaseID string `json:"caseId"`
			}
			err := json.Unmarshal(b, &a)
			clear(b)
			if err != nil {
				return nil, errorf("read attachment "+id, err)
			}
			byData[dataRecordID(id)] = a.CaseID
		}
		for _, id := range dataRecords {
			owner[id] = byData[id]
		}
	}
	return owner, nil
}

// sharingConsents reads the sharing consents in force among the heads of
// revs (plains are their opened bodies), by case: enough when revs are
// every revision this office holds.
func sharingConsents(revs []store.Revision, plains [][]byte) (map[string][]domain.Consent, error) {
	out := map[string][]domain.Consent{}
	for i, r := range revs {
		if r.Kind != kindConsent || !r.IsHead || plains[i] == nil {
			continue
		}
		// What the consent rule reads, no more (no times to parse).
		var k struct {
			CaseID      string                `json:"caseId"`
			Purpose     domain.ConsentPurpose `json:"purpose"`
			PartnerID   string                `json:"partnerId"`
			Shares      []string              `json:"shares"`
			GivenBy     domain.ConsentGiver   `json:"givenBy"`
			GivenOn     string                `json:"givenOn"`
			WithdrawnOn string                `json:"withdrawnOn"`
		}
		if err := json.Unmarshal(plains[i], &k); err != nil {
			return nil, errorf("read consent "+r.RecordID, err)
		}
		c := domain.Consent{CaseID: k.CaseID, Purpose: k.Purpose, PartnerID: k.PartnerID, Shares: k.Shares,
			GivenBy: k.GivenBy, GivenOn: k.GivenOn, WithdrawnOn: k.WithdrawnOn}
		if c.Purpose == domain.ConsentSharing && c.InForce() {
			out[c.CaseID] = append(out[c.CaseID], c)
		}
	}
	return out, nil
}

// caseOfRecord reads the case id from the record's body: this revision's,
// or, for a tombstone, an earlier one's.
func (ss *Session) caseOfRecord(ctx context.Context, r store.Revision) (string, error) {
	candidates := []store.Revision{r}
	if r.Tombstone {
		all, err := ss.s.db.Revisions(ctx, r.RecordID)
		if err != nil {
			return "", err
		}
		candidates = all
	}
	for _, c := range candidates {
		if c.Tombstone {
			continue
		}
		plain, err := ss.openRevision(c)
		if err != nil {
			return "", err
		}
		var v struct {
			CaseID string `json:"caseId"`
		}
		err = json.Unmarshal(plain, &v)
		clear(plain)
		if err != nil {
			return "", errorf("read "+r.Kind+" "+r.RecordID, err)
		}
		return v.CaseID, nil
	}
	return "", nil
}

// consentScope answers, once per case, whether its consent allows sharing
// it with every receiver: a sharing consent in force naming the receiver
// (its office id or its entry in the partner directory) for every part
// of the case (domain.ShareFields). A child needs the child's consent and
// an adult's. A file carries whole records, so a consent limited to some
// parts keeps the case out. An office that already holds the case (it
// registered or edited it, or sent it here) gets its updates.
type consentScope struct {
	ss          *Session
	designators map[string][]string
	// child holds the child flag of cases (the record's plain column, set
	// at every save: a person who turned 18 since is still treated as a
	// child, the stricter rule).
	child    map[string]bool
	consents map[string][]domain.Consent // by case, loaded once
	answers  map[string]bool
}

func newConsentScope(ss *Session, designators map[string][]string) *consentScope {
	return &consentScope{ss: ss, designators: designators, answers: map[string]bool{}, child: map[string]bool{}}
}

func (c *consentScope) allowed(ctx context.Context, caseID string) (bool, error) {
	if ok, done := c.answers[caseID]; done {
		return ok, nil
	}
	if c.consents == nil {
		c.consents = map[string][]domain.Consent{}
		bodies, err := c.ss.openHeads(ctx, kindConsent)
		if err != nil {
			return false, err
		}
		for id, b := range bodies {
			var k domain.Consent
			err := json.Unmarshal(b, &k)
			clear(b)
			if err != nil {
				return false, errorf("read consent "+id, err)
			}
			if k.Purpose == domain.ConsentSharing && k.InForce() {
				c.consents[k.CaseID] = append(c.consents[k.CaseID], k)
			}
		}
	}
	ok := false
	if consents := c.consents[caseID]; len(consents) > 0 {
		child, known := c.child[caseID]
		if !known {
			rec, err := c.ss.s.db.Record(ctx, caseID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return false, err
			}
			child = rec.IsChild
			c.child[caseID] = child
		}
		today := c.ss.today()
		ok = true
		for to, ids := range c.designators {
			any := false
			for _, id := range ids {
				any = any || coversFor(consents, child, today, domain.ConsentSharing, id, domain.ShareFields)
			}
			if !any {
				held, err := c.holds(ctx, caseID, to)
				if err != nil {
					return false, err
				}
				any = held
			}
			ok = ok && any
		}
	} else {
		ok = true
		for to := range c.designators {
			held, err := c.holds(ctx, caseID, to)
			if err != nil {
				return false, err
			}
			ok = ok && held
		}
	}
	c.answers[caseID] = ok
	return ok, nil
}

// holds reports whether office to already holds the case: it registered
// or edited it, or sent it here. Its own updates go back to it.
func (c *consentScope) holds(ctx context.Context, caseID, to string) (bool, error) {
	if to == "" {
		return false, nil
	}
	return c.ss.s.db.RecordKnownTo(ctx, caseID, to)
}

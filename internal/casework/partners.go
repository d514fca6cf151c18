package casework

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// kindPartner is the record kind of a partner of the referral directory.
const kindPartner = "partner"

// Partner field limits.
const (
	MaxPartnerTextRunes = 2000 // address, hours, notes
	MaxPartnerCardBytes = 64 << 10
)

// ValidatePartner lists what is wrong with a partner: the name is
// required, the type and services are HTCDS / Amparo values, languages are
// ISO 639 codes, the country is known.
func ValidatePartner(p domain.Partner) []Problem {
	var out []Problem
	add := func(field, rule string) { out = append(out, Problem{Field: field, Rule: rule}) }
	switch name := strings.TrimSpace(p.Name); {
	case name == "":
		add("name", RuleRequired)
	case len([]rune(name)) > domain.NameMax:
		add("name", RuleTooLarge)
	}
	if p.Type == "" {
		add("type", RuleRequired)
	} else if !slices.Contains(domain.OrganisationTypes, p.Type) {
		add("type", RuleUnknownValue)
	}
	for _, s := range p.Services {
		if !slices.Contains(domain.ServiceTypes, s) {
			add("services", RuleUnknownValue)
			break
		}
	}
	for _, l := range p.Languages {
		if !validLanguageCode(l) {
			add("languages", RuleUnknownValue)
			break
		}
	}
	if p.Country != "" && !domain.KnownCountry(p.Country) {
		add("country", RuleUnknownValue)
	}
	for field, v := range map[string]string{"address": p.Address, "hours": p.Hours, "notes": p.Notes, "contact": p.Contact} {
		if len([]rune(v)) > MaxPartnerTextRunes {
			add(field, RuleTooLarge)
		}
	}
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		add("email", RuleFormat)
	}
	if len(p.Card) > MaxPartnerCardBytes {
		add("card", RuleTooLarge)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// validLanguageCode accepts ISO 639-1 or 639-3 codes in lower case.
func validLanguageCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// partnerUser checks that the session may change the directory.
func (ss *Session) partnerUser() (domain.User, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManagePartners); err != nil {
		return domain.User{}, err
	}
	return ss.user, nil
}

// SavePartner adds a partner (when p.ID is empty) or saves a change to one,
// as a revision. Only an admin changes the directory (PermManagePartners).
// Audited as partner.add or partner.edit.
func (ss *Session) SavePartner(ctx context.Context, p domain.Partner) (domain.Partner, error) {
	user, err := ss.partnerUser()
	if err != nil {
		return domain.Partner{}, err
	}
	p.Name = strings.TrimSpace(p.Name)
	p.Country = strings.ToUpper(strings.TrimSpace(p.Country))
	if problems := ValidatePartner(p); len(problems) > 0 {
		return domain.Partner{}, &ValidationErrors{Problems: problems}
	}
	head := ""
	action := domain.AuditPartnerAdd
	if p.ID != "" {
		var cur domain.Partner
		h, err := ss.openRecordAs(ctx, kindPartner, p.ID, &cur)
		if err != nil {
			return domain.Partner{}, err
		}
		head, action = h, domain.AuditPartnerEdit
		p.Created = cur.Created
	} else {
		p.ID = uuid.NewString()
	}
	err = ss.commitAs(ctx, "save partner", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		if head != "" {
			if h, err := tx.RecordHead(ctx, p.ID); err != nil {
				return nil, nil, err
			} else if h != head {
				return nil, nil, &RuleError{Rule: RuleStale}
			}
		} else {
			p.Created = now
		}
		p.Updated = now
		body, err := json.Marshal(p)
		if err != nil {
			return nil, nil, errorf("save partner", err)
		}
		d := draft{kind: kindPartner, recordID: p.ID, body: body}
		if head != "" {
			d.parents = []string{head}
		}
		return []draft{d}, []domain.AuditEntry{ss.s.entry(action, user.ID, p.ID, "")}, nil
	}, PermManagePartners)
	if err != nil {
		return domain.Partner{}, err
	}
	return p, nil
}

// SetPartnerActive deactivates a partner (kept, not offered for new
// referrals) or makes it active again.
func (ss *Session) SetPartnerActive(ctx context.Context, id string, active bool) (domain.Partner, error) {
	if _, err := ss.partnerUser(); err != nil {
		return domain.Partner{}, err
	}
	var p domain.Partner
	if _, err := ss.openRecordAs(ctx, kindPartner, id, &p); err != nil {
		return domain.Partner{}, err
	}
	if p.Inactive == !active {
		return p, nil
	}
	p.Inactive = !active
	return ss.SavePartner(ctx, p)
}

// Partner opens one partner of the directory. Every role may read the
// directory.
func (ss *Session) Partner(ctx context.Context, id string) (domain.Partner, error) {
	var p domain.Partner
	if _, err := ss.openRecordAs(ctx, kindPartner, id, &p); err != nil {
		return domain.Partner{}, err
	}
	return p, nil
}

// PartnerQuery narrows the directory: text matches the name, contact,
// address or notes (accents and case ignored); a service the partner must
// offer; inactive ones only when asked.
type PartnerQuery struct {
	Text            string
	Service         string
	IncludeInactive bool
}

// Partners lists the directory by name.
func (ss *Session) Partners(ctx context.Context, q PartnerQuery) ([]domain.Partner, error) {
	bodies, err := ss.openHeads(ctx, kindPartner)
	if err != nil {
		return nil, err
	}
	want := fold(q.Text)
	var out []domain.Partner
	for id, b := range bodies {
		var p domain.Partner
		err := json.Unmarshal(b, &p)
		clear(b)
		if err != nil {
			return nil, errorf("read partner "+id, err)
		}
		if p.Inactive && !q.IncludeInactive {
			continue
		}
		if q.Service != "" && !slices.Contains(p.Services, q.Service) {
			continue
		}
		if want != "" && !strings.Contains(fold(strings.Join([]string{p.Name, p.Contact, p.Address, p.Notes, p.Email}, " ")), want) {
			continue
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := fold(out[i].Name), fold(out[j].Name)
		if a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

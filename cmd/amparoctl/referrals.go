package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/letter"
)

// listFlag is a flag that may be given several times or comma separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// runPartner dispatches `partner add|list`.
func runPartner(e env, args []string) error {
	return subcommand(e, "partner", args, map[string]func(env, []string) error{"add": runPartnerAdd, "list": runPartnerList})
}

func runPartnerAdd(e env, args []string) error {
	fs := newFlags(e, "partner")
	data := dataFlag(fs)
	var p domain.Partner
	var services, languages listFlag
	fs.StringVar(&p.Name, "name", "", "the partner's name")
	fs.StringVar(&p.Type, "type", "", "HTCDS org_Type: "+strings.Join(domain.OrganisationTypes, ", "))
	fs.Var(&services, "service", "a service offered (repeat or comma separate): "+strings.Join(domain.ServiceTypes, ", "))
	fs.Var(&languages, "lang", "a language worked in, ISO 639 (the first of en, fr, pt is the letters' language)")
	fs.StringVar(&p.Country, "country", "", "ISO 3166-1 alpha-2 country code")
	fs.StringVar(&p.Address, "address", "", "address")
	fs.StringVar(&p.Contact, "contact", "", "a contact person, name and role")
	fs.StringVar(&p.Phone, "phone", "", "phone")
	fs.StringVar(&p.Email, "email", "", "e-mail")
	fs.StringVar(&p.Hours, "hours", "", "opening hours")
	fs.StringVar(&p.Notes, "notes", "", "notes")
	card := fs.String("card", "", "the partner office's Amparo card file")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || p.Name == "" || p.Type == "" {
		return usageError{"partner add needs --name and --type"}
	}
	p.Services, p.Languages = services, languages
	if *card != "" {
		if p.Card, err = os.ReadFile(*card); err != nil {
			return fmt.Errorf("cannot read the card %s: %w", *card, err)
		}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	saved, err := sess.SavePartner(context.Background(), p)
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintln(e.stdout, saved.ID)
	return nil
}

func runPartnerList(e env, args []string) error {
	fs := newFlags(e, "partner")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	var q casework.PartnerQuery
	fs.StringVar(&q.Text, "search", "", "only partners whose name, contact, address or notes match")
	fs.StringVar(&q.Service, "service", "", "only partners offering this service")
	fs.BoolVar(&q.IncludeInactive, "all", false, "include deactivated partners")
	sess, done, err := noArgsLogin(e, fs, args, data, "partner list")
	if err != nil {
		return err
	}
	defer done()
	list, err := sess.Partners(context.Background(), q)
	if err != nil {
		return explainCasework(err)
	}
	if *asJSON {
		for i := range list {
			list[i].Card = nil
		}
		return writeJSON(e, list)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tTYPE\tSERVICES\tLANGUAGES\tPHONE\tACTIVE")
	for _, p := range list {
		active := "yes"
		if p.Inactive {
			active = "no"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, p.Type, strings.Join(p.Services, ","),
			strings.Join(p.Languages, ","), p.Phone, active)
	}
	return w.Flush()
}

// runConsent dispatches `consent add|list`.
func runConsent(e env, args []string) error {
	return subcommand(e, "consent", args, map[string]func(env, []string) error{"add": runConsentAdd, "list": runConsentList})
}

func runConsentAdd(e env, args []string) error {
	fs := newFlags(e, "consent")
	data := dataFlag(fs)
	code := fs.String("case", "", "the case code")
	purpose := fs.String("purpose", "", "assistance, interview, referral, sharing or statistics")
	partner := fs.String("partner", "", "referral and sharing: the partner's id (see partner list)")
	var services, shares listFlag
	fs.Var(&services, "service", "referral: a service it names (repeat or comma separate)")
	fs.Var(&shares, "share", "sharing: what may be shared: "+strings.Join(domain.ShareFields, ", "))
	by := fs.String("by", "person", "who gave it: person, parent, guardian or social-worker")
	name := fs.String("name", "", "the name of a parent, guardian or social worker giving it")
	method := fs.String("method", "verbal", "written, verbal, proxy or implicit")
	on := fs.String("on", time.Now().Format(time.DateOnly), "the day it was given, YYYY-MM-DD")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *code == "" || *purpose == "" {
		return usageError{"consent add needs --case CODE and --purpose"}
	}
	sess, c, done, err := openCase(e, *data, *code)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	saved, err := sess.AddConsent(ctx, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentPurpose(*purpose), PartnerID: *partner,
		Services: services, Shares: shares, GivenBy: domain.ConsentGiver(*by), GiverName: *name,
		Method: domain.ConsentMethod(*method), GivenOn: *on})
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintln(e.stdout, saved.ID)
	return nil
}

func runConsentList(e env, args []string) error {
	fs := newFlags(e, "consent")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"consent list needs the case code"}
	}
	sess, c, done, err := openCase(e, *data, rest[0])
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	list, err := sess.Consents(ctx, c.ID)
	if err != nil {
		return explainCasework(err)
	}
	if *asJSON {
		return writeJSON(e, list)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "PURPOSE\tPARTNER\tSERVICES\tSHARES\tBY\tON\tWITHDRAWN")
	for _, cs := range list {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cs.Purpose, cs.PartnerID, strings.Join(cs.Services, ","),
			strings.Join(cs.Shares, ","), cs.GivenBy, cs.GivenOn, cs.WithdrawnOn)
	}
	return w.Flush()
}

// runReferral dispatches `referral add|list|move`.
func runReferral(e env, args []string) error {
	return subcommand(e, "referral", args, map[string]func(env, []string) error{
		"add": runReferralAdd, "list": runReferralList, "move": runReferralMove,
	})
}

func runReferralAdd(e env, args []string) error {
	fs := newFlags(e, "referral")
	data := dataFlag(fs)
	code := fs.String("case", "", "the case code")
	var r domain.Referral
	var services, given, shares listFlag
	fs.StringVar(&r.PartnerID, "partner", "", "the partner's id (see partner list)")
	fs.Var(&services, "service", "a service requested (repeat or comma separate)")
	fs.Var(&given, "given", "a service already provided")
	fs.Var(&shares, "share", "what to share, as consent allows: "+strings.Join(domain.LetterShareFields, ", "))
	priority := fs.String("priority", "normal", "emergency (24 h), urgent (72 h) or normal (2 weeks)")
	fs.StringVar(&r.Reason, "reason", "", "why: only what the service needs")
	fs.StringVar(&r.Language, "lang", "", "the letter's language (default: the partner's)")
	fs.StringVar(&r.GuardianInformed, "guardian-informed", "", "a child: yes or no")
	fs.StringVar(&r.GuardianNotInformed, "why-not-informed", "", "a child: why the guardian was not informed")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *code == "" {
		return usageError{"referral add needs --case CODE"}
	}
	r.Services, r.Given, r.Shares, r.Priority = services, given, shares, domain.ReferralPriority(*priority)
	sess, c, done, err := openCase(e, *data, *code)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	r.CaseID = c.ID
	saved, err := sess.SaveReferral(ctx, r)
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintln(e.stdout, saved.Number)
	return nil
}

// referralByNumber finds a referral by its number among the case's.
func referralByNumber(ctx context.Context, sess *casework.Session, number string) (domain.Referral, error) {
	i := strings.LastIndex(number, "-R")
	if i <= 0 {
		return domain.Referral{}, fmt.Errorf("%q is not a referral number (CASECODE-Rn)", number)
	}
	code := number[:i]
	c, err := sess.CaseByCode(ctx, code)
	if err != nil {
		return domain.Referral{}, explainCasework(err)
	}
	list, err := sess.Referrals(ctx, c.ID)
	if err != nil {
		return domain.Referral{}, explainCasework(err)
	}
	for _, r := range list {
		if r.Number == number {
			return r, nil
		}
	}
	return domain.Referral{}, fmt.Errorf("case %s has no referral %s", code, number)
}

func runReferralMove(e env, args []string) error {
	fs := newFlags(e, "referral")
	data := dataFlag(fs)
	to := fs.String("to", "", "the next state: sent, acknowledged, accepted, declined, service-given, closed")
	on := fs.String("on", time.Now().Format(time.DateOnly), "the day, YYYY-MM-DD")
	how := fs.String("how", "", "sent: "+strings.Join(domain.ReferralSentHow, ", "))
	note := fs.String("note", "", "declined: the reason; otherwise an optional note")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || *to == "" {
		return usageError{"referral move needs the referral number and --to STATE"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	r, err := referralByNumber(ctx, sess, rest[0])
	if err != nil {
		return err
	}
	moved, err := sess.MoveReferral(ctx, r.ID, domain.ReferralState(*to), *on, *how, *note)
	var refused *casework.RuleError
	if errors.As(err, &refused) && refused.Rule == casework.RuleReferralConsent {
		return errors.New("there is no consent to refer this person to this partner for these services; record it first (consent add --purpose referral)")
	}
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintf(e.stdout, "%s: %s", moved.Number, moved.State)
	if moved.Open() && !moved.Due.IsZero() {
		fmt.Fprintf(e.stdout, ", due %s", moved.Due.Local().Format("2006-01-02 15:04"))
	}
	fmt.Fprintln(e.stdout)
	return nil
}

func runReferralList(e env, args []string) error {
	fs := newFlags(e, "referral")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	var f casework.ReferralFilter
	fs.BoolVar(&f.OpenOnly, "open", false, "only referrals waiting on someone")
	fs.BoolVar(&f.OverdueOnly, "overdue", false, "only overdue referrals")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usageError{"referral list takes at most a case code"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	items, err := sess.AllReferrals(context.Background(), f)
	if err != nil {
		return explainCasework(err)
	}
	if len(rest) == 1 {
		var mine []casework.ReferralItem
		for _, it := range items {
			if it.Case.Code == rest[0] {
				mine = append(mine, it)
			}
		}
		items = mine
	}
	if *asJSON {
		return writeJSON(e, items)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NUMBER\tPARTNER\tSERVICES\tPRIORITY\tSTATE\tDUE")
	for _, it := range items {
		due := ""
		if !it.Referral.Due.IsZero() {
			due = it.Referral.Due.Local().Format("2006-01-02 15:04")
			if it.Overdue {
				due += " (overdue)"
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", it.Referral.Number, it.Partner, strings.Join(it.Referral.Services, ","),
			it.Referral.Priority, it.Referral.State, due)
	}
	return w.Flush()
}

// runLetterReferral writes a referral letter as the window prints it: the
// case's latest referral to the partner.
func runLetterReferral(e env, args []string) error {
	fs := newFlags(e, "letter")
	data := dataFlag(fs)
	code := fs.String("case", "", "the case code")
	partner := fs.String("partner", "", "the partner's id")
	number := fs.String("referral", "", "the referral number, when the case has several to that partner")
	lang := fs.String("lang", "", "en, fr or pt (default: the referral's, which is the partner's)")
	out := fs.String("out", "", "the PDF file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *code == "" || (*partner == "" && *number == "") || *out == "" {
		return usageError{"letter referral needs --case CODE, --partner ID (or --referral NUMBER) and --out FILE.pdf"}
	}
	sess, c, done, err := openCase(e, *data, *code)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	list, err := sess.Referrals(ctx, c.ID)
	if err != nil {
		return explainCasework(err)
	}
	id := ""
	for _, r := range list { // newest first
		if (*number != "" && r.Number == *number) || (*number == "" && r.PartnerID == *partner) {
			id = r.ID
			break
		}
	}
	if id == "" {
		return fmt.Errorf("case %s has no referral to that partner; add one with referral add", *code)
	}
	in, err := sess.ReferralLetter(ctx, id, *lang)
	if err != nil {
		return explainCasework(err)
	}
	pdf, err := letter.ReferralLetterPDF(in)
	if err != nil {
		return err
	}
	return writeFileAtomic(*out, pdf)
}

func runLetterConsent(e env, args []string) error {
	fs := newFlags(e, "letter")
	data := dataFlag(fs)
	code := fs.String("case", "", "the case code")
	partner := fs.String("partner", "", "referral and sharing: the partner's id")
	var purposes, services, shares listFlag
	fs.Var(&purposes, "purpose", "a purpose to ask about (default: all)")
	fs.Var(&services, "service", "referral: a service named")
	fs.Var(&shares, "share", "sharing: what would be shared")
	lang := fs.String("lang", "", "en, fr or pt (default: the office's)")
	out := fs.String("out", "", "the PDF file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *code == "" || *out == "" {
		return usageError{"letter consent needs --case CODE and --out FILE.pdf"}
	}
	sess, c, done, err := openCase(e, *data, *code)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	var ps []domain.ConsentPurpose
	for _, p := range purposes {
		ps = append(ps, domain.ConsentPurpose(p))
	}
	in, err := sess.ConsentFormFor(ctx, c.ID, *lang, ps, *partner, services, shares)
	if err != nil {
		return explainCasework(err)
	}
	pdf, err := letter.ConsentFormPDF(in)
	if err != nil {
		return err
	}
	return writeFileAtomic(*out, pdf)
}

func runLetterSummary(e env, args []string) error {
	fs := newFlags(e, "letter")
	data := dataFlag(fs)
	code := fs.String("case", "", "the case code")
	lang := fs.String("lang", "", "en, fr or pt (default: the office's)")
	out := fs.String("out", "", "the PDF file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *code == "" || *out == "" {
		return usageError{"letter summary needs --case CODE and --out FILE.pdf"}
	}
	guides, _, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	sess, c, done, err := openCase(e, *data, *code)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	l := *lang
	if l == "" {
		l = sess.Office().Lang
	}
	in, err := sess.CaseSummaryFor(ctx, c.ID, l, func(id string) string {
		if g := guides.Get(id); g != nil {
			return g.Title.In(l)
		}
		return id
	})
	if err != nil {
		return explainCasework(err)
	}
	pdf, err := letter.CaseSummaryPDF(in)
	if err != nil {
		return err
	}
	return writeFileAtomic(*out, pdf)
}

// runLetterIntakeBlank writes the blank intake form; it needs the office's
// letterhead, not a login.
func runLetterIntakeBlank(e env, args []string) error {
	fs := newFlags(e, "letter")
	data := dataFlag(fs)
	lang := fs.String("lang", "", "en, fr or pt (default: the office's)")
	out := fs.String("out", "", "the PDF file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *out == "" {
		return usageError{"letter intake-blank needs --out FILE.pdf"}
	}
	office, err := officeOf(e, *data)
	if err != nil {
		return err
	}
	l := *lang
	if l == "" {
		l = office.Lang
	}
	if !domain.KnownLanguage(l) {
		return usageError{"--lang must be en, fr or pt"}
	}
	pdf, err := letter.IntakeBlankPDF(office, l, time.Now())
	if err != nil {
		return err
	}
	return writeFileAtomic(*out, pdf)
}

// officeOf reads the office of the data folder (its name, letterhead and
// language) without a login: nothing in it identifies a person.
func officeOf(e env, dataFlagValue string) (domain.Office, error) {
	dir, err := dataDir(e, dataFlagValue)
	if err != nil {
		return domain.Office{}, err
	}
	db, err := openExisting(dir)
	if err != nil {
		return domain.Office{}, err
	}
	defer db.Close()
	return casework.New(db, nil).Office(context.Background())
}

// openCase logs in and finds a case by its code; done closes the session.
func openCase(e env, dataFlagValue, code string) (*casework.Session, domain.Case, func(), error) {
	sess, done, err := login(e, dataFlagValue)
	if err != nil {
		return nil, domain.Case{}, nil, err
	}
	c, err := sess.CaseByCode(context.Background(), code)
	if err != nil {
		done()
		return nil, domain.Case{}, nil, explainCasework(err)
	}
	return sess, c, done, nil
}

package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/amparo-app/amparo/internal/casework"
)

// runCard writes this office's public card and prints its fingerprint.
func runCard(e env, args []string) error {
	fs := newFlags(e, "card")
	data := dataFlag(fs)
	out := fs.String("out", "", "the card file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *out == "" {
		return usageError{"card needs --out FILE"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	card, fp, err := sess.OfficeCard()
	if err != nil {
		return explainCasework(err)
	}
	b, err := casework.EncodeCard(card)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, b); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Card of %s written. Fingerprint: %s\n", card.Name, fp)
	return nil
}

// runTrust pins another office's card (printing its fingerprint), lists
// the pinned offices, or revokes one.
func runTrust(e env, args []string) error {
	fs := newFlags(e, "trust")
	data := dataFlag(fs)
	list := fs.Bool("list", false, "list the pinned offices")
	revoke := fs.String("revoke", "", "stop trusting the office with this id")
	confirmed := fs.String("fingerprint", "", "the fingerprint read out by the other office; without it the card's fingerprint is taken as compared")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *list && len(rest) == 0 && *revoke == "":
	case *revoke != "" && len(rest) == 0 && !*list:
	case len(rest) == 1 && !*list && *revoke == "":
	default:
		return usageError{"trust needs a card FILE, or --list, or --revoke OFFICE_ID"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	switch {
	case *list:
		pins, err := sess.PinnedOffices(ctx)
		if err != nil {
			return explainCasework(err)
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "OFFICE\tNAME\tCOUNTRY\tFINGERPRINT\tTRUSTED")
		for _, p := range pins {
			state := "yes"
			if !p.Active() {
				state = "revoked " + p.RevokedAt.Local().Format("2006-01-02")
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", p.Card.OfficeID, p.Card.Name, p.Card.Country, p.Fingerprint, state)
		}
		return w.Flush()
	case *revoke != "":
		p, err := sess.RevokeOffice(ctx, *revoke)
		if err != nil {
			return explainCasework(err)
		}
		fmt.Fprintf(e.stdout, "%s is no longer trusted; its files will be refused.\n", p.Card.Name)
		return nil
	}
	b, err := os.ReadFile(rest[0])
	if err != nil {
		return fmt.Errorf("cannot read the card %s: %w", rest[0], err)
	}
	card, fp, err := casework.ParseCard(b)
	if err != nil {
		return fmt.Errorf("%s is not an Amparo office card", rest[0])
	}
	check := *confirmed
	if strings.TrimSpace(check) == "" {
		check = fp
	}
	if _, err := sess.PinOffice(ctx, card, check); err != nil {
		return explainCasework(err)
	}
	fmt.Fprintf(e.stdout, "%s (%s) is now trusted. Fingerprint: %s\n", card.Name, card.Country, fp)
	return nil
}

// runIdentity dispatches `identity export`.
func runIdentity(e env, args []string) error {
	return subcommand(e, "identity", args, map[string]func(env, []string) error{"export": runIdentityExport})
}

// runIdentityExport writes the office's age identity (admin; audited), for
// disaster recovery: any age tool can decrypt the office's export files
// with it. The file is readable by its owner only.
func runIdentityExport(e env, args []string) error {
	fs := newFlags(e, "identity")
	data := dataFlag(fs)
	out := fs.String("out", "", "the identity file to write (keep it like the recovery code)")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *out == "" {
		return usageError{"identity export needs --out FILE"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	id, err := sess.IdentityExport(context.Background())
	if err != nil {
		return explainCasework(err)
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("cannot create %s (it must not exist yet): %w", *out, err)
	}
	_, werr := f.WriteString(id + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(*out)
		return fmt.Errorf("write %s: %w", *out, werr)
	}
	fmt.Fprintf(e.stdout, "The office identity is in %s. Keep it offline and locked away, like the recovery code.\n", *out)
	return nil
}

// Command amparoctl is the headless twin of the Amparo desktop app: the same
// services, driven from scripts. Its verbs and flags are a contract (see
// README.md); add freely, never rename.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit statuses promised to scripts.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	programName = "amparoctl"
)

// env is what a command may read from its surroundings; tests pass their own.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

// command is one verb of the command line.
type command struct {
	name    string
	usage   string // argument synopsis after the verb
	summary string
	run     func(e env, args []string) error
}

// usageError marks a mistake in the call itself (exit status 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func commands() map[string]command {
	list := []command{
		{"version", "", "print version and build information", runVersion},
		{"init", "--office NAME --country CC --lang en|fr|pt --admin USERNAME [--data DIR]", "create a new office in an empty data folder; prints the recovery code once", runInit},
		{"user", "add --username U --name NAME --role admin|supervisor|caseworker [--data DIR]", "add a user (acting user must be admin)", runUserAdd},
		{"case", "add --file CASE.json | list [--json] | show CODE [--json] [--data DIR]", "register a case, list the cases you can see, show one", runCase},
		{"seed", "--cases N [--seed S] [--data DIR]", "add N clearly fictional cases (demos, tests, benchmarks)", runSeed},
		{"guide", "list [--json] [--lang L] | check [--data DIR]", "the interview guides: list them, or check every guide and indicator file (the office's own included) and name each problem with its file and line", runGuide},
		{"screening", "sets [--json] | check | run --case CODE [--set ID] [--tick ID,...] [--save] [--json] | show CODE [--json] [--data DIR]", "indicator screening: the sets, a screening of a case (a screening aid, never a legal determination), the saved ones", runScreening},
		{"interview", "list CODE [--json] [--data DIR]", "the interview sessions of a case", runInterview},
		{"letter", "referral --case CODE --partner ID --out FILE.pdf [--lang L] | consent --case CODE --out FILE.pdf | intake-blank --out FILE.pdf | summary --case CODE --out FILE.pdf | pocket-guide --guide ID --out FILE.pdf [--data DIR]", "printable documents: referral letter, consent form, blank intake form, case summary, pocket guide of an interview guide", runLetter},
		{"partner", "add --name NAME --type TYPE [--service S ...] [--lang L ...] [--card FILE] ... | list [--search T] [--service S] [--all] [--json] [--data DIR]", "the referral directory (adding is for the admin)", runPartner},
		{"consent", "add --case CODE --purpose P [--partner ID] [--service S] [--share ITEM] [--by person|parent|guardian|social-worker] [--name N] [--method M] [--on DATE] | list CODE [--json] [--data DIR]", "record a consent of a case, list them", runConsent},
		{"referral", "add --case CODE --partner ID --service S --priority P --reason TEXT [--share ITEM] ... | move NUMBER --to STATE [--on DATE] [--how H] [--note N] | list [CODE] [--open] [--overdue] [--json] [--data DIR]", "referrals: draft one, move it through its states (sending needs consent), list them", runReferral},
		{"card", "--out FILE [--data DIR]", "write this office's public card; prints its fingerprint to read aloud", runCard},
		{"trust", "FILE [--fingerprint F] | --list | --revoke OFFICE_ID [--data DIR]", "pin another office's card (supervisor); prints its fingerprint; list or revoke pinned offices", runTrust},
		{"export", "(--to OFFICE_ID ... | --passphrase --partner ID) --out FILE [--case CODE ...] [--all] [--data DIR]", "write an export file (supervisor): everything the receivers have not yet had from this office, or the named cases; cases without consent to share are left out and listed", runExport},
		{"import", "FILE [--trust FINGERPRINT] [--json] [--data DIR]", "verify and apply an export file (supervisor); prints what it added, merged, and what needs review; a passphrase comes from AMPARO_EXPORT_PASSPHRASE or the terminal", runImport},
		{"conflicts", "list [--json] | resolve ID --keep mine|theirs [--field PATH ...] [--data DIR]", "conflicts left by imports (supervisor): list them, resolve one", runConflicts},
		{"inbox", "[--data DIR]", "import the export files waiting in the inbox folder; refused ones go to inbox/rejected/ with the reason beside them", runInbox},
		{"outbox", "[--data DIR]", "write, for each trusted office, an export of what is new for it into its folder of the outbox", runOutbox},
		{"identity", "export --out FILE [--data DIR]", "(admin) write this office's age identity for disaster recovery; audited", runIdentity},
		{"verify", "[--data DIR]", "integrity check, audit-chain check and sealing self-test; exit 1 with the first fault", runVerify},
		{"backup", "--out FILE [--data DIR]", "write a consistent copy of the database", runBackup},
		{"restore", "FILE [--data DIR]", "verify a backup and put it in place of the database", runRestore},
	}
	m := make(map[string]command, len(list))
	for _, c := range list {
		m[c.name] = c
	}
	return m
}

func main() {
	os.Exit(run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// run executes one command line and returns the exit status.
func run(args []string, e env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run([]string{args[1], "-h"}, e)
		}
		printHelp(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "%s: unknown command %q; run '%s help' for the list.\n", programName, args[0], programName)
		return exitUsage
	}
	err := cmd.run(e, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "%s %s: %s\nusage: %s %s %s\n", programName, cmd.name, ue.msg, programName, cmd.name, cmd.usage)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "%s %s: %s\n", programName, cmd.name, sentence(err))
		return exitFailed
	}
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, "%s: the Amparo command line.\n\nCommands:\n", programName)
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := cmds[n]
		fmt.Fprintf(w, "  %s %s\n      %s\n", c.name, c.usage, c.summary)
	}
	fmt.Fprintf(w, "\nThe data folder comes from --data, else AMPARO_DATA, else the user configuration folder.\n")
	fmt.Fprintf(w, "Exit status: 0 done, 1 refused or failed (one sentence on stderr), 2 usage error.\n")
	fmt.Fprintf(w, "Run '%s COMMAND -h' for a command's flags.\n", programName)
}

// newFlags makes a flag set that reports usage errors instead of exiting.
func newFlags(e env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(programName+" "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c := commands()[name]
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s %s %s\n%s\n", programName, name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, allowing flags after positional arguments (as in
// `restore FILE --data DIR`), and turns parse failures into usage errors.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// sentence turns an error into one line for a person at a terminal.
func sentence(err error) string {
	s := strings.TrimSpace(err.Error())
	s = strings.ReplaceAll(s, "\n", " ")
	if s != "" && !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

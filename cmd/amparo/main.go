// Command amparo is the desktop app: it parses flags, makes the Fyne app and
// window, opens the data folder and hands both to internal/ui.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/amparo-app/amparo/assets"
	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
	"github.com/amparo-app/amparo/internal/letter"
	"github.com/amparo-app/amparo/internal/screening"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/ui"
	"github.com/amparo-app/amparo/internal/version"
)

// appID names Amparo to the OS (preferences, notifications); also in FyneApp.toml.
const appID = "org.amparo.desktop"

type options struct {
	data  string // data folder, from --data or AMPARO_DATA
	smoke string // when set: write a screenshot of the first screen here and exit
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("amparo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.data, "data", "", "data folder (default: AMPARO_DATA, else the user configuration folder)")
	fs.StringVar(&o.smoke, "smoke", "", "render the first screen, write it to this PNG file and exit (for tests)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return o, nil
}

// run starts the window and returns the exit status.
func run(args []string) int {
	o, err := parseFlags(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "amparo:", err)
		return 2
	}

	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(ui.NewTheme())
	w := a.NewWindow("Amparo")
	w.SetMaster()

	d := &desktop{app: a, win: w, dataFlag: o.data}
	d.start()

	status := 0
	if o.smoke != "" {
		startSmoke(a, w, o.smoke, &status)
	}
	w.ShowAndRun()
	d.close()
	return status
}

// desktop ties the window to the open data folder.
type desktop struct {
	app      fyne.App
	win      fyne.Window
	dataFlag string
	db       *store.DB
	ui       *ui.App
}

// start opens the data folder and shows the shell, or the problem screen
// when the folder cannot be used.
func (d *desktop) start() {
	ctx := context.Background()
	dir, err := store.ResolveDir(d.dataFlag)
	if err == nil {
		d.db, err = store.Open(dir)
	}
	if err != nil {
		if _, langErr := ui.LoadLanguage(ctx, nil); langErr != nil {
			log.Printf("language: %v", langErr)
		}
		d.showProblem(dir, err)
		return
	}
	svc := casework.New(d.db, nil)
	if _, err := ui.LoadLanguage(ctx, officeLanguage{d.db, svc}); err != nil {
		log.Printf("language: %v", err)
	}
	if _, _, err := d.db.DailyBackup(ctx, time.Now()); err != nil {
		// A missed daily copy must not stop the day's work; it is retried at next start.
		log.Printf("daily backup: %v", err)
	}
	if err := ui.RestoreWindowSize(d.win, d.db); err != nil {
		log.Printf("window size: %v", err)
	}
	// The app screens save the window size and log out when the window closes.
	d.ui = ui.NewApp(d.win, ui.Deps{
		Security:         security{svc},
		RecoverySheetPDF: recoverySheet,
		PocketGuidePDF:   pocketGuide,
		Documents: ui.Documents{
			ReferralLetter: letter.ReferralLetterPDF,
			ConsentForm:    letter.ConsentFormPDF,
			CaseSummary:    letter.CaseSummaryPDF,
			IntakeBlank: func(o domain.Office, lang string) ([]byte, error) {
				return letter.IntakeBlankPDF(o, lang, time.Now())
			},
		},
		Guides:     guide.Load(filepath.Join(dir, guide.Folder)),
		Indicators: screening.Load(filepath.Join(dir, screening.Folder)),
		Prefs:      d.db,
		Version:    version.Version,
		DataDir:    dir,
		Quit:       d.app.Quit,
	})
}

// officeLanguage reads the language setting, falling back to the office's
// language when nobody chose one yet (an office made with `amparoctl init`),
// so a French office opens in French whatever the computer's language.
type officeLanguage struct {
	*store.DB
	svc *casework.Service
}

func (o officeLanguage) Setting(ctx context.Context, key string) (string, bool, error) {
	v, ok, err := o.DB.Setting(ctx, key)
	if err != nil || ok || key != ui.SettingLanguage {
		return v, ok, err
	}
	if office, err := o.svc.Office(ctx); err == nil && office.Lang != "" {
		return office.Lang, true, nil
	}
	return "", false, nil
}

// security adapts the casework service to the window's Security interface;
// the nil checks keep a failed login from returning a non-nil interface.
type security struct{ *casework.Service }

func (s security) Login(ctx context.Context, username string, pw []byte) (ui.Session, error) {
	ss, err := s.Service.Login(ctx, username, pw)
	if err != nil {
		return nil, err
	}
	return ss, nil
}

func (s security) Recover(ctx context.Context, code, admin string, pw []byte) (ui.Session, error) {
	ss, err := s.Service.Recover(ctx, code, admin, pw)
	if err != nil {
		return nil, err
	}
	return ss, nil
}

// recoverySheet renders the printable recovery code sheet the wizard offers.
func recoverySheet(o domain.Office, code, lang string) ([]byte, error) {
	return letter.RecoverySheet(letter.Recovery{Office: o, Code: code, Lang: lang, Created: time.Now()})
}

// pocketGuide renders an interview guide's printable pocket guide.
func pocketGuide(g *guide.Guide, lang string) ([]byte, error) {
	return letter.PocketGuide(g, lang, time.Now())
}

// showProblem tells the person, in their language, why the data folder
// cannot be opened, offering the latest backup when the file is damaged.
func (d *desktop) showProblem(dir string, err error) {
	log.Printf("open data folder: %v", err)
	p := ui.Problem{Kind: problemKind(err), Detail: dir, OnQuit: d.app.Quit}
	var corrupt *store.CorruptError
	if errors.As(err, &corrupt) && corrupt.Backup != "" {
		p.BackupPath = corrupt.Backup
		p.OnRestore = func() {
			if err := store.Restore(dir, corrupt.Backup); err != nil {
				d.showProblem(dir, err)
				return
			}
			d.start()
		}
	}
	d.win.SetContent(ui.NewProblemScreen(p))
	d.win.Resize(fyne.NewSize(720, 420))
}

func problemKind(err error) ui.ProblemKind {
	switch {
	case errors.Is(err, store.ErrNotWritable):
		return ui.ProblemNotWritable
	case errors.Is(err, store.ErrDiskFull):
		return ui.ProblemDiskFull
	case errors.Is(err, store.ErrLocked):
		return ui.ProblemLocked
	case errors.Is(err, store.ErrNotAmparo):
		return ui.ProblemNotAmparo
	case errors.Is(err, store.ErrTooNew):
		return ui.ProblemTooNew
	case errors.Is(err, store.ErrCorrupt):
		return ui.ProblemCorrupt
	}
	return ui.ProblemOther
}

func (d *desktop) close() {
	if d.db != nil {
		if err := d.db.Close(); err != nil {
			log.Printf("close data folder: %v", err)
		}
	}
}

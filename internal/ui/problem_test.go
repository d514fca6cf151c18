package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/i18n"
)

var problemKinds = []ProblemKind{ProblemOther, ProblemNotWritable, ProblemDiskFull, ProblemLocked,
	ProblemNotAmparo, ProblemTooNew, ProblemCorrupt}

func TestProblemTextsInEveryLanguage(t *testing.T) {
	test.NewTempApp(t)
	setOSLocale(t, "", "", "en_GB.UTF-8")
	for _, code := range i18n.Supported {
		if err := UseLanguage(code); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, k := range problemKinds {
			title, text := ProblemTitle(k), ProblemText(k)
			if title == "" || text == "" || seen[title] || seen[text] {
				t.Errorf("%s: kind %d has an empty or repeated title/text: %q / %q", code, k, title, text)
			}
			seen[title], seen[text] = true, true
		}
	}
	if err := UseLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	if got := ProblemTitle(ProblemDiskFull); got != "Le disque est plein" {
		t.Errorf("French disk-full title = %q", got)
	}
	if ProblemText(ProblemKind(99)) != ProblemText(ProblemOther) {
		t.Error("an unknown kind must read as ProblemOther")
	}
}

func TestProblemScreenWithBackup(t *testing.T) {
	f := newShell(t) // English, laptop-sized window
	var restored, quit int
	screen := NewProblemScreen(Problem{
		Kind:       ProblemCorrupt,
		Detail:     "/home/aminata/.config/amparo/amparo.db",
		BackupPath: "/home/aminata/.config/amparo/backups/amparo-2026-11-26.db",
		OnRestore:  func() { restored++ },
		OnQuit:     func() { quit++ },
	})
	f.w.SetContent(screen)
	en := catalog(t, "en")
	for _, want := range []string{en["problem.corrupt.title"], en["problem.corrupt.text"], en["problem.details"],
		"/home/aminata/.config/amparo/amparo.db",
		"Latest backup: /home/aminata/.config/amparo/backups/amparo-2026-11-26.db"} {
		if !hasLabel(screen, want) {
			t.Errorf("problem screen lacks %q; texts %q", want, texts(screen))
		}
	}
	test.Tap(findButton(screen, "Restore the latest backup"))
	test.Tap(findButton(screen, "Quit"))
	if restored != 1 || quit != 1 {
		t.Errorf("restore tapped %d, quit %d", restored, quit)
	}
}

func TestProblemScreenWithoutBackup(t *testing.T) {
	test.NewTempApp(t)
	setOSLocale(t, "", "", "C.UTF-8")
	if err := UseLanguage("pt"); err != nil {
		t.Fatal(err)
	}
	quit := 0
	screen := NewProblemScreen(Problem{Kind: ProblemLocked, OnQuit: func() { quit++ }})
	w := test.NewWindow(screen)
	defer w.Close()
	w.Resize(laptop)
	if !hasLabel(screen, "O Amparo já está aberto") {
		t.Errorf("texts %q", texts(screen))
	}
	if findButton(screen, catalog(t, "pt")["problem.restore"]) != nil {
		t.Error("no backup: no restore button")
	}
	if hasLabel(screen, catalog(t, "pt")["problem.details"]) {
		t.Error("no detail: no details heading")
	}
	test.Tap(findButton(screen, "Sair"))
	if quit != 1 {
		t.Error("Quit did not call OnQuit")
	}
	// A backup path without a way to restore it offers nothing.
	screen = NewProblemScreen(Problem{Kind: ProblemCorrupt, BackupPath: "/b.db"})
	if findButton(screen, catalog(t, "pt")["problem.restore"]) != nil {
		t.Error("restore offered without OnRestore")
	}
	test.Tap(findButton(screen, "Sair")) // nil OnQuit must not panic
}

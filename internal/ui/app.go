package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
)

// Screen names what the window shows; tests and cmd/amparo's smoke mode
// read it through App.Screen.
type Screen int

// The screens of the window, in the order a first day meets them.
const (
	ScreenProblem  Screen = iota // the office could not be read
	ScreenSetup                  // first start: the setup wizard
	ScreenLogin                  // who are you?
	ScreenRecovery               // a new admin password with the recovery code
	ScreenShell                  // a session at work: navigation and views
	ScreenLocked                 // the lock screen, over nothing
)

// defaultIdleCheck is how often the window asks the session whether to lock.
const defaultIdleCheck = 10 * time.Second

// App runs the window through a working day: setup wizard on first start,
// then login, the shell while a session is open, the lock screen while it
// is locked, and login again after Log out or Switch user.
type App struct {
	w    fyne.Window
	deps Deps
	ctx  context.Context

	screen Screen
	sess   Session
	shell  *Shell

	// sealed holds the sealed drafts of the forms on screen while the
	// session is locked, by draft name.
	sealed map[string][]byte

	stopTicker chan struct{}

	// watch runs the inbox and the outbox (exchangewatch.go); watchDone,
	// when set (tests), is told each time a round ends.
	watch     exchangeWatch
	watchDone chan struct{}

	// The screen on show before a session, kept for the tests.
	wizard   *setupWizard
	login    *loginScreen
	recovery *recoveryScreen
	lock     *lockScreen
}

// NewApp fills w with Amparo and returns it: the setup wizard when the
// office is not set up yet, else the login screen. It adds the keyboard
// shortcuts, starts the idle check (Deps.IdleCheckEvery) and takes over
// w's OnClosed callback to log out and save the window size (so put
// clean-up after ShowAndRun returns rather than in OnClosed). The language
// must already be applied (LoadLanguage or UseLanguage).
func NewApp(w fyne.Window, deps Deps) *App {
	a := &App{w: w, deps: deps, ctx: context.Background()}
	a.addShortcuts()
	w.SetOnClosed(a.closed)
	a.start()
	a.startTicker()
	return a
}

// Screen returns what the window shows.
func (a *App) Screen() Screen { return a.screen }

// Shell returns the shell of the open session, or nil when no session is
// at work (login, lock screen...).
func (a *App) Shell() *Shell {
	if a.screen != ScreenShell {
		return nil
	}
	return a.shell
}

// start shows the wizard or the login screen.
func (a *App) start() {
	if a.deps.Security == nil {
		fyne.LogError("start", errors.New("ui: Deps.Security is nil"))
		a.setScreen(ScreenProblem, NewProblemScreen(Problem{Kind: ProblemOther, OnQuit: a.Quit}), nil)
		return
	}
	ok, err := a.deps.Security.IsSetUp(a.ctx)
	if err != nil {
		fyne.LogError("is the office set up", err)
		a.setScreen(ScreenProblem, NewProblemScreen(Problem{Kind: ProblemOther, OnQuit: a.Quit}), nil)
		return
	}
	if !ok {
		a.showSetup()
		return
	}
	a.showLogin("")
}

// setScreen puts content in the window, over the activity catcher, and
// closes any dialog left from the previous screen.
// focus, when not nil, gets the cursor.
func (a *App) setScreen(s Screen, content fyne.CanvasObject, focus fyne.Focusable) {
	a.screen = s
	a.w.SetTitle("Amparo")
	a.w.SetPadded(false)
	a.closeOverlays()
	a.w.SetContent(container.NewStack(newActivityCatcher(a.touch), content))
	if focus != nil {
		a.w.Canvas().Focus(focus)
	}
}

func (a *App) closeOverlays() {
	ov := a.w.Canvas().Overlays()
	for top := ov.Top(); top != nil; top = ov.Top() {
		ov.Remove(top)
	}
}

// loggedIn opens the shell for a new session.
func (a *App) loggedIn(sess Session) {
	a.sess = sess
	a.sealed = nil
	a.shell = openShell(a, sess)
	a.watch = exchangeWatch{}
	a.screen = ScreenShell
	a.shell.rebuild()
}

// touch tells the session someone is at work.
func (a *App) touch() {
	if a.sess != nil && a.screen == ScreenShell {
		a.sess.Touch()
	}
}

// Lock locks the session at once (Lock button, Ctrl+L): the forms' drafts
// are sealed and their widgets emptied first, then the session drops its
// keys, and the window shows only the lock screen.
func (a *App) Lock() {
	if a.screen != ScreenShell || a.sess == nil {
		return
	}
	sealed := a.shell.sealDrafts()
	a.shell.clearDrafts()
	if err := a.sess.Lock(a.ctx); err != nil {
		fyne.LogError("lock the session", err)
	}
	a.locked(sealed)
}

// CheckIdle locks the session when it has been idle longer than the
// auto-lock setting. The idle ticker calls it; tests call it directly.
func (a *App) CheckIdle() {
	if a.screen != ScreenShell || a.sess == nil {
		return
	}
	// Once LockIfIdle has locked, the session cannot seal any more: seal
	// first and throw the result away when it did not lock.
	sealed := a.shell.sealDrafts()
	locked, err := a.sess.LockIfIdle(a.ctx)
	if err != nil {
		fyne.LogError("auto-lock", err)
	}
	if !locked {
		return
	}
	a.shell.clearDrafts()
	a.locked(sealed)
}

// locked drops the shell's content and shows the lock screen.
func (a *App) locked(sealed map[string][]byte) {
	a.sealed = sealed
	a.shell.hide()
	a.showLock()
}

// unlocked brings the shell back as it was, with the drafts restored.
func (a *App) unlocked() {
	a.screen = ScreenShell
	a.shell.rebuild()
	a.shell.restoreDrafts(a.sealed)
	a.sealed = nil
}

// Logout ends the session and shows the login screen. Unsaved drafts are
// dropped.
func (a *App) Logout() {
	if a.sess == nil {
		return
	}
	username := a.sess.User().Username
	if err := a.sess.Logout(a.ctx); err != nil {
		fyne.LogError("log out", err)
	}
	if a.shell != nil {
		a.shell.hide()
	}
	a.sess, a.shell, a.sealed = nil, nil, nil
	a.showLogin(username)
}

// Quit saves the window size, ends the session and the program, through
// Deps.Quit (closing the window when it is nil). Fyne does not call
// OnClosed when the app quits, hence the work here.
func (a *App) Quit() {
	a.closed()
	if a.deps.Quit != nil {
		a.deps.Quit()
		return
	}
	a.w.Close()
}

// closed runs when the window closes: the session ends and the size is kept.
func (a *App) closed() {
	a.saveWindowSize()
	a.stop()
	if a.sess != nil {
		if err := a.sess.Logout(a.ctx); err != nil {
			fyne.LogError("log out on close", err)
		}
		a.sess, a.shell, a.sealed = nil, nil, nil
	}
}

func (a *App) saveWindowSize() {
	if a.deps.Prefs == nil {
		return
	}
	if err := SaveWindowSize(a.w, a.deps.Prefs); err != nil {
		fyne.LogError("save window size", err)
	}
}

// startTicker asks the session every Deps.IdleCheckEvery whether to lock.
func (a *App) startTicker() {
	every := a.deps.IdleCheckEvery
	if every < 0 {
		return
	}
	if every == 0 {
		every = defaultIdleCheck
	}
	stop := make(chan struct{})
	a.stopTicker = stop
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fyne.Do(func() {
					a.CheckIdle()
					a.exchangeTick()
				})
			case <-stop:
				return
			}
		}
	}()
}

func (a *App) stop() {
	if a.stopTicker != nil {
		close(a.stopTicker)
		a.stopTicker = nil
	}
}

// Keyboard: the window's shortcuts work on the screens where they make
// sense (sections only in the shell), and any key counts as activity.
var lockShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}

func (a *App) addShortcuts() {
	c := a.w.Canvas()
	for _, sec := range Sections() {
		c.AddShortcut(sectionShortcut(sec), func(fyne.Shortcut) {
			if sh := a.Shell(); sh != nil {
				a.touch()
				sh.Show(sec)
			}
		})
	}
	c.AddShortcut(quitShortcut, func(fyne.Shortcut) { a.Quit() })
	c.AddShortcut(lockShortcut, func(fyne.Shortcut) { a.Lock() })

	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		a.touch()
		if ev.Name == fyne.KeyF1 {
			if sh := a.Shell(); sh != nil {
				sh.ShowHelp()
			}
		}
	})
	c.SetOnTypedRune(func(rune) { a.touch() })
}

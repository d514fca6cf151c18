package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
)

// lockScreen is all the window shows while a session is locked: who
// locked it, a password field, Unlock and Switch user.
type lockScreen struct {
	a        *App
	password *widget.Entry
	message  *widget.Label
	unlock   *widget.Button
	switchTo *widget.Button
}

func (a *App) showLock() {
	ls := &lockScreen{a: a}
	a.lock = ls
	ls.show("")
}

func (ls *lockScreen) show(msg string) {
	u := ls.a.sess.User()
	icon := canvas.NewImageFromResource(theme.NewPrimaryThemedResource(theme.VisibilityOffIcon()))
	icon.FillMode = canvas.ImageFillContain
	side := theme.TextSize() * 4
	icon.SetMinSize(fyne.NewSize(side, side))

	title := widget.NewLabelWithStyle(lang.L("lock.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord
	who := wrapped(lang.L("lock.who", map[string]any{"Name": u.Name, "Username": u.Username}))
	who.Alignment = fyne.TextAlignCenter

	ls.password = widget.NewPasswordEntry()
	ls.password.OnSubmitted = func(string) { ls.submit() }
	ls.message = newMessage()
	ls.message.Alignment = fyne.TextAlignCenter
	showMessage(ls.message, msg, widget.DangerImportance)
	ls.unlock = widget.NewButtonWithIcon(lang.L("lock.unlock"), theme.LoginIcon(), ls.submit)
	ls.unlock.Importance = widget.HighImportance
	ls.switchTo = widget.NewButtonWithIcon(lang.L("lock.switchUser"), theme.AccountIcon(), ls.a.Logout)
	ls.switchTo.Importance = widget.LowImportance
	switchHelp := wrapped(lang.L("lock.switchUser.help"))
	switchHelp.Alignment = fyne.TextAlignCenter
	switchHelp.Importance = widget.LowImportance

	column := container.New(&columnLayout{maxEms: 26, centred: true},
		container.NewCenter(icon), title, who,
		newFormField(lang.L("user.password"), ls.password, "").box,
		ls.message,
		ls.unlock,
		widget.NewSeparator(),
		ls.switchTo,
		switchHelp,
	)
	ls.a.setScreen(ScreenLocked, container.NewVScroll(container.NewPadded(column)), ls.password)
}

func (ls *lockScreen) submit() {
	if ls.password.Text == "" {
		showMessage(ls.message, lang.L("login.password.missing"), widget.DangerImportance)
		return
	}
	pw := []byte(ls.password.Text)
	err := ls.a.sess.Unlock(context.Background(), pw)
	clear(pw)
	ls.password.SetText("")
	if err != nil {
		msg := errorText(err, ls.a.deps.now())
		if errors.Is(err, casework.ErrBadCredentials) {
			msg = lang.L("lock.wrongPassword")
		}
		showMessage(ls.message, msg, widget.DangerImportance)
		ls.a.w.Canvas().Focus(ls.password)
		return
	}
	ls.a.lock = nil
	ls.a.unlocked()
}

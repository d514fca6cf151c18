package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// loginScreen asks who is there: a user from the office's list (or a
// username when the list cannot be read) and their password.
type loginScreen struct {
	a      *App
	office domain.Office
	users  []domain.User

	userSel  *widget.Select // when the users are listed
	username *widget.Entry  // when they are not
	password *widget.Entry
	message  *widget.Label
	login    *widget.Button
	recover  *widget.Button
}

// showLogin shows the login screen with username chosen, if known.
func (a *App) showLogin(username string) { a.showLoginWith(username, "") }

// showLoginWith shows the login screen with a message above the button.
func (a *App) showLoginWith(username, msg string) {
	ctx := context.Background()
	ls := &loginScreen{a: a}
	if o, err := a.deps.Security.Office(ctx); err == nil {
		ls.office = o
	} else {
		fyne.LogError("read office for the login screen", err)
	}
	if users, err := a.deps.Security.LoginUsers(ctx); err == nil {
		for _, u := range users {
			if !u.Disabled {
				ls.users = append(ls.users, u)
			}
		}
	} else {
		fyne.LogError("list users for the login screen", err)
	}
	a.login = ls
	ls.show(username, msg)
}

func userChoice(u domain.User) string { return u.Name + " (" + u.Username + ")" }

func (ls *loginScreen) show(username, msg string) {
	office := widget.NewLabelWithStyle(ls.office.Name, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	office.SizeName = theme.SizeNameHeadingText
	office.Wrapping = fyne.TextWrapWord
	if ls.office.Name == "" {
		office.SetText(lang.L("app.name"))
	}
	appName := widget.NewLabelWithStyle(lang.L("app.name"), fyne.TextAlignCenter, fyne.TextStyle{})
	appName.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(lang.L("login.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText

	ls.password = widget.NewPasswordEntry()
	ls.password.OnSubmitted = func(string) { ls.submit() }

	var who fyne.CanvasObject
	var focus fyne.Focusable = ls.password
	ls.userSel, ls.username = nil, nil
	if len(ls.users) > 0 {
		choices := make([]string, len(ls.users))
		for i, u := range ls.users {
			choices[i] = userChoice(u)
		}
		ls.userSel = widget.NewSelect(choices, nil)
		ls.userSel.PlaceHolder = lang.L("login.user.placeholder")
		for i, u := range ls.users {
			if u.Username == username || len(ls.users) == 1 {
				ls.userSel.SetSelectedIndex(i)
			}
		}
		who = ls.userSel
	} else {
		ls.username = widget.NewEntry()
		ls.username.SetText(username)
		ls.username.OnSubmitted = func(string) { ls.a.w.Canvas().Focus(ls.password) }
		who = ls.username
		if username == "" {
			focus = ls.username
		}
	}

	ls.message = newMessage()
	showMessage(ls.message, msg, widget.DangerImportance)
	ls.login = widget.NewButtonWithIcon(lang.L("login.submit"), theme.LoginIcon(), ls.submit)
	ls.login.Importance = widget.HighImportance
	forgot := wrapped(lang.L("login.forgot"))
	forgot.Alignment = fyne.TextAlignCenter
	forgot.Importance = widget.LowImportance
	ls.recover = widget.NewButtonWithIcon(lang.L("login.useCode"), theme.HistoryIcon(), func() { ls.a.showRecovery() })

	column := container.New(&columnLayout{maxEms: 28, centred: true},
		appName, office, spacer(0.5), title,
		newFormField(lang.L("login.user"), who, "").box,
		newFormField(lang.L("user.password"), ls.password, "").box,
		ls.message,
		ls.login,
		widget.NewSeparator(),
		forgot,
		container.NewCenter(ls.recover),
	)
	body := container.NewBorder(nil, container.NewPadded(ls.a.languageChooser(func() { ls.show(ls.chosen(), "") })), nil, nil,
		container.NewVScroll(container.NewPadded(column)))
	ls.a.setScreen(ScreenLogin, body, focus)
}

// chosen is the username picked or typed.
func (ls *loginScreen) chosen() string {
	if ls.userSel != nil {
		if i := ls.userSel.SelectedIndex(); i >= 0 {
			return ls.users[i].Username
		}
		return ""
	}
	return strings.TrimSpace(ls.username.Text)
}

func (ls *loginScreen) submit() {
	username := ls.chosen()
	if username == "" {
		showMessage(ls.message, lang.L("login.user.missing"), widget.DangerImportance)
		return
	}
	if ls.password.Text == "" {
		showMessage(ls.message, lang.L("login.password.missing"), widget.DangerImportance)
		return
	}
	pw := []byte(ls.password.Text)
	sess, err := ls.a.deps.Security.Login(context.Background(), username, pw)
	clear(pw)
	ls.password.SetText("")
	if err != nil {
		showMessage(ls.message, errorText(err, ls.a.deps.now()), widget.DangerImportance)
		ls.a.w.Canvas().Focus(ls.password)
		return
	}
	ls.a.login = nil
	ls.a.loggedIn(sess)
}

// languageChooser is a small language select for the screens before a
// session; redraw shows the screen again in the new language.
func (a *App) languageChooser(redraw func()) fyne.CanvasObject {
	names := make([]string, len(i18n.Supported))
	for i, code := range i18n.Supported {
		names[i] = i18n.Name(code)
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(i18n.Name(Language()))
	sel.OnChanged = func(name string) {
		for _, code := range i18n.Supported {
			if i18n.Name(code) != name || code == Language() {
				continue
			}
			if err := UseLanguage(code); err != nil {
				fyne.LogError("switch language", err)
				return
			}
			if a.deps.Prefs != nil {
				if err := a.deps.Prefs.SetSetting(context.Background(), SettingLanguage, code); err != nil {
					fyne.LogError("save language setting", err)
				}
			}
			redraw()
			return
		}
	}
	return container.NewHBox(layout.NewSpacer(), widget.NewLabel(lang.L("settings.language")), sel)
}

// recoveryScreen sets a new admin password with the recovery code.
type recoveryScreen struct {
	a        *App
	code     *widget.Entry
	username *widget.Entry
	password *widget.Entry
	confirm  *widget.Entry
	fields   map[string]*formField
	message  *widget.Label
	submit   *widget.Button
}

func (a *App) showRecovery() {
	rs := &recoveryScreen{a: a, fields: map[string]*formField{}}
	a.recovery = rs
	rs.show("", "")
}

func (rs *recoveryScreen) show(username, code string) {
	title := widget.NewLabelWithStyle(lang.L("recovery.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord

	rs.code = widget.NewEntry()
	rs.code.TextStyle = fyne.TextStyle{Monospace: true}
	rs.code.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
	rs.code.SetText(code)
	rs.username = widget.NewEntry()
	rs.username.SetText(username)
	rs.password = widget.NewPasswordEntry()
	rs.confirm = widget.NewPasswordEntry()
	hint := newStrengthHint()
	rs.password.OnChanged = hint.update
	rs.confirm.OnSubmitted = func(string) { rs.run() }

	rs.fields[fieldCode] = newFormField(lang.L("recovery.code"), rs.code, lang.L("recovery.code.help"))
	rs.fields[fieldUsername] = newFormField(lang.L("recovery.username"), rs.username, "")
	rs.fields[fieldPassword] = newFormField(lang.L("recovery.password"), container.NewVBox(rs.password, hint.box), passwordRules())
	rs.fields[fieldConfirm] = newFormField(lang.L("user.confirm"), rs.confirm, "")
	rs.message = newMessage()

	back := widget.NewButtonWithIcon(lang.L("recovery.back"), theme.NavigateBackIcon(), func() {
		rs.a.recovery = nil
		rs.a.showLogin("")
	})
	rs.submit = widget.NewButtonWithIcon(lang.L("recovery.submit"), theme.ConfirmIcon(), rs.run)
	rs.submit.Importance = widget.HighImportance

	column := container.New(&columnLayout{maxEms: 34, centred: true},
		title,
		wrapped(lang.L("recovery.intro")),
		rs.fields[fieldCode].box,
		rs.fields[fieldUsername].box,
		rs.fields[fieldPassword].box,
		rs.fields[fieldConfirm].box,
		rs.message,
	)
	// The buttons stay in sight below the scrolling form.
	bar := container.NewBorder(nil, nil, container.NewHBox(back, rs.submit), rs.a.languageChooser(func() {
		rs.show(rs.username.Text, rs.code.Text)
	}))
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewPadded(bar)), nil, nil,
		container.NewVScroll(container.NewPadded(column)))
	rs.a.setScreen(ScreenRecovery, body, rs.code)
}

const fieldCode = "code"

func (rs *recoveryScreen) run() {
	for _, f := range rs.fields {
		f.setError("")
	}
	showMessage(rs.message, "", widget.DangerImportance)
	code := strings.TrimSpace(rs.code.Text)
	username := strings.TrimSpace(rs.username.Text)
	bad := false
	if code == "" {
		rs.fields[fieldCode].setError(lang.L("field.required"))
		bad = true
	}
	if username == "" {
		rs.fields[fieldUsername].setError(lang.L("field.required"))
		bad = true
	}
	office := ""
	if o, err := rs.a.deps.Security.Office(context.Background()); err == nil {
		office = o.Name
	}
	pwMsg, cfMsg := checkNewPassword(rs.password.Text, rs.confirm.Text, username, office)
	rs.fields[fieldPassword].setError(pwMsg)
	rs.fields[fieldConfirm].setError(cfMsg)
	if bad || pwMsg != "" || cfMsg != "" {
		return
	}
	pw := []byte(rs.password.Text)
	sess, err := rs.a.deps.Security.Recover(context.Background(), code, username, pw)
	clear(pw)
	if err != nil {
		var pwErr *casework.PasswordError
		switch {
		case errors.Is(err, casework.ErrBadRecoveryCode):
			rs.fields[fieldCode].setError(errorText(err, rs.a.deps.now()))
		case errors.Is(err, casework.ErrBadCredentials), errors.Is(err, casework.ErrWrongUser),
			errors.Is(err, casework.ErrForbidden), errors.Is(err, casework.ErrUserDisabled):
			rs.fields[fieldUsername].setError(lang.L("recovery.notAdmin"))
		case errors.As(err, &pwErr):
			rs.fields[fieldPassword].setError(errorText(err, rs.a.deps.now()))
		default:
			showMessage(rs.message, errorText(err, rs.a.deps.now()), widget.DangerImportance)
		}
		return
	}
	rs.password.SetText("")
	rs.confirm.SetText("")
	rs.code.SetText("")
	rs.a.recovery = nil
	rs.a.loggedIn(sess)
}

package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/i18n"
)

// autoLockChoices are the idle delays offered, in minutes.
var autoLockChoices = []int{1, 2, 5, 10, 15, 30, 60}

// minutesText writes "5 minutes" in the current language.
func minutesText(n int) string {
	args := map[string]any{"Count": n}
	if i18n.PluralCategory(Language(), int64(n)) == "one" {
		return lang.L("settings.autolock.minutes.one", args)
	}
	return lang.L("settings.autolock.minutes.other", args)
}

// autoLockSettings lets an admin choose after how long without use
// Amparo locks itself.
func (s *Shell) autoLockSettings() fyne.CanvasObject {
	ctx := context.Background()
	current := 5
	if d, err := s.deps.Security.AutoLockAfter(ctx); err == nil && d > 0 {
		current = int(d / time.Minute)
	} else if err != nil {
		fyne.LogError("read auto-lock setting", err)
	}
	options := make([]string, 0, len(autoLockChoices)+1)
	values := make([]int, 0, len(autoLockChoices)+1)
	found := false
	for _, m := range autoLockChoices {
		if m == current {
			found = true
		} else if !found && m > current {
			options, values = append(options, minutesText(current)), append(values, current)
			found = true
		}
		options, values = append(options, minutesText(m)), append(values, m)
	}
	if !found {
		options, values = append(options, minutesText(current)), append(values, current)
	}
	msg := newMessage()
	sel := widget.NewSelect(options, nil)
	for i, v := range values {
		if v == current {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		s.app.touch()
		m := values[sel.SelectedIndex()]
		if err := s.sess.SetAutoLockAfter(ctx, time.Duration(m)*time.Minute); err != nil {
			showMessage(msg, errorText(err, s.deps.now()), widget.DangerImportance)
			return
		}
		showMessage(msg, lang.L("settings.autolock.saved", map[string]any{"Minutes": minutesText(m)}), widget.SuccessImportance)
	}
	s.autoLockSelect = sel
	return container.NewVBox(
		subheading(lang.L("settings.autolock")),
		wrapped(lang.L("settings.autolock.help", map[string]any{"Keys": modifierLabel() + "+L"})),
		container.NewHBox(sel),
		msg,
	)
}

// passwordForm is the "Change my password" form of Settings.
type passwordForm struct {
	current, next, confirm    *activityEntry
	fCurrent, fNext, fConfirm *formField
	message                   *widget.Label
	submit                    *widget.Button
}

func (s *Shell) changePasswordForm() fyne.CanvasObject {
	f := &passwordForm{
		current: newPasswordField(s.app.touch),
		next:    newPasswordField(s.app.touch),
		confirm: newPasswordField(s.app.touch),
		message: newMessage(),
	}
	hint := newStrengthHint()
	f.next.OnChanged = hint.update
	f.fCurrent = newFormField(lang.L("account.current"), f.current, "")
	f.fNext = newFormField(lang.L("account.new"), container.NewVBox(f.next, hint.box), passwordRules())
	f.fConfirm = newFormField(lang.L("user.confirm"), f.confirm, "")
	f.submit = widget.NewButtonWithIcon(lang.L("account.change"), theme.ConfirmIcon(), func() { s.changePassword(f, hint) })
	f.confirm.OnSubmitted = func(string) { s.changePassword(f, hint) }
	s.passwordForm = f
	s.addDrafter("settings.password", passwordWiper{f.current, f.next, f.confirm})
	return container.NewVBox(
		subheading(lang.L("account.title")),
		wrapped(lang.L("account.help")),
		f.fCurrent.box, f.fNext.box, f.fConfirm.box,
		f.message,
		container.NewHBox(f.submit),
	)
}

func (s *Shell) changePassword(f *passwordForm, hint *strengthHint) {
	s.app.touch()
	f.fCurrent.setError("")
	showMessage(f.message, "", widget.DangerImportance)
	bad := false
	if f.current.Text == "" {
		f.fCurrent.setError(lang.L("field.required"))
		bad = true
	}
	u := s.sess.User()
	pwMsg, cfMsg := checkNewPassword(f.next.Text, f.confirm.Text, u.Username, s.sess.Office().Name)
	f.fNext.setError(pwMsg)
	f.fConfirm.setError(cfMsg)
	if bad || pwMsg != "" || cfMsg != "" {
		return
	}
	old, pw := []byte(f.current.Text), []byte(f.next.Text)
	err := s.sess.ChangePassword(context.Background(), old, pw)
	clear(old)
	clear(pw)
	var pwErr *casework.PasswordError
	switch {
	case err == nil:
		f.current.wipe()
		f.next.wipe()
		f.confirm.wipe()
		hint.update("")
		showMessage(f.message, lang.L("account.changed"), widget.SuccessImportance)
	case errors.Is(err, casework.ErrBadCredentials):
		f.fCurrent.setError(lang.L("account.current.wrong"))
	case errors.As(err, &pwErr):
		f.fNext.setError(errorText(err, s.deps.now()))
	default:
		showMessage(f.message, errorText(err, s.deps.now()), widget.DangerImportance)
	}
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }

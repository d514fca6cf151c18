package ui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// draftAddUser names the Add-user form's draft.
const draftAddUser = "settings.users.add"

// usersPanel is the Users tab of Settings (admins): the office's users
// with their role and status, Disable or Enable, Reset password, and a
// form to add a user. Users are never deleted.
type usersPanel struct {
	s      *Shell
	users  []domain.User
	notice *widget.Label
	list   *fyne.Container
	form   *addUserForm
}

func (s *Shell) usersView() fyne.CanvasObject {
	p := &usersPanel{s: s, notice: newMessage(), list: container.NewVBox()}
	s.users = p
	p.form = newAddUserForm(p)
	s.addDrafter(draftAddUser, p.form)
	p.reload()

	left := container.NewBorder(
		container.NewVBox(wrapped(lang.L("users.help")), p.notice), nil, nil, nil,
		container.NewVScroll(p.list))
	right := container.NewVScroll(container.NewPadded(p.form.box))
	return container.NewPadded(container.New(&sideLayout{sideEms: 22}, left, right))
}

// reload reads the users again and redraws the list.
func (p *usersPanel) reload() {
	users, err := p.s.sess.Users(context.Background())
	if err != nil {
		showMessage(p.notice, errorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.users = users
	weights := []float32{0.22, 0.16, 0.17, 0.13, 0.32}
	head := func(text string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	rows := []fyne.CanvasObject{container.New(&columnsLayout{weights: weights},
		head(lang.L("user.name")), head(lang.L("user.username")), head(lang.L("user.role")),
		head(lang.L("users.status")), head("")), widget.NewSeparator()}
	for _, u := range users {
		rows = append(rows, container.New(&columnsLayout{weights: weights}, p.row(u)...))
	}
	p.list.Objects = rows
	p.list.Refresh()
}

func (p *usersPanel) row(u domain.User) []fyne.CanvasObject {
	cell := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	status := cell(lang.L("users.active"))
	toggleText := lang.L("users.disable")
	if u.Disabled {
		status.SetText(lang.L("users.disabled"))
		status.Importance = widget.WarningImportance
		toggleText = lang.L("users.enable")
	}
	toggle := widget.NewButton(toggleText, func() { p.toggle(u) })
	reset := widget.NewButton(lang.L("users.reset"), func() { p.resetPassword(u) })
	if u.Disabled {
		reset.Disable()
	}
	return []fyne.CanvasObject{cell(u.Name), cell(u.Username), cell(roleName(u.Role)), status,
		container.NewHBox(toggle, reset)}
}

// lastActiveAdmin reports whether u is the only enabled admin.
func (p *usersPanel) lastActiveAdmin(u domain.User) bool {
	if u.Role != domain.RoleAdmin || u.Disabled {
		return false
	}
	for _, o := range p.users {
		if o.ID != u.ID && o.Role == domain.RoleAdmin && !o.Disabled {
			return false
		}
	}
	return true
}

// toggle disables or enables a user, after a confirmation for disabling.
func (p *usersPanel) toggle(u domain.User) {
	p.s.app.touch()
	showMessage(p.notice, "", widget.DangerImportance)
	if u.Disabled {
		p.setDisabled(u, false)
		return
	}
	if p.lastActiveAdmin(u) {
		showMessage(p.notice, lang.L("error.lastAdmin"), widget.DangerImportance)
		return
	}
	d := dialog.NewConfirm(
		lang.L("users.disable.title", map[string]any{"Name": u.Name}),
		lang.L("users.disable.text", map[string]any{"Name": u.Name}),
		func(ok bool) {
			if ok {
				p.setDisabled(u, true)
			}
		}, p.s.w)
	d.SetConfirmText(lang.L("users.disable"))
	d.SetDismissText(lang.L("Cancel"))
	d.Show()
}

func (p *usersPanel) setDisabled(u domain.User, disabled bool) {
	if err := p.s.sess.SetUserDisabled(context.Background(), u.ID, disabled); err != nil {
		showMessage(p.notice, errorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.reload()
	msg := lang.L("users.enabled.done", map[string]any{"Name": u.Name})
	if disabled {
		msg = lang.L("users.disabled.done", map[string]any{"Name": u.Name})
	}
	showMessage(p.notice, msg, widget.SuccessImportance)
}

// resetPassword asks an admin for a new password for u.
func (p *usersPanel) resetPassword(u domain.User) {
	p.s.app.touch()
	pw := newPasswordField(p.s.app.touch)
	confirm := newPasswordField(p.s.app.touch)
	hint := newStrengthHint()
	pw.OnChanged = hint.update
	fPw := newFormField(lang.L("account.new"), container.NewVBox(pw, hint.box), passwordRules())
	fConfirm := newFormField(lang.L("user.confirm"), confirm, "")
	message := newMessage()

	var d dialog.Dialog
	apply := func() {
		p.s.app.touch()
		pwMsg, cfMsg := checkNewPassword(pw.Text, confirm.Text, u.Username, p.s.sess.Office().Name)
		fPw.setError(pwMsg)
		fConfirm.setError(cfMsg)
		if pwMsg != "" || cfMsg != "" {
			return
		}
		b := []byte(pw.Text)
		err := p.s.sess.ResetPassword(context.Background(), u.ID, b)
		clear(b)
		if err != nil {
			var pwErr *casework.PasswordError
			if errors.As(err, &pwErr) {
				fPw.setError(errorText(err, p.s.deps.now()))
			} else {
				showMessage(message, errorText(err, p.s.deps.now()), widget.DangerImportance)
			}
			return
		}
		pw.wipe()
		confirm.wipe()
		d.Hide()
		showMessage(p.notice, lang.L("users.reset.done", map[string]any{"Name": u.Name}), widget.SuccessImportance)
	}
	confirm.OnSubmitted = func(string) { apply() }
	set := widget.NewButtonWithIcon(lang.L("users.reset.submit"), theme.ConfirmIcon(), apply)
	set.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() {
		pw.wipe()
		confirm.wipe()
		d.Hide()
	})
	content := container.NewVBox(
		wrapped(lang.L("users.reset.help", map[string]any{"Name": u.Name})),
		fPw.box, fConfirm.box, message,
		container.NewHBox(layout.NewSpacer(), cancel, set))
	p.s.addDrafter("settings.users.reset", passwordWiper{pw, confirm})
	d = dialog.NewCustomWithoutButtons(lang.L("users.reset.title", map[string]any{"Name": u.Name}), content, p.s.w)
	d.Resize(fyne.NewSize(theme.TextSize()*32, content.MinSize().Height+theme.TextSize()*6))
	d.Show()
	p.s.w.Canvas().Focus(pw)
}

// addUserForm adds a user. Its username, name and role survive a lock
// (Drafter); the passwords are wiped and typed again.
type addUserForm struct {
	p                        *usersPanel
	username, name           *activityEntry
	role                     *widget.Select
	password, confirm        *activityEntry
	hint                     *strengthHint
	fUser, fName, fRole, fPw *formField
	fConfirm                 *formField
	message                  *widget.Label
	submit                   *widget.Button
	box                      *fyne.Container
}

func newAddUserForm(p *usersPanel) *addUserForm {
	touch := p.s.app.touch
	f := &addUserForm{
		p:        p,
		username: newActivityEntry(touch),
		name:     newActivityEntry(touch),
		password: newPasswordField(touch),
		confirm:  newPasswordField(touch),
		hint:     newStrengthHint(),
		message:  newMessage(),
	}
	roles := make([]string, len(domain.Roles))
	for i, r := range domain.Roles {
		roles[i] = roleName(r)
	}
	f.role = widget.NewSelect(roles, func(string) { touch() })
	f.role.PlaceHolder = lang.L("users.role.placeholder")
	f.password.OnChanged = f.hint.update
	f.confirm.OnSubmitted = func(string) { f.add() }
	f.fUser = newFormField(lang.L("user.username"), f.username, lang.L("user.username.help"))
	f.fName = newFormField(lang.L("user.name"), f.name, "")
	f.fRole = newFormField(lang.L("user.role"), f.role, lang.L("users.role.help"))
	f.fPw = newFormField(lang.L("users.add.password"), container.NewVBox(f.password, f.hint.box), passwordRules())
	f.fConfirm = newFormField(lang.L("user.confirm"), f.confirm, "")
	f.submit = widget.NewButtonWithIcon(lang.L("users.add.submit"), theme.ContentAddIcon(), f.add)
	f.submit.Importance = widget.HighImportance
	f.box = container.NewVBox(subheading(lang.L("users.add.title")),
		f.fUser.box, f.fName.box, f.fRole.box, f.fPw.box, f.fConfirm.box, f.message, container.NewHBox(f.submit))
	return f
}

func (f *addUserForm) selectedRole() (domain.Role, bool) {
	i := f.role.SelectedIndex()
	if i < 0 || i >= len(domain.Roles) {
		return "", false
	}
	return domain.Roles[i], true
}

// Draft is part of Drafter: the username, name and role typed so far.
func (f *addUserForm) Draft() map[string]string {
	d := map[string]string{}
	if f.username.Text != "" {
		d["username"] = f.username.Text
	}
	if f.name.Text != "" {
		d["name"] = f.name.Text
	}
	if r, ok := f.selectedRole(); ok {
		d["role"] = string(r)
	}
	return d
}

// RestoreDraft is part of Drafter.
func (f *addUserForm) RestoreDraft(d map[string]string) {
	f.username.SetText(d["username"])
	f.name.SetText(d["name"])
	for i, r := range domain.Roles {
		if string(r) == d["role"] {
			f.role.SetSelectedIndex(i)
		}
	}
}

// ClearDraft is part of Drafter: every field is emptied, passwords too.
func (f *addUserForm) ClearDraft() {
	f.username.wipe()
	f.name.wipe()
	f.password.wipe()
	f.confirm.wipe()
	f.role.ClearSelected()
	f.hint.update("")
}

func (f *addUserForm) add() {
	s := f.p.s
	s.app.touch()
	showMessage(f.message, "", widget.DangerImportance)
	username := strings.TrimSpace(f.username.Text)
	name := strings.TrimSpace(f.name.Text)
	f.fUser.setError(checkUsername(username))
	switch {
	case name == "":
		f.fName.setError(lang.L("field.required"))
	case utf8.RuneCountInString(name) > maxNameRunes:
		f.fName.setError(lang.L("field.tooLong", map[string]any{"Max": maxNameRunes}))
	default:
		f.fName.setError("")
	}
	role, ok := f.selectedRole()
	if ok {
		f.fRole.setError("")
	} else {
		f.fRole.setError(lang.L("users.role.missing"))
	}
	pwMsg, cfMsg := checkNewPassword(f.password.Text, f.confirm.Text, username, s.sess.Office().Name)
	f.fPw.setError(pwMsg)
	f.fConfirm.setError(cfMsg)
	if f.fUser.err.Visible() || f.fName.err.Visible() || !ok || pwMsg != "" || cfMsg != "" {
		return
	}
	pw := []byte(f.password.Text)
	u, err := s.sess.AddUser(context.Background(), casework.NewUser{Username: username, Name: name, Role: role, Password: pw})
	clear(pw)
	if err != nil {
		f.failed(err)
		return
	}
	f.ClearDraft()
	f.p.reload()
	showMessage(f.message, lang.L("users.add.done", map[string]any{"Name": u.Name, "Username": u.Username}), widget.SuccessImportance)
}

// failed shows why casework refused, beside the field it is about.
func (f *addUserForm) failed(err error) {
	now := f.p.s.deps.now()
	var pwErr *casework.PasswordError
	var invalid *casework.ValidationError
	switch {
	case errors.Is(err, casework.ErrUsernameTaken):
		f.fUser.setError(errorText(err, now))
	case errors.As(err, &pwErr):
		f.fPw.setError(errorText(err, now))
	case errors.As(err, &invalid):
		switch validationField(invalid.Field) {
		case fieldUsername:
			f.fUser.setError(errorText(err, now))
		case fieldDisplayName, fieldOfficeName:
			f.fName.setError(errorText(err, now))
		case fieldRole:
			f.fRole.setError(errorText(err, now))
		case fieldPassword:
			f.fPw.setError(errorText(err, now))
		default:
			showMessage(f.message, errorText(err, now), widget.DangerImportance)
		}
	default:
		showMessage(f.message, errorText(err, now), widget.DangerImportance)
	}
}

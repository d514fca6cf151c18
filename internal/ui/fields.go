package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// formField is one field of a form: its name, the input, an optional line
// of help, and the message shown under it when what was typed is not
// right, in the user's language.
type formField struct {
	label *widget.Label
	help  *widget.Label
	err   *widget.Label
	box   *fyne.Container
}

func newFormField(label string, input fyne.CanvasObject, help string) *formField {
	f := &formField{label: widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	f.err = wrapped("")
	f.err.Importance = widget.DangerImportance
	f.err.Hide()
	// The message goes right under the input, where the eye is; the
	// labels' own padding is enough space between the parts.
	objects := []fyne.CanvasObject{f.label, input, f.err}
	if help != "" {
		f.help = wrapped(help)
		f.help.Importance = widget.LowImportance
		objects = append(objects, f.help)
	}
	f.box = container.New(layout.NewCustomPaddedVBoxLayout(0), objects...)
	return f
}

// setError shows msg under the field, or hides the message when msg is "".
func (f *formField) setError(msg string) {
	if msg == f.err.Text && (msg == "") == !f.err.Visible() {
		return
	}
	f.err.SetText(msg)
	if msg == "" {
		f.err.Hide()
	} else {
		f.err.Show()
	}
	relayout(f.box)
}

// relayout lays the whole window out again after something inside o
// appeared, disappeared or changed height: a container only lays out its
// own children, so the columns and scrollers around o would not make room.
func relayout(o fyne.CanvasObject) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil || c.Content() == nil {
		return
	}
	c.Content().Refresh()
	if top := c.Overlays().Top(); top != nil {
		top.Refresh()
	}
}

// message is a line of feedback under a form or a screen: an error, a
// warning or a success, hidden while empty.
func newMessage() *widget.Label {
	l := wrapped("")
	l.Hide()
	return l
}

func showMessage(l *widget.Label, text string, imp widget.Importance) {
	if text == l.Text && imp == l.Importance && (text == "") == !l.Visible() {
		return
	}
	l.Importance = imp
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
	relayout(l)
}

// strengthHint says how hard a password is to guess, as the user types:
// four short bars and a word.
type strengthHint struct {
	bars  [4]*canvas.Rectangle
	label *widget.Label
	box   *fyne.Container
	level int // -1 when nothing is typed
}

func newStrengthHint() *strengthHint {
	h := &strengthHint{label: widget.NewLabel("")}
	meter := container.New(layout.NewGridLayoutWithColumns(4))
	for i := range h.bars {
		r := canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder))
		r.CornerRadius = 2
		r.SetMinSize(fyne.NewSize(theme.TextSize()*2, theme.Padding()*1.5))
		h.bars[i] = r
		meter.Add(r)
	}
	h.box = container.NewBorder(nil, nil, container.NewCenter(meter), nil, h.label)
	h.update("")
	return h
}

func (h *strengthHint) update(password string) {
	h.level = -1
	if password != "" {
		h.level = casework.PasswordStrength([]byte(password))
	}
	text, colour := lang.L("password.strength.none"), theme.ColorNameInputBorder
	imp := widget.LowImportance
	switch {
	case h.level < 0:
	case h.level == 0:
		text, colour, imp = lang.L("password.strength.0"), theme.ColorNameError, widget.DangerImportance
	case h.level == 1:
		text, colour, imp = lang.L("password.strength.1"), theme.ColorNameError, widget.DangerImportance
	case h.level == 2:
		text, colour, imp = lang.L("password.strength.2"), theme.ColorNameWarning, widget.WarningImportance
	case h.level == 3:
		text, colour, imp = lang.L("password.strength.3"), theme.ColorNameSuccess, widget.SuccessImportance
	default:
		text, colour, imp = lang.L("password.strength.4"), theme.ColorNameSuccess, widget.SuccessImportance
	}
	for i, r := range h.bars {
		c := theme.Color(theme.ColorNameInputBorder)
		if i <= h.level && h.level >= 0 {
			c = theme.Color(colour)
		}
		r.FillColor = c
		r.Refresh()
	}
	h.label.Importance = imp
	h.label.SetText(text)
}

// passwordRules explains the password rules in plain words.
func passwordRules() string { return lang.L("password.rules") }

// roleName is a role in plain words.
func roleName(r domain.Role) string {
	switch r {
	case domain.RoleAdmin:
		return lang.L("role.admin")
	case domain.RoleSupervisor:
		return lang.L("role.supervisor")
	case domain.RoleCaseworker:
		return lang.L("role.caseworker")
	}
	return string(r)
}

// checkNewPassword checks a new password and its confirmation the way
// casework will, and returns the messages for the two fields.
func checkNewPassword(password, confirm, username, officeName string) (pwMsg, confirmMsg string) {
	if password == "" {
		return lang.L("field.required"), ""
	}
	if err := casework.CheckPassword([]byte(password), username, officeName); err != nil {
		return errorText(err, time.Time{}), ""
	}
	if confirm != password {
		return "", lang.L("password.mismatch")
	}
	return "", ""
}

// passwordWiper is a Drafter for forms that hold only passwords: nothing is
// kept through a lock, and the fields are emptied before it.
type passwordWiper []*activityEntry

// Draft is part of Drafter: passwords are never kept.
func (w passwordWiper) Draft() map[string]string { return nil }

// RestoreDraft is part of Drafter.
func (w passwordWiper) RestoreDraft(map[string]string) {}

// ClearDraft is part of Drafter.
func (w passwordWiper) ClearDraft() {
	for _, e := range w {
		e.wipe()
	}
}

package ui

import (
	"context"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// auditLimit is how many entries the view lists at most.
const auditLimit = 1000

// auditActions are the actions offered in the filter, in a sensible order.
var auditActions = []domain.AuditAction{
	domain.AuditLogin, domain.AuditLoginFailed, domain.AuditLockout, domain.AuditLock, domain.AuditUnlock,
	domain.AuditLogout, domain.AuditRecovery, domain.AuditSetup,
	domain.AuditUserAdd, domain.AuditUserDisable, domain.AuditUserEnable, domain.AuditPasswordChange,
	domain.AuditPasswordReset, domain.AuditSettingsChange, domain.AuditIdentityExport, domain.AuditRecoveryReissued,
	domain.AuditCaseView, domain.AuditCaseCreate, domain.AuditCaseEdit, domain.AuditCaseClose, domain.AuditCaseReopen,
	domain.AuditConsentAdd, domain.AuditConsentWithdraw, domain.AuditNoteAdd, domain.AuditAttachmentAdd,
	domain.AuditAttachmentRead, domain.AuditAttachmentDelete, domain.AuditInterviewStart, domain.AuditInterviewEnd,
	domain.AuditScreeningSave, domain.AuditDocumentPrint, domain.AuditPartnerAdd, domain.AuditPartnerEdit,
	domain.AuditReferralCreate, domain.AuditReferralEdit, domain.AuditReferralState,
	domain.AuditTrust, domain.AuditTrustRevoke, domain.AuditExport, domain.AuditImport, domain.AuditConflictResolve,
}

// actionName is an audit action in plain words.
func actionName(a domain.AuditAction) string {
	switch a {
	case domain.AuditSetup:
		return lang.L("audit.action.setup")
	case domain.AuditLogin:
		return lang.L("audit.action.login")
	case domain.AuditLoginFailed:
		return lang.L("audit.action.loginFailed")
	case domain.AuditLockout:
		return lang.L("audit.action.lockout")
	case domain.AuditLock:
		return lang.L("audit.action.lock")
	case domain.AuditUnlock:
		return lang.L("audit.action.unlock")
	case domain.AuditLogout:
		return lang.L("audit.action.logout")
	case domain.AuditRecovery:
		return lang.L("audit.action.recovery")
	case domain.AuditUserAdd:
		return lang.L("audit.action.userAdd")
	case domain.AuditUserDisable:
		return lang.L("audit.action.userDisable")
	case domain.AuditUserEnable:
		return lang.L("audit.action.userEnable")
	case domain.AuditPasswordChange:
		return lang.L("audit.action.passwordChange")
	case domain.AuditPasswordReset:
		return lang.L("audit.action.passwordReset")
	case domain.AuditSettingsChange:
		return lang.L("audit.action.settingsChange")
	case domain.AuditIdentityExport:
		return lang.L("audit.action.identityExport")
	case domain.AuditRecoveryReissued:
		return lang.L("audit.action.recoveryReissued")
	case domain.AuditCaseView:
		return lang.L("audit.action.caseView")
	case domain.AuditCaseCreate:
		return lang.L("audit.action.caseCreate")
	case domain.AuditCaseEdit:
		return lang.L("audit.action.caseEdit")
	case domain.AuditDocumentPrint:
		return lang.L("audit.action.documentPrint")
	case domain.AuditExport:
		return lang.L("audit.action.export")
	case domain.AuditImport:
		return lang.L("audit.action.import")
	case domain.AuditConflictResolve:
		return lang.L("audit.action.conflictResolve")
	case domain.AuditCaseClose:
		return lang.L("audit.action.caseClose")
	case domain.AuditCaseReopen:
		return lang.L("audit.action.caseReopen")
	case domain.AuditConsentAdd:
		return lang.L("audit.action.consentAdd")
	case domain.AuditConsentWithdraw:
		return lang.L("audit.action.consentWithdraw")
	case domain.AuditNoteAdd:
		return lang.L("audit.action.noteAdd")
	case domain.AuditAttachmentAdd:
		return lang.L("audit.action.attachmentAdd")
	case domain.AuditAttachmentRead:
		return lang.L("audit.action.attachmentRead")
	case domain.AuditAttachmentDelete:
		return lang.L("audit.action.attachmentDelete")
	case domain.AuditInterviewStart:
		return lang.L("audit.action.interviewStart")
	case domain.AuditInterviewEnd:
		return lang.L("audit.action.interviewEnd")
	case domain.AuditScreeningSave:
		return lang.L("audit.action.screeningSave")
	case domain.AuditPartnerAdd:
		return lang.L("audit.action.partnerAdd")
	case domain.AuditPartnerEdit:
		return lang.L("audit.action.partnerEdit")
	case domain.AuditReferralCreate:
		return lang.L("audit.action.referralCreate")
	case domain.AuditReferralEdit:
		return lang.L("audit.action.referralEdit")
	case domain.AuditReferralState:
		return lang.L("audit.action.referralState")
	case domain.AuditTrust:
		return lang.L("audit.action.trust")
	case domain.AuditTrustRevoke:
		return lang.L("audit.action.trustRevoke")
	}
	return string(a)
}

// auditPanel is the read-only audit trail (admins and supervisors), newest
// first, with filters by user, action and dates.
type auditPanel struct {
	s       *Shell
	entries []domain.AuditEntry
	names   map[string]string // user id -> display name
	userIDs []string          // filter choices after "all users"

	user   *widget.Select
	action *widget.Select
	from   *datePicker
	to     *datePicker
	table  *widget.Table
	notice *widget.Label
}

func (s *Shell) auditView() fyne.CanvasObject {
	p := &auditPanel{s: s, names: map[string]string{}, notice: newMessage()}
	s.audit = p
	ctx := context.Background()
	// Entries about the office itself (setup, key changes) show its name.
	if o := s.sess.Office(); o.ID != "" {
		p.names[o.ID] = o.Name
	}
	// A supervisor may not list users: the names then come from the trail.
	if users, err := s.sess.Users(ctx); err == nil {
		for _, u := range users {
			p.names[u.ID] = u.Name
			p.userIDs = append(p.userIDs, u.ID)
		}
	}
	if all, err := s.sess.Audit(ctx, domain.AuditFilter{Limit: auditLimit}); err == nil {
		for _, e := range all {
			if e.UserID == "" {
				continue
			}
			if _, ok := p.names[e.UserID]; !ok {
				p.names[e.UserID] = e.Username
				p.userIDs = append(p.userIDs, e.UserID)
			}
		}
	}
	sort.SliceStable(p.userIDs, func(i, j int) bool { return p.names[p.userIDs[i]] < p.names[p.userIDs[j]] })

	userOptions := []string{lang.L("audit.filter.allUsers")}
	for _, id := range p.userIDs {
		userOptions = append(userOptions, p.names[id])
	}
	p.user = widget.NewSelect(userOptions, func(string) { p.reload() })
	p.user.SetSelectedIndex(0)
	actionOptions := []string{lang.L("audit.filter.allActions")}
	for _, a := range auditActions {
		actionOptions = append(actionOptions, actionName(a))
	}
	p.action = widget.NewSelect(actionOptions, func(string) { p.reload() })
	p.action.SetSelectedIndex(0)
	p.from = newDatePicker(s.w, lang.L("audit.filter.anyDate"), p.reload)
	p.to = newDatePicker(s.w, lang.L("audit.filter.anyDate"), p.reload)

	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.entries), 5 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(p.entries) {
				o.(*widget.Label).SetText(p.cell(p.entries[id.Row], id.Col))
			}
		})
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 {
			o.(*widget.Label).SetText(p.header(id.Col))
		}
	}
	em := theme.TextSize()
	for col, w := range []float32{12, 11, 17, 13, 26} {
		p.table.SetColumnWidth(col, em*w)
	}

	sized := func(o fyne.CanvasObject, ems float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(theme.TextSize()*ems, o.MinSize().Height), o)
	}
	filters := container.NewHBox(
		widget.NewLabel(lang.L("audit.filter.user")), sized(p.user, 13),
		widget.NewLabel(lang.L("audit.filter.action")), sized(p.action, 15),
		widget.NewLabel(lang.L("audit.filter.from")), p.from.box,
		widget.NewLabel(lang.L("audit.filter.to")), p.to.box,
		layout.NewSpacer(),
	)
	p.reload()
	top := container.NewVBox(wrapped(lang.L("audit.help")), container.NewHScroll(filters), p.notice)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.table))
}

func (p *auditPanel) header(col int) string {
	switch col {
	case 0:
		return lang.L("audit.col.time")
	case 1:
		return lang.L("audit.col.user")
	case 2:
		return lang.L("audit.col.action")
	case 3:
		return lang.L("audit.col.record")
	}
	return lang.L("audit.col.detail")
}

func (p *auditPanel) cell(e domain.AuditEntry, col int) string {
	switch col {
	case 0:
		return i18n.FormatDateTime(e.At.Local(), Language())
	case 1:
		if n := p.names[e.UserID]; n != "" {
			return n
		}
		if e.Username != "" {
			return e.Username
		}
		return "—"
	case 2:
		return actionName(e.Action)
	case 3:
		if n := p.names[e.RecordID]; n != "" {
			return n // a user the entry is about
		}
		return e.RecordID
	}
	return auditDetail(e.Detail, func(id string) string {
		if g := p.s.deps.guides().Get(id); g != nil {
			return guideTitle(g)
		}
		return id
	})
}

// filter is what the filter widgets say.
func (p *auditPanel) filter() domain.AuditFilter {
	f := domain.AuditFilter{Limit: auditLimit}
	if i := p.user.SelectedIndex(); i > 0 {
		f.UserID = p.userIDs[i-1]
	}
	if i := p.action.SelectedIndex(); i > 0 {
		f.Action = auditActions[i-1]
	}
	if d, ok := p.from.date(); ok {
		f.From = d
	}
	if d, ok := p.to.date(); ok {
		f.To = d.AddDate(0, 0, 1) // the whole of the last day
	}
	return f
}

// reload lists the entries that match the filters, newest first.
func (p *auditPanel) reload() {
	if p.table == nil {
		return // still building
	}
	p.s.app.touch()
	f := p.filter()
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		p.entries = nil
		showMessage(p.notice, lang.L("audit.filter.badRange"), widget.WarningImportance)
		p.table.Refresh()
		return
	}
	entries, err := p.s.sess.Audit(context.Background(), f)
	if err != nil {
		p.entries = nil
		showMessage(p.notice, errorText(err, p.s.deps.now()), widget.DangerImportance)
		p.table.Refresh()
		return
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].At.Equal(entries[j].At) {
			return entries[i].At.After(entries[j].At)
		}
		return entries[i].Seq > entries[j].Seq
	})
	p.entries = entries
	switch {
	case len(entries) == 0:
		showMessage(p.notice, lang.L("audit.empty"), widget.MediumImportance)
	case len(entries) >= auditLimit:
		showMessage(p.notice, lang.L("audit.limited", map[string]any{"Count": i18n.FormatNumber(auditLimit, Language())}), widget.MediumImportance)
	default:
		showMessage(p.notice, "", widget.MediumImportance)
	}
	p.table.ScrollToTop()
	p.table.Refresh()
}

// datePicker is a button showing a day (in the user's language) that
// opens a calendar, with a button to clear it.
type datePicker struct {
	w        fyne.Window
	day      *time.Time
	empty    string
	button   *widget.Button
	clear    *widget.Button
	box      *fyne.Container
	onChange func()
	popup    *widget.PopUp
}

func newDatePicker(w fyne.Window, empty string, onChange func()) *datePicker {
	d := &datePicker{w: w, empty: empty, onChange: onChange}
	d.button = widget.NewButtonWithIcon(empty, theme.CalendarIcon(), d.open)
	d.clear = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { d.set(nil) })
	d.clear.Importance = widget.LowImportance
	d.clear.Hide()
	d.box = container.NewHBox(d.button, d.clear)
	return d
}

func (d *datePicker) open() {
	start := time.Now()
	if d.day != nil {
		start = *d.day
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		if d.popup != nil {
			d.popup.Hide()
		}
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
		d.set(&day)
	})
	d.popup = widget.NewPopUp(cal, d.w.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.button)
	d.popup.ShowAtPosition(pos.AddXY(0, d.button.Size().Height))
}

// set chooses a day, or none.
func (d *datePicker) set(day *time.Time) {
	d.day = day
	if day == nil {
		d.button.SetText(d.empty)
		d.clear.Hide()
	} else {
		d.button.SetText(i18n.FormatDate(*day, Language()))
		d.clear.Show()
	}
	if d.onChange != nil {
		d.onChange()
	}
}

func (d *datePicker) date() (time.Time, bool) {
	if d.day == nil {
		return time.Time{}, false
	}
	return *d.day, true
}

package ui

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// historyFieldName is a changed field in plain words: the path casework
// gives ("person.firstName", "followUps[2].done") turned into the field's
// name, with the item's number for lists; a path it does not know is
// shown as it is.
func historyFieldName(path string) string {
	base, number := historyPathBase(path)
	name := historyFieldLabel(base)
	if name == "" {
		// A part of a known group: "child.bia.priority" is a change of the
		// Best Interests Assessment, "services[1].date" of a service given.
		if i := strings.LastIndexByte(base, '.'); i > 0 {
			name = historyFieldLabel(base[:i])
		}
	}
	if name == "" {
		return path
	}
	if number > 0 {
		return lang.L("casetabs.history.item", map[string]any{"Field": name, "Number": strconv.Itoa(number)})
	}
	return name
}

var historyIndex = regexp.MustCompile(`\[(\d+)\]`)

// historyPathBase takes the list indexes out of a path, and returns the
// first one counted from 1 (0 when there is none).
func historyPathBase(path string) (string, int) {
	number := 0
	if m := historyIndex.FindStringSubmatch(path); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			number = n + 1
		}
	}
	return historyIndex.ReplaceAllString(path, ""), number
}

// historyFieldLabel names the fields of a case as the case file's form
// does (its case.* labels), or returns "" for a path it does not know.
func historyFieldLabel(base string) string {
	switch base {
	case "status":
		return lang.L("casetabs.field.status")
	case "stage":
		return lang.L("case.stage")
	case "priority":
		return lang.L("case.priority")
	case "assignedTo":
		return lang.L("casetabs.field.assignedTo")
	case "openedOn":
		return lang.L("casetabs.field.openedOn")
	case "person.firstName":
		return lang.L("case.person.firstName")
	case "person.middleName":
		return lang.L("case.person.middleName")
	case "person.lastName":
		return lang.L("case.person.lastName")
	case "person.aliases":
		return lang.L("case.person.aliases")
	case "person.gender":
		return lang.L("case.person.gender")
	case "person.birthDate":
		return lang.L("case.person.birthDate")
	case "person.ageEstimate":
		return lang.L("case.person.ageEstimate")
	case "person.ageEstimateBy":
		return lang.L("case.person.ageEstimateBy")
	case "person.ageUncertain":
		return lang.L("case.person.ageUncertain")
	case "person.mayBeChild":
		return lang.L("case.person.mayBeChild")
	case "person.citizenship":
		return lang.L("case.person.citizenship")
	case "person.languages":
		return lang.L("case.person.languages")
	case "person.education":
		return lang.L("case.person.education")
	case "person.maritalStatus":
		return lang.L("case.person.maritalStatus")
	case "person.children":
		return lang.L("case.person.children")
	case "person.disability":
		return lang.L("case.person.disability")
	case "person.contactConsent":
		return lang.L("case.person.contactConsent")
	case "person.phone":
		return lang.L("case.person.phone")
	case "person.email":
		return lang.L("case.person.email")
	case "person.address":
		return lang.L("case.person.address")
	case "person.documents":
		return lang.L("case.person.documents")
	case "child.guardian.name":
		return lang.L("case.child.guardian.name")
	case "child.guardian.relation":
		return lang.L("case.child.guardian.relation")
	case "child.guardian.contact":
		return lang.L("case.child.guardian.contact")
	case "child.guardian.appointedBy":
		return lang.L("case.child.guardian.appointedBy")
	case "child.guardian.appointedOn":
		return lang.L("case.child.guardian.appointedOn")
	case "child.unaccompanied":
		return lang.L("case.child.unaccompanied")
	case "child.separated":
		return lang.L("case.child.separated")
	case "child.bia":
		return lang.L("case.bia.title")
	case "trafficking.status":
		return lang.L("case.trafficking.status")
	case "trafficking.decidedBy":
		return lang.L("case.trafficking.decidedBy")
	case "trafficking.relationship":
		return lang.L("case.trafficking.relationship")
	case "trafficking.recruitment":
		return lang.L("case.trafficking.recruitment")
	case "trafficking.control":
		return lang.L("case.trafficking.control")
	case "trafficking.exploitation":
		return lang.L("case.trafficking.exploitation")
	case "trafficking.labourSector":
		return lang.L("case.trafficking.labourSector")
	case "trafficking.sexExploitation":
		return lang.L("case.trafficking.sexExploitation")
	case "trafficking.vulnerabilities":
		return lang.L("casetabs.field.vulnerabilities")
	case "trafficking.narrative":
		return lang.L("casetabs.field.narrative")
	case "events":
		return lang.L("case.trafficking.events")
	case "perpetrators":
		return lang.L("casetabs.field.perpetrators")
	case "plan":
		return lang.L("case.plan.title")
	case "plan.objectives":
		return lang.L("case.plan.objectives")
	case "plan.actions":
		return lang.L("case.plan.actions")
	case "plan.plannedEnd":
		return lang.L("case.plan.plannedEnd")
	case "plan.actualEnd":
		return lang.L("case.plan.actualEnd")
	case "followUps":
		return lang.L("casetabs.field.followUp")
	case "followUps.due":
		return lang.L("casetabs.field.followUpDue")
	case "followUps.done":
		return lang.L("casetabs.field.followUpDone")
	case "services":
		return lang.L("casetabs.field.services")
	case "closure":
		return lang.L("casetabs.field.closure")
	case "closure.reason":
		return lang.L("casetabs.field.closureReason")
	}
	return ""
}

// historyValue writes a recorded value in plain words where the field's
// values are known (statuses, stages, priorities, days, yes and no).
func historyValue(base, v string) string {
	if v == "" {
		return "—"
	}
	switch base {
	case "status":
		return caseListStatus(domain.CaseStatus(v))
	case "stage":
		return caseListStage(domain.Stage(v))
	case "priority":
		return caseListPriority(domain.Priority(v))
	}
	switch v {
	case "true":
		return lang.L("Yes")
	case "false":
		return lang.L("No")
	}
	if len(v) == len(time.DateOnly) {
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			return caseListDay(v)
		}
	}
	return v
}

// historyPanel is the History tab: every change, newest first, with who
// made it, the field in plain words and the value before and after.
type historyPanel struct {
	widget.BaseWidget
	s       *Shell
	content fyne.CanvasObject

	changes []casework.Change
	table   *widget.Table
	notice  *widget.Label
}

// historyColEms are the column widths in text sizes; the values before
// and after share the room left, at least historyValueEms each.
var historyColEms = []float32{11, 11, 17}

const historyValueEms = 12

func newHistoryPanel(s *Shell, svc CaseService, caseID string) *historyPanel {
	p := &historyPanel{s: s, notice: newMessage()}
	p.ExtendBaseWidget(p)
	changes, err := svc.History(context.Background(), caseID)
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, s.deps.now()), widget.DangerImportance)
	}
	// casework gives the oldest first; the newest matter most.
	for i := len(changes) - 1; i >= 0; i-- {
		p.changes = append(p.changes, changes[i])
	}

	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.changes), 5 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= 0 && id.Row < len(p.changes) {
				o.(*widget.Label).SetText(p.cell(p.changes[id.Row], id.Col))
			}
		})
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 {
			o.(*widget.Label).SetText(historyHeader(id.Col))
		}
	}
	for col, w := range historyColEms {
		p.table.SetColumnWidth(col, theme.TextSize()*w)
	}
	p.table.SetColumnWidth(3, theme.TextSize()*historyValueEms)
	p.table.SetColumnWidth(4, theme.TextSize()*historyValueEms)
	// A value too long for its cell (an account, a note) is read whole in
	// a dialog.
	p.table.OnSelected = func(id widget.TableCellID) {
		p.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(p.changes) {
			p.showChange(p.changes[id.Row])
		}
	}

	var body fyne.CanvasObject = container.New(&historyTableLayout{table: p.table}, p.table)
	if len(p.changes) == 0 && err == nil {
		empty := wrapped(lang.L("casetabs.history.empty"))
		empty.Importance = widget.LowImportance
		body = container.NewVBox(empty)
	}
	help := wrapped(lang.L("casetabs.history.help"))
	help.Importance = widget.LowImportance
	p.content = container.NewBorder(container.NewVBox(help, p.notice), nil, nil, nil, body)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *historyPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

func historyHeader(col int) string {
	switch col {
	case 0:
		return lang.L("casetabs.history.col.when")
	case 1:
		return lang.L("casetabs.history.col.who")
	case 2:
		return lang.L("casetabs.history.col.field")
	case 3:
		return lang.L("casetabs.history.col.before")
	}
	return lang.L("casetabs.history.col.after")
}

func (p *historyPanel) cell(c casework.Change, col int) string {
	base, _ := historyPathBase(c.Field)
	switch col {
	case 0:
		return i18n.FormatDateTime(c.At.Local(), Language())
	case 1:
		if c.UserName != "" {
			return c.UserName
		}
		return caseTabsUserName(nil, c.UserID)
	case 2:
		return historyFieldName(c.Field)
	case 3:
		return historyOneLine(historyValue(base, c.Old))
	}
	return historyOneLine(historyValue(base, c.New))
}

// historyOneLine keeps a value on one line of a table cell.
func historyOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// showChange shows one change with its values in full.
func (p *historyPanel) showChange(c casework.Change) {
	p.s.app.touch()
	base, _ := historyPathBase(c.Field)
	value := func(label, v string) fyne.CanvasObject {
		l := wrapped(historyValue(base, v))
		l.Selectable = true
		return container.NewVBox(caseTabsHeading(label), l)
	}
	content := container.NewVBox(
		wrapped(lang.L("casetabs.history.changeBy", map[string]any{
			"User": p.cell(c, 1), "Date": p.cell(c, 0)})),
		value(lang.L("casetabs.history.col.before"), c.Old),
		value(lang.L("casetabs.history.col.after"), c.New))
	p.s.showTextDialog(historyFieldName(c.Field), content, 36)
}

// historyTableLayout gives the table all its space, and the values before
// and after an equal share of the width the other columns leave.
type historyTableLayout struct {
	table *widget.Table
	value float32
}

func (l *historyTableLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var fixed float32
	for _, w := range historyColEms {
		fixed += theme.TextSize() * w
	}
	free := size.Width - fixed - theme.Padding()*5 - theme.ScrollBarSize()
	value := fyne.Max(theme.TextSize()*historyValueEms, free/2)
	if value != l.value {
		l.value = value
		l.table.SetColumnWidth(3, value)
		l.table.SetColumnWidth(4, value)
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *historyTableLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}

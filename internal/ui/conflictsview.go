package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/color"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// conflictsView is the Conflicts tab: the conflicts imports left open, and
// the side-by-side review of one. A conflict the case file's banner asked
// for (s.pendingConflict) opens at once.
func (s *Shell) conflictsView(svc ConflictService) fyne.CanvasObject {
	p := newConflictsPanel(s, svc)
	if id := s.pendingConflict; id != "" {
		s.pendingConflict = ""
		p.open(id)
	}
	return p
}

// conflictsPanel shows either the list of open conflicts or the review of
// one of them.
type conflictsPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     ConflictService
	content *fyne.Container // the list or the review

	offices map[string]string // office id -> name, for "Theirs (name)"
	items   []casework.ConflictItem
	notice  *widget.Label // over the list: what the last review did, or why the list is missing
	list    *fyne.Container
	count   *widget.Label
	empty   fyne.CanvasObject
	reviews map[string]*widget.Button // conflict id -> Review…

	// The conflict under review, nil on the list.
	review *conflictReview
}

// conflictReview is one conflict side by side, with a choice per field.
type conflictReview struct {
	view    casework.ConflictView
	keep    map[string]casework.Side
	choices map[string]*conflictChoice // by path
	save    *widget.Button
	back    *widget.Button
	msg     *widget.Label
	scroll  *container.Scroll
}

// conflictChoice is the pair of columns of one field: tapping a column's
// button keeps that side.
type conflictChoice struct {
	ours, theirs     *widget.Button
	oursBg, theirsBg *canvas.Rectangle
}

func newConflictsPanel(s *Shell, svc ConflictService) *conflictsPanel {
	p := &conflictsPanel{s: s, svc: svc, content: container.NewStack(), notice: newMessage(),
		list: container.NewVBox(), offices: map[string]string{}}
	p.ExtendBaseWidget(p)
	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.empty = newEmptyState(theme.ConfirmIcon(), lang.L("conflicts.empty.title"), lang.L("conflicts.empty.body"))
	if o := s.sess.Office(); o.ID != "" {
		p.offices[o.ID] = o.Name
	}
	if es := s.exchange(); es != nil {
		if pins, err := es.PinnedOffices(context.Background()); err == nil {
			for _, pin := range pins {
				p.offices[pin.Card.OfficeID] = pin.Card.Name
			}
		} else {
			fyne.LogError("list the trusted offices for the conflicts", err)
		}
	}
	p.showList()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *conflictsPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// officeName is an office's name as this office trusts it.
func (p *conflictsPanel) officeName(id string) string {
	if n := p.offices[id]; n != "" {
		return n
	}
	return lang.L("conflicts.office.unknown")
}

// showList reads the open conflicts again and shows them.
func (p *conflictsPanel) showList() {
	p.review = nil
	p.reviews = map[string]*widget.Button{}
	items, err := p.svc.Conflicts(context.Background())
	if err != nil {
		p.items = nil
		showMessage(p.notice, errorText(err, p.s.deps.now()), widget.DangerImportance)
	} else {
		p.items = items
	}
	n := len(p.items)
	args := map[string]any{"Count": caseListNumber(n)}
	if i18n.PluralCategory(Language(), int64(n)) == "one" {
		p.count.SetText(lang.L("conflicts.list.count.one", args))
	} else {
		p.count.SetText(lang.L("conflicts.list.count.other", args))
	}
	var rows []fyne.CanvasObject
	for i, it := range p.items {
		if i > 0 {
			rows = append(rows, widget.NewSeparator())
		}
		rows = append(rows, p.row(it))
	}
	p.list.Objects = rows
	p.list.Refresh()

	intro := wrapped(lang.L("conflicts.intro"))
	var body fyne.CanvasObject
	if n == 0 && err == nil {
		body = container.NewBorder(container.New(&columnLayout{maxEms: 62}, intro, p.notice), nil, nil, nil, p.empty)
	} else {
		column := container.New(&columnLayout{maxEms: 62}, intro, p.notice, p.count, widget.NewSeparator(), p.list)
		body = container.NewVScroll(container.NewPadded(column))
	}
	p.content.Objects = []fyne.CanvasObject{body}
	p.content.Refresh()
}

// row is one open conflict in the list: the case and the record, the
// fields, the other office and the day, with Review….
func (p *conflictsPanel) row(it casework.ConflictItem) fyne.CanvasObject {
	title := conflictTitle(it)
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	labels := make([]string, 0, len(it.Fields))
	for _, f := range it.Fields {
		labels = append(labels, conflictFieldLabel(it.Kind, f))
	}
	fields := wrapped(lang.L("conflicts.list.fields", map[string]any{"List": strings.Join(labels, ", ")}))
	from := wrapped(lang.L("conflicts.list.from", map[string]any{"Office": p.officeName(it.Theirs), "Date": caseListDate(it.At)}))
	from.Importance = widget.LowImportance
	id := it.ID
	review := widget.NewButtonWithIcon(lang.L("conflicts.list.review"), theme.VisibilityIcon(), func() {
		p.s.app.touch()
		p.open(id)
	})
	review.Importance = widget.HighImportance
	p.reviews[id] = review
	return container.NewBorder(nil, nil, nil, container.NewVBox(review),
		container.New(&columnLayout{maxEms: 60}, head, fields, from))
}

// open shows conflict id side by side; if it cannot be read, the list
// says why.
func (p *conflictsPanel) open(id string) {
	v, err := p.svc.Conflict(context.Background(), id)
	if err == nil && !slices.ContainsFunc(p.items, func(it casework.ConflictItem) bool { return it.ID == id }) {
		// Resolved since the list was read (a banner drawn before).
		err = casework.ErrConflictResolved
	}
	if err != nil {
		p.showList()
		imp := widget.DangerImportance
		if errors.Is(err, casework.ErrConflictResolved) {
			imp = widget.WarningImportance
		}
		showMessage(p.notice, conflictErrorText(err, p.s.deps.now()), imp)
		return
	}
	showMessage(p.notice, "", widget.MediumImportance)
	r := &conflictReview{view: v, keep: map[string]casework.Side{}, choices: map[string]*conflictChoice{}, msg: newMessage()}
	p.review = r

	r.back = widget.NewButtonWithIcon(lang.L("conflicts.review.back"), theme.NavigateBackIcon(), func() {
		p.s.app.touch()
		p.showList()
	})
	r.back.Importance = widget.LowImportance
	title := conflictTitle(v.ConflictItem)
	theirs := p.officeName(v.TheirOffice)
	objects := []fyne.CanvasObject{
		subheading(title),
		wrapped(lang.L("conflicts.review.intro", map[string]any{"Office": theirs, "Date": caseListDate(v.At)})),
	}
	for _, f := range v.Fields {
		objects = append(objects, widget.NewSeparator(), p.fieldView(r, f, theirs))
	}
	r.save = widget.NewButtonWithIcon(lang.L("conflicts.review.save"), theme.DocumentSaveIcon(), p.saveReview)
	r.save.Importance = widget.HighImportance
	hint := wrapped(lang.L("conflicts.review.hint"))
	hint.Importance = widget.LowImportance
	objects = append(objects, widget.NewSeparator(), hint, container.NewHBox(r.save), r.msg)

	column := container.New(&columnLayout{maxEms: 62}, objects...)
	top := container.NewVBox(container.NewHBox(r.back), widget.NewSeparator())
	r.scroll = container.NewVScroll(container.NewPadded(column))
	p.content.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, r.scroll)}
	p.content.Refresh()
}

// fieldView is one field in conflict: its name, then ours and theirs side
// by side, each with its button, the value shown now marked.
func (p *conflictsPanel) fieldView(r *conflictReview, f casework.ConflictField, theirOffice string) fyne.CanvasObject {
	kind := r.view.Kind
	name := widget.NewLabelWithStyle(conflictFieldLabel(kind, f.Path), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	shownMine, shownTheirs := sameJSON(f.Provisional, f.Mine), sameJSON(f.Provisional, f.Theirs)
	ch := &conflictChoice{}
	path := f.Path
	column := func(heading string, raw json.RawMessage, shown bool, keep string, side casework.Side) (fyne.CanvasObject, *widget.Button, *canvas.Rectangle) {
		h := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h.Wrapping = fyne.TextWrapWord
		var headRow fyne.CanvasObject = h
		if shown {
			headRow = container.NewBorder(nil, nil, nil, badge(lang.L("conflicts.review.shownNow"), theme.ColorNamePrimary), h)
		}
		value := wrapped(p.valueText(kind, path, raw))
		if len(raw) == 0 {
			value.Importance = widget.LowImportance
			value.TextStyle = fyne.TextStyle{Italic: true}
		}
		b := widget.NewButtonWithIcon(keep, theme.RadioButtonIcon(), func() {
			p.s.app.touch()
			p.choose(r, path, side)
		})
		bg := canvas.NewRectangle(color.Transparent)
		bg.CornerRadius = theme.InputRadiusSize()
		box := container.NewStack(bg, container.NewPadded(
			container.NewBorder(headRow, container.NewHBox(b), nil, nil, value)))
		return box, b, bg
	}
	oursBox, ours, oursBg := column(lang.L("conflicts.review.ours"), f.Mine, shownMine, lang.L("conflicts.review.keepOurs"), casework.KeepMine)
	theirsBox, theirsB, theirsBg := column(lang.L("conflicts.review.theirs", map[string]any{"Office": theirOffice}),
		f.Theirs, shownTheirs, lang.L("conflicts.review.keepTheirs"), casework.KeepTheirs)
	ch.ours, ch.theirs, ch.oursBg, ch.theirsBg = ours, theirsB, oursBg, theirsBg
	r.choices[path] = ch
	p.paint(ch, "")

	objects := []fyne.CanvasObject{name, fieldRow(oursBox, theirsBox)}
	if !shownMine && !shownTheirs {
		now := wrapped(lang.L("conflicts.review.shownNowValue", map[string]any{"Value": p.valueText(kind, path, f.Provisional)}))
		now.Importance = widget.LowImportance
		objects = append(objects, now)
	}
	return container.New(&columnLayout{maxEms: 62}, objects...)
}

// choose keeps side for the field at path.
func (p *conflictsPanel) choose(r *conflictReview, path string, side casework.Side) {
	r.keep[path] = side
	p.paint(r.choices[path], side)
	showMessage(r.msg, "", widget.MediumImportance)
}

// paint shows which side of a field is kept: the chosen column framed,
// its button checked.
func (p *conflictsPanel) paint(ch *conflictChoice, side casework.Side) {
	set := func(b *widget.Button, bg *canvas.Rectangle, on bool) {
		line := theme.Color(theme.ColorNameSeparator)
		fill := color.Color(color.Transparent)
		b.Importance = widget.MediumImportance
		b.Icon = theme.RadioButtonIcon()
		bg.StrokeWidth = 1
		if on {
			c := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
			c.A = 0x1a
			line, fill = theme.Color(theme.ColorNamePrimary), c
			b.Importance = widget.HighImportance
			b.Icon = theme.RadioButtonCheckedIcon()
			bg.StrokeWidth = 2
		}
		bg.StrokeColor, bg.FillColor = line, fill
		bg.Refresh()
		b.Refresh()
	}
	set(ch.ours, ch.oursBg, side == casework.KeepMine)
	set(ch.theirs, ch.theirsBg, side == casework.KeepTheirs)
}

// saveReview resolves the conflict under review with the sides chosen;
// every field needs a choice first.
func (p *conflictsPanel) saveReview() {
	p.s.app.touch()
	r := p.review
	if r == nil {
		return
	}
	var missing []string
	for _, f := range r.view.Fields {
		if _, ok := r.keep[f.Path]; !ok {
			missing = append(missing, conflictFieldLabel(r.view.Kind, f.Path))
		}
	}
	if len(missing) > 0 {
		showMessage(r.msg, lang.L("conflicts.review.chooseAll", map[string]any{"List": strings.Join(missing, ", ")}), widget.DangerImportance)
		scrollTo(r.scroll, r.msg)
		return
	}
	err := p.svc.ResolveConflict(context.Background(), r.view.ID, r.keep)
	switch {
	case err == nil:
		p.showList()
		showMessage(p.notice, lang.L("conflicts.saved"), widget.SuccessImportance)
	case errors.Is(err, casework.ErrConflictResolved):
		p.showList()
		showMessage(p.notice, conflictErrorText(err, p.s.deps.now()), widget.WarningImportance)
	default:
		showMessage(r.msg, conflictErrorText(err, p.s.deps.now()), widget.DangerImportance)
		scrollTo(r.scroll, r.msg)
	}
}

// conflictErrorText says in plain words why a conflict could not be read
// or resolved.
func conflictErrorText(err error, now time.Time) string {
	switch {
	case errors.Is(err, casework.ErrConflictResolved):
		return lang.L("conflicts.error.resolved")
	case errors.Is(err, casework.ErrNotFound):
		return lang.L("conflicts.error.notFound")
	}
	return caseTabsErrorText(err, now)
}

// sameJSON reports whether two JSON values are equal, whatever their
// spacing or key order.
func sameJSON(a, b json.RawMessage) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return bytes.Equal(a, b)
	}
	ja, _ := json.Marshal(va)
	jb, _ := json.Marshal(vb)
	return bytes.Equal(ja, jb)
}

// conflictTitle names what a conflict is about: the case's code and the
// kind of record.
func conflictTitle(it casework.ConflictItem) string {
	return strings.Join(nonEmpty(it.CaseCode, conflictKindName(it.Kind)), " · ")
}

// conflictKindName is a kind of record in words.
func conflictKindName(kind string) string {
	switch kind {
	case "case":
		return lang.L("conflicts.kind.case")
	case "consent":
		return lang.L("conflicts.kind.consent")
	case "referral":
		return lang.L("conflicts.kind.referral")
	case "note":
		return lang.L("conflicts.kind.note")
	case "interview":
		return lang.L("conflicts.kind.interview")
	case "partner":
		return lang.L("conflicts.kind.partner")
	case "attachment", "attachment-data":
		return lang.L("conflicts.kind.attachment")
	}
	return readableName(kind)
}

// conflictFieldLabel names a field in conflict as the case file and the
// forms label it, else by its last word made readable ("withdrawnOn":
// "Withdrawn on"), never as a raw path.
func conflictFieldLabel(kind, path string) string {
	if list, field, ok := listItemPath(path); ok {
		// An item of a list (a follow-up): the list's name, and the
		// item's field when the conflict is on one.
		l := conflictFieldLabel(kind, list)
		if field != "" {
			l += " · " + itemFieldLabel(field)
		}
		return l
	}
	var l string
	switch kind {
	case "case":
		l = caseConflictLabel(path)
	case "consent":
		l = consentConflictLabel(path)
	case "referral":
		l = referralConflictLabel(path)
	case "partner":
		l = partnerConflictLabel(path)
	}
	if l != "" {
		return l
	}
	return readableName(path[strings.LastIndex(path, ".")+1:])
}

// listItemPath splits "followUps[id].due" into the list ("followUps") and
// the item's field ("due", "" for the whole item).
func listItemPath(path string) (list, field string, ok bool) {
	open := strings.IndexByte(path, '[')
	end := strings.IndexByte(path, ']')
	if open <= 0 || end < open {
		return "", "", false
	}
	return path[:open], strings.TrimPrefix(path[end+1:], "."), true
}

// itemFieldLabel names a field of a list item (a follow-up's).
func itemFieldLabel(field string) string {
	switch field {
	case "due":
		return lang.L("casefile.followUp.due")
	case "notes":
		return lang.L("casefile.followUp.notes")
	case "done":
		return lang.L("conflicts.field.followUpDone")
	}
	return readableName(field)
}

// caseConflictLabel names a field of a case as the case file does (the
// labels its History tab uses), "" for one it does not know.
func caseConflictLabel(path string) string {
	switch path {
	case "child.bia.priority":
		return lang.L("case.bia.priority")
	case "child.bia.recommendations":
		return lang.L("case.bia.recommendations")
	case "child.bia.assessedOn":
		return lang.L("case.bia.assessedOn")
	case "child.bia.assessedBy":
		return lang.L("case.bia.assessedBy")
	case "child.bia.notes":
		return lang.L("case.bia.notes")
	case "plan.types":
		return lang.L("case.plan.types")
	case "services":
		return lang.L("casefile.services")
	case "followUps":
		return lang.L("casefile.followUps")
	case "closure.closedOn":
		return lang.L("casefile.close.date")
	case "closure.note":
		return lang.L("conflicts.field.closureNote")
	}
	if l := historyFieldLabel(path); l != "" {
		return l
	}
	if l := caseFieldName(path); l != path {
		return l
	}
	return ""
}

func consentConflictLabel(path string) string {
	switch path {
	case "purpose":
		return lang.L("casetabs.consent.purpose")
	case "partnerId":
		return lang.L("casetabs.consent.partner")
	case "services":
		return lang.L("casetabs.consent.servicesField")
	case "shares":
		return lang.L("casetabs.consent.sharesField")
	case "givenBy":
		return lang.L("casetabs.consent.givenBy")
	case "giverName":
		return lang.L("casetabs.consent.giverName")
	case "method":
		return lang.L("casetabs.consent.method")
	case "givenOn":
		return lang.L("casetabs.consent.date")
	case "withdrawnOn":
		return lang.L("conflicts.field.withdrawnOn")
	case "withdrawnReason":
		return lang.L("casetabs.consent.withdraw.reason")
	}
	return ""
}

func referralConflictLabel(path string) string {
	switch path {
	case "partnerId":
		return lang.L("referrals.form.partner")
	case "services":
		return lang.L("referrals.form.services")
	case "given":
		return lang.L("referrals.form.given")
	case "priority":
		return lang.L("referrals.form.priority")
	case "reason":
		return lang.L("referrals.form.reason")
	case "shares":
		return lang.L("referrals.form.shares")
	case "language":
		return lang.L("referrals.form.language")
	case "guardianInformed":
		return lang.L("referrals.form.informed")
	case "guardianNotInformed":
		return lang.L("referrals.form.notInformed")
	case "state":
		return lang.L("referrals.list.col.state")
	case "due":
		return lang.L("referrals.list.col.due")
	}
	return ""
}

func partnerConflictLabel(path string) string {
	switch path {
	case "name":
		return lang.L("partners.field.name")
	case "type":
		return lang.L("partners.field.type")
	case "services":
		return lang.L("partners.field.services")
	case "languages":
		return lang.L("partners.field.languages")
	case "country":
		return lang.L("partners.field.country")
	case "address":
		return lang.L("partners.field.address")
	case "contact":
		return lang.L("partners.field.contact")
	case "phone":
		return lang.L("partners.field.phone")
	case "email":
		return lang.L("partners.field.email")
	case "hours":
		return lang.L("partners.field.hours")
	case "notes":
		return lang.L("partners.field.notes")
	case "card":
		return lang.L("partners.field.card")
	case "inactive":
		return lang.L("partners.inactive")
	}
	return ""
}

// readableName makes a word of a path readable: "withdrawnOn" and
// "attachment-data" become "Withdrawn on" and "Attachment data".
func readableName(word string) string {
	var b strings.Builder
	prev := ' '
	for _, r := range word {
		switch {
		case r == '-' || r == '_' || r == '.':
			r = ' '
		case unicode.IsUpper(r):
			if unicode.IsLower(prev) || unicode.IsDigit(prev) {
				b.WriteRune(' ')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
		prev = r
	}
	rs := []rune(strings.Join(strings.Fields(b.String()), " "))
	if len(rs) == 0 {
		return "—"
	}
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// valueText writes one side of a field for reading: choices by their
// labels, days in the window's language, lists joined with commas, yes
// or no for a tick, "(empty)" for no value.
func (p *conflictsPanel) valueText(kind, path string, raw json.RawMessage) string {
	if len(raw) == 0 {
		return lang.L("conflicts.value.empty")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return string(raw)
	}
	if list, field, ok := listItemPath(path); ok {
		switch {
		case field == "":
			// A whole item: worded as its list would be.
			return p.valueText(kind, list, json.RawMessage("["+string(raw)+"]"))
		case field == "due" || field == "done":
			if d, ok := v.(string); ok {
				return dayLabel(d)
			}
		}
	}
	if s, ok := p.knownValue(kind, path, raw, v); ok {
		if strings.TrimSpace(s) == "" {
			return lang.L("conflicts.value.empty")
		}
		return s
	}
	s := readableValue(v)
	if strings.TrimSpace(s) == "" {
		return lang.L("conflicts.value.empty")
	}
	return s
}

// knownValue writes the values the screens know how to word.
func (p *conflictsPanel) knownValue(kind, path string, raw json.RawMessage, v any) (string, bool) {
	list, isList := stringsOfJSON(v)
	first := ""
	if len(list) > 0 {
		first = list[0]
	}
	labels := func(opts []option) (string, bool) { return labelsOf(opts, list), isList }
	switch kind {
	case "case":
		switch path {
		case "person.ageEstimateBy":
			return labels(ageMethodOptions())
		case "person.citizenship":
			return countriesText(list), isList
		case "person.languages":
			return languagesText(list), isList
		case "child.bia.priority":
			return labels(biaPriorityOptions())
		case "child.bia.recommendations":
			return labels(biaRecommendationOptions())
		case "trafficking.status":
			return labels(traffickingStatusOptions())
		case "trafficking.decidedBy":
			return labels(decidedByOptions())
		case "trafficking.sexExploitation":
			return labels(sexExploitationOptions())
		case "trafficking.recruitmentApps", "trafficking.exploitationApps":
			return labels(appOptions())
		case "plan.types":
			return labels(planTypeOptions())
		case "status":
			return labels(statusOptions())
		case "priority":
			return labels(priorityOptions())
		case "stage":
			return stageLabel(domain.Stage(first)), isList
		case "closure.reason":
			return labels(closureReasonOptions())
		case "assignedTo":
			return p.s.workerName(first), isList
		case "person.birthDate", "openedOn", "plan.plannedEnd", "plan.actualEnd", "child.guardian.appointedOn",
			"child.bia.assessedOn", "closure.closedOn", "closure.reopenedOn":
			return dayLabel(first), isList
		case "events":
			var events []domain.TraffickingEvent
			if json.Unmarshal(raw, &events) != nil {
				return "", false
			}
			return eventsText(events), true
		case "perpetrators":
			var pp []domain.Perpetrator
			if json.Unmarshal(raw, &pp) != nil {
				return "", false
			}
			var lines []string
			for _, x := range pp {
				lines = append(lines, strings.Join(nonEmpty(labelsOf(roleOptions(), x.Roles), x.Details), " · "))
			}
			return strings.Join(lines, "\n"), true
		case "person.documents":
			var docs []domain.DocumentHeld
			if json.Unmarshal(raw, &docs) != nil {
				return "", false
			}
			var lines []string
			for _, d := range docs {
				lines = append(lines, strings.Join(nonEmpty(optionLabel(documentKindOptions(), d.Kind), d.Number,
					optionLabel(heldByOptions(), d.HeldBy)), " · "))
			}
			return strings.Join(lines, "\n"), true
		case "services":
			var ss []domain.ServiceGiven
			if json.Unmarshal(raw, &ss) != nil {
				return "", false
			}
			var lines []string
			for _, x := range ss {
				lines = append(lines, strings.Join(nonEmpty(optionLabel(serviceTypeOptions(), x.Type), dayLabel(x.Date), x.Provider, x.Notes), " · "))
			}
			return strings.Join(lines, "\n"), true
		case "followUps":
			var fs []domain.FollowUp
			if json.Unmarshal(raw, &fs) != nil {
				return "", false
			}
			var lines []string
			for _, x := range fs {
				done := ""
				if x.Done != "" {
					done = lang.L("casefile.followUp.doneOn", map[string]any{"Date": dayLabel(x.Done)})
				}
				lines = append(lines, strings.Join(nonEmpty(dayLabel(x.Due), x.Notes, done), " · "))
			}
			return strings.Join(lines, "\n"), true
		}
		if f, ok := domain.LookupCaseField(path); ok && isList {
			switch f.Kind {
			case domain.FieldChoice, domain.FieldMulti:
				return labelsOf(fieldOptions(path), list), true
			case domain.FieldDate:
				return dayLabel(first), true
			}
		}
	case "consent":
		switch path {
		case "purpose":
			return consentPurposeChoice(domain.ConsentPurpose(first)), isList
		case "givenBy":
			return consentGiverName(domain.ConsentGiver(first)), isList
		case "method":
			return consentMethodName(domain.ConsentMethod(first)), isList
		case "services":
			return labels(serviceTypeOptions())
		case "shares":
			out := make([]string, 0, len(list))
			for _, x := range list {
				out = append(out, caseTabsShareName(x))
			}
			return strings.Join(out, ", "), isList
		}
	case "referral":
		switch path {
		case "state":
			return refListStateText(domain.ReferralState(first)), isList
		case "priority":
			return refListPriorityText(domain.ReferralPriority(first)), isList
		case "services", "given":
			return labels(serviceTypeOptions())
		case "shares":
			out := make([]string, 0, len(list))
			for _, x := range list {
				out = append(out, caseTabsShareName(x))
			}
			return strings.Join(out, ", "), isList
		case "language":
			return languageLabel(first), isList
		}
	case "partner":
		switch path {
		case "type":
			return labels(orgTypeOptions())
		case "services":
			return labels(serviceTypeOptions())
		case "country":
			return countryName(first, Language()), isList
		case "languages":
			return languagesText(list), isList
		}
	}
	return "", false
}

// eventsText writes trafficking events one a line, as the case file does.
func eventsText(events []domain.TraffickingEvent) string {
	var lines []string
	for _, e := range events {
		where := e.Place
		if e.Country != "" {
			where = strings.Join(nonEmpty(countryName(e.Country, Language()), e.Place), ", ")
		}
		when := strings.Join(nonEmpty(dayLabel(e.From), dayLabel(e.To)), " – ")
		lines = append(lines, strings.Join(nonEmpty(optionLabel(eventTypeOptions(), e.Type), where, when), " · "))
	}
	return strings.Join(lines, "\n")
}

// stringsOfJSON reads a JSON string, or a list of them, as strings.
func stringsOfJSON(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// readableValue writes any JSON value for reading: text as it is (days
// and times in the window's language), numbers, yes or no, lists with
// commas (or one a line for lists of records), records as their named
// values.
func readableValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if len(x) == 10 && x[4] == '-' && x[7] == '-' {
			if _, err := time.Parse(time.DateOnly, x); err == nil {
				return dayLabel(x)
			}
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return formatDateTime(t)
		}
		return x
	case bool:
		return yesNo(x)
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return i18n.FormatNumber(n, Language())
		}
		return x.String()
	case []any:
		sep := ", "
		out := make([]string, 0, len(x))
		for _, e := range x {
			if _, ok := e.(map[string]any); ok {
				sep = "\n"
			}
			if s := readableValue(e); s != "" {
				out = append(out, s)
			}
		}
		return strings.Join(out, sep)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if s := readableValue(x[k]); s != "" {
				parts = append(parts, readableName(k)+lang.L("content.colon")+s)
			}
		}
		return strings.Join(parts, " · ")
	}
	return ""
}

package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// duplicatesView shows the cases that may be the same person beside what
// was typed, and the choice: open one of them, or register a new case.
func (in *intakeForm) duplicatesView() (fyne.CanvasObject, fyne.CanvasObject) {
	typed := in.person()
	title := widget.NewLabelWithStyle(lang.L("intake.dup.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	intro := wrapped(lang.L("intake.dup.intro"))

	mine := newFacts()
	mine.add(lang.L("intake.dup.name"), personName(typed))
	mine.add(lang.L("intake.dup.age"), ageText(typed, in.form.today))
	mine.add(lang.L("intake.dup.gender"), optionLabel(genderOptions(), string(typed.Gender)))
	left := card(subheading(lang.L("intake.dup.typed")), mine.box)

	var cards []fyne.CanvasObject
	for _, m := range in.dups {
		cards = append(cards, in.duplicateCard(m))
	}
	right := container.NewVBox(cards...)
	side := container.New(&fieldRowLayout{}, left, right)
	column := container.New(&columnLayout{maxEms: 70}, title, intro, side, in.message)

	backToForm := widget.NewButtonWithIcon(lang.L("intake.dup.backToForm"), theme.NavigateBackIcon(), func() {
		in.s.app.touch()
		in.dups = nil
		in.show()
	})
	in.differentButton = widget.NewButtonWithIcon(lang.L("intake.dup.different"), theme.ContentAddIcon(), func() {
		in.s.app.touch()
		c, ok := in.check()
		if !ok {
			in.dups = nil
			in.show()
			return
		}
		in.createCase(c)
	})
	in.differentButton.Importance = widget.HighImportance
	bar := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, backToForm, in.differentButton))
	return container.NewVScroll(container.NewPadded(column)), bar
}

// duplicateCard is one case that may be the same person.
func (in *intakeForm) duplicateCard(m casework.DuplicateMatch) fyne.CanvasObject {
	name := m.Case.Name
	if name == "" {
		name = lang.L("casefile.unnamed")
	}
	f := newFacts()
	f.add(lang.L("intake.dup.name"), name)
	age := "—"
	if c, ok := in.dupCases[m.Case.ID]; ok {
		age = ageText(c.Person, in.form.today)
	}
	f.add(lang.L("intake.dup.age"), age)
	f.add(lang.L("intake.dup.code"), m.Case.Code+" · "+optionLabel(statusOptions(), string(m.Case.Status)))
	var reasons []string
	for _, r := range m.Reasons {
		reasons = append(reasons, reasonText(r))
	}
	f.add(lang.L("intake.dup.reasons"), strings.Join(reasons, ", "))
	same := widget.NewButtonWithIcon(lang.L("intake.dup.same"), theme.FolderOpenIcon(), func() {
		in.s.app.touch()
		in.s.openCase(m.Case.ID)
	})
	in.sameButtons = append(in.sameButtons, same)
	return card(subheading(lang.L("intake.dup.existing")), f.box, container.NewHBox(same))
}

// reasonText says why casework thinks a case may be the same person.
func reasonText(r string) string {
	switch r {
	case "name":
		return lang.L("intake.dup.reason.name")
	case "birth-date":
		return lang.L("intake.dup.reason.birthDate")
	case "age":
		return lang.L("intake.dup.reason.age")
	case "phone":
		return lang.L("intake.dup.reason.phone")
	}
	return r
}

// card frames a group of facts on a tinted background.
func card(objects ...fyne.CanvasObject) fyne.CanvasObject {
	bg := newBackground(theme.ColorNameHeaderBackground, fyne.NewSize(0, 0))
	return container.NewStack(bg, container.NewPadded(container.NewVBox(objects...)))
}

// personName is the person's name as written: first, middle and last name,
// or an alias, or "unnamed".
func personName(p domain.Person) string {
	var parts []string
	for _, s := range []string{p.FirstName, p.MiddleName, p.LastName} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, " ")
	}
	if len(p.Aliases) > 0 {
		return p.Aliases[0]
	}
	return lang.L("casefile.unnamed")
}

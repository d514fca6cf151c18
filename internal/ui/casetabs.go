package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
)

// consentTab lists the consents of a case, with add and withdraw.
func (s *Shell) consentTab(caseID string) fyne.CanvasObject {
	if svc := s.cases(); svc != nil {
		return newConsentPanel(s, svc, caseID)
	}
	return caseTabsUnavailable()
}

// notesTab lists the notes of a case, newest first, with add.
func (s *Shell) notesTab(caseID string) fyne.CanvasObject {
	if svc := s.cases(); svc != nil {
		return newNotesPanel(s, svc, caseID)
	}
	return caseTabsUnavailable()
}

// attachmentsTab lists the files attached to a case, with add and open.
func (s *Shell) attachmentsTab(caseID string) fyne.CanvasObject {
	if svc := s.cases(); svc != nil {
		return newAttachmentsPanel(s, svc, caseID)
	}
	return caseTabsUnavailable()
}

// historyTab shows who changed what and when, field by field.
func (s *Shell) historyTab(caseID string) fyne.CanvasObject {
	if svc := s.cases(); svc != nil {
		return newHistoryPanel(s, svc, caseID)
	}
	return caseTabsUnavailable()
}

// caseTabsUnavailable stands in a tab when the session offers no case
// services.
func caseTabsUnavailable() fyne.CanvasObject {
	return wrapped(lang.L("error.forbidden"))
}

// caseTabsErrorText is one plain sentence for an error of the case
// services: the rule a refusal names, else errorText's sentence.
func caseTabsErrorText(err error, now time.Time) string {
	var refused *casework.RuleError
	var invalid *casework.ValidationErrors
	switch {
	case errors.As(err, &refused):
		return caseTabsRuleText(refused.Rule)
	case errors.As(err, &invalid):
		if len(invalid.Problems) > 0 {
			return caseTabsRuleText(invalid.Problems[0].Rule)
		}
		return lang.L("error.invalid")
	case errors.Is(err, casework.ErrNotFound):
		return lang.L("casetabs.error.notFound")
	}
	return errorText(err, now)
}

// caseTabsRuleText says what a casework rule asks for.
func caseTabsRuleText(rule string) string {
	switch rule {
	case casework.RuleRequired:
		return lang.L("field.required")
	case casework.RuleFuture:
		return lang.L("casetabs.error.future")
	case casework.RuleFormat, casework.RuleUnknownValue:
		return lang.L("field.invalid")
	case casework.RuleGuardianRequired:
		return lang.L("casetabs.consent.error.childGuardian")
	case casework.RuleTooLarge:
		return lang.L("casetabs.error.tooLarge")
	case "stale": // saved by someone else since it was read
		return lang.L("casetabs.error.stale")
	case casework.RuleClosed:
		return lang.L("interview.rule.closed")
	}
	return lang.L("error.invalid")
}

// caseTabsNames maps user ids to names for "recorded by" and "added by":
// the user at work and the people offered on the login screen. Records
// from another office name users this office does not know.
func (s *Shell) caseTabsNames() map[string]string {
	names := map[string]string{}
	if s.deps.Security != nil {
		if users, err := s.deps.Security.LoginUsers(context.Background()); err == nil {
			for _, u := range users {
				names[u.ID] = u.Name
			}
		}
	}
	if s.sess.Can(casework.PermManageUsers) {
		if users, err := s.sess.Users(context.Background()); err == nil {
			for _, u := range users {
				names[u.ID] = u.Name
			}
		}
	}
	u := s.sess.User()
	names[u.ID] = u.Name
	return names
}

// caseTabsUserName is the name of user id, or a plain word for someone
// this office does not know.
func caseTabsUserName(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	if id == "" {
		return "—"
	}
	return lang.L("casetabs.otherUser")
}

// caseTabsServiceName is a service (domain.ServiceTypes) in plain words.
func caseTabsServiceName(v string) string {
	switch v {
	case "psychosocial":
		return lang.L("case.vocab.service.psychosocial")
	case "health":
		return lang.L("case.vocab.service.health")
	case "shelter":
		return lang.L("case.vocab.service.shelter")
	case "safety":
		return lang.L("case.vocab.service.safety")
	case "legal":
		return lang.L("case.vocab.service.legal")
	case "family-tracing":
		return lang.L("case.vocab.service.family-tracing")
	case "child-care":
		return lang.L("case.vocab.service.child-care")
	case "education":
		return lang.L("case.vocab.service.education")
	case "livelihoods":
		return lang.L("case.vocab.service.livelihoods")
	case "cash":
		return lang.L("case.vocab.service.cash")
	case "food-nfi":
		return lang.L("case.vocab.service.food-nfi")
	case "documentation":
		return lang.L("case.vocab.service.documentation")
	case "return":
		return lang.L("case.vocab.service.return")
	case "other":
		return lang.L("case.vocab.service.other")
	}
	return v
}

// caseTabsShareName is a part of a case a sharing consent covers
// (domain.ShareFields) in plain words.
func caseTabsShareName(v string) string {
	switch v {
	case "name":
		return lang.L("casetabs.share.name")
	case "birth-date":
		return lang.L("casetabs.share.birthDate")
	case "contact":
		return lang.L("casetabs.share.contact")
	case "languages":
		return lang.L("casetabs.share.languages")
	case "guardian":
		return lang.L("casetabs.share.guardian")
	case "trafficking":
		return lang.L("casetabs.share.trafficking")
	case "health":
		return lang.L("casetabs.share.health")
	case "narrative":
		return lang.L("casetabs.share.narrative")
	}
	return v
}

// caseTabsList joins words into a list: "Health, Shelter".
func caseTabsList(words []string, name func(string) string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = name(w)
	}
	return strings.Join(out, ", ")
}

// caseTabsHeading is the bold heading of a part of a tab.
func caseTabsHeading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

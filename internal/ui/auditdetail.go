package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/amparo-app/amparo/internal/domain"
)

// auditDetail turns the detail casework records (space-separated key=value
// tokens, never personal data) into plain words in the current language. A
// token it does not know is shown as it is, so nothing is hidden.
// guideTitle, when not nil, names an interview guide by its id.
func auditDetail(detail string, guideTitle func(id string) string) string {
	var parts []string
	for _, tok := range strings.Fields(detail) {
		key, value, _ := strings.Cut(tok, "=")
		if key == "guide" && guideTitle != nil {
			value = guideTitle(value)
		}
		if t := auditToken(key, value, tok); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "; ")
}

func auditToken(key, value, raw string) string {
	switch key {
	case "via":
		switch value {
		case "login":
			return lang.L("audit.detail.via.login")
		case "unlock":
			return lang.L("audit.detail.via.unlock")
		case "password-change":
			return lang.L("audit.detail.via.passwordChange")
		case "recovery":
			return lang.L("audit.detail.via.recovery")
		}
	case "reason":
		switch value {
		case "wrong-password":
			return lang.L("audit.detail.reason.wrongPassword")
		case "unknown-user":
			return lang.L("audit.detail.reason.unknownUser")
		case "locked-out":
			return lang.L("audit.detail.reason.lockedOut")
		case "disabled":
			return lang.L("audit.detail.reason.disabled")
		case "wrong-code":
			return lang.L("audit.detail.reason.wrongCode")
		case "manual":
			return lang.L("audit.detail.reason.manual")
		case "idle":
			return lang.L("audit.detail.reason.idle")
		case "person-asked", "needs-rest", "distress", "interruption", "safety", "other":
			return lang.L("audit.detail.endReason", map[string]any{"Reason": earlyReasonLabel(value)})
		}
	case "failures":
		if n, err := strconv.Atoi(value); err == nil {
			return lang.L("audit.detail.failures", map[string]any{"Count": n})
		}
	case "wait":
		if s, err := strconv.Atoi(strings.TrimSuffix(value, "s")); err == nil {
			return lang.L("audit.detail.wait", map[string]any{"Seconds": s})
		}
	case "country":
		return lang.L("audit.detail.country", map[string]any{"Country": countryName(value, Language())})
	case "role":
		return lang.L("audit.detail.role", map[string]any{"Role": roleName(domain.Role(value))})
	case "part":
		switch value {
		case "attachments":
			return lang.L("audit.detail.part.attachments")
		case "consents":
			return lang.L("audit.detail.part.consents")
		case "history":
			return lang.L("audit.detail.part.history")
		case "notes":
			return lang.L("audit.detail.part.notes")
		case "interviews":
			return lang.L("audit.detail.part.interviews")
		}
	case "guide":
		return lang.L("audit.detail.guide", map[string]any{"Guide": value})
	case "outcome":
		switch value {
		case string(domain.InterviewCompleted):
			return lang.L("interview.outcome.completed")
		case string(domain.InterviewEndedEarly):
			return lang.L("audit.detail.outcome.endedEarly")
		}
	case "interview":
		return "" // an id: the Element column shows the record
	case "set":
		return lang.L("audit.detail.set", map[string]any{"Set": value})
	case "flag":
		switch value {
		case "yes":
			return lang.L("audit.detail.flag.yes")
		case "no":
			return lang.L("audit.detail.flag.no")
		}
	case "fields":
		return lang.L("audit.detail.fields", map[string]any{"Fields": strings.ReplaceAll(value, ",", ", ")})
	case "code":
		return lang.L("audit.detail.code", map[string]any{"Code": value})
	case "case":
		return "" // the case id says nothing to a person; the Element column shows the record
	case "security.autolock.minutes":
		return lang.L("audit.detail.autolock", map[string]any{"Minutes": value})
	}
	return raw
}

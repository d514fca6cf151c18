package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/content"
)

// contentProblemText is one sentence for a fault in a guide or indicator
// file: where (path and line) and what is wrong, in the user's language;
// the detail names the JSON part concerned, as written in the file.
func contentProblemText(p content.Problem) string {
	where := p.Path
	if p.Line > 0 {
		where = lang.L("content.where", map[string]any{"Path": p.Path, "Line": strconv.Itoa(p.Line)})
	}
	rule := contentRuleText(p.Rule)
	if p.Detail != "" {
		rule += " (" + p.Detail + ")"
	}
	return where + lang.L("content.colon") + rule
}

// contentProblemsBanner warns that some data files did not load, listing
// each with its path and line; nil when there are none.
func contentProblemsBanner(problems []content.Problem) fyne.CanvasObject {
	if len(problems) == 0 {
		return nil
	}
	lines := make([]string, 0, len(problems)+1)
	lines = append(lines, lang.L("content.problems"))
	for _, p := range problems {
		lines = append(lines, "• "+contentProblemText(p))
	}
	return newBanner(theme.WarningIcon(), strings.Join(lines, "\n"), widget.WarningImportance).box
}

// contentRuleText says what a data file rule asks for.
func contentRuleText(rule string) string {
	switch rule {
	case content.RuleRead:
		return lang.L("content.rule.read")
	case content.RuleSyntax:
		return lang.L("content.rule.syntax")
	case content.RuleType:
		return lang.L("content.rule.type")
	case content.RuleUnknown:
		return lang.L("content.rule.unknown")
	case content.RuleRequired:
		return lang.L("content.rule.required")
	case content.RuleLanguage:
		return lang.L("content.rule.language")
	case content.RuleDuplicate:
		return lang.L("content.rule.duplicate")
	case content.RuleOrder:
		return lang.L("content.rule.order")
	case content.RuleRange:
		return lang.L("content.rule.range")
	}
	return rule
}

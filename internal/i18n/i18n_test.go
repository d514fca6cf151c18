package i18n

import (
	"testing"
	"time"
)

func TestFromLocale(t *testing.T) {
	tests := []struct{ locale, want string }{
		{"en_US.UTF-8", "en"},
		{"en-NG", "en"},
		{"fr_FR.UTF-8", "fr"},
		{"fr_FR.UTF-8@euro", "fr"},
		{"fr-SN", "fr"},
		{"FR", "fr"},
		{"pt_PT.UTF-8", "pt"},
		{"pt-CV", "pt"},
		{"pt_BR", "pt"},
		{"pt", "pt"},
		{"de_DE.UTF-8", "en"},
		{"ha-Latn-NG", "en"},
		{"wo-SN", "en"},
		{"kea-CV", "en"},
		{"C", "en"},
		{"C.UTF-8", "en"},
		{"POSIX", "en"},
		{"", "en"},
		{"  fr_CA  ", "fr"},
		{"french", "en"},
	}
	for _, tt := range tests {
		if got := FromLocale(tt.locale); got != tt.want {
			t.Errorf("FromLocale(%q) = %q, want %q", tt.locale, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	want := map[string]string{"en": "English", "fr": "Français", "pt": "Português", "de": "de"}
	for code, name := range want {
		if got := Name(code); got != name {
			t.Errorf("Name(%q) = %q, want %q", code, got, name)
		}
	}
}

func TestMessagesRefusesUnsupported(t *testing.T) {
	for _, code := range []string{"de", "", "../go", "en.json", "EN"} {
		if _, err := Messages(code); err == nil {
			t.Errorf("Messages(%q): want an error", code)
		}
	}
	for _, code := range Supported {
		data, err := Messages(code)
		if err != nil || len(data) == 0 {
			t.Errorf("Messages(%q) = %d bytes, %v", code, len(data), err)
		}
	}
}

func TestFormatDate(t *testing.T) {
	day := time.Date(2026, time.November, 27, 14, 5, 0, 0, time.UTC)
	early := time.Date(2026, time.February, 3, 9, 7, 0, 0, time.UTC)
	tests := []struct {
		code             string
		date, long, full string
		earlyDate        string
	}{
		{"en", "27 Nov 2026", "27 November 2026", "27 Nov 2026, 14:05", "3 Feb 2026"},
		{"fr", "27 nov. 2026", "27 novembre 2026", "27 nov. 2026, 14:05", "3 févr. 2026"},
		{"pt", "27/11/2026", "27 de novembro de 2026", "27/11/2026, 14:05", "03/02/2026"},
		{"de", "27 Nov 2026", "27 November 2026", "27 Nov 2026, 14:05", "3 Feb 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := FormatDate(day, tt.code); got != tt.date {
				t.Errorf("FormatDate = %q, want %q", got, tt.date)
			}
			if got := FormatDateLong(day, tt.code); got != tt.long {
				t.Errorf("FormatDateLong = %q, want %q", got, tt.long)
			}
			if got := FormatDateTime(day, tt.code); got != tt.full {
				t.Errorf("FormatDateTime = %q, want %q", got, tt.full)
			}
			if got := FormatDate(early, tt.code); got != tt.earlyDate {
				t.Errorf("FormatDate(early) = %q, want %q", got, tt.earlyDate)
			}
		})
	}
	if got := FormatDateTime(early, "en"); got != "3 Feb 2026, 09:07" {
		t.Errorf("FormatDateTime pads hours and minutes: got %q", got)
	}
}

func TestMonthNames(t *testing.T) {
	for _, code := range Supported {
		seen := map[string]bool{}
		for m := time.January; m <= time.December; m++ {
			name := MonthName(m, code)
			if name == "" || seen[name] {
				t.Errorf("%s: month %d has an empty or repeated name %q", code, m, name)
			}
			seen[name] = true
		}
	}
	if got := MonthName(time.March, "pt"); got != "março" {
		t.Errorf("MonthName(March, pt) = %q", got)
	}
}

func TestFormatNumber(t *testing.T) {
	nb := NoBreakSpace
	tests := []struct {
		n          int64
		en, fr, pt string
	}{
		{0, "0", "0", "0"},
		{7, "7", "7", "7"},
		{999, "999", "999", "999"},
		{1000, "1,000", "1" + nb + "000", "1.000"},
		{12345, "12,345", "12" + nb + "345", "12.345"},
		{100000, "100,000", "100" + nb + "000", "100.000"},
		{1234567, "1,234,567", "1" + nb + "234" + nb + "567", "1.234.567"},
		{-1234, "-1,234", "-1" + nb + "234", "-1.234"},
		{-100, "-100", "-100", "-100"},
		{-9223372036854775808, "-9,223,372,036,854,775,808", "-9" + nb + "223" + nb + "372" + nb + "036" + nb + "854" + nb + "775" + nb + "808", "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		for code, want := range map[string]string{"en": tt.en, "fr": tt.fr, "pt": tt.pt, "xx": tt.en} {
			if got := FormatNumber(tt.n, code); got != want {
				t.Errorf("FormatNumber(%d, %s) = %q, want %q", tt.n, code, got, want)
			}
		}
	}
}

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		code string
		n    int64
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"}, {"fr", 1000, "other"},
		{"pt", 0, "other"}, {"pt", 1, "one"}, {"pt", 2, "other"},
	}
	for _, tt := range tests {
		if got := PluralCategory(tt.code, tt.n); got != tt.want {
			t.Errorf("PluralCategory(%s, %d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
}

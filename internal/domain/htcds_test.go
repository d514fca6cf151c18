package domain

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"
)

// htcdsTable reads the standard's field table: field name with prefix →
// picklist values ("" entries dropped), and the set of all field names.
func htcdsTable(t *testing.T) (picklists map[string][]string, fields map[string]bool) {
	t.Helper()
	f, err := os.Open("testdata/htcds-2.0-fields.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	picklists, fields = map[string][]string{}, map[string]bool{}
	for _, row := range rows[1:] {
		if len(row) < 7 || !strings.Contains(row[6], "_") {
			continue // section headings and notes
		}
		fields[row[6]] = true
		if len(row) < 10 || strings.TrimSpace(row[9]) == "" || strings.HasPrefix(row[9], "Use ") {
			continue // not a picklist, or one that points to ISO codes
		}
		var vals []string
		for _, v := range strings.FieldsFunc(row[9], func(r rune) bool { return r == '\n' || r == ';' }) {
			if v = strings.TrimSpace(v); v != "" {
				vals = append(vals, v)
			}
		}
		picklists[row[6]] = vals
	}
	return picklists, fields
}

func TestHTCDSPicklistsMatchTheStandard(t *testing.T) {
	want, _ := htcdsTable(t)
	if len(want) < 20 {
		t.Fatalf("read %d picklists from the standard; the table did not parse", len(want))
	}
	for field, values := range want {
		t.Run(field, func(t *testing.T) {
			got, ok := HTCDSPicklists[field]
			if !ok {
				t.Fatalf("no vocabulary for %s", field)
			}
			if !slices.Equal(got, values) {
				t.Errorf("values = %q\nwant      %q", got, values)
			}
		})
	}
	for field := range HTCDSPicklists {
		if _, ok := want[field]; !ok {
			t.Errorf("HTCDSPicklists has %s, which the standard has no picklist for", field)
		}
	}
}

func TestHTCDSFieldNamesExist(t *testing.T) {
	_, fields := htcdsTable(t)
	for path, name := range HTCDSField {
		if !fields[name] {
			t.Errorf("HTCDSField[%q] = %q: not a field of the standard", path, name)
		}
	}
}

func TestCaseStatusHTCDS(t *testing.T) {
	tests := []struct {
		status CaseStatus
		want   string
	}{
		{StatusActive, "Active"},
		{StatusFollowUp, "FollowUp"},
		{StatusClosed, "Closed"},
		{StatusClosedReferred, "ClosedReferred"},
		{"archived", ""},
	}
	for _, tt := range tests {
		if got := tt.status.HTCDS(); got != tt.want {
			t.Errorf("%q.HTCDS() = %q, want %q", tt.status, got, tt.want)
		}
	}
	for _, s := range CaseStatuses {
		if !slices.Contains(HTCDSCaseStatuses, s.HTCDS()) {
			t.Errorf("status %q has no cas_Status value", s)
		}
	}
}

func TestVocabulariesHaveNoDuplicates(t *testing.T) {
	lists := map[string][]string{
		"GuardianRelations": GuardianRelations, "DocumentKinds": DocumentKinds, "DocumentHolders": DocumentHolders,
		"ServiceTypes": ServiceTypes, "ShareFields": ShareFields, "BIARecommendations": BIARecommendations,
		"Stages": stringsOf(Stages), "CaseStatuses": stringsOf(CaseStatuses), "Priorities": stringsOf(Priorities),
		"AgeMethods": stringsOf(AgeMethods), "BIAPriorities": stringsOf(BIAPriorities),
		"ClosureReasons": stringsOf(ClosureReasons), "ConsentPurposes": stringsOf(ConsentPurposes),
		"ConsentGivers": stringsOf(ConsentGivers), "ConsentMethods": stringsOf(ConsentMethods),
		"AttachmentKinds": stringsOf(AttachmentKinds),
	}
	for field, vs := range HTCDSPicklists {
		lists[field] = vs
	}
	for name, vs := range lists {
		seen := map[string]bool{}
		for _, v := range vs {
			if v == "" || seen[v] {
				t.Errorf("%s: empty or repeated value %q", name, v)
			}
			seen[v] = true
		}
	}
}

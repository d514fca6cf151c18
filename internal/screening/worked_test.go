package screening

import (
	"slices"
	"testing"
)

// TestWorkedCases runs realistic (fictional) situations through the
// shipped lists and the rule.
func TestWorkedCases(t *testing.T) {
	cat := Load("")
	for _, tc := range []struct {
		name    string
		set     string
		ticked  []string
		flag    bool
		carried []string
	}{
		{"domestic worker promised a shop job abroad, passport taken, threatened, works 16 hours for almost nothing",
			"adult-labour", []string{"dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-documents", "cd-threats"},
			true, []string{"deceptive-recruitment", "exploitation", "coercion-destination"}},
		{"migrant farm worker, long hours and low pay, came on his own, free to leave",
			"adult-labour", []string{"vr-economic", "ex-excessive-hours", "ex-low-pay", "ex-living-conditions"},
			false, nil},
		{"same worker, but a debt to the recruiter and kept on the farm",
			"adult-labour", []string{"vr-economic", "vr-difficult-family", "vr-lack-information", "ex-excessive-hours", "ex-low-pay", "cd-debt-bondage", "cd-isolation"},
			true, []string{"vulnerability-recruitment", "exploitation", "coercion-destination"}},
		{"boy sent by a poor family to a city market, works dawn to night, no school: no means needed for a child",
			"child-labour", []string{"vr-difficult-family", "vr-economic", "vr-lack-information", "ex-excessive-hours", "ex-no-education"},
			true, []string{"vulnerability-recruitment", "exploitation"}},
		{"the same boy at school in the afternoons and paid fairly: exploitation not shown",
			"child-labour", []string{"vr-difficult-family", "vr-economic", "vr-lack-information", "ex-living-conditions"},
			false, nil},
		{"girl promised hairdressing work, made to see clients",
			"child-sexual", []string{"dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-forced-tasks"},
			true, []string{"deceptive-recruitment", "exploitation"}},
		{"woman recruited for a restaurant job abroad with promised wages, forced to see clients to repay a debt",
			"adult-sexual", []string{"dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-forced-tasks", "cd-debt-bondage"},
			true, []string{"deceptive-recruitment", "exploitation", "coercion-destination"}},
		{"passport taken, nothing else: one strong sign is not enough for a dimension",
			"adult-labour", []string{"dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-documents"},
			false, nil},
		{"woman in sex work, threatened once at recruitment, no exploitation signs",
			"adult-sexual", []string{"cr-threats", "vd-dependency"},
			false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := cat.Get(tc.set)
			if set == nil {
				t.Fatalf("no set %s", tc.set)
			}
			for _, id := range tc.ticked {
				if !slices.Contains(set.known([]string{id}), id) {
					t.Fatalf("%s has no indicator %s", tc.set, id)
				}
			}
			r := set.Evaluate(tc.ticked)
			if r.Flag != tc.flag || !slices.Equal(r.Carried, tc.carried) {
				t.Errorf("flag %v carried %v (positive %v), want %v %v", r.Flag, r.Carried, r.Positive, tc.flag, tc.carried)
			}
		})
	}
}

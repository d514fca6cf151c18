package casework

import (
	"context"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/screening"
)

// SaveScreening records a screening of a case with an indicator set: the
// ticked indicators and the rule's result (a screening flag, never a legal
// determination), and the HTCDS methods of control, vulnerabilities and
// type of exploitation they match, as one revision of the case. Audited
// as screening.save with the set and whether the flag was raised.
func (ss *Session) SaveScreening(ctx context.Context, caseID string, set *screening.Set, ticked []string) (domain.Case, screening.Result, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Case{}, screening.Result{}, err
	}
	cur, head, err := ss.loadCase(ctx, caseID)
	if err != nil {
		return domain.Case{}, screening.Result{}, err
	}
	if isClosed(cur.Status) {
		return domain.Case{}, screening.Result{}, &RuleError{Rule: RuleClosed}
	}
	var c domain.Case
	if err := deepCopy(cur, &c); err != nil {
		return domain.Case{}, screening.Result{}, errorf("save screening", err)
	}
	r := set.Evaluate(ticked)
	set.Apply(&c, ticked, r, domain.Screening{By: user.ID, At: ss.s.now()})
	fields, err := changedFields(cur, c)
	if err != nil {
		return domain.Case{}, screening.Result{}, errorf("save screening", err)
	}
	flag := "no"
	if r.Flag {
		flag = "yes"
	}
	saved, err := ss.saveCase(ctx, "save screening", c, head, ss.today(), domain.AuditScreeningSave,
		"set="+set.ID+" flag="+flag+" fields="+strings.Join(fields, ","))
	if err != nil {
		return domain.Case{}, screening.Result{}, err
	}
	return saved, r, nil
}

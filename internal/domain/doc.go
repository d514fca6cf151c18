// Package domain holds Amparo's plain types and rules, with no I/O and no
// import of any other package of the project: offices, users and roles,
// audit entries, and (as casework grows) cases, people, consent, referrals.
package domain

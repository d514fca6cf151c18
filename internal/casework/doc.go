// Package casework holds Amparo's use cases: office setup, login and
// sessions, users and roles, and (in later issues) cases, people, consent
// and referrals. Every permission check, validation and audit entry lives
// here, not in the window or the command line, which both call it.
//
// A Session holds the office data key and identity while unlocked; Lock,
// auto-lock and Logout wipe them. Identifying data reaches the store only
// sealed with that key (vault), bound to its record kind, record and
// revision.
package casework

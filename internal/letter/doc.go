// Package letter renders Amparo's printed documents as PDF with gofpdf:
// the recovery sheet now; referral letters, consent forms, blank intake
// forms, case summaries and pocket guides as they come. It is the only
// package that imports gofpdf, so replacing that archived library with a
// maintained fork touches nothing else.
package letter

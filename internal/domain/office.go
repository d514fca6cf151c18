package domain

import "time"

// Office is one installation of Amparo: a shelter, a child protection unit
// or an anti-trafficking office. Its letterhead details are public contact
// information printed on letters, not personal data about anyone helped.
type Office struct {
	ID         string // UUID, author of this office's revisions
	Name       string
	Country    string // ISO 3166-1 alpha-2, upper case
	Lang       string // en, fr or pt: default language of the window and documents
	CodePrefix string // case codes read PREFIX-YYYY-NNNN
	Address    string
	Phone      string
	Email      string
	Logo       []byte // PNG or JPEG, optional
	CreatedAt  time.Time
}

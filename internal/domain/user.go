package domain

import "time"

// Role says what a user may do; the check lives in casework.
type Role string

// The three roles of SECURITY.md.
const (
	RoleAdmin      Role = "admin"      // users, office keys, partners, settings
	RoleSupervisor Role = "supervisor" // all office cases, conflicts, exchange, statistics
	RoleCaseworker Role = "caseworker" // own and assigned cases
)

// Roles lists the roles in the order a form offers them.
var Roles = []Role{RoleCaseworker, RoleSupervisor, RoleAdmin}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleSupervisor || r == RoleCaseworker
}

// User is a person who logs in to this office's Amparo. Users are disabled,
// never deleted, so their audit history keeps its meaning.
type User struct {
	ID        string // UUID
	Username  string
	Name      string // display name
	Role      Role
	Disabled  bool
	CreatedAt time.Time
	LastLogin time.Time // zero until the first login
}

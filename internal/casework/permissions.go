package casework

import "github.com/amparo-app/amparo/internal/domain"

// Permission is something a role may do. The check lives here, not in the
// window: every Session method that needs one refuses with ErrForbidden.
type Permission string

// Permissions, as SECURITY.md gives them to roles.
const (
	PermManageUsers      Permission = "users.manage"      // admin
	PermManageKeys       Permission = "keys.manage"       // admin: identity export, recovery code
	PermManageSettings   Permission = "settings.manage"   // admin
	PermManagePartners   Permission = "partners.manage"   // admin
	PermViewAudit        Permission = "audit.view"        // admin, supervisor
	PermAllCases         Permission = "cases.all"         // supervisor
	PermResolveConflicts Permission = "conflicts.resolve" // supervisor
	PermExchange         Permission = "exchange"          // supervisor: export and import
	PermStatistics       Permission = "statistics"        // supervisor
	PermOwnCases         Permission = "cases.own"         // supervisor, case worker
)

// rolePermissions follows SECURITY.md: the admin runs the installation
// (users, keys, partners, settings) and does not see case files; a
// supervisor sees every case of the office; a case worker their own and
// assigned ones. Audit view is for admins and supervisors.
var rolePermissions = map[domain.Role]map[Permission]bool{
	domain.RoleAdmin: {
		PermManageUsers: true, PermManageKeys: true, PermManageSettings: true, PermManagePartners: true,
		PermViewAudit: true,
	},
	domain.RoleSupervisor: {
		PermAllCases: true, PermResolveConflicts: true, PermExchange: true, PermStatistics: true,
		PermViewAudit: true, PermOwnCases: true,
	},
	domain.RoleCaseworker: {
		PermOwnCases: true,
	},
}

// RoleCan reports whether role has permission p.
func RoleCan(role domain.Role, p Permission) bool { return rolePermissions[role][p] }

package domain

import "time"

// AuditAction names what an audit entry records.
type AuditAction string

// Actions recorded in the audit trail. Later features add theirs here.
const (
	AuditSetup            AuditAction = "office.setup"
	AuditLogin            AuditAction = "login"
	AuditLoginFailed      AuditAction = "login.failed"
	AuditLockout          AuditAction = "login.lockout"
	AuditLock             AuditAction = "lock"
	AuditUnlock           AuditAction = "unlock"
	AuditLogout           AuditAction = "logout"
	AuditRecovery         AuditAction = "recovery"
	AuditUserAdd          AuditAction = "user.add"
	AuditUserDisable      AuditAction = "user.disable"
	AuditUserEnable       AuditAction = "user.enable"
	AuditPasswordChange   AuditAction = "user.password"
	AuditPasswordReset    AuditAction = "user.password.reset"
	AuditSettingsChange   AuditAction = "settings.change"
	AuditIdentityExport   AuditAction = "key.identity.export"
	AuditRecoveryReissued AuditAction = "key.recovery.reissue"
	AuditCaseView         AuditAction = "case.view"
	AuditCaseCreate       AuditAction = "case.create"
	AuditCaseEdit         AuditAction = "case.edit"
	AuditDocumentPrint    AuditAction = "document.print"
	AuditExport           AuditAction = "exchange.export"
	AuditImport           AuditAction = "exchange.import"
	AuditConflictResolve  AuditAction = "exchange.conflict.resolve"
	AuditCaseClose        AuditAction = "case.close"
	AuditCaseReopen       AuditAction = "case.reopen"
	AuditConsentAdd       AuditAction = "consent.add"
	AuditConsentWithdraw  AuditAction = "consent.withdraw"
	AuditNoteAdd          AuditAction = "note.add"
	AuditAttachmentAdd    AuditAction = "attachment.add"
	AuditAttachmentRead   AuditAction = "attachment.read"
	AuditAttachmentDelete AuditAction = "attachment.delete"
	AuditInterviewStart   AuditAction = "interview.start"
	AuditInterviewEnd     AuditAction = "interview.end"
	AuditScreeningSave    AuditAction = "screening.save"
	AuditPartnerAdd       AuditAction = "partner.add"
	AuditPartnerEdit      AuditAction = "partner.edit"
	AuditReferralCreate   AuditAction = "referral.create"
	AuditReferralEdit     AuditAction = "referral.edit"
	AuditReferralState    AuditAction = "referral.state"
	AuditTrust            AuditAction = "exchange.trust"
	AuditTrustRevoke      AuditAction = "exchange.trust.revoke"
)

// AuditEntry is one line of the append-only audit trail. Detail never holds
// personal data or secrets: ids, counts and short technical words only.
type AuditEntry struct {
	Seq      int64
	At       time.Time
	UserID   string // empty when no user is known (a failed login for an unknown name)
	Username string // filled in when listing, for display
	Action   AuditAction
	RecordID string
	Detail   string
}

// AuditFilter narrows an audit listing; zero fields do not filter.
type AuditFilter struct {
	UserID string
	Action AuditAction
	From   time.Time // inclusive
	To     time.Time // exclusive
	Limit  int       // 0 means a sensible default
}

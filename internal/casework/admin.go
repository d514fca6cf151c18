package casework

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// Audit lists audit entries, newest first (admin, supervisor).
func (ss *Session) Audit(ctx context.Context, f domain.AuditFilter) ([]domain.AuditEntry, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermViewAudit); err != nil {
		return nil, err
	}
	return ss.s.db.ListAudit(ctx, f)
}

// SetAutoLockAfter sets the idle time before sessions lock, in whole
// minutes from 1 to 120 (admin).
func (ss *Session) SetAutoLockAfter(ctx context.Context, d time.Duration) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageSettings); err != nil {
		return err
	}
	if d < minAutoLock || d > maxAutoLock || d%time.Minute != 0 {
		return &ValidationError{Field: SettingAutoLock, Rule: domain.RuleRange}
	}
	s := ss.s
	minutes := strconv.Itoa(int(d / time.Minute))
	return s.db.Update(ctx, "save auto-lock", func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, SettingAutoLock, minutes); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(domain.AuditSettingsChange, ss.user.ID, "", SettingAutoLock+"="+minutes))
	})
}

// IdentityExport returns the office's age identity (AGE-SECRET-KEY-1...)
// for disaster recovery (admin). The export is audited before it is given.
func (ss *Session) IdentityExport(ctx context.Context) (string, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageKeys); err != nil {
		return "", err
	}
	if err := ss.s.audit(ctx, domain.AuditIdentityExport, ss.user.ID, ss.office.ID, ""); err != nil {
		return "", err
	}
	return ss.id.ExportAge(), nil
}

// ReissueRecoveryCode replaces the recovery code (admin), e.g. after it was
// used or its paper was lost; the old code stops working. The new code is
// returned once, for printing.
func (ss *Session) ReissueRecoveryCode(ctx context.Context) (string, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageKeys); err != nil {
		return "", err
	}
	s := ss.s
	code, err := vault.NewRecoveryCode()
	if err != nil {
		return "", errorf("new recovery code", err)
	}
	codeBytes := []byte(code)
	defer clear(codeBytes)
	w, err := vault.WrapKey(ss.key, codeBytes, s.kdf, recoveryContext)
	if err != nil {
		return "", errorf("new recovery code", err)
	}
	err = s.db.Update(ctx, "new recovery code", func(tx *store.Tx) error {
		if err := tx.PutKeyWrap(ctx, recoveryContext, w); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(domain.AuditRecoveryReissued, ss.user.ID, ss.office.ID, ""))
	})
	if err != nil {
		return "", fmt.Errorf("casework: new recovery code: %w", err)
	}
	return code, nil
}

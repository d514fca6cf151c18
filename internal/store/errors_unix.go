//go:build unix

package store

import "syscall"

// OS errors that mean "no room" and "cannot write here".
var (
	diskFullErrnos = []error{syscall.ENOSPC, syscall.EDQUOT}
	readOnlyErrnos = []error{syscall.EROFS, syscall.ENOTDIR, syscall.EISDIR}
)

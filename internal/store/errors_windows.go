//go:build windows

package store

import "golang.org/x/sys/windows"

// OS errors that mean "no room" and "cannot write here".
var (
	diskFullErrnos = []error{windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL}
	readOnlyErrnos = []error{windows.ERROR_WRITE_PROTECT, windows.ERROR_DIRECTORY}
)

//go:build goexperiment.runtimesecret

package vault

import "runtime/secret"

// protect runs f so that the registers, stack and (once unreachable) heap it
// used are erased: the copies of keys that Wipe cannot reach.
func protect(f func()) { secret.Do(f) }

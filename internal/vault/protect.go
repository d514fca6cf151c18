//go:build !goexperiment.runtimesecret

package vault

// protect runs f, which handles key material. Without the runtimesecret
// experiment it is a plain call; see protect_secret.go.
func protect(f func()) { f() }

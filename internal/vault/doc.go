// Package vault holds Amparo's keys and is the only package that calls
// cryptographic primitives.
//
// One random data key per office seals every identifying field
// (XChaCha20-Poly1305, random 24-byte nonce, associated data naming the
// record kind, record, revision and field, so a sealed value moved elsewhere
// fails to open). The data key never touches disk in the clear: it is
// wrapped under a key derived with argon2id from each user's password and
// from the office recovery code, and a password change only re-wraps it.
// The office identity (an age X25519 key for receiving exports and an
// Ed25519 key for signing them) is sealed with the data key.
//
// Secrets never appear in errors or fmt output: Key and Identity print as
// "redacted", and errors name places (kind, record, field), never content.
//
// Wipe is best effort. It zeroes the long-lived copy that vault owns, but Go
// gives no control over short-lived copies made by the runtime and by the
// primitives (cipher state, stack frames), and filippo.io/age keeps its
// X25519 scalar in a field vault cannot reach. Building with
// GOEXPERIMENT=runtimesecret on Linux erases those temporaries too (see
// protect).
package vault

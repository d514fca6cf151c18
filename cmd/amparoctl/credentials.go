package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// errNoTerminal says a secret was needed, the environment did not give it
// and there is no terminal to ask on.
var errNoTerminal = errors.New("no terminal to ask on")

// prompter asks a person at the terminal; tests replace it.
var prompter = terminalPrompt

// terminalPrompt asks on the controlling terminal, without echo when secret.
func terminalPrompt(question string, secret bool) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", errNoTerminal
	}
	fmt.Fprint(os.Stderr, question)
	if secret {
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// secretFrom returns the value of an environment variable, or asks for it on
// the terminal; with confirm it asks twice and compares. A password is never
// a flag: flags show in process lists and shell history.
func secretFrom(e env, variable, question string, confirm bool) ([]byte, error) {
	if v := e.getenv(variable); v != "" {
		return []byte(v), nil
	}
	first, err := prompter(question, true)
	if errors.Is(err, errNoTerminal) {
		return nil, fmt.Errorf("set %s or run the command in a terminal", variable)
	} else if err != nil {
		return nil, err
	}
	if confirm {
		again, err := prompter("Type it again: ", true)
		if err != nil {
			return nil, err
		}
		if again != first {
			return nil, errors.New("the two passwords are not the same; nothing was changed")
		}
	}
	return []byte(first), nil
}

// actingUser returns the username and password of the person running the
// command, from AMPARO_USER and AMPARO_PASSWORD or the terminal.
func actingUser(e env) (string, []byte, error) {
	user := e.getenv("AMPARO_USER")
	if user == "" {
		var err error
		user, err = prompter("Username: ", false)
		if errors.Is(err, errNoTerminal) {
			return "", nil, errors.New("set AMPARO_USER and AMPARO_PASSWORD or run the command in a terminal")
		} else if err != nil {
			return "", nil, err
		}
	}
	pw, err := secretFrom(e, "AMPARO_PASSWORD", "Password for "+user+": ", false)
	return user, pw, err
}

// wipe overwrites a secret held in a byte slice once it is no longer needed.
func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}

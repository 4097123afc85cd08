//go:build unix

package main

import (
	"fmt"
	"os"
	"testing"
)

func TestCallerUser(t *testing.T) {
	want := fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())
	if got := callerUser(); got != want {
		t.Errorf("callerUser() = %q, want %q", got, want)
	}
}

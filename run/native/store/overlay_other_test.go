//go:build !linux

package store

import "testing"

func mountOverlay(t *testing.T, _ []string, _ func(string)) { t.Skip("overlayfs is Linux's") }

//go:build windows

package main

// watchResize: Windows has no SIGWINCH; the size is applied once, at start.
func watchResize() (resize <-chan struct{}, stop func()) { return nil, func() {} }

//go:build !unix

package main

// watchResize: without SIGWINCH (Windows) the size is applied once, at start.
func watchResize() (resize <-chan struct{}, stop func()) { return nil, func() {} }

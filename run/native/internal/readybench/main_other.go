//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "readybench: ready sandboxes need Linux")
	os.Exit(2)
}

//go:build linux

package main

import (
	"fmt"
	"os"
)

func pwd([]string) int {
	dir, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	fmt.Println(dir)
	return 0
}

func id([]string) int {
	fmt.Printf("%d:%d\n", os.Getuid(), os.Getgid())
	return 0
}

func write(args []string) int {
	if len(args) != 2 {
		return fail(fmt.Errorf("write FILE CONTENT"))
	}
	if err := os.WriteFile(args[0], []byte(args[1]), 0o644); err != nil {
		return fail(err)
	}
	return 0
}

// read prints FILE.
func read(args []string) int {
	if len(args) != 1 {
		return fail(fmt.Errorf("read FILE"))
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return fail(err)
	}
	os.Stdout.Write(b)
	return 0
}

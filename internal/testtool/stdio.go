//go:build linux

package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
)

func echoSplit(args []string) int {
	if len(args) != 2 {
		return fail(fmt.Errorf("echo-split OUT ERR"))
	}
	os.Stdout.WriteString(args[0])
	os.Stderr.WriteString(args[1])
	return 0
}

func catStdin([]string) int {
	if _, err := io.Copy(os.Stdout, os.Stdin); err != nil {
		return fail(err)
	}
	return 0
}

func exitCode(args []string) int {
	if len(args) != 1 {
		return fail(fmt.Errorf("exit N"))
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		return fail(err)
	}
	return n
}

func env([]string) int {
	vars := os.Environ()
	sort.Strings(vars)
	for _, v := range vars {
		fmt.Println(v)
	}
	return 0
}

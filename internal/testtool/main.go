//go:build linux

// Command testtool is the tool inside sshell's test images: one static binary
// whose subcommand (argv[1]) exercises one thing a runner must get right.
// It is built by internal/testimage; it is never shipped.
//
//	echo-split OUT ERR   write OUT to stdout and ERR to stderr (no newline)
//	cat                  copy stdin to stdout until EOF, then exit 0
//	exit N               exit with code N
//	kill SIG             kill itself with SIG (TERM, KILL, INT, HUP, QUIT)
//	wait-signal          print "ready", wait for INT/TERM/HUP/QUIT, print "got SIGxxx", exit 128+N
//	pwd                  print the working directory
//	id                   print "uid:gid"
//	env                  print the environment, sorted, one per line
//	write FILE CONTENT   write CONTENT to FILE (mode 0644)
//	ttysize              print "ROWS COLS" of stdin's terminal, or "notty"
//	ttysize-watch        print "size=ROWS,COLS" now and on every SIGWINCH until a line or EOF on stdin
//	istty                print "stdin=B stdout=B stderr=B" (B is 1 for a terminal)
//	sleep SECONDS        sleep
//	zombie N             fork N children that exit unreaped, then exit 0
//	reap-check N         orphan N exited children, then print "zombies=K" (0 with a reaping init)
//	euid                 print the effective uid
//	attack NAME [ARGS]   try one attack on the isolation; print "blocked: …" or
//	                     "ESCAPED: …" (see attack.go)
package main

import (
	"fmt"
	"os"
)

var commands = map[string]func(args []string) int{
	"echo-split":    echoSplit,
	"cat":           catStdin,
	"exit":          exitCode,
	"kill":          killSelf,
	"wait-signal":   waitSignal,
	"pwd":           pwd,
	"id":            id,
	"env":           env,
	"write":         write,
	"read":          read,
	"ttysize":       ttysize,
	"ttysize-watch": ttysizeWatch,
	"istty":         istty,
	"sleep":         sleepFor,
	"zombie":        zombie,
	"reap-check":    reapCheck,
	"euid":          euid,
	"attack":        attack,
}

func main() {
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: testtool SUBCOMMAND [ARGS] (see internal/testtool/main.go)")
		os.Exit(2)
	}
	os.Exit(commands[os.Args[1]](os.Args[2:]))
}

// fail reports a usage or system error; 3 is distinct from codes tests expect.
func fail(err error) int {
	fmt.Fprintln(os.Stderr, "testtool:", err)
	return 3
}

//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/signal"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

func istty([]string) int {
	fmt.Printf("stdin=%d stdout=%d stderr=%d\n", bit(0), bit(1), bit(2))
	return 0
}

func bit(fd int) int {
	if term.IsTerminal(fd) {
		return 1
	}
	return 0
}

func ttysize([]string) int {
	ws, err := unix.IoctlGetWinsize(0, unix.TIOCGWINSZ)
	if err != nil {
		fmt.Println("notty")
		return 0
	}
	fmt.Printf("%d %d\n", ws.Row, ws.Col)
	return 0
}

// ttysizeWatch prints the size now and after every SIGWINCH, until stdin
// gives a line or EOF: the test waits for the size it set, then says "q".
func ttysizeWatch([]string) int {
	winch := make(chan os.Signal, 8)
	signal.Notify(winch, unix.SIGWINCH)
	done := make(chan struct{})
	go func() { bufio.NewReader(os.Stdin).ReadString('\n'); close(done) }()
	for {
		printSize()
		select {
		case <-winch:
		case <-done:
			return 0
		}
	}
}

func printSize() {
	ws, err := unix.IoctlGetWinsize(0, unix.TIOCGWINSZ)
	if err != nil {
		fmt.Print("size=notty\n")
		return
	}
	fmt.Printf("size=%d,%d\n", ws.Row, ws.Col)
}

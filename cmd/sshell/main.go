// Command sshell runs command-line tools from container images as if they
// were installed. See docs/cli.md.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:])) }

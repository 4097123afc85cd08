package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/sshell/sshell/hook"
	"github.com/sshell/sshell/resolve"
	"github.com/sshell/sshell/run"
)

// message is the one line the user reads for err: "sshell: <what went
// wrong>: <what to do>". It is empty when there is nothing to say (success,
// help, the tool's own exit status). This file is the only place that words
// errors for users.
func message(err error) string {
	var status exitStatus
	var notFound *notFoundError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp) || errors.As(err, &status):
		return ""
	case errors.As(err, &notFound):
		return notFound.line
	}
	return oneLine("sshell: " + describe(err))
}

func describe(err error) string {
	var usage *usageError
	var unknown *unknownCommandError
	var re *runError
	switch {
	case errors.As(err, &usage):
		return fmt.Sprintf("%v: run `%s`", usage.err, helpCommand(usage.verb))
	case errors.As(err, &unknown):
		return fmt.Sprintf("%v: add a manifest for it in %s", unknown, unknown.dir)
	case errors.Is(err, resolve.ErrManifest):
		return fmt.Sprintf("%v: fix it or move the file away", err)
	case errors.Is(err, hook.ErrRecursion):
		return fmt.Sprintf("%v: a tool handed off back into the hook; set SSHELL_HOOK=off in that tool's environment", err)
	case errors.Is(err, run.ErrDaemonUnreachable):
		return daemonMessage(err)
	case errors.As(err, &re):
		return re.describe()
	}
	return err.Error()
}

func helpCommand(verb string) string {
	if verb == "" {
		return "sshell help"
	}
	return "sshell " + verb + " --help"
}

// daemonMessage words run.ErrDaemonUnreachable, naming the address tried.
func daemonMessage(err error) string {
	host, from := os.Getenv("DOCKER_HOST"), "DOCKER_HOST"
	if host == "" {
		host, from = "unix:///var/run/docker.sock", "the default"
	}
	if errors.Is(err, os.ErrPermission) || strings.Contains(strings.ToLower(err.Error()), "permission denied") {
		return fmt.Sprintf("permission denied on the Docker daemon at %s (%s): add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again)", host, from)
	}
	return fmt.Sprintf("cannot reach the Docker daemon at %s (%s): start it, e.g. `sudo systemctl start docker`, or set DOCKER_HOST", host, from)
}

// describe words a failed run: the cause, then the advice for its kind.
func (e *runError) describe() string {
	what, advice := e.err.Error(), e.advice()
	if e.image != "" && !strings.Contains(what, e.image) && !strings.Contains(advice, e.image) {
		what = fmt.Sprintf("image %q: %s", e.image, what)
	}
	if advice != "" {
		return what + ": " + advice
	}
	return what
}

func (e *runError) advice() string {
	switch {
	case errors.Is(e.err, run.ErrImageNotFound) && e.pull == run.PullNever:
		return "run without `--pull never` to fetch it"
	case errors.Is(e.err, run.ErrImageNotFound):
		return "check the image name and tag" + e.where()
	case errors.Is(e.err, run.ErrRegistryUnreachable):
		return fmt.Sprintf("check the network and proxy settings for the registry %s", registryHost(e.image))
	case errors.Is(e.err, run.ErrAuthDenied):
		return fmt.Sprintf("log in with `docker login %s`", registryHost(e.image))
	case errors.Is(e.err, run.ErrNoSpace):
		return "free disk space, e.g. with `docker system prune`"
	case errors.Is(e.err, run.ErrCannotInvoke):
		return fmt.Sprintf("the entrypoint is missing or not executable in image %s; check it%s", e.image, e.where())
	}
	return ""
}

// where names the manifest entry that chose the image, if one did.
func (e *runError) where() string {
	if e.source == "" {
		return ""
	}
	return " in the manifest at " + e.source
}

// registryHost is the registry part of an image reference ("docker.io" for
// Docker Hub), or the reference itself when it does not parse.
func registryHost(ref string) string {
	r, err := name.ParseReference(ref)
	if err != nil {
		return ref
	}
	if h := r.Context().RegistryStr(); h != name.DefaultRegistry {
		return h
	}
	return "docker.io"
}

// oneLine collapses every run of white space, newlines included, to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sshell/sshell/internal/testimage"
)

// TestMain makes the test binary act as sshell when run under that name:
// testscript puts it on the scripts' PATH, and the Go end-to-end tests copy
// it to a file called sshell.
// noBackground turns off the detached gc and upgrade check a run may
// start: they would outlive the test and write into its temp dirs while
// they are removed. Tests of those set them again (a later entry wins).
// It also keeps these tests on the Docker runtime, which they check
// (images and containers in the daemon); auto would pick native here, and
// the native runtime's CLI tests (e2e_native_test.go) choose it themselves.
// And a native run starts no keeper of ready sandboxes (docs/native.md),
// which would outlive the test for minutes: the test of them turns them on.
var noBackground = []string{"SSHELL_GC=off", "SSHELL_UPGRADE_TTL=off", "SSHELL_RUNTIME=docker", "SSHELL_READY=off"}

func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) != "sshell" { // acting as sshell, the caller's environment chooses
		os.Setenv(envRuntime, runtimeDocker) // in-process runs too: see noBackground
		os.Setenv(envReady, "off")
	}
	testscript.Main(m, map[string]func(){"sshell": func() { os.Exit(Main(os.Args[1:])) }})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script against
// the real Docker daemon and a loopback registry. Scripts that need the
// daemon start with `[!docker] skip`.
func TestScripts(t *testing.T) {
	dockerErr := dockerUsable()
	vars := map[string]string{}
	if dockerErr == nil {
		vars = pushScriptImages(t)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			for k, v := range vars {
				e.Setenv(k, v)
			}
			e.Setenv("XDG_CONFIG_HOME", filepath.Join(e.WorkDir, ".config"))
			e.Setenv("XDG_STATE_HOME", filepath.Join(e.WorkDir, ".state"))
			for _, kv := range noBackground {
				k, v, _ := strings.Cut(kv, "=")
				e.Setenv(k, v)
			}
			e.Setenv("SSHELL_CATALOG", "off") // the fixtures' names (jq, yq) are the catalog's too; catalog.txtar turns it on
			for _, k := range dockerEnv {
				e.Setenv(k, os.Getenv(k))
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "docker" {
				return dockerErr == nil, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"status":   cmdStatus,
			"envsubst": cmdEnvsubst,
		},
	})
}

// dockerEnv is what the Docker client reads from the environment.
var dockerEnv = []string{"DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_API_VERSION", "DOCKER_CONFIG"}

// dockerUsable says why the daemon cannot run the end-to-end tests, if so.
func dockerUsable() error {
	if out, err := exec.Command("docker", "info").CombinedOutput(); err != nil {
		return fmt.Errorf("docker info: %v: %s", err, out)
	}
	return nil
}

// pushScriptImages starts the registries and pushes the scripts' images.
// Each image serves one purpose so that scripts running in parallel cannot
// pull an image another one needs absent.
func pushScriptImages(t *testing.T) map[string]string {
	reg := testimage.StartRegistry(t)
	private := testimage.StartRegistry(t, testimage.WithBasicAuth("u", "p"))
	return map[string]string{
		"IMAGE":          testimage.Push(t, reg, "sshell-e2e/tool"),
		"IMAGE_FRESH":    testimage.Push(t, reg, "sshell-e2e/fresh"),
		"IMAGE_UNPULLED": testimage.Push(t, reg, "sshell-e2e/unpulled"),
		"IMAGE_MISSING":  reg.Ref("sshell-e2e/never-pushed", "latest"),
		"IMAGE_DEAD":     testimage.DeadRegistry(t) + "/sshell-e2e/tool:latest",
		"IMAGE_PRIVATE":  testimage.Push(t, private, "sshell-e2e/private"),
		"REGISTRY":       reg.Host(),
		"REGISTRY_AUTH":  private.Host(),
	}
}

// status CODE PROG [ARGS...] runs PROG like exec and wants exit code CODE.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got, err := 0, ts.Exec(args[1], args[2:]...)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		got = exit.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// envsubst FILE... expands $VAR and ${VAR} in the files, in place.
func cmdEnvsubst(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: envsubst FILE...")
	}
	for _, f := range args {
		text := os.Expand(ts.ReadFile(f), ts.Getenv)
		ts.Check(os.WriteFile(ts.MkAbs(f), []byte(text), 0o644))
	}
}

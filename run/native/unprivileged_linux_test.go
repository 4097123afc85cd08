package native_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sshell/sshell/internal/testimage"
	"github.com/sshell/sshell/run"
	"github.com/sshell/sshell/run/native"
)

// nobody is the unprivileged user TestUnprivileged runs as.
const nobody = 65534

// envImage hands the image to the unprivileged run of this test binary.
const envImage = "SSHELL_NATIVE_UNPRIVILEGED_IMAGE"

// TestUnprivileged runs the native runtime in its user-namespace mode: as
// root, it re-executes this test binary as uid 65534 (TestUnprivilegedMode
// does the runs there) against a registry it serves itself.
func TestUnprivileged(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to become an unprivileged user (uid 65534) for the test; as that user, run TestUnprivilegedMode with " + envImage + " set")
	}
	reg := testimage.StartRegistry(t)
	image := testimage.Push(t, reg, "native/unprivileged")
	dir := shared(t)
	bin := filepath.Join(dir, "native.test")
	copyFile(t, os.Args[0], bin)
	cmd := exec.Command(bin, "-test.run=^TestUnprivilegedMode$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = []string{envImage + "=" + image, "HOME=" + dir, "TMPDIR=" + dir, "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	t.Logf("as uid %d:\n%s", nobody, out)
	if err != nil {
		t.Fatalf("the unprivileged run failed: %v", err)
	}
	if !bytes.Contains(out, []byte("--- PASS: TestUnprivilegedMode")) {
		t.Fatalf("TestUnprivilegedMode did not pass")
	}
}

// TestUnprivilegedMode is TestUnprivileged's part as the unprivileged user.
func TestUnprivilegedMode(t *testing.T) {
	image := os.Getenv(envImage)
	if image == "" {
		t.Skip(envImage + " is not set: TestUnprivileged runs this as uid 65534")
	}
	if os.Geteuid() == 0 {
		t.Fatal("runs as an unprivileged user")
	}
	if err := native.Available(); err != nil {
		t.Logf("Available (auto would not pick native here): %v", err)
	}
	d := newDirs(t)
	t.Run("LimitsRefused", func(t *testing.T) {
		_, err := d.runner(t).Run(context.Background(), run.Spec{Command: "testtool", Image: image, Args: []string{"exit", "0"}}, run.IO{})
		if err == nil || !strings.Contains(err.Error(), "limits cannot apply") {
			t.Fatalf("a run without cgroups and without WithoutLimits: %v, want the limits' refusal", err)
		}
		t.Logf("got, as wanted: %v", err)
	})
	r := d.runner(t, native.WithoutLimits())
	work := t.TempDir()
	cases := []struct {
		name    string
		args    []string
		stdin   string
		want    string
		code    int
		network string
		workDir string
	}{
		{"Exit42", []string{"exit", "42"}, "", "", 42, "", ""},
		{"Stdio", []string{"cat"}, "through\x00stdin", "through\x00stdin", 0, "", ""},
		{"WorkDir", []string{"pwd"}, "", work + "\n", 0, "", work},
		{"RootInNamespace", []string{"id"}, "", "0:0\n", 0, "", ""},
		{"HostProcesses", []string{"attack", "procs", "native.test", "dockerd"}, "", "blocked: ", 0, "", ""},
		{"WriteImageRoot", []string{"attack", "write-root"}, "", "blocked: ", 0, "", ""},
		{"Mount", []string{"attack", "mount"}, "", "blocked: ", 0, "", ""},
		{"RawSocket", []string{"attack", "raw-socket"}, "", "blocked: ", 0, "", ""},
		{"HostNetwork", []string{"exit", "0"}, "", "", 0, run.NetworkHost, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			spec := run.Spec{Command: "testtool", Image: image, Args: c.args, Network: c.network, WorkDir: c.workDir,
				Limits: run.Limits{Timeout: time.Minute}}
			res, err := r.Run(context.Background(), spec, run.IO{Stdin: strings.NewReader(c.stdin), Stdout: &out, Stderr: &errOut})
			if err != nil || res.ExitCode != c.code || !strings.HasPrefix(out.String(), c.want) {
				t.Errorf("%v: exit %d, err %v, stdout %q, stderr %q; want exit %d and stdout %q...", c.args, res.ExitCode, err, out.String(), errOut.String(), c.code, c.want)
			}
		})
	}
	t.Run("Ready", func(t *testing.T) { // a sandbox kept ready serves the call as a cold one would
		rr := d.runner(t, native.WithoutLimits(), native.WithReady(func(run.Spec) {}))
		spec := run.Spec{Command: "testtool", Image: image, Args: []string{"pwd"}, WorkDir: work}
		ctx, stop := context.WithCancel(context.Background())
		kept := make(chan error, 1)
		go func() { kept <- rr.KeepOnce(ctx, spec, time.Minute) }()
		defer func() { stop(); <-kept }()
		waitReady(t, rr, spec, kept)
		res, out := runTool(t, rr, spec)
		if !res.Timing.Ready || res.ExitCode != 0 || out != work+"\n" {
			t.Errorf("ready %v, exit %d, stdout %q; want a ready run in %s", res.Timing.Ready, res.ExitCode, out, work)
		}
	})
	t.Run("OtherUser", func(t *testing.T) {
		_, err := r.Run(context.Background(), run.Spec{Command: "testtool", Image: image, Args: []string{"id"}, User: "1234:1234"}, run.IO{})
		if err == nil {
			t.Fatal("User 1234:1234 ran; in a user namespace only the caller is mapped")
		}
		t.Logf("got, as wanted: %v", err)
	})
	t.Log("not run unprivileged: limits on memory, CPU and processes (no cgroup is writable by this user here), " +
		"running as another user than the caller (only the caller is mapped), and the suite's attacks on those")
	if ids := d.leftovers(t, map[string]string{}); len(ids) > 0 {
		t.Errorf("runs left behind: %v", ids)
	}
}

// shared is a temporary directory the unprivileged user may use.
func shared(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil { // the test's own, made 0700
		t.Fatal(err)
	}
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

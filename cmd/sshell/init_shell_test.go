//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// oddManifest provides commands whose names need quoting in every shell.
var oddManifest = map[string]string{"odd.toml": `[tools.qqtool]
image = "127.0.0.1:1/sshell-e2e/none:latest"
[tools."qq++"]
image = "127.0.0.1:1/sshell-e2e/none:latest"
[tools."it's"]
image = "127.0.0.1:1/sshell-e2e/none:latest"
[tools."a$b"]
image = "127.0.0.1:1/sshell-e2e/none:latest"
`}

var syntaxCheck = map[string][]string{
	"bash": {"bash", "-n"},
	"zsh":  {"zsh", "-n"},
	"fish": {"fish", "--no-execute"},
}

// oddBin is sshell installed in a directory whose name needs quoting.
func oddBin(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(sshellBin(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(openDir(t), `it's a "$dir"`)
	bin := filepath.Join(dir, "sshell")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// The text for each shell parses in that shell.
func TestInitSyntax(t *testing.T) {
	bin := oddBin(t)
	for shell, check := range syntaxCheck {
		t.Run(shell, func(t *testing.T) {
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed", shell)
			}
			r := sshellWith(t, bin, oddManifest, nil, "init", shell)
			if r.code != 0 || r.err != "" || r.stdout == "" {
				t.Fatalf("sshell init %s = %d, stderr %q; want 0, no stderr, the hook", shell, r.code, r.err)
			}
			p := filepath.Join(t.TempDir(), "hook."+shell)
			if err := os.WriteFile(p, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(check[0], append(check[1:], p)...).CombinedOutput(); err != nil || len(out) != 0 {
				t.Errorf("%s on the output of sshell init %s: %v\n%s", strings.Join(check, " "), shell, err, out)
			}
		})
	}
}

// The hook, loaded in a script with SSHELL_HOOK_SCRIPTS=1, calls the binary
// that printed it by its absolute path, however odd: under a hook call
// (SSHELL_HOOK_DEPTH set) that binary refuses with 126. fish gets a wrapper
// for every command the manifests provide.
func TestInitLoads(t *testing.T) {
	bin := oddBin(t)
	probes := map[string]string{
		"bash": `nosuch; echo "st=$?"`,
		"zsh":  `nosuch; echo "st=$?"`,
		"fish": `functions -q qqtool qq++ "it's" 'a$b'; or echo no wrappers; qqtool; echo "st=$status"`,
	}
	for shell, probe := range probes {
		t.Run(shell, func(t *testing.T) {
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed", shell)
			}
			r := sshellWith(t, bin, oddManifest, nil, "init", shell)
			p := filepath.Join(t.TempDir(), "hook")
			if err := os.WriteFile(p, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(shell, "-c", "source '"+p+"'\n"+probe+"\n")
			cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "SSHELL_HOOK_SCRIPTS=1", "SSHELL_HOOK_DEPTH=1"}
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil || out.String() != "st=126\n" || !strings.Contains(errb.String(), `sshell: SSHELL_HOOK_DEPTH="2"`) {
				t.Errorf("loading sshell init %s and calling a command: %v, stdout %q, stderr %q; want st=126 and sshell's refusal", shell, err, out.String(), errb.String())
			}
		})
	}
}

// The recorded path is the binary itself, not the symlink it was run by:
// moving the link does not break the hook.
func TestInitRecordsResolvedPath(t *testing.T) {
	bin := sshellBin(t)
	// Named sshell too: under another name the test binary runs the tests.
	link := filepath.Join(openDir(t), "sshell")
	if err := os.Symlink(bin, link); err != nil {
		t.Fatal(err)
	}
	r := sshellWith(t, link, nil, nil, "init", "bash")
	if r.code != 0 || !strings.Contains(r.stdout, bin+" hook --known") || strings.Contains(r.stdout, link) {
		t.Errorf("sshell init bash run by a symlink: %d, %q; want the target %s recorded, not the link", r.code, r.err, bin)
	}
}

// A broken manifest does not stop init (it is reported when used); fish
// still gets wrappers for the valid tools.
func TestInitBrokenManifest(t *testing.T) {
	manifests := map[string]string{"qq.toml": qqManifest["qq.toml"], "zz-broken.toml": "[tools.broken\n"}
	r := sshellWith(t, sshellBin(t), manifests, nil, "init", "fish")
	if r.code != 0 || r.err != "" || !strings.Contains(r.stdout, "\n    __sshell_wrap 'qqtool'\n") {
		t.Errorf("sshell init fish beside a broken manifest = %d, %q; want 0, silent, a wrapper for qqtool", r.code, r.err)
	}
}

// A tool name with a zero-width space (which would pass for another name,
// and which fish cannot wrap) is refused where it is defined, naming
// file:line, and costs only itself: the file's other tools keep their
// wrappers, and a typo of it still says "command not found".
func TestInitFishUnprintableName(t *testing.T) {
	manifests := map[string]string{"qq.toml": qqManifest["qq.toml"] + "[tools.\"qq\\u200Bzz\"]\nimage = \"127.0.0.1:1/x:1\"\n"}
	bin := sshellBin(t)
	r := sshellWith(t, bin, manifests, nil, "hook", "--known", "qq\u200bzz")
	if r.code != 1 || !strings.Contains(r.err, "qq.toml:3: ") || !strings.Contains(r.err, "unprintable characters") {
		t.Errorf("hook --known qq<ZWSP>zz = %+v; want 1 and a warning naming qq.toml:3", r)
	}
	r = sshellWith(t, bin, manifests, nil, "init", "fish")
	if r.code != 0 || !strings.Contains(r.stdout, "\n    __sshell_wrap 'qqtool'\n") || strings.Contains(r.stdout, "qq\u200bzz") {
		t.Errorf("sshell init fish with a refused name in the manifests = %d, %q; want 0 and a wrapper for qqtool only", r.code, r.err)
	}
}

// Anything but exactly one supported shell is a usage error: 2, one line,
// nothing on stdout.
func TestInitUsage(t *testing.T) {
	bin := sshellBin(t)
	for _, args := range [][]string{{"init"}, {"init", "tcsh"}, {"init", "Bash"}, {"init", "bash", "zsh"}, {"init", "-x", "bash"}, {"init", ""}} {
		r := sshellWith(t, bin, nil, nil, args...)
		if r.code != 2 || r.stdout != "" || bytes.Count([]byte(r.err), []byte("\n")) != 1 || !strings.HasPrefix(r.err, "sshell: ") {
			t.Errorf("sshell %q = %+v; want 2 and one sshell line on stderr", args, r)
		}
	}
	if r := sshellWith(t, bin, nil, nil, "init", "--help"); r.code != 0 || !strings.Contains(r.stdout, `eval "$(sshell init bash)"`) {
		t.Errorf("sshell init --help = %+v; want 0 and the help", r)
	}
}

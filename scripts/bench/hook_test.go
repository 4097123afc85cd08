package bench

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// shellLoop is a script for bash or zsh that loads the hook (when hook is
// set) and then times n mistyped commands from the shell's point of view,
// printing one duration in microseconds per line. The shell's own
// $EPOCHREALTIME is read around each call, so the figures hold the fork, the
// handler and sshell, but not the loop.
func shellLoop(shell string, hook bool, n int) string {
	load := ""
	if hook {
		load = `eval "$("$SSHELL_BIN" init ` + shell + `)"` + "\n"
	}
	zsh := ""
	if shell == "zsh" {
		zsh = "zmodload zsh/datetime\n"
	}
	return zsh + load + fmt.Sprintf(`for i in {1..%d}; do
  s=$EPOCHREALTIME; sshell_bench_no_such_cmd 2>/dev/null; e=$EPOCHREALTIME
  echo "$s $e"
done
`, n)
}

// BenchmarkHookUnknown times a mistyped command at the prompt of bash and
// zsh with the hook loaded, against the same shell without it, alternating
// rounds. Target: a median of 5 ms or less with the hook; it never contacts
// the daemon (DOCKER_HOST points nowhere). fish is left out: it has no
// clock variable, and timing it with date(1) would time date(1).
func BenchmarkHookUnknown(b *testing.B) {
	sshell := buildSshell(b)
	for _, shell := range []string{"bash", "zsh"} {
		b.Run(shell, func(b *testing.B) {
			if _, err := exec.LookPath(shell); err != nil {
				b.Skip(shell + " is not installed")
			}
			env := append(os.Environ(), "SSHELL_BIN="+sshell, "SSHELL_HOOK_SCRIPTS=1",
				"DOCKER_HOST=unix:///nonexistent/docker.sock", "XDG_CONFIG_HOME="+b.TempDir(), "XDG_DATA_HOME="+b.TempDir())
			var with, without samples
			for range b.N {
				with = append(with, shellTimes(b, env, shell, true)...)
				without = append(without, shellTimes(b, env, shell, false)...)
			}
			report(b, "hook-ms", with.median())
			report(b, "no-hook-ms", without.median())
			b.Logf("%s, mistyped command at the prompt, %d calls: with the hook %.2f ms, without %.2f ms: %s",
				shell, len(with), ms(with.median()), ms(without.median()), verdict(with.median() <= 5*time.Millisecond))
		})
	}
}

// shellTimes runs one shellLoop of 10 calls and parses its durations.
func shellTimes(b *testing.B, env []string, shell string, hook bool) samples {
	cmd := exec.Command(shell, "-c", shellLoop(shell, hook, 10))
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("%s: %v", shell, err)
	}
	var s samples
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			b.Fatalf("%s printed %q", shell, line)
		}
		start, err1 := strconv.ParseFloat(f[0], 64)
		end, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			b.Fatalf("%s printed %q", shell, line)
		}
		s = append(s, time.Duration((end-start)*float64(time.Second)))
	}
	return s
}

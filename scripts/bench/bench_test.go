package bench

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/docker/docker/client"
	"github.com/sshell/sshell/internal/testimage"
)

// BenchmarkWarmRun times a warm run (image cached) of a trivial command three
// ways, alternating them each round: `sshell run`, `docker run --rm` with the
// same options, and the bare Engine API (create, attach, start, wait,
// remove). Target: sshell adds at most 5%, or at most 15 ms, over the bare API.
func BenchmarkWarmRun(b *testing.B) {
	testimage.RequireDocker(b)
	sshell := buildSshell(b)
	ref := testimage.Push(b, testimage.StartRegistry(b), "bench")
	dir := b.TempDir()
	b.Chdir(dir)
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	must(b, "docker client", err)
	ctx := context.Background()
	env := append(os.Environ(), "SSHELL_RUNTIME=docker") // this one compares Docker paths; BenchmarkNativeWarm the native one
	timeCmd(b, env, "docker", "pull", "-q", ref)         // warm: the image is cached for every peer
	var sh, dr, api samples
	b.ResetTimer()
	for range b.N {
		sh = append(sh, timeCmd(b, env, sshell, "run", "--image", ref, "--", "exit", "0"))
		dr = append(dr, timeCmd(b, env, dockerRunArgs(ref, dir, "exit", "0")...))
		api = append(api, bareAPI(ctx, b, cli, ref, dir, "exit", "0"))
	}
	b.StopTimer()
	over := sh.median() - api.median()
	report(b, "sshell-ms", sh.median())
	report(b, "docker-run-ms", dr.median())
	report(b, "bare-api-ms", api.median())
	b.ReportMetric(float64(sh.median())/float64(api.median()), "sshell/bare-api")
	b.ReportMetric(float64(sh.median())/float64(dr.median()), "sshell/docker-run")
	b.Logf("warm run, %d rounds: sshell %.1f ms, docker run %.1f ms, bare API %.1f ms; sshell over bare API %+.1f ms (%+.1f%%): %s",
		len(sh), ms(sh.median()), ms(dr.median()), ms(api.median()), ms(over),
		100*float64(over)/float64(api.median()), verdict(over <= 15*time.Millisecond || float64(over) <= 0.05*float64(api.median())))
}

// BenchmarkUnknownCommand times `sshell run` of a command no manifest
// provides, with DOCKER_HOST pointing nowhere (it must not contact the
// daemon), alternating with a bare static `true` for scale. Target: a median
// of 5 ms or less.
func BenchmarkUnknownCommand(b *testing.B) {
	sshell := buildSshell(b)
	env := append(os.Environ(), "DOCKER_HOST=unix:///nonexistent/docker.sock", "XDG_CONFIG_HOME="+b.TempDir())
	trueBin := "/bin/true"
	var sh, tr samples
	b.ResetTimer()
	for range b.N {
		sh = append(sh, timeUnknown(b, env, sshell))
		tr = append(tr, timeCmd(b, env, trueBin))
	}
	b.StopTimer()
	report(b, "sshell-unknown-ms", sh.median())
	report(b, "true-ms", tr.median())
	b.Logf("unknown command, %d rounds: sshell %.2f ms, /bin/true %.2f ms: %s",
		len(sh), ms(sh.median()), ms(tr.median()), verdict(sh.median() <= 5*time.Millisecond))
}

// timeUnknown runs `sshell run` of a missing command, which must exit 127.
func timeUnknown(b *testing.B, env []string, sshell string) time.Duration {
	start := time.Now()
	err := runQuiet(env, sshell, "run", "sshell-bench-no-such-command")
	d := time.Since(start)
	if code := exitCode(err); code != 127 {
		b.Fatalf("sshell run of an unknown command exited %d, want 127", code)
	}
	return d
}

func report(b *testing.B, unit string, d time.Duration) { b.ReportMetric(ms(d), unit) }

func verdict(ok bool) string {
	if ok {
		return "within target"
	}
	return "OVER TARGET"
}

package sandbox

import (
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"syscall"
)

// marker is argv[0] of the re-executed init: Init's whole check.
const marker = "sshell-sandbox-init"

// The init's file descriptors beside stdio (exec.Cmd.ExtraFiles).
const (
	fdConfig = 3 // from the parent: the Config (length-prefixed JSON), then the go byte
	fdStatus = 4 // to the parent: nothing when the tool started, else a failure
)

// init takes over a re-executed init before the packages that sort after
// this one (and do not feed it) are initialised: the init needs none of
// them, and a large binary's package initialisation costs milliseconds,
// paid on every run. Main's call of Init is then a no-op.
func init() { Init() }

// Init runs the sandbox's init when this process is one, and never returns
// then; anywhere else it returns at once. Call it first thing in main.
func Init() {
	if len(os.Args) == 0 || os.Args[0] != marker {
		return
	}
	os.Exit(initMain())
}

// initMain is the init's life: set up, start the tool, reap, and return the
// tool's exit code. Failures before the tool runs go to the parent on
// fdStatus, as a failure with the exit code to report.
func initMain() int {
	syscall.CloseOnExec(fdConfig)
	syscall.CloseOnExec(fdStatus)
	in, status := os.NewFile(fdConfig, "config"), os.NewFile(fdStatus, "status")
	cfg, err := readConfig(in)
	if err != nil {
		return report(status, failure{code: codeSetup, msg: "reading the sandbox config: " + err.Error()})
	}
	if cfg.Ready != "" {
		return serveReady(cfg, in, status)
	}
	return runInit(cfg, in, status)
}

// readConfig reads one length-prefixed JSON Config.
func readConfig(r io.Reader) (*Config, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	cfg := &Config{}
	return cfg, json.Unmarshal(b, cfg)
}

// writeConfig is readConfig's counterpart, for the parent.
func writeConfig(w io.Writer, cfg *Config) error {
	b, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	msg := binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(b)), uint32(len(b)))
	_, err = w.Write(append(msg, b...))
	return err
}

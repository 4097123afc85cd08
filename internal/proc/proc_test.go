package proc

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

func TestAlive(t *testing.T) {
	self := os.Getpid()
	if !Alive(self, Start(self)) {
		t.Errorf("Alive(self) = false")
	}
	if runtime.GOOS == "linux" && Alive(self, "1") {
		t.Errorf("Alive(self, another start time) = true: a reused pid would count as its owner")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if Alive(cmd.Process.Pid, "") {
		t.Errorf("Alive(an exited and reaped child) = true")
	}
}

func TestMachine(t *testing.T) {
	b, err := os.ReadFile("/etc/machine-id")
	if err != nil {
		t.Skipf("no /etc/machine-id here: %v", err)
	}
	if got := Machine(); got == "" || got+"\n" != string(b) && got != string(b) {
		t.Errorf("Machine() = %q, /etc/machine-id holds %q", got, b)
	}
}

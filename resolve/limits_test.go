package resolve

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	for s, want := range map[string]int64{
		"4096": 4096, "512m": 512 << 20, "2g": 2 << 30, "1GiB": 1 << 30, "300MB": 300 << 20,
		"1.5g": 3 << 29, "64 KiB": 64 << 10, "1t": 1 << 40, "unlimited": -1,
	} {
		if got, err := ParseSize(s); got != want || err != nil {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "lots", "0", "-1", "1p", "1gg", "0.1b", "1e3m"} {
		if got, err := ParseSize(s); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", s, got)
		}
	}
}

func TestParseBoundsValues(t *testing.T) {
	if d, err := ParseTimeout("90"); d != 90*time.Second || err != nil {
		t.Errorf("ParseTimeout(90) = %v, %v", d, err)
	}
	if c, err := ParseCap("cap_net_raw"); c != "NET_RAW" || err != nil {
		t.Errorf("ParseCap(cap_net_raw) = %q, %v", c, err)
	}
	for _, bad := range []func() error{
		func() error { _, err := ParseTimeout("0s"); return err },
		func() error { _, err := ParseCPUs("0"); return err },
		func() error { _, err := ParsePIDs("1.5"); return err },
		func() error { _, err := ParseCap("net raw"); return err },
	} {
		if bad() == nil {
			t.Errorf("a bad value was accepted")
		}
	}
}

func TestParseLimitsAndCaps(t *testing.T) {
	tools, err := ParseFile("m.toml", []byte(`[tools.tcpdump]
image = "x"
cap_add = ["NET_RAW", "cap_net_admin"]
limits = { memory = "2g", cpus = 2, pids = "unlimited", timeout = "5m" }
`))
	want := Tool{Name: "tcpdump", Image: "x", Network: NetworkNone, Source: Source{"m.toml", 1},
		CapAdd: []string{"NET_RAW", "NET_ADMIN"},
		Limits: Limits{Memory: 2 << 30, CPUs: 2, PIDs: -1, Timeout: 5 * time.Minute}}
	if err != nil || len(tools) != 1 || !reflect.DeepEqual(tools[0], want) {
		t.Fatalf("got %+v, %v\nwant %+v", tools, err, want)
	}
}

func TestParseLimitsErrors(t *testing.T) {
	_, err := ParseFile("m.toml", []byte(`[tools.a]
image = "x"
cap_add = "NET_RAW"
[tools.a.limits]
memory = 512
cpus = "many"
swap = "1g"
timeout = true
`))
	for _, want := range []string{
		`m.toml:3: tools.a.cap_add: must be an array of strings, not string`,
		`m.toml:5: tools.a.limits.memory: must be a string with its unit`,
		`m.toml:6: tools.a.limits.cpus: "many" is not a number of CPUs`,
		`m.toml:7: tools.a.limits: unknown key "swap"`,
		`m.toml:8: tools.a.limits.timeout: must be a string or a number, not boolean`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors %v\nwant one with %q", err, want)
		}
	}
}

package hook

import (
	"reflect"
	"testing"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigFromEnv(t *testing.T) {
	got := ConfigFromEnv(envOf(map[string]string{
		EnvHook: "off", EnvSkip: " jq\tyq\n  rg ", EnvScripts: "1",
	}))
	want := Config{Off: true, Skip: []string{"jq", "yq", "rg"}, Scripts: true}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ConfigFromEnv = %+v; want %+v", got, want)
	}
	if got := ConfigFromEnv(envOf(nil)); got.Off || got.Scripts || len(got.Skip) != 0 {
		t.Fatalf("empty environment: %+v; want the zero Config", got)
	}
	for _, v := range []string{"OFF", "0", "false", "on", "yes"} {
		if ConfigFromEnv(envOf(map[string]string{EnvHook: v})).Off {
			t.Errorf("%s=%q turned the hook off; only \"off\" does", EnvHook, v)
		}
	}
}

func TestConfigEnabled(t *testing.T) {
	c := Config{Skip: []string{"jq", "yq"}}
	if c.Enabled("jq") || c.Enabled("yq") || !c.Enabled("rg") || !c.Enabled("j") {
		t.Fatalf("Enabled with Skip %q is wrong", c.Skip)
	}
	if (Config{Off: true}).Enabled("rg") {
		t.Fatal("Enabled is true with Off")
	}
}

package hook

import "testing"

func TestKnown(t *testing.T) {
	var asked []string
	provides := func(n string) bool { asked = append(asked, n); return n == "jq" || n == "a/b" }
	cfg := Config{Skip: []string{"yq"}}
	for name, want := range map[string]bool{"jq": true, "rg": false, "yq": false, "a/b": false, "": false} {
		if got := Known(name, cfg, provides); got != want {
			t.Errorf("Known(%q) = %v; want %v", name, got, want)
		}
	}
	if Known("jq", Config{Off: true}, provides) {
		t.Error("Known is true with the hook off")
	}
	for _, n := range asked {
		if n != "jq" && n != "rg" {
			t.Errorf("provides(%q) was called; the answer was already no", n)
		}
	}
	if KnownExit(true) != 0 || KnownExit(false) != 1 {
		t.Error("KnownExit does not follow the protocol (0 known, 1 unknown)")
	}
}

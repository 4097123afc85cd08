package docker

import (
	"bytes"
	"testing"
)

const tiniMsg = "[FATAL tini (7)] exec /x failed: No such file or directory\n"

// TestTiniLine feeds streams in every split and checks what comes out, with
// and without dropping a line of tini's.
func TestTiniLine(t *testing.T) {
	for _, c := range []struct {
		name, in      string
		said          string
		kept, dropped string // output when finish(false), finish(true)
	}{
		{"tini's line", tiniMsg, "No such file or directory", tiniMsg, ""},
		{"tini's line on a terminal", "[FATAL tini (7)] exec /x failed: Permission denied\r\n", "Permission denied",
			"[FATAL tini (7)] exec /x failed: Permission denied\r\n", ""},
		{"more after tini's line", tiniMsg + "more", "", tiniMsg + "more", tiniMsg + "more"},
		{"ordinary output", "hello\nworld", "", "hello\nworld", "hello\nworld"},
		{"a prefix, then EOF", "[FATAL tini", "", "[FATAL tini", "[FATAL tini"},
		{"another fatal line", "[FATAL tini (7)] something else\n", "", "[FATAL tini (7)] something else\n", "[FATAL tini (7)] something else\n"},
		{"empty", "", "", "", ""},
	} {
		for _, drop := range []bool{false, true} {
			for _, size := range []int{1, 3, len(c.in) + 1} {
				var out bytes.Buffer
				tl := newTiniLine(&out)
				for in := []byte(c.in); len(in) > 0; in = in[min(size, len(in)):] {
					if n, err := tl.Write(in[:min(size, len(in))]); err != nil || n != min(size, len(in)) {
						t.Fatalf("%s: Write = %d, %v", c.name, n, err)
					}
				}
				if got := tl.failure(); got != c.said {
					t.Errorf("%s, writes of %d: failure() = %q, want %q", c.name, size, got, c.said)
				}
				tl.finish(drop)
				want := map[bool]string{false: c.kept, true: c.dropped}[drop]
				if out.String() != want {
					t.Errorf("%s, writes of %d, drop %v: out %q, want %q", c.name, size, drop, out.String(), want)
				}
			}
		}
	}
}

// TestTiniLinePassesThrough: output that cannot be tini's line is not held.
func TestTiniLinePassesThrough(t *testing.T) {
	var out bytes.Buffer
	tl := newTiniLine(&out)
	tl.Write([]byte("[FAT"))
	if out.Len() != 0 {
		t.Fatalf("a possible prefix was not held: %q", out.String())
	}
	tl.Write([]byte("E"))
	if out.String() != "[FATE" {
		t.Fatalf("out %q once the prefix failed, want %q", out.String(), "[FATE")
	}
}

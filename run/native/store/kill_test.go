package store

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/sshell/sshell/internal/testimage"
)

// staller makes the first big blob download (a layer, not a config)
// deliver half its body, then hang until the client gives up or release
// is called. stalled is closed when the half has been sent.
type staller struct {
	once     sync.Once
	stalled  chan struct{}
	released chan struct{}
}

func newStaller() *staller {
	return &staller{stalled: make(chan struct{}), released: make(chan struct{})}
}

func (s *staller) release() {
	select {
	case <-s.released:
	default:
		close(s.released)
	}
}

func (s *staller) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || !strings.Contains(r.URL.Path, "/blobs/sha256:") {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		first := false
		if len(body) > 64<<10 {
			s.once.Do(func() { first = true })
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		if !first {
			w.Write(body)
			return
		}
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		close(s.stalled)
		select {
		case <-r.Context().Done():
			return
		case <-s.released:
			w.Write(body[len(body)/2:])
		}
	})
}

// leftovers lists what tmp/ holds.
func leftovers(t *testing.T, s *Store) []string {
	t.Helper()
	ents, err := os.ReadDir(s.path(tmpDir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestCancelMidPull(t *testing.T) {
	st := newStaller()
	reg := testimage.StartRegistryWith(t, st.wrap)
	ref := testimage.Push(t, reg, "tool")
	s := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := s.Pull(ctx, ref, "", nil)
		done <- err
	}()
	<-st.stalled
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Pull: %v, want context.Canceled", err)
	}
	assertUnpoisoned(t, s, 0)
	if _, err := s.Get(context.Background(), ref, ""); err == nil {
		t.Fatal("Get finds a cancelled pull's image")
	}
	st.release()
	img, _ := pullOK(t, s, ref)
	if fi, err := os.Stat(img.Layers[0] + "/testtool"); err != nil || fi.Size() < 1<<20 {
		t.Fatalf("testtool after a good pull: %v %v", fi, err)
	}
}

func TestKillMidPull(t *testing.T) {
	st := newStaller()
	reg := testimage.StartRegistryWith(t, st.wrap)
	ref := testimage.Push(t, reg, "tool")
	s := openTest(t)
	cmd := child(t, s.Dir(), ref)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	<-st.stalled
	cmd.Process.Signal(syscall.SIGKILL)
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the child finished its pull before the kill: %s", out.String())
	}

	// The half-unpacked layer is in tmp/, never in layers/.
	if names := leftovers(t, s); len(names) != 1 || !strings.HasPrefix(names[0], "layer-") {
		t.Fatalf("tmp/ after the kill holds %q, want the dead pull's layer", names)
	}
	if n := entries(t, s, layersDir); n != 0 {
		t.Fatalf("layers/ holds %d entries after a killed pull", n)
	}
	if _, err := s.Get(context.Background(), ref, ""); err == nil {
		t.Fatal("Get finds a killed pull's image")
	}

	// The lock died with the process: a new pull takes it, clears the
	// leftover and completes.
	st.release()
	pullOK(t, s, ref)
	if names := leftovers(t, s); len(names) != 0 {
		t.Errorf("tmp/ after a good pull holds %q", names)
	}
}

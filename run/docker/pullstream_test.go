package docker

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// A pull stream as the daemon sent it here (shortened).
const pullStream = `{"status":"Pulling from obs/big","id":"1"}
{"status":"Pulling fs layer","progressDetail":{},"id":"b57aa00b7efd"}
{"status":"Pulling fs layer","progressDetail":{},"id":"a5eda1a268c4"}
{"status":"Downloading","progressDetail":{"current":32768,"total":977777},"progress":"[=\u003e   ]  32.77kB/977.8kB","id":"b57aa00b7efd"}
{"status":"Downloading","progressDetail":{"current":32768,"total":3146586},"progress":"[\u003e    ]  32.77kB/3.147MB","id":"a5eda1a268c4"}
{"status":"Downloading","progressDetail":{"current":977777,"total":977777},"progress":"[=====\u003e]  977.8kB/977.8kB","id":"b57aa00b7efd"}
{"status":"Download complete","progressDetail":{},"id":"b57aa00b7efd"}
{"status":"Pull complete","progressDetail":{},"id":"b57aa00b7efd"}
{"status":"Pull complete","progressDetail":{},"id":"a5eda1a268c4"}
{"status":"Digest: sha256:1ec1fb533fbcab933d6c9d8c346927913757ad5aa296d8fef3b10100927d77f6"}
{"status":"Status: Downloaded newer image for 127.0.0.1:38989/obs/big:1"}
`

const streamError = `{"errorDetail":{"message":"failed to register layer: no space left on device"},"error":"failed to register layer: no space left on device"}` + "\n"

func TestReadPull(t *testing.T) {
	for _, progress := range []*bytes.Buffer{nil, {}} {
		n, err := readPull(strings.NewReader(pullStream), writer(progress))
		if err != nil || n != 977777+3146586 {
			t.Errorf("readPull = %d, %v; want %d, nil", n, err, 977777+3146586)
		}
		if progress != nil && !strings.Contains(progress.String(), "Downloaded newer image") {
			t.Errorf("progress %q, want the stream rendered", progress.String())
		}
	}
}

// TestReadPullError: an error inside the stream, which arrives with HTTP
// 200, is the pull's error, quiet or not, wherever it comes.
func TestReadPullError(t *testing.T) {
	lines := strings.SplitAfter(pullStream, "\n")
	midway := strings.Join(lines[:4], "") + streamError + strings.Join(lines[4:], "")
	for _, stream := range []string{streamError, midway, `{"error":"legacy field only"}`} {
		for _, progress := range []*bytes.Buffer{nil, {}} {
			_, err := readPull(strings.NewReader(stream), writer(progress))
			if err == nil || !strings.Contains(err.Error(), "no space left") && !strings.Contains(err.Error(), "legacy") {
				t.Errorf("readPull(%.40q…) = %v, want the stream's error", stream, err)
			}
		}
	}
	if _, err := readPull(strings.NewReader(`{"status":"Pul`), nil); err == nil {
		t.Errorf("readPull of a cut stream = nil error")
	}
}

// writer keeps a nil *bytes.Buffer from becoming a non-nil io.Writer.
func writer(b *bytes.Buffer) io.Writer {
	if b == nil {
		return nil
	}
	return b
}

//go:build !lean

package docker

import (
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/docker/docker/pkg/jsonmessage"
)

// pulled is what a pull's stream reported.
type pulled struct {
	bytes  int64  // fetched; 0 when the daemon did not say
	digest string // the manifest digest of its "Digest: " line; empty without one
}

// readPull consumes a pull's JSON message stream and returns the bytes
// fetched and the error the stream reports, if any: the daemon reports most
// pull failures inside a stream it sent with HTTP 200, so a caller that does
// not read to the end never sees them. When progress is set, the stream is
// also rendered to it as docker pull does.
func readPull(body io.Reader, progress io.Writer) (int64, error) {
	p, err := readPullStream(body, progress)
	return p.bytes, err
}

// readPullStream is readPull, also returning the digest.
func readPullStream(body io.Reader, progress io.Writer) (pulled, error) {
	if progress != nil {
		pr, pw := io.Pipe()
		done := make(chan struct{})
		go func() { defer close(done); show(pr, progress) }()
		defer func() { pw.Close(); <-done }()
		body = io.TeeReader(body, pw)
	}
	sizes := map[string]int64{} // layer ID -> its compressed size
	var p pulled
	err := decodePull(body, sizes, &p.digest)
	for _, s := range sizes {
		p.bytes += s
	}
	return p, err
}

// decodePull reads messages to the end or to the first error, noting the
// size of every layer being downloaded and the image's digest.
func decodePull(body io.Reader, sizes map[string]int64, digest *string) error {
	dec := json.NewDecoder(body)
	for {
		var m jsonmessage.JSONMessage
		if err := dec.Decode(&m); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if err := messageError(m); err != nil {
			return err
		}
		if m.Status == "Downloading" && m.ID != "" && m.Progress != nil {
			sizes[m.ID] = m.Progress.Total
		}
		if d, ok := strings.CutPrefix(m.Status, "Digest: "); ok {
			*digest = d
		}
	}
}

// messageError is the error a message carries, if any.
func messageError(m jsonmessage.JSONMessage) error {
	if m.Error != nil {
		return m.Error
	}
	if m.ErrorMessage != "" { // older daemons set only this deprecated field
		return errors.New(m.ErrorMessage)
	}
	return nil
}

// show renders the stream with progress bars, then drains what is left when
// rendering stops early (it stops at an error message) so the reader above
// never blocks.
func show(r io.Reader, w io.Writer) {
	fd := ^uintptr(0) // not a terminal: jsonmessage then assumes a wide one
	if f, ok := w.(interface{ Fd() uintptr }); ok {
		fd = f.Fd()
	}
	_ = jsonmessage.DisplayJSONMessagesStream(r, w, fd, true, nil)
	_, _ = io.Copy(io.Discard, r)
}

package testimage

import (
	"archive/tar"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
)

// layerOpener yields an uncompressed tar holding /tmp (1777), /testtool and
// its copies. Written by hand: such a tar is shorter than any builder's setup.
func layerOpener(bin []byte, copies []toolCopy) func() (io.ReadCloser, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: "tmp/", Mode: 0o1777})
	tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "testtool", Mode: 0o755, Size: int64(len(bin))})
	tw.Write(bin)
	for _, c := range copies {
		tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: c.path, Mode: c.mode, Size: int64(len(bin))})
		tw.Write(bin)
	}
	tw.Close()
	data := buf.Bytes()
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

func nonce() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

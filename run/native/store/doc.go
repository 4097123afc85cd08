// Package store is the daemonless image store of the native runtime: it
// pulls images with go-containerregistry, unpacks their layers safely,
// once, into directories that stack as overlayfs lowerdirs, and finds them
// again without any network in one small file read.
//
// # On-disk layout
//
// Under the store's directory (e.g. $XDG_DATA_HOME/sshell/store):
//
//	blobs/sha256/<hex>       manifests, indexes and configs, verified, read-only
//	layers/<diffid-hex>/     one unpacked layer, keyed by its diff ID (shared by images)
//	    layer.json           its record: digests, size, whiteouts, what was skipped
//	    diff/                its tree: what Image.Layers lists
//	refs/<key>.json          one reference: everything Get returns (the image record)
//	rootfs/<config-hex>/     a flattened root (Flatten), hard links into layers/
//	locks/                   flock files: store.lock and one per object
//	tmp/                     work in progress: temp files and dirs, renamed into place
//
// A record's key is a hash of the canonical reference and the platform
// (refs are "index.docker.io/library/alpine:latest", whatever was typed).
// A Pull by tag also writes a record for repo@digest, an alias, so that
// Get by digest (a pinned or rolled-back image) works offline; an alias is
// no reference of its own and goes with the last tag holding its digest.
// A record's mtime is its LastUsed, set on every Pull and Get.
//
// Compressed layer blobs are not kept: a layer is streamed from the
// registry through the decompressor into the extractor, and only the
// unpacked tree stays, so an image costs its unpacked size once (not
// twice). The price is that the store cannot push or export images.
//
// # Guarantees
//
//   - Verified content. Manifests and configs are checked against their
//     digests; each layer stream is hashed as it is read, both compressed
//     (against the manifest) and uncompressed (against the config's diff
//     ID), and a mismatch discards the layer.
//   - Atomicity. Every object is written under tmp/ and renamed into place
//     only when complete (files fsynced; a layer's tree made durable with
//     one syncfs), so a kill -9 at any point leaves either nothing or a
//     whole object; leftovers in tmp/ are removed by the next writer of the
//     same object (under its lock) or by Remove and Purge.
//   - Concurrency. Goroutines and processes may share a store. A layer
//     (and a flattened root) is produced under an exclusive flock of its
//     own, so concurrent Pulls of images sharing layers fetch and unpack
//     each layer once and all succeed. Pulls hold store.lock shared;
//     Remove's collection and Purge hold it exclusively, so they never
//     remove an object a Pull is about to record. Get takes no lock: it
//     reads one file written by rename. Lock waits end with the context.
//   - Safe unpacking, over archive/tar and os.Root: absolute names, "..",
//     hard links out of the layer and writes through symlinks that leave it
//     (or are absolute: os.Root resolves none) fail the layer with an
//     error; a write through a relative symlink that stays inside lands
//     inside. A symlink itself may point anywhere: an absolute target is
//     resolved in the container's root at run time. Device nodes, FIFOs
//     and other special files are skipped (counted in layer.json); setuid
//     and setgid bits are dropped (counted); extended attributes (file
//     capabilities included) are not restored. A layer unpacking to more
//     than WithMaxUnpackedBytes (8 GiB by default), in its stream or in
//     what it writes (a sparse file declares terabytes in a few bytes),
//     fails as a decompression bomb (ErrLayerTooLarge). Modes, mtimes (not
//     a symlink's own) and, when running as root, owners come from the
//     tar; parents missing from it are created 0755. A failed layer leaves
//     nothing behind.
//   - Whiteouts. ".wh.NAME" becomes overlayfs's whiteout, a 0/0 character
//     device NAME, and ".wh..wh..opq" the xattr trusted.overlay.opaque=y on
//     its directory, so Image.Layers mount as overlay lowerdirs as they
//     are. These need root (this is not a device node from the tar, which
//     is always skipped). Without root, layer.json's lists are the only
//     record, and Flatten applies them.
//
// # References
//
// References are read as Docker reads them ("alpine" is
// index.docker.io/library/alpine:latest) and must follow Docker's grammar;
// a bare name with a dot ("ghcr.io", "127.0.0.1:5000") is refused rather
// than looked up on Docker Hub. Records are per reference and platform;
// Remove untags a reference for every platform, then collects; Collect
// alone drops what tags that moved on left behind.
//
// # Errors
//
// Failures wrap run.ErrImageNotFound (unknown repository, tag, manifest,
// or no image for the platform), run.ErrRegistryUnreachable (refused,
// DNS, timeout), run.ErrAuthDenied (401, 403) and run.ErrNoSpace, with the
// operation and the reference: `pulling "alpine": image not found: ...`.
//
// Registries are reached with the keychain (Docker's config and credential
// helpers by default), mirrors first (WithMirrors), for the host's
// platform unless told otherwise, and over plain HTTP for loopback,
// localhost, *.local and RFC 1918 addresses (go-containerregistry's rule).
// Each request's answer is awaited at most WithResponseTimeout (30 s), so
// a registry that never answers is unreachable rather than a hang; the
// caller's own cancellation or deadline is reported as such, of no kind.
package store

# sshell: make build | test | bench | install | cross
GO      ?= go
PREFIX  ?= /usr/local
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
export CGO_ENABLED = 0

.PHONY: all build test bench install cross vet clean fuzz

all: build

# Two builds of one CLI: bin/sshell is the lean one (-tags lean: no Docker
# runtime, no registry client), which starts in a fraction of the time and
# runs bin/sshell-full, beside it, for what it leaves to that one
# (docs/native.md, "Speed").
build:
	$(GO) build -trimpath -tags lean -ldflags '$(LDFLAGS)' -o bin/sshell ./cmd/sshell
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/sshell-full ./cmd/sshell

# The whole suite: unit tests, the Docker runner conformance suite against the
# real daemon and a loopback registry, and end-to-end CLI scripts.
test: vet
	$(GO) test -count=1 -timeout 20m ./...
	for m in third_party/github.com/*/*; do (cd $$m && $(GO) test -count=1 ./...) || exit 1; done

vet:
	$(GO) vet ./...
	$(GO) vet -tags lean ./cmd/sshell # the lean build (its stubs); the packages' own tests need the full one

# The manifest loader never panics on any input (FUZZTIME=1m make fuzz).
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseFile$$' -fuzztime $(or $(FUZZTIME),15s) ./resolve

# Speed targets, as ratios against peers measured in the same run.
bench: build
	scripts/bench.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 bin/sshell $(DESTDIR)$(PREFIX)/bin/sshell
	install -m 0755 bin/sshell-full $(DESTDIR)$(PREFIX)/bin/sshell-full
	$(DESTDIR)$(PREFIX)/bin/sshell version

# The Docker runner makes sshell cross-platform: it must build, and every
# package vet, everywhere.
cross:
	@for os in linux darwin windows; do for arch in amd64 arm64; do \
		ext=; [ $$os = windows ] && ext=.exe; \
		echo "build $$os/$$arch"; \
		GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o dist/sshell-$$os-$$arch$$ext ./cmd/sshell || exit 1; \
	done; echo "vet $$os"; GOOS=$$os $(GO) vet ./... || exit 1; done

clean:
	rm -rf bin dist

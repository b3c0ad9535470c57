# decline's build and checks. `make test` is the one test command: the
# README and .ci/run both call it.

GO      ?= go
BIN     ?= bin
LDFLAGS := -s -w
export CGO_ENABLED ?= 0

FUZZTIME ?= 30s
# Minimizing a new input can take most of a short run (a big input is
# tried with every byte left out), so it is kept short.
FUZZMINIMIZETIME ?= 5s

.PHONY: build test run fmt-check vet staticcheck unit update-golden generate fuzz bench man release clean

# VERSION names a build: the git tag, or the commit, and -dirty when the
# tree has changes. It is stamped into the binary (decline --version adds
# the commit from the build info) and names the release files.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
STAMP    = -X github.com/decline-cli/decline/internal/version.releaseVersion=$(VERSION)

## build: a static, stripped binary in bin/decline, stamped with VERSION
## and the commit
build:
	CGO_ENABLED=0 $(GO) build -buildvcs=true -trimpath -ldflags='$(LDFLAGS) $(STAMP)' -o $(BIN)/decline ./cmd/decline

## test: formatting, go vet, staticcheck, and every test with the race detector
test: fmt-check vet staticcheck unit

fmt-check:
	@out=$$(gofmt -l cmd internal templates); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

unit:
	CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 25m ./...

## run: draft a reply, e.g. make run ARGS='--name Scott -r no-business'
run:
	$(GO) run ./cmd/decline draft $(ARGS)

## generate: recompile templates/*/*.yaml into templates/defaults_gen.go
generate:
	$(GO) generate ./templates

## fuzz: run every fuzz target for FUZZTIME each (findings land in the
## package's testdata/fuzz, to be committed as regression seeds)
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test $$pkg -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME); \
	  done; \
	done

## bench: measure SPEC section 11's targets and print each beside its goal
## (never part of make test; run it on a quiet machine)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/catalog ./internal/compose ./internal/deliver ./internal/batch ./internal/jsonenc ./internal/cli
	$(GO) run ./internal/bench $(BENCHFLAGS)

## man: manual pages for every command and help topic, from the cobra
## tree, in build/man/man1 and build/man/man7 (read with man -M build/man)
man:
	rm -rf build/man
	$(GO) run -ldflags='$(STAMP)' ./internal/mangen build/man

PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

## release: static, stripped binaries for every platform, stamped with
## VERSION and the commit, plus SHA-256 checksums, in build/release
release:
	@rm -rf build/release && mkdir -p build/release
	@set -e; for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  out=build/release/decline_$(VERSION)_$${os}_$${arch}$$ext; \
	  echo "building $$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -buildvcs=true -trimpath \
	    -ldflags='$(LDFLAGS) $(STAMP)' \
	    -o $$out ./cmd/decline; \
	done
	cd build/release && sha256sum decline_* > checksums.txt && cat checksums.txt

## update-golden: rewrite the golden renderings and testscript expectations
update-golden:
	$(GO) test ./internal/compose/ -run Golden -update
	$(GO) test ./internal/cli/ -run Script -update

clean:
	rm -rf $(BIN)

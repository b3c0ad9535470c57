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

.PHONY: build test run fmt-check vet staticcheck unit update-golden generate fuzz bench man completions release release-check sbom-check clean

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

## completions: the shell completion scripts, in build/completions
completions:
	rm -rf build/completions && mkdir -p build/completions
	$(GO) run ./cmd/decline completion bash > build/completions/decline.bash
	$(GO) run ./cmd/decline completion zsh > build/completions/_decline
	$(GO) run ./cmd/decline completion fish > build/completions/decline.fish
	$(GO) run ./cmd/decline completion powershell > build/completions/decline.ps1

# GoReleaser is run at a pinned version with go run, so that it is never
# a dependency of the module (go install ...@latest stays light).
GORELEASER ?= $(GO) run github.com/goreleaser/goreleaser/v2@v2.15.1
# The SBOM step runs cyclonedx-gomod, found on PATH or in Go's install
# directory (GOBIN, else GOPATH/bin), or named with
# CYCLONEDX_GOMOD=/path/to/cyclonedx-gomod; its directory is put first on
# GoReleaser's PATH. Without it the step is skipped, and said so.
GOBIN_DIR        = $(or $(shell $(GO) env GOBIN 2>/dev/null),$(shell $(GO) env GOPATH 2>/dev/null)/bin)
CYCLONEDX_GOMOD ?= $(firstword $(wildcard $(addsuffix /cyclonedx-gomod,$(subst :, ,$(PATH)) $(GOBIN_DIR))))
SBOM_SKIP        = $(if $(CYCLONEDX_GOMOD),,--skip=sbom)
SBOM_PATH        = $(if $(CYCLONEDX_GOMOD),PATH="$(dir $(abspath $(CYCLONEDX_GOMOD))):$$PATH")
CYCLONEDX_HINT   = go install github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@latest

## release: a snapshot release in dist/, built offline and published
## nowhere: archives for every platform (with man pages, completions,
## README and LICENSE), SHA-256 checksums, .deb and .rpm packages, a
## Homebrew formula and a Scoop manifest; a CycloneDX SBOM of each
## binary when cyclonedx-gomod is installed
release:
	@$(if $(SBOM_SKIP),echo "release: cyclonedx-gomod is not installed: no SBOM is made (to make one: $(CYCLONEDX_HINT))",echo "release: SBOMs by $(CYCLONEDX_GOMOD)")
	$(SBOM_PATH) $(GORELEASER) release --snapshot --clean $(SBOM_SKIP)
	$(MAKE) release-check

## release-check: the .deb holds the binary, the man pages and the
## completions where a Debian system looks for them
release-check:
	@set -e; deb=$$(ls dist/*_amd64.deb | head -n1); echo "checking $$deb"; \
	dpkg-deb -c $$deb > dist/deb-contents.txt; \
	for f in ./usr/bin/decline ./usr/share/man/man1/decline.1 ./usr/share/man/man1/decline-draft.1 \
	  ./usr/share/bash-completion/completions/decline ./usr/share/zsh/vendor-completions/_decline \
	  ./usr/share/fish/vendor_completions.d/decline.fish; do \
	  grep -q " $$f$$" dist/deb-contents.txt || { echo "release-check: $$deb lacks $$f"; exit 1; }; \
	done; \
	test -s dist/checksums.txt; ls dist/homebrew/*.rb dist/scoop/*.json dist/*.rpm >/dev/null; \
	echo "release-check: $$deb installs the binary, man pages and completions"
	@$(if $(SBOM_SKIP),echo "release-check: no SBOM to check (cyclonedx-gomod is not installed)",$(MAKE) --no-print-directory sbom-check)

# sbom-check: every archive has its SBOM beside it (NAME.sbom.json), each
# a CycloneDX JSON document whose main component is this module, and
# checksums.txt covers it
MODULE := $(shell sed -n 's/^module //p' go.mod)
sbom-check:
	@set -e; command -v jq >/dev/null || { echo "sbom-check: jq is needed to read the SBOMs"; exit 1; }; \
	n=0; for a in dist/decline_*.tar.gz dist/decline_*.zip; do \
	  [ -e "$$a" ] || continue; \
	  s=$${a%.tar.gz}; s=$${s%.zip}.sbom.json; \
	  [ -s "$$s" ] || { echo "sbom-check: $$a has no SBOM ($$s)"; exit 1; }; \
	  jq -e --arg m "$(MODULE)" '.bomFormat == "CycloneDX" and .metadata.component.name == $$m' "$$s" >/dev/null \
	    || { echo "sbom-check: $$s is not a CycloneDX JSON SBOM of $(MODULE)"; exit 1; }; \
	  awk -v f="$${s#dist/}" '$$2 == f { ok = 1 } END { exit !ok }' dist/checksums.txt || { echo "sbom-check: checksums.txt lacks $${s#dist/}"; exit 1; }; \
	  n=$$((n+1)); \
	done; \
	[ $$n -gt 0 ] || { echo "sbom-check: no archives in dist/"; exit 1; }; \
	echo "sbom-check: $$n SBOMs, one per archive, each a CycloneDX document of $(MODULE)"

## update-golden: rewrite the golden renderings and testscript expectations
update-golden:
	$(GO) test ./internal/compose/ -run Golden -update
	$(GO) test ./internal/cli/ -run Script -update

clean:
	rm -rf $(BIN) build dist

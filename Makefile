# Amparo: `make run` opens the app, `make test` runs every test.
# Both install what they need on Debian or Ubuntu first (see `deps`).

GO        ?= go
VERSION   ?= 0.1.0
COMMIT    := $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS   := -s -w -X github.com/amparo-app/amparo/internal/version.Version=$(VERSION) -X github.com/amparo-app/amparo/internal/version.Commit=$(COMMIT)
DATA      ?= $(CURDIR)/data
DEMO_DATA ?= $(CURDIR)/demo-data
DEMO_CASES ?= 300
DEMO_PASSWORD ?= amparo demo office
APT_PKGS  := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth poppler-utils age
WIN_PKGS  := gcc-mingw-w64-x86-64
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export LANG ?= en_US.UTF-8

.PHONY: all run test build demo bench lint clean deps windows smoke vet

all: build

## deps: install the system packages Amparo builds and tests with (Debian/Ubuntu)
deps:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: get Go 1.26 or newer from https://go.dev/dl/ and run make again."; exit 1; }
	@if [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then \
		missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "Installing: $$missing"; \
			$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
		fi; \
	else \
		echo "This is not Debian or Ubuntu. Install these (or your system's equivalents) and run make again:"; \
		echo "  a C compiler, pkg-config, OpenGL and X11 development headers, Xvfb, xauth, poppler-utils, age"; \
		exit 1; \
	fi

## build: desktop app (cgo) and command line (pure Go) into bin/
build: deps
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/amparo ./cmd/amparo
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/amparoctl ./cmd/amparoctl

## run: build and open the app on ./data (first start creates the office)
run: build
	AMPARO_DATA=$(DATA) ./bin/amparo

## demo: open the app on a demo office of fictional cases in ./demo-data
demo: build
	@if [ ! -f $(DEMO_DATA)/amparo.db ]; then \
		echo "Creating the demo office in $(DEMO_DATA) with $(DEMO_CASES) fictional cases..."; \
		AMPARO_PASSWORD="$(DEMO_PASSWORD)" ./bin/amparoctl init --data $(DEMO_DATA) --office "Demo office (fictional data)" --country CV --lang en --admin admin --name "Demo Administrator" >/dev/null && \
		AMPARO_USER=admin AMPARO_PASSWORD="$(DEMO_PASSWORD)" AMPARO_NEW_PASSWORD="$(DEMO_PASSWORD)" ./bin/amparoctl user add --data $(DEMO_DATA) --username supervisor --name "Demo Supervisor" --role supervisor && \
		AMPARO_USER=supervisor AMPARO_PASSWORD="$(DEMO_PASSWORD)" ./bin/amparoctl seed --data $(DEMO_DATA) --cases $(DEMO_CASES); \
	fi
	@echo "Demo office: log in as 'supervisor' (cases) or 'admin' (users, settings); password: $(DEMO_PASSWORD)"
	AMPARO_DATA=$(DEMO_DATA) ./bin/amparo

vet:
	$(GO) vet ./...

## test: vet, every Go test (UI headless, cgo-free), then the real window under Xvfb
test: deps vet
	CGO_ENABLED=0 $(GO) test -count=1 -timeout 30m ./internal/... ./cmd/amparoctl/... ./assets/... ./translations/...
	xvfb-run -a -s "-screen 0 1366x768x24" $(GO) test -count=1 ./cmd/amparo/...

## smoke: only the real-window smoke test (writes the screenshot to bin/smoke.png)
smoke: deps
	AMPARO_SMOKE_KEEP=$(CURDIR)/bin/smoke.png xvfb-run -a -s "-screen 0 1366x768x24" $(GO) test -count=1 -run Smoke -v ./cmd/amparo/

## bench: benchmarks, with memory figures
bench:
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem ./...

## lint: go vet and staticcheck
lint: vet
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

## windows: cross-compile dist/amparo.exe with mingw-w64 (not part of test)
windows:
	@command -v x86_64-w64-mingw32-gcc >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(WIN_PKGS); }
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) build -trimpath -ldflags "$(LDFLAGS) -H windowsgui" -o dist/amparo.exe ./cmd/amparo
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o dist/amparoctl.exe ./cmd/amparoctl

## clean: remove build output (never the data folders)
clean:
	rm -rf bin dist
	$(GO) clean -testcache

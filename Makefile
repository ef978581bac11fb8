# askedat: crawl interview experiences, index them, serve search.
#
#   make demo    generate a sample site, crawl it, index it, serve search on $(ADDR)
#   make reindex rebuild the index from the crawl archive as a new version; searchd follows
#   make test    every test (gofmt, vet, unit, integration, contract checks)
#   make bench   the benchmark beside Lucene, PostgreSQL, SQLite FTS5 and Sphinx (tens of minutes)
#   make fuzz    every fuzz target for $(FUZZTIME) each
#   make loadtest   a sample index, searchd on loopback, a load of $(LOADTEST_DURATION); prints the report
#   make scale-test nats-server, 3 searchd replicas following it, HAProxy, a load of $(SCALE_DURATION) with a publish, a kill -9 and a restart
#   make vulncheck  govulncheck over the module, with the Go vulnerability database

# Go 1.27.3: the standard library of 1.26.8 has vulnerabilities in net/http,
# crypto/tls, crypto/x509 and html/template that this code calls (make
# vulncheck). The go command fetches this toolchain from the module proxy once
# (about 76 MB); make GOTOOLCHAIN=local uses the Go on the machine instead.
export GOTOOLCHAIN ?= go1.27.3

ADDR    ?= 127.0.0.1:8080
POSTS   ?= 500
SEED    ?= 1
DATA    ?= data/demo
INDEX   ?= $(DATA)/index
ARCHIVE ?= $(DATA)/crawl/warc
GO      ?= go
BIN     := bin
CMDS    := crawler indexer searchd sitegen
SHARED  ?= ../shared
FUZZTIME ?= 20s
LOADTEST_DURATION ?= 5m
LOADTEST_CLIENTS  ?= 4
LOADTEST_POSTS    ?= 500
SCALE_DURATION    ?= 2m
SCALE_CLIENTS     ?= 4
SCALE_POSTS       ?= 500
SCALE_NATS_NODES  ?= 1

.PHONY: all build demo demo-real test vet fmt-check unit contract clean bench bench-smoke reindex rollback reindex-load fuzz loadtest scale-test vulncheck

all: build

build:
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ $(addprefix ./,$(CMDS))

## demo: generate $(POSTS) posts, serve them on loopback, crawl, index, and serve search on $(ADDR).
## It first checks that $(ADDR) can be listened on (searchd -check-addr), so a busy port fails at once.
demo: build
	$(BIN)/searchd -check-addr -addr $(ADDR)
	ADDR=$(ADDR) POSTS=$(POSTS) SEED=$(SEED) DATA=$(DATA) INDEX=$(INDEX) BIN=$(BIN) ./scripts/demo.sh

## demo-real: the demo on the real posts of $(SHARED)/corpus (needs python3 to serve them on loopback):
## crawl the pages, import the LeetCode lists of their companies, index both, serve search on $(ADDR).
demo-real: build
	$(BIN)/searchd -check-addr -addr $(ADDR)
	ADDR=$(ADDR) SHARED=$(SHARED) BIN=$(BIN) ./scripts/demo-real.sh

## reindex: the batch reindex job: re-extract every page of the crawl archive $(ARCHIVE) with no
## network (crawler extract; make demo crawls into $(DATA)/crawl), build a new index version in
## $(INDEX), verify it and switch it in; a running searchd -data $(INDEX) follows. The documents
## go to a file of this run's own, removed once the reindex is done (on failure it is kept as
## $(DATA)/reindex-docs.failed.jsonl), so no other run reads a file this one writes.
reindex: build
	@mkdir -p $(DATA); docs=$(DATA)/reindex-docs.$$$$.jsonl; set -x; \
	$(BIN)/crawler extract -archive $(ARCHIVE) -out $$docs || { rm -f $$docs $$docs.tmp; exit 1; }; \
	$(BIN)/indexer reindex -docs $$docs -data $(INDEX) -report $(DATA)/reindex-report.json || { \
		mv $$docs $(DATA)/reindex-docs.failed.jsonl; echo "make reindex: the documents extracted are in $(DATA)/reindex-docs.failed.jsonl"; exit 1; }; \
	rm -f $$docs

## rollback: switch $(INDEX) back to the version before the current one.
rollback: build
	$(BIN)/indexer rollback -data $(INDEX)

## reindex-load: a reindex and an update of the demo corpus while 4 clients search searchd without
## pause; prints the requests served by version and the failures (0).
reindex-load:
	POSTS=$(POSTS) $(GO) test -count=1 -run TestReindexOfTheDemoCorpusUnderLoad -v ./searchd | grep -v '^=== RUN'

## test: everything CI runs.
test: fmt-check vet unit contract

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -count=1 ./...

# The contracts of ../shared/docs/DESIGN.md, checked from the outside.
contract:
	@if [ -x $(SHARED)/checks/contract.sh ] || [ -f $(SHARED)/checks/contract.sh ]; then \
		bash $(SHARED)/checks/contract.sh; \
	elif [ -n "$$CI" ]; then \
		echo "contract: $(SHARED)/checks/contract.sh is missing and CI is set"; exit 1; \
	else \
		echo "contract: skipped ($(SHARED)/checks/contract.sh not found)"; \
	fi

## bench: corpora of 100k and 1M questions, every engine, bench/results/REPORT.md (see bench/README.md);
## each size also on a corpus of real sentences when $(SHARED)/bench/gen_corpus.py is there.
bench:
	BENCH_SHARED=$${BENCH_SHARED:-$(SHARED)} bash bench/run.sh full

## bench-smoke: the bench harness end to end at 2,000 questions, in a few minutes; fails if an engine fails or they disagree.
bench-smoke:
	cd bench && $(GO) vet ./... && $(GO) test -count=1 ./...
	BENCH_SHARED=$${BENCH_SHARED:-$(SHARED)} bash bench/run.sh smoke

## fuzz: every fuzz target (func Fuzz… in a _test.go file) for $(FUZZTIME) each; seeds in each package's testdata/fuzz/.
fuzz:
	FUZZTIME=$(FUZZTIME) GO=$(GO) ./scripts/fuzz.sh

## loadtest: $(LOADTEST_POSTS) sample posts indexed, searchd on a free loopback port (result cache off), $(LOADTEST_CLIENTS) clients for $(LOADTEST_DURATION); report in data/loadtest/report.json.
loadtest:
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ ./sitegen ./indexer ./searchd ./loadtest
	POSTS=$(LOADTEST_POSTS) DURATION=$(LOADTEST_DURATION) CLIENTS=$(LOADTEST_CLIENTS) BIN=$(BIN) ./scripts/loadtest.sh

## scale-test: one nats-server, 3 searchd replicas following it (-follow, empty data directories), HAProxy in
## front (deploy/haproxy.cfg), loadtest through HAProxy for $(SCALE_DURATION) while a reindex publishes, a replica
## is killed with kill -9 and restarted, the nats-server restarts and a second reindex publishes; fails on any
## failed request or replicas that disagree. Installs haproxy and jq (apt-get) and nats-server (go install).
## SCALE_NATS_NODES=3: a cluster of three nats-servers (buckets replicated to all three; one is restarted).
scale-test:
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ ./sitegen ./indexer ./searchd ./loadtest
	DURATION=$(SCALE_DURATION) CLIENTS=$(SCALE_CLIENTS) POSTS=$(SCALE_POSTS) NATS_NODES=$(SCALE_NATS_NODES) BIN=$(BIN) GO=$(GO) ./scripts/scale-test.sh

## vulncheck: govulncheck over the module; the database is built from the golang.org/x/vulndb module (VULNDB=https://vuln.go.dev for the live one).
vulncheck:
	GO=$(GO) ./scripts/vulncheck.sh

clean:
	rm -rf $(BIN) data out

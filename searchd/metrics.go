package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Search outcomes, the values of the outcome label of
// askedat_searches_total. Each search has exactly one.
const (
	outcomeOK         = "ok"
	outcomeZero       = "zero_results"
	outcomeCacheHit   = "cache_hit" // answered from the result cache, whatever its total
	outcomeBadRequest = "bad_request"
	outcomeTimeout    = "timeout"    // past -search-timeout
	outcomeOverloaded = "overloaded" // refused: -max-searches were in flight
	outcomeThrottled  = "throttled"  // refused: the client had -max-searches-per-client in flight
	outcomeCancelled  = "cancelled"  // the client went away
	outcomeError      = "error"
)

var outcomes = []string{outcomeOK, outcomeZero, outcomeCacheHit, outcomeBadRequest, outcomeTimeout, outcomeOverloaded, outcomeThrottled, outcomeCancelled, outcomeError}

// latencyBuckets suit searchd: most answers take 0.25–50 ms, the deadline is
// seconds.
var latencyBuckets = []float64{.00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// metrics are the Server's Prometheus metrics, in a registry of its own (not
// the global one), so every Server, and every test, counts apart.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec   // route, code
	latency    *prometheus.HistogramVec // route, code
	searches   *prometheus.CounterVec   // outcome
	searchTime prometheus.Histogram
	inFlight   prometheus.Gauge
	cacheHits  prometheus.Counter
	cacheMiss  prometheus.Counter
}

// cacheSizer is a searcher with a result cache: the holder (its current
// version's) and cachedSearcher.
type cacheSizer interface{ CacheLen() int }

func newMetrics(s *Server) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "askedat_http_requests_total",
			Help: "HTTP requests answered, by route template (none: no route matched) and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "askedat_http_request_duration_seconds",
			Help:    "Time from a request's headers to its answer written, by route template and status code.",
			Buckets: latencyBuckets,
		}, []string{"route", "code"}),
		searches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "askedat_searches_total",
			Help: "Searches (API, web page, question clusters) by outcome: " + strings.Join(outcomes, ", ") + ".",
		}, []string{"outcome"}),
		searchTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "askedat_search_duration_seconds",
			Help:    "Time the index took to answer a search, cache hits included, failures excluded.",
			Buckets: latencyBuckets,
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "askedat_searches_in_flight",
			Help: "Searches running now.",
		}),
		cacheHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "askedat_cache_hits_total",
			Help: "Searches answered from the result cache.",
		}),
		cacheMiss: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "askedat_cache_misses_total",
			Help: "Searches looked up in the result cache and not found there.",
		}),
	}
	for _, o := range outcomes {
		m.searches.WithLabelValues(o) // every outcome is listed from the start, at 0
	}
	m.reg.MustRegister(m.requests, m.latency, m.searches, m.searchTime, m.inFlight, m.cacheHits, m.cacheMiss,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "askedat_searches_max",
			Help: "Searches allowed in flight at once (-max-searches); more are answered 503.",
		}, func() float64 { return float64(cap(s.sem)) }),
		indexCollector{s},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler(s *Server) http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      promLogger{s},
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      m.reg, // promhttp_metric_handler_errors_total
	})
}

type promLogger struct{ s *Server }

func (l promLogger) Println(v ...any) { l.s.Logger.Error("metrics", "err", v) }

// indexCollector reports the index served, read when /metrics is scraped:
// the version (a label of a gauge that is always 1), swaps and refusals of
// versions, documents, and the result cache's size.
type indexCollector struct{ s *Server }

var (
	versionDesc   = prometheus.NewDesc("askedat_index_version_info", "The index version served (label version); always 1.", []string{"version"}, nil)
	swapsDesc     = prometheus.NewDesc("askedat_index_swaps_total", "Index versions swapped in since searchd started.", nil, nil)
	refusalsDesc  = prometheus.NewDesc("askedat_index_refusals_total", "Index versions refused (failed their checks) since searchd started.", nil, nil)
	documentsDesc = prometheus.NewDesc("askedat_index_documents", "Documents (questions and experiences) in the index served.", nil, nil)
	cacheDesc     = prometheus.NewDesc("askedat_cache_entries", "Search results in the result cache of the version served.", nil, nil)
)

func (c indexCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{versionDesc, swapsDesc, refusalsDesc, documentsDesc, cacheDesc} {
		ch <- d
	}
}

func (c indexCollector) Collect(ch chan<- prometheus.Metric) {
	if vs, ok := c.s.Index.(versioned); ok {
		if st, err := vs.IndexStatus(context.Background()); err == nil {
			ch <- prometheus.MustNewConstMetric(versionDesc, prometheus.GaugeValue, 1, st.Version)
			ch <- prometheus.MustNewConstMetric(swapsDesc, prometheus.CounterValue, float64(st.Swaps))
			ch <- prometheus.MustNewConstMetric(refusalsDesc, prometheus.CounterValue, float64(st.Refusals))
		}
	}
	if n, err := c.s.Index.DocCount(); err == nil {
		ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.GaugeValue, float64(n))
	}
	if cs, ok := c.s.Index.(cacheSizer); ok {
		ch <- prometheus.MustNewConstMetric(cacheDesc, prometheus.GaugeValue, float64(cs.CacheLen()))
	}
}

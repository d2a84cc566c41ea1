package workload

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ServiceConfig configures StartService. The zero value is a service that
// answers at once and has a 10-page site.
type ServiceConfig struct {
	// Latency is how long each /work and /page request waits before it
	// answers.
	Latency time.Duration `json:"latency"`
	// Jitter adds up to Jitter to Latency: the extra delay depends only
	// on Seed and the request's path and query, so the same URL always
	// takes the same time.
	Jitter time.Duration `json:"jitter"`
	// Pages is the number of pages of the site, /page/0 to
	// /page/{Pages-1}; 0 means 10.
	Pages int `json:"pages"`
	// Links is the number of links on each page; 0 means 3. Every page
	// links to the next one, so all pages can be reached from /page/0.
	Links int `json:"links"`
	// Seed chooses the links and the jitter.
	Seed uint64 `json:"seed"`
	// Limit, if positive, is the number of requests the service serves
	// at once: a request that arrives when Limit are in flight gets 429
	// Too Many Requests at once.
	Limit int `json:"limit"`
}

// ServiceStats is a snapshot of a Service's counters.
type ServiceStats struct {
	Requests  int            `json:"requests"`   // requests received, rejected ones included; /stats is not counted
	Rejected  int            `json:"rejected"`   // requests answered 429 because of Limit
	Active    int            `json:"active"`     // requests in flight now
	MaxActive int            `json:"max_active"` // most requests in flight at once
	Paths     map[string]int `json:"paths"`      // requests per path, rejected ones included
}

// A Service is a local HTTP server for the networking lessons, listening
// on 127.0.0.1 on a port chosen by the system. It answers
//
//	GET /work?id=N[&ms=M]  after the latency (M milliseconds if given), {"id":N,"result":N*N}
//	GET /page/N            after the latency, an HTML page "Page N" with links to other pages
//	GET /                  the same as /page/0
//	GET /stats             at once, the ServiceStats as JSON
//
// and counts requests and the most it served at once. Create it with
// StartService and stop it with Close. Its methods are safe for
// concurrent use.
type Service struct {
	cfg   ServiceConfig
	url   string
	srv   *http.Server
	links [][]int       // links[i]: the pages page i links to
	quit  chan struct{} // closed by Close: waiting handlers return
	done  chan struct{} // closed when Serve has returned
	once  sync.Once

	mu    sync.Mutex // guards stats
	stats ServiceStats
}

// StartService starts a Service and returns once it is listening.
func StartService(cfg ServiceConfig) (*Service, error) {
	if cfg.Pages <= 0 {
		cfg.Pages = 10
	}
	if cfg.Links <= 0 {
		cfg.Links = 3
	}
	if cfg.Latency < 0 || cfg.Jitter < 0 {
		return nil, errors.New("workload: negative service latency or jitter")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("workload: start service: %w", err)
	}
	s := &Service{
		cfg:   cfg,
		url:   "http://" + ln.Addr().String(),
		links: siteLinks(cfg.Pages, cfg.Links, cfg.Seed),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
		stats: ServiceStats{Paths: map[string]int{}},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stats", s.serveStats)
	mux.HandleFunc("GET /work", s.counted(s.serveWork))
	mux.HandleFunc("GET /page/{n}", s.counted(s.servePage))
	mux.HandleFunc("GET /{$}", s.counted(s.servePage))
	mux.HandleFunc("/", s.counted(http.NotFound))
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		defer close(s.done)
		s.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// URL returns the service's base URL, like "http://127.0.0.1:41234",
// without a trailing slash.
func (s *Service) URL() string { return s.url }

// PageURLs returns the full URLs of all the site's pages, /page/0 first:
// what a crawler starting at /page/0 should find.
func (s *Service) PageURLs() []string {
	out := make([]string, s.cfg.Pages)
	for i := range out {
		out[i] = fmt.Sprintf("%s/page/%d", s.url, i)
	}
	return out
}

// Stats returns a snapshot of the counters.
func (s *Service) Stats() ServiceStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Paths = make(map[string]int, len(s.stats.Paths))
	for p, n := range s.stats.Paths {
		st.Paths[p] = n
	}
	return st
}

// ResetStats sets the counters to zero, except Active.
func (s *Service) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats = ServiceStats{Active: s.stats.Active, MaxActive: s.stats.Active, Paths: map[string]int{}}
}

// Close stops the service: requests still waiting answer 503 Service
// Unavailable, connections are closed and the server's goroutines have
// ended when Close returns. Calling Close again does nothing.
func (s *Service) Close() error {
	var err error
	s.once.Do(func() {
		close(s.quit)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err = s.srv.Shutdown(ctx); err != nil {
			err = s.srv.Close()
		}
		<-s.done
	})
	return err
}

// counted wraps h with the request counters and Limit.
func (s *Service) counted(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.stats.Requests++
		s.stats.Paths[r.URL.Path]++
		if s.cfg.Limit > 0 && s.stats.Active >= s.cfg.Limit {
			s.stats.Rejected++
			s.mu.Unlock()
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		s.stats.Active++
		s.stats.MaxActive = max(s.stats.MaxActive, s.stats.Active)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.stats.Active--
			s.mu.Unlock()
		}()
		h(w, r)
	}
}

// wait sleeps for d, and reports false, after answering 503, if the
// service is closing or the client has gone.
func (s *Service) wait(w http.ResponseWriter, r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.quit:
		http.Error(w, "service closing", http.StatusServiceUnavailable)
		return false
	}
}

// delay returns the latency of a request for target (path and query).
func (s *Service) delay(target string) time.Duration {
	h := fnv.New64a()
	h.Write([]byte(target))
	return s.cfg.Latency + time.Duration(float64(s.cfg.Jitter)*unit(h.Sum64()^s.cfg.Seed))
}

func (s *Service) serveWork(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	id, err := strconv.Atoi(q.Get("id"))
	if err != nil && q.Get("id") != "" {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	d := s.delay(r.URL.RequestURI())
	if ms := q.Get("ms"); ms != "" {
		n, err := strconv.Atoi(ms)
		if err != nil || n < 0 {
			http.Error(w, "bad ms", http.StatusBadRequest)
			return
		}
		d = time.Duration(n) * time.Millisecond
	}
	if !s.wait(w, r, d) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"id":%d,"result":%d}`+"\n", id, id*id)
}

func (s *Service) servePage(w http.ResponseWriter, r *http.Request) {
	n := 0
	if v := r.PathValue("n"); v != "" {
		var err error
		n, err = strconv.Atoi(v)
		if err != nil || n < 0 || n >= s.cfg.Pages {
			http.NotFound(w, r)
			return
		}
	}
	if !s.wait(w, r, s.delay(r.URL.Path)) {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	title := html.EscapeString(fmt.Sprintf("Page %d", n))
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><title>%s</title></head><body>\n<h1>%s</h1>\n<ul>\n", title, title)
	for _, to := range s.links[n] {
		fmt.Fprintf(&b, "<li><a href=\"/page/%d\">page %d</a></li>\n", to, to)
	}
	b.WriteString("</ul>\n</body></html>\n")
	w.Write([]byte(b.String()))
}

func (s *Service) serveStats(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s.Stats())
}

// siteLinks returns, for each of pages pages, the pages it links to: the
// next page, then up to links-1 others drawn from seed, without repeats
// or self-links.
func siteLinks(pages, links int, seed uint64) [][]int {
	out := make([][]int, pages)
	x := seed
	for i := range out {
		next := (i + 1) % pages
		if next == i {
			continue // a one-page site has no links
		}
		out[i] = []int{next}
		for range 4 * links { // bounded: give up on repeats after 4×links draws
			if len(out[i]) >= min(links, pages-1) {
				break
			}
			x = mix(x)
			to := int(x % uint64(pages))
			if to != i && !contains(out[i], to) {
				out[i] = append(out[i], to)
			}
		}
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

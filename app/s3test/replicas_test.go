//go:build !wasm

package s3test_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store/storetest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// replica is an annotator server process.
type replica struct {
	url  string
	log  *bytes.Buffer
	mu   *sync.Mutex
	stop func() // ends the process
}

// startReplica runs the real binary as `annotator serve -store URL` and args
// with the gateway's credentials in its environment; its log is shown if the
// test fails.
func startReplica(t testing.TB, b *browsertest.Build, srv *s3test.Server, bucket string, args ...string) *replica {
	t.Helper()
	cmd := exec.Command(b.Bin, append([]string{"serve", "-addr", "127.0.0.1:0", "-root", b.Root, "-store", srv.URL(bucket)}, args...)...)
	cmd.Env = append(append(os.Environ(), srv.Env()...), "ANNOTATOR_TOKEN=")
	r := &replica{log: &bytes.Buffer{}, mu: &sync.Mutex{}}
	cmd.Stderr = writerFunc(func(p []byte) (int, error) { r.mu.Lock(); defer r.mu.Unlock(); return r.log.Write(p) })
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.stop = sync.OnceFunc(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	t.Cleanup(func() {
		r.stop()
		if t.Failed() {
			r.mu.Lock()
			t.Logf("log of the replica on %s (last 4 KB):\n%s", r.url, tail(r.log.String(), 4096))
			r.mu.Unlock()
		}
	})
	urls := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if _, url, ok := strings.Cut(lines.Text(), "Serving the annotator on "); ok {
				urls <- url
			}
		}
	}()
	select {
	case r.url = <-urls:
	case <-time.After(20 * time.Second):
		t.Fatalf("the replica did not start within 20 s:\n%s", r.log.String())
	}
	return r
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// client talks to replicas with keep-alive connections.
var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}

type response struct {
	status int
	etag   string
	body   []byte
}

func do(method, url string, body []byte, headers ...string) (response, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header.Get("ETag"), data}, err
}

func docURL(base string, id annotation.ID) string { return base + "/api/documents/" + id.UUID() }

// counters keeps, per document, how many times each counter value was acknowledged.
type counters struct {
	mu    sync.Mutex
	acked []map[int]int
}

func newCounters(docs int) *counters {
	c := &counters{acked: make([]map[int]int, docs)}
	for i := range c.acked {
		c.acked[i] = map[int]int{}
	}
	return c
}

func (c *counters) ack(doc, value int) {
	c.mu.Lock()
	c.acked[doc][value]++
	c.mu.Unlock()
}

// check reads every document through url and checks that no counter value was
// acknowledged twice (a lost update) and that each counter holds at least its
// highest acknowledged value, and exactly the count of acknowledged saves
// when exact is set (no save's outcome was in doubt).
func (c *counters) check(t *testing.T, url string, files []annotation.File, exact bool) {
	t.Helper()
	for d, f := range files {
		r, err := do("GET", docURL(url, f.Document.ID), nil)
		if err != nil || r.status != http.StatusOK {
			t.Fatalf("reading doc %d: %v %d %s", d, err, r.status, r.body)
		}
		back, err := annotation.Decode(r.body)
		if err != nil {
			t.Fatalf("doc %d does not decode: %v", d, err)
		}
		got, _ := strconv.Atoi(back.Document.Title)
		total, highest := 0, 0
		for v, times := range c.acked[d] {
			total += times
			highest = max(highest, v)
			if times > 1 {
				t.Errorf("doc %d: counter value %d acknowledged %d times: an update was lost", d, v, times)
			}
		}
		if got < highest || exact && got != total {
			t.Errorf("doc %d: counter is %d; %d saves acknowledged, the highest value %d", d, got, total, highest)
		}
	}
}

// edit reads document f through from, adds one to its counter and saves it
// through to with If-Match, retrying on 412. It returns the value saved, or
// the status of the failed save.
func edit(from, to string, f annotation.File, conflicts *atomic.Int64) (value int, status int, err error) {
	for {
		r, err := do("GET", docURL(from, f.Document.ID), nil)
		if err != nil || r.status != http.StatusOK {
			return 0, r.status, fmt.Errorf("GET: %v %s", err, r.body)
		}
		cur, err := annotation.Decode(r.body)
		if err != nil {
			return 0, 0, err
		}
		n, _ := strconv.Atoi(cur.Document.Title)
		cur.Document.Title = strconv.Itoa(n + 1)
		body, err := annotation.Encode(cur) // not storetest.MustEncode: edit runs on clients' goroutines
		if err != nil {
			return 0, 0, err
		}
		w, err := do("PUT", docURL(to, f.Document.ID), body, "If-Match", r.etag)
		if err != nil {
			return 0, 0, err
		}
		switch w.status {
		case http.StatusOK:
			return n + 1, w.status, nil
		case http.StatusPreconditionFailed:
			conflicts.Add(1)
			continue
		default:
			return 0, w.status, fmt.Errorf("PUT: %d %s", w.status, w.body)
		}
	}
}

// seed creates docs documents through url, each with the counter 0.
func seed(t *testing.T, url string, docs int) []annotation.File {
	files := make([]annotation.File, docs)
	for i := range files {
		files[i] = annotation.NewFile(annotation.NewDocument("0", "An article of a few words.", ""), nil)
		if r, err := do("PUT", docURL(url, files[i].Document.ID), storetest.MustEncode(t, files[i]), "If-None-Match", "*"); err != nil || r.status != http.StatusCreated {
			t.Fatalf("creating doc %d: %v %d %s", i, err, r.status, r.body)
		}
	}
	return files
}

// TestTwoReplicas runs two server processes on one bucket: 20 clients make 50
// saves each over 10 documents, reading through one replica and saving with
// If-Match through the other, retrying on 412. Every acknowledged save must be
// in the final documents, none twice.
func TestTwoReplicas(t *testing.T) {
	const clients, saves, docs = 20, 50, 10
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	b := browsertest.BuildApp(t)
	reps := []*replica{startReplica(t, b, srv, bucket), startReplica(t, b, srv, bucket)}
	files := seed(t, reps[0].url, docs)
	acked := newCounters(docs)
	var conflicts atomic.Int64
	errs := make(chan error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for i := range saves {
				d := (c*3 + i) % docs
				from, to := reps[(c+i)%2].url, reps[(c+i+1)%2].url
				v, _, err := edit(from, to, files[d], &conflicts)
				if err != nil {
					errs <- fmt.Errorf("client %d, doc %d: %v", c, d, err)
					return
				}
				acked.ack(d, v)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d saves through two replicas in %v (%d conflicts retried)", clients*saves, time.Since(start).Round(time.Millisecond), conflicts.Load())
	for _, r := range reps {
		acked.check(t, r.url, files, true)
	}
	// Both replicas list every document with its final title.
	for _, r := range reps {
		resp, err := do("GET", r.url+"/api/documents", nil)
		var list []struct{ Title string }
		if err != nil || json.Unmarshal(resp.body, &list) != nil || len(list) != docs {
			t.Errorf("listing through %s: %v %d documents", r.url, err, len(list))
		}
	}
}

// TestStorageOutage stops the object server while clients save through a
// replica: saves then fail with 503 and a message naming the storage, the
// replica serves again once the object server is back, and no acknowledged
// save is lost.
func TestStorageOutage(t *testing.T) {
	const clients, docs = 6, 6
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	b := browsertest.BuildApp(t)
	rep := startReplica(t, b, srv, bucket)
	files := seed(t, rep.url, docs)
	acked := newCounters(docs)
	ctx, cancel := context.WithCancel(context.Background())
	var unavailable, failed, conflicts atomic.Int64
	var message atomic.Value
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				d := (c + i) % docs
				v, status, err := edit(rep.url, rep.url, files[d], &conflicts)
				switch {
				case err == nil:
					acked.ack(d, v)
				case status == http.StatusServiceUnavailable:
					unavailable.Add(1)
					message.Store(err.Error())
					time.Sleep(20 * time.Millisecond)
				default:
					failed.Add(1)
					message.Store(err.Error())
					time.Sleep(20 * time.Millisecond)
				}
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	srv.Stop()
	time.Sleep(1500 * time.Millisecond)
	during := unavailable.Load()
	srv.Restart(t)
	before := acked.total()
	time.Sleep(1500 * time.Millisecond)
	cancel()
	wg.Wait()
	if during == 0 {
		t.Errorf("no 503 while the object server was down (other failures: %d, last: %v)", failed.Load(), message.Load())
	}
	if failed.Load() > 0 {
		t.Errorf("%d saves failed with another status than 503; last: %v", failed.Load(), message.Load())
	}
	if msg, _ := message.Load().(string); !strings.Contains(msg, "storage") {
		t.Errorf("the 503's message %q does not name the storage", msg)
	}
	if after := acked.total(); after <= before {
		t.Errorf("no save acknowledged after the object server came back (%d before, %d after)", before, after)
	}
	acked.check(t, rep.url, files, false)
}

func (c *counters) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, m := range c.acked {
		for _, times := range m {
			n += times
		}
	}
	return n
}

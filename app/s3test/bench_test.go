//go:build !wasm

package s3test_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store/storetest"
)

// BenchmarkPut measures saves of a 100 KB annotation file by 50 concurrent
// clients, each to its own document with If-Match, through one replica and
// through two on the same bucket, against the object server's own rate of
// plain PUTs of the same bytes by 50 clients, measured in the same round.
// Each round does 500 writes per mode; metrics are medians over rounds.
func BenchmarkPut(b *testing.B) {
	const clients, perRound = 50, 500
	srv := s3test.Start(b)
	bucket := srv.NewBucket(b)
	build := browsertest.BuildApp(b)
	reps := []*replica{startReplica(b, build, srv, bucket), startReplica(b, build, srv, bucket)}

	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion(s3test.Region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(srv.Access, srv.Secret, "")))
	if err != nil {
		b.Fatal(err)
	}
	raw := s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(srv.Endpoint); o.UsePathStyle = true })

	// One document per client, about 100 KB.
	files := make([]annotation.File, clients)
	bodies := make([][]byte, clients)
	etags := make([]string, clients)
	for c := range files {
		files[c] = annotation.NewFile(annotation.NewDocument("bench", strings.Repeat("A line of an article for the benchmark. ", 2500), ""), nil)
		bodies[c] = storetest.MustEncode(b, files[c])
		r, err := do("PUT", docURL(reps[0].url, files[c].Document.ID), bodies[c])
		if err != nil || r.status != http.StatusCreated {
			b.Fatalf("seeding: %v %d %s", err, r.status, r.body)
		}
		etags[c] = r.etag
	}
	// run makes perRound writes by clients at once and returns writes per second and the p99 latency.
	run := func(write func(c, i int) error) (float64, time.Duration) {
		var mu sync.Mutex
		var lat []time.Duration
		var wg sync.WaitGroup
		start := time.Now()
		for c := range clients {
			wg.Go(func() {
				for i := range perRound / clients {
					t0 := time.Now()
					if err := write(c, i); err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					lat = append(lat, time.Since(t0))
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		rate := float64(len(lat)) / time.Since(start).Seconds()
		slices.Sort(lat)
		return rate, lat[len(lat)*99/100]
	}
	save := func(nrep int) func(c, i int) error {
		return func(c, i int) error {
			// Alternate two titles so each save stores a new version.
			f := files[c]
			f.Document.Title = fmt.Sprint("bench ", i%2)
			rep := reps[(c+i)%nrep]
			body, err := annotation.Encode(f) // not storetest.MustEncode: save runs on clients' goroutines
			if err != nil {
				return err
			}
			r, err := do("PUT", docURL(rep.url, f.Document.ID), body, "If-Match", etags[c])
			if err != nil || r.status != http.StatusOK {
				return fmt.Errorf("save: %v %d %s", err, r.status, r.body)
			}
			etags[c] = r.etag
			return nil
		}
	}
	var rawRate, oneRate, twoRate, oneRatio, twoRatio []float64
	var rawP99, oneP99, twoP99 []time.Duration
	for b.Loop() {
		r, p := run(func(c, i int) error {
			_, err := raw.PutObject(context.Background(), &s3.PutObjectInput{
				Bucket: &bucket, Key: aws.String(fmt.Sprintf("raw/%d", c)), Body: bytes.NewReader(bodies[c]),
			})
			return err
		})
		rawRate, rawP99 = append(rawRate, r), append(rawP99, p)
		r1, p1 := run(save(1))
		r2, p2 := run(save(2))
		oneRate, oneP99 = append(oneRate, r1), append(oneP99, p1)
		twoRate, twoP99 = append(twoRate, r2), append(twoP99, p2)
		oneRatio, twoRatio = append(oneRatio, r1/r), append(twoRatio, r2/r)
	}
	b.ReportMetric(median(rawRate), "raw-puts/s")
	b.ReportMetric(median(oneRate), "1-replica-saves/s")
	b.ReportMetric(median(twoRate), "2-replica-saves/s")
	b.ReportMetric(median(oneRatio), "1-replica/raw")
	b.ReportMetric(median(twoRatio), "2-replica/raw")
	b.ReportMetric(float64(median(rawP99).Milliseconds()), "raw-p99-ms")
	b.ReportMetric(float64(median(oneP99).Milliseconds()), "1-replica-p99-ms")
	b.ReportMetric(float64(median(twoP99).Milliseconds()), "2-replica-p99-ms")
	b.ReportMetric(0, "ns/op")
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

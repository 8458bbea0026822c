//go:build !wasm

// Package s3store implements store.Store on S3-compatible object storage, in a
// bucket that several server replicas share safely.
package s3store

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"golang.org/x/sync/errgroup"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/internal/backend"
)

// Store is a store.Store in a bucket of S3-compatible object storage, shared
// safely by several server replicas. Under the URL's prefix the bucket holds
//
//	documents/UUID.json                            the current version of a document (its head)
//	versions/UUID/GEN/00000007.MILLIS.TAG[.BY].json the versions kept, stored when superseded
//	trash/UUID/GEN.UNIXNANO                        a marker: generation GEN was deleted at UNIXNANO
//
// A head's user metadata holds its generation (a new one each time the id is
// created afresh), version number, modification time, ETag and who saved it;
// BY in a kept version's key is who saved that version, in URL-safe base64
// (absent when no user is known, as in versions stored before it existed). A deleted
// document's head is an empty tombstone naming its generation, whose versions
// stay under versions/ for Restore.
//
// Concurrency across replicas rests on the object store's conditional writes
// (If-Match and If-None-Match on PUT, as AWS S3 has offered since 2024 and the
// Versity gateway does): every change of a head — a new version, a deletion, a
// restore — is a PUT with If-Match on the S3 entity tag of the head it was
// computed from, or If-None-Match: * when there was none. Of two replicas
// racing from the same head exactly one wins; the other reads the head again
// and re-checks the client's condition, so a stale If-Match fails with
// store.ErrPrecondition and no acknowledged write is ever overwritten unseen.
// Copies of superseded versions are written before the head moves
// (If-None-Match: *, the same bytes whoever writes them), so a version is kept
// before it stops being current.
//
// List reads the bucket's listing of documents/ (sixteen prefixes in parallel)
// and fetches only the heads whose entity tag changed since the last List, so
// it stays fast with many documents and sees other replicas' writes at once.
//
// When the object store cannot be reached, methods return errors wrapping
// store.ErrUnavailable.
type Store struct {
	client *s3.Client
	bucket string
	prefix string
	log    *slog.Logger

	mu     sync.Mutex
	heads  map[string]listed // by head key: what List last saw
	sorted []store.Summary   // List's last answer; nil when stale
}

// listed is a head as List last saw it.
type listed struct {
	s3tag   string    // the entity tag in the listing
	fetched time.Time // when the head was read
	summary store.Summary
}

// settle is how long after a head's modification time in the listing (whole
// seconds on many servers) List trusts what it read of it. The entity tag is
// the content's hash, so a document taken back to earlier content keeps its
// tag; only the modification time tells, and within one second it cannot.
// (This assumes the object server's clock and the replica's agree within a second.)
const settle = 2 * time.Second

var _ store.Store = (*Store)(nil)

// Metadata keys of a head (sent as x-amz-meta-*).
const (
	metaGen      = "gen"
	metaVersion  = "version"
	metaModified = "modified" // Unix milliseconds
	metaETag     = "etag"     // our ETag, unquoted
	metaNonce    = "nonce"    // identifies the write, to recognise it after a retried request
	metaSavedBy  = "saved-by" // who saved the version, in URL-safe base64; absent when unknown
	metaDeleted  = "deleted"  // Unix nanoseconds; present on tombstones
)

// concurrency bounds how many requests List and Trash make at once.
const concurrency = 16

// maxAttempts bounds how often a change is retried when other replicas keep
// changing the same document first.
const maxAttempts = 100

// Open opens the store in the bucket named by rawURL,
//
//	s3://BUCKET[/PREFIX][?endpoint=URL][&region=REGION][&path-style=true|false]
//
// The endpoint defaults to AWS's; the region to AWS_REGION or us-east-1;
// path-style addressing (the bucket in the path, not the host name) is the
// default with an endpoint. Credentials come from the standard AWS environment
// variables and files. Open checks that the bucket can be reached; of opt it
// uses only Log.
func Open(ctx context.Context, rawURL string, opt store.Options) (*Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("store %q: want s3://BUCKET[/PREFIX]?endpoint=…&region=…", rawURL)
	}
	q := u.Query()
	for k := range q {
		if k != "endpoint" && k != "region" && k != "path-style" {
			return nil, fmt.Errorf("store %q: unknown parameter %q: want endpoint, region or path-style", rawURL, k)
		}
	}
	endpoint := q.Get("endpoint")
	pathStyle := endpoint != ""
	if v := q.Get("path-style"); v != "" {
		if pathStyle, err = strconv.ParseBool(v); err != nil {
			return nil, fmt.Errorf("store %q: path-style=%q: want true or false", rawURL, v)
		}
	}
	loads := []func(*config.LoadOptions) error{
		config.WithHTTPClient(awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
			t.MaxIdleConns = 512
			t.MaxIdleConnsPerHost = 512
		})),
		config.WithRetryMaxAttempts(3),
	}
	if r := q.Get("region"); r != "" {
		loads = append(loads, config.WithRegion(r))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		return nil, fmt.Errorf("store %q: %w", rawURL, err)
	}
	cfg.Region = cmp.Or(cfg.Region, "us-east-1")
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.UsePathStyle = pathStyle
	})
	prefix := strings.Trim(u.Path, "/")
	if prefix != "" {
		prefix += "/"
	}
	st := &Store{client: client, bucket: u.Host, prefix: prefix, log: cmp.Or(opt.Log, slog.New(slog.DiscardHandler)), heads: map[string]listed{}}
	if _, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: &st.bucket}); err != nil {
		return nil, fmt.Errorf("store %q: bucket %s: %w", rawURL, st.bucket, st.classify(err))
	}
	return st, nil
}

// classify wraps err with store.ErrUnavailable when the object store could not
// be reached or failed on its side, and makes a missing object store.ErrNotFound.
func (st *Store) classify(err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return err
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() > 0 && re.HTTPStatusCode() < 500 { // 0: no answer
		if re.HTTPStatusCode() == http.StatusNotFound {
			return fmt.Errorf("%w: %v", store.ErrNotFound, err)
		}
		return err
	}
	return fmt.Errorf("%w: object storage: %v", store.ErrUnavailable, err)
}

// preconditionFailed reports whether err is the object store refusing a conditional write.
func preconditionFailed(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "PreconditionFailed", "ConditionalRequestConflict":
			return true
		}
	}
	var re *awshttp.ResponseError
	return errors.As(err, &re) && (re.HTTPStatusCode() == http.StatusPreconditionFailed || re.HTTPStatusCode() == http.StatusConflict)
}

func (st *Store) headKey(uuid string) string { return st.prefix + "documents/" + uuid + ".json" }

func (st *Store) versionsPrefix(uuid, gen string) string {
	return st.prefix + "versions/" + uuid + "/" + gen + "/"
}

func (st *Store) versionKey(uuid, gen string, n int, modified time.Time, etag, savedBy string) string {
	by := ""
	if savedBy != "" {
		by = "." + encodeSaver(savedBy)
	}
	return fmt.Sprintf("%s%08d.%d.%s%s.json", st.versionsPrefix(uuid, gen), n, modified.UnixMilli(), strings.Trim(etag, `"`), by)
}

// encodeSaver writes a saver's name for a key or metadata: URL-safe base64,
// whose letters need no escaping in either and hold no ".".
func encodeSaver(name string) string { return base64.RawURLEncoding.EncodeToString([]byte(name)) }

// decodeSaver reads a name encodeSaver wrote; what does not decode is no name.
func decodeSaver(s string) string {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return ""
	}
	return string(b)
}

func (st *Store) trashKey(uuid, gen string, deleted time.Time) string {
	return fmt.Sprintf("%strash/%s/%s.%d", st.prefix, uuid, gen, deleted.UnixNano())
}

// head is a document's head object as read.
type head struct {
	exists   bool   // an object is there, live or tombstone
	live     bool   // it holds a current version
	s3tag    string // the object store's entity tag, for conditional writes
	gen      string
	version  int
	etag     string // our store.ETag, quoted
	nonce    string
	modified time.Time
	savedBy  string
	data     []byte // when read with its body
}

// summary returns the live head's summary, from its body (which must have been read).
func (h head) summary() (store.Summary, error) {
	s, err := backend.SummarizeStored(h.data, h.version, h.modified)
	s.SavedBy = h.savedBy
	return s, err
}

// read returns the head of document uuid, with its body when body is set.
func (st *Store) read(ctx context.Context, uuid string, body bool) (head, error) {
	key := st.headKey(uuid)
	var meta map[string]string
	var s3tag *string
	var h head
	if body {
		out, err := st.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &st.bucket, Key: &key})
		if err = st.classify(err); errors.Is(err, store.ErrNotFound) {
			return head{}, nil
		} else if err != nil {
			return head{}, err
		}
		h.data, err = io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil {
			return head{}, st.classify(err)
		}
		meta, s3tag = out.Metadata, out.ETag
	} else {
		out, err := st.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &st.bucket, Key: &key})
		if err = st.classify(err); errors.Is(err, store.ErrNotFound) {
			return head{}, nil
		} else if err != nil {
			return head{}, err
		}
		meta, s3tag = out.Metadata, out.ETag
	}
	h.exists, h.s3tag = true, aws.ToString(s3tag)
	h.gen, h.nonce = meta[metaGen], meta[metaNonce]
	if _, deleted := meta[metaDeleted]; deleted {
		return h, nil
	}
	var err error
	if h.version, err = strconv.Atoi(meta[metaVersion]); err != nil || h.version < 1 || h.gen == "" {
		return head{}, fmt.Errorf("%s: the head's metadata is damaged: %v", key, meta)
	}
	ms, _ := strconv.ParseInt(meta[metaModified], 10, 64)
	h.modified = time.UnixMilli(ms).UTC()
	h.etag = `"` + meta[metaETag] + `"`
	h.savedBy = decodeSaver(meta[metaSavedBy])
	h.live = true
	return h, nil
}

// writeHead replaces the head read as prev with body and meta, if it is still
// prev; it returns false when another write came first.
func (st *Store) writeHead(ctx context.Context, uuid string, prev head, body []byte, meta map[string]string) (bool, error) {
	in := &s3.PutObjectInput{
		Bucket: &st.bucket, Key: aws.String(st.headKey(uuid)), Body: bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))), ContentType: aws.String("application/json"), Metadata: meta,
	}
	if prev.exists {
		in.IfMatch = aws.String(prev.s3tag)
	} else {
		in.IfNoneMatch = aws.String("*")
	}
	_, err := st.client.PutObject(ctx, in)
	if preconditionFailed(err) {
		return false, nil
	}
	return err == nil, st.classify(err)
}

// keep stores a copy of the live head h among its document's versions, unless it is there.
func (st *Store) keep(ctx context.Context, uuid string, h head) error {
	_, err := st.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: &st.bucket, Key: aws.String(st.versionKey(uuid, h.gen, h.version, h.modified, h.etag, h.savedBy)),
		Body: bytes.NewReader(h.data), ContentLength: aws.Int64(int64(len(h.data))),
		ContentType: aws.String("application/json"), IfNoneMatch: aws.String("*"),
	})
	if preconditionFailed(err) {
		return nil // kept already, by this replica or another
	}
	return st.classify(err)
}

func headMeta(gen string, n int, modified time.Time, etag, nonce, savedBy string) map[string]string {
	m := map[string]string{
		metaGen: gen, metaVersion: strconv.Itoa(n), metaModified: strconv.FormatInt(modified.UnixMilli(), 10),
		metaETag: strings.Trim(etag, `"`), metaNonce: nonce,
	}
	if savedBy != "" {
		m[metaSavedBy] = encodeSaver(savedBy)
	}
	return m
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// newGen returns a new generation name: time-ordered, unique across replicas.
func newGen() string { return fmt.Sprintf("%x-%s", time.Now().UnixNano(), randomHex(4)) }

// List implements store.Store.
func (st *Store) List(ctx context.Context) ([]store.Summary, error) {
	type found struct {
		key, s3tag string
		modified   time.Time
	}
	var mu sync.Mutex
	var all []found
	listing, lctx := errgroup.WithContext(ctx)
	listing.SetLimit(concurrency)
	for _, c := range "0123456789abcdef" {
		listing.Go(func() error {
			p := s3.NewListObjectsV2Paginator(st.client, &s3.ListObjectsV2Input{Bucket: &st.bucket, Prefix: aws.String(st.prefix + "documents/" + string(c))})
			for p.HasMorePages() {
				page, err := p.NextPage(lctx)
				if err != nil {
					return st.classify(err)
				}
				mu.Lock()
				for _, o := range page.Contents {
					if aws.ToInt64(o.Size) > 0 { // tombstones are empty
						all = append(all, found{aws.ToString(o.Key), aws.ToString(o.ETag), aws.ToTime(o.LastModified)})
					}
				}
				mu.Unlock()
			}
			return nil
		})
	}
	if err := listing.Wait(); err != nil {
		return nil, err
	}
	// Fetch the heads that are new or changed since the last List.
	st.mu.Lock()
	var stale []found
	for _, f := range all {
		if l, ok := st.heads[f.key]; !ok || l.s3tag != f.s3tag || l.fetched.Before(f.modified.Add(settle)) {
			stale = append(stale, f)
		}
	}
	unchanged := len(stale) == 0 && len(all) == len(st.heads) && st.sorted != nil
	sorted := st.sorted
	st.mu.Unlock()
	if unchanged {
		return sorted, nil
	}
	fresh := make(map[string]listed, len(stale))
	fetching, fctx := errgroup.WithContext(ctx)
	fetching.SetLimit(concurrency)
	for _, f := range stale {
		fetching.Go(func() error {
			uuid := strings.TrimSuffix(strings.TrimPrefix(f.key, st.prefix+"documents/"), ".json")
			if _, err := backend.ParseUUID(uuid); err != nil {
				return nil // not a document's head
			}
			fetched := time.Now()
			h, err := st.read(fctx, uuid, true)
			if errors.Is(err, store.ErrUnavailable) || errors.Is(err, context.Canceled) {
				return err
			}
			if err != nil {
				st.log.Warn("store: cannot read a document", "key", f.key, "err", err)
				return nil
			}
			if !h.live {
				return nil // deleted since the listing
			}
			s, err := h.summary()
			if err != nil {
				st.log.Warn("store: cannot summarise a document", "key", f.key, "err", err)
				return nil
			}
			mu.Lock()
			fresh[f.key] = listed{f.s3tag, fetched, s}
			mu.Unlock()
			return nil
		})
	}
	if err := fetching.Wait(); err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	heads := make(map[string]listed, len(all))
	out := make([]store.Summary, 0, len(all))
	for _, f := range all {
		l, ok := fresh[f.key]
		if !ok {
			if l, ok = st.heads[f.key]; !ok || l.s3tag != f.s3tag {
				continue
			}
		}
		heads[f.key] = l
		out = append(out, l.summary)
	}
	store.SortNewestFirst(out)
	st.heads, st.sorted = heads, out
	return out, nil
}

// Get implements store.Store.
func (st *Store) Get(ctx context.Context, id annotation.ID) (store.Object, error) {
	uuid, err := backend.UUID(id)
	if err != nil {
		return store.Object{}, err
	}
	h, err := st.read(ctx, uuid, true)
	if err != nil {
		return store.Object{}, err
	}
	if !h.live {
		return store.Object{}, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	s, err := h.summary()
	if err != nil {
		return store.Object{}, err
	}
	return store.Object{Summary: s, Data: h.data}, nil
}

// Put implements store.Store.
func (st *Store) Put(ctx context.Context, f annotation.File, data []byte, cond store.Condition, savedBy string) (store.Summary, bool, error) {
	id := f.Document.ID
	uuid, err := backend.UUID(id)
	if err != nil {
		return store.Summary{}, false, err
	}
	if err := backend.CheckSaver(savedBy); err != nil {
		return store.Summary{}, false, err
	}
	etag := store.ETag(data)
	summarize := func(n int, modified time.Time) store.Summary {
		s := store.Summarize(f, etag, len(data), n, modified)
		s.SavedBy = savedBy
		return s
	}
	var mine head // what this call last wrote, to recognise it after a retried request
	for range maxAttempts {
		h, err := st.read(ctx, uuid, true)
		if err != nil {
			return store.Summary{}, false, err
		}
		if mine.nonce != "" && h.nonce == mine.nonce {
			// The last attempt was stored although its answer was lost or refused.
			return summarize(mine.version, mine.modified), !mine.live, nil
		}
		cur := ""
		if h.live {
			cur = h.etag
		}
		if !cond.Holds(cur) {
			return store.Summary{}, false, fmt.Errorf("document %s: %w", id, store.ErrPrecondition)
		}
		if h.live && h.etag == etag {
			s, err := h.summary()
			return s, false, err
		}
		gen, n := newGen(), 1
		if h.live {
			gen, n = h.gen, h.version+1
			if err := st.keep(ctx, uuid, h); err != nil {
				return store.Summary{}, false, err
			}
		}
		now := time.Now().UTC().Truncate(time.Millisecond)
		mine = head{live: h.live, version: n, modified: now, nonce: randomHex(8)}
		ok, err := st.writeHead(ctx, uuid, h, data, headMeta(gen, n, now, etag, mine.nonce, savedBy))
		if err != nil {
			return store.Summary{}, false, err
		}
		if !ok {
			continue // another replica changed the document first: look again
		}
		if n%store.Keep == 0 {
			st.prune(ctx, uuid, gen, n)
		}
		st.invalidate()
		return summarize(n, now), !h.live, nil
	}
	return store.Summary{}, false, fmt.Errorf("%w: document %s changed %d times while being saved", store.ErrUnavailable, id, maxAttempts)
}

// invalidate makes the next List build its answer afresh.
func (st *Store) invalidate() {
	st.mu.Lock()
	st.sorted = nil
	st.mu.Unlock()
}

// stored is a version kept under versions/, as its key describes it.
type stored struct {
	key      string
	n        int
	modified time.Time
	etag     string
	savedBy  string
	size     int64
}

// kept lists the versions kept of generation gen of document uuid, highest first.
func (st *Store) kept(ctx context.Context, uuid, gen string) ([]stored, error) {
	prefix := st.versionsPrefix(uuid, gen)
	var vs []stored
	p := s3.NewListObjectsV2Paginator(st.client, &s3.ListObjectsV2Input{Bucket: &st.bucket, Prefix: &prefix})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, st.classify(err)
		}
		for _, o := range page.Contents {
			parts := strings.Split(strings.TrimPrefix(aws.ToString(o.Key), prefix), ".")
			if (len(parts) != 4 && len(parts) != 5) || parts[len(parts)-1] != "json" {
				continue
			}
			n, err1 := strconv.Atoi(parts[0])
			ms, err2 := strconv.ParseInt(parts[1], 10, 64)
			if err1 != nil || err2 != nil || n < 1 {
				continue
			}
			by := ""
			if len(parts) == 5 {
				by = decodeSaver(parts[3])
			}
			vs = append(vs, stored{aws.ToString(o.Key), n, time.UnixMilli(ms).UTC(), `"` + parts[2] + `"`, by, aws.ToInt64(o.Size)})
		}
	}
	slices.SortFunc(vs, func(a, b stored) int { return b.n - a.n })
	return vs, nil
}

// prune removes the versions of generation gen older than the current one n
// and the store.Keep before it.
func (st *Store) prune(ctx context.Context, uuid, gen string, n int) {
	vs, err := st.kept(ctx, uuid, gen)
	if err != nil {
		st.log.Warn("store: cannot list old versions", "err", err)
		return
	}
	for _, v := range vs {
		if v.n < n-store.Keep {
			if _, err := st.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &st.bucket, Key: &v.key}); err != nil {
				st.log.Warn("store: cannot remove an old version", "key", v.key, "err", err)
			}
		}
	}
}

// Delete implements store.Store.
func (st *Store) Delete(ctx context.Context, id annotation.ID, cond store.Condition) error {
	uuid, err := backend.UUID(id)
	if err != nil {
		return err
	}
	for range maxAttempts {
		h, err := st.read(ctx, uuid, true)
		switch {
		case err != nil:
			return err
		case !h.live:
			return fmt.Errorf("document %s: %w", id, store.ErrNotFound)
		case !cond.Holds(h.etag):
			return fmt.Errorf("document %s: %w", id, store.ErrPrecondition)
		}
		// Keep the current version and mark the generation trashed before the
		// tombstone hides it; a marker left by a write that then lost the race
		// names a live generation, which Trash skips.
		if err := st.keep(ctx, uuid, h); err != nil {
			return err
		}
		now := time.Now()
		marker := st.trashKey(uuid, h.gen, now)
		if _, err := st.client.PutObject(ctx, &s3.PutObjectInput{Bucket: &st.bucket, Key: &marker, Body: bytes.NewReader(nil), ContentLength: aws.Int64(0)}); err != nil {
			return st.classify(err)
		}
		nonce := randomHex(8)
		ok, err := st.writeHead(ctx, uuid, h, nil, map[string]string{metaGen: h.gen, metaDeleted: strconv.FormatInt(now.UnixNano(), 10), metaNonce: nonce})
		if err != nil {
			return err
		}
		if ok {
			st.invalidate()
			return nil
		}
	}
	return fmt.Errorf("%w: document %s changed %d times while being deleted", store.ErrUnavailable, id, maxAttempts)
}

// Versions implements store.Store.
func (st *Store) Versions(ctx context.Context, id annotation.ID) ([]store.Version, error) {
	uuid, err := backend.UUID(id)
	if err != nil {
		return nil, err
	}
	h, err := st.read(ctx, uuid, false)
	if err != nil {
		return nil, err
	}
	if !h.live {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	ks, err := st.kept(ctx, uuid, h.gen)
	if err != nil {
		return nil, err
	}
	size := int64(-1)
	vs := []store.Version{{Version: h.version, ETag: h.etag, Modified: h.modified, Current: true, SavedBy: h.savedBy}}
	for _, k := range ks {
		if k.n == h.version {
			size = k.size
		}
		if k.n < h.version && k.n >= h.version-store.Keep {
			vs = append(vs, store.Version{Version: k.n, ETag: k.etag, Modified: k.modified, Size: k.size, SavedBy: k.savedBy})
		}
	}
	if size < 0 { // the current version's size is the head's
		out, err := st.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &st.bucket, Key: aws.String(st.headKey(uuid))})
		if err != nil {
			return nil, st.classify(err)
		}
		size = aws.ToInt64(out.ContentLength)
	}
	vs[0].Size = size
	return vs, nil
}

// Version implements store.Store.
func (st *Store) Version(ctx context.Context, id annotation.ID, n int) (store.Object, error) {
	uuid, err := backend.UUID(id)
	if err != nil {
		return store.Object{}, err
	}
	notFound := fmt.Errorf("document %s version %d: %w", id, n, store.ErrNotFound)
	h, err := st.read(ctx, uuid, false)
	if err != nil {
		return store.Object{}, err
	}
	if !h.live || n < 1 || n > h.version || n < h.version-store.Keep {
		return store.Object{}, notFound
	}
	if n == h.version {
		obj, err := st.Get(ctx, id)
		if err == nil && obj.Version != n {
			return st.Version(ctx, id, n) // changed meanwhile: look again
		}
		return obj, err
	}
	ks, err := st.kept(ctx, uuid, h.gen)
	if err != nil {
		return store.Object{}, err
	}
	i := slices.IndexFunc(ks, func(k stored) bool { return k.n == n })
	if i < 0 {
		return store.Object{}, notFound
	}
	data, err := st.getObject(ctx, ks[i].key)
	if err != nil {
		return store.Object{}, err
	}
	s, err := backend.SummarizeStored(data, n, ks[i].modified)
	s.SavedBy = ks[i].savedBy
	return store.Object{Summary: s, Data: data}, err
}

// getObject returns the content of the object at key.
func (st *Store) getObject(ctx context.Context, key string) ([]byte, error) {
	out, err := st.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &st.bucket, Key: &key})
	if err != nil {
		return nil, st.classify(err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	return data, st.classify(err)
}

// marker is a trash marker as its key describes it.
type marker struct {
	key, uuid, gen string
	deleted        time.Time
}

// markers lists the trash markers under trash/ + sub, newest first; unless all
// is set, only the newest of each generation.
func (st *Store) markers(ctx context.Context, sub string, all bool) ([]marker, error) {
	prefix := st.prefix + "trash/"
	var ms []marker
	p := s3.NewListObjectsV2Paginator(st.client, &s3.ListObjectsV2Input{Bucket: &st.bucket, Prefix: aws.String(prefix + sub)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, st.classify(err)
		}
		for _, o := range page.Contents {
			uuid, rest, ok1 := strings.Cut(strings.TrimPrefix(aws.ToString(o.Key), prefix), "/")
			i := strings.LastIndexByte(rest, '.')
			if !ok1 || i < 0 {
				continue
			}
			ns, err := strconv.ParseInt(rest[i+1:], 10, 64)
			if _, err2 := backend.ParseUUID(uuid); err != nil || err2 != nil {
				continue
			}
			ms = append(ms, marker{aws.ToString(o.Key), uuid, rest[:i], time.Unix(0, ns).UTC()})
		}
	}
	slices.SortFunc(ms, func(a, b marker) int { return b.deleted.Compare(a.deleted) })
	if all {
		return ms, nil
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(ms, func(m marker) bool {
		dup := seen[m.uuid+"/"+m.gen]
		seen[m.uuid+"/"+m.gen] = true
		return dup
	}), nil
}

// Trash implements store.Store.
func (st *Store) Trash(ctx context.Context) ([]store.Trashed, error) {
	ms, err := st.markers(ctx, "", false)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	ts := []store.Trashed{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for _, m := range ms {
		g.Go(func() error {
			h, err := st.read(gctx, m.uuid, false)
			if err != nil {
				return err
			}
			if h.live && h.gen == m.gen {
				return nil // a marker left by a deletion that lost a race
			}
			ks, err := st.kept(gctx, m.uuid, m.gen)
			if err != nil || len(ks) == 0 {
				return err
			}
			data, err := st.getObject(gctx, ks[0].key)
			if err != nil {
				return err
			}
			s, err := backend.SummarizeStored(data, ks[0].n, ks[0].modified)
			if err != nil {
				st.log.Warn("store: cannot summarise a trashed document", "key", ks[0].key, "err", err)
				return nil
			}
			s.SavedBy = ks[0].savedBy
			mu.Lock()
			ts = append(ts, store.Trashed{Summary: s, Deleted: m.deleted})
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	slices.SortFunc(ts, func(a, b store.Trashed) int { return b.Deleted.Compare(a.Deleted) })
	return ts, nil
}

// Restore implements store.Store.
func (st *Store) Restore(ctx context.Context, id annotation.ID) (store.Summary, error) {
	uuid, err := backend.UUID(id)
	if err != nil {
		return store.Summary{}, err
	}
	for range maxAttempts {
		h, err := st.read(ctx, uuid, false)
		if err != nil {
			return store.Summary{}, err
		}
		if h.live {
			return store.Summary{}, fmt.Errorf("document %s is not deleted: %w", id, store.ErrConflict)
		}
		ms, err := st.markers(ctx, uuid+"/", false)
		if err != nil {
			return store.Summary{}, err
		}
		var ks []stored
		var m marker
		for _, m = range ms {
			if ks, err = st.kept(ctx, uuid, m.gen); err != nil {
				return store.Summary{}, err
			}
			if len(ks) > 0 {
				break
			}
		}
		if len(ks) == 0 {
			return store.Summary{}, fmt.Errorf("document %s in the trash: %w", id, store.ErrNotFound)
		}
		v := ks[0]
		data, err := st.getObject(ctx, v.key)
		if err != nil {
			return store.Summary{}, err
		}
		s, err := backend.SummarizeStored(data, v.n, v.modified)
		if err != nil {
			return store.Summary{}, err
		}
		s.SavedBy = v.savedBy
		ok, err := st.writeHead(ctx, uuid, h, data, headMeta(m.gen, v.n, v.modified, v.etag, randomHex(8), v.savedBy))
		if err != nil {
			return store.Summary{}, err
		}
		if !ok {
			continue
		}
		st.invalidate()
		// The generation is live again: its markers go (one left behind names a live generation, which Trash skips).
		all, err := st.markers(ctx, uuid+"/"+m.gen+".", true)
		if err == nil {
			for _, old := range all {
				st.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &st.bucket, Key: &old.key})
			}
		}
		return s, nil
	}
	return store.Summary{}, fmt.Errorf("%w: document %s changed %d times while being restored", store.ErrUnavailable, id, maxAttempts)
}

//go:build !wasm

// Package users keeps the annotator's users: a text file of names and the
// SHA-256 digests of their tokens, one user a line, never a token itself.
//
//	# annotator users: NAME sha256:DIGEST, one a line (annotator user add/remove/list)
//	Alice sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
//	Jane Smith sha256:fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9
//
// A line is a name, a space and the digest; blank lines and lines starting
// with "#" are skipped. Tokens are 32 random bytes (crypto/rand) written in
// URL-safe base64, so a plain SHA-256 is as hard to reverse as the token is to
// guess. [Add] and [Remove] rewrite the file atomically with mode 0600;
// [Watch] reads it again when it changes, so a server notices new and removed
// users without a restart.
package users

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen bounds a user's name, in characters.
const MaxNameLen = 64

// digestPrefix starts every digest in the file: the hash it was made with.
const digestPrefix = "sha256:"

// header is the first line of a file Add or Remove writes.
const header = "# annotator users: NAME sha256:DIGEST, one a line (annotator user add/remove/list)\n"

// User is one line of the file: a name and its token's digest.
type User struct {
	// Name is how the annotator names the user: in annotations' creator and in
	// who saved each version.
	Name   string
	digest [sha256.Size]byte
}

// List is the users of a file, in the file's order.
type List struct {
	users []User
}

// Names returns the users' names in the file's order.
func (l *List) Names() []string {
	names := make([]string, len(l.users))
	for i, u := range l.users {
		names[i] = u.Name
	}
	return names
}

// Lookup returns the name of the user whose token is token; an empty token
// is nobody's. It compares the token's digest with every user's in constant
// time, so how long it takes tells nothing of which digest, or how much of
// one, matched.
func (l *List) Lookup(token string) (name string, ok bool) {
	if token == "" {
		return "", false
	}
	d := Digest(token)
	for _, u := range l.users {
		if subtle.ConstantTimeCompare(d[:], u.digest[:]) == 1 {
			name, ok = u.Name, true
		}
	}
	return name, ok
}

// Digest returns the SHA-256 digest of a token.
func Digest(token string) [sha256.Size]byte { return sha256.Sum256([]byte(token)) }

// CheckName returns an error saying what is wrong with name, or nil: a name is
// 1 to MaxNameLen letters, digits, marks and the punctuation . - _ ' @, with
// single spaces between words, and does not start with "#".
func CheckName(name string) error {
	switch {
	case name == "":
		return errors.New("a user's name may not be empty")
	case !utf8.ValidString(name):
		return errors.New("a user's name must be UTF-8")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return fmt.Errorf("a user's name has at most %d characters", MaxNameLen)
	case name != strings.TrimSpace(name) || strings.Contains(name, "  "):
		return fmt.Errorf("%q: a user's name has single spaces between words and none around them", name)
	case strings.HasPrefix(name, "#"):
		return fmt.Errorf("%q: a user's name may not start with #", name)
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != ' ' && !strings.ContainsRune(".-_'@", r) {
			return fmt.Errorf("%q: %q may not be in a user's name (letters, digits, spaces and . - _ ' @ may)", name, r)
		}
	}
	return nil
}

// Load reads the users file at path. A damaged file is an error naming the
// file and the line, and what is wrong there.
func Load(path string) (*List, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	return parse(path, data)
}

// parse reads the content of the users file at path.
func parse(path string, data []byte) (*List, error) {
	l := &List{}
	seen := map[string]int{}               // name → line
	digests := map[[sha256.Size]byte]int{} // digest → line
	lines := bufio.NewScanner(bytes.NewReader(data))
	lines.Buffer(nil, 64<<10)
	for n := 1; lines.Scan(); n++ {
		line := strings.TrimSuffix(lines.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			return nil, bad("want NAME sha256:DIGEST, got no space")
		}
		name, digest := line[:i], line[i+1:]
		if err := CheckName(name); err != nil {
			return nil, bad("%v", err)
		}
		hexDigest, ok := strings.CutPrefix(digest, digestPrefix)
		raw, err := hex.DecodeString(hexDigest)
		if !ok || err != nil || len(raw) != sha256.Size {
			return nil, bad("%q is not a digest: want sha256: and 64 hexadecimal digits", digest)
		}
		u := User{Name: name}
		copy(u.digest[:], raw)
		if prev, dup := seen[name]; dup {
			return nil, bad("%q is on line %d already", name, prev)
		}
		if prev, dup := digests[u.digest]; dup {
			return nil, bad("the same token as line %d", prev)
		}
		seen[name], digests[u.digest] = n, n
		l.users = append(l.users, u)
	}
	if err := lines.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// loadOrEmpty reads the users file at path, or an empty list when there is none.
func loadOrEmpty(path string) (*List, error) {
	l, err := Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &List{}, nil
	}
	return l, err
}

// NewToken returns a new token: 32 bytes from crypto/rand in URL-safe base64
// without padding (43 characters).
func NewToken() string { return base64.RawURLEncoding.EncodeToString(randomBytes(32)) }

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand's contract since Go 1.24)
	return b
}

// Add gives user name a new token in the users file at path, creating the
// file if missing, and returns the token: a user already there keeps their
// place and loses their old token.
func Add(path, name string) (token string, err error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	l, err := loadOrEmpty(path)
	if err != nil {
		return "", err
	}
	token = NewToken()
	u := User{Name: name, digest: Digest(token)}
	if i := slices.IndexFunc(l.users, func(u User) bool { return u.Name == name }); i >= 0 {
		l.users[i] = u
	} else {
		l.users = append(l.users, u)
	}
	if err := write(path, l); err != nil {
		return "", err
	}
	return token, nil
}

// Remove takes user name out of the users file at path; their token stops
// working. It is an error if there is no such user.
func Remove(path, name string) error {
	l, err := Load(path)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(l.users, func(u User) bool { return u.Name == name })
	if i < 0 {
		return fmt.Errorf("%s: no user named %q", path, name)
	}
	l.users = slices.Delete(l.users, i, i+1)
	return write(path, l)
}

// write replaces the users file at path with l, atomically and durably, mode 0600.
func write(path string, l *List) (err error) {
	var buf bytes.Buffer
	buf.WriteString(header)
	for _, u := range l.users {
		fmt.Fprintf(&buf, "%s %s%x\n", u.Name, digestPrefix, u.digest)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".users-*") // mode 0600
	if err != nil {
		return fmt.Errorf("writing the users file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("writing the users file %s: %w", path, err)
		}
	}()
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

package suggest

import "strings"

// The kinds of body that a description ("the newspaper", "the company") and
// the words of a body's name ("Daily Ledger", "Kestrel Wireless") tell, so
// that a description is given only a body of its kind.
const (
	pressBody    = 1 + iota // newspapers, broadcasters, agencies of news
	businessBody            // companies
	publicBody              // governments, their departments, courts, police
	sportBody               // clubs and teams
	schoolBody              // universities, schools, hospitals
	civicBody               // unions, associations, charities, campaigns, parties
)

// maxLookBack is the most names back that a description is looked for
// among: a page of news text names far fewer.
const maxLookBack = 120

// bodyKinds gives the kind of body a word tells, in a description or in a name.
var bodyKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for kind, words := range []string{
		pressBody: "newspaper paper broadcaster network channel outlet station magazine publication times post journal " +
			"herald tribune guardian telegraph daily news radio television tv courier gazette ledger examiner chronicle " +
			"sentinel mail express bulletin reuters afp bbc cnn media press wire observer editorial",
		businessBody: "company firm bank airline carrier utility maker manufacturer retailer lender insurer startup " +
			"operator developer inc inc. corp corp. corporation co co. ltd ltd. llc plc holdings electric wireless biologics " +
			"energy motors foods systems technologies capital partners labs pharma pharmaceuticals power telecom " +
			"robotics insurance logistics airways airlines utilities bancorp financial securities ventures studios",
		publicBody: "government ministry department agency office authority administration commission council " +
			"committee regulator watchdog police court city county district embassy parliament congress senate " +
			"assembly kremlin pentagon army military navy prosecutors service",
		sportBody:  "club team franchise side squad athletic united rovers fc wanderers",
		schoolBody: "university college school academy institute hospital clinic",
		civicBody: "union association alliance conservancy consortium coalition foundation charity trust campaign " +
			"party movement federation society forum organisation organization league",
	} {
		for _, w := range strings.Fields(words) {
			m[w] = uint8(kind)
		}
	}
	return m
}()

// bodyKind returns the kind of body the name toks[t0:t1] tells by its last
// word that tells one ("Pacific Electronics Workers Union": a union), or 0.
func (a *analyzer) bodyKind(t0, t1 int) uint8 {
	for k := t1 - 1; k >= t0; k-- {
		if !a.toks[k].word {
			continue
		}
		if kind := bodyKinds[strings.ToLower(bare(a.word(k)))]; kind != 0 {
			return kind
		}
	}
	return 0
}

// appositiveOf returns the name a description at toks[t0] is set off after
// ("Evan Marsh, a security researcher who", "Gulfland Electric, the region’s
// largest utility,").
func (a *analyzer) appositiveOf(t0 int) (mention, bool) {
	p := t0 - 1
	if p >= 0 && (a.isAt(p, "a") || a.isAt(p, "an") || a.isAt(p, "the")) {
		p--
	}
	if p < 1 || !a.isAt(p, ",") {
		return mention{}, false
	}
	e := a.entityFrom(p) - 1
	if e < 0 || a.entities[e][1] != p || a.toks[a.entities[e][0]].quote >= 0 {
		return mention{}, false
	}
	c := a.entity(e)
	return c, c.name != "" && (c.kind == person || c.kind == org)
}

// speaksAt reports whether the name toks[t0:t1] is the subject of its
// sentence or of a speech verb right after it ("Gallowmoor said").
func (a *analyzer) speaksAt(t0, t1 int) bool {
	return a.subjectAt(t0) || t1 < len(a.toks) && a.speechVerb(t1, false)
}

// bodyFor returns the body that the definite description toks[t0:t1] with
// the head word head stands for ("the union" for "Pacific Electronics Workers
// Union", "the newspaper" for "The Pell County Courier", "the club" for
// "Gallowmoor" when Gallowmoor spoke before): of the bodies named before, the
// best fit by the word, then by kind, then by having spoken or been a
// sentence's subject, then the nearest. named reports whether the text named
// any body that might be it.
func (a *analyzer) bodyFor(t0, t1 int, head string) (name string, named bool, fit float64) {
	limit := int(a.toks[t0].start) - 6000
	want := bodyKinds[head]
	if head == "board" || head == "page" || head == "staff" {
		for k := t0; k < t1-1; k++ {
			if t := a.toks[k]; t.word && !t.upper && bodyKinds[a.low(t)] == pressBody {
				want = pressBody // "the editorial board": the paper's
			}
		}
	}
	para := a.paraOf(t0)
	best := -1.0
	for e, e0 := a.entityFrom(t0)-1, a.entityFrom(t0); e >= 0 && e0-e <= maxLookBack; e-- {
		e0, e1 := a.entities[e][0], a.entities[e][1]
		if int(a.toks[e0].start) < limit {
			break
		}
		if a.toks[e0].quote >= 0 {
			continue
		}
		c := a.entity(e)
		if c.name == "" || c.kind == place {
			continue
		}
		kind := a.bodyKind(e0, e1)
		match := 0.0
		if e1 < t0 && a.toks[e1].word && a.low(a.toks[e1]) == head && !a.toks[e1].upper {
			// "the Calder campaign" … "the campaign said": the body is the name and the word.
			if score := 9 - 0.3*float64(min(para-a.paraOf(e0), 10)); score > best {
				best, name, fit = score, a.span(e0, e1+1), bodyFits[3]
			}
			named = true
			continue
		}
		switch {
		case c.kind == person && (e1-e0 < 2 || a.personLike(c) || a.toks[e0].cls&title != 0):
			continue // a person
		case a.wordNear(e0, e1, head):
			match = 3 // "the university" for "Northfield University"; "The network, MBN,"
		case want != 0 && kind == want, want == sportBody && c.kind == group:
			match = 2 // "the newspaper" for "The Daily Ledger"
		case kind != 0:
			continue // a body of another kind
		}
		named = true
		speaks := a.speaksAt(e0, e1)
		if match == 0 && !(c.kind == org || c.kind == group && e1-e0 >= 3 || e1 < len(a.toks) && a.speechVerb(e1, false)) {
			continue // a capitalised word opening a sentence ("Protection fell …") names no body
		}
		if match == 0 && !speaks {
			continue // a name that tells no kind: only if it spoke
		}
		score := match*match - 0.3*float64(min(para-a.paraOf(e0), 10)) // the word counts most, then the kind
		if speaks {
			score += 1.5
		}
		if score > best {
			best, name, fit = score, c.name, bodyFits[int(match)]
		}
	}
	return name, named, fit
}

// bodyFits are how sure bodyFor is of a body, by how it fits: by no more
// than having spoken, by its kind, by the word.
var bodyFits = [4]float64{0.75, 0, 0.85, 0.9}

// personFor returns the person that the definite description toks[t0:t1]
// with the head word head stands for: of the people named before, the one the
// text gave the most of its words ("the board president" for "Board President
// Evelyn Craddock" over "Sharon Pike, president of the teachers' union"), the
// nearest on a tie. ok is false when people given its words as much tie and
// none was named lately: a guess.
func (a *analyzer) personFor(t0, t1 int, head string) (name string, fit float64) {
	limit := int(a.toks[t0].start) - 6000
	para := a.paraOf(t0)
	g := a.describe(t0, t1).gender
	type cand struct {
		name  string
		match int
		last  int // the paragraph it was last named in
	}
	var buf [16]cand
	cands := buf[:0]
	for e, e0 := a.entityFrom(t0)-1, a.entityFrom(t0); e >= 0 && e0-e <= maxLookBack; e-- {
		e0, e1 := a.entities[e][0], a.entities[e][1]
		if int(a.toks[e0].start) < limit {
			break
		}
		if a.toks[e0].quote >= 0 {
			continue
		}
		c := a.entity(e)
		if c.name == "" || c.kind != person || g != 0 && c.gender != 0 && c.gender != g {
			continue
		}
		match := 0
		if a.wordNear(e0, e1, head) {
			match = 1
			for k := t0; k < t1-1; k++ {
				if t := a.toks[k]; t.word && !t.upper && t.cls&notName == 0 && a.wordNear(e0, e1, a.low(t)) {
					match++ // "board" of "the board president"
				}
			}
		}
		k := 0
		for k < len(cands) && cands[k].name != c.name {
			k++
		}
		if k == len(cands) {
			if k == cap(cands) {
				continue
			}
			cands = append(cands, cand{name: c.name, last: a.paraOf(e0)})
		}
		cands[k].match = max(cands[k].match, match)
	}
	best, tie := -1, false
	for k, c := range cands {
		switch {
		case c.match == 0:
		case best < 0 || c.match > cands[best].match:
			best, tie = k, false
		case c.match == cands[best].match:
			tie = true // cands are nearest first: best stays the nearer
		}
	}
	switch {
	case best < 0:
		return "", 0
	case !tie:
		return cands[best].name, 0.9
	case para-cands[best].last > 2:
		return "", -1
	}
	return cands[best].name, 0.8 // the nearer of two given the word
}

// personLike reports whether a mention names a person by more than its
// capitals: a gender, a first name of the lists or a title ("Hanne
// Lindgren", "Sen. Alicia Moreno", not "Northern Concord").
func (a *analyzer) personLike(m mention) bool {
	if m.kind != person || m.name == "" {
		return false
	}
	if m.gender != 0 || a.toks[m.t0].cls&title != 0 {
		return true
	}
	first := m.name
	if i := strings.IndexByte(first, ' '); i > 0 {
		first = first[:i]
	}
	return isFirstName(first)
}

// asideStart reports whether toks[k] may open an aside set off by commas
// between a subject and its verb: an appositive ("a political analyst", "the
// ranking member", "Brightwater's co-founder"), a relative clause ("who",
// "where"), a participle ("speaking to reporters"), a phrase ("in his video",
// "for his part"), an age ("58").
func (a *analyzer) asideStart(k int) bool {
	if k >= len(a.toks) {
		return false
	}
	w := a.toks[k]
	if !w.word {
		return false
	}
	return w.cls&(appositive|role) != 0 || a.text[w.start] >= '0' && a.text[w.start] <= '9' || a.partyTag(k) ||
		!w.upper && strings.HasSuffix(a.word(k), "ing") || a.preposition(w) && !a.is(w, "of") ||
		a.is(w, "where") || a.is(w, "when") || w.upper && w.poss
}

// partyTag reports whether toks[k] is a party and state after a name, as
// American news style writes them ("R-Okla.", "D-Calif.", "I-Vt.").
//
//go:noinline
func (a *analyzer) partyTag(k int) bool {
	w := a.word(k)
	return len(w) >= 4 && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z'
}

// headOf returns the head word of the description toks[t0:t1]: the role
// before a preposition ("former secretary of state", "spokeswoman for the
// bank"), else its last word.
func (a *analyzer) headOf(t0, t1 int) int {
	for k := t0 + 1; k < t1-1; k++ {
		if (a.preposition(a.toks[k]) || a.isAt(k, "to")) && a.toks[k-1].cls&(role|title) != 0 {
			return k - 1
		}
	}
	return t1 - 1
}

// partyWords are the parties a description may name a politician by ("the
// Texas Republican", "the Vermont independent").
var partyWords = set("republican democrat independent conservative liberal progressive libertarian")

// partyTags are the parties that the tags after names stand for ("R-Okla.").
var partyTags = map[byte]string{'r': "republican", 'd': "democrat", 'i': "independent"}

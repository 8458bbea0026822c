package suggest

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/anchor"
)

// kind is what sort of speaker a mention names.
type kind uint8

// The kinds of speaker.
const (
	unknown kind = iota // a single capitalised word: a person, a country, a body
	person
	org
	group // a plural description: "U.S. diplomats", "officials"
	place // a street, a building, a school: never a speaker
)

// mention is a phrase naming a speaker: a source, when it speaks.
type mention struct {
	t0, t1 int    // its tokens: toks[t0:t1]
	name   string // the person's full name ("John Kerry"), or "" when it has none
	kind   kind
	gender byte    // 'm', 'f' or 0 when unknown
	conf   float64 // how sure the engine is that it is a speaking source
	fit    float64 // how sure the name is, for a description given one ("the newspaper"), else 0
}

// np is a speaker phrase found next to a speech verb: mentions (two for "Kerry
// and Lavrov said") or a pronoun to resolve.
type np struct {
	ms      []int  // indexes in analyzer.mentions, in text order
	pronoun string // "he", "she", …, when the speaker is a pronoun
	at      int    // the pronoun's token
}

func (n np) ok() bool { return len(n.ms) > 0 || n.pronoun != "" }

// speakerAt returns the speaker phrase toks[t0:t1], recorded as a mention.
//
//go:noinline
func (a *analyzer) speakerAt(t0, t1 int, conf float64) np {
	return np{ms: []int{a.newMention(t0, t1, conf)}}
}

// fullName is a person's full name where the text gives it.
type fullName struct {
	pos  int // byte offset of the mention
	name string
}

// registerNames records every full personal name of the text by surname, so
// that a later "Kerry" is known as "John Kerry" (and by first name: "Victor"),
// and every run of capitalised words as an entity.
func (a *analyzer) registerNames() {
	headline, pi := a.headlines(), 0
	for i := 0; i < len(a.toks); {
		if !isName(a.toks[i]) || a.hyphenModifier(i) {
			i++ // "Ridgeport-based Halvard Biologics" is Halvard Biologics
			continue
		}
		j := i + 1
		for j < len(a.toks) && (isName(a.toks[j]) && !a.toks[j-1].poss || j+1 < len(a.toks) && (a.toks[j].cls&particle != 0 || a.orgJoin(j) || a.pluralPossessive(j)) && isName(a.toks[j+1])) &&
			!strings.ContainsRune(a.text[a.toks[j-1].end:a.toks[j].start], '\n') { // a name ends with its line
			j++
		}
		for pi < len(a.paras)-1 && a.paras[pi].t1 <= i {
			pi++
		}
		if !a.inCredit(i) && !a.shouting(i, j) && !headline[pi] { // "Credit Sofia Brandt" names a photographer; "DUNMORE COUNTY" is a dateline
			a.entities = append(a.entities, [2]int{i, j})
		}
		if j-i < 2 && (j >= len(a.toks) || a.toks[j].quote < 0) {
			i = j // one word: no full name here
			continue
		}
		n0, n1 := a.nameTokens(i, j)
		if n0 == n1 {
			i = j
			continue
		}
		first, nick := n1, -1 // the end of the name before a nickname; the name after it
		words := n1 - n0
		// A nickname between the names: Tom "The Hammer" Hale.
		if j < len(a.toks) && a.toks[j].quote >= 0 {
			q := a.quotes[a.toks[j].quote]
			if q.drop && q.t1 < len(a.toks) && isName(a.toks[q.t1]) && !a.toks[q.t1].poss {
				nick = q.t1
				j, n1 = q.t1+1, q.t1+1
				words++
			}
		}
		if words >= 2 && !a.isOrg(n0, n1) {
			full := a.span(n0, n1)
			if nick >= 0 {
				full = a.span(n0, first) + " " + a.span(nick, n1)
			}
			last := strings.ToLower(bare(a.word(n1 - 1)))
			a.surnames[last] = append(a.surnames[last], fullName{pos: int(a.toks[n0].start), name: full})
			if first := a.word(n0); isFirstName(first) {
				// Features call people by their first names too: "Victor sighs".
				key := strings.ToLower(first)
				a.firstNames[key] = append(a.firstNames[key], fullName{pos: int(a.toks[n0].start), name: full})
			}
		}
		i = j
	}
}

// pluralPossessive reports whether toks[k] is the apostrophe of a plural
// possessive inside a name ("Motorists’ Alliance", "Supporters' Trust").
func (a *analyzer) pluralPossessive(k int) bool {
	if k < 1 || k+1 >= len(a.toks) || a.toks[k].word || a.toks[k].quote >= 0 || !(a.isAt(k, "’") || a.isAt(k, "'")) {
		return false
	}
	p := a.toks[k-1]
	return p.word && p.upper && p.end == a.toks[k].start && a.text[p.end-1] == 's'
}

// hyphenModifier reports whether toks[k] is a capitalised word made an
// adjective by a hyphen and a lower-case word ("Ridgeport-based", "Iran-backed").
func (a *analyzer) hyphenModifier(k int) bool {
	w := a.word(k)
	h := strings.LastIndexByte(w, '-')
	if h <= 0 || h+1 >= len(w) {
		return false
	}
	return inList(" based born backed owned led run funded bred raised made ", w[h+1:])
}

// headlines marks the paragraphs that are short lines written in title case,
// as headlines are ("Border Talks Resume as Dam Stalls"), where capitals name
// no one.
func (a *analyzer) headlines() []bool {
	marks := make([]bool, len(a.paras))
	for i, p := range a.paras {
		words, upper := 0, 0
		for _, t := range a.toks[p.t0:min(p.t1, p.t0+40)] {
			if t.word {
				words++
				if t.upper {
					upper++
				}
			}
		}
		marks[i] = words >= 3 && words <= 16 && p.t1-p.t0 <= 40 && upper*10 >= words*7 && !a.endsSentence(a.toks[p.t1-1])
	}
	return marks
}

// orgJoin reports whether toks[k] joins the words of a body's name
// ("Department for Schools", "Fire and Rescue Service").
func (a *analyzer) orgJoin(k int) bool {
	return k > 0 && (a.isAt(k, "for") || a.isAt(k, "and")) && a.toks[k-1].upper && a.toks[k-1].cls&orgWord != 0
}

// shouting reports whether the words toks[t0:t1] are all in capitals, as a
// dateline or a heading writes a place.
func (a *analyzer) shouting(t0, t1 int) bool {
	for k := t0; k < t1; k++ {
		w := a.word(k)
		if len(w) < 2 || strings.IndexFunc(w, unicode.IsLower) >= 0 {
			return false
		}
	}
	return true
}

// placeWords end the names of places, which do not speak.
var placeWords = set(
	"street st st. road rd avenue ave lane square hall bridge quay high station airport harbour " +
		"harbor boulevard drive plaza stadium arena ground beach river lake mountain valley county island " +
		"bay",
)

// docNouns are the documents that may speak for the body that wrote them.
var docNouns = set(
	"survey report study poll analysis assessment review audit filing statement census paper memo " +
		"letter order ruling filings complaint lawsuit indictment accounts minutes records documents " +
		"figures data estimate estimates forecast forecasts projections findings statistics " +
		"transcript testimony affidavit motion research results trial polling surveys reports studies " +
		"polls notice sign poster banner message note email plaque inscription",
)

// firstWord returns the first token of toks[t0:t1] after an article or count.
func (a *analyzer) firstWord(t0, t1 int) int {
	if t0 < t1-1 && (a.isAt(t0, "the") || a.isAt(t0, "a") || a.isAt(t0, "an") || a.isCount(a.toks[t0])) {
		return t0 + 1
	}
	return t0
}

// hasJoin reports whether "of", "for" or "and" joins the words of toks[t0:t1].
func (a *analyzer) hasJoin(t0, t1 int) bool {
	for k := t0 + 1; k < t1-1; k++ {
		if a.isAt(k, "of") || a.isAt(k, "for") || a.isAt(k, "and") {
			return true
		}
	}
	return false
}

// hasPreposition reports whether a preposition joining a role to a body lies in toks[t0:t1].
func (a *analyzer) hasPreposition(t0, t1 int) bool {
	for k := t0; k < t1; k++ {
		if a.preposition(a.toks[k]) {
			return true
		}
	}
	return false
}

// inCredit reports whether toks[k] is inside a photo credit.
func (a *analyzer) inCredit(k int) bool {
	at := int(a.toks[k].start)
	i, _ := slices.BinarySearchFunc(a.credits, at, func(c credit, at int) int { return cmp.Compare(c.start, at) })
	return i < len(a.credits) && a.credits[i].start == at || i > 0 && a.credits[i-1].end > at
}

// nameTokens returns the tokens of the personal name at the end of toks[t0:t1],
// after any title: "John Kerry" of "U.S. Secretary of State John Kerry".
func (a *analyzer) nameTokens(t0, t1 int) (int, int) {
	n0 := t1
	for n0 > t0 {
		t := a.toks[n0-1]
		if n0-1 > t0 && a.pluralPossessive(n0-1) {
			n0 -= 2 // "Supporters’ Trust"
			continue
		}
		if isName(t) && (t.cls&(title|role) == 0 || t.cls&orgWord != 0) || t.cls&particle != 0 && !a.is(t, "of") && n0-1 > t0 && isName(a.toks[n0-2]) {
			n0--
			continue
		}
		break
	}
	if n0 > t0 && a.isAt(n0-1, "of") && t1-n0 > 2 {
		// "Secretary of State John Kerry": the department comes first; a name has two words,
		// three with a middle initial.
		n0 = t1 - 2
		if t1-n0 < 4 && n0-1 > t0 && strings.HasSuffix(a.word(n0), ".") {
			n0--
		}
	} else if n0 > t0 && a.isAt(n0-1, "of") {
		if p0, p1 := a.nameTokens(t0, n0-1); p1-p0 >= 2 && isFirstName(a.word(p0)) {
			return p0, p1 // "Rep. Lena Marsh of Ohio": a person and where she is from
		}
		return t1, t1 // "Ministry of Defence": no person
	}
	for n0 < t1 && a.toks[n0].cls&particle != 0 {
		n0++
	}
	if w := strings.ToLower(a.word(n0)); t1-n0 >= 3 && (strings.HasSuffix(w, "man") || strings.HasSuffix(w, "woman")) && isFirstName(a.word(n0+1)) {
		n0++ // "Alderwoman Keisha Moore": a title the lexicon does not know
	}
	return n0, t1
}

// isOrg reports whether the capitalised words toks[t0:t1] name an organisation.
func (a *analyzer) isOrg(t0, t1 int) bool {
	for _, t := range a.toks[t0:t1] {
		if t.cls&orgWord != 0 {
			return true
		}
	}
	if t1-t0 == 1 {
		w := a.text[a.toks[t0].start:a.toks[t0].end]
		return len(w) >= 2 && strings.ToUpper(w) == w && strings.IndexFunc(w, unicode.IsLetter) >= 0
	}
	return false
}

// word returns the text of toks[k].
func (a *analyzer) word(k int) string { return a.text[a.toks[k].start:a.toks[k].end] }

// span returns the text of toks[t0:t1], a possessive "'s" dropped.
func (a *analyzer) span(t0, t1 int) string {
	s := bare(a.text[a.toks[t0].start:a.toks[t1-1].end])
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\t' || c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return strings.Join(strings.Fields(s), " ") // white space to tidy
		}
	}
	return s
}

// newMention records the speaker phrase toks[t0:t1] (at most once) and returns its index.
func (a *analyzer) newMention(t0, t1 int, conf float64) int {
	for t1 > t0+1 && (!a.toks[t1-1].word || a.isAt(t1-1, "who") || a.isAt(t1-1, "which") || a.isAt(t1-1, "that")) {
		t1-- // a phrase ends with its last word, not a comma or a relative
	}
	key := [2]int{t0, t1}
	if i, ok := a.byTokens[key]; ok {
		a.mentions[i].conf = max(a.mentions[i].conf, conf)
		return i
	}
	m := a.describe(t0, t1)
	m.conf = conf
	a.mentions = append(a.mentions, m)
	a.byTokens[key] = len(a.mentions) - 1
	return len(a.mentions) - 1
}

// entityFrom returns the index of the first entity starting at toks[k] or
// after it (len(entities) when none does).
func (a *analyzer) entityFrom(k int) int {
	e, _ := slices.BinarySearchFunc(a.entities, k, func(en [2]int, k int) int { return cmp.Compare(en[0], k) })
	return e
}

// entity returns what describe says of entities[e], working it out once.
func (a *analyzer) entity(e int) mention {
	if a.described == nil {
		a.described = make([]mention, len(a.entities))
	}
	if a.described[e].t1 == 0 {
		a.described[e] = a.describe(a.entities[e][0], a.entities[e][1])
	}
	return a.described[e]
}

// describe says who the phrase toks[t0:t1] names: a person's full name, or an
// organisation or group, and the gender its title, role or first name tells.
func (a *analyzer) describe(t0, t1 int) mention {
	m := mention{t0: t0, t1: t1}
	for _, t := range a.toks[t0:t1] {
		if g := genders[lexWords[t.lex]]; g != 0 {
			m.gender = g
		}
	}
	if f := a.firstWord(t0, t1); f < t1-2 && isName(a.toks[f]) && (a.toks[f].cls&orgWord != 0 || bodyKinds[strings.ToLower(a.word(f))] != 0) && isName(a.toks[t1-1]) && a.hasJoin(f, t1) {
		// "Ministry of Home Affairs", "Office for Examination Standards": a
		// body named by the whole run.
		m.kind, m.name = org, a.span(f, t1)
		return m
	}
	n0, n1 := a.nameTokens(t0, t1)
	head := a.toks[t1-1]
	if lead := a.firstWord(t0, t1); lead < n0 && !a.toks[lead].upper && a.toks[lead].cls&(role|title) != 0 && a.hasPreposition(lead, n0) {
		if docNouns[a.low(a.toks[lead])] {
			// "a survey by the National Nursing Safety Council", "a study by
			// the University of Selong": the body speaks.
			for x := lead + 1; x < t1; x++ {
				if isName(a.toks[x]) {
					m.kind, m.name = person, a.span(x, t1)
					if a.isOrg(x, t1) || x > 0 && a.isAt(x-1, "the") {
						m.kind = org
					}
					return m
				}
			}
		}
		// "spokesman for the Department for Schools": a role of a body, named
		// by the description as a whole.
		m.kind = person
		return m
	}
	switch {
	case n0 < n1 && a.isOrg(n0, n1):
		m.kind = org
		m.name = a.span(n0, n1)
		if n0 > t0 && a.isAt(n0-1, "the") && a.text[a.toks[n0-1].start] == 'T' {
			m.name = a.span(n0-1, n1) // "The Daily Ledger", as the paper writes itself
		}
	case n0 < n1 && partyWords[strings.ToLower(a.word(n1-1))] && !isFirstName(a.word(n0)):
		m.kind = person // "the Texas Republican": a politician the text named before
	case n0 < n1:
		m.name = a.span(n0, n1)
		m.kind = unknown
		if n1-n0 >= 2 || n0 > t0 {
			m.kind = person
		}
		w := a.word(n0)
		if n1-n0 == 1 {
			w = bare(w)
		}
		fg, isFirst := firstName(w) // the name lists, looked up once
		if last := strings.TrimRight(a.word(n1-1), "'’"); n1-n0 >= 2 && strings.HasSuffix(last, "s") && !strings.HasSuffix(bare(a.word(n1-1)), "'") && !isFirst && n0 == a.firstWord(t0, t1) && a.word(n1-1) == bare(a.word(n1-1)) {
			m.kind = group // "Harbor City Gulls", "Thornbury Saints": a team, not a person
		}
		if n1-n0 >= 2 && placeWords[strings.ToLower(a.word(n1-1))] && !isFirst {
			m.kind, m.name = place, "" // "Quay Street", "Marsh Hall", "Westbrook High"
		}
		if n1-n0 >= 2 && m.gender == 0 {
			m.gender = fg
		}
		if n1-n0 == 1 {
			low := strings.ToLower(w)
			para := a.paras[a.paraOf(n0)].start
			full, ok := nearestName(a.surnames[low], int(a.toks[n0].start), para)
			if !ok && len(low) > 3 && low[len(low)-1] == 's' {
				full, ok = nearestName(a.surnames[low[:len(low)-1]], int(a.toks[n0].start), para) // "the Cranes"
			}
			if !ok && isFirst {
				full, ok = nearestName(a.firstNames[low], int(a.toks[n0].start), para)
			}
			if ok {
				m.name, m.kind = full, person
				if m.gender == 0 {
					m.gender = firstNameGender(full[:strings.IndexByte(full+" ", ' ')])
				}
			} else if isFirst && n0 > 0 && (a.toks[n0].cls == 0 && a.toks[n0-1].word || a.isAt(n0-1, ",")) {
				// "her husband, Tom, a retired minister": a first name alone,
				// inside a sentence, is a person's.
				m.kind = person
				if m.gender == 0 {
					m.gender = fg
				}
			}
		}
	case head.cls&orgHead != 0:
		m.kind = org
	case strings.HasSuffix(strings.ToLower(a.text[head.start:head.end]), "s"):
		m.kind = group
	default:
		m.kind = person
	}
	return m
}

// nearestName returns the full name among names (in text order) that a
// surname or first name at byte pos stands for: the one named in its own
// paragraph, before it, if any; else the first named before it, who is most
// often the one the story is about ("Jim Treloar" … "his late father, Alfie
// Treloar" … "Treloar is already hosing down the boat"); else the first named
// after it. paraStart is where pos's paragraph starts.
func nearestName(names []fullName, pos, paraStart int) (string, bool) {
	if len(names) == 0 {
		return "", false
	}
	i, _ := slices.BinarySearchFunc(names, pos+1, func(n fullName, p int) int { return cmp.Compare(n.pos, p) })
	if i > 0 && names[i-1].pos >= paraStart {
		return names[i-1].name, true
	}
	return names[0].name, true
}

// speechVerb reports whether toks[k] is a speech verb outside quotations, not
// made passive ("he was told"); partialToo allows the verbs that introduce partial
// quotes ("called it").
func (a *analyzer) speechVerb(k int, partialToo bool) bool {
	t := a.toks[k]
	if !t.word || t.quote >= 0 || t.cls&speech == 0 && (!partialToo || t.cls&partial == 0 || t.upper) {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if a.toks[j].cls&be != 0 {
			return false
		}
		if a.toks[j].cls&precede == 0 {
			break
		}
	}
	if k > 0 && a.text[t.end-1] == 's' && a.determiner(a.toks[k-1]) {
		return false // "14 states", "the reports", "her remarks": nouns
	}
	return true
}

// determiner reports whether a word stands before a noun: an article, a
// number, a possessive ("the", "14", "several", "her").
func (a *analyzer) determiner(t token) bool {
	return a.isCount(t) || t.poss || t.word && t.lex != 0 && strings.Contains(" the these those his her their its our my other all both such no ", " "+lexWords[t.lex]+" ")
}

// subjectBefore finds the speaker of the speech verb toks[v], looking back no
// further than toks[lo]: "Kerry said", "Kerry had previously said", "Wazne, a
// political analyst, said", "Kerry and Lavrov said", "he said".
func (a *analyzer) subjectBefore(v, lo int, conf float64) np {
	j := v - 1
	for j >= lo && a.toks[j].word && (a.toks[j].cls&precede != 0 || a.adverb(a.toks[j])) {
		j--
	}
	if j >= lo && a.isAt(j, ",") && j-1 >= lo && isName(a.toks[j-1]) {
		// "the host, Dana Whitfield, asked": the name set off before the verb.
		n := j - 1
		for n-1 >= lo && isName(a.toks[n-1]) && j-n < 4 {
			n--
		}
		if n-1 >= lo && a.isAt(n-1, ",") && j-n >= 2 {
			return a.speakerAt(n, j, conf)
		}
	}
	if j >= lo && a.isAt(j, ",") {
		// An appositive or an aside between the subject and its verb: "Wazne, a
		// political analyst, said", "Brisbane, in his video, urged", "Dr. Miriam
		// Yoder, the health officer for Pell County, where …, said". Of the
		// commas that set one off, the first after a phrase that opens the
		// sentence wins, else the nearest.
		found := -1
		for k := j - 1; k > lo && k >= j-30; k-- {
			t := a.toks[k]
			if t.quote >= 0 && !a.quotes[t.quote].drop || a.endsSentence(t) {
				break
			}
			if t.quote >= 0 {
				k = a.quotes[t.quote].t0 // a title in an aside: “Full Time Whistle”
				continue
			}
			if !a.is(t, ",") || !a.asideStart(k+1) {
				continue
			}
			if found < 0 {
				found = k - 1
			}
			if f, ok := a.phraseEndingAt(k-1, lo); ok && a.subjectAt(f) {
				found = k - 1
				break
			}
		}
		if found >= 0 {
			j = found
		}
	}
	if j-1 >= lo && a.isAt(j, "who") && a.isAt(j-1, ",") {
		// "Rep. Lena Marsh of Ohio, the ranking member, who described the plan
		// as …": the person the relative clause is about, the name before an
		// appositive ("Hanne Lindgren, a veteran mediator for the Northern
		// Concord, who said") or else the nearest person named.
		for k := j - 2; k > lo && k >= j-16; k-- {
			if t := a.toks[k]; t.quote >= 0 || a.endsSentence(t) {
				break
			}
			if a.isAt(k, ",") {
				if w := a.toks[k+1]; a.is(w, "a") || a.is(w, "an") || a.is(w, "the") {
					if e := a.entityFrom(k) - 1; e >= 0 && a.entities[e][1] == k && a.entity(e).kind == person {
						return a.speakerAt(a.entities[e][0], k, conf)
					}
				}
				break
			}
		}
		e := a.entityFrom(j)
		for e--; e >= 0 && a.entities[e][0] >= max(lo, j-30); e-- {
			if m := a.entity(e); a.personLike(m) && a.toks[a.entities[e][0]].quote < 0 {
				return a.speakerAt(a.entities[e][0], a.entities[e][1], conf)
			}
		}
		return np{}
	}
	if j < lo {
		return np{}
	}
	if j-2 >= lo && a.isAt(j, "them") && a.isAt(j-1, "of") && a.isCount(a.toks[j-2]) {
		return a.speakerAt(j-2, j+1, conf) // "One of them said"
	}
	first, ok := a.phraseEndingAt(j, lo)
	if !ok {
		if p, isPronoun := pronouns[lexWords[a.toks[j].lex]]; isPronoun && p != 0 || a.isAt(j, "i") || a.isAt(j, "you") {
			return np{pronoun: lexWords[a.toks[j].lex], at: j} // "I said": no one the engine can name, but someone
		}
		// "a state climate report that found": the noun the relative is about.
		if (a.isAt(j, "that") || a.isAt(j, "which")) && j-1 >= lo && !a.toks[j-1].upper && a.toks[j-1].cls&role != 0 {
			if f, ok := a.phraseEndingAt(j-1, lo); ok {
				return a.speakerAt(f, j, conf)
			}
		}
		// "two people familiar with the talks said": a role and what follows it.
		if r, ok := a.roleWithModifier(j, lo); ok {
			end := j + 1
			for k := r + 1; k <= j; k++ {
				if a.isAt(k, "who") || a.isAt(k, "that") {
					end = k // "a caller who did not give her name": the caller
					break
				}
			}
			return a.speakerAt(r, end, conf)
		}
		return np{}
	}
	// "a spokeswoman for the bank said", "a spokesman for the Department for
	// Schools said": the role before the body it serves.
	for range 2 {
		p := first - 1
		if p-1 < lo || a.toks[first].cls&title != 0 && a.toks[first].upper {
			break // "Secretary of State John Kerry" is one name
		}
		if a.isAt(p, "the") || a.isAt(p, "a") {
			p--
		}
		switch {
		case p-2 >= lo && (a.isAt(p, "to") || a.isAt(p, "with") || a.isAt(p, "on")) && a.toks[p-1].word && !a.toks[p-1].upper && a.toks[p-1].cls == 0 && a.toks[p-2].cls&role != 0:
			p-- // "sources close to the minister", "people familiar with the talks"
		case p-1 < lo || !(a.preposition(a.toks[p]) || a.isAt(p, "to")) || !(a.toks[p-1].cls&role != 0 || isName(a.toks[p-1]) && a.toks[p-1].cls&orgWord != 0):
			p = -1 // no role before a preposition ("an aide to the governor" has one)
		}
		if p < 0 {
			break
		}
		f2, ok := a.phraseEndingAt(p-1, lo)
		if !ok {
			break
		}
		first = f2
	}
	n := a.speakerAt(first, j+1, conf)
	// "Kerry, left, and Lavrov said": the first of two speakers.
	k := first - 1
	if k > lo && a.isAt(k, "and") {
		k--
		if k-2 >= lo && a.isAt(k, ",") && a.isAt(k-2, ",") && a.toks[k-1].cls&sideword != 0 {
			k -= 3
		}
		if k >= lo {
			if f2, ok := a.phraseEndingAt(k, lo); ok {
				n.ms = append([]int{a.newMention(f2, k+1, conf)}, n.ms...)
			}
		}
	}
	return n
}

// roleWithModifier finds a role noun a few words before toks[j] with the
// words that qualify it, up to toks[j] ("people familiar with the talks",
// "officials briefed on the plan", "senators who voted for the bill"), and
// returns where the phrase starts.
func (a *analyzer) roleWithModifier(j, lo int) (int, bool) {
	for r := j - 1; r >= lo && r >= j-8; r-- {
		t := a.toks[r]
		if !t.word || t.quote >= 0 || t.cls&speech != 0 {
			return 0, false
		}
		if a.is(t, ",") || a.isAt(j, "and") || a.isAt(j, "but") {
			return 0, false // an appositive: another rule's; "thanked his volunteers and said": his
		}
		if !t.upper && t.cls&role != 0 && t.cls&orgHead == 0 {
			first, ok := a.phraseEndingAt(r, lo)
			if !ok {
				return 0, false
			}
			if first > lo && a.isCount(a.toks[first-1]) {
				first-- // "two people familiar with …"
			}
			if p := a.toks[max(first-1, 0)]; first > lo && p.word && !p.upper && p.cls&notName == 0 {
				return 0, false // "a fire forced 4,000 residents from their homes": an object
			}
			return first, true
		}
	}
	return 0, false
}

// isCount reports whether a word counts people: a number word or a digit.
func (a *analyzer) isCount(t token) bool {
	w := a.low(t)
	return t.word && (w[0] >= '0' && w[0] <= '9' || w == "two" || w == "three" || w == "four" || w == "several" || w == "some" || w == "many" || w == "one")
}

// adverb reports whether a word is an adverb that may sit between a speaker and
// its verb ("Kerry reportedly said").
//
//go:noinline
func (a *analyzer) adverb(t token) bool {
	w := a.text[t.start:t.end]
	return !t.upper && len(w) > 4 && strings.HasSuffix(w, "ly")
}

// appositiveStart are words that begin an appositive after a name.
var appositiveStart = set("a an the who which whose one head chief former")

// sidewords say where a person stands in a photo ("Kerry, left, and Lavrov").
var sidewords = set("left right center centre front rear above below pictured")

// phraseEndingAt returns the first token of the speaker phrase ending at toks[j]:
// a name with its title and description ("Political analyst Kamel Wazne", "U.S.
// Secretary of State John Kerry") or a description of a person or body ("AFP news
// agency", "U.S. diplomats", "a spokesman").
func (a *analyzer) phraseEndingAt(j, lo int) (int, bool) {
	t := a.toks[j]
	if !t.word || t.quote >= 0 || t.upper && a.partyTag(j) {
		return 0, false
	}
	k := j
	switch {
	case isName(t) && t.cls&speech == 0:
		for k-1 >= lo {
			p := a.toks[k-1]
			if isName(p) && !p.poss || k-2 >= lo && (p.cls&particle != 0 || a.pluralPossessive(k-1)) && isName(a.toks[k-2]) {
				k--
				continue
			}
			break
		}
	case !t.upper && t.cls&(role|title) != 0:
	case a.commonNounAfterArticle(j, lo):
		// "the dean said", "the epidemiologist cautioned": any noun the
		// text gives a person by, past the lexicon's roles.
	default:
		return 0, false
	}
	// The description before a name or role: "UN special envoy", "Russian counterpart".
	for k-1 >= lo {
		p := a.toks[k-1]
		if p.quote >= 0 || !p.word {
			break
		}
		if isName(p) && !p.poss || !p.upper && (p.cls&modifier != 0 || p.cls&role != 0 || p.cls&title != 0 || p.poss && p.cls&orgWord != 0 && !docNouns[a.low(t)]) ||
			k-2 >= lo && !p.upper && p.cls == 0 && !a.adverb(p) && a.toks[k-2].word && a.toks[k-2].lex != 0 && a.determiner(a.toks[k-2]) && !a.isCount(a.toks[k-2]) {
			k-- // "the nursing chief", "its own assessment"
			continue
		}
		break
	}
	for k < j && !a.toks[k].upper && a.toks[k].cls&modifier != 0 && a.toks[k].cls&role == 0 && a.toks[k].cls&title == 0 {
		k++ // "several officials": the quantity is not the speaker
	}
	return k, true
}

// commonNounAfterArticle reports whether toks[j] is a lower-case word that an
// article one or two words before makes a noun phrase ("the dean", "the
// 7-footer", "the veteran fly-half").
func (a *analyzer) commonNounAfterArticle(j, lo int) bool {
	t := a.toks[j]
	if t.upper || !t.word || t.quote >= 0 || t.cls&(notName|speech|partial|be|precede) != 0 || a.adverb(t) {
		return false
	}
	for k := j - 1; k >= lo && k >= j-2; k-- {
		p := a.toks[k]
		if a.is(p, "the") || a.is(p, "a") || a.is(p, "an") {
			return true
		}
		if !p.word || p.upper || p.cls&(notName|speech|partial|be) != 0 {
			return false
		}
	}
	return false
}

// phraseAt returns the speaker phrase starting at toks[k], as after an
// inverted verb ("said Wazne", "said a spokesman", "said the campaign’s
// communications director, Jenna Holt", "said a spokeswoman for the bank").
func (a *analyzer) phraseAt(k, hi int) (int, int, bool) {
	if k < hi && (a.isAt(k, "the") || a.isAt(k, "a") || a.isAt(k, "an") || a.isAt(k, "one") || a.isAt(k, "another") ||
		a.isAt(k, "his") || a.isAt(k, "her") || a.isAt(k, "my") || a.isAt(k, "their") || a.isAt(k, "its") || a.isAt(k, "our")) {
		k++
	}
	if k+1 < hi && (a.isAt(k, "same") || a.toks[k].end-a.toks[k].start == 4 && a.text[a.toks[k].start] <= '9' && a.text[a.toks[k].start] >= '1') {
		k++ // "according to the same report", "a 2024 survey": the report, the survey
	}
	e := k
	for e < hi {
		t := a.toks[e]
		if e > k && e+1 < hi && (a.pluralPossessive(e) || a.is(t, "/") && a.toks[e-1].end == t.start) && isName(a.toks[e+1]) {
			e++ // "the Rail Passengers’ Forum", "a CNN/ORC poll"
			continue
		}
		if t.quote >= 0 || !t.word {
			break
		}
		if isName(t) && !t.poss || !t.upper && (t.cls&modifier != 0 || t.cls&role != 0 || t.cls&title != 0) ||
			t.cls&particle != 0 && e+1 < hi && isName(a.toks[e+1]) ||
			!t.upper && t.poss && e-k < 3 || // "the campaign’s"
			!t.upper && t.cls&(notName|speech|partial|be|precede) == 0 && e-k < 3 && e+1 < hi && (a.roleAhead(e+1, hi) || a.nameAhead(e+1, hi)) {
			e++
			if t.poss && t.upper {
				break
			}
			continue
		}
		break
	}
	for e > k && !isName(a.toks[e-1]) && a.toks[e-1].cls&role == 0 {
		e--
	}
	if e == k && k > 0 && k < hi && a.commonNounAfterArticle(k, k-1) && (k+1 >= hi || !a.toks[k+1].word) {
		e = k + 1 // "said the fly-half," — a noun the lexicon does not know
	}
	if e > k && e+1 < hi && a.toks[e-1].cls&role != 0 && (!a.toks[e-1].upper || e-1 == k) && (a.preposition(a.toks[e]) || a.isAt(e, "to")) &&
		!(docNouns[a.low(a.toks[e-1])] && a.isCount(a.toks[e+1])) { // "a poll of 1,100 members" is the poll
		// "a spokeswoman for the bank", "an official at the Interior Ministry",
		// "an aide to the governor".
		p := e + 1
		if p < hi && (a.isAt(p, "the") || a.isAt(p, "a")) {
			p++
		}
		q := p
		for q < hi && q-p < 4 && a.toks[q].word && a.toks[q].quote < 0 && (isName(a.toks[q]) || !a.toks[q].upper && a.toks[q].cls&(notName|speech|partial|be|precede) == 0 && !a.pastTense(q)) {
			q++
		}
		if q > p {
			e = q
		}
	}
	return k, e, e > k
}

// pastTense reports whether toks[k] reads as a verb in the past tense that
// the lexicon does not know ("denied", "rejected"): a word of five letters or
// more ending in "ed".
func (a *analyzer) pastTense(k int) bool {
	w := a.word(k)
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && a.toks[k].cls == 0
}

// nameAhead reports whether a name comes within two words from toks[k]
// ("a smiling Kowalczyk", "a visibly irritated Reyes").
func (a *analyzer) nameAhead(k, hi int) bool {
	for j := k; j < hi && j < k+2; j++ {
		t := a.toks[j]
		if !t.word {
			return false
		}
		if isName(t) {
			return true
		}
	}
	return false
}

// roleAhead reports whether a role noun comes within three words from toks[k]
// ("communications director", "own equality impact assessment").
func (a *analyzer) roleAhead(k, hi int) bool {
	for j := k; j < hi && j < k+3; j++ {
		t := a.toks[j]
		if !t.word || t.upper {
			return false
		}
		if t.cls&role != 0 {
			return true
		}
	}
	return false
}

// preposition reports whether toks[k] joins a role to the body it serves.
func (a *analyzer) preposition(t token) bool {
	return a.is(t, "for") || a.is(t, "at") || a.is(t, "of") || a.is(t, "with") || a.is(t, "from") || a.is(t, "in") || a.is(t, "by")
}

// mainSubject returns the subject of the sentence that opens at toks[start],
// before toks[end]: past a dateline ("PHOENIX (Wire) —") and a phrase set
// before the subject ("In a statement, it called", "After the broadcast, a
// spokesman for the governor said"), a pronoun or a speaker phrase, with the
// name set off after a description ("Kelmouth’s MP, Rhiannon Ellis,").
func (a *analyzer) mainSubject(start, end int, conf float64) np {
	k := start
	for d := k; d < end && d < start+10; d++ {
		t := a.toks[d]
		if a.is(t, "—") || a.is(t, "–") {
			if d > k {
				k = d + 1 // a dateline
			}
			break
		}
		if t.word && !t.upper || t.quote >= 0 {
			break
		}
	}
	if k < end && (a.isAt(k, "but") || a.isAt(k, "and") || a.isAt(k, "yet")) {
		k++
	}
	if k+2 < end && a.isCount(a.toks[k]) && a.isAt(k+1, "of") && a.isAt(k+2, "them") {
		if n0, n1, ok := a.appositiveName(k+3, end); ok {
			return a.speakerAt(n0, n1, conf) // "One of them, LaDonna Redfeather, put it this way:"
		}
		return a.speakerAt(k, k+3, conf) // "One of them said"
	}
	if k < end && a.fronted(k) && pronouns[lexWords[a.toks[k].lex]] == 0 {
		c := k
		for c < end && c < k+25 && !a.isAt(c, ",") {
			if q := a.toks[c].quote; q >= 0 {
				c = a.quotes[q].t1 - 1
			}
			c++
		}
		switch {
		case c < end && c < k+25:
			k = c + 1
		case k+1 < end && (pronouns[lexWords[a.toks[k+1].lex]] != 0 || isName(a.toks[k+1])):
			k++ // "Then she went on:"
		default:
			return np{}
		}
	}
	if k >= end {
		return np{}
	}
	t := a.toks[k]
	if p := pronouns[lexWords[t.lex]]; p != 0 && t.word {
		return np{pronoun: lexWords[t.lex], at: k}
	}
	owner := k
	if isName(t) && t.poss && k+1 < end {
		k++ // "Kelmouth’s MP", "Maranka’s Ministry of Home Affairs"
	}
	s, e, ok := a.phraseAt(k, end)
	if !ok {
		return np{}
	}
	if e+1 < end && a.toks[e].word && !a.toks[e].upper && a.toks[e].cls == 0 && a.speechVerb(e+1, false) {
		e++ // "The city school system said": the phrase goes on to its noun
	}
	if e-s == 1 && s == start && a.toks[s].upper {
		if m := a.describe(s, e); m.kind == unknown && !(e < end && a.speechVerb(e, false)) {
			return np{} // "Beneath the last name, …": a capital that opens a sentence names no one
		}
	}
	if !a.hasName(s, e) {
		// "The centre’s chief meteorologist, Dr Priya Nandakumar, put it": the
		// name set off after the description.
		for c := e; c < end && c <= e+2; c++ {
			if n0, n1, ok := a.appositiveName(c, end); ok {
				return a.speakerAt(n0, n1, conf)
			}
			if t := a.toks[c]; !t.word || t.upper || t.cls != 0 || a.pastTense(c) {
				break
			}
		}
	}
	if owner < k && !a.hasName(s, e) {
		s = owner // "Ashby’s manager": whose it is tells who
	}
	return a.speakerAt(s, e, conf)
}

// appositiveName returns the name set off by commas right after toks[e-1]
// ("the communications director, Jenna Holt, adding"), or false.
func (a *analyzer) appositiveName(e, hi int) (int, int, bool) {
	if e+2 >= hi || !a.isAt(e, ",") || !isName(a.toks[e+1]) {
		return 0, 0, false
	}
	n := e + 1
	for n < hi && n-e <= 4 && isName(a.toks[n]) {
		n++
	}
	if n+1 < hi && n-(e+1) >= 2 && a.isAt(n, "of") && isName(a.toks[n+1]) {
		n += 2 // "one delegate, Patricia Nolan of Dayton,"
		for n < hi && isName(a.toks[n]) {
			n++
		}
	}
	if n < hi && !a.isAt(n, ",") && !a.endsSentence(a.toks[n]) {
		return 0, 0, false
	}
	if n-(e+1) < 2 && !(e > 0 && a.toks[e-1].cls&(role|title) != 0 && !a.toks[e-1].upper) {
		return 0, 0, false // one word names someone only after a role: "My sister, Celia,", "The network, MBN,"
	}
	return e + 1, n, true
}

// resolve returns the mention a pronoun at toks[at] stands for, and how far
// ahead of any rival it is (see antecedent): the person or body before it,
// within a few paragraphs and outside quotations, of a fitting kind and
// gender that the text makes most likely — a speaker already found, or a name
// the text gave as a sentence's subject ("Maria Okafor disagreed with Paul
// Brandt. “…,” she said": Okafor; "Lavrov said the talks with Kerry had been
// “constructive,” he stressed": Lavrov). byStart lists the mentions by
// position; it returns -1 when none fits.
func (a *analyzer) resolve(pronoun string, at int, byStart []int) (int, float64) {
	return a.antecedent(pronouns[pronoun], pronounGender[pronoun], at, byStart, "")
}

// antecedent returns the mention that a word at toks[at] standing for a person
// or body of the kind want and the gender g ('m', 'f' or 0) refers to, and
// how far its score is ahead of the best rival's (the lead; 99 with no
// rival). It is a small scored model of the candidates rather than a first
// match: every fitting name and speaker within a few paragraphs back (none
// named skip) is scored — the subject of a sentence and the speaker of a
// quotation count most (the more so named right after a quotation in the
// word's own paragraph), a possessive that opens a sentence somewhat, a name
// in an object or a clause least; a gender that fits counts, one unknown
// counts a little against (a pronoun after the name can tell it: "Joko
// Pranata, who lost his herd"); each sentence back costs a little, each
// paragraph back much more; a name the text repeats gains. It returns -1 when
// none fits.
func (a *analyzer) antecedent(want kind, g byte, at int, byStart []int, skip string) (int, float64) {
	if want == unknown {
		return -1, 0
	}
	limit := int(a.toks[at].start) - 2000 // bytes: a few paragraphs
	para := a.paraOf(at)
	i, _ := slices.BinarySearchFunc(byStart, at, func(mi, at int) int { return cmp.Compare(a.mentions[mi].t0, at) })
	e := a.entityFrom(at)
	i--
	e--
	type cand struct {
		name         string
		t0, t1, mi   int // the best occurrence: its tokens and mention (-1 for an entity)
		score, bonus float64
	}
	var buf [24]cand
	cands := buf[:0]
	cursor, sents := at, 0 // sentence boundaries between toks[cursor] and the word
	lastMention := [2]int{-1, -1}
	pi, top := para, -99.0 // the paragraph of the occurrence; the best score so far
	for visited := 0; (i >= 0 || e >= 0) && visited < 32; visited++ {
		// The nearer of the next mention and the next entity back.
		var m mention
		var t0, t1 int
		mi := -1
		fromEntity := e >= 0 && (i < 0 || a.entities[e][0] > a.mentions[byStart[i]].t0)
		if fromEntity {
			t0, t1 = a.entities[e][0], a.entities[e][1]
		} else {
			t0, t1 = a.mentions[byStart[i]].t0, a.mentions[byStart[i]].t1
		}
		if int(a.toks[t1-1].end) < limit {
			break
		}
		for pi > 0 && a.paras[pi].t0 > t0 {
			pi--
		}
		if top >= 9-3*float64(para-pi) {
			break // no one further back can score more
		}
		if fromEntity {
			e--
			if a.toks[t0].quote >= 0 || t0 >= lastMention[0] && t0 < lastMention[1] {
				continue // a name quoted is not speaking; a speaker's name is counted once
			}
			m = a.entity(e + 1)
			if m.name == "" || m.kind != want && !(want != person && m.kind == org) {
				continue // a single capitalised word: a place as often as a person
			}
		} else {
			mi = byStart[i]
			m = a.mentions[mi]
			i--
			lastMention = [2]int{t0, t1}
		}
		fits := m.kind == want || want == group && m.kind == org
		if g != 0 && m.gender == 0 && fits {
			m.gender = a.genderAfter(t1) // "Joko Pranata, who lost his herd"
		}
		if !fits || g != 0 && m.gender != 0 && m.gender != g {
			continue
		}
		for cursor > t1 {
			cursor--
			if t := a.toks[cursor]; t.quote >= 0 {
				q := &a.quotes[t.quote]
				cursor = max(q.t0, t1)
				if endsWithStop(a.text[q.start:q.end]) {
					sents++
				}
			} else if a.endsSentence(t) {
				sents++
			}
		}
		score := -0.5*float64(min(sents, 8)) - 3*float64(para-pi)
		spoke := mi >= 0 && mi < len(a.spoke) && a.spoke[mi] > 0
		switch subj := a.subjectAt(t0); {
		case spoke && pi == para && (subj || a.spoke[mi] == spokeAfter):
			score += 3 // the subject of a quotation's verb in the paragraph ("“…,” Tim Kaine told reporters")
		case a.toks[t1-1].poss && subj:
			score += 2 // "Sanderson’s closing argument leans on his record": his topic, though "Whitfield’s campaign manager, Troy Abernathy," is Abernathy
		case a.toks[t1-1].poss:
			score--
		case subj:
			score += 3
		}
		switch {
		case spoke:
			score += 3 // a speaker of a quotation
		case mi >= 0:
			score++ // a source of reported speech
		}
		if g != 0 {
			if m.gender == g {
				score++
			} else {
				score -= 0.5
			}
		}
		name := m.name
		if name == "" {
			name = a.span(t0, t1) // a description: itself
		}
		if name == skip {
			continue
		}
		k := slices.IndexFunc(cands, func(c cand) bool { return c.name == name })
		switch {
		case k < 0 && len(cands) < cap(cands):
			cands = append(cands, cand{name: name, t0: t0, t1: t1, mi: mi, score: score})
			k = len(cands) - 1
		case k < 0:
			continue
		case score > cands[k].score:
			cands[k].t0, cands[k].t1, cands[k].mi, cands[k].score = t0, t1, mi, score
			fallthrough
		default:
			cands[k].bonus = min(cands[k].bonus+0.5, 1) // named again: the text is about them
		}
		top = max(top, cands[k].score+cands[k].bonus)
	}
	best, lead := -1, 0.0
	for k, c := range cands {
		switch s := c.score + c.bonus; {
		case best < 0:
			best, lead = k, 99
		case s > cands[best].score+cands[best].bonus:
			lead = s - (cands[best].score + cands[best].bonus)
			best = k
		default:
			lead = min(lead, cands[best].score+cands[best].bonus-s)
		}
	}
	if best < 0 {
		return -1, 0
	}
	c := cands[best]
	if c.mi >= 0 {
		return c.mi, lead
	}
	return a.newMention(c.t0, c.t1, 0), lead
}

// genderAfter returns the gender a pronoun tells of the name ending before
// toks[k], in the words after it up to the next name or the sentence's end
// ("Wati Rahma, 54, spent two nights on the roof of her house"), or 0.
func (a *analyzer) genderAfter(k int) byte {
	for j := k; j < len(a.toks) && j < k+15; j++ {
		t := a.toks[j]
		if t.quote >= 0 || a.endsSentence(t) || isName(t) {
			break
		}
		if w := lexWords[t.lex]; t.word && inList(" he his him himself ", w) {
			return 'm'
		} else if t.word && inList(" she her hers herself ", w) {
			return 'f'
		}
	}
	return 0
}

// paraOf returns the index of the paragraph holding toks[k].
func (a *analyzer) paraOf(k int) int {
	i, _ := slices.BinarySearchFunc(a.paras, k, func(p paragraph, k int) int {
		if p.t1 <= k {
			return -1
		}
		if p.t0 > k {
			return 1
		}
		return 0
	})
	return i
}

// subjectAt reports whether the name at toks[t0] begins its sentence, after at
// most a few words of description ("Political analyst Kamel Wazne told …").
func (a *analyzer) subjectAt(t0 int) bool {
	if t0 > 0 && a.isAt(t0-1, ",") {
		// "Questioned by prosecutor Rebecca Lowell, Sato described …": a name
		// after a fronted clause, before its verb.
		e := a.entityFrom(t0)
		if e < len(a.entities) && a.entities[e][0] == t0 {
			if t1 := a.entities[e][1]; t1 < len(a.toks) && a.toks[t1].word && !a.toks[t1].upper && a.toks[t1].cls&notName == 0 && strings.HasSuffix(a.word(t1), "ed") {
				return true
			}
		}
		// "Near the end of public comment, Maya Thornton, a fifth-grader, stepped
		// up": a name set off after a phrase that opens its sentence.
		if start := a.sentenceStart(t0, max(0, t0-20)); start < t0-2 && a.fronted(start) {
			commas := 0
			for _, t := range a.toks[start : t0-1] {
				if a.is(t, ",") || t.quote >= 0 || t.cls&(speech|be) != 0 {
					commas++
				}
			}
			if commas == 0 {
				return true
			}
		}
	}
	start := a.sentenceStart(t0, max(0, t0-8))
	if t0-start > 5 {
		return false
	}
	for _, t := range a.toks[start:t0] {
		if !t.word && !a.is(t, ",") && !a.is(t, "'") && !a.is(t, "’") || t.cls&(speech|be) != 0 || a.preposition(t) || a.is(t, "to") {
			return false // "Officials said Kerry …", "In an interview with the Tulsa Register": not its sentence
		}
	}
	return true
}

// fronted reports whether the sentence starting at toks[k] opens with a
// phrase before its subject: a preposition or conjunction ("Near the end",
// "When he does"), or a participle ("Asked about the foul", "Speaking on
// Sunday").
func (a *analyzer) fronted(k int) bool {
	t := a.toks[k]
	if !t.word {
		return false
	}
	w := a.low(t)
	return a.preposition(t) || t.cls&notName != 0 && !a.is(t, "the") && !a.is(t, "a") && !a.is(t, "an") && t.cls&(speech|be) == 0 ||
		strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")
}

// wordCount counts the words of s.
func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		var w bool
		if c < utf8.RuneSelf {
			w = asciiClass[c] == asciiWord
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			w = anchor.IsWord(r)
		}
		i += size
		if w && !in {
			n++
		}
		in = w || in && (r == '\'' || r == '’' || r == '-')
	}
	return n
}

// titleCase reports whether a quoted phrase is written as a title: every word
// capitalised but the minor ones, with no sentence punctuation at its end
// ("The Art of the Deal").
func titleCase(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ",.!?;:") {
		return false
	}
	words := strings.Fields(s)
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			if unicode.IsDigit(r) {
				continue
			}
			return false
		}
		if !unicode.IsUpper(r) && (i == 0 || !minorWords[strings.ToLower(w)]) {
			return false
		}
	}
	return true
}

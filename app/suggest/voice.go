package suggest

import "github.com/newsroom/annotator/app/annotation"

// minPronounGender is how sure a pronoun's link to a source must be for its
// gender ("…," she said) to be proposed as the source's.
const minPronounGender = 0.8

// voices proposes each mention's voice, marked as proposed: its type — a
// named person, an organisation, an anonymous source ("a spokeswoman",
// "officials") or a document ("the report") — and where clear its gender,
// from a title or role word ("Mrs", "congresswoman"), a first name, or a
// pronoun that resolved to it. Mentions that share a name share the gender
// their mentions tell, and get none when they disagree. Only the mentions to
// keep get one, and not those whose type the engine cannot tell (nil).
func (a *analyzer) voices(keep []bool) []*annotation.Voice {
	gender := make([]byte, len(a.mentions))
	for i, m := range a.mentions {
		gender[i] = m.gender
	}
	for _, q := range a.quotes {
		if q.drop || q.pronoun < 0 || q.speaker < 0 || q.conf < minPronounGender || gender[q.speaker] != 0 {
			continue
		}
		switch a.low(a.toks[q.pronoun]) {
		case "he", "his":
			gender[q.speaker] = 'm'
		case "she", "her":
			gender[q.speaker] = 'f'
		}
	}
	byName := map[string]byte{} // a name → the gender its mentions tell, or '?' when they disagree
	for i, m := range a.mentions {
		if g := gender[i]; m.name != "" && g != 0 {
			if was, ok := byName[m.name]; ok && was != g {
				g = '?'
			}
			byName[m.name] = g
		}
	}
	out := make([]*annotation.Voice, len(a.mentions))
	for i, m := range a.mentions {
		if !keep[i] {
			continue
		}
		typ := a.voiceType(m)
		if typ == "" {
			continue
		}
		v := &annotation.Voice{Type: typ, Proposed: []string{"type"}}
		g := gender[i]
		if m.name != "" {
			g = byName[m.name]
		}
		if v.Type == "person" || v.Type == "anonymous" && m.kind == person {
			switch g {
			case 'f':
				v.Gender = "woman"
			case 'm':
				v.Gender = "man"
			}
			if v.Gender != "" {
				v.Proposed = append(v.Proposed, "gender")
			}
		}
		out[i] = v
	}
	return out
}

// voiceType is the type of voice a mention names, or "" when the engine
// cannot tell.
func (a *analyzer) voiceType(m mention) string {
	switch head := a.toks[a.headOf(m.t0, m.t1)]; {
	case m.name == "" && !head.upper && docNouns[a.low(head)]:
		return "document" // "the report", "a survey"; not "Opinion Research"
	case m.kind == org:
		return "organisation"
	case m.kind == person && m.name != "":
		return "person"
	case m.kind == group && m.name != "":
		return "organisation" // "Harbor City Gulls": a team
	case m.kind == person || m.kind == group:
		return "anonymous" // "a spokeswoman", "officials"
	}
	return ""
}

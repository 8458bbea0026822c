package suggest

import (
	"strings"
	"unicode/utf8"
)

// class is a bit set of the lexicon's word classes, looked up once per token.
type class uint16

// The word classes that the engine tests on tokens.
const (
	notName    class = 1 << iota // in notNames
	speech                       // in speechVerbs
	partial                      // in partialVerbs
	precede                      // in mayPrecedeVerb
	be                           // in beVerbs
	title                        // in titles
	role                         // in roleNouns
	orgHead                      // in orgHeads
	orgWord                      // in orgWords (of the word without a possessive "'s")
	modifier                     // in modifiers
	particle                     // in nameParticles
	workNoun                     // in workNouns
	naming                       // in namingVerbs
	appositive                   // in appositiveStart
	sideword                     // in sidewords
	abbrev                       // in abbreviations
)

// lexEntry is what the lexicon knows of a word: its number in lexWords and its classes.
type lexEntry struct {
	id  uint16
	cls class
}

// lexicon maps every lower-case word of the word lists to its entry.
var lexicon = map[string]lexEntry{}

// lexWords holds the lexicon's words by number, from 1; a token keeps the number
// of its lower-case form, so that lowering a word of the lexicon never allocates.
var lexWords = []string{""}

// lexAccording is the number of "according" in lexWords.
var lexAccording uint16

// lexTable is the lexicon as an open-addressing hash table on lexHash: faster
// than the map, and it looks up a capitalised word without lowering a copy.
// Its slots are small and the words they name sit together in lexArena, so
// that both stay in the processor's cache.
var lexTable []lexSlot

// lexShape marks the (length, first letter in lower case) pairs of the words
// of lexTable, so that most other words skip the table.
var lexShape [32][128]bool

// lexArena holds the words of lexTable one after the other.
var lexArena string

// lexSlot is a slot of lexTable: a word of lexArena (n == 0 for an empty slot) and its entry.
type lexSlot struct {
	off uint16
	n   uint8
	e   lexEntry
}

// lexHash hashes a word of at least one byte, in any case, from its length and
// its first, second and last bytes, so that it needs no pass over the word.
func lexHash(w string) uint32 {
	n := len(w)
	h := uint32(n)*0x9E3779B1 ^ uint32(w[0]|0x20)*0x85EBCA77 ^ uint32(w[n-1]|0x20)*0xC2B2AE3D ^ uint32(w[min(1, n-1)]|0x20)*0x27D4EB2F
	return h ^ h>>15
}

func init() {
	for c, words := range map[class]map[string]bool{
		notName: notNames, speech: speechVerbs, partial: partialVerbs, precede: mayPrecedeVerb, be: beVerbs,
		title: titles, role: roleNouns, orgHead: orgHeads, orgWord: orgWords, modifier: modifiers,
		particle: nameParticles, workNoun: workNouns, naming: namingVerbs, appositive: appositiveStart,
		sideword: sidewords, abbrev: abbreviations,
	} {
		for w := range words {
			e := lexicon[w]
			e.cls |= c
			lexicon[w] = e
		}
	}
	lexAccording = lexicon["according"].id
	size := 1
	for size < 4*len(lexicon) {
		size *= 2
	}
	lexTable = make([]lexSlot, size)
	var arena strings.Builder
	for w, e := range lexicon {
		if len(w) >= 32 || !isASCII(w) {
			continue // looked up in the map
		}
		i := lexHash(w) & uint32(size-1)
		for lexTable[i].n != 0 {
			i = (i + 1) & uint32(size-1)
		}
		lexTable[i] = lexSlot{off: uint16(arena.Len()), n: uint8(len(w)), e: e}
		lexShape[len(w)][w[0]] = true
		arena.WriteString(w)
	}
	lexArena = arena.String()
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// set builds a lookup set of lower-case words and adds them to the lexicon.
func set(list string) map[string]bool {
	words := strings.Fields(list) // one string, not many: far less code in the wasm build
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
		if _, ok := lexicon[w]; !ok {
			lexicon[w] = lexEntry{id: uint16(len(lexWords))}
			lexWords = append(lexWords, w)
		}
	}
	return m
}

// speechVerbs introduce direct speech next to a quote ("…," Kerry said; said Kerry: "…").
var speechVerbs = set(
	"said says say tell told tells ask chanted chanting added adds asked asks explained explains noted notes stated states " +
		"warned warns argued argues insisted insists wrote writes tweeted tweets posted replied replies " +
		"continued continues recalled recalls admitted admits acknowledged acknowledges claimed claims " +
		"declared declares announced announces suggested suggests urged urges stressed stresses commented " +
		"comments observed observes remarked remarks responded responds answered answers conceded " +
		"concedes cautioned cautions predicted predicts maintained maintains emphasized emphasised " +
		"emphasizes emphasises reiterated reiterates confirmed confirms reported reports shouted yelled " +
		"whispered joked jokes complained complains concluded concludes vowed vows pledged pledges " +
		"boasted lamented laments agreed agrees countered counters insisted mused quipped pleaded saying " +
		"telling adding writing asking warning explaining noting stressing insisting charged charges " +
		"accused accuses implored implores assured assures sighed sighs chimed testified testifies " +
		"interjected pressed presses wondered wonders demanded demands objected protested alleged alleges " +
		"revealed reveals recounted recounts elaborated advised advises remembered remembers exclaimed " +
		"retorted snapped scoffed thundered fumed asserted asserts contended contends reminded reminds " +
		"emailed texted found finds showed shows estimated estimates concluding replying responding " +
		"arguing recalling admitting acknowledging predicting shot conceding cautioning reassured pointed " +
		"points offered offers pleading urging imploring vowing declaring accusing claiming demanding " +
		"suggesting complaining announcing repeating tweeting posting stating",
)

// partialVerbs introduce a partial quote inside a sentence (Kerry called the talks "useful").
var partialVerbs = set(
	"called calls described describes dubbed termed labelled labeled indicated indicates promised " +
		"promises branded brands hailed hails denounced condemned praised criticized criticised welcomed " +
		"calling describing dubbing terming labelling labeling branding hailing",
)

// mayPrecedeVerb are words that may stand between a speaker and its verb
// ("Kerry had previously said", "he once again stressed", "Kerry also told").
var mayPrecedeVerb = set(
	"had has have also then later once again previously earlier further repeatedly recently would " +
		"will could did does do still often first again simply even just only never always not would",
)

// beVerbs before "told" or "asked" make it passive: the subject is the listener.
var beVerbs = set("was were is are be been being am get got")

// pronouns that can speak, with what they can refer to.
var pronouns = map[string]kind{
	"he": person, "she": person, "they": group, "it": org, "we": group,
}

// pronounGender is the gender a pronoun needs of its antecedent.
var pronounGender = map[string]byte{"he": 'm', "she": 'f'}

// titles are the words of a title before a person's name ("Secretary of State",
// "Foreign Minister", "Sen.").
var titles = set(
	"president vice secretary minister premier chancellor senator sen. representative rep. " +
		"congressman congresswoman governor gov. mayor ambassador envoy general gen. lt. col. colonel " +
		"major maj. captain capt. sgt. sergeant admiral adm. commander cmdr. chief director chairman " +
		"chairwoman chair ceo judge justice king queen prince princess pope cardinal bishop archbishop " +
		"rabbi imam sheikh emir sultan ayatollah dr. dr prof. professor mr. mr mrs. mrs ms. ms miss sir " +
		"dame lord lady speaker leader spokesman spokeswoman spokesperson attorney prosecutor " +
		"commissioner superintendent sheriff inspector detective officer coach manager founder executive " +
		"head deputy acting former foreign defense defence interior finance prime secretary-general " +
		"undersecretary under-secretary dean rector principal sen rep gov gen lt col capt sgt prof " +
		"reverend rev. father sister brother pastor counsel editor correspondent lawmaker mp councilman " +
		"councilwoman councillor cllr treasurer comptroller auditor alderman assemblyman assemblywoman " +
		"delegate trustee magistrate constable baroness baron earl duke duchess host anchor coach skipper " +
		"alderwoman ald ald.",
)

// roleNouns describe who a person or body is ("political analyst Kamel Wazne", "a
// spokesman", "U.S. diplomats"); a phrase ending in one may speak.
var roleNouns = set(
	"analyst analysts envoy envoys counterpart counterparts spokesman spokeswoman spokesperson " +
		"spokesmen spokeswomen official officials minister ministers president secretary diplomat " +
		"diplomats expert experts researcher researchers economist economists lawyer lawyers attorney " +
		"attorneys activist activists resident residents witness witnesses professor scientist scientists " +
		"leader leaders director chief head commander commanders officer officers ambassador senator " +
		"senators lawmaker lawmakers legislator legislators negotiator negotiators source sources aide " +
		"aides adviser advisers advisor advisors executive executives chairman chairwoman founder author " +
		"historian doctor doctors nurse teacher student students farmer farmers worker workers protester " +
		"protesters rebel rebels observer observers correspondent journalist reporter editor mayor " +
		"governor judge prosecutor prosecutors investigator investigators campaigner campaigners " +
		"representative representatives member members colleague colleagues partner owner police agency " +
		"ministry government department company firm group organisation organization committee council " +
		"army military authorities administration office embassy party movement coalition union board " +
		"commission court newspaper broadcaster network channel outlet drummer singer guitarist bassist " +
		"musician actor actress writer artist player poet coach captain manager pilot driver engineer " +
		"chef monitor watchdog fans supporters critics voters parents locals villagers host anchor " +
		"moderator candidate senator congressman congresswoman witness juror jurors defendant plaintiff " +
		"nominee challenger incumbent striker midfielder defender goalkeeper forward chairwoman manager " +
		"director boss people person insiders insider staffers staffer employees employee economists " +
		"strategist strategists pollster pollsters consultant consultants survey report study poll filing " +
		"statement data analysis memo letter complaint lawsuit indictment ruling audit review census " +
		"paper club team university hospital trust charity school bank airline regulator researchers " +
		"scientist prosecution defence defense federation order assessment documents records figures " +
		"estimate forecast minutes accounts projections forecasts findings research statistics " +
		"calculations transcript release notice guidance testimony affidavit motion brief superintendent " +
		"commissioner treasurer councilman councilwoman councillor man woman men women mother father " +
		"daughter son wife husband neighbour neighbor neighbours neighbors passenger passengers commuter " +
		"commuters shopper shoppers patient patients survivor survivors victim victims relative relatives " +
		"friend friends volunteer volunteers forecasters forecaster regulators administrators " +
		"administrator surgeons surgeon critic fan supporter onlooker onlookers bystander bystanders " +
		"customer customers curator curators caller callers reader readers listener listeners viewer " +
		"viewers reviewer reviewers pupil pupils parent teachers nurses drivers owners landlord tenant " +
		"tenants member steward stewards guard guards staff crowd crowds audience demonstrators publisher mediator media association " +
		"conservancy consortium alliance city campaign institute foundation district authority forum " +
		"county system delegate delegates",
)

// orgHeads are role nouns naming a body, not a person.
var orgHeads = set(
	"agency ministry government department company firm group organisation organization committee " +
		"council army military administration office embassy party movement coalition union board " +
		"commission court newspaper broadcaster network channel outlet monitor watchdog police " +
		"authorities club team university hospital trust charity school bank airline regulator federation " +
		"survey report study poll filing statement memo letter complaint lawsuit indictment ruling audit " +
		"review census paper publisher media association conservancy consortium alliance city campaign " +
		"institute foundation district authority forum county system",
)

// orgWords in a capitalised name make it an organisation ("Interior Ministry", "AFP").
var orgWords = set(
	"agency ministry department council committee commission party group coalition union association " +
		"institute university college school bank corporation corp. corp inc. inc ltd ltd. llc co. " +
		"company news times post journal press reuters afp ap bbc cnn network army navy police house " +
		"office foundation fund organization organisation court parliament congress senate assembly " +
		"government administration nations un nato eu observatory front brigade forces command service " +
		"services board authority authorities federation league club church embassy mission tribune " +
		"herald guardian telegraph daily radio television tv media jazeera kremlin pentagon alliance " +
		"network trust charity hospital clinic airline airlines railway railways centre center society " +
		"conservancy partnership initiative project electric wireless biologics energy motors foods " +
		"systems technologies holdings capital partners labs pharma pharmaceuticals power telecom " +
		"entertainment industries solutions robotics health insurance logistics airways transit authority " +
		"utilities utility gas oil steel mining bancorp financial securities ventures studios records " +
		"publishing",
)

// modifiers may stand before a role noun in a speaker's description
// ("UN special envoy", "the Russian foreign minister", "senior officials").
var modifiers = set(
	"special senior former political military top chief deputy foreign local regional state federal " +
		"national international news independent veteran leading prominent government security defense " +
		"defence health interior finance economic legal human rights opposition rebel police army white " +
		"house press research intelligence party election several two three many some other western " +
		"eastern senior-level high-ranking longtime anonymous retired acting assistant associate general " +
		"public spokesman campaign union industry market energy trade labor labour same latest new annual " +
		"quarterly internal official preliminary final",
)

// notNames are capitalised words that do not begin or make a name: function
// words at a sentence's start, days, months and the like.
var notNames = set(
	"the a an but and or so yet while when whereas although though if as at in on of for to from by " +
		"with after before during since until about this that these those there here it he she they we i " +
		"you his her their its our my your what who which where why how not no yes also then still " +
		"however meanwhile instead finally maybe perhaps now today yesterday tomorrow monday tuesday " +
		"wednesday thursday friday saturday sunday january february march april may june july august " +
		"september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. " +
		"both all each every some many most one two three last next earlier later asked said according " +
		"speaking like unlike despite because whether even only just such other another several more less " +
		"any because over under among outside inside near across behind around through within against " +
		"toward towards into amid above below beneath between beyond throughout upon them him himself hers herself aloud back",
)

// nameParticles join the parts of a name ("Bashar al-Assad", "Ursula von der Leyen")
// and the department after a title ("Secretary of State").
var nameParticles = set("al el bin ibn de del della der den van von da das dos du di la le ben abu of")

// genders are the genders that titles and role nouns tell.
var genders = map[string]byte{
	"mr.": 'm', "mr": 'm', "mrs.": 'f', "mrs": 'f', "ms.": 'f', "ms": 'f', "miss": 'f', "sir": 'm',
	"dame": 'f', "lord": 'm', "lady": 'f', "king": 'm', "queen": 'f', "prince": 'm', "princess": 'f',
	"spokesman": 'm', "spokeswoman": 'f', "chairman": 'm', "chairwoman": 'f', "congressman": 'm',
	"congresswoman": 'f', "father": 'm', "sister": 'f', "brother": 'm', "man": 'm', "woman": 'f',
	"mother": 'f', "wife": 'f', "husband": 'm', "daughter": 'f', "son": 'm', "councilman": 'm',
	"councilwoman": 'f', "assemblyman": 'm', "assemblywoman": 'f', "baroness": 'f', "baron": 'm',
	"duchess": 'f', "duke": 'm', "earl": 'm', "businessman": 'm', "businesswoman": 'f',
}

// workNouns before a quoted phrase make it a title, not a quotation
// (the book "The Art of the Deal", the song "Imagine").
var workNouns = set(
	"book books novel memoir song songs single album track film films movie movies documentary show " +
		"series sitcom episode play musical opera poem painting article essay column headline podcast " +
		"program programme titled entitled magazine newspaper hit game app hashtag slogan motto anthem " +
		"exhibition report study paper bill operation codenamed code-named nicknamed hymn ballad tune " +
		"sketch",
)

// namingVerbs before a title-case phrase make it a name, not a quotation
// (a group called "Friends of Syria").
var namingVerbs = set("called named dubbed known nicknamed branded")

// minorWords may be lower case inside a title ("The Art of the Deal").
var minorWords = set("a an the and or nor but of in on at to for with by from as vs vs. de la le von van into over")

// abbreviations keep their full stop ("Jan. 22", "Sen. Smith").
var abbreviations = set(
	"mr mrs ms dr prof sen rep gov gen col lt sgt capt maj adm cmdr rev st jr sr inc corp co ltd no " +
		"vs jan feb mar apr jun jul aug sep sept oct nov dec etc approx dept est ft mt ave blvd",
)

// elisions begin with an apostrophe that is not a quotation mark ('em, 'tis, 'n').
var elisions = set("em tis twas n cause til bout round nuff s")

package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/feedguard/feedguard/rules/internal/ahocorasick"
	"github.com/feedguard/feedguard/rules/internal/normalize"
)

// automaton is the seam between rule sets and the multi-pattern search
// behind them: anything that appends every (overlapping) occurrence of its
// patterns in a haystack can stand in for it.
type automaton interface {
	AppendAll(dst []ahocorasick.Match, haystack []byte) []ahocorasick.Match
}

// Set is a compiled, immutable collection of rules from one or more packs.
// All terms of all rules are searched in one pass over the post. A Set is
// safe for concurrent use by multiple goroutines. The zero value is not
// usable; build a Set with Compile.
type Set struct {
	rules      []*Rule
	patterns   [][]ref // per automaton pattern, the rules it belongs to
	regexRules []regexRule
	// alwaysRegex is set when some regex rule has no gate; maxDigits is
	// the largest when_digits gate.
	alwaysRegex bool
	maxDigits   int
	ac          automaton
	version     string
	packs       []string
	scratch     sync.Pool
}

// ref ties an automaton pattern to a rule, as one of its terms or as one of
// its exceptions.
type ref struct {
	rule      int32
	term      int32 // index into Terms or Exceptions
	exception bool
	// reps, when not nil, is the run length behind each character of the
	// folded term ("ass" folds to "as" with reps 1, 2): the text must
	// repeat each letter at least as often.
	reps []uint16
	// allow marks one of the built-in innocent phrases.
	allow bool
	// gate marks a when literal of a regex rule.
	gate bool
	// romanized marks a generated romanisation of a Chinese term
	// ("pinyin" or "initials"); it matches as a whole word and only in
	// the languages of romanizedScope.
	romanized string
	// word marks a term that must stand as a whole word: one of a word
	// rule, a romanisation, or a term whose Latin letters stand beside
	// Han characters ("tm的" is not in "atm的").
	word bool
}

// Match is one place where a rule matched.
type Match struct {
	RuleID   string   `json:"rule"`
	Category string   `json:"category"`
	Severity Severity `json:"severity"`
	// Start and End are byte offsets into the original text;
	// Text == original[Start:End].
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Term is the rule's term that matched, as written in the pack; for a
	// match of a regex pattern, Term is empty and Pattern holds it.
	Term    string `json:"term,omitempty"`
	Pattern string `json:"pattern,omitempty"`
	// Language is the language the match was judged in: the language of
	// the span it falls in, else the post's.
	Language string `json:"language,omitempty"`
	// Steps lists the normalisation steps that turned the original text
	// into the term ("width", "case", ...); empty when it was written as is.
	Steps []string `json:"steps,omitempty"`
	// Gloss is the rule's explanation of the term.
	Gloss string `json:"gloss,omitempty"`
	// Paranoia is the rule's paranoia level (1 to 4).
	Paranoia int `json:"paranoia,omitempty"`
	// Field names the post field the match is in ("title", "tags", …);
	// empty for the post's main text. Offsets are into that field's text.
	Field string `json:"field,omitempty"`
	// Quoted is set when the match stands between quotation marks
	// ("sb", 「鬼佬」) or is named as a word (鬼佬这个词, 傻逼的缩写,
	// the word "x", what does x mean): the term is more likely mentioned —
	// explained, reported, discussed — than used.
	Quoted bool `json:"quoted,omitempty"`
}

// Span is a run of text in one language, as a language detector reports
// it. Start and End are byte offsets into the original text.
type Span struct {
	Start, End int
	Language   string
}

// FindOptions tell Find the language context of the text. Rules scoped by
// language apply only where the language is known.
type FindOptions struct {
	// Language is the post's language (BCP 47), or "" / "und" when unknown.
	Language string
	// Spans are the post's runs by language; a match takes the language of
	// the span it starts in when that span's language is known.
	Spans []Span
	// Also lists languages the text may be in besides the detected one,
	// when detection is a guess (a one-word post): a scoped rule applies
	// if it applies in any of them.
	Also []string
}

// Compile checks the packs together and compiles them into a Set. Rule ids
// must be unique across all packs. On error the returned error is an
// ErrorList and no Set is returned.
func Compile(packs ...*Pack) (*Set, error) {
	var errs ErrorList
	s := &Set{}
	seen := map[string]*Rule{}
	patternIndex := map[string]int{}
	var patterns [][]byte
	addPattern := func(term string, r ref) {
		key, reps := normalize.FoldTerm(strings.TrimSpace(term))
		r.reps = reps
		i, ok := patternIndex[key]
		if !ok {
			i = len(patterns)
			patternIndex[key] = i
			patterns = append(patterns, []byte(key))
			s.patterns = append(s.patterns, nil)
		}
		s.patterns[i] = append(s.patterns[i], r)
	}
	for _, p := range packs {
		if p == nil {
			continue
		}
		s.packs = append(s.packs, p.Name)
		for _, r := range p.Rules {
			if prev, dup := seen[r.ID]; dup {
				errs.Add(r.pos, r.ID, fmt.Sprintf("duplicate rule id (first defined at %s)", prev.pos))
				continue
			}
			seen[r.ID] = r
			if !validRule(r, &errs) {
				continue
			}
			rc := *r
			idx := int32(len(s.rules))
			s.rules = append(s.rules, &rc)
			explicit := map[string]bool{}
			for i, t := range r.Terms {
				addPattern(t, ref{rule: idx, term: int32(i), word: r.Match != MatchSubstring || mixesHanAndLatin(t)})
				explicit[termKey(t)] = true
			}
			if len(r.Regex) > 0 {
				rr := regexRule{rule: idx, gated: len(r.When) > 0, whenDigits: r.WhenDigits}
				for _, p := range r.Regex {
					rr.res = append(rr.res, regexp.MustCompile(p)) // checked by validRule
					rr.pre = append(rr.pre, newPrefilter(p))
				}
				for _, w := range r.When {
					addPattern(w, ref{rule: idx, gate: true})
				}
				s.alwaysRegex = s.alwaysRegex || !rr.gated && rr.whenDigits == 0
				s.maxDigits = max(s.maxDigits, rr.whenDigits)
				s.regexRules = append(s.regexRules, rr)
			}
			if r.Pinyin {
				for i, t := range r.Terms {
					for _, v := range romanize(t) {
						if !explicit[termKey(v.text)] {
							explicit[termKey(v.text)] = true
							addPattern(v.text, ref{rule: idx, term: int32(i), romanized: v.kind, word: true})
						}
					}
				}
			}
			for i, t := range r.Exceptions {
				addPattern(t, ref{rule: idx, term: int32(i), exception: true})
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(s.rules) == 0 {
		return nil, fmt.Errorf("rules: no rules to compile")
	}
	for _, p := range innocentPhrases {
		addPattern(p, ref{rule: -1, allow: true})
	}
	ac, err := ahocorasick.Build(patterns)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	s.ac = ac
	s.version = versionOf(s.rules)
	s.scratch.New = func() any { return new(scratch) }
	return s, nil
}

// validRule checks a rule that may have been built in Go rather than
// parsed, reporting what is wrong with it.
func validRule(r *Rule, errs *ErrorList) bool {
	n := len(*errs)
	if r.ID == "" {
		errs.Add(r.pos, "", "rule has no id")
	}
	if !KnownCategory(r.Category) {
		errs.Add(r.pos, r.ID, fmt.Sprintf("unknown category %q", r.Category))
	}
	if r.Severity < SeverityNote || r.Severity > SeverityCritical {
		errs.Add(r.pos, r.ID, fmt.Sprintf("severity %d is not between 1 and 5", r.Severity))
	}
	if r.Match != MatchWord && r.Match != MatchSubstring && r.Match != MatchAlone {
		errs.Add(r.pos, r.ID, fmt.Sprintf("match must be %q, %q or %q, found %q", MatchWord, MatchSubstring, MatchAlone, r.Match))
	}
	if len(r.Terms) == 0 && len(r.Regex) == 0 {
		errs.Add(r.pos, r.ID, "rule has no terms (nor regex)")
	}
	for _, p := range r.Regex {
		if err := checkPattern(p); err != nil {
			errs.Add(r.pos, r.ID, err.Error())
		}
	}
	if r.Paranoia < 0 || r.Paranoia > 4 {
		errs.Add(r.pos, r.ID, fmt.Sprintf("paranoia %d is not between 1 and 4", r.Paranoia))
	}
	if r.WhenDigits < 0 {
		errs.Add(r.pos, r.ID, fmt.Sprintf("when_digits %d is negative", r.WhenDigits))
	}
	for _, t := range append(append(slices.Clone(r.Terms), r.Exceptions...), r.When...) {
		if normalizeTerm(t) == "" || strings.ContainsRune(t, utf8.RuneError) {
			errs.Add(r.pos, r.ID, fmt.Sprintf("term %q is empty after normalisation or holds invalid text", t))
		}
	}
	for _, l := range append(slices.Clone(r.Languages), r.NotLanguages...) {
		if c, err := canonicalLanguage(l); err != nil || c != l {
			errs.Add(r.pos, r.ID, fmt.Sprintf("language %q is not a canonical BCP 47 tag", l))
		}
	}
	return len(*errs) == n
}

// versionOf hashes the rules' content, so two sets with the same rules
// have the same version whatever files they came from.
func versionOf(rules []*Rule) string {
	h := sha256.New()
	for _, r := range rules {
		fmt.Fprintf(h, "%q %q %d %q %q %q %q %q %q %v %q %q %d %d\n", r.ID, r.Category, r.Severity, r.Gloss,
			r.Terms, r.Languages, r.NotLanguages, r.Match, r.Exceptions, r.Pinyin, r.Regex, r.When, r.WhenDigits, r.Paranoia)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// Version identifies the set's content: a hash of every rule.
func (s *Set) Version() string { return s.version }

// Len returns the number of rules.
func (s *Set) Len() int { return len(s.rules) }

// Packs returns the names of the packs compiled into the set, in order.
func (s *Set) Packs() []string { return slices.Clone(s.packs) }

// Rules returns copies of the set's rules, in pack order.
func (s *Set) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = *r
	}
	return out
}

type scratch struct {
	text     normalize.Text
	light    normalize.Text
	gates    []bool // per rule: one of its when literals occurs
	hits     []ahocorasick.Match
	cand     []candidate
	exc      []candidate
	allow    []candidate
	reps     []uint16
	gateHits []gateHit
	windows  [][2]int
}

// gateHit is where a when literal of a regex rule occurs, in the original
// text.
type gateHit struct {
	rule       int32
	start, end int
}

type candidate struct {
	rule         int32
	term         int32
	start, end   int  // original offsets
	nstart, nend int  // normalised offsets
	repeated     bool // the text repeats letters the term does not
	alt          bool // found in an alternative reading of the text
	regex        bool // found by a regular expression; term indexes Regex
	steps        normalize.Step
	romanized    string // "pinyin" or "initials" for generated terms
	word         bool   // must stand as a whole word in the original
}

// Find returns every match of the set's rules in text, ordered by start
// offset. Offsets refer to text as given. Invalid UTF-8 is matched as
// U+FFFD and never panics. Find allocates nothing when nothing matches.
func (s *Set) Find(text string, opts FindOptions) []Match {
	sc := s.scratch.Get().(*scratch)
	defer s.scratch.Put(sc)
	sc.text.Reset(text)
	sc.hits = s.ac.AppendAll(sc.hits[:0], sc.text.Bytes())
	digits := 0
	if s.maxDigits > 0 {
		digits = countDigits(text, s.maxDigits)
	}
	if len(sc.hits) == 0 && !s.alwaysRegex && (s.maxDigits == 0 || digits < s.regexMinDigits()) {
		return nil
	}
	if len(sc.gates) != len(s.rules) {
		sc.gates = make([]bool, len(s.rules))
	}
	clear(sc.gates)
	sc.cand, sc.exc, sc.allow, sc.gateHits = sc.cand[:0], sc.exc[:0], sc.allow[:0], sc.gateHits[:0]
	for _, h := range sc.hits {
		refs := s.patterns[h.Pattern]
		sc.reps = sc.text.Repeats(sc.reps[:0], h.Start, h.End)
		os, oe := sc.text.OriginalSpan(h.Start, h.End)
		for i := range refs {
			r := &refs[i]
			ok, repeated := repeatsCover(sc.reps, r.reps)
			if !ok {
				continue // "as" is not an evasion of "ass"
			}
			c := candidate{rule: r.rule, term: r.term, start: os, end: oe, nstart: h.Start, nend: h.End,
				repeated: repeated, romanized: r.romanized, word: r.word, alt: h.Start >= sc.text.MainLen()}
			if r.allow {
				sc.allow = append(sc.allow, c)
				continue
			}
			if r.gate {
				sc.gates[r.rule] = true
				sc.gateHits = append(sc.gateHits, gateHit{rule: r.rule, start: os, end: oe})
				continue
			}
			if r.exception {
				sc.exc = append(sc.exc, c)
			} else {
				sc.cand = append(sc.cand, c)
			}
		}
	}
	s.findRegex(sc, text, digits)
	// Leftmost-longest per rule, on the original text: order by rule,
	// start, then longest first.
	slices.SortFunc(sc.cand, func(a, b candidate) int {
		if a.rule != b.rule {
			return int(a.rule - b.rule)
		}
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []Match
	first, last := -1, -1 // the text's letters and digits, for MatchAlone rules
	lastRule, lastEnd := int32(-1), -1
	for _, c := range sc.cand {
		if c.rule == lastRule && c.start < lastEnd {
			continue // overlaps a longer or earlier match of the same rule
		}
		r := s.rules[c.rule]
		if excepted(sc.exc, c) || allowed(sc.allow, c) {
			continue
		}
		os, oe := c.start, c.end
		if c.word && !wordBounded(text, os, oe) {
			continue
		}
		if r.Match == MatchAlone {
			if first < 0 {
				first, last = contentBounds(text)
			}
			if os > first || oe < last {
				continue // "crap" on its own, not in "the battery is crap"
			}
		}
		if c.romanized != "" && inAddress(text, os, oe) {
			continue // "cn" in dpm.org.cn is not an initialism
		}
		lang := languageAt(opts, os)
		if !s.appliesIn(r, c, lang, opts.Also) {
			continue
		}
		lastRule, lastEnd = c.rule, c.end
		m := Match{
			RuleID:   r.ID,
			Category: r.Category,
			Severity: r.Severity,
			Start:    os,
			End:      oe,
			Text:     text[os:oe],
			Language: lang,
			Gloss:    r.Gloss,
			Paranoia: max(r.Paranoia, 1),
			Quoted:   quoted(text, os, oe) || namedAsWord(text, os, oe),
		}
		if c.regex {
			m.Pattern = r.Regex[c.term]
			m.Steps = c.steps.Names()
		} else {
			m.Term = r.Terms[c.term]
			m.Steps = sc.text.Steps(c.nstart, c.nend).Names()
		}
		if c.repeated {
			m.Steps = append(m.Steps, "repeat")
		}
		if c.romanized != "" {
			m.Steps = append(m.Steps, c.romanized)
		}
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		return strings.Compare(a.RuleID, b.RuleID)
	})
	return out
}

// contentBounds returns where the first letter or digit of text starts
// and where the last one ends; (len(text), 0) when it has none. A match
// spanning them is all the text says.
func contentBounds(text string) (first, last int) {
	first, last = len(text), 0
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
			first = i
			break
		}
	}
	for j := len(text); j > first; {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
			last = j
			break
		}
		j -= n
	}
	return first, last
}

// regexMinDigits is the smallest when_digits gate of a regex rule that
// has one (0 when none has).
func (s *Set) regexMinDigits() int {
	m := 0
	for _, rr := range s.regexRules {
		if rr.whenDigits > 0 && (m == 0 || rr.whenDigits < m) {
			m = rr.whenDigits
		}
	}
	return m
}

// findRegex runs the regex rules whose gates are open and adds their
// matches to the candidates.
func (s *Set) findRegex(sc *scratch, text string, digits int) {
	lightDone := false
	for _, rr := range s.regexRules {
		whole := !rr.gated && rr.whenDigits == 0 || rr.whenDigits > 0 && digits >= rr.whenDigits
		if !whole && !(rr.gated && sc.gates[rr.rule]) {
			continue
		}
		// A rule opened by a when literal runs near its occurrences only;
		// a digit gate or no gate runs it on the whole text.
		sc.windows = sc.windows[:0]
		if whole {
			sc.windows = append(sc.windows, [2]int{0, len(text)})
		} else {
			for _, g := range sc.gateHits {
				if g.rule != rr.rule {
					continue
				}
				ws, we := runeStartAtOrBefore(text, g.start-windowBefore), runeStartAtOrAfter(text, g.end+windowAfter)
				if n := len(sc.windows); n > 0 && ws <= sc.windows[n-1][1] {
					sc.windows[n-1][1] = max(sc.windows[n-1][1], we)
					continue
				}
				sc.windows = append(sc.windows, [2]int{ws, we})
			}
		}
		// The text is lightly normalised once; each window searches its
		// part of it.
		if !lightDone {
			sc.light.ResetLight(text)
			lightDone = true
		}
		all := sc.light.Bytes()[:sc.light.MainLen()]
		for _, w := range sc.windows {
			ls, le := sc.light.NormalizedRange(w[0], w[1])
			b := all[ls:le]
			for k, re := range rr.res {
				if !rr.pre[k].mayMatch(b) {
					continue // lacks a literal every match holds
				}
				for _, loc := range re.FindAllIndex(b, -1) {
					if loc[0] == loc[1] {
						continue
					}
					os, oe := sc.light.OriginalSpan(ls+loc[0], ls+loc[1])
					sc.cand = append(sc.cand, candidate{rule: rr.rule, term: int32(k), start: os, end: oe,
						regex: true, steps: sc.light.Steps(ls+loc[0], ls+loc[1])})
				}
			}
		}
	}
}

// The window around a when literal that its rule's patterns search: a
// phone number, handle or address announced by the literal fits in it.
const (
	windowBefore = 48
	windowAfter  = 96
)

func runeStartAtOrBefore(s string, i int) int {
	if i <= 0 {
		return 0
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func runeStartAtOrAfter(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// repeatsCover reports whether the text's run lengths cover the term's,
// and whether the text repeats any letter more than the term does. A run
// must be at least as long as the term's; a longer run counts as an
// evasion when it is three or more letters ("fuuuck"), or doubles a letter
// of a term of four letters or more ("fuuck"). Doubling a letter of a
// shorter term is how ordinary words are spelt ("good" is not "god").
func repeatsCover(text, term []uint16) (ok, repeated bool) {
	for i, n := range text {
		want := uint16(1)
		if term != nil && i < len(term) {
			want = term[i]
		}
		switch {
		case n == want:
			continue
		case n < want:
			return false, false
		case n >= 3 || len(text) >= 4:
			repeated = true
		default:
			return false, false
		}
	}
	return true, repeated
}

// sameReading reports whether exception e may excuse candidate c: an
// exception found in the text as written excuses any reading of it, one
// found in an alternative reading only that reading.
func sameReading(e, c candidate) bool { return !e.alt || c.alt }

// allowed reports whether c lies inside one of the built-in innocent
// phrases.
func allowed(allow []candidate, c candidate) bool {
	for _, a := range allow {
		if sameReading(a, c) && a.start <= c.start && c.end <= a.end {
			return true
		}
	}
	return false
}

// quotePairs maps opening quotation marks to their closing marks.
var quotePairs = map[rune]rune{
	'"': '"', '\'': '\'', '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》',
	'〈': '〉', '«': '»', '＂': '＂', '＇': '＇', '`': '`',
}

// quoted reports whether text[start:end] is enclosed by a matching pair of
// quotation marks.
func quoted(text string, start, end int) bool {
	if start == 0 || end >= len(text) {
		return false
	}
	open, _ := utf8.DecodeLastRuneInString(text[:start])
	close, _ := utf8.DecodeRuneInString(text[end:])
	want, ok := quotePairs[open]
	return ok && close == want
}

// Words that name the term before them or after them as a word rather
// than use it.
var (
	mentionAfter = []string{"这个词", "这个字", "这词", "一词", "这个说法", "这个梗", "这个称呼", "是什么意思", "什么意思",
		"啥意思", "的意思", "的缩写", "的拼音", "是指", "指的是", "怎么读", "是骂人", "是脏话", "是粗口",
		" means", " meaning", " mean", " stands for", " is short for", " is slang for", " is an abbreviation", " is a slur", " is an insult", " is a swear"}
	mentionBefore = []string{"the word", "the term", "the phrase", "the slur", "the insult", "the expression", "what does",
		"meaning of", "所谓的", "所谓"}
)

// namedAsWord reports whether text[start:end] is named as a word: a
// mention cue follows it or comes before it, with at most a quotation
// mark or bracket and a space between.
func namedAsWord(text string, start, end int) bool {
	after := strings.TrimLeft(text[end:], "\"'”’」』》)）] ")
	if explained(after) {
		return true
	}
	for _, cue := range mentionAfter {
		if len(after) >= len(cue) && strings.EqualFold(after[:len(cue)], cue) &&
			(cue[0] != ' ' || len(after) == len(cue) || !isSpacedWordRune(firstRune(after[len(cue):]))) {
			return true
		}
	}
	before := strings.TrimRight(text[:start], "\"'“‘「『《(（[ ")
	for _, cue := range mentionBefore {
		if len(before) >= len(cue) && strings.EqualFold(before[len(before)-len(cue):], cue) &&
			(len(before) == len(cue) || !isSpacedWordRune(lastRune(before[:len(before)-len(cue)]))) {
			return true
		}
	}
	return false
}

// explainers are what a bracket after a term holds when it explains the
// term ("sb（傻逼的缩写）", "nmsl (short for …)").
var explainers = []string{"缩写", "拼音", "意思", "是指", "骂人", "short for", "stands for", "means", "meaning", "slang for", "abbreviation"}

// explained reports whether s opens with a bracket that explains the word
// before it.
func explained(s string) bool {
	var closing string
	switch {
	case strings.HasPrefix(s, "("):
		closing = ")"
	case strings.HasPrefix(s, "（"):
		closing = "）"
	default:
		return false
	}
	inner, _, ok := strings.Cut(s[:min(len(s), 120)], closing)
	if !ok {
		return false
	}
	inner = strings.ToLower(inner)
	for _, e := range explainers {
		if strings.Contains(inner, e) {
			return true
		}
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// excepted reports whether c lies inside an exception of its rule, in
// the original text (an exception found only in an alternative reading of
// an ambiguous word never excuses the text as written).
func excepted(exc []candidate, c candidate) bool {
	for _, e := range exc {
		if e.rule == c.rule && sameReading(e, c) && e.start <= c.start && c.end <= e.end {
			return true
		}
	}
	return false
}

// mixesHanAndLatin reports whether term holds both Han characters and
// Latin letters ("傻b", "tm的").
func mixesHanAndLatin(term string) bool {
	han, latin := false, false
	for _, r := range term {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			latin = true
		case r >= 0x2E80 && unicode.Is(unicode.Han, r):
			han = true
		}
	}
	return han && latin
}

// wordBounded reports whether text[start:end] stands as a whole word: a
// word character of a script written with spaces must not continue the
// match on either side.
func wordBounded(text string, start, end int) bool {
	if start > 0 {
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		first, _ := utf8.DecodeRuneInString(text[start:])
		if isSpacedWordRune(before) && isSpacedWordRune(first) {
			return false
		}
	}
	if end < len(text) {
		last, _ := utf8.DecodeLastRuneInString(text[:end])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if isSpacedWordRune(last) && isSpacedWordRune(after) {
			return false
		}
	}
	return true
}

// inAddress reports whether text[start:end] is part of a web address,
// e-mail address, handle or file name: a dot, slash, at sign, colon or
// underscore touches it.
func inAddress(text string, start, end int) bool {
	if start > 0 && strings.IndexByte("./@:_-#", text[start-1]) >= 0 {
		return true
	}
	return end < len(text) && strings.IndexByte("./@:_", text[end]) >= 0 && end+1 < len(text) && text[end+1] != ' '
}

// isSpacedWordRune reports whether r is a letter, digit or combining mark
// of a script whose words are separated by spaces. Han, kana, Thai, Lao,
// Khmer and Myanmar are written without spaces, so they never form a
// word boundary constraint.
func isSpacedWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// languageAt returns the language at original offset off: the language of
// the span holding it when known, else the post's.
func languageAt(opts FindOptions, off int) string {
	for _, sp := range opts.Spans {
		if sp.Start <= off && off < sp.End {
			if known(sp.Language) {
				return sp.Language
			}
			break
		}
	}
	if known(opts.Language) {
		return opts.Language
	}
	return ""
}

func known(lang string) bool { return lang != "" && lang != "und" }

// languageApplies reports whether rule r applies to text in lang. Scoped
// rules need a known language; "zh" covers "zh-Hans" and "zh-Hant".
func languageApplies(r *Rule, lang string) bool {
	for _, l := range r.NotLanguages {
		if lang != "" && languageCovers(l, lang) {
			return false
		}
	}
	if len(r.Languages) == 0 {
		return true
	}
	if lang == "" {
		return false
	}
	for _, l := range r.Languages {
		if languageCovers(l, lang) {
			return true
		}
	}
	return false
}

// appliesIn reports whether candidate c of rule r applies in lang or in
// one of the alternative languages.
func (s *Set) appliesIn(r *Rule, c candidate, lang string, also []string) bool {
	ok := func(l string) bool {
		return languageApplies(r, l) && (c.romanized == "" || romanizedApplies(r, l))
	}
	if ok(lang) {
		return true
	}
	for _, l := range also {
		if known(l) && ok(l) {
			return true
		}
	}
	return false
}

// romanizedApplies reports whether a romanised Chinese term applies in
// lang: in the rule's languages, or in Chinese when it names none.
func romanizedApplies(r *Rule, lang string) bool {
	if lang == "" {
		return false
	}
	if len(r.Languages) == 0 {
		return languageCovers("zh", lang)
	}
	return languageApplies(r, lang)
}

// languageCovers reports whether the rule language tag covers the text
// language tag: equal, or a prefix ending at a subtag boundary.
func languageCovers(rule, text string) bool {
	if len(text) < len(rule) || !strings.EqualFold(text[:len(rule)], rule) {
		return false
	}
	return len(text) == len(rule) || text[len(rule)] == '-'
}

// termKey is a term's identity after normalisation: its folded form and,
// when letters were collapsed, their run lengths.
func termKey(s string) string {
	f, reps := normalize.FoldTerm(strings.TrimSpace(s))
	if f == "" || reps == nil {
		return f
	}
	return fmt.Sprintf("%s\x00%v", f, reps)
}

// normalizeTerm is the form a term is compiled and compared in.
func normalizeTerm(s string) string {
	f, _ := normalize.FoldTerm(strings.TrimSpace(s))
	return f
}

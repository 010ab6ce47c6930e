package tone

import (
	"iter"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labels a Result may carry.
const (
	LabelFits    = "fits"
	LabelNeutral = "neutral"
	LabelOff     = "off"
)

// Result is how well a post fits the profile's tone.
type Result struct {
	// Score is in [0, 1]; higher fits the community better.
	Score float64 `json:"score"`
	// Label is "fits", "neutral" or "off", from the profile's thresholds.
	Label string `json:"label"`
	// Signals are the signals that moved the score, largest effect first.
	Signals []Signal `json:"signals"`
}

// Signal is one reason the score moved.
type Signal struct {
	Name string `json:"name"`
	// Strength is how strongly the signal is present, in (0, 1].
	Strength float64 `json:"strength"`
	// Weight is the profile's weight for the signal in the post's language.
	Weight float64 `json:"weight"`
	// Contribution is Weight × Strength, the signal's effect on the
	// logistic scale; positive fits the community better.
	Contribution float64 `json:"contribution"`
	// Evidence are the spans of the post that triggered the signal.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Evidence is a span of the post, in byte offsets into the original text.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Hostile is a rule match that counts against tone: an insult, a slur, a
// threat. Severity is 1–5 as in rule packs.
type Hostile struct {
	Start, End int
	Severity   int
}

// Input is what the scorer reads.
type Input struct {
	Text string
	// Language is the post's BCP 47 language ("und" when unknown); it
	// selects per-language weights.
	Language string
	// Hostile lists the post's hostile rule matches.
	Hostile []Hostile
}

// maxEvidence bounds the evidence kept per signal.
const maxEvidence = 5

// Score computes the post's tone under profile p. It never fails: text of
// any content, including invalid UTF-8, gets a score.
func (p *Profile) Score(in Input) Result {
	f := newFolded(in.Text)
	st := scoreState{profile: p}
	var sigs []Signal
	logit := p.Bias
	weights := p.signalWeights(in.Language)
	for i := range p.signals {
		spec := &p.signals[i]
		w := weights[i]
		if w == 0 {
			continue
		}
		strength, ev := spec.detect(f, in, &st)
		if strength <= 0 {
			continue
		}
		if len(ev) > maxEvidence {
			ev = ev[:maxEvidence]
		}
		c := w * strength
		logit += c
		sigs = append(sigs, Signal{Name: spec.name, Strength: round3(strength), Weight: w, Contribution: round3(c), Evidence: ev})
	}
	slices.SortStableFunc(sigs, func(a, b Signal) int {
		x, y := math.Abs(a.Contribution), math.Abs(b.Contribution)
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	})
	score := round3(1 / (1 + math.Exp(-logit)))
	label := LabelNeutral
	switch {
	case score >= p.Fits:
		label = LabelFits
	case score < p.Off:
		label = LabelOff
	}
	if sigs == nil {
		sigs = []Signal{}
	}
	return Result{Score: score, Label: label, Signals: sigs}
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// saturate maps a count of occurrences to a strength: 1 → 0.5, 2 → 0.75, …
func saturate(n int) float64 { return 1 - math.Pow(0.5, float64(n)) }

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// scoreState holds what several signals share within one Score call.
type scoreState struct {
	valence *valence
	lex     [][]Evidence // per signal, from Profile.scanLexicon; nil when none matched
	lexDone bool         // lex is filled in
	profile *Profile
}

func (s *signalSpec) detect(f *folded, in Input, st *scoreState) (float64, []Evidence) {
	switch s.name {
	case "detail":
		return detectDetail(f)
	case "question":
		n, ev := st.lexiconHits(st.profile, f, s)
		qn, qev := f.spans(questionMarks(f.orig))
		n += min(qn, 1)
		return saturate(n), append(ev, qev...)
	case "shouting":
		return detectShouting(f)
	case "punctuation_flood":
		return detectRuns(f, punctuationFloods(f.orig), 2, 6)
	case "emoji_flood":
		return detectEmojiFlood(f)
	case "hashtag_stuffing":
		n, ev := f.findIf(strings.Count(f.orig, "#") >= 5, hashtagRE)
		if n < 5 {
			return 0, nil
		}
		return clamp01(float64(n-4) / 6), ev
	case "repetition":
		return detectRepetition(f)
	case "hostility":
		sum := 0
		var ev []Evidence
		for _, h := range in.Hostile {
			sum += h.Severity
			if h.Start >= 0 && h.Start <= h.End && h.End <= len(f.src) {
				ev = append(ev, Evidence{h.Start, h.End, f.src[h.Start:h.End]}) // offsets in the text as given
			}
		}
		return clamp01(float64(sum) / 5), ev
	case "positive_valence", "negative_valence":
		if st.valence == nil {
			v := computeValence(f)
			st.valence = &v
		}
		if s.name == "positive_valence" {
			return math.Max(st.valence.v, 0), st.valence.pos
		}
		return math.Max(-st.valence.v, 0), st.valence.neg
	case "group_contempt":
		n, ev := f.findNear(contemptPivots, contemptWords, groupContemptRE)
		return clamp01(float64(n)), ev
	case "dismissive_emoji":
		n, ev := f.spans(dismissiveEmoji(f.orig))
		return saturate(n), ev
	}
	n, ev := st.lexiconHits(st.profile, f, s)
	return saturate(n), ev
}

// lexicon counts the non-overlapping occurrences of the signal's terms.
// scanLexicon finds the terms of every lexicon signal in one pass: at each
// position, the longest term of each signal that is not inside an earlier
// match of the same signal. It returns the evidence per signal, or nil
// when no term is found.
func (p *Profile) scanLexicon(f *folded) [][]Evidence {
	var out [][]Evidence // made at the first match
	var nextBuf [32]int
	var next []int // per signal, where its next match may start
	if len(p.signals) <= len(nextBuf) {
		next = nextBuf[:len(p.signals)]
	} else {
		next = make([]int, len(p.signals))
	}
	lower := f.lower
	for i := 0; i < len(lower); i++ {
		// Terms that start with a Latin letter are matched as whole
		// words, so none starts inside a word.
		if c := lower[i]; i > 0 && isASCIILetter(c) && (isASCIILetter(lower[i-1]) || '0' <= lower[i-1] && lower[i-1] <= '9') {
			continue
		}
		refs := p.lexicon[lower[i]]
		if lower[i] >= utf8.RuneSelf && p.lexiconRune != nil {
			if !utf8.RuneStart(lower[i]) {
				continue // no term starts inside a character
			}
			r, _ := utf8.DecodeRuneInString(lower[i:])
			if r < 0x10000 && !p.lexiconFirst.has(r) {
				continue
			}
			refs = p.lexiconRune[r]
		}
		for _, ref := range refs {
			if i < next[ref.signal] {
				continue
			}
			t := &p.signals[ref.signal].terms[ref.term]
			end := i + len(t.text)
			if end <= len(lower) && lower[i:end] == t.text && (!t.word || wordBounded(lower, i, end)) {
				if out == nil {
					out = make([][]Evidence, len(p.signals))
				}
				out[ref.signal] = append(out[ref.signal], f.evidence(i, end))
				next[ref.signal] = end
			}
		}
	}
	return out
}

// lexiconHits returns the evidence of signal s's terms, scanning the post
// once for all signals.
func (st *scoreState) lexiconHits(p *Profile, f *folded, s *signalSpec) (int, []Evidence) {
	if !st.lexDone {
		st.lex, st.lexDone = p.scanLexicon(f), true
	}
	if st.lex == nil {
		return 0, nil
	}
	for i := range p.signals {
		if &p.signals[i] == s {
			return len(st.lex[i]), st.lex[i]
		}
	}
	return 0, nil
}

func wordBounded(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

var (
	// The question marks, punctuation floods, dismissive emoji, list
	// items and tags are found by the scanners in scanners.go, concrete
	// detail by detailMatches.
	hashtagRE = regexp.MustCompile(`#[^\s#]+#?`)
	// groupContemptRE finds statements that condemn a whole group.
)

// Concrete detail (prices, quantities, durations, distances and
// temperatures) is a number after a currency sign or before a unit:
//
//	[¥￥$€£]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:units)
//
// with the units of detailUnits, an alternation in which "s?" marks an
// optional plural. detailMatches finds its matches; the tests check it
// against the regular expression.
const (
	detailCurrencies = "¥￥$€£"
	detailUnits      = "元|块|rmb|usd|dollars?|ml|毫升|g|kg|克|斤|分钟|小时|min|mins|minutes?|hours?|hrs?|km|公里|米|cm|°c|°f|度|%|天|days?|nights?|晚|站|号线|楼|层|tbsp|tsp|cups?|oz|lbs?"
)

// detailUnit is one unit of detailUnits: its text and, when it ends in an
// optional letter, that letter.
type detailUnit struct {
	text     string
	optional byte
}

var detailUnitList = func() []detailUnit {
	var out []detailUnit
	for _, u := range strings.Split(detailUnits, "|") {
		if v, ok := strings.CutSuffix(u, "?"); ok {
			out = append(out, detailUnit{v[:len(v)-1], v[len(v)-1]})
			continue
		}
		out = append(out, detailUnit{u, 0})
	}
	return out
}()

// detailCurrencyList holds the currency signs, each as text.
var detailCurrencyList = strings.Split(detailCurrencies, "")

// detailStarts marks the bytes a unit (1) or a currency sign (2) starts
// with.
var detailStarts = func() (t [256]uint8) {
	for _, u := range detailUnitList {
		t[u.text[0]] |= 1
	}
	for _, c := range detailCurrencyList {
		t[c[0]] |= 2
	}
	return t
}()

// detailMatches finds the concrete detail in s, as FindAllStringIndex
// finds the matches of the regular expression above: leftmost first, each
// alternative and each unit tried in order. A match starts at a currency
// sign or an ASCII digit, so trying every byte finds every start.
func detailMatches(s string) [][2]int {
	var out [][2]int
	for p := 0; p < len(s); p++ {
		if e := detailAt(s, p); e > p {
			out = append(out, [2]int{p, e})
			p = e - 1
		}
	}
	return out
}

// detailAt returns the end of the detail starting at s[p], or -1.
func detailAt(s string, p int) int {
	c := s[p]
	if detailStarts[c]&2 != 0 {
		for _, cur := range detailCurrencyList {
			if !strings.HasPrefix(s[p:], cur) {
				continue
			}
			// \s?\d+(?:[.,]\d+)?
			q := p + len(cur)
			if q+1 < len(s) && isSpaceRE(s[q]) && isDigit(s[q+1]) {
				q++
			}
			if q < len(s) && isDigit(s[q]) {
				return numberEnd(s, q)
			}
			return -1
		}
	}
	if !isDigit(c) {
		return -1
	}
	// \d+(?:[.,]\d+)?\s?unit: the number is taken whole, as neither a
	// shorter one nor one without its fraction is followed by a space or
	// a unit.
	q := numberEnd(s, p)
	if q < len(s) && isSpaceRE(s[q]) {
		if n := detailUnitAt(s[q+1:]); n > 0 {
			return q + 1 + n
		}
	}
	if n := detailUnitAt(s[q:]); n > 0 {
		return q + n
	}
	return -1
}

// numberEnd returns the end of \d+(?:[.,]\d+)? starting at s[p], a digit.
func numberEnd(s string, p int) int {
	for p < len(s) && isDigit(s[p]) {
		p++
	}
	if p+1 < len(s) && (s[p] == '.' || s[p] == ',') && isDigit(s[p+1]) {
		p++
		for p < len(s) && isDigit(s[p]) {
			p++
		}
	}
	return p
}

// detailUnitAt returns the length of the first unit that s starts with,
// or 0.
func detailUnitAt(s string) int {
	if len(s) == 0 || detailStarts[s[0]]&1 == 0 {
		return 0
	}
	for _, u := range detailUnitList {
		if strings.HasPrefix(s, u.text) {
			n := len(u.text)
			if u.optional != 0 && n < len(s) && s[n] == u.optional {
				n++
			}
			return n
		}
	}
	return 0
}

func detectDetail(f *folded) (float64, []Evidence) {
	n1, ev1 := f.findAroundDigits(detailMatches)
	n2, ev2 := f.spans(listItems(f.orig))
	n := n1 + n2
	letters := 0
	for _, r := range f.orig {
		if isLetter(r) {
			letters++
		}
	}
	switch {
	case letters >= 300:
		n += 2
	case letters >= 100:
		n++
	}
	if n == 0 {
		return 0, nil
	}
	ev := append(ev1, ev2...)
	slices.SortFunc(ev, func(a, b Evidence) int { return a.Start - b.Start })
	return clamp01(float64(n) / 4), ev
}

func detectShouting(f *folded) (float64, []Evidence) {
	// Shouting needs at least 6 upper-case letters (10 letters, 60% of
	// them upper case); most posts have fewer in all.
	capitals := 0
	for i := 0; i < len(f.orig) && capitals < 6; i++ {
		if c := f.orig[i]; 'A' <= c && c <= 'Z' {
			capitals++
		}
	}
	if capitals < 6 {
		return 0, nil
	}
	// Hashtags, mentions and links are written in their own case and do
	// not count as shouting.
	var skip [][2]int
	if strings.ContainsAny(f.orig, "#@") || strings.Contains(f.lower, "http") || strings.Contains(f.lower, "www.") {
		skip = tagSpans(f.orig)
	}
	if skip == nil {
		// Without tags every ASCII letter counts: the ratio is known
		// before the runs are collected.
		upper, letters := 0, 0
		for i := 0; i < len(f.orig); i++ {
			if c := f.orig[i]; isASCIILetter(c) {
				letters++
				if c <= 'Z' {
					upper++
				}
			}
		}
		if letters < 10 || float64(upper)/float64(letters) < 0.6 {
			return 0, nil
		}
	}
	upper, letters := 0, 0
	var ev []Evidence
	start := -1
	for i, r := range f.orig {
		for len(skip) > 0 && skip[0][1] <= i {
			skip = skip[1:]
		}
		inTag := len(skip) > 0 && skip[0][0] <= i
		isLatin := !inTag && r < utf8.RuneSelf && isASCIILetter(byte(r))
		if isLatin {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		// Collect runs of upper-case words as evidence.
		if isLatin && unicode.IsUpper(r) || start >= 0 && (r == ' ' || r == '!' || r == '\'') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if run := strings.TrimRight(f.orig[start:i], " !'"); len(run) >= 6 {
				ev = append(ev, f.origEvidence(start, start+len(run)))
			}
			start = -1
		}
	}
	if start >= 0 {
		if run := strings.TrimRight(f.orig[start:], " !'"); len(run) >= 6 {
			ev = append(ev, f.origEvidence(start, start+len(run)))
		}
	}
	if letters < 10 {
		return 0, nil
	}
	ratio := float64(upper) / float64(letters)
	if ratio < 0.6 {
		return 0, nil
	}
	// A few capitalised words ("WORST PHONE EVER.") shout less than a
	// capitalised paragraph: strength grows with the letters shouted, to
	// full strength at shoutFull.
	return clamp01((ratio-0.5)*2) * math.Min(1, float64(letters)/shoutFull), ev
}

// detectRuns scores runs found in the original text by their excess
// length.
func detectRuns(f *folded, locs [][2]int, free, scale int) (float64, []Evidence) {
	excess := 0
	var ev []Evidence
	for _, l := range locs {
		excess += utf8.RuneCountInString(f.orig[l[0]:l[1]]) - free
		ev = append(ev, f.origEvidence(l[0], l[1]))
	}
	if excess <= 0 {
		return 0, nil
	}
	return clamp01(float64(excess) / float64(scale)), ev
}

// IsEmoji reports whether r is a pictographic emoji or symbol commonly used
// as one.
func IsEmoji(r rune) bool {
	switch {
	case 0x1F300 <= r && r <= 0x1FAFF, // pictographs, emoticons, transport, supplemental
		0x2600 <= r && r <= 0x27BF,   // misc symbols, dingbats
		0x1F000 <= r && r <= 0x1F2FF, // mahjong, cards, enclosed
		0x2B00 <= r && r <= 0x2BFF:   // arrows and stars (⭐)
		return true
	}
	return false
}

func detectEmojiFlood(f *folded) (float64, []Evidence) {
	// A flood needs five emoji, and every emoji is encoded starting with
	// 0xE2 (U+2600–U+2BFF) or 0xF0 (U+1F000–U+1FAFF).
	leads := 0
	for i := 0; i < len(f.orig) && leads < 5; i++ {
		if c := f.orig[i]; c == 0xE2 || c == 0xF0 {
			leads++
		}
	}
	if leads < 5 {
		return 0, nil
	}
	emoji, letters, run, longest := 0, 0, 0, 0
	var ev []Evidence
	runStart := -1
	for i, r := range f.orig {
		switch {
		case IsEmoji(r):
			emoji++
			run++
			if runStart < 0 {
				runStart = i
			}
			continue
		case r == 0xFE0F || r == 0x200D || 0x1F3FB <= r && r <= 0x1F3FF:
			continue // variation selectors, joiners and skin tones belong to the emoji
		case isLetter(r):
			letters++
		}
		if run >= 4 {
			ev = append(ev, f.origEvidence(runStart, i))
		}
		longest = max(longest, run)
		run, runStart = 0, -1
	}
	if run >= 4 {
		ev = append(ev, f.origEvidence(runStart, len(f.orig)))
	}
	longest = max(longest, run)
	if emoji < 5 {
		return 0, nil
	}
	ratio := float64(emoji) / float64(emoji+letters)
	if ratio < 0.2 && longest < 5 {
		return 0, nil
	}
	return clamp01(float64(emoji-3) / 10), ev
}

// detectRepetition finds the same character many times in a row, or the
// same word said over and over. Laughter (哈哈哈, hahaha) is allowed a
// longer run.
func detectRepetition(f *folded) (float64, []Evidence) {
	var ev []Evidence
	score := 0.0
	var prev rune = -1
	count, start := 0, 0
	flush := func(end int) {
		limit := 7
		if prev == '哈' || prev == 'h' || prev == 'a' || prev == '6' || prev == '啊' || prev == '呜' {
			limit = 12
		}
		if count > limit && !unicode.IsSpace(prev) {
			ev = append(ev, f.evidence(start, end))
			score += 0.5 + float64(count-limit)/20
		}
	}
	for i, r := range f.lower {
		if r == prev {
			count++
			continue
		}
		if count > 7 { // flush keeps only runs longer than their limit, 7 or more
			flush(i)
		}
		prev, count, start = r, 1, i
	}
	flush(len(f.lower))
	// The same word four or more times, and in a third of the words or
	// more.
	for _, w := range frequentWords(f.lower) {
		score += 0.5
		if i := strings.Index(f.lower, w); i >= 0 {
			ev = append(ev, f.evidence(i, i+len(w)))
		}
	}
	slices.SortFunc(ev, func(a, b Evidence) int { return a.Start - b.Start })
	return clamp01(score), ev
}

// folded holds the text and a lower-cased copy with a map back to it.
type folded struct {
	src   string // the text as given
	orig  string // src with each run of invalid UTF-8 replaced by U+FFFD
	lower string
	// off maps byte offsets of lower to those of orig; nil when the two
	// have the same layout.
	off []int
	// srcOff maps byte offsets of orig to those of src; nil when src is
	// valid UTF-8 and the two are the same.
	srcOff []int
}

func newFolded(s string) *folded {
	f := &folded{src: s}
	if !utf8.ValidString(s) {
		s, f.srcOff = validUTF8(s)
	}
	f.orig, f.lower = s, toLower(s)
	if len(f.lower) == len(s) {
		return f
	}
	// Lower-casing changed some lengths: rebuild rune by rune.
	var b strings.Builder
	f.off = make([]int, 0, len(s)+1)
	for i, r := range s {
		lr := unicode.ToLower(r)
		n := utf8.RuneLen(lr)
		for range n {
			f.off = append(f.off, i)
		}
		b.WriteRune(lr)
	}
	f.off = append(f.off, len(s))
	f.lower = b.String()
	return f
}

// hasHan reports whether the text holds a CJK ideograph.
func (f *folded) hasHan() bool {
	for _, r := range f.orig {
		if r >= 0x3400 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// validUTF8 returns s with each run of invalid bytes replaced by U+FFFD,
// as strings.ToValidUTF8 does, and the offset in s of every byte of the
// result and of its end.
func validUTF8(s string) (string, []int) {
	var b strings.Builder
	off := make([]int, 0, len(s)+8)
	invalid := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			if !invalid {
				b.WriteString("\uFFFD")
				off = append(off, i, i, i)
			}
			invalid = true
			i++
			continue
		}
		invalid = false
		b.WriteString(s[i : i+n])
		for k := range n {
			off = append(off, i+k)
		}
		i += n
	}
	return b.String(), append(off, len(s))
}

func (f *folded) origOffset(i int) int {
	if f.off == nil {
		return i
	}
	return f.off[i]
}

// evidence returns the text as given behind lower[start:end].
func (f *folded) evidence(start, end int) Evidence {
	return f.origEvidence(f.origOffset(start), f.origOffset(end))
}

// origEvidence returns the text as given behind orig[start:end], for the
// detectors that scan orig.
func (f *folded) origEvidence(start, end int) Evidence {
	if f.srcOff != nil {
		start, end = f.srcOff[start], f.srcOff[end]
	}
	return Evidence{Start: start, End: end, Text: f.src[start:end]}
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Around a run of digits, detail (a price, a quantity) reaches this far:
// a currency sign before, a unit after.
const (
	digitsBefore = 6
	digitsAfter  = 16
)

// runeWindow widens the byte range [ws, we) of s to rune boundaries.
func runeWindow(s string, ws, we int) (int, int) {
	for ws > 0 && !utf8.RuneStart(s[ws]) {
		ws--
	}
	for we < len(s) && !utf8.RuneStart(s[we]) {
		we++
	}
	return ws, we
}

// findAroundDigits runs find, whose matches need a digit, only in windows
// around the runs of digits of the lower-cased text.
func (f *folded) findAroundDigits(find func(string) [][2]int) (int, []Evidence) {
	var ev []Evidence
	lower := f.lower
	for i := 0; i < len(lower); {
		if lower[i] < '0' || lower[i] > '9' {
			i++
			continue
		}
		ws := max(0, i-digitsBefore)
		j := i
		// Extend over digits and the text that may follow them, merging
		// runs of digits that are close.
		for {
			for j < len(lower) && ('0' <= lower[j] && lower[j] <= '9' || lower[j] == '.' || lower[j] == ',') {
				j++
			}
			k := j
			for k < len(lower) && k-j < digitsAfter && !('0' <= lower[k] && lower[k] <= '9') {
				k++
			}
			if k < len(lower) && k-j < digitsAfter {
				j = k
				continue
			}
			break
		}
		ws, we := runeWindow(lower, ws, min(len(lower), j+digitsAfter))
		for _, l := range find(lower[ws:we]) {
			ev = append(ev, f.evidence(ws+l[0], ws+l[1]))
		}
		i = we
	}
	return len(ev), ev
}

// shoutFull is the number of upper-case Latin letters at which shouting
// reaches full strength.
const shoutFull = 40

// findIf runs re only when a cheap test says it may match: the regular
// expressions cost more than everything else in scoring.
func (f *folded) findIf(may bool, re *regexp.Regexp) (int, []Evidence) {
	if !may {
		return 0, nil
	}
	return f.find(re)
}

// The vocabulary of group contempt ("X people are all …", "X人都是 …"),
// written once: the pattern is built from it, and so are the pivots it
// runs near and the words a window must hold for it to run.
var (
	contemptGroupsEN = []string{"people", "women", "men", "girls", "guys", "foreigners", "immigrants", "westerners",
		"americans", "chinese", "asians", "blacks", "whites", "refugees"}
	contemptWordsEN = []string{"stupid", "dirty", "rude", "lazy", "disgusting", "trash", "garbage", "animals",
		"savages", "thieves", "liars", "ugly", "fake", "arrogant", "uncivilised", "uncivilized", "idiots", "scum",
		"subhuman", "inferior", "spies", "criminals", "terrorists", "rapists", "dogs", "pigs", "parasites", "vermin",
		"cockroaches"}
	contemptGroupsZH = []string{"中国人", "美国人", "外国人", "老外", "黑人", "白人", "日本人", "韩国人", "印度人", "河南人",
		"东北人", "上海人", "北京人", "广东人", "女人", "男人", "女的", "男的", "难民"}
	contemptLinksZH = []string{"都", "全都", "全是", "个个", "就是", "果然"}
	// Words that also have innocent senses in lifestyle posts (猪蹄, 养狗,
	// 孕期会恶心, 垃圾食品, 傻笑) count only in their contemptuous forms.
	contemptWordsZH = []string{"是垃圾", "一群垃圾", "一帮垃圾", "垃圾人", "素质低", "没素质", "很脏", "真脏", "好脏", "肮脏",
		"很懒", "真懒", "好懒", "懒惰", "又懒", "又蠢", "又脏", "又臭", "又丑", "蠢货", "很蠢", "真蠢", "太蠢", "愚蠢", "蠢猪", "傻子", "傻逼", "很傻", "真傻", "骗子",
		"小偷", "很恶心", "真恶心", "太恶心", "好恶心", "恶心死", "低等", "野蛮", "下贱", "很贱", "真贱", "贱人", "间谍",
		"畜生", "是猪", "像猪", "猪一样", "是狗", "像狗", "狗一样", "走狗", "狗东西"}

	contemptWords  = slices.Concat(contemptWordsEN, contemptWordsZH)
	contemptPivots = newWordSet(slices.Concat([]string{" are "}, contemptLinksZH))
	// groupContemptRE finds statements that condemn a whole group.
	groupContemptRE = regexp.MustCompile(`(?i)\b(?:all\s+)?(?:[a-z]+\s+)?(?:` + alternatives(contemptGroupsEN) +
		`)\s+are\s+(?:(?:all|so|just|always|such|really|very|too|nothing but|a bunch of)\s+){0,3}(?:` +
		alternatives(contemptWordsEN) + `)\b|(?:` + alternatives(contemptGroupsZH) + `)(?:` + alternatives(contemptLinksZH) +
		`)[^，。！？,.!?\s]{0,4}?(?:` + alternatives(contemptWordsZH) + `)`)
)

// alternatives writes words as a regular-expression alternation.
func alternatives(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// maxWordSet bounds the words of a wordSet.
const maxWordSet = 16

// wordSet is a few words to find in one pass, with the bytes they start
// with.
type wordSet struct {
	words []string
	// starts holds the first two bytes of each word, as a bit set.
	starts [1 << 16 / 64]uint64
}

func newWordSet(words []string) *wordSet {
	if len(words) > maxWordSet {
		panic("tone: too many words for a wordSet")
	}
	s := &wordSet{words: words}
	for _, w := range words {
		if len(w) < 2 {
			panic("tone: a wordSet word needs two bytes")
		}
		k := uint16(w[0])<<8 | uint16(w[1])
		s.starts[k>>6] |= 1 << (k & 63)
	}
	return s
}

// mayStart reports whether a word of s may start at text[i:], which has at
// least two bytes.
func (s *wordSet) mayStart(text string, i int) bool {
	k := uint16(text[i])<<8 | uint16(text[i+1])
	return s.starts[k>>6]&(1<<(k&63)) != 0
}

// Around a pivot, the pattern looks this far back and ahead (bytes).
const (
	pivotBefore = 48
	pivotAfter  = 96
)

// nearWindows returns the windows around the occurrences of the pivots in
// s, merged where they touch, in order. Each pivot's occurrences are
// those strings.Index finds from the end of the last one.
func nearWindows(s string, pivots *wordSet) [][2]int {
	var windows [][2]int
	var next [maxWordSet]int // per pivot, where its next occurrence may start
	for i := 0; i+1 < len(s); i++ {
		if !pivots.mayStart(s, i) {
			continue
		}
		for k, p := range pivots.words {
			if i >= next[k] && strings.HasPrefix(s[i:], p) {
				windows = append(windows, [2]int{max(0, i-pivotBefore), min(len(s), i+len(p)+pivotAfter)})
				next[k] = i + len(p)
			}
		}
	}
	return mergeWindows(windows)
}

// mergeWindows sorts windows by start and merges those that overlap or
// touch; nil when there are none.
func mergeWindows(windows [][2]int) [][2]int {
	if len(windows) == 0 {
		return nil
	}
	slices.SortStableFunc(windows, func(a, b [2]int) int { return a[0] - b[0] })
	merged := windows[:1]
	for _, w := range windows[1:] {
		if last := &merged[len(merged)-1]; w[0] <= last[1] {
			last[1] = max(last[1], w[1])
			continue
		}
		merged = append(merged, w)
	}
	return merged
}

// findNear runs re only in windows around occurrences of the pivots in
// the lower-cased text, merging windows that touch, and only in windows
// holding one of needs.
func (f *folded) findNear(pivots *wordSet, needs []string, re *regexp.Regexp) (int, []Evidence) {
	merged := nearWindows(f.lower, pivots)
	if len(merged) == 0 {
		return 0, nil
	}
	var ev []Evidence
	for _, w := range merged {
		ws, we := runeWindow(f.lower, w[0], w[1])
		if !containsAny(f.lower[ws:we], needs) {
			continue
		}
		for _, l := range re.FindAllStringIndex(f.lower[ws:we], -1) {
			ev = append(ev, f.evidence(ws+l[0], ws+l[1]))
		}
	}
	return len(ev), ev
}

// spans returns the count and evidence of spans of the original text.
func (f *folded) spans(locs [][2]int) (int, []Evidence) {
	ev := make([]Evidence, 0, len(locs))
	for _, l := range locs {
		ev = append(ev, f.origEvidence(l[0], l[1]))
	}
	return len(locs), ev
}

// find runs re over the original text and returns the count and evidence.
func (f *folded) find(re *regexp.Regexp) (int, []Evidence) {
	locs := re.FindAllStringIndex(f.orig, -1)
	ev := make([]Evidence, 0, len(locs))
	for _, l := range locs {
		ev = append(ev, f.origEvidence(l[0], l[1]))
	}
	return len(locs), ev
}

// frequentWords returns the words (fields of two characters or more) of s
// that occur four times or more and make up at least a third of its
// fields, in no particular order.
func frequentWords(s string) []string {
	// Such a word is more frequent than a quarter of the counted words, so
	// the Misra–Gries summary with three counters holds it.
	var cand [3]string
	var count [3]int
	fields := 0
	dropped := 0 // rounds that decremented every counter
	for w := range fieldsOf(s) {
		fields++
		if len(w) <= utf8.UTFMax && utf8.RuneCountInString(w) < 2 {
			continue
		}
		k := -1
		for j := range cand {
			if count[j] > 0 && cand[j] == w {
				k = j
				break
			}
		}
		if k < 0 {
			k = slices.Index(count[:], 0)
		}
		if k < 0 {
			for j := range count {
				count[j]--
			}
			dropped++
			continue
		}
		cand[k] = w
		count[k]++
	}
	if fields < 4 {
		return nil
	}
	// A candidate occurs at most its count plus the rounds that dropped
	// counts: each such round took at most one of its occurrences, either
	// from its counter or by dropping it. Count the occurrences of those
	// that may qualify exactly, in one more pass.
	for j := range count {
		if n := count[j] + dropped; count[j] > 0 && (n < 4 || n*3 < fields) {
			count[j] = 0
		}
	}
	if count == [3]int{} {
		return nil
	}
	var n [3]int
	for x := range fieldsOf(s) {
		for j := range cand {
			if count[j] > 0 && x == cand[j] {
				n[j]++
			}
		}
	}
	var out []string
	for j, w := range cand {
		if count[j] > 0 && !slices.Contains(out, w) && n[j] >= 4 && n[j]*3 >= fields {
			out = append(out, w)
		}
	}
	return out
}

// fieldsOf yields the fields of s as strings.Fields splits them, around
// runs of unicode.IsSpace characters. Only the lead bytes of the few
// spaces beyond ASCII (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
// U+2029, U+202F, U+205F, U+3000) are decoded.
func fieldsOf(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i := 0; i < len(s); {
			c, size, space := s[i], 1, false
			switch {
			case c < utf8.RuneSelf:
				space = c == ' ' || '\t' <= c && c <= '\r'
			case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
				var r rune
				r, size = utf8.DecodeRuneInString(s[i:])
				space = unicode.IsSpace(r)
			}
			switch {
			case space && start >= 0:
				if !yield(s[start:i]) {
					return
				}
				start = -1
			case !space && start < 0:
				start = i
			}
			i += size
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// Package normalize folds text into the form rule terms are matched in,
// undoing the evasions people use, and keeps a map from every normalised
// byte back to the span of the original text it came from, so a match found
// in the normalised text is reported — and explained — on what the user
// wrote.
//
// The steps, in order:
//
//  1. per character: NFKC (which folds full-width, half-width and other
//     compatibility forms), lower-casing, diacritics stripped from Latin
//     letters (fučk → fuck), Traditional Chinese to Simplified (Unihan
//     kSimplifiedVariant), invisible format characters dropped (zero-width
//     space and joiners, soft hyphen, bidirectional controls), invalid
//     UTF-8 read as U+FFFD one byte at a time;
//  2. separators between single characters are dropped (f.u.c.k, f u c k,
//     $.h.1.t, 傻 逼), never between words of two letters or more ("hot
//     water");
//  3. per word: letters confusable with Latin ones (Cyrillic а, Armenian ս,
//     Greek ο, small capitals ᴀ, hooked ƙ, enclosed 🅐 ⒜) become Latin when
//     the word mixes them with Latin letters or is made only of them;
//     leetspeak symbols ($ @ ! | € +) become letters inside words with a
//     letter, and digits (0 1 3 4 5 7 8 9) inside words with two letters,
//     so "2024" and "a55" stay as written;
//
// Some characters have a second reading, and a word holding one is
// written again after the text, on its own line, with up to three words
// either side of it so that phrases still match: ambiguous leet ("1" is i
// or l); look-alikes standing for two letters (ћ is h or n); "/" and "(",
// which are more often punctuation, and the symbols at the edges of a word
// ("(um" is also "cum", "p@k|" "paki"; "(um)" is an aside and stays); and
// a word of one letter among digits with a digit that reads as a vowel
// ("h07", "0n3"; "45s" and "b12"-like sizes and models only when the
// letter does not end them after two digits).
//  4. runs of the same letter in scripts written with spaces collapse to
//     one, recording the run's length (fuuuuck → fuck ×4) so a matcher can
//     insist on a term's own double letters ("ass" does not match "as");
//  5. split Chinese characters are joined (女马 → 妈, 弓虽 → 强).
//
// Terms are folded the same way, so a term and any evasion of it meet in
// the same form.
package normalize

//go:generate go run ./gen -o tables.go

import (
	"sort"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Step is a set of normalisation steps, as bits.
type Step uint16

// The steps, as reported in a match's explanation.
const (
	StepWidth       Step = 1 << iota // full-width or half-width forms folded
	StepCompat                       // other compatibility forms folded (ligatures, circled letters, …)
	StepCase                         // upper-case letters lowered
	StepDiacritic                    // diacritics stripped from Latin letters
	StepTraditional                  // Traditional Chinese read as Simplified
	StepInvisible                    // zero-width and other invisible characters removed
	StepInvalid                      // invalid UTF-8 replaced
	StepConfusable                   // look-alike letters of other scripts read as Latin
	StepLeet                         // digits and symbols read as letters
	StepSeparator                    // separators between single letters removed
	StepRepeat                       // repeated letters collapsed
	StepSplit                        // split Chinese characters joined
)

var stepNames = []string{"width", "nfkc", "case", "diacritic", "traditional", "invisible", "invalid",
	"confusable", "leet", "separator", "repeat", "split"}

// Names returns the names of the steps in s, in pipeline order.
func (s Step) Names() []string {
	var out []string
	for i, n := range stepNames {
		if s&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// unit is one character of the normalised text with the range of the
// original text it came from.
type unit struct {
	r     rune
	src   rune  // the character before lower-casing and diacritic folding
	alt   rune  // another reading of an ambiguous character ("1" is i or l)
	s, e  int32 // original byte range
	rep   uint16
	steps Step
	altAt int8 // for a run of rep > 1: alt reads only its first (1) or last (-1) character
}

// Text is a normalised text with its map back to the original. A Text may
// be reused with Reset to avoid allocation; it is not safe for concurrent
// use. The zero value is an empty text.
type Text struct {
	orig     string
	norm     []byte // the normalised bytes: buf, or a read-only view of orig
	buf      []byte
	units    []unit
	starts   []int32    // normalised byte offset of each unit
	alts     []altRange // original ranges that get an alternative reading
	altLen   int        // bytes of the original they cover, summed
	mainLen  int        // length of the normalised text before the alternative readings
	carry    Step       // steps of characters dropped before the first unit
	identity bool
	it       norm.Iter
}

// altRange is a range of the original text written again after the text
// with another reading of the characters in [fs, fe).
type altRange struct {
	s, e   int32 // the original range written again
	fs, fe int32 // the part of it read differently: one word
	how    reading
}

// reading is how an alternative reading reads the characters that have a
// second reading.
type reading uint8

const (
	readOther        reading = iota // each by its other reading ("sh1t" as "shlt")
	readAllI                        // every one that is i or l as i ("muffd|v!ng")
	readSymbols                     // only the soft and edge symbols, as letters ("(um" as "cum")
	readSymbolsOther                // those by their second letter ("|" as i)
	readJoined                      // none; short pieces joined, separators dropped ("fu ck")
)

// letter returns what x, a character with a second reading, reads as.
func (h reading) letter(x unit) rune {
	switch {
	case h == readAllI && x.r != 'l':
		return x.r
	case h == readSymbolsOther && leetAlt(x.src) != 0:
		return leetAlt(x.src)
	}
	return x.alt
}

// String normalises s into a new Text.
func String(s string) *Text {
	t := new(Text)
	t.Reset(s)
	return t
}

// Fold returns the normalised form of s.
func Fold(s string) string {
	var t Text
	t.Reset(s)
	return string(t.norm)
}

// FoldTerm returns the normalised form of a term and, when some of its
// letters were collapsed runs, the length of the run behind each
// character of the normalised form (nil when every run has length 1).
func FoldTerm(s string) (string, []uint16) {
	var t Text
	t.Reset(s)
	var reps []uint16
	main := t.units[:t.mainUnits()]
	for i, u := range main {
		if u.rep > 1 && reps == nil {
			reps = make([]uint16, len(main))
			for j := range i {
				reps[j] = 1
			}
		}
		if reps != nil {
			reps[i] = max(u.rep, 1)
		}
	}
	return string(t.norm[:t.mainLen]), reps
}

// mainUnits returns the number of units of the text proper: the units of
// the alternative readings come after them.
func (t *Text) mainUnits() int {
	return sort.Search(len(t.starts), func(k int) bool { return int(t.starts[k]) >= t.mainLen })
}

// MainLen returns the length of the normalised text proper. Bytes may
// hold more after it: alternative readings of words with ambiguous leet
// characters, each after a newline, mapped to the same original words.
func (t *Text) MainLen() int { return t.mainLen }

// Bytes returns the normalised text. The caller must not modify it: it may
// share memory with the original string.
func (t *Text) Bytes() []byte { return t.norm }

// start empties t for a new text s and returns the part of s to read.
func (t *Text) start(s string) string {
	t.orig = s
	t.units = t.units[:0]
	t.starts = t.starts[:0]
	t.alts = t.alts[:0]
	t.altLen = 0
	t.identity = false
	if len(s) > 1<<30 {
		s = s[:1<<30] // offsets are 32-bit; callers cap text far below this
	}
	return s
}

// Reset normalises s into t, reusing t's memory.
func (t *Text) Reset(s string) {
	s = t.start(s)
	if plainASCII(s) {
		t.norm = unsafe.Slice(unsafe.StringData(s), len(s))
		t.identity = true
		t.mainLen = len(s)
		return
	}
	t.decode(s)
	t.separators()
	t.shortPieces()
	t.words()
	t.repeats()
	t.splits()
	t.encode()
}

// ResetLight normalises s into t with the per-character steps only (NFKC,
// lower-casing, diacritics, Traditional to Simplified, invisible
// characters): the form patterns such as phone numbers and e-mail
// addresses are matched in, where leetspeak and separator folding would
// destroy what they look for.
func (t *Text) ResetLight(s string) {
	s = t.start(s)
	t.decode(s)
	t.encode()
}

// plainASCII reports whether s is already normal under every step: ASCII
// with no upper-case letters, no digit or leet symbol touching a letter,
// no letter repeated, and no single letters separated by separators. Most
// lower-case posts fail one test, so this only saves the work for plain
// short texts; the full path handles the rest.
func plainASCII(s string) bool {
	prevClass := byte(0)
	wordLen := 0
	// lastShort is set while the last word had one or two letters and only
	// separators followed it: another short word would make a run of
	// pieces to join ("fu ck").
	lastShort := false
	var prev byte
	for i := 0; i <= len(s); i++ {
		if i == len(s) {
			return !(wordLen > 0 && wordLen <= maxPiece && lastShort)
		}
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
		class := asciiClass[c]
		if class == clsLetter && c == prev {
			return false
		}
		if (class == clsDigit || class == clsLeet) && prevClass == clsLetter ||
			class == clsLetter && (prevClass == clsDigit || prevClass == clsLeet) {
			return false
		}
		if c == '/' && (prevClass == clsLetter || i+1 < len(s) && s[i+1] < utf8.RuneSelf && asciiClass[s[i+1]] == clsLetter) {
			return false // a soft leet symbol touching a letter
		}
		if class == clsLetter {
			wordLen++
		} else {
			if wordLen == 1 && class != clsOther {
				return false // a single letter followed by a separator
			}
			if wordLen > 0 {
				if wordLen <= maxPiece && lastShort {
					return false
				}
				lastShort = wordLen <= maxPiece && class == clsSep
			} else if class != clsSep {
				lastShort = false
			}
			if wordLen > 0 || class != clsSep {
				wordLen = 0
			}
		}
		prev, prevClass = c, class
	}
	return true
}

const (
	clsOther byte = iota
	clsLetter
	clsDigit
	clsLeet
	clsSep
)

var asciiClass = func() (t [128]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	for _, c := range "$@!|+(" {
		t[c] = clsLeet
	}
	for _, c := range " \t\n\r.-_*,/\\~'`^:;" {
		t[c] = clsSep
	}
	return
}()

// decode runs the per-character steps. ASCII characters that no
// combining mark follows are handled directly; everything else goes
// through NFKC.
func (t *Text) decode(s string) {
	t.carry = 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			var steps Step
			r := rune(c)
			if 'A' <= c && c <= 'Z' {
				r, steps = r+'a'-'A', StepCase
			}
			t.push(unit{r: r, src: rune(c), s: int32(i), e: int32(i + 1), rep: 1, steps: steps, alt: capitalI(rune(c))})
			i++
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[i:]); plainIdeograph(r) {
			// CJK ideographs are their own NFKC form and never compose;
			// only Traditional forms change.
			var steps Step
			src := r
			if c := classOf(r); c&cT2S != 0 {
				r, _ = lookupPair(t2sTable[:], r)
				steps = StepTraditional
			}
			t.push(unit{r: r, src: src, s: int32(i), e: int32(i + size), rep: 1, steps: steps})
			i += size
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[i:]); isParenthesizedLetter(r) {
			// A parenthesized letter (⒜) is the letter: NFKC's "(a)"
			// would break the word it stands in.
			t.push(unit{r: 'a' + r - 0x249C, src: r, s: int32(i), e: int32(i + size), rep: 1, steps: StepCompat})
			i += size
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[i:]); r >= 0x3000 && r <= 0xFFEF {
			if n, steps, ok := wideForm(r); ok {
				// Full-width forms and CJK punctuation, whose NFKC form is
				// one character (，→ , and Ａ → A), without NFKC's iterator.
				t.push(unit{r: n, src: r, s: int32(i), e: int32(i + size), rep: 1, steps: steps})
				i += size
				continue
			}
		}
		j := i + 1
		for j < len(s) && !(s[j] < utf8.RuneSelf && (j+1 == len(s) || s[j+1] < utf8.RuneSelf)) {
			if s[j] == 0xE2 && j+2 < len(s) && s[j+1] == 0x92 && s[j+2] >= 0x9C && s[j+2] <= 0xB5 {
				break // a parenthesized letter
			}
			if s[j] >= 0xE3 && s[j] <= 0xEF && utf8.RuneStart(s[j]) {
				if r, _ := utf8.DecodeRuneInString(s[j:]); plainIdeograph(r) || r >= 0x3000 && r <= 0xFFEF && isWideForm(r) {
					break
				}
			}
			j++
		}
		t.decodeRun(s, i, j)
		i = j
	}
}

// isParenthesizedLetter reports whether r is one of ⒜ to ⒵.
func isParenthesizedLetter(r rune) bool { return r >= 0x249C && r <= 0x24B5 }

// push appends u to the units. The first unit of the text also takes the
// source and the steps of the invisible characters dropped before it.
func (t *Text) push(u unit) {
	if t.carry != 0 && len(t.units) == 0 {
		u.s, u.steps, t.carry = 0, u.steps|t.carry, 0
	}
	t.units = append(t.units, u)
}

// decodeRun runs the per-character steps over s[from:to] through NFKC.
func (t *Text) decodeRun(s string, from, to int) {
	it := &t.it
	it.InitString(norm.NFKC, s[from:to])
	var out [utf8.UTFMax * 8]rune
	pending := -1 // first unit whose source is still to come
	for !it.Done() {
		start := from + it.Pos()
		seg := it.Next()
		end := from + it.Pos()
		src := s[start:end]
		// NFKC changed the characters if the segment differs from its
		// source.
		var nfkc Step
		if end > start && string(seg) != src && !isInvalidSeg(seg) {
			nfkc = StepCompat
			if r, _ := utf8.DecodeRuneInString(src); isWidthVariant(r) {
				nfkc = StepWidth
			}
		}
		if end > start && pending >= 0 {
			// Output that arrived before its source (as "ﬁ" gives "f"
			// then "i") takes the source that follows.
			for k := pending; k < len(t.units); k++ {
				t.units[k].e = int32(end)
				t.units[k].steps |= nfkc
			}
			pending = -1
		}
		rs := out[:0]
		for len(seg) > 0 && len(rs) < cap(rs) {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			rs = append(rs, r)
		}
		// A single character that NFKC replaced by another keeps its own
		// shape for the confusables lookup (ϲ is c, though NFKC makes it σ).
		var before rune
		if len(rs) == 1 && nfkc != 0 {
			if r, n := utf8.DecodeRuneInString(src); n == len(src) {
				before = r
			}
		}
		for _, r := range rs {
			steps := nfkc
			pre := r
			if before != 0 {
				pre = before
			}
			if r == utf8.RuneError {
				if src != "\uFFFD" {
					steps |= StepInvalid
				}
			} else if r >= utf8.RuneSelf {
				c := classOf(r)
				if c&cInvisible != 0 {
					// Dropped: its source joins the previous character, or
					// the next one at the start of the text.
					if n := len(t.units); n > 0 {
						t.units[n-1].e = int32(end)
						t.units[n-1].steps |= StepInvisible
					} else {
						t.carry |= StepInvisible
					}
					continue
				}
				if c&cFolds != 0 {
					r, steps = FoldRune(r), steps|StepCase
					c = classOf(r)
				}
				switch {
				case c&cDiacritic != 0:
					r, steps = diacritics[r], steps|StepDiacritic
				case c&cMark != 0:
					if n := len(t.units); n > 0 && t.units[n-1].r < 0x530 {
						// A combining mark left over after a Latin,
						// Greek or Cyrillic letter: drop it into the
						// letter's source.
						t.units[n-1].e = int32(end)
						t.units[n-1].steps |= StepDiacritic
						continue
					}
				case c&cT2S != 0:
					simp, _ := lookupPair(t2sTable[:], r)
					r, steps = simp, steps|StepTraditional
				}
			} else if 'A' <= r && r <= 'Z' {
				r, steps = r+'a'-'A', steps|StepCase
			}
			if end == start && pending < 0 {
				pending = len(t.units)
			}
			t.push(unit{r: r, src: pre, alt: capitalI(pre), s: int32(start), e: int32(end), rep: 1, steps: steps})
		}
	}
}

// wideForms holds, for CJK punctuation (U+3000–U+303F) and the half-width
// and full-width forms (U+FF00–U+FFEF), the character NFKC and
// lower-casing make of it and the steps that takes, when that is a single
// character with no case or diacritic beyond plain ASCII folding.
var wideForms = func() map[rune]wideFolding {
	m := map[rune]wideFolding{}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			out := []rune(norm.NFKC.String(string(r)))
			if len(out) != 1 {
				continue
			}
			n := out[0]
			var steps Step
			if n != r {
				steps = StepCompat
				if isWidthVariant(r) {
					steps = StepWidth
				}
			}
			if n >= utf8.RuneSelf && n != r {
				continue // folds to another non-ASCII character: leave it to the full path
			}
			if 'A' <= n && n <= 'Z' {
				n, steps = n+'a'-'A', steps|StepCase
			}
			if n < utf8.RuneSelf || n == r && classOf(r)&(cFolds|cT2S|cInvisible|cMark|cDiacritic) == 0 {
				m[r] = wideFolding{n, steps}
			}
		}
	}
	add(0x3000, 0x303F)
	add(0xFF01, 0xFF5E)
	return m
}()

type wideFolding struct {
	r     rune
	steps Step
}

func wideForm(r rune) (rune, Step, bool) {
	w, ok := wideForms[r]
	return w.r, w.steps, ok
}

func isWideForm(r rune) bool {
	_, ok := wideForms[r]
	return ok
}

// plainIdeograph reports whether r is a CJK unified ideograph (the main
// block or extension A), which NFKC leaves as it is.
func plainIdeograph(r rune) bool {
	return 0x4E00 <= r && r <= 0x9FFF || 0x3400 <= r && r <= 0x4DBF
}

func isInvalidSeg(seg []byte) bool {
	r, n := utf8.DecodeRune(seg)
	return r == utf8.RuneError && n == len(seg) && n <= 1
}

func isWidthVariant(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return true
	}
	return false
}

// Invisible reports whether r is a format character that renders as
// nothing (zero-width space and joiners, word joiner, byte-order mark, soft
// hyphen, bidirectional controls): the normaliser drops these, so
// "f\u200buck" reads as "fuck".
func Invisible(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

// FoldRune lower-cases one rune the way the normaliser does.
func FoldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r == 'ς':
		return 'σ'
	case r == utf8.RuneError:
		return r
	}
	return unicode.ToLower(r)
}

// diacritics maps Latin, Greek and Cyrillic letters with diacritics
// (U+00C0–U+052F and U+1E00–U+1FFF) to their base letter, built from their
// canonical decompositions, plus the few Latin letters whose stroke is not
// a decomposition.
var diacritics = func() map[rune]rune {
	m := map[rune]rune{'ø': 'o', 'đ': 'd', 'ł': 'l', 'ħ': 'h', 'ŧ': 't', 'ı': 'i', 'ƀ': 'b', 'ɨ': 'i'}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) < 2 || !unicode.IsLetter(d[0]) {
				continue
			}
			ok := true
			for _, m := range d[1:] {
				ok = ok && unicode.Is(unicode.Mn, m)
			}
			if ok {
				m[r] = unicode.ToLower(d[0])
			}
		}
	}
	add(0xC0, 0x52F)
	add(0x1E00, 0x1FFF)
	return m
}()

// lookupPair finds r in a table of (from, to) pairs sorted by from.
func lookupPair(table []rune, r rune) (rune, bool) {
	n := len(table) / 2
	i := sort.Search(n, func(i int) bool { return table[2*i] >= r })
	if i < n && table[2*i] == r {
		return table[2*i+1], true
	}
	return r, false
}

// isHanOrKana reports whether r belongs to a script written without
// spaces between words.
func isHanOrKana(r rune) bool {
	return r >= 0x2E80 && classOf(r)&cHanKana != 0
}

// leetLetters maps leetspeak symbols and digits to the letters they stand
// for.
var leetSymbols = map[rune]rune{'$': 's', '@': 'a', '€': 'e', '!': 'i', '|': 'l', '+': 't', '(': 'c', '/': 'l'}
var leetDigits = map[rune]rune{'0': 'o', '1': 'i', '2': 'z', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g'}

// capitalI returns the second reading of capital letters shaped like "I",
// which inside a lower-case word usually stand for "l", and 0 for any
// other character.
func capitalI(r rune) rune {
	switch r {
	case 'I', 'І', 'Ӏ', 'ӏ', 'Ι', 'ǀ', 'ℐ':
		return 'l'
	}
	return 0
}

// leetAlt gives the second reading of ambiguous leet characters.
func leetAlt(r rune) rune {
	switch r {
	case '1', '!':
		return 'l'
	case '|', '/':
		return 'i'
	}
	return 0
}

// leetSymbol and leetDigit return the letter a leet symbol or digit
// stands for, or 0.
func leetSymbol(r rune) rune {
	if r < utf8.RuneSelf {
		return leetSymbolASCII[r]
	}
	if r == '€' {
		return 'e'
	}
	return 0
}

func leetDigit(r rune) rune {
	if '0' <= r && r <= '9' {
		return leetDigitASCII[r-'0']
	}
	return 0
}

var leetSymbolASCII = func() (t [utf8.RuneSelf]rune) {
	for k, v := range leetSymbols {
		if k < utf8.RuneSelf {
			t[k] = v
		}
	}
	return
}()

var leetDigitASCII = func() (t [10]rune) {
	for k, v := range leetDigits {
		t[k-'0'] = v
	}
	return
}()

// asciiWordish marks the ASCII letters, digits and leet symbols.
var asciiWordish = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		_, leet := leetSymbols[rune(r)]
		t[r] = 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || leet
	}
	return
}()

// asciiPart marks the ASCII characters that are part of a word for the
// separator step: letters, digits and the leet symbols that are not also
// separators.
var asciiPart = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		t[r] = asciiWordish[r] && !(innerOnly(rune(r)) && asciiClass[r] == clsSep || r == '|' || r == '+')
	}
	return
}()

// innerOnly are leet symbols that are punctuation unless word characters
// surround them ("sh!t" but not "wow!" or "(so)").
func innerOnly(r rune) bool { return r == '!' || r == '|' || r == '+' || r == '(' || r == '/' }

func isLatinLetter(r rune) bool { return 'a' <= r && r <= 'z' }

// wordish reports whether u can be part of a word for the word-level
// steps: a letter (not Han or kana), a digit, or a leet symbol.
func wordish(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWordish[r]
	}
	if r == '€' {
		return true
	}
	c := classOf(r)
	return c&(cLetter|cHanKana) == cLetter || c&cConfusable != 0
}

// fauxLatin maps Greek and Cyrillic letters that are not confusable by
// Unicode's data but are used as Latin look-alikes in "faux Cyrillic"
// spellings (λ for a, ε for e, я for r). They are read as Latin only in
// words that also hold Latin letters, so Greek and Russian words stay as
// written.
var fauxLatin = map[rune]rune{
	'λ': 'a', 'д': 'a', 'β': 'b', 'в': 'b', 'ь': 'b', 'ъ': 'b', 'ѣ': 'b', 'ϛ': 'c', 'ς': 'c', 'ҁ': 'c', 'ҫ': 'c',
	'δ': 'd', 'ԃ': 'd', 'ε': 'e', 'є': 'e', 'ԑ': 'e', 'ё': 'e', 'э': 'e', 'ғ': 'f', 'ϝ': 'f', 'ԍ': 'g', 'н': 'h', 'ң': 'h',
	'ћ': 'h', 'ђ': 'h', 'ι': 'i', 'ї': 'i', 'κ': 'k', 'к': 'k', 'ҝ': 'k', 'ҟ': 'k', 'л': 'n', 'η': 'n', 'π': 'n', 'п': 'n', 'и': 'n',
	'й': 'n', 'м': 'm', 'μ': 'u', 'θ': 'o', 'σ': 'o', 'ф': 'o', 'ρ': 'p', 'я': 'r', 'г': 'r', 'ѓ': 'r', 'ґ': 'r', 'τ': 't',
	'т': 't', 'υ': 'u', 'ц': 'u', 'џ': 'u', 'ν': 'v', 'ѵ': 'v', 'ω': 'w', 'ш': 'w', 'щ': 'w', 'χ': 'x', 'ж': 'x', 'γ': 'y',
	'ч': 'y', 'ў': 'y', 'з': 'z', 'ӡ': 'z', 'ҏ': 'p', 'ց': 'g', 'ԉ': 'n', 'ӏ': 'l', 'ҍ': 'b', 'ձ': 'a', 'ժ': 'd', 'բ': 'f', 'ի': 'h', 'ҿ': 'e', 'ѻ': 'o', 'ծ': 'o', 'ϙ': 'o', 'փ': 'o', 'ҽ': 'e', 'ϻ': 'm', 'ӻ': 'f', 'դ': 'n',
	'Б': 'b', 'б': 'b', 'Յ': 'b', 'Ͼ': 'c', 'Շ': 'c', 'ԋ': 'h', 'Ҥ': 'h', 'ҥ': 'h', 'Ӊ': 'h', 'ӊ': 'h', 'Ӈ': 'h', 'ӈ': 'h', 'Ή': 'h',
	'յ': 'j', 'Ղ': 'j', 'Ҡ': 'k', 'ҡ': 'k', 'Қ': 'k', 'қ': 'k', 'Ӄ': 'k', 'ӄ': 'k', 'ϗ': 'k', 'ւ': 'l', 'Ն': 'l', 'Լ': 'l',
	'լ': 'l', 'Γ': 'l', 'Ӎ': 'm', 'ӎ': 'm', 'Ҋ': 'n', 'ҋ': 'n', 'ղ': 'n', 'Ѳ': 'o', 'ѳ': 'o', 'Ө': 'o', 'ө': 'o', 'Ӫ': 'o',
	'ӫ': 'o', 'Φ': 'o', 'φ': 'p', 'ր': 'p', 'Ր': 'r', 'ֆ': 's', 'Ҭ': 't', 'ҭ': 't', 'Ե': 't', 'ե': 't', 'է': 't', 'Ϯ': 't',
	'ϯ': 't', 'Ա': 'u', 'մ': 'u', 'Մ': 'u', 'ѿ': 'w', 'Ӿ': 'x', 'ӿ': 'x', 'Ӽ': 'x', 'ӽ': 'x', 'Ҳ': 'x', 'ҳ': 'x', 'ϒ': 'y',
	'ϓ': 'y', 'ϔ': 'y', 'Ϋ': 'y', 'Ύ': 'y', 'Վ': 'y', 'Ϥ': 'y', 'Ұ': 'y', 'ұ': 'y',
}

// lookAlt gives a second reading of look-alikes that stand for two
// letters: ћ is h or n, ք is f or p, ι is i or l.
var lookAlt = map[rune]rune{'ћ': 'n', 'ք': 'p', 'Ή': 'n', 'ι': 'l', 'Б': 'g', 'б': 'g', 'φ': 'o'}

// confusable returns the Latin letter a unit looks like: by its original
// case first (capital Η is H, small η is n), then by its folded form.
func confusable(x unit) (rune, bool) {
	if x.src >= utf8.RuneSelf && classOf(x.src)&cConfusable != 0 {
		return lookupPair(confusableTable[:], x.src)
	}
	if x.r >= utf8.RuneSelf && classOf(x.r)&cConfusable != 0 {
		return lookupPair(confusableTable[:], x.r)
	}
	return x.r, false
}

// words runs the per-word steps: confusables and leetspeak.
func (t *Text) words() {
	u := t.units
	for i := 0; i < len(u); {
		if !wordish(u[i].r) {
			i++
			continue
		}
		lead := 0
		if innerOnly(u[i].r) {
			if lead = leadingSymbols(u, i); lead == 0 {
				i++
				continue
			}
		}
		j := i + lead
		for j < len(u) && wordish(u[j].r) {
			if innerOnly(u[j].r) {
				// A run of inner-only symbols belongs to the word when a
				// word character follows it ("bu//dyke").
				k := j
				for k < len(u) && innerOnly(u[k].r) {
					k++
				}
				if k == len(u) || !wordish(u[k].r) {
					break
				}
				j = k
				continue
			}
			j++
		}
		trail := 0
		if j < len(u) && (u[j].r == '(' || u[j].r == '|') && (j+1 == len(u) || !wordish(u[j+1].r) && u[j+1].r != ')') {
			trail = 1 // "pthc" written "p7h(", "paki" "p@k|"
		}
		t.word(i, j+trail, lead, trail)
		i = max(j+trail, i+1)
	}
}

// leadingSymbols returns how many inner-only symbols starting at u[i] may
// begin a word as letters ("(um", "/0lita", "(/it"): a word character
// must follow them, and an opening parenthesis must not be closed later
// ("(um)" is an aside). It returns 0 when they may not.
func leadingSymbols(u []unit, i int) int {
	if i > 0 && wordish(u[i-1].r) {
		return 0
	}
	k := i
	for k < len(u) && innerOnly(u[k].r) {
		k++
	}
	if k == len(u) || !wordish(u[k].r) || k-i > 2 {
		return 0
	}
	for p := i; p < k; p++ {
		if u[p].r != '(' {
			continue
		}
		for q := k; q < len(u) && u[q].r != '('; q++ {
			if u[q].r == ')' {
				return 0
			}
		}
	}
	return k - i
}

// word runs the per-word steps on the units [i, j), whose first lead and
// last trail units are symbols at the word's edges. Those, and the soft
// symbols inside it, keep their reading as punctuation and are read as
// letters only in a second reading of the word, so "(ass" still holds
// "ass", "and/or" stays as written, "(um" is also read "cum" and
// "bu//dyke" "bulldyke".
func (t *Text) word(i, j, lead, trail int) {
	w0 := t.units[i:j]
	w := w0[lead : len(w0)-trail]
	if lead+trail == 0 && plainWord(w) {
		return
	}
	latin, conf, other := 0, 0, 0
	for _, x := range w {
		_, isConf := confusable(x)
		switch {
		case isLatinLetter(x.r):
			latin++
		case isConf:
			conf++
		case x.r >= utf8.RuneSelf && classOf(x.r)&cLetter != 0:
			other++
		}
	}
	if conf > 0 && (latin > 0 || conf >= 2 && other == 0) || other > 0 && latin > 0 {
		mixed := latin > 0
		for k := range w {
			if w[k].r < utf8.RuneSelf {
				continue
			}
			// By the character as written first (ς is c, though
			// lower-casing makes it σ), then by its folded form.
			x := w[k]
			l, ok := rune(0), false
			if x.src >= utf8.RuneSelf && classOf(x.src)&cConfusable != 0 {
				l, ok = lookupPair(confusableTable[:], x.src)
			}
			if !ok && mixed {
				l, ok = fauxLatin[x.src]
			}
			if !ok && x.r >= utf8.RuneSelf && classOf(x.r)&cConfusable != 0 {
				l, ok = lookupPair(confusableTable[:], x.r)
			}
			if !ok && mixed {
				l, ok = fauxLatin[x.r]
			}
			if ok {
				w[k].r, w[k].steps = l, w[k].steps|StepConfusable
				if a := lookAlt[x.src]; a != 0 && mixed {
					w[k].alt = a
				}
				if isLatinLetter(l) {
					latin++
				}
			}
		}
	}
	if latin == 0 {
		return
	}
	ambiguous, soft := false, lead+trail > 0
	for k := range w {
		ambiguous = ambiguous || w[k].alt != 0
		if softSymbol(w[k].r) {
			w[k].alt, w[k].steps = leetSymbol(w[k].r), w[k].steps|StepLeet
			soft = true
			continue
		}
		if l := leetSymbol(w[k].r); l != 0 {
			w[k].alt = leetAlt(w[k].r)
			ambiguous = ambiguous || w[k].alt != 0
			w[k].r, w[k].steps = l, w[k].steps|StepLeet
			latin++
		}
	}
	switch {
	case latin >= 2:
		for k := range w {
			if l := leetDigit(w[k].r); l != 0 {
				w[k].alt = leetAlt(w[k].r)
				ambiguous = ambiguous || w[k].alt != 0
				w[k].r, w[k].steps = l, w[k].steps|StepLeet
			}
		}
	case vowelDigit(w):
		// One letter among digits is usually a number, a size or a
		// model ("4k", "a55", "b12", "45s"), but with a digit standing
		// for a vowel and the letter not a suffix it may be a short word
		// ("h07", "0n3", "0f"). The
		// letters are its second reading, written with the words on
		// either side so that phrases still match ("m0und 0f venus").
		for k := range w {
			if l := leetDigit(w[k].r); l != 0 {
				w[k].alt, w[k].steps = l, w[k].steps|StepLeet
			}
		}
		ambiguous = true
	}
	for k := range w0 {
		if k < lead || k >= len(w0)-trail {
			w0[k].alt, w0[k].steps = leetSymbol(w0[k].r), w0[k].steps|StepLeet
		}
	}
	// A word of one character ("I") has no second reading worth
	// writing; any other is written again with the words around it, so
	// that phrases still match ("m0und 0f venus", "b@/l gag").
	if ambiguous && len(w0) > 1 || soft {
		a := altRange{fs: w0[0].s, fe: w0[len(w0)-1].e}
		a.s, a.e = t.neighbours(i, j)
		if ambiguous && len(w0) > 1 {
			t.addAlt(a)
			// With "i" read as "l" in one place and "l" as "i" in
			// another, neither reading has every "i".
			asI, asL := false, false
			for _, x := range w {
				asI = asI || x.r == 'i' && x.alt == 'l'
				asL = asL || x.r == 'l' && x.alt == 'i'
			}
			if asI && asL {
				a.how = readAllI
				t.addAlt(a)
			}
		}
		if soft {
			a.how = readSymbols
			t.addAlt(a)
			for _, x := range w0 {
				if innerOnly(x.r) && x.alt != 0 && leetAlt(x.r) != 0 {
					a.how = readSymbolsOther
					t.addAlt(a)
					break
				}
			}
		}
	}
}

// addAlt records an alternative reading, unless the readings already
// cover altBudget times the text: a text made of nothing but ambiguous
// words ("sh1t sh1t …") would otherwise be written out many times over.
func (t *Text) addAlt(a altRange) {
	if t.altLen > altBudget*len(t.orig)+altSlack {
		return
	}
	t.altLen += int(a.e - a.s)
	t.alts = append(t.alts, a)
}

// The alternative readings of a text cover at most altBudget times its
// length, plus altSlack bytes for short texts.
const (
	altBudget = 4
	altSlack  = 1024
)

// altContext is how many words on either side of a word are written with
// its second reading.
const altContext = 3

// neighbours returns the original range of the units [i, j) widened by
// up to altContext words on either side, within its line.
func (t *Text) neighbours(i, j int) (int32, int32) {
	u := t.units
	for n := 0; n < altContext; n++ {
		k := i
		for k > 0 && !wordish(u[k-1].r) && !isHanOrKana(u[k-1].r) && u[k-1].r != '\n' {
			k--
		}
		if k == 0 || !wordish(u[k-1].r) {
			break
		}
		for k > 0 && wordish(u[k-1].r) {
			k--
		}
		i = k
	}
	for n := 0; n < altContext; n++ {
		k := j
		for k < len(u) && !wordish(u[k].r) && !isHanOrKana(u[k].r) && u[k].r != '\n' {
			k++
		}
		if k == len(u) || !wordish(u[k].r) {
			break
		}
		for k < len(u) && wordish(u[k].r) {
			k++
		}
		j = k
	}
	return u[i].s, u[j-1].e
}

// softSymbol reports whether r is a leet symbol that is more often
// punctuation, inside a word too ("and/or", "f(x)"): it is read as a
// letter only in a second reading.
func softSymbol(r rune) bool { return r == '/' || r == '(' }

// plainWord reports whether w is made of lower-case ASCII letters only,
// with no second reading: no per-word step changes it.
func plainWord(w []unit) bool {
	for _, x := range w {
		if x.r < 'a' || x.r > 'z' || x.alt != 0 {
			return false
		}
	}
	return true
}

// vowelDigit reports whether w, a word with one letter, holds a digit
// that leetspeak reads as a vowel (0, 1, 3, 4) and does not end in its
// letter after two digits or more ("45s", "90s", "24h" are numbers).
func vowelDigit(w []unit) bool {
	if len(w) > 2 && isLatinLetter(w[len(w)-1].r) {
		return false
	}
	for _, x := range w {
		switch x.r {
		case '0', '1', '3', '4':
			return true
		}
	}
	return false
}

// isSeparator reports whether r may separate the letters of an evasion
// like "f.u.c.k".
func isSeparator(r rune) bool { return classOf(r)&cSep != 0 }

// Short pieces: runs of words of one or two letters.
const (
	maxPiece       = 2  // letters in a piece
	minJoinedShort = 3  // letters in a joined run
	maxJoinedShort = 12 // letters in a joined run
)

// shortPieces finds runs of pieces of one or two letters, one of them two
// letters, separated by separators other than apostrophes ("fu ck", "pe ni
// s"; never "who're"), and gives each run a second reading with the pieces
// joined. Three-letter pieces are left alone: in Spanish "por no" is not
// one word. The text keeps its first reading, so "is it" stays
// two words, and a term found only in the joined reading must still stand
// as a whole word in the original.
func (t *Text) shortPieces() {
	u := t.units
	// piece returns the end of the run of word characters starting at i.
	piece := func(i int) int {
		j := i
		for j < len(u) && wordish(u[j].r) && !isHanOrKana(u[j].r) {
			j++
		}
		return j
	}
	for i := 0; i < len(u); {
		if !wordish(u[i].r) || isHanOrKana(u[i].r) || i > 0 && wordish(u[i-1].r) && !isHanOrKana(u[i-1].r) {
			i++
			continue
		}
		j := piece(i)
		if j-i > maxPiece {
			i = j
			continue
		}
		start, end := i, j
		pieces, letters, two := 1, j-i, j-i == 2
		for {
			k := end
			for k < len(u) && k-end < maxSeparatorRun && isSeparator(u[k].r) && u[k].r != '\'' {
				k++
			}
			if k == end || k == len(u) || !wordish(u[k].r) || isHanOrKana(u[k].r) {
				break
			}
			l := piece(k)
			if l-k > maxPiece || letters+l-k > maxJoinedShort {
				break
			}
			pieces, letters, end = pieces+1, letters+l-k, l
			two = two || l-k == 2
		}
		// A run inside a hyphenated or dotted word ("Pa-ki-xtan") is part
		// of that word, not a spelled-out one.
		glued := func(sep, word int) bool {
			return sep >= 0 && sep < len(u) && word >= 0 && word < len(u) && isSeparator(u[sep].r) &&
				!classSpace(u[sep].r) && wordish(u[word].r)
		}
		if glued(end, end+1) || glued(start-1, start-2) {
			i = end
			continue
		}
		if pieces >= 2 && two && letters >= minJoinedShort {
			t.addAlt(altRange{s: u[start].s, e: u[end-1].e, how: readJoined})
		}
		i = end
	}
}

func classSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' }

// isSoftSeparator reports whether r is a space or a symbol that may be
// dropped between two Han characters; sentence punctuation is not.
func isSoftSeparator(r rune) bool { return classOf(r)&cSoftSep != 0 }

// maxSeparatorRun bounds the separators between two letters of a chain.
const maxSeparatorRun = 6

// separators drops separators inside chains of two or more single
// characters, as in "f u c k" or "$.h.1.t"; a chain holds at least two
// letters, so "1 4 8 8" stays as written. Between two Han or kana
// characters, spaces and soft separators are dropped ("傻 逼"), but not
// sentence punctuation.
func (t *Text) separators() {
	u := t.units
	han := func(i int) bool { return isHanOrKana(u[i].r) }
	// single reports whether u[i] stands alone: a letter, digit or leet
	// symbol that no other one touches. Han and kana are handled apart.
	// A symbol that is both a separator and a leet letter ("/", "|",
	// "+") separates: "a/n/a/l" is a chain, "bu//dyke" a word.
	part := func(i int) bool {
		if r := u[i].r; r < utf8.RuneSelf {
			return asciiPart[r]
		}
		return wordish(u[i].r) && !han(i)
	}
	single := func(i int) bool {
		if !part(i) {
			return false
		}
		if i > 0 && part(i-1) {
			return false
		}
		return i+1 == len(u) || !part(i+1)
	}
	out := u[:0]
	var chain []int
	for i := 0; i < len(u); {
		// Between two Han or kana characters, spaces and soft separators
		// are dropped: Chinese and Japanese words hold none.
		if isSoftSeparator(u[i].r) && len(out) > 0 && isHanOrKana(out[len(out)-1].r) {
			k := i
			for k < len(u) && k-i < maxSeparatorRun && isSoftSeparator(u[k].r) {
				k++
			}
			// A Han character, or one letter or digit standing alone
			// ("妈 B"), may follow.
			if k < len(u) && (han(k) || wordish(u[k].r) && (k+1 == len(u) || !wordish(u[k+1].r) || han(k+1))) {
				x := u[k]
				x.steps |= StepSeparator
				out = append(out, x)
				i = k + 1
				continue
			}
		}
		if !single(i) {
			out = append(out, u[i])
			i++
			continue
		}
		chain = append(chain[:0], i)
		letters := 0
		if isLetterUnit(u[i].r) {
			letters++
		}
		// All the separators of a chain are of one kind, spaces or
		// punctuation, so "such a a.s.s" chains "a.s.s" and not the
		// article before it.
		kind := -1
		for j := i + 1; j < len(u); {
			k := j
			spaces := true
			for k < len(u) && k-j < maxSeparatorRun && isSeparator(u[k].r) {
				spaces = spaces && unicode.IsSpace(u[k].r)
				k++
			}
			if k == j || k == len(u) || !single(k) {
				break
			}
			this := 0
			if spaces {
				this = 1
			}
			if kind >= 0 && this != kind {
				if len(chain) == 2 {
					// The first link was of the other kind: the chain
					// starts at its second member.
					out = append(out, u[i:chain[1]]...)
					i = chain[1]
					chain = append(chain[:0], i)
					letters = 0
					if isLetterUnit(u[i].r) {
						letters++
					}
					kind = this
					chain = append(chain, k)
					if isLetterUnit(u[k].r) {
						letters++
					}
					j = k + 1
					continue
				}
				break
			}
			kind = this
			chain = append(chain, k)
			if isLetterUnit(u[k].r) {
				letters++
			}
			j = k + 1
		}
		if len(chain) < 2 || letters < 2 {
			out = append(out, u[i])
			i++
			continue
		}
		for _, c := range chain {
			x := u[c]
			x.steps |= StepSeparator
			out = append(out, x)
		}
		i = chain[len(chain)-1] + 1
	}
	t.units = out
}

func isLetterUnit(r rune) bool {
	return r < utf8.RuneSelf && isLatinLetter(r) || r >= utf8.RuneSelf && classOf(r)&cLetter != 0
}

// repeats collapses runs of the same letter in scripts written with
// spaces, recording each run's length.
func (t *Text) repeats() {
	u := t.units
	out := u[:0]
	for i := 0; i < len(u); i++ {
		x := u[i]
		if n := len(out); n > 0 && x.r == out[n-1].r && isLetterUnit(x.r) && !isHanOrKana(x.r) && out[n-1].rep < 1<<15 {
			p := &out[n-1]
			// A run whose characters read differently the second
			// time ("j@|lbait": the "|" is also "i") keeps which end
			// of it does.
			switch {
			case p.alt == x.alt && p.altAt == 0:
			case p.rep == 1 && x.alt == 0:
				p.altAt = 1
			case p.alt == 0 && p.altAt == 0:
				p.alt, p.altAt = x.alt, -1
			default:
				out = append(out, x)
				continue
			}
			p.e = x.e
			p.rep++
			p.steps |= x.steps
			continue
		}
		out = append(out, x)
	}
	t.units = out
}

// splitPairs joins Chinese characters written as their two components.
var splitPairs = map[[2]rune]rune{
	{'女', '马'}: '妈',
	{'弓', '虽'}: '强',
	{'身', '寸'}: '射',
	{'扌', '喿'}: '操',
	{'亻', '尔'}: '你',
	{'氵', '去'}: '法',
	{'木', '奉'}: '棒',
	{'口', '勿'}: '吻',
}

// splits joins split characters. A pair is read as folded (女馬 is 女马)
// or as written (扌喿, though 喿 alone folds to 噪).
func (t *Text) splits() {
	u := t.units
	found := false
	for i := range u {
		if u[i].r >= 0x2E80 && classOf(u[i].r)&cSplitFirst != 0 {
			found = true
			break
		}
	}
	if !found {
		return
	}
	out := u[:0]
	for i := 0; i < len(u); i++ {
		if i+1 < len(u) && u[i].r >= 0x2E80 && classOf(u[i].r)&cSplitFirst != 0 {
			c, ok := splitPairs[[2]rune{u[i].r, u[i+1].r}]
			if !ok {
				c, ok = splitPairs[[2]rune{u[i].src, u[i+1].src}]
			}
			if ok {
				x := u[i]
				x.r, x.e, x.steps = c, u[i+1].e, x.steps|u[i+1].steps|StepSplit
				out = append(out, x)
				i++
				continue
			}
		}
		out = append(out, u[i])
	}
	t.units = out
}

// encode writes the normalised bytes and the offset of every unit.
func (t *Text) encode() {
	buf := t.buf[:0]
	identity := true
	prevEnd := int32(0)
	for _, x := range t.units {
		t.starts = append(t.starts, int32(len(buf)))
		buf = utf8.AppendRune(buf, x.r)
		if identity && (x.s != prevEnd || int(x.e-x.s) != len(buf)-int(t.starts[len(t.starts)-1])) {
			identity = false
		}
		prevEnd = x.e
	}
	t.identity = identity && int(prevEnd) == len(t.orig) && string(buf) == t.orig
	t.mainLen = len(buf)
	// Words with ambiguous leet characters are written again after the
	// text, each on its own line, with the other reading ("sh1t" is also
	// "shlt", so "l1ck" can be read as "lick").
	n := len(t.units)
	for _, a := range t.alts {
		t.identity = false
		buf = append(buf, '\n')
		first := len(t.units)
		k := sort.Search(n, func(k int) bool { return t.units[k].s >= a.s })
		for ; k < n && t.units[k].s < a.e; k++ {
			x := t.units[k]
			if x.e > a.e {
				continue
			}
			if a.how == readJoined {
				if !wordish(x.r) {
					continue
				}
				x.steps |= StepSeparator
			} else if x.alt != 0 && x.s >= a.fs && x.e <= a.fe && (a.how < readSymbols || innerOnly(x.r)) {
				if x.altAt != 0 {
					// One end of the run reads differently: write it
					// as two units.
					y := x
					y.r, y.rep, x.rep = x.alt, 1, x.rep-1
					if x.altAt > 0 {
						buf = t.appendAlt(buf, first, y)
						buf = t.appendAlt(buf, first, x)
					} else {
						buf = t.appendAlt(buf, first, x)
						buf = t.appendAlt(buf, first, y)
					}
					continue
				}
				x.r = a.how.letter(x)
			}
			buf = t.appendAlt(buf, first, x)
		}
	}
	t.buf = buf
	t.norm = buf
}

// appendAlt appends x to an alternative reading that began at unit first.
// Letters that come together in the reading collapse as in the text ("as
// s" reads "ass", "bu//dyke" "buldyke").
func (t *Text) appendAlt(buf []byte, first int, x unit) []byte {
	if m := len(t.units); m > first && t.units[m-1].r == x.r && isLetterUnit(x.r) {
		p := &t.units[m-1]
		p.e, p.rep, p.steps = x.e, p.rep+x.rep, p.steps|x.steps
		return buf
	}
	t.units = append(t.units, x)
	t.starts = append(t.starts, int32(len(buf)))
	return utf8.AppendRune(buf, x.r)
}

// unitAt returns the index of the unit holding normalised offset x.
func (t *Text) unitAt(x int) int {
	return sort.Search(len(t.starts), func(i int) bool { return int(t.starts[i]) > x }) - 1
}

// OriginalSpan maps the normalised byte range [start, end) back to the
// range of the original text it came from. start and end must be rune
// boundaries of the normalised text, start < end.
func (t *Text) OriginalSpan(start, end int) (int, int) {
	if t.identity {
		return start, end
	}
	i, j := t.unitAt(start), t.unitAt(end-1)
	if i < 0 || j < 0 {
		return 0, 0
	}
	return int(t.units[i].s), int(t.units[j].e)
}

// NormalizedRange returns the range of the normalised text proper (before
// any alternative readings) made from the characters that lie within the
// original range [start, end).
func (t *Text) NormalizedRange(start, end int) (int, int) {
	if t.identity {
		return min(start, t.mainLen), min(end, t.mainLen)
	}
	n := t.mainUnits()
	i := sort.Search(n, func(k int) bool { return int(t.units[k].s) >= start })
	j := sort.Search(n, func(k int) bool { return int(t.units[k].e) > end })
	if j <= i {
		return 0, 0
	}
	ns := int(t.starts[i])
	ne := t.mainLen
	if j < n {
		ne = int(t.starts[j])
	}
	return ns, ne
}

// Steps returns the steps that produced the normalised range [start, end).
func (t *Text) Steps(start, end int) Step {
	if t.identity || start >= end {
		return 0
	}
	var s Step
	for i := max(t.unitAt(start), 0); i < len(t.units) && int(t.starts[i]) < end; i++ {
		s |= t.units[i].steps
	}
	return s
}

// Repeats appends to dst the run length behind each character of the
// normalised range [start, end): 1 unless repeated letters were collapsed.
func (t *Text) Repeats(dst []uint16, start, end int) []uint16 {
	if t.identity {
		for range utf8.RuneCount(t.norm[start:end]) {
			dst = append(dst, 1)
		}
		return dst
	}
	for i := max(t.unitAt(start), 0); i < len(t.units) && int(t.starts[i]) < end; i++ {
		dst = append(dst, t.units[i].rep)
	}
	return dst
}
